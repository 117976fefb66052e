package gate

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/compare"
)

// TestOutputsCountWhatTheyName: "regressions" counts the benchmarks whose status is
// regression; "failing" counts every benchmark that fails the gate, here an
// unaccepted cost change and a missing benchmark under `missing: fail`, neither of
// them a regression.
func TestOutputsCountWhatTheyName(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "pull_request", prEvent)
	data, err := os.ReadFile("testdata/current-pass.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc bench.Document
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	doc.Results[0].CostTotalUSD = "0.0099" // single_cost_calculation computes another amount
	doc.Results = doc.Results[:2]          // usage_validation is missing
	cur := filepath.Join(h.dir, "cur.json")
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	mustWrite(t, cur, string(out))
	s := h.settings("testdata/base.json", cur)
	s.Config = filepath.Join(h.dir, "gate.yml")
	mustWrite(t, s.Config, "missing: fail\n")
	o, err := h.run(s)
	if err != nil {
		t.Fatal(err)
	}
	if o.Verdict != compare.VerdictRegression {
		t.Errorf("verdict %s, want regression", o.Verdict)
	}
	got := h.outputs()
	want := map[string]string{"verdict": "regression", "regressions": "0", "failing": "2", "improvements": "0"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("output %s = %q, want %q", k, got[k], v)
		}
	}
}
