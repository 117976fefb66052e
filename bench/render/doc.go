// Package render writes a result document (bench.Document) for people and tools:
// summary.md (Markdown for GitHub), the console summary, and the Go benchmark
// format that benchstat reads.
package render
