package samerunner

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/compare"
)

// goTestOptions runs the fixture's benchmarks quickly: a fixed iteration count.
func goTestOptions(t *testing.T, dir, baseline string, rounds int) Options {
	t.Helper()
	return Options{
		Dir:       dir,
		Baseline:  baseline,
		Suite:     SuiteGoTest,
		BenchTime: "2000x",
		Rounds:    rounds,
		tempDir:   t.TempDir(),
	}
}

// result finds the benchmark named name, with or without the -GOMAXPROCS suffix, which
// differs between machines.
func result(t *testing.T, doc *bench.Document, name string) *bench.Result {
	t.Helper()
	for i := range doc.Results {
		if isBenchmark(doc.Results[i].Name, name) {
			return &doc.Results[i]
		}
	}
	return nil
}

// wantAlternation is the order of a single unit over rounds: A B, B A, A B, ...
func wantAlternation(rounds int) []Side {
	var want []Side
	for r := 1; r <= rounds; r++ {
		if r%2 == 1 {
			want = append(want, Baseline, Current)
		} else {
			want = append(want, Current, Baseline)
		}
	}
	return want
}

// TestGoTestTwofoldSlowdownIsARegression does not run in parallel with the other
// tests of the package: their builds would load the machine while it measures.
func TestGoTestTwofoldSlowdownIsARegression(t *testing.T) {
	repo := newGitRepo(t)
	base := repo.commit("work 1000", fixtureFiles("1000"))
	head := repo.commit("work 2000: twice the work", map[string]string{"size.go": fixtureSize("2000")})
	const rounds = 10
	opts := goTestOptions(t, repo.dir, base, rounds)
	opts.BenchTime = "20000x" // samples of tens of milliseconds: contention averages out

	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	repo.assertClean(opts.tempDir)

	if res.Baseline.Commit != base || res.Current.Commit != head || res.Current.Rev != "" || res.Current.Dirty {
		t.Errorf("sides: baseline %+v, current %+v; want commits %s and %s (clean working tree)", res.Baseline, res.Current, base, head)
	}
	if want := rounds; res.Layouts != want && randLayoutSupported(context.Background(), ".") {
		t.Errorf("%d code layouts, want one per round (%d)", res.Layouts, want)
	}
	if res.RoundsDone != rounds || res.CutShort {
		t.Errorf("rounds done %d, cut short %v; want %d, false", res.RoundsDone, res.CutShort, rounds)
	}
	var got []Side
	for i, st := range res.Order {
		got = append(got, st.Side)
		if st.Unit != "example.com/abfixture" || st.Err != nil || st.Round != i/2+1 {
			t.Errorf("step %d = %+v, want round %d of example.com/abfixture without error", i, st, i/2+1)
		}
		if res.Layouts > 0 && st.Layout != st.Round { // each round its own code layout, the same on both sides
			t.Errorf("step %d ran layout %d, want %d (the round's)", i, st.Layout, st.Round)
		}
	}
	if want := wantAlternation(rounds); !equalSides(got, want) {
		t.Errorf("order of the sides = %v, want %v", got, want)
	}
	for _, s := range []SideResult{res.Baseline, res.Current} {
		r := result(t, s.Doc, "Work")
		if r == nil || len(s.Doc.Results) != 1 {
			t.Fatalf("%s document has %d results, want Work only", s.Side, len(s.Doc.Results))
		}
		if len(r.SamplesNs) != rounds || r.MedianNs <= 0 || r.CILowNs > r.MedianNs || r.CIHighNs < r.MedianNs {
			t.Errorf("%s Work: %d samples, median %v in [%v, %v]; want %d samples and the median inside its interval",
				s.Side, len(r.SamplesNs), r.MedianNs, r.CILowNs, r.CIHighNs, rounds)
		}
	}
	if len(res.Noise) != 1 || res.Noise[0].Rounds != rounds || len(res.Problems) != 0 {
		t.Errorf("noise %+v, problems %v; want one benchmark over 6 rounds and no problem", res.Noise, res.Problems)
	}

	// Twice the work is a regression; on a machine so loaded that its noise between
	// rounds could hide it (seen at load 13: samples of 1.9-14.6 µs), the only other
	// truthful answer is inconclusive with a smallest detectable change above +100%.
	// Never unchanged, never a pass that says nothing.
	cmp := compare.Compare(res.Baseline.Doc, res.Current.Doc, compare.DefaultConfig())
	e := cmp.Entries[0]
	switch {
	case cmp.Verdict() == compare.VerdictRegression:
	case e.Status == compare.StatusInconclusive && e.Time != nil && e.Time.Detectable > 100:
		t.Logf("twice the work inconclusive: the noise between rounds hid it (detects >= %+.0f%%)", e.Time.Detectable)
	default:
		t.Errorf("verdict %q, status %q, want a regression for twice the work (or inconclusive beyond what the noise lets it see); time %+v\nbaseline samples %v\ncurrent samples %v",
			cmp.Verdict(), e.Status, e.Time, res.Baseline.Doc.Results[0].SamplesNs, res.Current.Doc.Results[0].SamplesNs)
	}
}

