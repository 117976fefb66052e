#!/bin/sh
# Makes this folder's fixtures with hyperfine from Debian (1.15): base.json and
# same.json measure the same commands (an unchanged pair); slow.json measures
# "count" counting twice as far (the real slowdown that compare must flag).
# -N runs the commands without a shell (no shell start-up to subtract).
set -eu
cd "$(dirname "$0")"
# Run at high priority (as root: nice -n -15) so that a busy machine disturbs less.
run() { # run N OUT: count to N, and sort (unchanged)
  nice -n -15 hyperfine -N --style basic --warmup 3 --runs 30 --export-json "$2" \
    --command-name count "awk 'BEGIN { for (i = 0; i < $1; i++) s += i }'" \
    --command-name sort "sort /etc/services /etc/mime.types"
}
run 300000 base.json
run 300000 same.json
run 600000 slow.json
