package samerunner

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// copyTrackedFiles copies the files git tracks in the repository that holds the
// current directory into dst, and returns false when there is no such repository (a
// source archive).
func copyTrackedFiles(t *testing.T, dst string) bool {
	t.Helper()
	cmd := exec.Command("git", "ls-files", "-z", "--full-name")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		return false
	}
	top, err := exec.Command("git", "-C", "../..", "rev-parse", "--show-toplevel").Output()
	if err != nil {
		return false
	}
	for _, name := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		data, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(top)), filepath.FromSlash(name)))
		if os.IsNotExist(err) { // deleted in the work tree, not yet in the index
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dst, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return true
}

// TestBuiltinSuiteOfThisRepository runs this repository's own suite, one quick
// filtered benchmark, on two commits of a copy of it. It does not run in parallel:
// it measures.
func TestBuiltinSuiteOfThisRepository(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program twice; -short skips it")
	}
	repo := newGitRepo(t)
	if !copyTrackedFiles(t, repo.dir) {
		missingInCI(t, "not in a git checkout: no tracked files to copy")
	}
	repo.git("add", "-A")
	repo.git("commit", "--quiet", "-m", "copy of the repository")
	base := repo.git("rev-parse", "HEAD")
	repo.commit("a second commit", map[string]string{"abtest-note.txt": "the current side\n"})
	const rounds = 2
	opts := Options{
		Dir:      repo.dir,
		Baseline: "HEAD~1",
		Filters:  []string{"/^single_cost_calculation$/"},
		RunArgs:  []string{"--quick"},
		Rounds:   rounds,
		tempDir:  t.TempDir(),
	}
	// Instruction counts too, where valgrind is (CI installs it): the same code on
	// both sides counts the same instructions.
	counted := hasValgrind(t)
	if counted {
		opts.Measure = bench.MeasureInstructions
	}

	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	repo.assertClean(opts.tempDir)
	if res.Baseline.Commit != base || res.Baseline.BuildErr != nil || len(res.Problems) != 0 || res.RoundsDone != rounds {
		t.Fatalf("baseline %s (build error %v), problems %v, rounds %d; want %s built, none, %d",
			res.Baseline.Commit, res.Baseline.BuildErr, res.Problems, res.RoundsDone, base, rounds)
	}
	// Round 1 runs the whole filtered suite, round 2 the benchmark by name: B A.
	want := []Step{
		{Round: 1, Side: Baseline, Unit: wholeSuite}, {Round: 1, Side: Current, Unit: wholeSuite},
		{Round: 2, Side: Current, Unit: "single_cost_calculation"}, {Round: 2, Side: Baseline, Unit: "single_cost_calculation"},
	}
	if len(res.Order) != len(want) {
		t.Fatalf("steps = %+v, want %+v", res.Order, want)
	}
	for i, st := range res.Order {
		if st.Round != want[i].Round || st.Side != want[i].Side || st.Unit != want[i].Unit || st.Err != nil {
			t.Errorf("step %d = %+v, want %+v", i, st, want[i])
		}
	}
	for _, s := range []SideResult{res.Baseline, res.Current} {
		if len(s.Doc.Results) != 1 || s.Doc.Results[0].Name != "single_cost_calculation" {
			t.Fatalf("%s results = %+v, want single_cost_calculation only", s.Side, s.Doc.Results)
		}
		r := s.Doc.Results[0]
		if len(r.SamplesNs) < 2*6 || r.MedianNs <= 0 || r.CostTotalUSD == "" || s.Doc.Environment.GoVersion == "" {
			t.Errorf("%s: %d samples, median %v, cost %q, environment %+v; want the quick samples of both rounds and the suite's fields",
				s.Side, len(r.SamplesNs), r.MedianNs, r.CostTotalUSD, s.Doc.Environment)
		}
	}
	if counted {
		checkSameInstructions(t, res.Baseline.Doc.Results[0], res.Current.Doc.Results[0])
	}
	if res.Baseline.Doc.Results[0].CostTotalUSD != res.Current.Doc.Results[0].CostTotalUSD {
		t.Errorf("cost checksums differ for the same code: %q and %q", res.Baseline.Doc.Results[0].CostTotalUSD, res.Current.Doc.Results[0].CostTotalUSD)
	}
	if len(res.Noise) != 1 || res.Noise[0].Rounds != rounds {
		t.Errorf("noise = %+v, want single_cost_calculation over %d rounds", res.Noise, rounds)
	}
}

// TestSameCodeGivesTheSameBinary guards the fairness of an A/A run: the two sides'
// programs differ only by their directories, which must not change the binary.
func TestSameCodeGivesTheSameBinary(t *testing.T) {
	t.Parallel()
	if !randLayoutSupported(context.Background(), ".") {
		missingInCI(t, "this go command cannot link with -randlayout (Go 1.23+)")
	}
	repo := newGitRepo(t)
	files := fixtureFiles("100")
	files["cmd/cost-ops-bench/main.go"] = "package main\n\nfunc main() { println(\"hi\") }\n"
	repo.commit("a program", files)
	root := t.TempDir()
	const seed = 3
	var bins [2][]byte
	var other []byte // the first tree's program with another layout
	for i, name := range []string{"baseline", "a-much-longer-directory-name/current"} {
		w, err := repo.repository(t).addWorktree(context.Background(), "HEAD", root, name)
		if err != nil {
			t.Fatal(err)
		}
		s := &side{tree: w.moduleDir(), bin: t.TempDir()}
		b := &builtinSuite{}
		if err := b.build(context.Background(), s, seed); err != nil {
			t.Fatal(err)
		}
		if bins[i], err = os.ReadFile(b.binary(s, seed)); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			exe, err := b.link(context.Background(), s, seed+1)
			if err != nil {
				t.Fatal(err)
			}
			if other, err = os.ReadFile(exe); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.remove(); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(bins[0], bins[1]) {
		t.Errorf("the same commit built in two directories with layout %d gives two binaries (%d and %d bytes)", seed, len(bins[0]), len(bins[1]))
	}
	if bytes.Equal(bins[0], other) {
		t.Errorf("layouts %d and %d give the same binary: the layout is not randomized", seed, seed+1)
	}
}
