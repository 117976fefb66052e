package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// goTestModule is a Go module that is not this one (package gotest's fixture):
// in it, run's default suite is its own go test benchmarks.
const goTestModule = "../gotest/testdata/mod"

// TestRunGoTestInAnotherModule: in a Go module that is not cost-ops-bench, `run`
// records that module's benchmarks by default, writes the result document, and
// its names match a baseline recorded with another GOMAXPROCS; a baseline that
// shares no name with it is exit 2.
func TestRunGoTestInAnotherModule(t *testing.T) {
	out := t.TempDir()
	builtinBase, err := filepath.Abs(fixture("base.json"))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(goTestModule)
	_, stderr, code := runCLI(t, "run", "--output", out, "--benchtime", "20x", "--count", "3", "--bench", "Sum|Shared")
	if code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "go test: round 3/3: 2 package(s), -count 1") {
		t.Errorf("stderr does not show three rounds of one sample over both packages:\n%s", stderr)
	}
	doc, _ := readDoc(t, filepath.Join(out, "latest.json"))
	if len(doc.Results) != 3 || doc.Harness.Samples != 3 || doc.Harness.Processes != 3 {
		t.Fatalf("%d results, harness %+v; want Sum and two Shared, 3 samples from 3 processes", len(doc.Results), doc.Harness)
	}
	for _, f := range []string{"latest.bench.txt", "summary.md"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	// A baseline of the same benchmarks recorded on 8 cores.
	base := *doc
	base.Results = append([]bench.Result(nil), doc.Results...)
	suffix := regexp.MustCompile(`(-\d+)?$`)
	for i := range base.Results {
		base.Results[i].Name = suffix.ReplaceAllString(base.Results[i].Name, "-8")
	}
	basePath := filepath.Join(out, "base-8.json")
	if err := bench.WriteFile(basePath, &base); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := runCLI(t, "compare", "--baseline", basePath, "--current", filepath.Join(out, "latest.json"), "--format", "json")
	if code != 0 || strings.Contains(stdout, `"status": "missing"`) || !strings.Contains(stdout, `"gomaxprocs"`) {
		t.Errorf("compare against the -8 baseline: exit %d, want 0 with every name matched\n%s\n%s", code, stdout, stderr)
	}
	_, stderr, code = runCLI(t, "compare", "--baseline", builtinBase, "--current", filepath.Join(out, "latest.json"))
	if code != 2 || !strings.Contains(stderr, "no benchmark matches") {
		t.Errorf("compare with the built-in suite's baseline: exit %d, want 2 saying nothing matches\n%s", code, stderr)
	}
}

// TestRunGoTestErrors: a -bench that matches nothing is exit 2 and writes nothing.
func TestRunGoTestErrors(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	t.Chdir(goTestModule)
	_, stderr, code := runCLI(t, "run", "--output", out, "--bench", "NoSuchBenchmark", "--count", "1")
	if code != 2 || !strings.Contains(stderr, "run: --suite go-test: go test: no benchmark matches -bench NoSuchBenchmark in ./... (2 package(s) with tests)") {
		t.Errorf("exit %d, stderr %s", code, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("the output directory exists after a failed run: %v", err)
	}
	_, stderr, code = runCLI(t, "run", "--output", out, "--filter", "nothing", "--count", "1", "--benchtime", "5x", "--packages", "./beta")
	if code != 2 || !strings.Contains(stderr, "run: --suite go-test: go test: the filter keeps no benchmark of ./beta (benchmarks: ") {
		t.Errorf("--filter matching nothing: exit %d, stderr %s", code, stderr)
	}
}

func TestRunSuiteFlags(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--count", "3"}, "run: --count: a flag of --suite go-test, and the suite is builtin (the default here: give --suite go-test for the go test benchmarks of this module)"},
		{[]string{"--suite", "builtin", "--bench", "."}, "run: --bench: a flag of --suite go-test, and the suite is builtin\n"},
		{[]string{"--suite", "go-test", "--samples", "8"}, "run: --samples: a flag of --suite builtin; with --suite go-test, --count and --benchtime say how much is measured"},
		{[]string{"--suite", "go-test", "--count", "3", "--processes", "4"}, "run: --processes: 4: want 1 to --count (3)"},
		{[]string{"--suite", "go-test", "--count", "0"}, "run: --count: 0: want at least 1"},
		{[]string{"--suite", "go-test", "--measure", "cycles"}, "run: --measure:"},
		{[]string{"--suite", "pytest"}, `run: --suite: suite "pytest": want "builtin" or "go-test"`},
	} {
		_, stderr, code := runCLI(t, append([]string{"run", "--output", t.TempDir()}, tc.args...)...)
		if code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("run %q: exit %d, stderr %q; want 2 saying %q", tc.args, code, stderr, tc.want)
		}
	}
}

