package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/compare"
)

func TestFormatsLookup(t *testing.T) {
	t.Parallel()
	if got, want := strings.Join(Formats.Names(), ","), "console,markdown,json"; got != want {
		t.Errorf("names = %s, want %s", got, want)
	}
	for _, name := range Formats.Names() {
		if f, err := Formats.Lookup(name); err != nil || f.Name != name {
			t.Errorf("Lookup(%q) = %q, %v", name, f.Name, err)
		}
	}
	_, err := Formats.Lookup("html")
	if err == nil || err.Error() != `unknown report format "html" (known: console, markdown, json)` {
		t.Errorf("Lookup(html) error = %v, want it to name the known formats", err)
	}
}

// TestFormatsRefuseASizeTheyIgnore: --max-bytes is honoured by markdown and refused,
// by Check and by Render, for a format that is never cut.
func TestFormatsRefuseASizeTheyIgnore(t *testing.T) {
	t.Parallel()
	o := Options{MaxBytes: 5000}
	if _, err := Formats.Check("markdown", o); err != nil {
		t.Errorf("markdown with a size: %v", err)
	}
	for _, name := range []string{"console", "json"} {
		f, err := Formats.Check(name, o)
		if err == nil || !strings.Contains(err.Error(), "applies to the markdown format only") {
			t.Errorf("Check(%s, max-bytes) error = %v, want a refusal naming markdown", name, err)
		}
		var buf bytes.Buffer
		if err := f.Render(&buf, &Report{Comparison: &compare.Comparison{}}, o); err == nil || buf.Len() != 0 {
			t.Errorf("Render(%s, max-bytes) = %v with %d bytes written, want an error and nothing", name, err, buf.Len())
		}
	}
	if err := Formats[0].Render(&bytes.Buffer{}, &Report{}, Options{}); err == nil {
		t.Error("an empty report rendered without error")
	}
}

// noBaselineDoc is a current result of three benchmarks.
func noBaselineDoc() *bench.Document {
	return &bench.Document{
		Timestamp: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC),
		Results: []bench.Result{
			{Name: "single_cost_calculation", MedianNs: 999.97, AllocsPerOp: 2},
			{Name: "batch_cost_calculation_100", MedianNs: 499, AllocsPerOp: 2},
			{Name: "evil_@team|*x*", MedianNs: 50, AllocsPerOp: 0.5},
		},
	}
}

// TestNoBaselineGolden renders "no baseline yet" in every format, as compare writes it.
func TestNoBaselineGolden(t *testing.T) {
	t.Parallel()
	for _, f := range Formats {
		t.Run(f.Name, func(t *testing.T) {
			t.Parallel()
			r := &Report{NoBaseline: NoBaselineFile("baselines/main.json", noBaselineDoc())}
			var buf bytes.Buffer
			if err := f.Render(&buf, r, Options{}); err != nil {
				t.Fatal(err)
			}
			if f.Name == "json" {
				var got struct {
					Verdict           compare.Verdict `json:"verdict"`
					CurrentBenchmarks int             `json:"current_benchmarks"`
				}
				if err := json.Unmarshal(buf.Bytes(), &got); err != nil || got.Verdict != compare.VerdictNoBaseline || got.CurrentBenchmarks != 3 {
					t.Errorf("json: %+v, %v; want verdict no-baseline and 3 current benchmarks", got, err)
				}
			}
			golden(t, "no-baseline."+f.Name+".golden", buf.Bytes())
		})
	}
}

// TestNoBaselineRequiredSaysTheGateFails: with missing_baseline: fail the page says
// the gate fails, in every format.
func TestNoBaselineRequiredSaysTheGateFails(t *testing.T) {
	t.Parallel()
	nb := NoBaselineGate("the baseline file `x.json` does not exist", true, noBaselineDoc())
	for _, f := range Formats {
		var buf bytes.Buffer
		if err := f.Render(&buf, &Report{NoBaseline: nb}, Options{}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), "the gate fails") || strings.Contains(buf.String(), "which passes") {
			t.Errorf("%s: %s\nwant it to say the gate fails", f.Name, buf.String())
		}
	}
}
