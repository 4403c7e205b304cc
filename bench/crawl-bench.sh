#!/usr/bin/env bash
# Crawl benchmark: Ombud and Scrapy crawl the same Discuz! X3 site (5,000 thread pages of about
# 18 KB, served by nginx on 127.0.0.1 with politeness off), extract the same fields, in one run.
# Prints pages/s and peak RSS for both and the ratio. Not part of `make test`: run `make bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS=${THREADS:-5000}
PORT=${PORT:-18080}
work=$(mktemp -d)
chmod 755 "$work"  # nginx workers run as an unprivileged user
cleanup() {
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  [ -n "${KEEP:-}" ] && echo "kept $work" || rm -rf "$work"
}
trap cleanup EXIT

missing=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
[ -x /usr/bin/time ] || missing+=(time)
python3 -c 'import venv' 2>/dev/null || missing+=(python3-venv)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "the benchmark needs: ${missing[*]} (sudo apt-get install -y ${missing[*]})" >&2; exit 1
  fi
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

venv=.build-bench/venv
if [ ! -x "$venv/bin/scrapy" ]; then
  echo "== installing Scrapy into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q scrapy
fi

echo "== writing a ${THREADS}-thread site"
python3 bench/make-site.py "$work/site" "$THREADS"
pages=$(ls "$work/site" | grep -c '\.html$')
size=$(du -sk "$work/site" | cut -f1)

mkdir -p "$work/logs"
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events { worker_connections 256; }
http {
  access_log off;
  default_type text/html;
  types { text/html html; text/plain txt; }
  charset utf-8;
  sendfile on;
  keepalive_requests 100000;
  server { listen 127.0.0.1:$PORT; root $work/site; }
}
CONF
"$NGINX" -c "$work/nginx.conf" -p "$work"

echo "== building ombud (release)"
swift build -c release --product ombud >/dev/null

mkdir -p "$work/project"
cp -r config Templates "$work/project/"
python3 - "$work/project/config/ombud.yaml" "$PORT" <<'PY'
import re, sys
path, port = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
source = f"""sources:
  - name: bench
    site: discuz-x3
    base_url: http://127.0.0.1:{port}/
    time_zone: Asia/Shanghai
    politeness: {{ delay_ms: 0, max_per_host: 16 }}
    boards:
      - {{ id: "2", name: 业主投诉, path: forum-2-1.html }}
"""
text = re.sub(r"^sources:\n(?:  .*\n|\n)*?(?=^\S)", source + "\n", text, flags=re.M)
text = re.sub(r"^  max_pages: .*$", "  max_pages: 1000000", text, flags=re.M)
text = re.sub(r"^  first_crawl_days: .*$", "  first_crawl_days: 36500", text, flags=re.M)
open(path, "w", encoding="utf-8").write(text)
PY

peak() { grep "Maximum resident set size" "$1" | awk '{print $NF}'; }
elapsed() { python3 - "$1" <<'PY'
import sys
for line in open(sys.argv[1]):
    if "Elapsed (wall clock)" in line:
        parts = [float(p) for p in line.rsplit(" ", 1)[1].split(":")]
        seconds = 0.0
        for p in parts: seconds = seconds * 60 + p
        print(f"{seconds:.2f}")
PY
}

echo "== ombud: $pages pages (${size} KB) from http://127.0.0.1:$PORT/"
/usr/bin/time -v .build/release/ombud crawl --once --no-process --root "$work/project" --database "$work/ombud.sqlite" \
  >"$work/ombud.out" 2>"$work/ombud.time" || { cat "$work/ombud.out" "$work/ombud.time"; exit 1; }
ombud_posts=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from post').fetchone()[0])" "$work/ombud.sqlite")
ombud_pages=$(grep -o '^bench: [0-9]* pages' "$work/ombud.out" | grep -o '[0-9]*')

echo "== scrapy: the same site"
/usr/bin/time -v "$venv/bin/scrapy" runspider bench/scrapy_forum.py -a start="http://127.0.0.1:$PORT/forum-2-1.html" \
  -O "$work/items.jsonl" >"$work/scrapy.out" 2>"$work/scrapy.time" || { tail -20 "$work/scrapy.time"; exit 1; }
scrapy_posts=$(wc -l < "$work/items.jsonl")

python3 - "$pages" "$ombud_pages" "$ombud_posts" "$(elapsed "$work/ombud.time")" "$(peak "$work/ombud.time")" \
  "$scrapy_posts" "$(elapsed "$work/scrapy.time")" "$(peak "$work/scrapy.time")" <<'PY'
import sys
site, o_pages, o_posts, o_sec, o_rss, s_posts, s_sec, s_rss = sys.argv[1:]
site, o_pages, o_posts, s_posts = int(site), int(o_pages), int(o_posts), int(s_posts)
o_sec, s_sec, o_rss, s_rss = float(o_sec), float(s_sec), int(o_rss) / 1024, int(s_rss) / 1024
o_rate, s_rate = o_pages / o_sec, site / s_sec
print()
print(f"{'crawler':8} {'pages':>7} {'posts':>7} {'seconds':>8} {'pages/s':>9} {'peak RSS':>10}")
print(f"{'ombud':8} {o_pages:7d} {o_posts:7d} {o_sec:8.2f} {o_rate:9.1f} {o_rss:8.1f} MB")
print(f"{'scrapy':8} {site:7d} {s_posts:7d} {s_sec:8.2f} {s_rate:9.1f} {s_rss:8.1f} MB")
print(f"ratio (ombud / scrapy pages/s): {o_rate / s_rate:.2f}x   target >= 5x;  ombud peak RSS target <= 64 MB")
if o_posts != s_posts:
    print(f"warning: the two extracted different numbers of posts ({o_posts} vs {s_posts})")
PY
