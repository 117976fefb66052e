package summary

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/goldenfile"
)

// fixture reads testdata/document.json, a fixed result document (not a real run).
func fixture(t *testing.T) *bench.Document { return fixtureFile(t, "document.json") }

// fixtureFile reads a result document from testdata: document.json, or
// gotest.json, a real run --suite go-test of internal/gotest/testdata/mod (two
// packages sharing a name, MB/s, a benchmark with only its own unit).
func fixtureFile(t *testing.T, name string) *bench.Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var doc bench.Document
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return &doc
}

func TestGolden(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file, doc string
		render    func(*bytes.Buffer, *bench.Document) error
	}{
		{"summary.md.golden", "document.json", func(b *bytes.Buffer, d *bench.Document) error { return Markdown(b, d) }},
		{"console.golden", "document.json", func(b *bytes.Buffer, d *bench.Document) error { return Console(b, d) }},
		{"latest.bench.txt.golden", "document.json", func(b *bytes.Buffer, d *bench.Document) error { return GoBench(b, d) }},
		{"gotest-summary.md.golden", "gotest.json", func(b *bytes.Buffer, d *bench.Document) error { return Markdown(b, d) }},
		{"gotest-console.golden", "gotest.json", func(b *bytes.Buffer, d *bench.Document) error { return Console(b, d) }},
		{"gotest-latest.bench.txt.golden", "gotest.json", func(b *bytes.Buffer, d *bench.Document) error { return GoBench(b, d) }},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if err := tt.render(&buf, fixtureFile(t, tt.doc)); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.file, buf.Bytes())
		})
	}
}

func TestFamiliesKeepFirstAppearanceOrder(t *testing.T) {
	t.Parallel()
	doc := fixture(t)
	var got []string
	for _, f := range families(doc.Results) {
		got = append(got, fmt.Sprintf("%s:%d", f.name, len(f.results)))
	}
	if want := "[calculation:1 batch:3 validation:1 pricing:1]"; fmt.Sprint(got) != want {
		t.Errorf("families = %v, want %s", got, want)
	}
}

func TestScalingNamesTheSeries(t *testing.T) {
	t.Parallel()
	doc := fixture(t)
	var batch []*bench.Result
	for i := range doc.Results {
		if doc.Results[i].Group == "batch" {
			batch = append(batch, &doc.Results[i])
		}
	}
	notes := scaling(batch)
	if len(notes) != 1 || !strings.HasPrefix(notes[0], "`batch_cost_calculation_*`: per record, 61.0ns at batch 100 and 58.8ns at batch 10000 (-3.6%)") {
		t.Errorf("scaling = %q", notes)
	}
	if notes := scaling(batch[:1]); len(notes) != 0 {
		t.Errorf("scaling of one result = %q, want none", notes)
	}
}

// golden checks got against testdata/name (goldenfile.Check; -update rewrites it).
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got)
}

// TestCaveatsNameNoisyBenchmarksOnce: several noisy results make one note that
// names them all, not one repeated bullet each.
func TestCaveatsNameNoisyBenchmarksOnce(t *testing.T) {
	t.Parallel()
	results := []*bench.Result{
		{Name: "a", MedianNs: 100, CILowNs: 90, CIHighNs: 110},
		{Name: "quiet", MedianNs: 100, CILowNs: 99, CIHighNs: 101},
		{Name: "b", MedianNs: 100, CILowNs: 95, CIHighNs: 104, Warnings: []string{"few samples"}},
	}
	got := caveats(results)
	want := []string{
		"⚠️ Noisy (95% interval wider than ±3.0% of the median): `a` (±10.0%), `b` (±5.0%); rerun on a quieter machine or with more samples.",
		"⚠️ `b`: few samples.",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("caveats =\n%q\nwant\n%q", got, want)
	}
	if got := caveats(results[1:2]); len(got) != 0 {
		t.Errorf("caveats of a quiet result = %q, want none", got)
	}
}

// TestThroughputIsAtTheMedian: the throughput column is 1/median, not the seed
// field throughput_per_sec (1/mean).
func TestThroughputIsAtTheMedian(t *testing.T) {
	t.Parallel()
	r := &bench.Result{MedianNs: 50, ThroughputPerSec: 1}
	if got, want := throughput(r), "20.00M/s"; got != want {
		t.Errorf("throughput = %q, want %q", got, want)
	}
	if got := throughput(&bench.Result{}); got != "–" {
		t.Errorf("throughput without a median = %q, want –", got)
	}
}
