#!/usr/bin/env python3
"""How far two labelers of the same corpus agree: the ceiling a judgment score can be read against.

usage: scripts/label-agreement.py LABELED.jsonl SECOND.jsonl
Both files hold {"id", "is_complaint", "categories", "flags"} per post (the first may hold more);
the first is taken as the truth. Prints complaint precision / recall / F1, category agreement on
the posts both call complaints, and each flag's precision / recall / F1.
"""
import json
import sys


def read(path):
    with open(path, encoding="utf-8") as lines:
        return {post["id"]: post for post in map(json.loads, filter(str.strip, lines))}


def scores(tp, fp, fn):
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f"precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    first, second = read(sys.argv[1]), read(sys.argv[2])
    missing = sorted(set(first) ^ set(second))
    if missing:
        sys.exit(f"the files label different posts, e.g. {missing[:5]}")
    def count(test):
        tp = sum(1 for i in first if test(first[i]) and test(second[i]))
        fp = sum(1 for i in first if test(second[i]) and not test(first[i]))
        fn = sum(1 for i in first if test(first[i]) and not test(second[i]))
        return tp, fp, fn
    print(f"{len(first)} posts")
    print("complaint", scores(*count(lambda post: post["is_complaint"])))
    both = [i for i in first if first[i]["is_complaint"] and second[i]["is_complaint"]]
    same = sum(1 for i in both if first[i]["categories"][:1] == second[i]["categories"][:1])
    print(f"category agreement {same / len(both):.3f} over {len(both)} posts both call complaints")
    for flag in ["media_threat", "legal_threat", "collective", "safety", "repeat"]:
        print(f"flag {flag}", scores(*count(lambda post: flag in post["flags"])))


if __name__ == "__main__":
    main()
