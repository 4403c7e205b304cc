#!/usr/bin/env bash
# Dashboard benchmark: 10,000 cases stored, the queue page under wrk (32 connections, loopback)
# for 30 s; prints wrk's latency distribution and the p99 against the 50 ms target.
#   CASES=10000 SECONDS_RUN=30 bench/queue-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk curl >/dev/null
  else
    echo "the benchmark needs wrk and curl (sudo apt-get install -y wrk curl)" >&2; exit 1
  fi
fi
echo "== building ombud-bench (release)"
swift build -c release --product ombud-bench >/dev/null
.build/release/ombud-bench queue --cases "${CASES:-10000}" --connections 32 --seconds "${SECONDS_RUN:-30}"
