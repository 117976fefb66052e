package samerunner

import (
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// Side names one of the two sides of the comparison.
type Side string

// The two sides.
const (
	Baseline Side = "baseline"
	Current  Side = "current"
)

// Result is the outcome of a same-runner A/B run: one merged document per side, ready
// for compare.Compare, and what the run saw on the way.
type Result struct {
	Suite    Suite
	Baseline SideResult
	Current  SideResult

	// Rounds is the number of rounds asked for; RoundsDone the number that finished
	// on both sides (extra rounds not counted).
	Rounds     int
	RoundsDone int
	// Extra lists the benchmarks that were inconclusive after the planned rounds and
	// got extra rounds (Options.Config), in the order of the current side; each
	// benchmark's rounds in all are in Noise. MaxExtraRounds is the most extra rounds
	// the rule gives one benchmark; ExtraCutShort reports that the budget ended the
	// extra rounds before the rule did.
	Extra          []Extra
	MaxExtraRounds int
	ExtraCutShort  bool
	// Layouts is the number of random code layouts the rounds were linked with,
	// round r with layout (r-1)%Layouts+1 on both sides (layout.go); 0 when the go
	// command cannot randomize the layout (before Go 1.23).
	Layouts int
	// Order is every step in the order it ran: the proof that the sides alternated.
	Order []Step
	// Noise is, per benchmark measured on both sides, the spread seen between rounds
	// of the same side (an A/A comparison), in the order of Current.Doc.
	Noise []Noise
	// Problems are the benchmarks, packages or builds that failed or are missing on
	// one side. They never stop the other benchmarks.
	Problems []Problem

	// Budget is the time budget of the whole run (0: none), Elapsed the time taken.
	Budget  time.Duration
	Elapsed time.Duration
	// CutShort reports that the budget ran out before all rounds finished; the
	// documents hold the rounds that finished on both sides.
	CutShort bool
}

// SideResult is one side: which code it ran and what it measured.
type SideResult struct {
	Side Side
	// Rev is the revision as given ("" for the working tree), Commit the commit it
	// resolved to; Dirty reports a working tree with uncommitted changes.
	Rev    string
	Commit string
	Dirty  bool
	// Doc is the side's rounds merged into one document: samples concatenated, median
	// and confidence interval recomputed. It has no results when the side did not build.
	Doc *bench.Document
	// BuildErr is why the side could not be built (only ever the baseline's: a
	// current tree that does not build is Run's error).
	BuildErr error
}

// Step is one run of one side.
type Step struct {
	Round int
	Side  Side
	// Unit is the benchmark (built-in suite), the package (go-test), or "" for the
	// first built-in round, which runs the whole filtered suite to learn its names; in
	// an extra round (Round > Result.Rounds), the benchmark that ran alone.
	Unit string
	// Layout is the seed of the code layout its binaries were linked with (0: the
	// linker's own); see layout.go.
	Layout   int
	Duration time.Duration
	Err      error
}

// Noise is what one benchmark's timing varies between rounds of the same side: an
// A/A comparison of each side with itself.
type Noise struct {
	Benchmark string
	// Rounds is the number of rounds that count for the benchmark on both sides,
	// extra rounds included.
	Rounds int
	// Baseline and Current are each side's A/A difference: the median of its odd
	// rounds against the median of its even rounds, |difference| / median, as a
	// fraction; 0 with fewer than two rounds.
	Baseline float64
	Current  float64
}

// Spread is the larger of the two sides' spreads: the A/A noise of the benchmark.
func (n Noise) Spread() float64 { return max(n.Baseline, n.Current) }

// Problem is something that did not run or is missing on one side.
type Problem struct {
	Side Side
	// Unit is the benchmark or package concerned; "" for the whole side.
	Unit string
	Err  error
}

// Brief is the one line that tells what went wrong.
func (p Problem) Brief() string { return brief(p.Err) }

// ErrMissing is the error of a Problem for a benchmark that one side's suite does
// not have (it was added or removed between the revisions).
var ErrMissing = errMissing{}

type errMissing struct{}

func (errMissing) Error() string { return "not in this side's suite" }
