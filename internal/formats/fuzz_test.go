package formats_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"github.com/cost-ops-bench/cost-ops-bench/internal/formats"
	"github.com/cost-ops-bench/cost-ops-bench/internal/report"
	"github.com/cost-ops-bench/cost-ops-bench/internal/report/summary"
)

const fuzzFixtures = "../../testdata/compare"

// fuzzDeadline is how long one fuzz input may take before it counts as a hang: Go's
// fuzzing does not report an input that never returns, so noHang makes it a failure
// that the fuzzer saves under testdata/fuzz.
const fuzzDeadline = 10 * time.Second

func noHang(t *testing.T, input any, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(fuzzDeadline):
		t.Fatalf("no answer within %s for input %q", fuzzDeadline, input)
	}
}

// addFixtures adds the fixture files of testdata/compare whose names match glob.
func addFixtures(f *testing.F, glob string) {
	f.Helper()
	files, err := filepath.Glob(filepath.Join(fuzzFixtures, glob))
	if err != nil || len(files) == 0 {
		f.Fatalf("no fixtures %s: %v", glob, err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

func mustLoad(t testing.TB, file string) *bench.Document {
	t.Helper()
	doc, err := formats.LoadFile(filepath.Join(fuzzFixtures, file), "")
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// checkDocument checks what formats.Load promises of a document it accepts.
func checkDocument(t *testing.T, doc *bench.Document) {
	t.Helper()
	if doc.SchemaVersion != bench.SchemaVersion || len(doc.Results) == 0 {
		t.Fatalf("accepted schema_version %d with %d results", doc.SchemaVersion, len(doc.Results))
	}
	seen := map[string]bool{}
	for i, r := range doc.Results {
		if r.Name == "" || seen[r.Name] {
			t.Fatalf("results[%d]: name %q empty or duplicate", i, r.Name)
		}
		seen[r.Name] = true
		if len(r.SamplesNs) == 0 {
			t.Fatalf("results[%d] %s: no samples", i, r.Name)
		}
		for _, v := range append([]float64{r.AllocsPerOp, r.BytesPerOp}, r.SamplesNs...) {
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				t.Fatalf("results[%d] %s: accepted measurement %v", i, r.Name, v)
			}
		}
		if r.CostTotalUSD != "" {
			if _, err := decimal.NewFromString(r.CostTotalUSD); err != nil {
				t.Fatalf("results[%d] %s: accepted cost %q", i, r.Name, r.CostTotalUSD)
			}
		}
	}
}

// checkComparisons compares doc with itself (nothing may change or fail) and with a
// fixture in both directions (no panic, no hang), and renders every report.
func checkComparisons(t *testing.T, doc, fixture *bench.Document) {
	t.Helper()
	self := compare.Compare(doc, doc, compare.DefaultConfig())
	if self.Failed() || len(self.Entries) != len(doc.Results) {
		t.Fatalf("a document compared with itself: failed %v, %d entries for %d results", self.Failed(), len(self.Entries), len(doc.Results))
	}
	for _, e := range self.Entries {
		if e.Status != compare.StatusUnchanged || e.CostChanged {
			t.Fatalf("%s compared with itself: %s %v", e.Name, e.Status, e.Reasons)
		}
	}
	for _, c := range []*compare.Comparison{self, compare.Compare(fixture, doc, compare.DefaultConfig()), compare.Compare(doc, fixture, compare.DefaultConfig())} {
		renderAll(t, c)
	}
}

func renderAll(t *testing.T, c *compare.Comparison) {
	t.Helper()
	var md, js, con bytes.Buffer
	if err := report.Markdown(&md, c, report.MarkdownOptions{}); err != nil {
		t.Fatalf("markdown: %v", err)
	}
	if err := report.JSON(&js, c); err != nil {
		t.Fatalf("json: %v", err)
	}
	if !json.Valid(js.Bytes()) {
		t.Fatalf("the JSON report is not valid JSON:\n%s", js.String())
	}
	if err := report.Console(&con, c); err != nil {
		t.Fatalf("console: %v", err)
	}
}

// loadFuzz loads data as name, failing t on a hang or an error that does not name
// the file.
func loadFuzz(t *testing.T, data []byte, name string) (*bench.Document, error) {
	t.Helper()
	var doc *bench.Document
	var err error
	noHang(t, data, func() { doc, err = formats.Load(bytes.NewReader(data), name, "") })
	if err != nil && !strings.HasPrefix(err.Error(), name) {
		t.Fatalf("error does not start with the file name: %v", err)
	}
	return doc, err
}

// FuzzLoadResult feeds any bytes to the result loader (JSON document or Go
// benchmark format): errors name the file; an accepted document holds the
// validation invariants, compares with itself as unchanged, compares with a real
// baseline either way without a hang, and renders every report.
func FuzzLoadResult(f *testing.F) {
	addFixtures(f, "*.json")
	addFixtures(f, "gotest-*.txt")
	f.Add([]byte(`{"schema_version":1,"results":[{"name":"a","samples_ns":[1,2,3],"cost_total_usd":"1e-2000000000"}]}`))
	f.Add([]byte(`{"schema_version":1,"results":[{"name":"a","samples_ns":[1e308,1e308,0]}]}`))
	f.Add([]byte("BenchmarkA-2 1 5 ns/op\nBenchmarkA-2 1 NaN ns/op\n"))
	f.Add([]byte("pkg: a\nBenchmarkA 1 5 ns/op\npkg: b\nBenchmarkA 1 5 ns/op\n"))
	fixture := mustLoad(f, "base.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := loadFuzz(t, data, "fuzz.json")
		if err != nil {
			return
		}
		checkDocument(t, doc)
		noHang(t, data, func() { checkComparisons(t, doc, fixture) })
	})
}

// FuzzGoBenchRoundTrip writes a document made of fuzz-chosen names and samples in
// Go benchmark format (bench/summary.GoBench, what `run` writes) and loads it back:
// every benchmark must come back with its samples, so benchstat and the gate see the
// same distributions.
func FuzzGoBenchRoundTrip(f *testing.F) {
	f.Add("single_cost_calculation", 1234.5, 1300.0, 3.0, 96.0)
	f.Add("Aggregate/records=1000", 0.25, 1e9, 0.0, 0.0)
	f.Add("a b", 1.0, 2.0, 1.0, 1.0)
	f.Fuzz(func(t *testing.T, name string, s1, s2, allocs, bytesPerOp float64) {
		// Benchmark names, in the suite as in `go test`, are one word of valid UTF-8:
		// the format has no way to write white space inside a name.
		if name == "" || !utf8.ValidString(name) || strings.IndexFunc(name, unicode.IsSpace) >= 0 {
			return
		}
		for _, v := range []float64{s1, s2, allocs, bytesPerOp} {
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || v > 1e15 {
				return
			}
		}
		in := &bench.Document{SchemaVersion: bench.SchemaVersion, Results: []bench.Result{{
			Name: name, BatchSize: 1, Iterations: 2, SamplesNs: []float64{s1, s2}, AllocsPerOp: math.Round(allocs), BytesPerOp: math.Round(bytesPerOp),
		}}}
		var buf bytes.Buffer
		if err := summary.GoBench(&buf, in); err != nil {
			return // a name the format cannot carry is refused by the writer
		}
		out, err := loadFuzz(t, buf.Bytes(), "roundtrip.txt")
		if err != nil {
			t.Fatalf("GoBench wrote what the loader refuses:\n%s\n%v", buf.String(), err)
		}
		checkDocument(t, out)
		if len(out.Results) != 1 {
			t.Fatalf("%d results back from:\n%s", len(out.Results), buf.String())
		}
		got := out.Results[0]
		if len(got.SamplesNs) != 2 || !near(got.SamplesNs[0], s1) || !near(got.SamplesNs[1], s2) {
			t.Fatalf("samples %v back, wrote %v %v:\n%s", got.SamplesNs, s1, s2, buf.String())
		}
		if got.AllocsPerOp != in.Results[0].AllocsPerOp || got.BytesPerOp != in.Results[0].BytesPerOp {
			t.Fatalf("allocs %v B %v back, wrote %v %v", got.AllocsPerOp, got.BytesPerOp, in.Results[0].AllocsPerOp, in.Results[0].BytesPerOp)
		}
	})
}

// near reports whether a and b agree to the precision of the Go benchmark format's
// numbers (benchfmt writes enough digits for a float64; a few ulps of unit scaling
// are allowed).
func near(a, b float64) bool {
	return a == b || math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))
}

