package formats

import (
	"strings"
	"testing"
)

// TestSeedJSON reads the seed's result JSON (written by hand from its documented
// shape: see testdata/formats/seed/README.md): each benchmark is a point estimate
// of its mean, with the seed's own figures kept.
func TestSeedJSON(t *testing.T) {
	t.Parallel()
	p := realPair{dir: "seed", want: "seed"}
	checkRealPair(t, realPair{dir: "seed", want: "seed", base: "base.json", same: "same.json", slow: "slow.json", slowed: []string{"single_cost_calculation"}, point: true})
	doc := loadReal(t, p, "base.json")
	got := resultsByName(doc)
	s := got["single_cost_calculation"]
	if !s.PointEstimate || len(s.SamplesNs) != 1 || s.MedianNs != 1524 || s.MinDurationUs != 1.21 || s.MaxDurationUs != 48.7 ||
		s.ThroughputPerSec != 656167.98 || s.Iterations != 100000 || s.Timestamp.IsZero() {
		t.Errorf("single_cost_calculation = %+v", s)
	}
	if len(got) != 2 || doc.Version != "1.0.0" || doc.Timestamp.IsZero() {
		t.Errorf("%d results, version %q, timestamp %v", len(got), doc.Version, doc.Timestamp)
	}
	slow := resultsByName(loadReal(t, p, "slow.json"))
	if r := slow["single_cost_calculation"]; r.MedianNs != 1981 {
		t.Errorf("slow single_cost_calculation median %v ns, want 1981", r.MedianNs)
	}
}

func TestSeedBadFiles(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"truncated", `{"version":"1","results":[{"name":"a","avg_duration_us":1`, "s.json: seed: truncated JSON document"},
		{"no avg", `{"version":"1","results":[{"name":"a","avg_duration_us":null}]}`, "s.json: seed: results[0] (a): avg_duration_us: missing"},
		{"negative max", `{"version":"1","results":[{"name":"a","avg_duration_us":1,"max_duration_us":-1}]}`, "results[0] (a): max_duration_us: negative"},
		{"negative avg", `{"version":"1","results":[{"name":"a","avg_duration_us":-1}]}`, "s.json: seed: results[0] (a): samples_ns[0]: negative"},
		{"bad timestamp", `{"version":"1","timestamp":"yesterday","results":[{"name":"a","avg_duration_us":1}]}`, `s.json: seed: parsing time "yesterday"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Read([]byte(tt.in), "s.json", "")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}
