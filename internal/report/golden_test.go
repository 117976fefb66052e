package report

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"github.com/cost-ops-bench/cost-ops-bench/internal/formats"
	"github.com/cost-ops-bench/cost-ops-bench/internal/goldenfile"
)

const fixtures = "../../testdata/compare"

// load compares two fixture files under the config file cfgFile ("" for defaults)
// and profile.
func load(t *testing.T, base, cur, cfgFile, profile string) *compare.Comparison {
	t.Helper()
	b, err := formats.LoadFile(filepath.Join(fixtures, base), "")
	if err != nil {
		t.Fatal(err)
	}
	c, err := formats.LoadFile(filepath.Join(fixtures, cur), "")
	if err != nil {
		t.Fatal(err)
	}
	cfg := compare.DefaultConfig()
	if cfgFile != "" {
		if cfg, err = compare.LoadConfig(filepath.Join(fixtures, cfgFile)); err != nil {
			t.Fatal(err)
		}
		cfg.Source = cfgFile
		if cfg, err = cfg.ForProfile(profile); err != nil {
			t.Fatal(err)
		}
	}
	return compare.Compare(b, c, cfg)
}

var goldenCases = []struct {
	name, base, cur, cfg, profile string
}{
	{"regression", "base.json", "current-regression.json", "", ""},
	{"regression-config", "base.json", "current-regression.json", "gate.yml", "release"},
	{"pass", "base.json", "current-pass.json", "", ""},
	{"gotest", "gotest-base.txt", "gotest-current.txt", "", ""},
	// Two real full-suite runs of the same code, 5 processes each (six benchmarks
	// kept), with batch_cost_calculation_1000 made 2x slower in the current one and
	// cost_aggregation_100's allocations varying between processes.
	{"processes", "processes-base.json", "processes-current.json", "", ""},
	// The same two runs with only their first 2 processes a side (bench.Combine of
	// each benchmark's processes 0 and 1): too few for the test between processes,
	// so the 2x slowdown, like every slowdown beyond the threshold, is inconclusive
	// and every format says how many processes there were and how to get a verdict.
	{"processes-2", "processes2-base.json", "processes2-current.json", "", ""},
	// The same with instruction counts, usage_validation's 2% higher: instructions
	// and allocations are gated, time is reported.
	{"instructions", "instructions-base.json", "instructions-current.json", "", ""},
	// Point estimates (one value a benchmark, no samples): real vitest bench JSON
	// with "sum" made 2x slower, and the seed's result JSON; the threshold alone
	// decides and every format says no significance test was possible.
	{"point-vitest", "../formats/vitest/base.json", "../formats/vitest/slow.json", "", ""},
	{"point-seed", "../formats/seed/base.json", "../formats/seed/slow.json", "", ""},
}

func TestMarkdownGolden(t *testing.T) {
	t.Parallel()
	for _, tt := range goldenCases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := load(t, tt.base, tt.cur, tt.cfg, tt.profile)
			var buf bytes.Buffer
			if err := Markdown(&buf, c, MarkdownOptions{}); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name+".md.golden", buf.Bytes())
		})
	}
}

func TestJSONGolden(t *testing.T) {
	t.Parallel()
	for _, tt := range goldenCases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if err := JSON(&buf, load(t, tt.base, tt.cur, tt.cfg, tt.profile)); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name+".json.golden", buf.Bytes())
		})
	}
}

func TestConsoleGolden(t *testing.T) {
	t.Parallel()
	for _, tt := range goldenCases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if err := Console(&buf, load(t, tt.base, tt.cur, tt.cfg, tt.profile)); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name+".console.golden", buf.Bytes())
		})
	}
}

// golden checks got against testdata/name (goldenfile.Check; -update rewrites it).
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got)
}
