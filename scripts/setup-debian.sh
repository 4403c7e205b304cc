#!/usr/bin/env bash
# Installs the Debian packages Ombud builds against (C headers for libcurl, libxml2, SQLite, liblinear).
# As root it installs what is missing; otherwise it prints the command to run and fails.
set -euo pipefail
packages=(libcurl4-openssl-dev libxml2-dev libsqlite3-dev liblinear-dev pkg-config)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ! command -v swift >/dev/null 2>&1; then
  echo "Ombud needs the Swift 6.1+ toolchain on PATH (swift)." >&2
  exit 1
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing ${missing[*]} ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "Ombud needs these Debian packages: ${missing[*]}" >&2
  echo "Install them with:  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