// TestIssue6CostChecksumExponentDoesNotHang is the regression test of a baseline that
// hung the gate: cost_total_usd "1e-2000000000" is a valid decimal, and comparing it
// exactly with the current "0.0250" rescaled both to two billion decimal places.
func TestIssue6CostChecksumExponentDoesNotHang(t *testing.T) {
	t.Parallel()
	for _, c := range []string{"1e-2000000000", "1e2000000000", "0e-2000000000"} {
		t.Run(c, func(t *testing.T) {
			t.Parallel()
			data := fmt.Sprintf(`{"schema_version":1,"results":[{"name":"single_cost_calculation","samples_ns":[1,2,3],"cost_total_usd":%q}]}`, c)
			done := make(chan struct{})
			go func() {
				defer close(done)
				doc, err := formats.Load(strings.NewReader(data), "issue-6.json", "")
				if err != nil {
					if !strings.Contains(err.Error(), "cost_total_usd") {
						t.Errorf("error does not name cost_total_usd: %v", err)
					}
					return
				}
				compare.Compare(doc, mustLoad(t, "base.json"), compare.DefaultConfig())
			}()
			select {
			case <-done:
			case <-time.After(time.Minute): // a hang, not a timing threshold
				t.Fatal("loading and comparing did not finish within a minute")
			}
		})
	}
}
