// Package trend finds change points in a benchmark's history with e-divisive means
// (Matteson and James, "A Nonparametric Approach for Multiple Change Point Analysis
// of Multivariate Data", 2014), the method Apache Otava and MongoDB use on their
// performance histories.
//
// Detect takes one series (a benchmark's median per commit, oldest first) and splits
// it hierarchically: in each segment, the split that maximises the divergence
// statistic q̂ (energy distance between the two sides, α = 1) is the candidate, and a
// significance test decides whether it is a change point: the Mann-Whitney U test
// between the two sides (the default), Welch's t-test (Otava's default), or a
// permutation test of q̂ itself (the paper's). The U and t tests' p-values are
// corrected for the scan that chose the split among all possible ones (Bonferroni);
// the permutation test, which repeats the scan on each reordering, needs no
// correction. The U test is the default because it works on ranks: one run ten
// times slower (a noisy CI machine) moves its side's mean rank by one place, where
// on the raw values it inflates that side's variance enough to hide a real step. Accepted splits are split again until no candidate is significant; then
// every change point is tested again against its final neighbouring segments and the
// weakest non-significant one is dropped until all pass. No segment is shorter than
// Options.MinSegment points, so a spike of one run can never be a segment of its own.
//
// Analyze applies Detect to every benchmark and metric of a history (package history)
// and returns the Report that package report/trend renders.
package trend
