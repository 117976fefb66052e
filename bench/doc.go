// Package bench measures the engine: a registry of named benchmarks (the suite), a
// harness that calibrates, samples and summarises them with benchmath, and the result
// document (Document) that `run` writes and `compare` reads.
//
// bench owns the result document: its types (result.go), NewDocument and
// ResultFromSamples to build one, Encode and WriteFile to write one (atomically),
// DecodeJSON and ReadFile to read one strictly, and Validate, which every reader
// of any input format calls. schema/result.schema.json describes what Encode
// writes; schema_test.go ties the two together.
//
// # Measurement
//
// For each benchmark the harness
//
//  1. runs its Setup, untimed: records, catalogs and the cost checksum
//     (cost_total_usd, the money one iteration prices, computed once);
//  2. calibrates the iterations per sample, growing the count as testing.B does,
//     until a sample lasts about Config.SampleTime (15ms by default);
//  3. counts heap allocations and bytes per operation exactly, with
//     runtime.ReadMemStats around dedicated runs of a fixed number of operations;
//  4. warms up with one untimed sample;
//  5. takes Config.Samples samples (40 by default) and records each one's time per
//     operation in samples_ns, in the order taken;
//  6. summarises the samples with benchmath.AssumeNothing: the median and its 95%
//     confidence interval from order statistics, with no assumption about the
//     distribution.
//
// An operation is one usage record (or one lookup): batch benchmarks run
// BatchSize operations per iteration, and times and throughput are per operation.
//
// Samples are timed with the CPU time of the measuring thread (ThreadCPUClock; the
// goroutine is locked to its thread), so that time the benchmark spends waiting
// for a CPU held by other processes does not count: on a shared machine the
// intervals stay narrow. WallClock is the alternative (`run --clock wall`).
//
// The garbage collector is kept out of the timed region: it is paused while
// samples run, and the harness collects off the clock before each sample and,
// for workloads that allocate, between chunks of 4 MiB of allocation, so that a
// sample's time does not depend on its length or on when the collector would
// have run. Allocation itself is timed; its volume is reported exactly in
// allocs_per_op and bytes_per_op.
package bench
