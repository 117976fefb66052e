package cli

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// TestMain lets the test binary stand in for the program when `run --processes`
// starts its processes (selfExecutable is the test binary): with processEnv set, it
// runs the command line it was given, as main does.
func TestMain(m *testing.M) {
	if os.Getenv(processEnv) != "" {
		err := Run(context.Background(), os.Args[1:], Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv})
		if msg := Message(err); msg != "" {
			os.Stderr.WriteString(msg + "\n")
		}
		os.Exit(ExitCode(err))
	}
	os.Exit(m.Run())
}

func TestRunInProcesses(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "out")
	_, stderr, err := runCmd(t, "--output", dir, "--filter", "/^(single_cost_calculation|per_request_pricing)$/", "--samples", "7", "--processes", "3")
	if err != nil {
		t.Fatalf("run: %v\n%s", err, stderr)
	}
	for k := 1; k <= 3; k++ {
		if !strings.Contains(stderr, "process "+string(rune('0'+k))+"/3\n") {
			t.Errorf("stderr lacks process %d/3:\n%s", k, stderr)
		}
	}
	doc, _ := readDoc(t, filepath.Join(dir, "latest.json"))
	if doc.Harness == nil || doc.Harness.Processes != 3 || doc.Harness.Samples != 7 {
		t.Fatalf("harness = %+v, want 7 samples over 3 processes", doc.Harness)
	}
	if len(doc.Results) != 2 || doc.Results[0].Name != "single_cost_calculation" || doc.Results[1].Name != "per_request_pricing" {
		t.Fatalf("results = %v, want the two benchmarks in suite order", names(doc.Results))
	}
	for _, r := range doc.Results {
		// 7 samples over 3 processes: 3, 2, 2, in process order.
		if want := []int{0, 0, 0, 1, 1, 2, 2}; !slices.Equal(r.SamplesProcess, want) || len(r.SamplesNs) != 7 {
			t.Errorf("%s: samples_process %v (%d samples), want %v", r.Name, r.SamplesProcess, len(r.SamplesNs), want)
		}
		a := r.Metrics[bench.MetricAllocations]
		if len(a.Samples) != 3 || a.Unit != "allocs/op" || !slices.Equal(a.SamplesProcess, []int{0, 1, 2}) {
			t.Errorf("%s: allocations per process = %+v, want one figure from each of 3 processes", r.Name, a)
		}
		if r.CostTotalUSD == "" || r.MedianNs <= 0 || r.CILowNs > r.MedianNs || r.CIHighNs < r.MedianNs {
			t.Errorf("%s: cost %q, median %v in [%v, %v]", r.Name, r.CostTotalUSD, r.MedianNs, r.CILowNs, r.CIHighNs)
		}
	}
}

func names(rs []bench.Result) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Name)
	}
	return out
}

func TestRunProcessesBadInput(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		args []string
		env  string
		want string
	}{
		{"zero", []string{"--processes", "0"}, "", "--processes: 0: want 1 to --samples (6)"},
		{"more than samples", []string{"--processes", "7"}, "", "--processes: 7: want 1 to --samples (6)"},
		{"bad slot", nil, "3/2", processEnv + `="3/2": want K/N`},
		{"malformed slot", nil, "x", processEnv + `="x": want K/N`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := Env{Stdout: &strings.Builder{}, Stderr: &strings.Builder{}, Getenv: func(k string) string {
				if k == processEnv {
					return tc.env
				}
				return ""
			}}
			args := append([]string{"run", "--quick", "--output", t.TempDir()}, tc.args...)
			err := Run(context.Background(), args, env)
			if ExitCode(err) != 2 || err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v (exit %d), want exit 2 with %q", err, ExitCode(err), tc.want)
			}
		})
	}
}

func TestProcessShare(t *testing.T) {
	t.Parallel()
	var got []int
	sum := 0
	for k := range 5 {
		got = append(got, processShare(42, k, 5))
		sum += got[k]
	}
	if !slices.Equal(got, []int{9, 9, 8, 8, 8}) || sum != 42 {
		t.Errorf("shares of 42 over 5 = %v", got)
	}
}
