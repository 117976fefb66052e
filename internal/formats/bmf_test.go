package formats

import (
	"strings"
	"testing"
)

func TestBencherMetricFormat(t *testing.T) {
	t.Parallel()
	checkRealPair(t, realPair{dir: "bmf", want: "bmf", base: "base.json", same: "same.json", slow: "slow.json", slowed: []string{"parse"}, point: true})
	doc := loadReal(t, realPair{dir: "bmf", want: "bmf"}, "base.json")
	if len(doc.Results) != 3 || doc.Results[0].Name != "sort/1000" || doc.Results[2].Name != "bundle" {
		t.Fatalf("results %+v, want sort/1000, parse, bundle in file order", doc.Results)
	}
	got := resultsByName(doc)
	if s := got["sort/1000"]; !s.PointEstimate || s.MedianNs != 48213 || s.CILowNs != 47102.5 || s.CIHighNs != 49540.2 {
		t.Errorf("sort/1000 = %+v", s)
	}
	if m := got["parse"].Metrics["throughput"]; m.Unit != "ops/s" || m.Median != 657723 || m.CILow != 650100 || !m.HigherIsBetter() {
		t.Errorf("parse throughput = %+v", m)
	}
	if b := got["bundle"]; len(b.SamplesNs) != 0 || b.Metrics["file-size"].Median != 183204 || b.Metrics["file-size"].HigherIsBetter() {
		t.Errorf("bundle = %+v: want no time and file-size in bytes, better lower", b)
	}
}

func TestBencherMetricFormatBadFiles(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"no value", `{"a":{"latency":{"value":1},"throughput":{"lower_value":1}}}`, "m.json: bmf: a: throughput: value: missing"},
		{"truncated", `{"a":{"latency":{"value":1},"throughput":{"val`, "m.json: bmf: truncated JSON document"},
		{"negative latency", `{"a":{"latency":{"value":-1}}}`, "m.json: bmf: results[0] (a): samples_ns[0]: negative"},
		{"negative bound", `{"a":{"latency":{"value":1,"lower_value":-1}}}`, "m.json: bmf: a: latency: lower_value or upper_value negative"},
		{"value a string", `{"a":{"latency":{"value":"1"}}}`, "m.json:1: bmf: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Read([]byte(tt.in), "m.json", "")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}
