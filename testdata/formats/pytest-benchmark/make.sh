#!/bin/sh
# Makes this folder's fixtures with pytest-benchmark from Debian (3.2.2, run by
# /usr/bin/python3): base.json and same.json from the same code (an unchanged
# pair), slow.json with SLOW=1 (test_sum does twice the work). --benchmark-json
# writes every round's time in stats.data; summary-only.json is base.json without
# them, as files saved without --benchmark-save-data have it.
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
d = json.load(open("base.json"))
for b in d["benchmarks"]:
    b["stats"].pop("data", None)
json.dump(d, open("summary-only.json", "w"), indent=4)
PY
rm -rf .benchmarks
