package bench

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// Filter selects benchmarks by name. The zero Filter keeps every benchmark.
type Filter struct {
	patterns []pattern
}

type pattern struct {
	text string         // as written
	re   *regexp.Regexp // nil for a substring
}

// ErrEmptyPattern is returned (wrapped) for an empty filter pattern, which would
// silently match everything.
var ErrEmptyPattern = errors.New("empty pattern")

// ParseFilter builds a Filter from patterns, OR-ed: a pattern keeps the names that
// contain it, or, when written /RE/, the names that the Go regular expression RE
// matches (unanchored, as `go test -bench` does). An invalid regular expression or
// an empty pattern is an error naming it.
func ParseFilter(patterns []string) (Filter, error) {
	var f Filter
	var errs []error
	for _, p := range patterns {
		pat, err := parsePattern(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		f.patterns = append(f.patterns, pat)
	}
	if err := errors.Join(errs...); err != nil {
		return Filter{}, err
	}
	return f, nil
}

func parsePattern(p string) (pattern, error) {
	if len(p) >= 2 && strings.HasPrefix(p, "/") && strings.HasSuffix(p, "/") {
		expr := p[1 : len(p)-1]
		if expr == "" {
			return pattern{}, fmt.Errorf("filter %q: %w", p, ErrEmptyPattern)
		}
		re, err := regexp.Compile(expr)
		if err != nil {
			return pattern{}, fmt.Errorf("filter %q: %w", p, err)
		}
		return pattern{text: p, re: re}, nil
	}
	if p == "" {
		return pattern{}, fmt.Errorf("filter %q: %w", p, ErrEmptyPattern)
	}
	return pattern{text: p}, nil
}

// Match reports whether name passes the filter: always for the zero Filter,
// otherwise when any pattern matches.
func (f Filter) Match(name string) bool {
	if len(f.patterns) == 0 {
		return true
	}
	for _, p := range f.patterns {
		if p.re != nil && p.re.MatchString(name) || p.re == nil && strings.Contains(name, p.text) {
			return true
		}
	}
	return false
}

// String returns the patterns as written, quoted and OR-ed.
func (f Filter) String() string {
	if len(f.patterns) == 0 {
		return "(none)"
	}
	quoted := make([]string, len(f.patterns))
	for i, p := range f.patterns {
		quoted[i] = fmt.Sprintf("%q", p.text)
	}
	return strings.Join(quoted, " or ")
}
