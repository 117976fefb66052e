// Package report owns every output of cost-ops-bench that a person or a tool reads,
// so that none disagrees with another:
//
//   - the comparison (a compare.Comparison) as markdown, JSON and a console table,
//     through Formats (formats.go: the one place to add a format, used by `compare
//     --format`), a Registry (registry.go) as every kind of report has one (the
//     trend report's is trend.Formats);
//   - a cost comparison of two usage logs (Comparison.Usage) in the same formats:
//     the renderers call cost.go and cost_json.go where a benchmark comparison shows
//     times;
//   - the no-baseline report (NoBaseline), in every format;
//   - the gate's page (Page): the pull request comment, the job summary and the
//     report file;
//   - the same-runner A/B section (SameRunnerMarkdown, SameRunnerSummary).
//
// How a status reads (words, icon, order, count) is one table (status.go). The
// verdict and the counts are compare's (compare.Verdict, compare.Counts); this
// package only shows them. Subpackages: summary renders a run's result document
// (summary.md, console, Go benchmark format); text holds the formatting all of them
// share (durations, commits, escaping, GitHub's size limits). Package gate and cli
// choose a renderer; nothing here imports them.
package report
