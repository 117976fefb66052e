package formats

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

const fixtures = "../../testdata/compare"

func TestLoadFileFixtures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file, format string
		wantN        int
		wantFirst    string
		wantCPU      string
		wantAllocs   float64
	}{
		{"base.json", "", 9, "single_cost_calculation", "AMD EPYC 7B13", 3},
		{"base.json", "json", 9, "single_cost_calculation", "AMD EPYC 7B13", 3},
		{"current-regression.json", "", 9, "single_cost_calculation", "Intel Xeon Platinum 8370C", 3},
		{"gotest-base.txt", "", 3, "Calculate-2", "AMD EPYC 7B13", 3},
		{"gotest-base.txt", "gobench", 3, "Calculate-2", "AMD EPYC 7B13", 3},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.format, func(t *testing.T) {
			t.Parallel()
			doc, err := LoadFile(filepath.Join(fixtures, tt.file), tt.format)
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

func TestForcedFormatMismatch(t *testing.T) {
	t.Parallel()
	// A Go benchmark file forced as result JSON is refused by the JSON reader, and
	// the other way round: forcing means no detection.
	if _, err := LoadFile(filepath.Join(fixtures, "gotest-base.txt"), "json"); err == nil || !strings.Contains(err.Error(), "gotest-base.txt:") {
		t.Errorf("gobench forced as json: err = %v", err)
	}
	if _, err := LoadFile(filepath.Join(fixtures, "base.json"), "gobench"); err == nil || !strings.Contains(err.Error(), "base.json") {
		t.Errorf("json forced as gobench: err = %v", err)
	}
}

func TestUnknownFormatNamesTheKnownOnes(t *testing.T) {
	t.Parallel()
	_, err := LoadFile(filepath.Join(fixtures, "base.json"), "jsonn")
	if !errors.Is(err, ErrUnknownFormat) {
		t.Fatalf("err = %v, want ErrUnknownFormat", err)
	}
	for _, name := range Names() {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error %q does not name the known format %q", err, name)
		}
	}
	if Check("") != nil || Check("gobench") != nil || Check("nope") == nil {
		t.Error("Check: want nil for \"\" and gobench, an error for nope")
	}
}

func TestUndetectedContent(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"empty file", "", "in.txt: no benchmark results: empty file (formats known: json, gobench"},
		{"only spaces", "  \n", "in.txt: no benchmark results: empty file"},
		{"garbage text", "hello world\n", "in.txt: no benchmark results (formats known: "},
		{"foreign JSON", `{"hello":"world","a\nb":1}`, `in.txt: a JSON object (keys "hello", "a\nb") of no format this program reads (formats known: `},
		{"JSON array", `[1,2]`, "in.txt: JSON of no format this program reads"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Read([]byte(tt.in), "in.txt", "")
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "--input-format") {
				t.Errorf("err = %v, want it to contain %q and say --input-format", err, tt.want)
			}
		})
	}
}

func TestDetectTruncatedJSON(t *testing.T) {
	t.Parallel()
	// A result document cut short is still recognised as one, so that the error
	// says what is wrong with it rather than "not a format".
	for _, in := range []string{
		`{"schema_version":1,"results":[`,
		`{"results":[{"name":"a","samples_ns":[1,`,
		"{\"schema_version\":1,\n\"results\":[}",
	} {
		f := Detect(NewInput("x.json", []byte(in)))
		if f == nil || f.Name() != "json" {
			t.Errorf("%q: detected %v, want json", in, f)
		}
	}
	_, err := Read([]byte(`{"schema_version":1,"results":[`), "base.json", "")
	if err == nil || !strings.Contains(err.Error(), "base.json: truncated JSON document") {
		t.Errorf("err = %v", err)
	}
}
