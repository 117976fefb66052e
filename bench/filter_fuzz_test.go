package bench

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// FuzzParseFilter checks the --filter (and gate filter input) parser on any text: a
// pattern is refused only when empty or an invalid /RE/, with the pattern named; an
// accepted one matches exactly what its definition says (substring, or the Go
// regular expression between the slashes), and several patterns are OR-ed.
func FuzzParseFilter(f *testing.F) {
	for _, s := range [][2]string{
		{"batch", "batch_cost_calculation_100"}, {"/^multi_provider_(openai|cohere)$/", "multi_provider_cohere"},
		{"/[/", "x"}, {"//", "x"}, {"/", "/"}, {"", "x"}, {"/a/b/", "a/b"}, {"/(?i)TIERED/", "tiered_pricing"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, p, name string) {
		flt, err := ParseFilter([]string{p})
		isRE := len(p) >= 2 && p[0] == '/' && p[len(p)-1] == '/'
		var re *regexp.Regexp
		var reErr error
		if isRE {
			re, reErr = regexp.Compile(p[1 : len(p)-1])
		}
		wantErr := p == "" || isRE && (len(p) == 2 || reErr != nil)
		if (err != nil) != wantErr {
			t.Fatalf("ParseFilter(%q) error %v, want error %v", p, err, wantErr)
		}
		if err != nil {
			if !strings.Contains(err.Error(), fmt.Sprintf("filter %q", p)) {
				t.Fatalf("error %q does not name the pattern", err)
			}
			return
		}
		want := strings.Contains(name, p)
		if isRE {
			want = re.MatchString(name)
		}
		if got := flt.Match(name); got != want {
			t.Fatalf("filter %q on %q: Match = %v, want %v", p, name, got, want)
		}
		both, err := ParseFilter([]string{p, name})
		if plain := !strings.HasPrefix(name, "/"); plain && name != "" && (err != nil || !both.Match(name)) {
			t.Fatalf("filters %q OR %q do not keep %q", p, name, name)
		}
	})
}
