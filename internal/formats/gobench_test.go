package formats

import (
	"strings"
	"testing"
)

func TestGoBenchSamplesInNanoseconds(t *testing.T) {
	t.Parallel()
	in := "goos: linux\nBenchmarkX-2 100 1500 ns/op 16 B/op 2 allocs/op\nBenchmarkX-2 100 1600 ns/op 16 B/op 2 allocs/op\nPASS\n"
	doc, err := Read([]byte(in), "x.txt", "")
	if err != nil {
		t.Fatal(err)
	}
	r := doc.Results[0]
	if len(r.SamplesNs) != 2 || r.SamplesNs[0] != 1500 || r.SamplesNs[1] < 1599.99 || r.SamplesNs[1] > 1600.01 {
		t.Errorf("samples_ns = %v, want [1500 1600]", r.SamplesNs)
	}
	if r.BytesPerOp != 16 || r.AllocsPerOp != 2 || r.Iterations != 200 || doc.Environment.OS != "linux" {
		t.Errorf("got bytes %v allocs %v iters %d os %q", r.BytesPerOp, r.AllocsPerOp, r.Iterations, doc.Environment.OS)
	}
	if r.AvgDurationUs != 1.55 || r.MinDurationUs != 1.5 || r.MaxDurationUs < 1.59999 {
		t.Errorf("avg/min/max = %v/%v/%v us, want 1.55/1.5/1.6", r.AvgDurationUs, r.MinDurationUs, r.MaxDurationUs)
	}
}

func TestGoBenchRefusesBadInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"syntax", "BenchmarkX-2 100 abc ns/op\n", "base.txt:1:"},
		{"NaN", "BenchmarkX-2 100 NaN ns/op\n", "base.txt: results[0] (X-2): samples_ns[0]: not a finite number"},
		{"negative", "BenchmarkX-2 100 5 ns/op\nBenchmarkX-2 100 -5 ns/op\n", "base.txt: results[0] (X-2): samples_ns[1]: negative"},
		{"no time", "BenchmarkX-2 100 5 B/op\n", "base.txt:1: X-2: no sec/op"},
		{"two packages", "pkg: a\nBenchmarkX 1 1 ns/op\npkg: b\nBenchmarkX 1 1 ns/op\n", "base.txt:4: X: also in package a (line 2)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Read([]byte(tt.in), "base.txt", "")
			if err == nil {
				t.Fatalf("Read succeeded, want error containing %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q\nwant it to contain %q", err, tt.want)
			}
		})
	}
}
