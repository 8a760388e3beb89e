# Sourced by the top-level scripts: stops with a clear message when the .NET 10 SDK is missing.
if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET SDK is not on PATH; install the .NET 10 SDK (https://dot.net) and run this again." >&2
  exit 1
fi
sdk_major=$(dotnet --version 2>/dev/null | cut -d. -f1)
if [ "${sdk_major:-0}" -lt 10 ]; then
  echo "error: the .NET SDK on PATH is $(dotnet --version); MLOps.Durable needs .NET 10 or later." >&2
  exit 1
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
