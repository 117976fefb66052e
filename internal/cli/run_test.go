package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/perf/benchfmt"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/formats"
	"github.com/cost-ops-bench/cost-ops-bench/schema"
)

// runStart is the fixed clock of the run tests: it names the raw file.
var runStart = time.Date(2026, 11, 26, 2, 3, 4, 0, time.UTC)

// runCmd runs `cost-ops-bench run args...` in memory with quick, short samples.
func runCmd(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := Env{Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }, Now: func() time.Time { return runStart }}
	err = Run(context.Background(), append([]string{"run", "--quick", "--sample-time", "1ms"}, args...), env)
	return out.String(), errOut.String(), err
}

func readDoc(t *testing.T, path string) (*bench.Document, []byte) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.ValidateResult(path, data); err != nil {
		t.Error(err)
	}
	var doc bench.Document
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return &doc, data
}

func TestRunWritesAllOutputs(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "out")
	stdout, stderr, err := runCmd(t, "--output", dir, "--filter", "single_cost", "--filter", "/^per_request_pricing$/")
	if err != nil {
		t.Fatalf("run: %v\n%s", err, stderr)
	}
	raw := filepath.Join(dir, "raw", "benchmark-results-20261126T020304Z.json")
	doc, rawData := readDoc(t, raw)
	_, latestData := readDoc(t, filepath.Join(dir, "latest.json"))
	if !bytes.Equal(rawData, latestData) {
		t.Error("latest.json differs from the raw document")
	}

	var names []string
	for _, r := range doc.Results {
		names = append(names, r.Name)
		if len(r.SamplesNs) != bench.QuickSamples || r.MedianNs <= 0 || r.CILowNs > r.MedianNs || r.CIHighNs < r.MedianNs {
			t.Errorf("%s: %d samples, median %v in [%v, %v]", r.Name, len(r.SamplesNs), r.MedianNs, r.CILowNs, r.CIHighNs)
		}
	}
	if want := []string{"single_cost_calculation", "per_request_pricing"}; !slices.Equal(names, want) {
		t.Fatalf("results = %q, want %q (suite order)", names, want)
	}
	if r := doc.Results[1]; r.BatchSize != 4 || r.Group != bench.GroupPricing || r.CostTotalUSD != "0.0635" {
		t.Errorf("per_request_pricing: batch %d, group %q, cost %q", r.BatchSize, r.Group, r.CostTotalUSD)
	}
	if !doc.Timestamp.Equal(runStart) || doc.Version != Version || doc.Environment.GoVersion == "" || doc.Environment.CPUCount < 1 {
		t.Errorf("document header: %v %q %+v", doc.Timestamp, doc.Version, doc.Environment)
	}
	if h := doc.Harness; h == nil || h.Samples != bench.QuickSamples || h.SampleTimeMs != 1 || h.Clock != bench.DefaultClock().Name {
		t.Errorf("harness = %+v, want %d samples of 1ms with the default clock", h, bench.QuickSamples)
	}
	if doc.Summary.TotalBenchmarks != 2 {
		t.Errorf("summary = %+v", doc.Summary)
	}

	checkGoBench(t, filepath.Join(dir, "latest.bench.txt"), map[string]int{"single_cost_calculation": bench.QuickSamples, "per_request_pricing": bench.QuickSamples})
	summary, err := os.ReadFile(filepath.Join(dir, "summary.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# Benchmark Results Summary", "## Detailed Results", "## Performance Analysis", "`per_request_pricing`"} {
		if !strings.Contains(string(summary), want) {
			t.Errorf("summary.md lacks %q", want)
		}
	}
	for _, want := range []string{"=== BENCHMARK RESULTS SUMMARY ===", "Top 5 Fastest Operations:", "single_cost_calculation"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("console summary lacks %q:\n%s", want, stdout)
		}
	}
	for _, want := range []string{"[1/2] single_cost_calculation", "[2/2] per_request_pricing", "ran 2 benchmarks", "wrote " + raw} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "\r") {
		t.Error("progress is not a terminal but got a live line")
	}
}

// checkGoBench reads a Go benchmark format file with benchfmt and checks the
// number of lines (samples) per benchmark.
func checkGoBench(t *testing.T, path string, want map[string]int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got := map[string]int{}
	rd := benchfmt.NewReader(f, path)
	for rd.Scan() {
		switch rec := rd.Result().(type) {
		case *benchfmt.SyntaxError:
			t.Errorf("%v", rec)
		case *benchfmt.Result:
			if _, ok := rec.Value("sec/op"); !ok {
				t.Errorf("%s: no sec/op", rec.Name)
			}
			got[rec.Name.String()]++
		}
	}
	if len(got) != len(want) {
		t.Errorf("benchmarks in %s: %v, want %v", path, got, want)
	}
	for name, n := range want {
		if got[name] != n {
			t.Errorf("%s: %d lines, want %d", name, got[name], n)
		}
	}
}

