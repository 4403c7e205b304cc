#!/usr/bin/env bash
# Processing-pass benchmark: one `ombud process` pass with nothing new and with 100 new posts, on
# stores of 10,000 and 1,000,000 stored posts (30 days of synthetic forum history, a tenth of it
# complaints), each measured in its own process on one core, with peak RSS; prints the figures
# side by side, their ratio and the targets (≤ 50 ms, ≤ 1 s, ≤ 200 MB at 1,000,000 posts).
# Stores are prepared once through the real pipeline and kept in .build/bench-pipeline.
#   SIZES=10000,1000000 bench/pipeline-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-10000,1000000}
echo "== building ombud-bench (release)"
swift build -c release --product ombud-bench >/dev/null
one_core=()
command -v taskset >/dev/null 2>&1 && one_core=(taskset -c 0)
"${one_core[@]}" .build/release/ombud-bench pipeline --sizes "$SIZES" --folder .build/bench-pipeline
