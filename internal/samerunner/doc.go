// Package samerunner runs a same-runner A/B benchmark comparison: it builds a baseline git
// revision and the current tree on one machine and runs their benchmarks alternately
// (A B, then B A, round after round), so that drift of the machine, which makes a
// baseline recorded elsewhere or earlier 10-30% off, hits both sides alike.
//
// Two suites are supported. SuiteBuiltin builds each side's own cost-ops-bench
// (`go build ./cmd/cost-ops-bench` in that tree, with that tree's go.mod) and runs its
// `run` command: the whole filtered suite in the first round, which tells each side's
// benchmark names, then one benchmark per run. SuiteGoTest works for any Go module: it
// builds each side's test binaries once (`go test -c`) and runs their `-bench`
// benchmarks one package at a time, one sample per round, parsed from the Go benchmark
// format. Both sides build with -trimpath, so that the same code gives the same binary.
//
// Run merges each side's rounds into one bench.Document per side (samples concatenated,
// median and confidence interval recomputed with benchmath), ready for compare.Compare.
// The Result also records the order in which the sides ran, the noise seen between
// rounds of the same side, what is missing on either side, and whether the time
// budget cut the run short.
//
// The baseline's git worktree lives in a temporary directory and is always removed,
// also on error and on cancellation. What a run saw is rendered by package report
// (SameRunnerMarkdown, SameRunnerSummary).
package samerunner
