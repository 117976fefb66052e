package summary

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"testing"

	"golang.org/x/perf/benchfmt"

	"github.com/cost-ops-bench/cost-ops-bench/internal/formats"
)

// TestGoBenchParsesBack reads the Go benchmark format output with benchfmt, as
// benchstat does, and checks that every sample comes back under its name with its
// value and units.
func TestGoBenchParsesBack(t *testing.T) {
	t.Parallel()
	doc := fixture(t)
	var buf bytes.Buffer
	if err := GoBench(&buf, doc); err != nil {
		t.Fatal(err)
	}
	type line struct {
		name          string
		iters         int
		sec, b, alloc float64
		goos, cpu     string
	}
	var got []line
	rd := benchfmt.NewReader(&buf, "latest.bench.txt")
	for rd.Scan() {
		switch rec := rd.Result().(type) {
		case *benchfmt.SyntaxError:
			t.Fatalf("syntax error: %v", rec)
		case *benchfmt.Result:
			l := line{name: rec.Name.String(), iters: rec.Iters, goos: rec.GetConfig("goos"), cpu: rec.GetConfig("cpu")}
			var ok [3]bool
			l.sec, ok[0] = rec.Value("sec/op")
			l.b, ok[1] = rec.Value("B/op")
			l.alloc, ok[2] = rec.Value("allocs/op")
			if ok != [3]bool{true, true, true} {
				t.Fatalf("%s: units present %v, want sec/op, B/op and allocs/op", l.name, ok)
			}
			got = append(got, l)
		}
	}
	if err := rd.Err(); err != nil {
		t.Fatal(err)
	}
	i := 0
	for _, r := range doc.Results {
		for k, ns := range r.SamplesNs {
			if i >= len(got) {
				t.Fatalf("only %d lines read, want one per sample", len(got))
			}
			l := got[i]
			i++
			wantIters := int(r.Iterations) / len(r.SamplesNs) * r.BatchSize
			if l.name != r.Name || l.iters != wantIters || math.Abs(l.sec-ns*1e-9) > 1e-18 || l.b != r.BytesPerOp || l.alloc != r.AllocsPerOp {
				t.Errorf("%s sample %d read back as %+v; want %v ns/op, %d iterations, %v B/op, %v allocs/op",
					r.Name, k, l, ns, wantIters, r.BytesPerOp, r.AllocsPerOp)
			}
			if l.goos != doc.Environment.OS || l.cpu != doc.Environment.CPUModel {
				t.Errorf("%s: goos %q cpu %q, want the document's environment", r.Name, l.goos, l.cpu)
			}
		}
	}
	if i != len(got) {
		t.Errorf("read %d lines, want %d", len(got), i)
	}
}

// TestGoBenchGoTestReadsBack: a go-test suite's results written in the Go
// benchmark format read back (as compare reads latest.bench.txt) under the same
// names, with their packages, samples and units: the file is the go test output
// the results were recorded from, each package under its own pkg line.
func TestGoBenchGoTestReadsBack(t *testing.T) {
	t.Parallel()
	doc := fixtureFile(t, "gotest.json")
	var buf bytes.Buffer
	if err := GoBench(&buf, doc); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), Package) || strings.Count(buf.String(), "\npkg: ") != 2 {
		t.Fatalf("want a pkg line per package and none of this program's:\n%s", buf.String())
	}
	back, err := formats.Read(buf.Bytes(), "latest.bench.txt", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Results) != len(doc.Results) {
		t.Fatalf("read back %d results, want %d", len(back.Results), len(doc.Results))
	}
	for i, want := range doc.Results {
		got := back.Results[i]
		if got.Name != want.Name || !slices.Equal(got.SamplesNs, want.SamplesNs) {
			t.Errorf("result %d read back as %s %v, want %s %v", i, got.Name, got.SamplesNs, want.Name, want.SamplesNs)
		}
		for key, m := range want.Metrics {
			if !slices.Equal(got.Metrics[key].Samples, m.Samples) {
				t.Errorf("%s: metric %s read back as %v, want %v", want.Name, key, got.Metrics[key].Samples, m.Samples)
			}
		}
	}
}
