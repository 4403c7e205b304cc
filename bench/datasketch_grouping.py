"""The peer for `make bench`'s grouping benchmark: the same incremental assignment with
datasketch's MinHash (128 permutations, update_batch) and MinHashLSH.

Reads the posts ombud-bench exported (text, time, truth, triage's verdict and category, and
the specifics and issues our grouper reads, so this side spends no time on regular
expressions), assigns them in time order, and prints what it measured:

    python bench/datasketch_grouping.py posts.jsonl [--threshold 0.3]

Each complaint post is shingled into character 3-grams (letters and digits, lower case),
turned into a MinHash, and looked up in the LSH index; every post found there offers its case.
A post joins the open case with the best score at or above join_score, where the score is the
estimated Jaccard similarity plus the weights of the specifics and issues both name, minus the
conflict penalty for an exclusive kind (building, unit, zone) named differently and the other
category penalty -- the same terms as ombud's grouper, within the same time window.
"""
import json
import resource
import sys
import time

from datasketch import MinHash, MinHashLSH


def bcubed(gold, predicted):
    by_gold, by_pred = {}, {}
    for item, label in gold.items():
        by_gold.setdefault(label, set()).add(item)
        by_pred.setdefault(predicted.get(item, "single:" + item), set()).add(item)
    precision = recall = 0.0
    for item, label in gold.items():
        cluster = by_pred[predicted.get(item, "single:" + item)]
        same = len(by_gold[label] & cluster)
        precision += same / len(cluster)
        recall += same / len(by_gold[label])
    return precision / len(gold), recall / len(gold)


def main():
    path = sys.argv[1]
    threshold = float(sys.argv[sys.argv.index("--threshold") + 1]) if "--threshold" in sys.argv else 0.3
    with open(path, encoding="utf-8") as handle:
        header = json.loads(handle.readline())
        posts = [json.loads(line) for line in handle]
    join_score = header["join_score"]
    window = header["window_hours"] * 3600
    conflict = header["conflict_penalty"]
    other_category = header["other_category_penalty"]
    exclusive = set(header["exclusive"])

    template = MinHash(num_perm=128)
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    signatures = {}           # post id -> MinHash
    case_of_post = {}         # post id -> case id
    cases = {}                # case id -> {"keys": set, "kinds": {kind: set}, "last": t, "category": str}
    predicted, truth = {}, {}
    candidates_seen = 0
    checkpoints = {}
    started = time.perf_counter()
    for number, post in enumerate(posts, 1):
        if not post["complaint"]:
            continue
        text = "".join(c for c in post["text"].lower() if c.isalnum())
        shingles = {text[i:i + 3] for i in range(max(1, len(text) - 2))}
        m = MinHash(num_perm=128, permutations=template.permutations, scheme=template.scheme)
        m.update_batch([s.encode("utf-8") for s in shingles])
        keys = post["keys"]
        kinds = {}
        for key in keys:
            kind, _, value = key.partition(":")
            kinds.setdefault(kind, set()).add(key)
        found = lsh.query(m)
        candidates_seen += len(found)
        best, best_score = None, None
        for other in found:
            case_id = case_of_post[other]
            case = cases[case_id]
            if abs(post["t"] - case["last"]) > window:
                continue
            similarity = m.jaccard(signatures[other])
            score = similarity + sum(weight for key, weight in keys.items() if key in case["keys"])
            for kind in exclusive:
                if kind in kinds and kind in case["kinds"] and not (kinds[kind] & case["kinds"][kind]):
                    score -= conflict
            if post["category"] != case["category"] and similarity < 0.8:
                score -= other_category
            if score >= join_score and (best_score is None or score > best_score):
                best, best_score = case_id, score
        if best is None:
            best = post["id"]
            cases[best] = {"keys": set(), "kinds": {}, "last": post["t"], "category": post["category"]}
        case = cases[best]
        case["keys"].update(keys)
        for kind, values in kinds.items():
            case["kinds"].setdefault(kind, set()).update(values)
        case["last"] = max(case["last"], post["t"])
        case_of_post[post["id"]] = best
        signatures[post["id"]] = m
        lsh.insert(post["id"], m)
        predicted[post["id"]] = best
        truth[post["id"]] = str(post["event"])
        if number in (1_000, 10_000, 100_000) or number == len(posts):
            checkpoints[number] = (time.perf_counter() - started, candidates_seen, len(predicted))
    seconds = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"datasketch: {len(posts)} posts in {seconds:.2f} s = {len(posts) / seconds:.0f} posts/s; {len(cases)} cases; "
          f"peak RSS {rss:.0f} MB (MinHashLSH threshold {threshold}, 128 permutations)")
    previous = (0.0, 0, 0)
    for number in sorted(checkpoints):
        elapsed, seen, assigned = checkpoints[number]
        span = max(1, assigned - previous[2])
        print(f"datasketch: up to post {number:6d}: {(elapsed - previous[0]) / span * 1e6:7.1f} µs per post, "
              f"{(seen - previous[1]) / span:7.1f} LSH candidates per query")
        previous = checkpoints[number]
    precision, recall = bcubed(truth, predicted)
    print(f"datasketch: B-cubed against the stream's events: precision {precision:.3f} recall {recall:.3f}")
    print(f"RESULT datasketch posts_per_second={int(len(posts) / seconds)} rss_mb={int(rss)}")


if __name__ == "__main__":
    main()
