// Package bisect finds the commit that introduced a change in a benchmark between a
// good and a bad revision: a binary search over the first-parent history in which
// each step is a same-runner A/B run (package samerunner) of the good revision
// against the commit under test, so that every verdict is measured on one machine
// at one time, not read from a history recorded elsewhere.
//
// The change to find is measured first (good against bad) and must be significant.
// A commit is then "bad" when its change from good goes the same way and is more
// than half as large as a ratio (it is closer to bad than to good); the search ends at the
// first bad commit, the culprit.
package bisect

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os/exec"
	"strings"
)

// Measure compares commit with good and returns the benchmark's median change in
// percent and whether the change is significant.
type Measure func(ctx context.Context, good, commit string) (pct float64, significant bool, err error)

// Step is one measurement of the search.
type Step struct {
	N      int    // 1-based
	Commit string // the commit measured against good
	Pct    float64
	Bad    bool // the commit has the change
	Left   int  // commits still suspect after this step
}

// Result is the search's outcome.
type Result struct {
	Good, Bad string  // full hashes
	Change    float64 // good → bad, percent
	Culprit   string  // the first commit with the change
	Subject   string  // its subject line
	Steps     []Step
}

// ErrNoChange is returned when good and bad do not differ significantly.
var ErrNoChange = errors.New("no significant change between good and bad: nothing to bisect")

// Run searches the first-parent history from good (exclusive) to bad (inclusive)
// of the repository in dir, measuring with m and printing each step to progress.
func Run(ctx context.Context, dir, good, bad string, m Measure, progress io.Writer) (*Result, error) {
	if progress == nil {
		progress = io.Discard
	}
	goodHash, err := resolve(ctx, dir, good)
	if err != nil {
		return nil, fmt.Errorf("--good: %w", err)
	}
	badHash, err := resolve(ctx, dir, bad)
	if err != nil {
		return nil, fmt.Errorf("--bad: %w", err)
	}
	if _, err := git(ctx, dir, "merge-base", "--is-ancestor", goodHash, badHash); err != nil {
		return nil, fmt.Errorf("--good %s is not an ancestor of --bad %s", good, bad)
	}
	out, err := git(ctx, dir, "rev-list", "--first-parent", "--reverse", badHash, "^"+goodHash)
	if err != nil {
		return nil, err
	}
	commits := strings.Fields(out)
	if len(commits) == 0 {
		return nil, fmt.Errorf("--good %s and --bad %s are the same commit", good, bad)
	}
	res := &Result{Good: goodHash, Bad: badHash}
	fmt.Fprintf(progress, "bisect: %d commits from %.12s (good) to %.12s (bad); measuring the change\n", len(commits), goodHash, badHash)
	pct, sig, err := m(ctx, goodHash, badHash)
	if err != nil {
		return nil, fmt.Errorf("measuring bad %.12s: %w", badHash, err)
	}
	res.Change = pct
	fmt.Fprintf(progress, "bisect: bad %.12s: %+.1f%% against good%s\n", badHash, pct, map[bool]string{false: " (not significant)", true: ""}[sig])
	if !sig || math.IsNaN(pct) {
		return res, ErrNoChange
	}
	lo, hi := -1, len(commits)-1 // commits[lo] is good (-1: good itself), commits[hi] bad
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		p, _, err := m(ctx, goodHash, commits[mid])
		if err != nil {
			return nil, fmt.Errorf("measuring %.12s: %w", commits[mid], err)
		}
		// Closer to bad than to good: the question at a step is which side the
		// commit is on, not whether it differs from good at all.
		isBad := sameWay(p, pct)
		if isBad {
			hi = mid
		} else {
			lo = mid
		}
		st := Step{N: len(res.Steps) + 1, Commit: commits[mid], Pct: p, Bad: isBad, Left: hi - lo}
		res.Steps = append(res.Steps, st)
		verdict := "good"
		if isBad {
			verdict = "bad"
		}
		fmt.Fprintf(progress, "bisect: step %d: %.12s %+.1f%% against good → %s; %d commit(s) left\n", st.N, st.Commit, p, verdict, st.Left-1)
	}
	res.Culprit = commits[hi]
	res.Subject, _ = git(ctx, dir, "show", "--no-patch", "--format=%s", res.Culprit)
	return res, nil
}

// sameWay reports whether a change of p percent is the change of want percent: the
// same sign and more than half its size as a ratio (beyond the geometric midpoint:
// for an eightfold slowdown, more than 2.83x), since the time of a benchmark
// changes by factors: on a linear midpoint (4.5x) a noisy step of a commit with
// the whole change reads as good.
func sameWay(p, want float64) bool {
	lp, lw := math.Log1p(p/100), math.Log1p(want/100)
	return lp*lw > 0 && math.Abs(lp) > math.Abs(lw)/2
}

func resolve(ctx context.Context, dir, rev string) (string, error) {
	if rev == "" || strings.HasPrefix(rev, "-") {
		return "", fmt.Errorf("%q: not a revision name", rev)
	}
	out, err := git(ctx, dir, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		return "", fmt.Errorf("%q: not a commit of the repository at %s", rev, dir)
	}
	return out, nil
}

func git(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %w", args[0], err)
	}
	return strings.TrimSpace(string(out)), nil
}
