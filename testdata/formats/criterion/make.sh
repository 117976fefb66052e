#!/bin/sh
# Makes this folder's fixtures with Criterion.rs 0.3 from Debian (librust-criterion-dev
# 0.3.6, built offline: crate/.cargo/config.toml replaces crates-io by Debian's
# directory source /usr/share/cargo/registry) and `cargo bench`:
#   base/, same/  target/criterion of two runs of the same code (an unchanged pair),
#   slow/         of the code built with SLOW=1 ("sum 4096" does twice the work),
#   *.txt         what `cargo bench` printed for each run (the cargo-bench text format).
# Only what the reader reads is kept: each benchmark's new/benchmark.json,
# new/estimates.json and new/sample.json.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
target=${CARGO_TARGET_DIR:-$(mktemp -d)}
export CARGO_TARGET_DIR="$target"
cd "$here/crate"
cargo bench --no-run
run() {
	rm -rf "$target/criterion" "$here/$1"
	# High priority (as root: nice -n -15) so that a busy machine disturbs less.
	nice -n -15 cargo bench --bench work -- --noplot > "$here/$1.txt"
	(cd "$target" && find criterion -path '*/new/*' \( -name benchmark.json -o -name estimates.json -o -name sample.json \) |
		while read -r f; do mkdir -p "$here/$1/$(dirname "$f")"; cp "$f" "$here/$1/$f"; done)
}
run base
run same
SLOW=1 cargo bench --no-run
SLOW=1 run slow
