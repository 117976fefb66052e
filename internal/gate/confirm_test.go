package gate

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// procDoc is a document of one benchmark measured in 5 processes at the levels
// given, 8 quiet samples each.
func procDoc(levels ...float64) *bench.Document {
	var samples []float64
	var process []int
	for k, l := range levels {
		for i := range 8 {
			samples = append(samples, l*(0.995+0.01*float64(i)/8))
			process = append(process, k)
		}
	}
	r := bench.ResultFromSamples("single_cost_calculation", samples)
	r.SamplesProcess = process
	return &bench.Document{SchemaVersion: bench.SchemaVersion, Version: "0.1.0", Results: []bench.Result{r}}
}

// TestTimeRegressionIsRemeasured: against a recorded baseline, a time regression of
// the suite run here is measured again in fresh processes before it fails the gate.
// A slowdown that was one unlucky set of processes does not fail; a real one does.
func TestTimeRegressionIsRemeasured(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		again     *bench.Document
		wantFails bool
	}{
		{"real slowdown stays", procDoc(150, 152, 149, 151, 150), true},
		{"unlucky processes fall back", procDoc(100, 101, 99, 100, 102), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, "pull_request", prEvent)
			base := filepath.Join(h.dir, "base.json")
			if err := bench.WriteFile(base, procDoc(100, 101, 99, 100, 102)); err != nil {
				t.Fatal(err)
			}
			var calls [][]string
			suite := func(_ context.Context, r SuiteRun) error {
				calls = append(calls, r.Filters)
				dir := r.OutputDir
				doc := procDoc(150, 151, 149, 152, 150) // the first run: 50% slower
				if len(calls) > 1 {
					doc = tc.again
				}
				return bench.WriteFile(filepath.Join(dir, "latest.json"), doc)
			}
			out, err := h.runWithSuite(h.settings(base, ""), suite)
			if err != nil {
				t.Fatal(err)
			}
			if len(calls) != 2 || !slices.Equal(calls[1], []string{"/^(single_cost_calculation)$/"}) {
				t.Fatalf("suite runs %q, want the whole suite then the regression alone", calls)
			}
			c := out.Comparison
			if out.Failed() != tc.wantFails || !slices.Equal(c.Remeasured, []string{"single_cost_calculation"}) {
				t.Errorf("failed %v (%s), remeasured %v; want failed %v after re-measuring", out.Failed(), c.Entries[0].Status, c.Remeasured, tc.wantFails)
			}
			e := c.Entries[0]
			if e.Time.Processes2 != 10 || !strings.Contains(strings.Join(e.Reasons, "\n"), "re-measured in fresh processes") {
				t.Errorf("current processes %d, reasons %q; want the union of 10 processes, said", e.Time.Processes2, e.Reasons)
			}
			saved, err := bench.ReadFile(out.ResultPath)
			if err != nil || len(saved.Results[0].SamplesNs) != 80 {
				t.Errorf("result file: %v, want the 80 samples decided on", err)
			}
			if !strings.Contains(h.gh.comments[0].Body, "Re-measured in fresh processes before deciding") {
				t.Errorf("the comment does not say it re-measured")
			}
		})
	}
}
