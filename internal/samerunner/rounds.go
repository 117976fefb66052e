package samerunner

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// order returns the sides in the order they run in round: the baseline first in odd
// rounds, the current side first in even ones (A B, B A, ...), so that neither side
// always runs on a machine warmed up by the other.
func (ab *abRun) order(round int) [2]*side {
	if round%2 == 1 {
		return [2]*side{ab.base, ab.cur}
	}
	return [2]*side{ab.cur, ab.base}
}

// units is the union of both sides' units, the current side's first.
func (ab *abRun) units() []string {
	out := slices.Clone(ab.cur.units)
	for _, u := range ab.base.units {
		if !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}

// rounds runs every unit on both sides, alternately, round after round. It returns
// the context's error when ctx ends; what finished stays recorded.
func (ab *abRun) rounds(ctx context.Context) error {
	for round := 1; round <= ab.opts.Rounds; round++ {
		for _, unit := range ab.units() {
			for _, s := range ab.order(round) {
				if !s.runs(unit) {
					continue
				}
				if err := ab.step(ctx, round, s, unit, false); err != nil {
					return err
				}
			}
		}
		if err := ab.suite.afterRound(round, ab.base, ab.cur); err != nil {
			return err
		}
		ab.res.RoundsDone = round
	}
	return nil
}

// step runs one unit of one side and records it; alone, the unit is a benchmark
// that runs by itself (an extra round). A failing unit is a Problem and is not run
// again on that side; only the end of ctx is an error.
func (ab *abRun) step(ctx context.Context, round int, s *side, unit string, alone bool) error {
	t0 := time.Now()
	var (
		doc *bench.Document
		err error
	)
	seed := ab.layouts.seed(round)
	if alone {
		doc, err = ab.suite.runBenchmark(ctx, s, unit, seed)
		doc = only(doc, unit)
	} else {
		doc, err = ab.suite.run(ctx, s, unit, seed)
	}
	took := time.Since(t0)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	st := Step{Round: round, Side: s.Side, Unit: unit, Layout: seed, Duration: took, Err: err}
	ab.res.Order = append(ab.res.Order, st)
	if ab.opts.afterStep != nil {
		ab.opts.afterStep(st, ab.expire)
	}
	s.wall += took
	name := unit
	if name == "" {
		name = "suite"
	}
	which := fmt.Sprintf("round %d/%d", round, ab.opts.Rounds)
	if round > ab.opts.Rounds {
		which = fmt.Sprintf("extra round %d/%d", round, ab.opts.Rounds+MaxExtraRounds(ab.opts.Rounds))
	}
	if err != nil {
		fmt.Fprintf(ab.opts.Progress, "ab: %s %s %s: failed: %s\n", which, s.Side, name, brief(err))
		s.dead[unit] = err
		ab.res.Problems = append(ab.res.Problems, Problem{Side: s.Side, Unit: unit, Err: err})
		return nil
	}
	fmt.Fprintf(ab.opts.Progress, "ab: %s %s %s: %v\n", which, s.Side, name, took.Round(time.Millisecond))
	if alone {
		unit = s.origin[unit] // the benchmark's results come from its unit, as in the planned rounds
	}
	ab.res.Problems = append(ab.res.Problems, s.add(round, unit, doc)...)
	return nil
}

// finish merges each side's rounds into its document, measures the noise and lists
// the benchmarks missing on one side.
func (ab *abRun) finish() error {
	ab.base.Doc = ab.base.document(ab.cur)
	ab.cur.Doc = ab.cur.document(ab.base)
	ab.res.Baseline, ab.res.Current = ab.base.SideResult, ab.cur.SideResult
	if len(ab.cur.Doc.Results) == 0 {
		var errs []error
		for _, p := range ab.res.Problems {
			if p.Side == Current {
				errs = append(errs, p.Err)
			}
		}
		if ab.res.CutShort {
			errs = append(errs, fmt.Errorf("time budget %v ran out before any benchmark finished on both sides", ab.opts.Budget))
		}
		if len(errs) == 0 {
			errs = append(errs, errors.New("no benchmark matched"))
		}
		return fmt.Errorf("current: no results: %w", errors.Join(errs...))
	}
	ab.res.Noise = noise(ab.base, ab.cur)
	ab.settleExtra()
	if ab.base.built {
		ab.res.Problems = append(ab.res.Problems, missing(ab.cur, ab.base)...)
		ab.res.Problems = append(ab.res.Problems, missing(ab.base, ab.cur)...)
	}
	return nil
}

// missing lists the benchmarks that from measured and to's suite does not have. A
// benchmark that failed on to is already a Problem and is not listed again.
func missing(from, to *side) []Problem {
	var out []Problem
	for _, name := range from.names {
		_, failed := to.dead[name]
		_, unitFailed := to.dead[from.origin[name]]
		if failed || unitFailed || to.has(name) {
			continue
		}
		out = append(out, Problem{Side: to.Side, Unit: name, Err: ErrMissing})
	}
	return out
}
