package samerunner

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/compare"
)

// fakeSuite measures made-up benchmarks: one unit per benchmark, whose samples in a
// round are level(side, name, round) with a small spread. It records what ran.
type fakeSuite struct {
	names []string
	level func(side Side, name string, round int) float64
	round map[string]int // side and benchmark -> the runs so far: the benchmark's round on that side
	alone []string       // the benchmarks run alone, in order ("side name")
}

func (f *fakeSuite) build(_ context.Context, s *side, _ int) error {
	s.units = slices.Clone(f.names)
	return nil
}

func (f *fakeSuite) run(_ context.Context, s *side, unit string, _ int) (*bench.Document, error) {
	key := string(s.Side) + " " + unit
	f.round[key]++
	return f.doc(s.Side, unit, f.round[key]), nil
}

func (f *fakeSuite) runBenchmark(ctx context.Context, s *side, name string, seed int) (*bench.Document, error) {
	f.alone = append(f.alone, string(s.Side)+" "+name)
	return f.run(ctx, s, name, seed)
}

func (f *fakeSuite) afterRound(int, *side, *side) error { return nil }

// doc is one process's measurement of name: six samples around the level.
func (f *fakeSuite) doc(side Side, name string, step int) *bench.Document {
	level := f.level(side, name, step)
	samples := make([]float64, 6)
	for i := range samples {
		samples[i] = level * (1 + 0.001*float64(i))
	}
	r := bench.ResultFromSamples(name, samples)
	r.Iterations = 6
	return &bench.Document{SchemaVersion: bench.SchemaVersion, Results: []bench.Result{r}}
}

// fakeRun is an abRun of the fake suite, built, its rounds to run with measure.
func fakeRun(t *testing.T, f *fakeSuite, rounds int, cfg *compare.Config) *abRun {
	t.Helper()
	o, err := Options{Baseline: "main", Rounds: rounds, Config: cfg}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	f.round = map[string]int{}
	ab := &abRun{opts: o, base: newSide(Baseline), cur: newSide(Current), suite: f}
	ab.res = &Result{Rounds: rounds}
	for _, s := range []*side{ab.base, ab.cur} {
		if err := f.build(context.Background(), s, 0); err != nil {
			t.Fatal(err)
		}
		s.built = true
	}
	return ab
}

// extendLevels are four benchmarks: steady is the same on both sides; noisy's
// current side lands on 80 or 150 in turn (median +15%, beyond the 10% threshold,
// never significant); settles is noisy for the planned rounds and then the same as
// the baseline; slower is noisy for the planned rounds and then 30% slower.
// Rounds here count each side's processes (a side's n-th run is its round n).
func extendLevels(planned int) func(Side, string, int) float64 {
	return func(side Side, name string, round int) float64 {
		if side == Baseline || name == "steady" {
			return 100 * (1 + 0.002*float64(round%3))
		}
		noisy := 80.0
		if round%2 == 0 {
			noisy = 150
		}
		switch {
		case name == "noisy" || round <= planned:
			return noisy
		case name == "settles":
			return 100 * (1 + 0.002*float64(round%3))
		default: // slower
			return 130 * (1 + 0.002*float64(round%3))
		}
	}
}

