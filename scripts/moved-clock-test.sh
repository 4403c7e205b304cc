#!/usr/bin/env bash
# Runs the Swift test suite again with the wall clock moved far from today, so a test that only
# passes near the day it was written fails in CI the day it is written.
#
#   scripts/moved-clock-test.sh [OFFSET ...]      (default: +400d -400d)
#
# Needs the tests built (`swift test` or `swift build --build-tests` first): the suite runs with
# --skip-build, so no build product gets a timestamp from the moved clock. Each run has its own
# time limit (MOVED_CLOCK_TIMEOUT, seconds, default 600), so a hang fails fast.
#
# libfaketime (Debian's faketime) moves the wall clock for the test process and every ombud it
# starts; the monotonic clock stays real (FAKETIME_DONT_FAKE_MONOTONIC=1), and
# faketime/timerfd-passthrough.c keeps libfaketime 0.9.10 from corrupting the monotonic timers
# every Swift Task.sleep waits on (see that file).
set -euo pipefail
cd "$(dirname "$0")/.."
offsets=("$@")
[ ${#offsets[@]} -gt 0 ] || offsets=(+400d -400d)
limit=${MOVED_CLOCK_TIMEOUT:-600}

if ! dpkg-query -W -f='${Status}' libfaketime 2>/dev/null | grep -q "install ok installed"; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing faketime for the moved-clock run ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null
  else
    echo "The moved-clock run needs Debian's faketime: sudo apt-get install -y faketime" >&2
    exit 1
  fi
fi

shim=.build/faketime/timerfd-passthrough.so
mkdir -p "$(dirname "$shim")"
if [ ! -f "$shim" ] || [ scripts/faketime/timerfd-passthrough.c -nt "$shim" ]; then
  cc -shared -fPIC -O2 -o "$shim" scripts/faketime/timerfd-passthrough.c
fi

status=0
for offset in "${offsets[@]}"; do
  echo "== swift test with the clock moved $offset ($(faketime -f "$offset" date -u '+%Y-%m-%d %H:%M UTC'))"
  # Through Debian's faketime wrapper (it sets up the shared state libfaketime expects; the Swift
  # driver crashes under a bare LD_PRELOAD of it), with the shim put in front of the library.
  if timeout --kill-after=10 "$limit" env FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "$offset" \
       sh -c 'LD_PRELOAD="$0 $LD_PRELOAD" exec swift test --skip-build' "$PWD/$shim"; then
    echo "== clock moved $offset: passed"
  else
    code=$?
    [ $code -eq 124 ] && echo "== clock moved $offset: no end after ${limit}s (a sleep or a wait that trusts the wall clock?)" >&2
    echo "== clock moved $offset: FAILED ($code)" >&2
    status=1
  fi
done
exit $status
