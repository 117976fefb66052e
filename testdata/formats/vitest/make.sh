#!/bin/sh
# Makes this folder's fixtures with vitest bench (npm: vitest 4.1, tinybench
# inside) and its --outputJson: base.json and same.json from the same code (an
# unchanged pair), slow.json with SLOW=1 ("sum" does twice the work). Run from a
# folder where `npm install vitest` was run (JSDIR), as vitest looks up there.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cp "$here/work.bench.js" "$JSDIR/"
cd "$JSDIR"
run() { nice -n -15 npx vitest bench --run work.bench.js --outputJson "$here/$1" > /dev/null; }
run base.json
run same.json
SLOW=1 run slow.json
# The absolute path of the scratch folder is not part of the fixture.
sed -i "s|$JSDIR/||" "$here/base.json" "$here/same.json" "$here/slow.json"
