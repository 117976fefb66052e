package compare

import (
	"path"
	"slices"
	"strings"
)

// patternSet finds, for a benchmark name, the first pattern in list order that
// matches it. It stays fast with tens of thousands of patterns: plain names are one
// map lookup, and globs are bucketed by their literal prefix (or, for globs that
// start with a wildcard, their literal suffix), so a name is matched only against
// the globs whose literal part it starts or ends with. Globs with neither (such as
// "*" or "*x*") are tried in order.
type patternSet struct {
	exact    map[string]int    // plain name -> lowest index
	prefixes map[string][]glob // literal prefix -> globs in index order
	suffixes map[string][]glob // literal suffix (prefix empty) -> globs in index order
	rest     []glob            // no literal prefix or suffix, in index order
	prefixL  []int             // distinct prefix lengths in use, ascending
	suffixL  []int             // distinct suffix lengths in use, ascending
}

type glob struct {
	pattern string
	index   int
}

const meta = `*?[]\`

// newPatternSet compiles patterns, which must be valid path.Match globs.
func newPatternSet(patterns []string) *patternSet {
	s := &patternSet{exact: map[string]int{}, prefixes: map[string][]glob{}, suffixes: map[string][]glob{}}
	for i, p := range patterns {
		first := strings.IndexAny(p, meta)
		if first < 0 {
			if _, dup := s.exact[p]; !dup {
				s.exact[p] = i
			}
			continue
		}
		g := glob{p, i}
		suffix := p[strings.LastIndexAny(p, meta)+1:]
		switch {
		case first > 0:
			s.prefixL = addLen(s.prefixL, s.prefixes, p[:first])
			s.prefixes[p[:first]] = append(s.prefixes[p[:first]], g)
		case suffix != "":
			s.suffixL = addLen(s.suffixL, s.suffixes, suffix)
			s.suffixes[suffix] = append(s.suffixes[suffix], g)
		default:
			s.rest = append(s.rest, g)
		}
	}
	return s
}

// addLen records len(key) in lengths (kept sorted) the first time key is bucketed.
func addLen(lengths []int, buckets map[string][]glob, key string) []int {
	if _, seen := buckets[key]; seen || slices.Contains(lengths, len(key)) {
		return lengths
	}
	i, _ := slices.BinarySearch(lengths, len(key))
	return slices.Insert(lengths, i, len(key))
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
		best = firstIn(s.prefixes[name[:l]], name, best)
	}
	for _, l := range s.suffixL {
		if l > len(name) {
			break
		}
		best = firstIn(s.suffixes[name[len(name)-l:]], name, best)
	}
	return firstIn(s.rest, name, best)
}

// firstIn returns the lowest index below best (or any, when best is -1) of a glob in
// bucket that matches name, else best.
func firstIn(bucket []glob, name string, best int) int {
	for _, g := range bucket {
		if best >= 0 && g.index > best {
			break
		}
		if ok, _ := path.Match(g.pattern, name); ok {
			return g.index
		}
	}
	return best
}

// matches reports whether any pattern matches name.
func (s *patternSet) matches(name string) bool { return s.first(name) >= 0 }
