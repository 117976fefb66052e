package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"golang.org/x/perf/benchfmt"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// buildProgram builds cost-ops-bench into a temporary directory.
func buildProgram(t *testing.T) string {
	t.Helper()
	exe := filepath.Join(t.TempDir(), "cost-ops-bench")
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=false", "-o", exe, "github.com/cost-ops-bench/cost-ops-bench/cmd/cost-ops-bench")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return exe
}

// needValgrind skips a test without valgrind, except in CI, which installs it.
func needValgrind(t *testing.T) {
	t.Helper()
	if _, err := bench.FindValgrind(runtime.GOOS, exec.LookPath); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI must have valgrind (.ci/run installs it): %v", err)
		}
		t.Skip(err)
	}
}

// TestRunMeasureInstructions runs the program as a user does: `run --measure
// instructions` counts each benchmark's instructions per operation in child
// processes of itself under valgrind, writes them into the result document and
// the Go benchmark format, and the samples of fresh processes agree within 0.5%.
func TestRunMeasureInstructions(t *testing.T) {
	needValgrind(t)
	exe := buildProgram(t)
	dir := t.TempDir()
	cmd := exec.Command(exe, "run", "--quick", "--sample-time", "1ms", "--measure", "instructions", "--no-summary", "--output", dir,
		"--filter", "/^(usage_validation|cost_aggregation_100)$/")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	doc, _ := readDoc(t, filepath.Join(dir, "latest.json"))
	if len(doc.Results) != 2 {
		t.Fatalf("%d results, want 2", len(doc.Results))
	}
	for _, r := range doc.Results {
		m, ok := r.Metrics[bench.MetricInstructions]
		if !ok {
			t.Fatalf("%s: no instructions metric: %+v", r.Name, r.Metrics)
		}
		if m.Unit != "instructions/op" || len(m.Samples) != bench.DefaultInstructionPairs {
			t.Errorf("%s: %+v, want %d samples of instructions/op", r.Name, m, bench.DefaultInstructionPairs)
		}
		// Pricing a record is hundreds of instructions, not a handful nor millions.
		if m.Median < 100 || m.Median > 100_000 {
			t.Errorf("%s: %.1f instructions/op", r.Name, m.Median)
		}
		if spread := 100 * (slices.Max(m.Samples) - slices.Min(m.Samples)) / m.Median; spread > 0.5 {
			t.Errorf("%s: samples %v spread %.3f%%, want within 0.5%%", r.Name, m.Samples, spread)
		}
		if !(m.CILow <= m.Median && m.Median <= m.CIHigh) {
			t.Errorf("%s: median %v outside [%v, %v]", r.Name, m.Median, m.CILow, m.CIHigh)
		}
		if !strings.Contains(stderr.String(), "instructions "+r.Name) {
			t.Errorf("progress does not report %s's count:\n%s", r.Name, stderr.String())
		}
	}
	// The Go benchmark format carries the samples as the unit instructions/op.
	f, err := os.Open(filepath.Join(dir, "latest.bench.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got := map[string][]float64{}
	rd := benchfmt.NewReader(f, "latest.bench.txt")
	for rd.Scan() {
		if res, ok := rd.Result().(*benchfmt.Result); ok {
			if v, ok := res.Value("instructions/op"); ok {
				got[string(res.Name)] = append(got[string(res.Name)], v)
			}
		}
	}
	for _, r := range doc.Results {
		if want := r.Metrics[bench.MetricInstructions].Samples; !slices.Equal(got[r.Name], want) {
			t.Errorf("%s: latest.bench.txt instructions/op %v, want %v", r.Name, got[r.Name], want)
		}
	}
}

func TestRunMeasureInstructionsWithoutValgrind(t *testing.T) {
	old := lookPath
	lookPath = func(string) (string, error) { return "", exec.ErrNotFound }
	defer func() { lookPath = old }()
	dir := t.TempDir()
	_, _, err := runCmd(t, "--measure", "instructions", "--output", dir, "--filter", "single_cost")
	if runtime.GOOS == "linux" {
		if err == nil || !strings.Contains(err.Error(), "apt-get install -y valgrind") || !errors.Is(err, bench.ErrNoValgrind) {
			t.Fatalf("run without valgrind: %v, want how to install it", err)
		}
	} else if err == nil || !strings.Contains(err.Error(), "need Linux") {
		t.Fatalf("run on %s: %v, want that it needs Linux", runtime.GOOS, err)
	}
	if ExitCode(err) != ExitBadInput {
		t.Errorf("exit code %d, want %d", ExitCode(err), ExitBadInput)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("wrote %d entries before failing", len(entries))
	}
}

func TestRunMeasureRejectsUnknown(t *testing.T) {
	t.Parallel()
	_, _, err := runCmd(t, "--measure", "cycles", "--output", t.TempDir())
	if ExitCode(err) != ExitBadInput || err == nil || !strings.Contains(err.Error(), "--measure") {
		t.Errorf("--measure cycles: %v", err)
	}
}

func TestIterationsCommand(t *testing.T) {
	t.Parallel()
	var out, errOut bytes.Buffer
	env := Env{Stdout: &out, Stderr: &errOut}
	if err := Run(context.Background(), []string{iterationsCommand, "usage_validation", "7", "70", "7"}, env); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != "usage_validation 7 70 7\n" {
		t.Errorf("output %q, want the report line", got)
	}
	out.Reset()
	if err := Run(context.Background(), []string{iterationsCommand, "usage_validation", "7", "70", "single_cost_calculation", "3"}, env); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != "usage_validation 7 70\nsingle_cost_calculation 3\n" {
		t.Errorf("a group: output %q, want each benchmark's report line", got)
	}
	for _, args := range [][]string{
		{"no_such_benchmark", "7"},
		{"usage_validation", "seven"},
		{"usage_validation", "0"},
		{"usage_validation", "7", "-1"},
		{"usage_validation"},
		{"7", "usage_validation", "7"},
		{"usage_validation", "7", "single_cost_calculation"},
		{"usage_validation", "99999999999999999999"},
	} {
		err := Run(context.Background(), append([]string{iterationsCommand}, args...), env)
		if ExitCode(err) != ExitBadInput {
			t.Errorf("%q: %v, want exit 2", args, err)
		}
	}
	// The child's command is not one a user is offered.
	var usage bytes.Buffer
	printUsage(&usage)
	if strings.Contains(usage.String(), iterationsCommand) {
		t.Errorf("usage lists %s:\n%s", iterationsCommand, usage.String())
	}
}
