#!/usr/bin/env bash
# The main job: the Functions-style host on http://localhost:7071 with the sample training orchestration,
# on the store host.json selects (the embedded SQLite store in .data/ by default, or Azure Storage / Azurite),
# reading host.json and local.settings.json from this folder.
# Extra arguments go to the host (for example --urls http://127.0.0.1:8080).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/require-dotnet.sh
exec dotnet run --project src/MLOps.Durable.Host --configuration Release -- --contentRoot "$PWD" "$@"
