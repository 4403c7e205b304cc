#!/usr/bin/env python3
"""The extraction benchmark's peers, on the same real pages as `ombud-bench extract`.

For each thread page of Tests/OmbudExtractTests/Fixtures/real/pages.json whose software has a
shipped HTML profile, the page is read the way Ombud reads it: parse, then the profile's own
XPaths (the post blocks, then within each block its id, author, time and body, the body's text).
lxml runs exactly those XPaths; selectolax has no XPath, so it parses and takes the page's text
(less work than the others, stated in its line). One core, the same rounds.

usage: bench/extract_peers.py ROOT ROUNDS [--manifest OUT | --lxml-only]  (OUT: the pages and XPaths, for the C peer)
"""
import json
import os
import sys
import time

import yaml
from lxml import html as lxml_html

try:  # not needed for --lxml-only (lxml built against Debian's libxml2, in its own venv)
    from selectolax.lexbor import LexborHTMLParser as HTMLParser
except ImportError:
    HTMLParser = None


def xpaths(rule):
    """The XPaths of a profile field rule: a string, a list, or {xpath: str|list, pattern}."""
    if rule is None:
        return []
    if isinstance(rule, str):
        return [rule]
    if isinstance(rule, list):
        return rule
    value = rule.get("xpath", [])
    return [value] if isinstance(value, str) else value


def load(root):
    folder = os.path.join(root, "Tests/OmbudExtractTests/Fixtures/real")
    with open(os.path.join(folder, "pages.json"), encoding="utf-8") as handle:
        pages = json.load(handle)
    work = []
    for page in pages:
        if page["kind"] != "thread":
            continue
        path = os.path.join(root, "config/sites", page["profile"] + ".yaml")
        profiles = {}
        for name in os.listdir(os.path.join(root, "config/sites")):
            with open(os.path.join(root, "config/sites", name), encoding="utf-8") as handle:
                profile = yaml.safe_load(handle)
            profiles[profile.get("name")] = profile
        profile = profiles.get(page["profile"])
        if not profile or profile.get("format", "html") != "html":
            continue
        thread = profile["thread"]
        relative = {key: xpaths(thread.get(key)) for key in ("post_id", "author", "time")}
        with open(os.path.join(folder, page["file"]), "rb") as handle:
            data = handle.read()
        work.append((page["file"], data, xpaths(thread["title"]), thread["posts"], relative, thread["body"]))
    return work


def first(node, paths):
    for path in paths:
        found = node.xpath(path)
        if found:
            return found[0]
    return None


def read_lxml(item):
    _, data, title, posts, relative, body = item
    document = lxml_html.fromstring(data)
    first(document, title)
    count = 0
    for block in document.xpath(posts):
        for paths in relative.values():
            first(block, paths)
        for node in block.xpath(body)[:1]:
            node.text_content()
        count += 1
    return count


def read_selectolax(item):
    tree = HTMLParser(item[1])
    return len(tree.body.text()) if tree.body else 0


def measure(name, reader, work, rounds, note=""):
    for item in work:
        reader(item)  # warm-up
    size = sum(len(item[1]) for item in work)
    start = time.perf_counter()
    for _ in range(rounds):
        for item in work:
            reader(item)
    seconds = time.perf_counter() - start
    rate = size * rounds / 1048576 / seconds
    print(f"{name}: {len(work)} pages ({size / 1048576:.1f} MB) × {rounds} rounds in {seconds:.2f} s: {rate:.1f} MB/s{note}")
    return rate


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    root, rounds = sys.argv[1], int(sys.argv[2])
    work = load(root)
    if "--manifest" in sys.argv:
        out = sys.argv[sys.argv.index("--manifest") + 1]
        with open(out, "w", encoding="utf-8") as handle:
            for file, _, title, posts, relative, body in work:
                fields = [os.path.join(root, "Tests/OmbudExtractTests/Fixtures/real", file), posts, body]
                fields += [" | ".join(f"({path})[1]" for path in paths) or "self::x" for paths in relative.values()]
                handle.write("\t".join(fields) + "\n")
        return
    measure("lxml", read_lxml, work, rounds)
    if "--lxml-only" in sys.argv:
        return
    measure("selectolax", read_selectolax, work, rounds, " (parse and page text only: selectolax has no XPath)")


if __name__ == "__main__":
    main()
