package gate

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/samerunner"
)

// TestGoTestShardsSplitPackages: in a module that is not cost-ops-bench, each
// shard job records the go test benchmarks of its part of the packages with tests:
// the parts are disjoint, cover them, and follow the baseline's costs.
func TestGoTestShardsSplitPackages(t *testing.T) {
	h := newHarness(t, "pull_request", prEvent)
	mod := scratchModule(t, "example.com/scratch")
	all := []string{"example.com/scratch/a", "example.com/scratch/b", "example.com/scratch/c", "example.com/scratch/d"}
	for _, p := range all {
		name := p[strings.LastIndexByte(p, '/')+1:]
		mustWrite(t, filepath.Join(mod, name, name+"_test.go"), "package "+name+"\n\nimport \"testing\"\n\nfunc BenchmarkX(b *testing.B) {}\n")
	}
	mustWrite(t, filepath.Join(mod, "nobench", "nobench.go"), "package nobench\n")
	// a costs as much as b, c and d together: the two parts are {a} and {b, c, d}.
	base := &bench.Document{SchemaVersion: bench.SchemaVersion, Version: "test"}
	for i, p := range all {
		cost := 100.0
		if i == 0 {
			cost = 300
		}
		r := bench.ResultFromSamples(p+".X-2", []float64{1, 1, 1, 1, 1, 1}) // the name one run gives X of four packages
		r.Group, r.Iterations, r.TotalDurationMs = p, 1, cost
		base.Results = append(base.Results, r)
	}
	basePath := filepath.Join(h.dir, "base.json")
	if err := bench.WriteFile(basePath, base); err != nil {
		t.Fatal(err)
	}
	t.Chdir(mod)
	var parts [][]string
	for _, k := range []string{"1/2", "2/2"} {
		s := h.settings(basePath, "")
		s.Shard = k
		var runs []SuiteRun
		suite := func(_ context.Context, r SuiteRun) error {
			runs = append(runs, r)
			return nil
		}
		out, err := h.runWithSuite(s, suite)
		if err != nil {
			t.Fatal(err)
		}
		if len(runs) != 1 || runs[0].Suite != samerunner.SuiteGoTest || out.ResultPath != filepath.Join(s.OutputDir, "latest.json") {
			t.Fatalf("shard %s: runs %+v, result %s; want one go-test run", k, runs, out.ResultPath)
		}
		parts = append(parts, runs[0].Packages)
	}
	if !slices.Equal(parts[0], all[:1]) || !slices.Equal(parts[1], all[1:]) {
		t.Errorf("parts %v, want a alone, then b, c and d (balanced by the baseline's costs)", parts)
	}
	if !strings.Contains(h.stdout.String(), "shard 2/2: 3 of 4 package(s) (balanced by the costs in "+basePath) {
		t.Errorf("the log does not say what the shard ran:\n%s", h.stdout.String())
	}
}

// TestGoTestPartsMergeAsOneRun: parts that each hold a benchmark X of a different
// package merge with the names one run gives them, qualified by package.
func TestGoTestPartsMergeAsOneRun(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "pull_request", prEvent)
	var zips [][]byte
	for _, pkg := range []string{"example.com/m/a", "example.com/m/b"} {
		r := bench.ResultFromSamples("X-2", []float64{10, 11, 12, 10, 11, 12})
		r.Group = pkg
		doc := &bench.Document{SchemaVersion: bench.SchemaVersion, Version: "test", Results: []bench.Result{r}}
		data, err := bench.Encode(doc)
		if err != nil {
			t.Fatal(err)
		}
		zips = append(zips, zipOf(t, map[string][]byte{"latest.json": data}))
	}
	withParts(h, "p", zips)
	out, err := h.runWithSuite(h.settings("", "artifacts:p"), nil)
	if err != nil {
		t.Fatal(err)
	}
	merged, err := bench.ReadFile(out.ResultPath)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range merged.Results {
		names = append(names, r.Name)
	}
	if want := []string{"example.com/m/a.X-2", "example.com/m/b.X-2"}; !slices.Equal(names, want) {
		t.Errorf("merged names %q, want %q", names, want)
	}
}

// TestGoTestShardInWorkingDirectory: with working-directory, a shard job splits
// the packages of the module there (the repository's top has none) and runs its
// part there.
func TestGoTestShardInWorkingDirectory(t *testing.T) {
	h := newHarness(t, "pull_request", prEvent)
	top := t.TempDir()
	mustWrite(t, filepath.Join(top, "backend", "go.mod"), "module example.com/backend\n\ngo 1.24\n")
	for _, name := range []string{"a", "b"} {
		mustWrite(t, filepath.Join(top, "backend", name, name+"_test.go"), "package "+name+"\n\nimport \"testing\"\n\nfunc BenchmarkX(b *testing.B) {}\n")
	}
	t.Chdir(top)
	var runs []SuiteRun
	for _, k := range []string{"1/2", "2/2"} {
		s := h.settings("", "")
		s.Shard, s.WorkingDirectory = k, "backend"
		if _, err := h.runWithSuite(s, func(_ context.Context, r SuiteRun) error {
			runs = append(runs, r)
			return nil
		}); err != nil {
			t.Fatalf("shard %s: %v", k, err)
		}
	}
	if len(runs) != 2 || runs[0].Dir != "backend" || !slices.Equal(runs[0].Packages, []string{"example.com/backend/a"}) ||
		!slices.Equal(runs[1].Packages, []string{"example.com/backend/b"}) {
		t.Errorf("shard runs %+v, want backend's a, then b, each in backend", runs)
	}
}
