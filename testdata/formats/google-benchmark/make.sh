#!/bin/sh
# Makes this folder's fixtures with Google Benchmark from Debian (libbenchmark-dev):
# base.json and same.json from the same program (an unchanged pair), slow.json
# from the program built with -DSLOW=1 (BM_Sum does twice the work).
set -eu
# Runs at high priority (as root: nice -n -15) so that a busy machine disturbs less.
cd "$(dirname "$0")"
tmp=$(mktemp -d)
g++ -O2 -o "$tmp/fast" bench.cc -lbenchmark -lpthread
g++ -O2 -DSLOW=1 -o "$tmp/slow" bench.cc -lbenchmark -lpthread
run() { nice -n -15 "$1" --benchmark_repetitions=10 --benchmark_min_time=0.02 --benchmark_format=json > "$2"; }
run "$tmp/fast" base.json
run "$tmp/fast" same.json
run "$tmp/slow" slow.json
# Aggregates only (no repetitions' iterations): read as point estimates, an
# unchanged pair (aggregates-only.json, aggregates-same.json) and the slow program.
agg() { nice -n -15 "$1" --benchmark_repetitions=3 --benchmark_min_time=0.02 --benchmark_report_aggregates_only=true --benchmark_format=json > "$2"; }
agg "$tmp/fast" aggregates-only.json
agg "$tmp/fast" aggregates-same.json
agg "$tmp/slow" aggregates-slow.json
rm -r "$tmp"
