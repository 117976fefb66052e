// Package goldenfile checks test output against golden files, the files under
// testdata that hold what a person reads (reports, comments, summaries), and rewrites
// them when the tests run with -update. It is imported by tests only.
package goldenfile

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/internal/atomicfile"
)

var update = flag.Bool("update", false, "rewrite golden files with the current output")

// Update reports whether this test run rewrites golden files (-update).
func Update() bool { return *update }

// Check compares got with the golden file at path or, under -update, rewrites the
// file (atomically, creating its directory). A difference is reported with the first differing
// line and its neighbours.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := atomicfile.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update creates it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -update rewrites it; review the diff):\n%s", path, Diff(string(want), string(got)))
	}
}

// Diff shows where want and got first differ, with two lines of context on each
// side, and their lengths in lines.
func Diff(want, got string) string {
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
