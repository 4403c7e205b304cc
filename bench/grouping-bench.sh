#!/usr/bin/env bash
# Grouping benchmark: ombud's grouper and datasketch's MinHash + MinHashLSH (128 permutations,
# update_batch) assign the same 100,000 synthetic complaint posts incrementally, one core each,
# in one run. Prints posts/s, the time per post as the stored cases grow, peak RSS, B-cubed
# against the stream's events, and the ratios. Not part of `make test`: run `make bench`.
#   POSTS=100000 UNTIL_CASES=100000 THRESHOLD=0.5 bench/grouping-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
POSTS=${POSTS:-100000}
UNTIL_CASES=${UNTIL_CASES:-100000}
THRESHOLD=${THRESHOLD:-0.5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 -c 'import venv' 2>/dev/null || { echo "the benchmark needs python3-venv (sudo apt-get install -y python3-venv)" >&2; exit 1; }
venv=.build-bench/venv
if ! "$venv/bin/python" -c 'import datasketch' 2>/dev/null; then
  echo "== installing datasketch into $venv"
  [ -x "$venv/bin/pip" ] || python3 -m venv "$venv"
  "$venv/bin/pip" install -q datasketch
fi

echo "== building ombud-bench (release)"
swift build -c release --product ombud-bench >/dev/null
one_core=()
command -v taskset >/dev/null 2>&1 && one_core=(taskset -c 0)

echo "== ombud: $POSTS posts, then on to $UNTIL_CASES stored cases"
"${one_core[@]}" .build/release/ombud-bench grouping --posts "$POSTS" --until-cases "$UNTIL_CASES" --export "$work/posts.jsonl" \
  | tee "$work/ombud.out"
echo "== datasketch: the same $POSTS posts (MinHashLSH threshold $THRESHOLD)"
"${one_core[@]}" "$venv/bin/python" bench/datasketch_grouping.py "$work/posts.jsonl" --threshold "$THRESHOLD" | tee "$work/peer.out"

value() { grep "^RESULT $1 " "$2" | tr ' ' '\n' | grep "^$3=" | cut -d= -f2; }
ours=$(value ombud "$work/ombud.out" posts_per_second)
ours_rss=$(value ombud "$work/ombud.out" rss_mb)
theirs=$(value datasketch "$work/peer.out" posts_per_second)
theirs_rss=$(value datasketch "$work/peer.out" rss_mb)
echo "== result"
python3 - "$ours" "$theirs" "$ours_rss" "$theirs_rss" <<'PY'
import sys
ours, theirs, ours_rss, theirs_rss = map(float, sys.argv[1:])
print(f"speed: ombud {ours:.0f} posts/s vs datasketch {theirs:.0f} posts/s = {ours / theirs:.1f}x (target 10x) "
      f"[{'met' if ours / theirs >= 10 else 'NOT met'}]")
print(f"speed floor: ombud {ours:.0f} posts/s (target 20,000) [{'met' if ours >= 20000 else 'NOT met'}]")
print(f"memory: ombud {ours_rss:.0f} MB vs datasketch {theirs_rss:.0f} MB = {theirs_rss / ours_rss:.1f}x less "
      f"(target at most 300 MB) [{'met' if ours_rss <= 300 else 'NOT met'}]")
PY
