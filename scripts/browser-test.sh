#!/usr/bin/env bash
# The real-browser test: `ombud demo` on free ports with a fresh database, driven by Debian's
# headless chromium through selenium (Tests/Browser/dashboard_flow.py). A failure keeps a
# screenshot and the page's HTML in var/browser/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-browser.sh
work=$(mktemp -d)
demo_pid=""
cleanup() {
  if [ -n "$demo_pid" ]; then kill "$demo_pid" 2>/dev/null || true; wait "$demo_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
if ! swift build --product ombud >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  exit 1
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$(swift build --show-bin-path)/ombud" demo --port "$port" --forum-port 0 --database "$work/demo.sqlite" >"$work/demo.out" 2>"$work/demo.err" &
demo_pid=$!
for _ in $(seq 1 240); do
  grep -q "Press Ctrl-C" "$work/demo.out" 2>/dev/null && break
  if ! kill -0 "$demo_pid" 2>/dev/null; then
    echo "ombud demo stopped before serving the dashboard:" >&2
    cat "$work/demo.out" "$work/demo.err" >&2
    exit 1
  fi
  sleep 0.5
done
password=$(awk '$1 == "demo-staff" { print $2 }' "$work/demo.out")
if [ -z "$password" ]; then
  echo "ombud demo printed no password for demo-staff:" >&2
  cat "$work/demo.out" >&2
  exit 1
fi
.build/browser-venv/bin/python Tests/Browser/dashboard_flow.py --url "http://127.0.0.1:$port" --user demo-staff --password "$password" \
  --artifacts var/browser
