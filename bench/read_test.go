package bench

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const fixtures = "../testdata/compare"

func TestReadFileFixtures(t *testing.T) {
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
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			doc, err := ReadFile(filepath.Join(fixtures, tt.file))
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

// validDoc is a minimal valid document; cases below break one thing each.
const validDoc = `{"schema_version":1,"results":[
{"name":"a","samples_ns":[1,2,3],"cost_total_usd":"0.5"},
{"name":"b","samples_ns":[4,5,6]}]}`

func TestReadRefusesBadInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"empty file", "", "base.json: empty file"},
		{"only spaces", "  \n", "base.json: empty file"},
		{"garbage text", "hello world\n", "base.json:1: invalid JSON"},
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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := DecodeJSON([]byte(tt.in), "base.json")
			if err == nil {
				t.Fatalf("Load succeeded, want error containing %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

func TestReadCollectsEveryProblem(t *testing.T) {
	t.Parallel()
	in := `{"schema_version":1,"results":[{"name":"a","samples_ns":[-1]},{"name":"b","samples_ns":[]}]}`
	_, err := DecodeJSON([]byte(in), "cur.json")
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"results[0] (a): samples_ns[0]: negative", "results[1] (b): samples_ns: missing or empty"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

func TestReadAcceptsValidAndBOM(t *testing.T) {
	t.Parallel()
	for name, in := range map[string]string{"plain": validDoc, "bom": "\ufeff" + validDoc} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			doc, err := DecodeJSON([]byte(in), "x.json")
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Results) != 2 || doc.Results[0].CostTotalUSD != "0.5" {
				t.Errorf("got %+v", doc.Results)
			}
		})
	}
}

func TestReadFileSizeCap(t *testing.T) {
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
	_, err = ReadFile(path)
	if !errors.Is(err, ErrTooLarge) || !strings.HasSuffix(err.Error(), "big.json: "+ErrTooLarge.Error()) {
		t.Errorf("err = %v, want big.json: %v", err, ErrTooLarge)
	}
	if _, err := ReadCapped(bytes.NewReader(make([]byte, MaxFileSize)), "exact"); errors.Is(err, ErrTooLarge) {
		t.Errorf("a file of exactly the cap was refused as too large")
	}
}

func TestReadFileMissing(t *testing.T) {
	t.Parallel()
	_, err := ReadFile(filepath.Join(t.TempDir(), "nope.json"))
	if !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "nope.json") {
		t.Errorf("err = %v, want not-exist naming the file", err)
	}
}
