#!/usr/bin/env bash
# Grouping benchmark: ombud's grouper and datasketch's MinHash + MinHashLSH (128 permutations,
# update_batch) assign the same 100,000 synthetic complaint posts incrementally, one core each,
# in one run. Prints posts/s, the time per post as the stored cases grow, peak RSS, B-cubed
# against the stream's events, and the ratios. Not part of `make test`: run `make bench`.
#
# The peer runs twice: with MinHashLSH threshold 0.3, low enough to find two differently worded
# reports of one event (their 3-gram similarity is 0.1–0.25), which is the job; and with 0.5,
# which finds near copies only (faster, and it misses most same-event pairs).
#   POSTS=100000 UNTIL_CASES=100000 THRESHOLDS="0.3 0.5" bench/grouping-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
POSTS=${POSTS:-100000}
UNTIL_CASES=${UNTIL_CASES:-100000}
THRESHOLDS=${THRESHOLDS:-0.3 0.5}
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
value() { grep "^RESULT $1 " "$2" | tr ' ' '\n' | grep "^$3=" | cut -d= -f2; }
ours=$(value ombud "$work/ombud.out" posts_per_second)
ours_rss=$(value ombud "$work/ombud.out" rss_mb)
summary=()
for threshold in $THRESHOLDS; do
  echo "== datasketch: the same $POSTS posts (MinHashLSH threshold $threshold)"
  "${one_core[@]}" "$venv/bin/python" bench/datasketch_grouping.py "$work/posts.jsonl" --threshold "$threshold" | tee "$work/peer-$threshold.out"
  summary+=("$threshold $(value datasketch "$work/peer-$threshold.out" posts_per_second) $(value datasketch "$work/peer-$threshold.out" rss_mb)")
done

echo "== result"
python3 - "$ours" "$ours_rss" "${summary[@]}" <<'PY'
import sys
ours, ours_rss = float(sys.argv[1]), float(sys.argv[2])
mark = lambda ok: "met" if ok else "NOT met"
print(f"ombud: {ours:.0f} posts/s (target at least 20,000) [{mark(ours >= 20000)}]; "
      f"peak RSS {ours_rss:.0f} MB (target at most 300) [{mark(ours_rss <= 300)}]")
for line in sys.argv[3:]:
    threshold, theirs, theirs_rss = line.split()
    theirs, theirs_rss = float(theirs), float(theirs_rss)
    print(f"vs datasketch (threshold {threshold}): {theirs:.0f} posts/s, {theirs_rss:.0f} MB -> ombud {ours / theirs:.1f}x faster "
          f"(target 10x) [{mark(ours / theirs >= 10)}], {theirs_rss / ours_rss:.1f}x less memory")
PY
