#!/usr/bin/env bash
# The ML benchmark in one command: installs the reference (Debian scikit-learn and XGBoost) and the ONNX
# Runtime library when missing, then runs our trainers and the reference on the same rows and folds.
# Usage: bash bench/ml.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/require-dotnet.sh
bash scripts/apt-ensure.sh python3-sklearn python3-xgboost || echo "warning: the reference columns will be empty." >&2
bash scripts/install-test-deps.sh
dotnet run --project bench/MLOps.Durable.ML.Bench -c Release -- "$@"
