package samerunner

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// needValgrind skips a test without valgrind, except in CI, which installs it.
func needValgrind(t *testing.T) {
	t.Helper()
	if _, err := bench.FindValgrind(runtime.GOOS, exec.LookPath); err != nil {
		missingInCI(t, err.Error())
	}
}

// hasValgrind reports whether valgrind is here; in CI, which installs it, its
// absence fails the test.
func hasValgrind(t *testing.T) bool {
	t.Helper()
	_, err := bench.FindValgrind(runtime.GOOS, exec.LookPath)
	if err != nil && strings.EqualFold(os.Getenv("CI"), "true") {
		t.Fatalf("%v (CI=true: the test must count instructions)", err)
	}
	return err == nil
}

// checkSameInstructions checks that two results of the same code carry
// instruction counts within 0.5% of each other.
func checkSameInstructions(t *testing.T, a, b bench.Result) {
	t.Helper()
	ma, oka := a.Metrics[bench.MetricInstructions]
	mb, okb := b.Metrics[bench.MetricInstructions]
	if !oka || !okb || len(ma.Samples) == 0 || len(mb.Samples) == 0 {
		t.Fatalf("%s: instructions %+v and %+v, want both counted", a.Name, a.Metrics, b.Metrics)
	}
	if d := 100 * (mb.Median/ma.Median - 1); d < -0.5 || d > 0.5 {
		t.Errorf("%s: the same code counted %.1f and %.1f instructions/op (%+.3f%%), want within 0.5%%", a.Name, ma.Median, mb.Median, d)
	}
}

// TestGoTestInstructionsSeeTwoPercent runs a same-runner A/B of a Go module whose
// change adds 2% to its benchmark's work, with Measure instructions: both sides
// carry instructions per operation, counted with their own test binaries, and
// the current side's count is 2% higher.
func TestGoTestInstructionsSeeTwoPercent(t *testing.T) {
	needValgrind(t)
	repo := newGitRepo(t)
	base := repo.commit("work 1000", fixtureFiles("1000"))
	repo.commit("work 1020: 2% more", map[string]string{"size.go": fixtureSize("1020")})
	opts := goTestOptions(t, repo.dir, base, 1)
	opts.Measure = bench.MeasureInstructions
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if len(res.Problems) != 0 || res.CutShort {
		t.Fatalf("problems %v, cut short %v; want none", res.Problems, res.CutShort)
	}
	var medians []float64
	for _, s := range []SideResult{res.Baseline, res.Current} {
		r := result(t, s.Doc, "Work")
		if r == nil {
			t.Fatalf("%s: no Work result in %+v", s.Side, s.Doc.Results)
		}
		m, ok := r.Metrics[bench.MetricInstructions]
		if !ok || m.Unit != bench.UnitInstructions || len(m.Samples) != bench.DefaultInstructionPairs {
			t.Fatalf("%s Work: metrics %+v, want %d samples of instructions", s.Side, r.Metrics, bench.DefaultInstructionPairs)
		}
		medians = append(medians, m.Median)
	}
	// Work(1000) is a few thousand instructions.
	if medians[0] < 2000 || medians[0] > 50_000 {
		t.Errorf("baseline Work: %.1f instructions/op", medians[0])
	}
	if delta := 100 * (medians[1]/medians[0] - 1); delta < 1.5 || delta > 2.5 {
		t.Errorf("2%% more work measured %+.3f%% instructions (%.1f -> %.1f), want about +2%%", delta, medians[0], medians[1])
	}
}

func TestMeasureWithoutValgrindFailsBeforeBuilding(t *testing.T) {
	old := findValgrind
	findValgrind = func() (bench.Valgrind, error) {
		return bench.FindValgrind("linux", func(string) (string, error) { return "", exec.ErrNotFound })
	}
	defer func() { findValgrind = old }()
	opts := Options{Dir: t.TempDir(), Baseline: "HEAD~1", Measure: bench.MeasureInstructions, tempDir: t.TempDir()}
	_, err := Run(context.Background(), opts)
	if !errors.Is(err, bench.ErrNoValgrind) || !strings.Contains(err.Error(), "apt-get install") {
		t.Errorf("Run without valgrind: %v, want how to install it", err)
	}
	opts.Measure = "cycles"
	if _, err := Run(context.Background(), opts); err == nil || !strings.Contains(err.Error(), "measure") {
		t.Errorf("Measure cycles: %v, want an error naming measure", err)
	}
}

func TestGoTestName(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Work-2":            "BenchmarkWork",
		"Work":              "BenchmarkWork",
		"Parse/small-16":    "BenchmarkParse/small",
		"Suite/cost_100-8":  "BenchmarkSuite/cost_100",
		"Decode/json_v2-12": "BenchmarkDecode/json_v2",
	} {
		if got := goTestName(in); got != want {
			t.Errorf("goTestName(%q) = %q, want %q", in, got, want)
		}
	}
}
