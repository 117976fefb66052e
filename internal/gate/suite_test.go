package gate

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/gotest"
	"github.com/cost-ops-bench/cost-ops-bench/internal/samerunner"
)

// scratchModule makes a directory holding a go.mod of module path (none when "").
func scratchModule(t *testing.T, path string) string {
	t.Helper()
	dir := t.TempDir()
	if path != "" {
		mustWrite(t, filepath.Join(dir, "go.mod"), "module "+path+"\n\ngo 1.24\n")
	}
	return dir
}

// TestSuiteDefault: the suite that runs here is the suite input, else
// cost-ops-bench's own in its module, and the module's go test benchmarks in any
// other; outside a module the gate asks for a result file.
func TestSuiteDefault(t *testing.T) {
	t.Parallel()
	other := scratchModule(t, "example.com/scratch")
	none := scratchModule(t, "")
	for _, tc := range []struct {
		name      string
		dir       string
		s         Settings
		want      samerunner.Suite
		wantCount int
		wantErr   string
	}{
		{name: "this module", dir: ".", want: samerunner.SuiteBuiltin},
		{name: "another module", dir: other, want: samerunner.SuiteGoTest},
		{name: "another module, builtin asked", dir: other, s: Settings{SameRunner: samerunner.Settings{Suite: "builtin"}}, want: samerunner.SuiteBuiltin},
		{name: "this module, go-test asked", dir: ".", s: Settings{SameRunner: samerunner.Settings{Suite: "go-test"}}, want: samerunner.SuiteGoTest},
		{name: "count", dir: other, s: Settings{Count: "4"}, want: samerunner.SuiteGoTest, wantCount: 4},
		{name: "another module, a ref: baseline", dir: other, s: Settings{Baseline: "ref:main"}, want: samerunner.SuiteGoTest},
		{name: "this module, a ref: baseline", dir: ".", s: Settings{Baseline: "ref:main"}, want: samerunner.SuiteBuiltin},
		{name: "no module, a result file", dir: none, s: Settings{Current: "bench.txt"}, want: samerunner.SuiteBuiltin},
		{name: "no module, nothing to run", dir: none, wantErr: "no go.mod in this directory: give the directory of the Go module whose benchmarks the gate runs"},
		{name: "no module, builtin asked", dir: none, s: Settings{SameRunner: samerunner.Settings{Suite: "builtin"}}, wantErr: "no go.mod in this directory"},
		{name: "build-tags", dir: other, s: Settings{SameRunner: samerunner.Settings{Tags: "bench,integration"}}, want: samerunner.SuiteGoTest},
		{name: "build-tags of the builtin suite", dir: ".", s: Settings{SameRunner: samerunner.Settings{Tags: "bench"}}, wantErr: `input build-tags: "bench": an input of suite go-test, and the suite is builtin`},
		{name: "build-tags not tags", dir: other, s: Settings{SameRunner: samerunner.Settings{Tags: "-x"}}, wantErr: `input build-tags: "-x": want build tags separated by commas`},
		{name: "count of the builtin suite", dir: ".", s: Settings{Count: "3"}, wantErr: `input count: "3": an input of suite go-test, and the suite is builtin`},
		{name: "count with a ref: baseline", dir: other, s: Settings{Count: "3", Baseline: "ref:main"}, wantErr: `input count: "3": with a ref: baseline, rounds says how many samples each side takes`},
		{name: "count zero", dir: other, s: Settings{Count: "0"}, wantErr: `input count: "0": want a whole number of at least 1`},
		{name: "unknown suite", dir: other, s: Settings{SameRunner: samerunner.Settings{Suite: "pytest"}}, wantErr: `input suite "pytest"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := tc.s
			s.Comment, s.FailOnRegression = CommentAlways, "true"
			if tc.dir != "." {
				s.WorkingDirectory = tc.dir
			}
			v, err := s.validate()
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if want := strings.ReplaceAll(strings.TrimSpace(tc.s.SameRunner.Tags), " ", ""); strings.Join(v.suite.Tags, ",") != want {
				t.Errorf("tags %q, want %q", v.suite.Tags, want)
			}
			if v.suite.Suite != tc.want || v.suite.Count != tc.wantCount || v.SameRunner.Suite != string(tc.want) {
				t.Errorf("suite %+v (same-runner %q), want %s with count %d", v.suite, v.SameRunner.Suite, tc.want, tc.wantCount)
			}
		})
	}
}

// TestGateRunsTheModulesBenchmarks: in a module that is not cost-ops-bench, the
// gate's defaults run the module's go test benchmarks, match them with a baseline
// recorded on 8 cores, and re-measure a time regression in its package alone.
func TestGateRunsTheModulesBenchmarks(t *testing.T) {
	h := newHarness(t, "pull_request", prEvent)
	const pkg = "example.com/scratch/p"
	doc := func(name string, level float64) *bench.Document {
		d := procDoc(level, level, level, level, level)
		d.Results[0].Name, d.Results[0].Group = name, pkg
		return d
	}
	base := filepath.Join(h.dir, "base.json")
	if err := bench.WriteFile(base, doc("Work-8", 100)); err != nil {
		t.Fatal(err)
	}
	var runs []SuiteRun
	suite := func(_ context.Context, r SuiteRun) error {
		runs = append(runs, r)
		return bench.WriteFile(filepath.Join(r.OutputDir, "latest.json"), doc("Work-2", 150))
	}
	t.Chdir(scratchModule(t, "example.com/scratch"))
	s := h.settings(base, "")
	s.SameRunner = samerunner.Settings{Bench: "Work", BenchTime: "100x"}
	out, err := h.runWithSuite(s, suite)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2 || runs[0].Suite != samerunner.SuiteGoTest || runs[0].Bench != "Work" || runs[0].BenchTime != "100x" || runs[0].Only != nil {
		t.Fatalf("suite runs %+v, want the go-test suite with the inputs, then a re-measure", runs)
	}
	if want := []gotest.Name{{Package: pkg, Name: "Work-2"}}; !slices.Equal(runs[1].Only, want) {
		t.Errorf("re-measured %v, want %v", runs[1].Only, want)
	}
	if !out.Failed() || out.Counts.Regressions != 1 {
		t.Errorf("failed %v, counts %+v; want the regression of Work (-8 matched with -2)", out.Failed(), out.Counts)
	}
	if !strings.Contains(h.stdout.String(), "suite: go-test, the go test benchmarks of module example.com/scratch (the default in a module that is not cost-ops-bench; packages ./..., bench Work)") {
		t.Errorf("the log does not say which suite runs:\n%s", h.stdout.String())
	}
	if _, err := os.Stat(filepath.Join(h.dir, "out", "latest.json")); err != nil {
		t.Errorf("result: %v", err)
	}
}
