#!/bin/sh
# Makes this folder's fixtures with pytest-benchmark from Debian (3.2.2, run by
# /usr/bin/python3): base.json and same.json from the same code (an unchanged
# pair), slow.json with SLOW=1 (test_sum does twice the work). --benchmark-json
# writes every round's time in stats.data; summary-only.json, summary-same.json and
# summary-slow.json are base.json, same.json and slow.json without them, as files
# saved without --benchmark-save-data have it.
set -eu
cd "$(dirname "$0")"
run() {
  nice -n -15 /usr/bin/python3 -m pytest -q -p no:cacheprovider test_work.py \
    --benchmark-min-rounds=30 --benchmark-max-time=0.02 --benchmark-warmup=on --benchmark-json="$1" > /dev/null
}
run base.json
run same.json
SLOW=1 run slow.json
/usr/bin/python3 - <<'PY'
import json
for src, dst in (("base.json", "summary-only.json"), ("same.json", "summary-same.json"), ("slow.json", "summary-slow.json")):
    d = json.load(open(src))
    for b in d["benchmarks"]:
        b["stats"].pop("data", None)
    json.dump(d, open(dst, "w"), indent=4)
PY
rm -rf .benchmarks
