package bench

import "testing"

func TestHigherIsBetter(t *testing.T) {
	t.Parallel()
	for unit, want := range map[string]bool{
		"MB/s": true, "B/s": true, "ops/s": true, "ops/sec": true, "iter/s": true, "req/sec": true, "Hz": true, "items/second": true,
		"sec/op": false, "ns/op": false, "instructions/op": false, "B/op": false, "allocs/op": false, "widgets/op": false,
		"ms": false, "s": false, "": false, "ns": false, "bytes": false, "s/op": false,
	} {
		if got := HigherIsBetter(unit); got != want {
			t.Errorf("HigherIsBetter(%q) = %v, want %v", unit, got, want)
		}
	}
}

func TestMetricHigherIsBetterTheToolSays(t *testing.T) {
	t.Parallel()
	tests := []struct {
		m    Metric
		want bool
	}{
		{Metric{Unit: "MB/s"}, true},
		{Metric{Unit: "MB/s", Better: BetterLower}, false},
		{Metric{Unit: "score"}, false},
		{Metric{Unit: "score", Better: BetterHigher}, true},
	}
	for _, tt := range tests {
		if got := tt.m.HigherIsBetter(); got != tt.want {
			t.Errorf("%+v.HigherIsBetter() = %v, want %v", tt.m, got, tt.want)
		}
	}
}
