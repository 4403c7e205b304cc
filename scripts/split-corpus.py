#!/usr/bin/env python3
"""Splits labeled corpora by thread into train and test, once, before any tuning.

    scripts/split-corpus.py OUT_DIR FILE.jsonl [FILE.jsonl ...]

A thread goes to test when the FNV-1a 64 digest of its id is divisible by 4 (about a quarter of
the threads), so the split never depends on file order and a thread is never cut in two. Writes
OUT_DIR/train.jsonl and OUT_DIR/test.jsonl, posts in input order.
"""
import json
import sys


def fnv1a64(text):
    h = 0xcbf29ce484222325
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def main():
    out, files = sys.argv[1], sys.argv[2:]
    train, test = [], []
    for path in files:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    continue
                post = json.loads(line)
                (test if fnv1a64(post["thread"]) % 4 == 0 else train).append(line.rstrip("\n"))
    for name, lines in (("train", train), ("test", test)):
        with open(f"{out}/{name}.jsonl", "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
        print(f"{name}: {len(lines)} posts, {len({json.loads(l)['thread'] for l in lines})} threads")


if __name__ == "__main__":
    main()
