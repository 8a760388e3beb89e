#!/usr/bin/env bash
# Runs every test of the solution. Installs what the tests need first (idempotent: NuGet packages
# restored by dotnet itself, plus ONNX Runtime and Azurite from npm, python3-onnx and chromium from apt via
# scripts/install-test-deps.sh, which returns at once when they are already there).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/require-dotnet.sh
bash scripts/install-test-deps.sh
dotnet restore MLOps.Durable.sln --verbosity quiet
dotnet build MLOps.Durable.sln --no-restore --configuration Release --verbosity quiet -nologo
dotnet test MLOps.Durable.sln --no-build --configuration Release --verbosity quiet -nologo "$@"
