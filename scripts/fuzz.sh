#!/bin/sh
# Fuzzing (make bench runs it): mutated forum pages through every site profile and mutated
# configurations and templates through the checks every command runs at load. ombud-bench counts
# refusals, slow pages (> 10 s), silent partial pages and errors without a file or fix; this
# script adds what the process itself cannot report: a crash (a signal) or a hang (over 15 minutes).
set -u
cd "$(dirname "$0")/.."
log=$(mktemp); trap 'rm -f "$log"' EXIT
swift build -c release --product ombud-bench >"$log" 2>&1 || { cat "$log"; echo "fuzz: the build failed"; exit 1; }
timeout 900 .build/release/ombud-bench fuzz "$@"
status=$?
case $status in
  0) ;;
  124) echo "fuzz: HANG: the run did not finish in 15 minutes"; exit 1 ;;
  *) echo "fuzz: CRASH: ombud-bench fuzz ended with status $status (a signal is 128 + its number)"; exit 1 ;;
esac
