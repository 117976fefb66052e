package bench_test

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/schema"
)

// fullDocument is a document with every optional field set, so that what the
// writer can write is all checked against schema/result.schema.json.
func fullDocument() *bench.Document {
	at := time.Date(2026, 12, 2, 7, 0, 0, 0, time.UTC)
	r := bench.ResultFromSamples("single_cost_calculation", []float64{100, 110, 105, 98})
	r.Iterations, r.TotalDurationMs, r.Timestamp, r.Group = 4000, 0.4, at, "calculation"
	r.AllocsPerOp, r.BytesPerOp, r.CostTotalUSD = 3, 96, "0.0065"
	r.SamplesProcess = []int{0, 0, 1, 1}
	m := bench.NewMetric("instructions/op", []float64{1200, 1201, 1199, 1200})
	m.SamplesProcess = []int{0, 0, 1, 1}
	mbs := bench.NewMetric("MB/s", []float64{10, 11})
	mbs.Better = bench.BetterHigher
	r.Metrics = map[string]bench.Metric{bench.MetricInstructions: m, "MB/s": mbs}
	r.Warnings = []string{"need >= 6 samples for confidence interval at level 0.95"}
	// A benchmark measured in a custom unit only (b.ReportMetric(0, "ns/op")).
	only := bench.ResultFromSamples("OnlyCustom", nil)
	only.Timestamp = at
	only.Metrics = map[string]bench.Metric{"widgets/op": bench.NewMetric("widgets/op", []float64{42, 42})}
	// A summary a tool reported without its samples.
	point := bench.ResultFromSamples("summarised", []float64{1500})
	point.PointEstimate, point.Timestamp = true, at
	doc := bench.NewDocument("v1.2.3", at, bench.Environment{GoVersion: "go1.26.0", OS: "linux", Arch: "amd64", CPUModel: "x", CPUCount: 2},
		[]bench.Result{r, only, point}, 1500*time.Millisecond)
	doc.Harness = &bench.HarnessInfo{Clock: "thread-cpu", Samples: 4, SampleTimeMs: 15, Confidence: 0.95}
	doc.Git = &bench.GitInfo{Commit: strings.Repeat("a", 40), Ref: "refs/heads/main", CommittedAt: "2026-12-01T10:00:00Z"}
	return &doc
}

// TestWrittenDocumentsMatchTheSchema writes a document with every field through
// bench.Encode, checks it against the schema, and reads it back unchanged.
func TestWrittenDocumentsMatchTheSchema(t *testing.T) {
	t.Parallel()
	doc := fullDocument()
	data, err := bench.Encode(doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.ValidateResult("full.json", data); err != nil {
		t.Errorf("the schema refuses what bench writes: %v", err)
	}
	back, err := bench.DecodeJSON(data, "full.json")
	if err != nil {
		t.Fatalf("bench refuses what it writes: %v", err)
	}
	if !reflect.DeepEqual(back, doc) {
		t.Errorf("read back differs:\n got %+v\nwant %+v", back, doc)
	}
}

// TestSchemaPropertiesAreTheStructFields ties the schema's property names, object
// by object, to the JSON names of the Go types, so that neither can gain a field
// the other lacks.
func TestSchemaPropertiesAreTheStructFields(t *testing.T) {
	t.Parallel()
	var s struct {
		Properties map[string]any `json:"properties"`
		Defs       map[string]struct {
			Properties map[string]any `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(schema.ResultJSON, &s); err != nil {
		t.Fatal(err)
	}
	objects := []struct {
		def string // "" for the top level
		typ reflect.Type
	}{
		{"", reflect.TypeOf(bench.Document{})},
		{"result", reflect.TypeOf(bench.Result{})},
		{"metric", reflect.TypeOf(bench.Metric{})},
		{"environment", reflect.TypeOf(bench.Environment{})},
		{"summary", reflect.TypeOf(bench.Summary{})},
		{"harness", reflect.TypeOf(bench.HarnessInfo{})},
		{"git", reflect.TypeOf(bench.GitInfo{})},
	}
	for _, o := range objects {
		props := s.Properties
		if o.def != "" {
			props = s.Defs[o.def].Properties
		}
		var inSchema, inGo []string
		for k := range props {
			inSchema = append(inSchema, k)
		}
		for i := range o.typ.NumField() {
			if name, _, _ := strings.Cut(o.typ.Field(i).Tag.Get("json"), ","); name != "" && name != "-" {
				inGo = append(inGo, name)
			}
		}
		slices.Sort(inSchema)
		slices.Sort(inGo)
		if !slices.Equal(inSchema, inGo) {
			t.Errorf("%s: schema properties %v, Go fields %v", o.typ, inSchema, inGo)
		}
	}
}