// TestRunWholeSuiteValidates runs every benchmark (short samples) and validates
// the document against the JSON Schema: every document the suite writes.
func TestRunWholeSuiteValidates(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if _, stderr, err := runCmd(t, "--output", dir, "--no-summary"); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr)
	}
	doc, _ := readDoc(t, filepath.Join(dir, "latest.json"))
	if got, want := len(doc.Results), len(bench.Suite().All()); got != want {
		t.Errorf("%d results, want %d", got, want)
	}
	// compare reads it strictly (unknown fields refused, every value checked).
	if _, err := bench.ReadFile(filepath.Join(dir, "latest.json")); err != nil {
		t.Errorf("compare cannot read the document: %v", err)
	}
	if _, err := formats.LoadFile(filepath.Join(dir, "latest.bench.txt"), "gobench"); err != nil {
		t.Errorf("compare cannot read the Go benchmark format: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "summary.md")); !os.IsNotExist(err) {
		t.Errorf("--no-summary wrote summary.md (stat error %v)", err)
	}
	for _, r := range doc.Results {
		if r.CostTotalUSD == "" && r.Name != "usage_validation" {
			t.Errorf("%s: no cost checksum", r.Name)
		}
	}
}

func TestRunWallClock(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if _, stderr, err := runCmd(t, "--output", dir, "--clock", "wall", "--filter", "usage_validation"); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr)
	}
	doc, _ := readDoc(t, filepath.Join(dir, "latest.json"))
	if doc.Harness == nil || doc.Harness.Clock != bench.ClockWall {
		t.Errorf("harness = %+v, want the wall clock", doc.Harness)
	}
}

func TestRunBadInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"invalid regexp", []string{"--filter", "/batch(/"}, `run: --filter: filter "/batch(/": error parsing regexp`},
		{"filter matches nothing", []string{"--filter", "nonexistent"}, `run: --filter: filter "nonexistent" matches no benchmark`},
		{"empty filter", []string{"--filter", ""}, "empty pattern"},
		{"too few samples", []string{"--samples", "3"}, "samples: 3 is too few, need at least 6"},
		{"sample too short", []string{"--sample-time", "10us"}, "sample time: 10µs is too short"},
		{"positional argument", []string{"extra"}, `unexpected argument "extra"`},
		{"unknown flag", []string{"--fast"}, "flag provided but not defined: -fast"},
		{"bad duration", []string{"--sample-time", "soon"}, `invalid value "soon" for flag -sample-time`},
		{"empty output", []string{"--output", ""}, "--output: empty directory name"},
		{"unknown clock", []string{"--clock", "tsc"}, `--clock: "tsc" is not cpu or wall`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), "out")
			args := append([]string{"--output", dir}, tt.args...)
			_, _, err := runCmd(t, args...)
			if code := ExitCode(err); code != ExitBadInput {
				t.Fatalf("exit code %d (error %v), want %d", code, err, ExitBadInput)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Errorf("output directory exists after bad input (stat error %v)", err)
			}
		})
	}
}

func TestRunFlags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		args       []string
		samples    int
		sampleTime time.Duration
	}{
		{"defaults", nil, bench.DefaultSamples, bench.DefaultSampleTime},
		{"quick", []string{"--quick"}, bench.QuickSamples, bench.QuickSampleTime},
		{"explicit flags win over quick", []string{"--quick", "--samples", "12", "--sample-time", "2ms"}, 12, 2 * time.Millisecond},
		{"explicit", []string{"-samples=50", "-sample-time=100ms"}, 50, 100 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			opts, err := parseRunFlags(tt.args, Env{Stderr: &bytes.Buffer{}})
			if err != nil {
				t.Fatal(err)
			}
			if opts.samples != tt.samples || opts.sampleTime != tt.sampleTime || opts.outputDir != DefaultOutputDir {
				t.Errorf("options = %+v, want %d samples of %v in %s", opts, tt.samples, tt.sampleTime, DefaultOutputDir)
			}
		})
	}
}

func TestRunList(t *testing.T) {
	t.Parallel()
	stdout, _, err := runCmd(t, "--list")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != len(bench.Suite().All()) || !strings.HasPrefix(lines[0], "single_cost_calculation ") || !strings.HasSuffix(lines[0], bench.GroupCalculation) {
		t.Errorf("--list printed:\n%s", stdout)
	}
}

func TestIsTerminal(t *testing.T) {
	t.Parallel()
	f, err := os.Create(filepath.Join(t.TempDir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, w := range []io.Writer{&bytes.Buffer{}, f} {
		if isTerminal(w) {
			t.Errorf("isTerminal(%T) = true", w)
		}
	}
}
