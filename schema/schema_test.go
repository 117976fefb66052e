package schema

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixtures are result documents kept in the repository: they must stay valid.
var fixtures = []string{
	"../internal/report/summary/testdata/document.json",
	"../baselines/main.json",
}

func TestFixturesValidate(t *testing.T) {
	t.Parallel()
	for _, path := range fixtures {
		t.Run(filepath.Base(path), func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err) // a fixture the repository promises (baselines/main.json is the gate's own baseline)
			}
			if err := ValidateResult(path, data); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestSchemaRejects mutates a valid document and checks that the schema refuses
// each mistake, naming the place.
func TestSchemaRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		mutate func(doc map[string]any)
		want   string
	}{
		{"wrong schema version", func(d map[string]any) { d["schema_version"] = 2 }, "/schema_version"},
		{"missing summary", func(d map[string]any) { delete(d, "summary") }, "summary"},
		{"unknown field", func(d map[string]any) { d["extra"] = true }, "extra"},
		{"bad timestamp", func(d map[string]any) { d["timestamp"] = "yesterday" }, "/timestamp"},
		{"negative median", func(d map[string]any) { result(d)["median_ns"] = -1.0 }, "/results/0/median_ns"},
		{"no samples", func(d map[string]any) { result(d)["samples_ns"] = []any{} }, "/results/0/samples_ns"},
		{"cost as a number", func(d map[string]any) { result(d)["cost_total_usd"] = 0.0065 }, "/results/0/cost_total_usd"},
		{"cost not a decimal", func(d map[string]any) { result(d)["cost_total_usd"] = "1e-3" }, "/results/0/cost_total_usd"},
		{"batch size zero", func(d map[string]any) { result(d)["batch_size"] = 0 }, "/results/0/batch_size"},
		{"missing seed field", func(d map[string]any) { delete(result(d), "throughput_per_sec") }, "throughput_per_sec"},
		{"fractional iterations", func(d map[string]any) { result(d)["iterations"] = 1.5 }, "/results/0/iterations"},
	}
	base, err := os.ReadFile(fixtures[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var doc map[string]any
			if err := json.Unmarshal(base, &doc); err != nil {
				t.Fatal(err)
			}
			tt.mutate(doc)
			data, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			err = ValidateResult("doc.json", data)
			if err == nil {
				t.Fatal("ValidateResult accepted the document")
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "doc.json: ") {
				t.Errorf("error %q does not name doc.json and %q", err, tt.want)
			}
		})
	}
}

func result(doc map[string]any) map[string]any {
	return doc["results"].([]any)[0].(map[string]any)
}