func TestGoTestBenchmarkOnOneSideOnly(t *testing.T) {
	t.Parallel()
	repo := newGitRepo(t)
	base := repo.commit("work", fixtureFiles("100"))
	repo.commit("add BenchmarkNew", map[string]string{"new_test.go": fixtureNewBench})
	opts := goTestOptions(t, repo.dir, base, 2)

	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	repo.assertClean(opts.tempDir)
	if result(t, res.Current.Doc, "New") == nil || result(t, res.Baseline.Doc, "New") != nil {
		t.Fatalf("BenchmarkNew: current %v, baseline %v; want it in the current document only", res.Current.Doc.Results, res.Baseline.Doc.Results)
	}
	if len(res.Problems) != 1 {
		t.Fatalf("problems = %v, want BenchmarkNew missing on the baseline side", res.Problems)
	}
	p := res.Problems[0]
	if p.Side != Baseline || !isBenchmark(p.Unit, "New") || !errors.Is(p.Err, ErrMissing) {
		t.Errorf("problem = %+v, want BenchmarkNew missing on the baseline side", p)
	}
	if len(res.Noise) != 1 || !isBenchmark(res.Noise[0].Benchmark, "Work") {
		t.Errorf("noise = %+v, want Work only (the one measured on both sides)", res.Noise)
	}
	cmp := compare.Compare(res.Baseline.Doc, res.Current.Doc, compare.DefaultConfig())
	var statuses []string
	for _, e := range cmp.Entries {
		statuses = append(statuses, e.Name+"="+string(e.Status))
	}
	if !strings.Contains(strings.Join(statuses, " "), "New") || cmp.Counts().New != 1 {
		t.Errorf("comparison entries %v, want BenchmarkNew listed as new", statuses)
	}
}

func TestGoTestBaselineThatDoesNotBuild(t *testing.T) {
	t.Parallel()
	repo := newGitRepo(t)
	files := fixtureFiles("100")
	files["size.go"] = fixtureBroken
	base := repo.commit("broken", files)
	repo.commit("fixed", map[string]string{"size.go": fixtureSize("100")})
	opts := goTestOptions(t, repo.dir, base, 2)

	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatalf("Run: %v (a baseline that does not build is reported, not an error)", err)
	}
	repo.assertClean(opts.tempDir)
	var berr *BuildError
	if !errors.As(res.Baseline.BuildErr, &berr) || berr.Side != Baseline || berr.Commit != base {
		t.Fatalf("baseline build error = %v, want a *BuildError of the baseline at %s", res.Baseline.BuildErr, base)
	}
	if !strings.Contains(berr.Error(), "size.go") {
		t.Errorf("build error %q does not name the file at fault", berr)
	}
	if len(res.Baseline.Doc.Results) != 0 || result(t, res.Current.Doc, "Work") == nil {
		t.Errorf("baseline results %d, current %v; want none and BenchmarkWork", len(res.Baseline.Doc.Results), res.Current.Doc.Results)
	}
	for _, st := range res.Order {
		if st.Side != Current {
			t.Errorf("step %+v ran on the baseline, which does not build", st)
		}
	}
}

