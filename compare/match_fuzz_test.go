package compare

import (
	"path"
	"strings"
	"testing"
)

// FuzzPatternSetAgreesWithPathMatch checks the bucketed glob set (what keeps 10,000
// globs fast) against its definition: the first pattern, in order, that path.Match
// says matches the name.
func FuzzPatternSetAgreesWithPathMatch(f *testing.F) {
	f.Add("batch_*\n*_1000\nsingle_cost_calculation\n[a-c]*\n*", "batch_cost_calculation_1000")
	f.Add(`a\*b*`+"\n"+`*\x`+"\n"+`a]b*`+"\n"+`*[\]]`, "a]bx")
	f.Add("x\n?\nx*\n*x", "x")
	f.Add("é*\n*é\n[é]", "é")
	f.Fuzz(func(t *testing.T, list, name string) {
		var patterns []string
		for _, p := range strings.Split(list, "\n") {
			if p != "" && validGlob(p) {
				patterns = append(patterns, p)
			}
		}
		if len(patterns) > 64 {
			return
		}
		set := newPatternSet(patterns)
		for _, n := range []string{name, strings.ToUpper(name), name + name} {
			if got, want := set.first(n), bruteFirst(patterns, n); got != want {
				t.Fatalf("patterns %q, name %q: first = %d, path.Match says %d", patterns, n, got, want)
			}
		}
	})
}

func validGlob(p string) bool {
	_, err := path.Match(p, "")
	return err == nil
}
