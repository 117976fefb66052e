// Package stats owns the statistics that bench, compare and samerunner share: the
// median of a sample with its 95% confidence interval, the Mann-Whitney U test,
// quantiles, the test between processes, and the correction for testing many
// benchmarks at once (Benjamini-Hochberg). Every figure comes from golang.org/x/perf/benchmath
// where benchmath has it; this package only chooses and combines.
//
// Samples from one process are not independent draws of what the next process will
// measure: a process lands on one memory layout, one set of CPU siblings, one heap.
// The U test over all samples is therefore overconfident when the samples come from
// few processes. CompareProcesses tests the processes instead: the median of each
// process is one observation, and Welch's t-test (benchmath.AssumeNormal) on their
// logarithms compares the two sides, so that the p-value and the smallest detectable
// change grow with the spread between processes. With 5 processes a side a rank test
// could never reach the level a suite's correction asks (its smallest p is 0.008),
// which is why the test between processes is parametric; with fewer than
// MinProcesses (5) a side it does not run at all, as a t-test on so few medians
// mistakes a process-level jump for a change.
package stats
