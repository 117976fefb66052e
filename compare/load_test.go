package compare

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const fixtures = "../testdata/compare"

func TestLoadFileFixtures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file       string
		wantN      int
		wantFirst  string
		wantCPU    string
		wantAllocs float64
	}{
		{"base.json", 9, "single_cost_calculation", "AMD EPYC 7B13", 3},
		{"current-regression.json", 9, "single_cost_calculation", "Intel Xeon Platinum 8370C", 3},
		{"gotest-base.txt", 3, "Calculate-2", "AMD EPYC 7B13", 3},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			doc, err := LoadFile(filepath.Join(fixtures, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if got := len(doc.Results); got != tt.wantN {
				t.Errorf("results = %d, want %d", got, tt.wantN)
			}
			first := doc.Results[0]
			if first.Name != tt.wantFirst || doc.Environment.CPUModel != tt.wantCPU || first.AllocsPerOp != tt.wantAllocs {
				t.Errorf("first = %q cpu %q allocs %v, want %q cpu %q allocs %v",
					first.Name, doc.Environment.CPUModel, first.AllocsPerOp, tt.wantFirst, tt.wantCPU, tt.wantAllocs)
			}
			if len(first.SamplesNs) != 10 {
				t.Errorf("samples = %d, want 10 (one per -count line)", len(first.SamplesNs))
			}
		})
	}
}

func TestLoadGoBenchSamplesInNanoseconds(t *testing.T) {
	t.Parallel()
	in := "goos: linux\nBenchmarkX-2 100 1500 ns/op 16 B/op 2 allocs/op\nBenchmarkX-2 100 1600 ns/op 16 B/op 2 allocs/op\nPASS\n"
	doc, err := Load(strings.NewReader(in), "x.txt")
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
}

// validDoc is a minimal valid document; cases below break one thing each.
const validDoc = `{"schema_version":1,"results":[
{"name":"a","samples_ns":[1,2,3],"cost_total_usd":"0.5"},
{"name":"b","samples_ns":[4,5,6]}]}`

func TestLoadRefusesBadInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"empty file", "", "base.json: no benchmark results"},
		{"only spaces", "  \n", "base.json: no benchmark results"},
		{"garbage text", "hello world\n", "base.json: no benchmark results"},
		{"invalid JSON", "{\"schema_version\":1,\n\"results\":[}", "base.json:2: invalid JSON"},
		{"truncated JSON", `{"schema_version":1,"results":[`, "base.json: truncated JSON document"},
		{"trailing data", validDoc + "\n{}", "base.json:4: unexpected data after the JSON document"},
		{"unknown field", `{"schema_version":1,"resultz":[]}`, `base.json: json: unknown field "resultz"`},
		{"wrong type", "{\"schema_version\":1,\n\"results\":[{\"name\":\"a\",\"samples_ns\":\"fast\"}]}", "base.json:2: results.samples_ns:"},
		{"schema missing", `{"results":[{"name":"a","samples_ns":[1]}]}`, "base.json: schema_version: missing, want 1"},
		{"schema 2", `{"schema_version":2,"results":[{"name":"a","samples_ns":[1]}]}`, "base.json: schema_version: 2 is not supported, want 1"},
		{"no results", `{"schema_version":1,"results":[]}`, "base.json: results: empty, nothing to compare"},
		{"no name", `{"schema_version":1,"results":[{"samples_ns":[1]}]}`, "base.json: results[0]: name: missing"},
		{"duplicate", `{"schema_version":1,"results":[{"name":"a","samples_ns":[1]},{"name":"a","samples_ns":[1]}]}`,
			"base.json: results[1] (a): name: duplicate of results[0]"},
		{"no samples", `{"schema_version":1,"results":[{"name":"a"}]}`, "base.json: results[0] (a): samples_ns: missing or empty"},
		{"negative sample", `{"schema_version":1,"results":[{"name":"a","samples_ns":[1]},{"name":"b"},{"name":"c"},{"name":"single_cost_calculation","samples_ns":[1,2,-3]}]}`,
			"base.json: results[3] (single_cost_calculation): samples_ns[2]: negative"},
		{"huge number", `{"schema_version":1,"results":[{"name":"a","samples_ns":[1e999]}]}`, "base.json:1: results.samples_ns:"},
		{"negative allocs", `{"schema_version":1,"results":[{"name":"a","samples_ns":[1],"allocs_per_op":-1}]}`, "results[0] (a): allocs_per_op: negative"},
		{"bad cost", `{"schema_version":1,"results":[{"name":"a","samples_ns":[1],"cost_total_usd":"1,5"}]}`, `results[0] (a): cost_total_usd: "1,5" is not a decimal number`},
		{"go bench syntax", "BenchmarkX-2 100 abc ns/op\n", "base.json:1:"},
		{"go bench NaN", "BenchmarkX-2 100 NaN ns/op\n", "base.json: results[0] (X-2): samples_ns[0]: not a finite number"},
		{"go bench negative", "BenchmarkX-2 100 5 ns/op\nBenchmarkX-2 100 -5 ns/op\n", "base.json: results[0] (X-2): samples_ns[1]: negative"},
		{"go bench no time", "BenchmarkX-2 100 5 B/op\n", "base.json:1: X-2: no sec/op"},
		{"go bench two packages", "pkg: a\nBenchmarkX 1 1 ns/op\npkg: b\nBenchmarkX 1 1 ns/op\n", "base.json:4: X: also in package a (line 2)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Load(strings.NewReader(tt.in), "base.json")
			if err == nil {
				t.Fatalf("Load succeeded, want error containing %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

func TestLoadCollectsEveryProblem(t *testing.T) {
	t.Parallel()
	in := `{"schema_version":1,"results":[{"name":"a","samples_ns":[-1]},{"name":"b","samples_ns":[]}]}`
	_, err := Load(strings.NewReader(in), "cur.json")
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"results[0] (a): samples_ns[0]: negative", "results[1] (b): samples_ns: missing or empty"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

func TestLoadAcceptsValidAndBOM(t *testing.T) {
	t.Parallel()
	for name, in := range map[string]string{"plain": validDoc, "bom": "\ufeff" + validDoc} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			doc, err := Load(strings.NewReader(in), "x.json")
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Results) != 2 || doc.Results[0].CostTotalUSD != "0.5" {
				t.Errorf("got %+v", doc.Results)
			}
		})
	}
}

func TestLoadFileSizeCap(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "big.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse file just over the cap: cheap to create, must not be read whole.
	if err := f.Truncate(MaxFileSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = LoadFile(path)
	if !errors.Is(err, ErrTooLarge) || !strings.HasSuffix(err.Error(), "big.json: "+ErrTooLarge.Error()) {
		t.Errorf("err = %v, want big.json: %v", err, ErrTooLarge)
	}
	if _, err := Load(bytes.NewReader(make([]byte, MaxFileSize)), "exact"); errors.Is(err, ErrTooLarge) {
		t.Errorf("a file of exactly the cap was refused as too large")
	}
}

func TestLoadFileMissing(t *testing.T) {
	t.Parallel()
	_, err := LoadFile(filepath.Join(t.TempDir(), "nope.json"))
	if !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "nope.json") {
		t.Errorf("err = %v, want not-exist naming the file", err)
	}
}