func TestExtraRoundsGoToInconclusiveBenchmarksOnly(t *testing.T) {
	t.Parallel()
	const planned = 10
	cfg := compare.DefaultConfig()
	// The planned rounds' 80s stay the fastest current samples of slower: the guard
	// would call its slowdown interference, which is not what this test is about.
	cfg.ContentionGuard = false
	f := &fakeSuite{names: []string{"steady", "noisy", "settles", "slower"}, level: extendLevels(planned)}

	// Without a config there is no extension: the planned rounds decide.
	plain := fakeRun(t, f, planned, nil)
	if err := plain.measure(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(plain.res.Extra) != 0 || len(f.alone) != 0 {
		t.Fatalf("without a config: extra %+v, %d runs alone; want none", plain.res.Extra, len(f.alone))
	}
	before := statuses(compare.Compare(plain.res.Baseline.Doc, plain.res.Current.Doc, cfg))
	for _, name := range []string{"noisy", "settles", "slower"} {
		if before[name] != compare.StatusInconclusive {
			t.Fatalf("after the planned rounds %s is %s, want inconclusive (the fixture is wrong): %v", name, before[name], before)
		}
	}

	f.alone = nil
	ab := fakeRun(t, f, planned, &cfg)
	if err := ab.measure(context.Background()); err != nil {
		t.Fatal(err)
	}
	res := ab.res
	if res.RoundsDone != planned || res.CutShort || res.ExtraCutShort || res.MaxExtraRounds != 3*planned {
		t.Errorf("rounds done %d, cut short %v/%v, max extra %d; want %d, false, false, %d",
			res.RoundsDone, res.CutShort, res.ExtraCutShort, res.MaxExtraRounds, planned, 3*planned)
	}
	// settles and slower are decided after one doubling (10 extra rounds); noisy
	// gets both doublings (30) and is still inconclusive; steady gets none.
	want := []Extra{{"noisy", 30, true}, {"settles", 10, false}, {"slower", 10, false}}
	if !slices.Equal(res.Extra, want) {
		t.Errorf("extra = %+v, want %+v", res.Extra, want)
	}
	rounds := map[string]int{}
	for _, n := range res.Noise {
		rounds[n.Benchmark] = n.Rounds
	}
	if w := map[string]int{"steady": 10, "noisy": 40, "settles": 20, "slower": 20}; fmt.Sprint(rounds) != fmt.Sprint(w) {
		t.Errorf("rounds per benchmark %v, want %v", rounds, w)
	}
	for _, r := range res.Current.Doc.Results {
		if n := len(r.SamplesNs); n != 6*rounds[r.Name] {
			t.Errorf("%s: %d current samples, want %d (6 per round)", r.Name, n, 6*rounds[r.Name])
		}
	}
	after := statuses(compare.Compare(res.Baseline.Doc, res.Current.Doc, cfg))
	if after["steady"] != compare.StatusUnchanged || after["noisy"] != compare.StatusInconclusive ||
		after["settles"] != compare.StatusUnchanged || after["slower"] != compare.StatusRegression {
		t.Errorf("verdicts after the extra rounds %v; want steady and settles unchanged, noisy inconclusive, slower a regression", after)
	}
	// The extra rounds ran the extended benchmarks alone, alternately: round 11 is
	// odd (A B), round 12 even (B A).
	if len(f.alone) != 2*(30+10+10) || f.alone[0] != "baseline noisy" || f.alone[1] != "current noisy" ||
		f.alone[6] != "current noisy" || f.alone[7] != "baseline noisy" {
		t.Errorf("runs alone: %d, starting %v; want 100, A B for round 11 then B A", len(f.alone), f.alone[:min(8, len(f.alone))])
	}
	for _, st := range res.Order[len(res.Order)-2:] {
		if st.Round != planned+MaxExtraRounds(planned) || st.Unit != "noisy" {
			t.Errorf("last step %+v, want noisy in round %d", st, planned+MaxExtraRounds(planned))
		}
	}
}

func TestBudgetEndsTheExtraRounds(t *testing.T) {
	t.Parallel()
	const planned = 4
	cfg := compare.DefaultConfig()
	f := &fakeSuite{names: []string{"steady", "noisy"}, level: extendLevels(planned)}
	ab := fakeRun(t, f, planned, &cfg)
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	ab.opts.afterStep = func(st Step, _ func()) {
		if st.Round == planned+3 && st.Side == Baseline { // round 7 runs A B: the budget ends mid-round
			cancel(errBudget)
		}
	}
	if err := ab.measure(ctx); err != nil {
		t.Fatalf("measure: %v (a budget that ends the extra rounds keeps what finished)", err)
	}
	res := ab.res
	if res.CutShort || !res.ExtraCutShort || res.RoundsDone != planned {
		t.Errorf("cut short %v, extra cut short %v, rounds done %d; want the planned %d done and the extra rounds cut short",
			res.CutShort, res.ExtraCutShort, res.RoundsDone, planned)
	}
	if want := []Extra{{"noisy", 2, true}}; !slices.Equal(res.Extra, want) {
		t.Errorf("extra = %+v, want %+v (round 7 ran on one side only)", res.Extra, want)
	}
}

func TestNoExtraRoundsWithInstructionCounts(t *testing.T) {
	t.Parallel()
	cfg := compare.DefaultConfig()
	f := &fakeSuite{names: []string{"noisy"}, level: extendLevels(4)}
	ab := fakeRun(t, f, 4, &cfg)
	ab.opts.Measure = bench.MeasureInstructions
	if err := ab.rounds(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := ab.extend(context.Background()); err != nil || len(ab.res.Extra) != 0 || len(f.alone) != 0 {
		t.Errorf("extend: %v, extra %+v, %d runs alone; want none: instructions decide, and time rounds do not move them", err, ab.res.Extra, len(f.alone))
	}
}

func TestBenchPatternSelectsOneBenchmark(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]string{
		"Work-2":                 "^BenchmarkWork$",
		"Work":                   "^BenchmarkWork$",
		"Decimal_Add-8":          "^BenchmarkDecimal_Add$",
		"Parse/size=10-2":        "^BenchmarkParse$/^size=10$",
		"Parse/a.b(c)/x+y#01-16": `^BenchmarkParse$/^a\.b\(c\)$/^x\+y#01$`,
	} {
		if got := benchPattern(name); got != want {
			t.Errorf("benchPattern(%q) = %q, want %q", name, got, want)
		}
	}
}

func statuses(c *compare.Comparison) map[string]compare.Status {
	out := map[string]compare.Status{}
	for _, e := range c.Entries {
		out[e.Name] = e.Status
	}
	return out
}
