#!/usr/bin/env bash
# Runs every test of the solution. Installs what the tests need first (idempotent; today only NuGet
# packages, restored by dotnet itself).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/require-dotnet.sh
dotnet restore MLOps.Durable.sln --verbosity quiet
dotnet build MLOps.Durable.sln --no-restore --configuration Release --verbosity quiet -nologo
dotnet test MLOps.Durable.sln --no-build --configuration Release --verbosity quiet -nologo "$@"
