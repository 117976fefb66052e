package formats

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var hyperfinePair = realPair{dir: "hyperfine", want: "hyperfine",
	base: "base.json", same: "same.json", slow: "slow.json", slowed: []string{"count"}}

func TestHyperfineRealFiles(t *testing.T) {
	t.Parallel()
	checkRealPair(t, hyperfinePair)
}

// TestHyperfineMediansAreTheToolsOwn: every command's samples are its runs' times,
// and their median is the median hyperfine wrote.
func TestHyperfineMediansAreTheToolsOwn(t *testing.T) {
	t.Parallel()
	path := filepath.Join(realFixtures, "hyperfine", "base.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Results []struct {
			Command string
			Median  float64
			Times   []float64
		}
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	got := resultsByName(loadReal(t, hyperfinePair, "base.json"))
	for _, c := range raw.Results {
		r := got[c.Command]
		if len(r.SamplesNs) != len(c.Times) || !near(r.MedianNs, c.Median*1e9) {
			t.Errorf("%s: %d samples, median %v ns; hyperfine: %d times, median %v s", c.Command, len(r.SamplesNs), r.MedianNs, len(c.Times), c.Median)
		}
	}
	if len(got) != 2 {
		t.Errorf("%d results, want 2", len(got))
	}
}

func TestHyperfineBadFiles(t *testing.T) {
	t.Parallel()
	good, err := os.ReadFile(filepath.Join(realFixtures, "hyperfine", "base.json"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, in, want string }{
		{"truncated", string(good[:len(good)/3]), "h.json: hyperfine: truncated JSON document"},
		{"no times nor median", `{"results":[{"command":"x","mean":1}]}`, "h.json: hyperfine: results[0] (x): times: missing"},
		{"negative time", `{"results":[{"command":"x","times":[1,-1]}]}`, "h.json: hyperfine: results[0] (x): samples_ns[1]: negative"},
		{"times not numbers", "{\"results\":[{\"command\":\"x\",\n\"times\":[\"a\"]}]}", "h.json:2: hyperfine: results.times:"},
		{"no command", `{"results":[{"command":"","times":[1]}]}`, "h.json: hyperfine: results[0]: command: missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Read([]byte(tt.in), "h.json", "hyperfine")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
	// Detection: a truncated hyperfine file is still read as hyperfine.
	if f := Detect(NewInput("h.json", good[:len(good)/3])); f == nil || f.Name() != "hyperfine" {
		t.Errorf("truncated file detected as %v", f)
	}
}
