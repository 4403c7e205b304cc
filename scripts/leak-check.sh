#!/usr/bin/env bash
# Runs every fixture page through `ombud extract` built with AddressSanitizer, whose LeakSanitizer
# reports any libxml2 document, XPath object or iconv handle not freed. Exits non-zero on a report.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --scratch-path .build-asan --sanitize=address --product ombud >/dev/null
binary=.build-asan/debug/ombud
export ASAN_OPTIONS=detect_leaks=1:verbosity=1
fixtures=Tests/OmbudExtractTests/Fixtures
runs=0
check() {
  runs=$((runs + 1))
  # A profile that does not fit a page may find nothing; only the sanitizer's verdict counts here.
  "$binary" extract "$@" >/dev/null 2>"$log" || true
  if grep -q "ERROR: .*Sanitizer" "$log"; then echo "sanitizer report for: extract $*"; cat "$log"; exit 1; fi
  grep -q "LeakSanitizer: checking for leaks" "$log" || { echo "LeakSanitizer did not run for: extract $*"; cat "$log"; exit 1; }
}
log=$(mktemp); trap 'rm -f "$log"' EXIT
for page in demo/forum/thread-*.html "$fixtures"/phpbb/viewtopic*.html "$fixtures"/mybb/showthread.html "$fixtures"/flaskbb/topic.html; do
  for site in discuz-x3 phpbb3 mybb18 flaskbb generic; do check --site "$site" --fetched-at 2026-11-18T11:30:00+08:00 "$page"; done
done
for page in demo/forum/forum-*.html "$fixtures"/phpbb/viewforum.html "$fixtures"/mybb/forumdisplay.html "$fixtures"/flaskbb/forum.html; do
  for site in discuz-x3 phpbb3 mybb18 flaskbb generic; do check --site "$site" --board "$page"; done
done
for page in "$fixtures"/discourse/t-*.json; do check --site discourse "$page"; done
check --site discourse --board "$fixtures"/discourse/latest.json
echo "LeakSanitizer: no leaks in $runs extractions of the fixture pages"
