#!/bin/sh
# Makes this folder's fixtures with benchmark.js (npm: benchmark 2.1.4) printing
# String(bench) for each benchmark, as its README shows: base.txt and same.txt
# from the same code (an unchanged pair), slow.txt with SLOW=1 ("sum" does twice
# the work). NODE_PATH points at a folder where `npm install benchmark` was run.
set -eu
cd "$(dirname "$0")"
nice -n -15 node bench.js > base.txt
nice -n -15 node bench.js > same.txt
SLOW=1 nice -n -15 node bench.js > slow.txt
