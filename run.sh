#!/usr/bin/env bash
# The main job: runs a training orchestration end to end on the embedded SQLite store (.data/) and
# prints its history. (Until the Functions-style host lands, this sample is the main job.)
set -euo pipefail
cd "$(dirname "$0")"
source scripts/require-dotnet.sh
dotnet run --project samples/MLOps.Durable.Samples --configuration Release -- "${MLOPS_DATA_DIR:-$PWD/.data}" "$@"
