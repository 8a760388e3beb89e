#!/usr/bin/env bash
# The load benchmark in one command: builds the host and the bench in Release, then runs pipeline bursts on SQLite
# and on Azurite and the prediction endpoint under load next to a constant endpoint (bench/MLOps.Durable.LoadBench).
# Needs node_modules (azurite, onnxruntime-node) from scripts/install-test-deps.sh, which test.sh runs.
# Usage: bash bench/load.sh [--quick] [--no-azurite]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/require-dotnet.sh
dotnet build bench/MLOps.Durable.LoadBench -c Release --nologo -v quiet
exec dotnet bench/MLOps.Durable.LoadBench/bin/Release/net10.0/MLOps.Durable.LoadBench.dll "$@"
