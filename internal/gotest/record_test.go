package gotest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/samerunner"
)

// fixture is a Go module that is not this one, with benchmarks of every kind
// go test reports: time with MB/s and allocations, a name two packages share,
// sub-benchmarks, and a custom unit without time.
const fixture = "testdata/mod"

const (
	alpha = "example.com/fixture/alpha"
	beta  = "example.com/fixture/beta"
)

// procs is the -GOMAXPROCS suffix of a name.
var procs = regexp.MustCompile(`-\d+$`)

// byName indexes a document's results by name without the -N suffix, which
// depends on the machine's CPUs.
func byName(t *testing.T, doc *bench.Document) map[string]bench.Result {
	t.Helper()
	out := map[string]bench.Result{}
	for _, r := range doc.Results {
		out[procs.ReplaceAllString(r.Name, "")] = r
	}
	return out
}

func TestRecordFixture(t *testing.T) {
	t.Parallel()
	rec, err := Record(context.Background(), Options{Dir: fixture, BenchTime: "20x", Count: 4, Processes: 2, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Close()
	doc := rec.Doc
	got := byName(t, doc)
	var names []string
	for n := range got {
		names = append(names, n)
	}
	slices.Sort(names)
	want := []string{"Custom", "Sizes/n=10", "Sizes/n=100", "Sum", alpha + ".Shared", beta + ".Shared"}
	if !slices.Equal(names, want) {
		t.Fatalf("names = %q, want %q", names, want)
	}
	sum := got["Sum"]
	if len(sum.SamplesNs) != 4 || sum.MedianNs <= 0 || sum.Group != alpha {
		t.Errorf("Sum: %d samples, median %v, group %q; want 4 samples, a median, group %s", len(sum.SamplesNs), sum.MedianNs, sum.Group, alpha)
	}
	if !slices.Equal(sum.SamplesProcess, []int{0, 0, 1, 1}) {
		t.Errorf("Sum: samples_process = %v, want two samples from each of two processes", sum.SamplesProcess)
	}
	if sum.AllocsPerOp != 1 || sum.BytesPerOp < 2048 || sum.BytesPerOp > 2400 { // the runtime's own allocations of 20 iterations show
		t.Errorf("Sum: %v allocs/op, %v B/op; want 1 and about 2048", sum.AllocsPerOp, sum.BytesPerOp)
	}
	if m := sum.Metrics[bench.MetricAllocations]; len(m.Samples) != 4 || m.Median != 1 || !slices.Equal(m.SamplesProcess, sum.SamplesProcess) {
		t.Errorf("Sum: allocations metric %+v, want one figure per sample, from the samples' processes, 1", m)
	}
	mbs, ok := sum.Metrics["MB/s"]
	if !ok || len(mbs.Samples) != 4 || mbs.Median <= 0 || !mbs.HigherIsBetter() {
		t.Errorf("Sum: MB/s metric %+v (present %v), want 4 samples, higher is better", mbs, ok)
	}
	custom := got["Custom"]
	if len(custom.SamplesNs) != 0 || custom.Metrics["widgets/op"].Median != 42 || custom.Metrics["widgets/op"].HigherIsBetter() {
		t.Errorf("Custom: samples_ns %v, metrics %+v; want no time and widgets/op 42, lower is better", custom.SamplesNs, custom.Metrics)
	}
	if g := got[beta+".Shared"].Group; g != beta {
		t.Errorf("beta's Shared: group %q, want %s", g, beta)
	}
	if doc.Harness == nil || doc.Harness.Samples != 4 || doc.Harness.Processes != 2 || doc.Harness.Clock != "wall" {
		t.Errorf("harness = %+v, want 4 samples from 2 processes, wall clock", doc.Harness)
	}
	if !strings.HasPrefix(doc.Environment.GoVersion, "go") || doc.Version != "test" || doc.Summary.TotalBenchmarks != 6 {
		t.Errorf("environment %+v, version %q, summary %+v", doc.Environment, doc.Version, doc.Summary)
	}
	if err := bench.Validate(doc, "recorded"); err != nil {
		t.Errorf("the recorded document does not validate: %v", err)
	}
	for i, r := range doc.Results {
		p := rec.Programs[i]
		if p.Binary.Package != r.Group || !strings.HasSuffix(r.Name, p.Name) {
			t.Errorf("%s: program %+v, want its package's binary and own name", r.Name, p)
		}
		if _, err := os.Stat(p.Binary.Path); err != nil {
			t.Errorf("%s: binary: %v", r.Name, err)
		}
	}
}

// TestRecordOnly re-measures chosen benchmarks: only their packages run, and a
// shared name keeps its package prefix though the other package does not run.
func TestRecordOnly(t *testing.T) {
	t.Parallel()
	first, err := Record(context.Background(), Options{Dir: fixture, BenchTime: "10x", Count: 1, Bench: "Shared|Sizes"})
	if err != nil {
		t.Fatal(err)
	}
	first.Close()
	var only []Name
	for _, r := range first.Doc.Results {
		if r.Group == alpha || strings.HasSuffix(procs.ReplaceAllString(r.Name, ""), "n=100") {
			only = append(only, Name{Package: r.Group, Name: r.Name})
		}
	}
	if len(only) != 2 {
		t.Fatalf("first run: %d results of interest, want alpha's Shared and Sizes/n=100", len(only))
	}
	rec, err := Record(context.Background(), Options{Dir: fixture, BenchTime: "10x", Count: 2, Only: only})
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Close()
	var got []Name
	for _, r := range rec.Doc.Results {
		got = append(got, Name{Package: r.Group, Name: r.Name})
	}
	if !slices.Equal(got, only) {
		t.Errorf("re-measured %v, want %v", got, only)
	}
}

func TestRecordKeep(t *testing.T) {
	t.Parallel()
	f, err := bench.ParseFilter([]string{"Sizes"})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := Record(context.Background(), Options{Dir: fixture, Packages: []string{"./beta"}, BenchTime: "10x", Count: 1, Keep: f.Match})
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Close()
	if n := len(rec.Doc.Results); n != 2 {
		t.Errorf("kept %d results, want the two Sizes sub-benchmarks", n)
	}
	none, _ := bench.ParseFilter([]string{"nothing"})
	_, err = Record(context.Background(), Options{Dir: fixture, Packages: []string{"./beta"}, BenchTime: "10x", Count: 1, Keep: none.Match})
	if err == nil || !strings.Contains(err.Error(), "the filter keeps no benchmark of ./beta") {
		t.Errorf("a filter that keeps nothing: err = %v", err)
	}
}

// module writes a module of the given files into a temporary directory.
func module(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["go.mod"] = "module example.com/scratch\n\ngo 1.24\n"
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestRecordErrors(t *testing.T) {
	t.Parallel()
	broken := module(t, map[string]string{"p/p_test.go": "package p\n\nimport \"testing\"\n\nfunc BenchmarkX(b *testing.B) { undefinedName() }\n"})
	failing := module(t, map[string]string{"p/p_test.go": "package p\n\nimport \"testing\"\n\nfunc BenchmarkX(b *testing.B) { b.Fatal(\"broken benchmark\") }\n"})
	noTests := module(t, map[string]string{"p/p.go": "package p\n"})
	for _, tc := range []struct {
		name string
		o    Options
		want []string
	}{
		{"does not compile", Options{Dir: broken}, []string{"go test -c example.com/scratch/p: the tests do not compile", "p_test.go:5", "undefinedName"}},
		{"a benchmark fails", Options{Dir: failing, Count: 1}, []string{"example.com/scratch/p", "--- FAIL: BenchmarkX", "broken benchmark"}},
		{"no benchmark matches", Options{Dir: fixture, Bench: "NoSuchBenchmark", Count: 1}, []string{"no benchmark matches -bench NoSuchBenchmark in ./... (2 package(s) with tests)"}},
		{"no package with tests", Options{Dir: noTests}, []string{"no package with tests matches ./..."}},
		{"no such package", Options{Dir: fixture, Packages: []string{"./nosuch"}}, []string{"go list ./nosuch", "nosuch"}},
		{"bad regexp", Options{Dir: fixture, Bench: "(["}, []string{`bench: "(["`}},
		{"processes over count", Options{Dir: fixture, Count: 2, Processes: 3}, []string{"processes: 3: want 1 to count (2)"}},
		{"a flag as package", Options{Dir: fixture, Packages: []string{"-exec=evil"}}, []string{"is a flag, not a package pattern"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.o.BenchTime = "5x"
			rec, err := Record(context.Background(), tc.o)
			if err == nil {
				rec.Close()
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\ndoes not say %q", err, w)
				}
			}
		})
	}
}

func TestDefaultSuite(t *testing.T) {
	t.Parallel()
	if s, m, err := DefaultSuite("."); err != nil || s != samerunner.SuiteBuiltin || m.Path != ThisModule {
		t.Errorf("in this repository: %v %+v %v; want builtin", s, m, err)
	}
	if s, m, err := DefaultSuite(fixture + "/alpha"); err != nil || s != samerunner.SuiteGoTest || m.Path != "example.com/fixture" {
		t.Errorf("in another module: %v %+v %v; want go-test of example.com/fixture", s, m, err)
	}
	if _, _, err := DefaultSuite(t.TempDir()); !errors.Is(err, ErrNoModule) {
		t.Errorf("outside a module: err = %v, want ErrNoModule", err)
	}
	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, "go.mod"), []byte("go 1.24\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := DefaultSuite(bad); err == nil || !strings.Contains(err.Error(), "go.mod: no module directive") {
		t.Errorf("a go.mod without module: err = %v", err)
	}
}

func TestSplitBenchAndTopLevel(t *testing.T) {
	t.Parallel()
	if got := splitBench(`A/(x/y)|[/]/\/z`); !slices.Equal(got, []string{"A", "(x/y)|[/]", `\/z`}) {
		t.Errorf("splitBench = %q", got)
	}
	for in, want := range map[string]string{"Sum-8": "Sum", "Sizes/n=10-2": "Sizes", "Plain": "Plain", "Sizes/a-b": "Sizes"} {
		if got := topLevel(in); got != want {
			t.Errorf("topLevel(%q) = %q, want %q", in, got, want)
		}
	}
}
