package formats

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

// TestGoTestJSONReadsAsTheText reads real `go test -json` output of the module
// in testdata/formats/gobench: the same benchmarks, samples and units as its text.
func TestGoTestJSONReadsAsTheText(t *testing.T) {
	t.Parallel()
	doc := loadReal(t, realPair{dir: "gobench", want: "gotest-json"}, "two-packages.json")
	text := loadReal(t, realPair{dir: "gobench", want: "gobench"}, "two-packages.txt")
	got, want := resultsByName(doc), resultsByName(text)
	if !slices.Equal(slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want))) {
		t.Fatalf("benchmarks %v, the text has %v", slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
	}
	for name, w := range want {
		g := got[name]
		if len(g.SamplesNs) != len(w.SamplesNs) || !slices.Equal(slices.Sorted(maps.Keys(g.Metrics)), slices.Sorted(maps.Keys(w.Metrics))) {
			t.Errorf("%s: %d samples, metrics %v; the text: %d, %v", name, len(g.SamplesNs), g.Metrics, len(w.SamplesNs), w.Metrics)
		}
	}
	if doc.Version != "go test -json" || doc.Environment.OS != "linux" {
		t.Errorf("version %q, environment %+v", doc.Version, doc.Environment)
	}
}

func TestGoTestJSONBadStreams(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"cut event", "{\"Action\":\"output\",\"Package\":\"p\",\"Output\":\"BenchmarkX 1 5 ns/op\\n\"}\n{\"Action\":\"out", "s.json:2: gotest-json: not a test event"},
		{"bad benchmark line", `{"Action":"output","Package":"p","Output":"BenchmarkX 1 abc ns/op\n"}`, "s.json: gotest-json (its output):1:"},
		{"no benchmarks", `{"Action":"start","Package":"p"}`, "s.json: gotest-json (its output): gobench: no benchmark results"},
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
