package compare_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"github.com/cost-ops-bench/cost-ops-bench/internal/formats"
)

// TestUsageLogDetection: usage logs and benchmark results never misread each other.
// Every usage log of the repository's testdata is a usage log and no benchmark
// format's; every benchmark fixture (result JSON, Go benchmark format, other tools'
// output) is no usage log.
func TestUsageLogDetection(t *testing.T) {
	t.Parallel()
	root := filepath.Join("..", "testdata")
	usage := []string{"usage/baseline.jsonl", "usage/baseline-array.json", "usage/current.jsonl", "usage/current-model.jsonl",
		"usage/unpriced.jsonl", "usage-example.jsonl"}
	for _, name := range usage {
		data, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			t.Fatal(err)
		}
		if !compare.IsUsageLog(data) {
			t.Errorf("%s: not detected as a usage log", name)
		}
		if f := formats.Detect(formats.NewInput(name, data)); f != nil {
			t.Errorf("%s: detected as benchmark format %s", name, f.Name())
		}
	}
	var results []string
	for _, dir := range []string{"compare", "formats"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				results = append(results, path)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(results) < 30 {
		t.Fatalf("%d benchmark fixtures, want more", len(results))
	}
	for _, path := range results {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if compare.IsUsageLog(data) {
			t.Errorf("%s: a benchmark fixture detected as a usage log", path)
		}
	}
}

func TestIsUsageLog(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, text string
		want       bool
	}{
		{"json lines", `{"id":"a","model":"m","prompt_tokens":1,"completion_tokens":1}` + "\n", true},
		{"array with a BOM", "\ufeff [\n {\"model\":\"m\",\"total_tokens\":3}]", true},
		{"a broken first record", `{"model":"m","prompt_tokens":-1,` + "\n", true},
		{"a cut first record", `{"model":"m","prompt_tokens":1`, true},
		{"result JSON", `{"schema_version":1,"results":[{"model":"m","prompt_tokens":1}]}`, false},
		{"no tokens", `{"model":"m"}`, false},
		{"no model", `{"prompt_tokens":1}`, false},
		{"go test events", `{"Action":"output","Output":"BenchmarkX 1 2 ns/op"}`, false},
		{"empty array", "[]", false},
		{"text", "BenchmarkX-8 100 12 ns/op\n", false},
		{"empty", "", false},
	} {
		if got := compare.IsUsageLog([]byte(tc.text)); got != tc.want {
			t.Errorf("%s: IsUsageLog = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// FuzzIsUsageLog: detection never panics, and what it takes starts as JSON does
// (an object, or an array of them) and names a model.
func FuzzIsUsageLog(f *testing.F) {
	f.Add([]byte(`{"model":"m","prompt_tokens":1}`))
	f.Add([]byte(`[{"model":"m","total_tokens":3}]`))
	f.Add([]byte(`{"schema_version":1}`))
	f.Add([]byte("\ufeff{\"model\":\"m\",\"completion_tokens\""))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !compare.IsUsageLog(data) {
			return
		}
		text := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\ufeff")), " \t\r\n")
		if len(text) == 0 || (text[0] != '{' && text[0] != '[') || !bytes.Contains(data, []byte(`"model"`)) {
			t.Errorf("IsUsageLog(%q) = true", data)
		}
	})
}
