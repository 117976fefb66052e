// Package summary renders a run's result document (bench.Document) for people and
// tools: summary.md (Markdown for GitHub), the console summary of `run`, and the Go
// benchmark format that benchstat reads. It is part of the report family: the
// shared formatting comes from package text, the comparison of two runs from
// package report.
package summary
