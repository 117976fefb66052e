package samerunner

import (
	"context"
	"slices"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/compare"
)

// ExtraSteps is how many times the extension doubles the rounds of a benchmark that
// is still inconclusive: with the default 10 planned rounds, an inconclusive benchmark
// gets 10 extra rounds, then, if still inconclusive, 20 more (40 in all).
//
// Doubling halves the variance of each side's median each time (the smallest change
// the comparison can detect shrinks by about √2), and two steps bound the looks at
// the data to three, so that deciding again on more data cannot turn noise into a
// regression by trying until it does.
const ExtraSteps = 2

// MaxExtraRounds is the most extra rounds the extension gives one benchmark after
// rounds planned ones: rounds, then 2×rounds.
func MaxExtraRounds(rounds int) int { return rounds<<ExtraSteps - rounds }

// Extra is what the extension gave one benchmark that was inconclusive after the
// planned rounds.
type Extra struct {
	Benchmark string
	// Rounds is the number of extra rounds that finished on both sides.
	Rounds int
	// Inconclusive reports that the benchmark was still inconclusive when its extra
	// rounds ended (at MaxExtraRounds, or when the budget ran out).
	Inconclusive bool
}

// extend gives more rounds to the benchmarks that are inconclusive after the planned
// rounds under opts.Config (compare decides; see ExtraSteps for the rule). Only those
// benchmarks run, one per process, A B then B A as before. It stops when none is
// inconclusive, after ExtraSteps doublings, or when ctx ends (its error is returned;
// what finished stays recorded). With instruction counts there is no extension: the
// verdict is on counts, which more time rounds do not change.
func (ab *abRun) extend(ctx context.Context) error {
	if ab.opts.Config == nil || ab.opts.Measure == bench.MeasureInstructions || !ab.base.built {
		return nil
	}
	open := ab.inconclusive(nil)
	if len(open) == 0 {
		return nil
	}
	ab.res.MaxExtraRounds = MaxExtraRounds(ab.opts.Rounds)
	for _, name := range open {
		ab.res.Extra = append(ab.res.Extra, Extra{Benchmark: name})
	}
	round := ab.opts.Rounds
	for step, size := 1, ab.opts.Rounds; step <= ExtraSteps && len(open) > 0; step, size = step+1, 2*size {
		for range size {
			round++
			for _, name := range open {
				for _, s := range ab.order(round) {
					if !s.runsBenchmark(name) {
						continue
					}
					if err := ab.step(ctx, round, s, name, true); err != nil {
						return err
					}
				}
			}
		}
		open = ab.inconclusive(open)
	}
	return nil
}

// inconclusive returns the benchmarks measured on both sides whose verdict under
// opts.Config is inconclusive on the rounds so far; among, when not nil, limits them.
func (ab *abRun) inconclusive(among []string) []string {
	base, cur := ab.base.document(ab.cur), ab.cur.document(ab.base)
	if len(base.Results) == 0 || len(cur.Results) == 0 {
		return nil
	}
	var out []string
	for _, e := range compare.Compare(base, cur, *ab.opts.Config).Entries {
		if e.Status != compare.StatusInconclusive || !ab.base.has(e.Name) || !ab.cur.has(e.Name) {
			continue
		}
		if among == nil || slices.Contains(among, e.Name) {
			out = append(out, e.Name)
		}
	}
	return out
}

// settleExtra counts each extended benchmark's extra rounds that finished on both
// sides and whether it was still inconclusive when they ended.
func (ab *abRun) settleExtra() {
	if len(ab.res.Extra) == 0 {
		return
	}
	still := ab.inconclusive(nil)
	for i := range ab.res.Extra {
		x := &ab.res.Extra[i]
		x.Rounds = 0
		for _, r := range ab.cur.rounds(x.Benchmark, ab.base) {
			if r > ab.opts.Rounds {
				x.Rounds++
			}
		}
		x.Inconclusive = slices.Contains(still, x.Benchmark)
	}
}

// runsBenchmark reports whether the side can run benchmark name alone: it measured
// it, and neither the benchmark nor the unit that produced it failed.
func (s *side) runsBenchmark(name string) bool {
	_, dead := s.dead[name]
	_, unitDead := s.dead[s.origin[name]]
	return s.built && s.has(name) && !dead && !unitDead
}

// only keeps the result of benchmark name in doc.
func only(doc *bench.Document, name string) *bench.Document {
	if doc == nil {
		return nil
	}
	out := *doc
	out.Results = nil
	for _, r := range doc.Results {
		if r.Name == name {
			out.Results = append(out.Results, r)
		}
	}
	return &out
}
