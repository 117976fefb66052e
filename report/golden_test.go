package report

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/compare"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden with the current output")

// golden compares got with testdata/name, or rewrites the file under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test ./report -update rewrites it):\n%s", path, lineDiff(string(want), string(got)))
	}
}

// lineDiff shows where want and got first differ, with two lines of context, and
// their lengths in lines.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	first := 0
	for first < len(w) && first < len(g) && w[first] == g[first] {
		first++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "first difference at line %d (want %d lines, got %d)\n", first+1, len(w), len(g))
	for _, side := range []struct {
		label string
		lines []string
	}{{"want", w}, {"got", g}} {
		for i := max(0, first-2); i < min(len(side.lines), first+3); i++ {
			mark := " "
			if i == first {
				mark = ">"
			}
			fmt.Fprintf(&b, "%s %-4s %4d | %s\n", mark, side.label, i+1, side.lines[i])
		}
	}
	return b.String()
}

const fixtures = "../testdata/compare"

// load compares two fixture files under the config file cfgFile ("" for defaults)
// and profile.
func load(t *testing.T, base, cur, cfgFile, profile string) *compare.Comparison {
	t.Helper()
	b, err := compare.LoadFile(filepath.Join(fixtures, base))
	if err != nil {
		t.Fatal(err)
	}
	c, err := compare.LoadFile(filepath.Join(fixtures, cur))
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