// scratchWork is a module's code whose benchmark does size rounds of work.
func scratchWork(size int) string {
	return fmt.Sprintf(`package p

// Work does %d rounds of arithmetic.
func Work() uint64 {
	x := uint64(1)
	for j := 0; j < %d; j++ {
		x = x*6364136223846793005 + 1442695040888963407
	}
	return x
}
`, size, size)
}

// TestGateScratchModule is issue 15's "done when": in a scratch Go module, the
// gate's defaults record that module's benchmarks (no baseline yet: it passes),
// and against that result as a baseline, 32 times the work is a regression (four
// times read as inconclusive once at load 30: the two gates run minutes apart,
// each process on the wall clock).
func TestGateScratchModule(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":         "module example.com/scratch\n\ngo 1.24\n",
		"p/work.go":      scratchWork(2000),
		"p/work_test.go": "package p\n\nimport \"testing\"\n\nvar sink uint64\n\nfunc BenchmarkWork(b *testing.B) {\n\tfor i := 0; i < b.N; i++ {\n\t\tsink = Work()\n\t}\n}\n",
	}
	for name, text := range files {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	inputs := map[string]string{"INPUT_BENCHTIME": "2000x", "INPUT_COUNT": "5"}
	out, code := runGateCLI(t, inputs, "--output-dir", "first")
	if code != 0 || !strings.Contains(out, "verdict: no-baseline") || !strings.Contains(out, "suite: go-test, the go test benchmarks of module example.com/scratch") {
		t.Fatalf("first gate: exit %d, want 0 with no baseline, running the module's benchmarks\n%s", code, out)
	}
	doc, _ := readDoc(t, filepath.Join("first", "latest.json"))
	if len(doc.Results) != 1 || !strings.HasPrefix(doc.Results[0].Name, "Work") || len(doc.Results[0].SamplesNs) != 5 {
		t.Fatalf("first gate recorded %+v, want Work with 5 samples", doc.Results)
	}
	if err := os.Rename(filepath.Join("first", "latest.json"), "base.json"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("p", "work.go"), []byte(scratchWork(64000)), 0o644); err != nil {
		t.Fatal(err)
	}
	inputs["INPUT_BASELINE"] = "base.json"
	out, code = runGateCLI(t, inputs, "--output-dir", "second")
	if code != ExitRegression || !strings.Contains(out, "verdict: regression") {
		t.Errorf("32 times the work: exit %d, want 1 with a regression\n%s", code, out)
	}
}

// TestGoTestShardsMerge: the gate's shard jobs of a module's go test benchmarks
// run disjoint packages; `merge` joins their results with the names one run
// gives, a name two packages share qualified by package.
func TestGoTestShardsMerge(t *testing.T) {
	out := t.TempDir()
	t.Chdir(goTestModule)
	inputs := map[string]string{"INPUT_BENCHTIME": "10x", "INPUT_COUNT": "2"}
	var parts []string
	for _, k := range []string{"1", "2"} {
		dir := filepath.Join(out, "part"+k)
		log, code := runGateCLI(t, inputs, "--shard", k+"/2", "--output-dir", dir)
		if code != 0 || !strings.Contains(log, "shard "+k+"/2: 1 of 2 package(s)") {
			t.Fatalf("shard %s/2: exit %d\n%s", k, code, log)
		}
		parts = append(parts, filepath.Join(dir, "latest.json"))
	}
	merged := filepath.Join(out, "merged.json")
	if _, stderr, code := runCLI(t, "merge", "--output", merged, parts[0], parts[1]); code != 0 {
		t.Fatalf("merge: exit %d\n%s", code, stderr)
	}
	doc, _ := readDoc(t, merged)
	var shared []string
	for _, r := range doc.Results {
		if strings.Contains(r.Name, "Shared") {
			shared = append(shared, regexp.MustCompile(`-\d+$`).ReplaceAllString(r.Name, ""))
		}
	}
	if len(doc.Results) != 6 || len(shared) != 2 || shared[0] != "example.com/fixture/alpha.Shared" || shared[1] != "example.com/fixture/beta.Shared" {
		t.Errorf("merged %d results, Shared named %q; want 6, qualified by package", len(doc.Results), shared)
	}
}
