// Package history keeps benchmark results over time in a store: a directory meant
// to live on a git branch of its own (cost-ops-bench-data), with no server.
//
// Layout. A store holds one file per run, runs/<when>-<commit>-<digest>.json, where
// <when> is the commit's time (the run's time when the commit is unknown) and
// <digest> the first hex digits of the file's SHA-256 at append time, so that two
// runs never share a name and appends from concurrent jobs never touch the same
// file: they merge in git without conflict. File names sort in history order.
//
// Each run file is a Run: the commit it measured, when, and the Points it holds (per
// benchmark and metric, the median and its confidence interval), plus, for recent
// runs, the full result document with every sample.
//
// Retention. Append keeps the newest Retention.Full runs in full; older runs are
// compacted to their points alone (about a tenth of the size), and runs beyond the
// newest Retention.Max are deleted. Compaction is a pure function of the file, so
// two jobs compacting the same run write the same bytes and still merge cleanly.
package history
