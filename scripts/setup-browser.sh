#!/usr/bin/env bash
# Installs what the real-browser test needs: Debian's chromium and chromium-driver (apt, as root),
# and Python selenium from PyPI in a virtual environment under .build/ (never committed).
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(chromium chromium-driver)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing ${missing[*]} for the browser test ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "The browser test needs these Debian packages: ${missing[*]}" >&2
    echo "Install them with:  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
venv=.build/browser-venv
if ! "$venv/bin/python" -c "import selenium" 2>/dev/null; then
  echo "Installing selenium into $venv ..."
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "selenium>=4.20,<5"
fi
