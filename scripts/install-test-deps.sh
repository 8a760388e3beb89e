#!/usr/bin/env bash
# Installs what the tests need beyond NuGet, and does nothing when it is already there:
#  - npm onnxruntime-node (pinned in package.json / package-lock.json) for the ONNX Runtime CPU library
#    libonnxruntime.so.1; --ignore-scripts because its install script downloads from a CDN we do not need.
#  - npm azurite, the Azure Storage emulator the storage tests start on free loopback ports.
#  - Debian python3-onnx, whose onnx.checker validates the ONNX files the ML tests write.
#  - Debian chromium, the headless browser the dashboard tests drive through Microsoft.Playwright (the NuGet
#    package brings its own driver and node; Playwright's browser download needs a CDN this network lacks).
set -euo pipefail
cd "$(dirname "$0")/.."

ort_package=node_modules/onnxruntime-node
ort_library=$ort_package/bin/napi-v6/linux/x64/libonnxruntime.so.1

# npm keeps a copy of the lock it installed from in node_modules/.package-lock.json; when that copy is
# newer than package-lock.json and the library is there, node_modules matches the lock.
if [ -f "$ort_library" ] && [ -f node_modules/azurite/dist/src/azurite.js ] && [ -f node_modules/.package-lock.json ] \
   && [ ! package-lock.json -nt node_modules/.package-lock.json ]; then
  :
elif command -v npm >/dev/null 2>&1; then
  echo "install-test-deps: npm ci --ignore-scripts (onnxruntime-node, azurite)"
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
else
  echo "warning: npm is not on PATH, so ONNX Runtime ($ort_library) is not installed; install Node.js 20+ and run this again." >&2
fi

# One apt-get update for both packages on a fresh machine.
if ! bash scripts/apt-ensure.sh python3-onnx chromium; then
  echo "         The ONNX checker tests fail until python3-onnx is installed (or set MLOPS_ALLOW_MISSING_PYTHON_ONNX=1 to skip them);" >&2
  echo "         the dashboard browser tests fail until chromium is installed (or set MLOPS_CHROMIUM_PATH to another Chromium)." >&2
fi
