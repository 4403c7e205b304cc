#!/usr/bin/env bash
# Extraction speed (make bench): the real forum pages of Tests/OmbudExtractTests/Fixtures/real
# through Ombud's extractor and its shipped profiles, and through lxml, selectolax and C libxml2
# with the same XPaths, one core each, the same rounds; MB/s and ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-30}
venv=.build-bench/venv
if ! "$venv/bin/python" -c 'import lxml, selectolax, yaml' 2>/dev/null; then
  echo "== installing lxml, selectolax and PyYAML into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q lxml selectolax pyyaml
fi
# lxml once more, built from source against Debian's libxml2 (the parser Ombud and the C peer use):
# the wheel's own libxml2 is a newer, faster one, so this peer isolates what the parser version is worth.
same=.build-bench/venv-debian-libxml2
if ! "$same/bin/python" -c 'import lxml, yaml' 2>/dev/null; then
  echo "== building lxml against Debian's libxml2 into $same (a few minutes, once; needs libxml2-dev, libxslt1-dev)"
  python3 -m venv "$same"
  "$same/bin/pip" install -q --no-binary lxml "lxml<6" pyyaml || echo "extract-bench: lxml on Debian's libxml2 did not build; that peer is left out"
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cc -O2 -o "$work/extract_libxml2" bench/extract_libxml2.c $(xml2-config --cflags --libs)
swift build -c release --product ombud-bench >"$work/build.log" 2>&1 || { cat "$work/build.log"; echo "extract-bench: the build failed"; exit 1; }
"$venv/bin/python" bench/extract_peers.py . "$ROUNDS" --manifest "$work/manifest.tsv"
echo "== extraction: the same real pages, one core each, $ROUNDS rounds"
ombud=$(taskset -c 0 .build/release/ombud-bench extract --rounds "$ROUNDS" | tee -a /dev/stderr | sed -E 's/.*: ([0-9.]+) MB\/s.*/\1/')
peers=$(taskset -c 0 "$venv/bin/python" bench/extract_peers.py . "$ROUNDS" | tee -a /dev/stderr)
c=$(taskset -c 0 "$work/extract_libxml2" "$work/manifest.tsv" "$ROUNDS" | tee -a /dev/stderr | sed -E 's/.*: ([0-9.]+) MB\/s.*/\1/')
lxml_debian=0
if "$same/bin/python" -c 'import lxml' 2>/dev/null; then
  lxml_debian=$(taskset -c 0 "$same/bin/python" bench/extract_peers.py . "$ROUNDS" --lxml-only | sed -n 's/^lxml: /lxml on Debian'"'"'s libxml2: /p' | tee -a /dev/stderr \
    | sed -nE 's/.*: ([0-9.]+) MB\/s.*/\1/p')
fi
lxml=$(echo "$peers" | sed -nE 's/^lxml: .*: ([0-9.]+) MB\/s.*/\1/p')
selectolax=$(echo "$peers" | sed -nE 's/^selectolax: .*: ([0-9.]+) MB\/s.*/\1/p')
python3 - "$ombud" "$lxml" "$selectolax" "$c" "${lxml_debian:-0}" <<'PY'
import sys
ombud, lxml, selectolax, c, lxml_debian = map(float, sys.argv[1:])
same = f", Ombud/lxml on Debian's libxml2 {ombud / lxml_debian:.2f}x" if lxml_debian else ""
print(f"extraction ratios: Ombud/lxml {ombud / lxml:.2f}x, Ombud/selectolax {ombud / selectolax:.2f}x (it only parses), Ombud/C libxml2 {ombud / c:.2f}x{same} (target: >= 1.3x lxml)")
PY
# The parsers behind the figures: lxml's wheel carries its own libxml2; Ombud and the C peer use Debian's.
echo "libxml2: Ombud and C peer $(xml2-config --version) (Debian); lxml $("$venv/bin/python" -c 'import lxml.etree as e; print(".".join(map(str, e.LIBXML_VERSION)))') (bundled in its wheel)"
