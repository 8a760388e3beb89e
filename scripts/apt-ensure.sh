#!/usr/bin/env bash
# Installs the named Debian packages that are missing; does nothing when all are there.
# Usage: bash scripts/apt-ensure.sh PACKAGE... ; needs root (or prints what to run) and apt-get.
set -euo pipefail

missing=()
for package in "$@"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "apt-ensure: apt-get install ${missing[*]}"
  # Other builds on the machine may hold the dpkg lock for a while: wait for it rather than fail.
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "warning: Debian packages missing and this is not root: run 'sudo apt-get update && sudo apt-get install -y ${missing[*]}'." >&2
  exit 1
fi