func TestGoTestCurrentThatDoesNotBuild(t *testing.T) {
	t.Parallel()
	repo := newGitRepo(t)
	base := repo.commit("work", fixtureFiles("100"))
	repo.write(map[string]string{"size.go": fixtureBroken}) // uncommitted: the working tree is the current side
	opts := goTestOptions(t, repo.dir, base, 2)

	_, err := Run(context.Background(), opts)
	var berr *BuildError
	if !errors.As(err, &berr) || berr.Side != Current || berr.Rev != "" {
		t.Fatalf("Run error = %v, want a *BuildError of the current working tree", err)
	}
	if !strings.Contains(err.Error(), "working tree") || !strings.Contains(err.Error(), "size.go") {
		t.Errorf("error %q does not say the working tree and the file at fault", err)
	}
	repo.assertClean(opts.tempDir)
}

// isBenchmark reports whether got is the benchmark name, maybe with a -N suffix.
func isBenchmark(got, name string) bool {
	return got == name || strings.HasPrefix(got, name+"-")
}

func equalSides(a, b []Side) bool {
	return strings.Join(sideStrings(a), " ") == strings.Join(sideStrings(b), " ")
}

func sideStrings(ss []Side) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = string(s)
	}
	return out
}

func TestBuiltinSuiteNeedsThisProgram(t *testing.T) {
	t.Parallel()
	repo := newGitRepo(t)
	base := repo.commit("work", fixtureFiles("100"))
	opts := goTestOptions(t, repo.dir, base, 2)
	opts.Suite = SuiteBuiltin

	_, err := Run(context.Background(), opts)
	var berr *BuildError
	if !errors.As(err, &berr) || berr.Side != Current || !strings.Contains(err.Error(), "go-test suite") {
		t.Fatalf("Run error = %v, want the current side's build error pointing to the go-test suite", err)
	}
	repo.assertClean(opts.tempDir)
}

// TestGoTestRunsOneBenchmarkAlone: an extra round runs one benchmark of a package
// with the pattern benchPattern makes, and nothing else of it.
func TestGoTestRunsOneBenchmarkAlone(t *testing.T) {
	t.Parallel()
	repo := newGitRepo(t)
	files := fixtureFiles("100")
	files["new_test.go"] = fixtureNewBench
	repo.commit("two benchmarks", files)
	opts, err := goTestOptions(t, repo.dir, "HEAD", 1).withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	g := &goTestSuite{opts: opts}
	s := newSide(Current)
	s.tree, s.bin = repo.dir, t.TempDir()
	ctx := context.Background()
	if err := g.build(ctx, s, 1); err != nil {
		t.Fatal(err)
	}
	doc, err := g.run(ctx, s, "example.com/abfixture", 1)
	if err != nil {
		t.Fatal(err)
	}
	s.add(1, "example.com/abfixture", doc)
	newName := result(t, doc, "New")
	if len(doc.Results) != 2 || newName == nil {
		t.Fatalf("a round of the package measured %v, want Work and New", doc.Results)
	}
	alone, err := g.runBenchmark(ctx, s, newName.Name, 2) // another layout: linked now
	if err != nil {
		t.Fatal(err)
	}
	if len(g.relinks) != 1 {
		t.Errorf("relinked binaries %v, want the one of layout 2", g.relinks)
	}
	if len(alone.Results) != 1 || alone.Results[0].Name != newName.Name {
		t.Errorf("running %s alone measured %v, want it only", newName.Name, alone.Results)
	}
}
