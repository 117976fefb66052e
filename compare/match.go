package compare

import (
	"path"
	"slices"
	"strings"
)

// patternSet finds, for a benchmark name, the first pattern in list order that
// matches it. It stays fast with tens of thousands of patterns: plain names are one
// map lookup, and globs are bucketed by their literal prefix, so a name is only
// matched against the globs whose prefix it starts with.
type patternSet struct {
	exact   map[string]int    // plain name -> lowest index
	buckets map[string][]glob // literal prefix -> globs in index order
	prefixL []int             // distinct prefix lengths in use, ascending
}

type glob struct {
	pattern string
	index   int
}

// newPatternSet compiles patterns, which must be valid path.Match globs.
func newPatternSet(patterns []string) *patternSet {
	s := &patternSet{exact: map[string]int{}, buckets: map[string][]glob{}}
	lengths := map[int]bool{}
	for i, p := range patterns {
		cut := strings.IndexAny(p, `*?[\`)
		if cut < 0 {
			if _, dup := s.exact[p]; !dup {
				s.exact[p] = i
			}
			continue
		}
		prefix := p[:cut]
		s.buckets[prefix] = append(s.buckets[prefix], glob{p, i})
		if !lengths[cut] {
			lengths[cut] = true
			s.prefixL = append(s.prefixL, cut)
		}
	}
	slices.Sort(s.prefixL)
	return s
}

// first returns the index of the first pattern matching name, or -1.
func (s *patternSet) first(name string) int {
	best := -1
	if i, ok := s.exact[name]; ok {
		best = i
	}
	for _, l := range s.prefixL {
		if l > len(name) {
			break
		}
		for _, g := range s.buckets[name[:l]] {
			if best >= 0 && g.index > best {
				break
			}
			if ok, _ := path.Match(g.pattern, name); ok {
				best = g.index
				break
			}
		}
	}
	return best
}

// matches reports whether any pattern matches name.
func (s *patternSet) matches(name string) bool { return s.first(name) >= 0 }
