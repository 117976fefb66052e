// Package bench measures the engine: a registry of named benchmarks (the suite), a
// harness that calibrates, samples and summarises them with benchmath, and the result
// document (Document) that `run` writes and `compare` reads.
package bench
