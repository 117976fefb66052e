package compare

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
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

// pair is a benchmark of the comparison: its name in the report and its result on
// each side (nil when absent from that side).
type pair struct {
	name      string
	base, cur *bench.Result
}

// matchResults pairs the results of the two sides by name, as benchstat does: a
// name's -N suffix (the GOMAXPROCS that `go test` appends when it is not 1) is a
// configuration, not part of the name. Names equal on both sides pair first; a
// benchmark left over pairs with the one of the other side that differs only in
// that suffix (Calculate-8 with Calculate-2, or Calculate), when exactly one on
// each side does. Such a pair is reported under the name without the suffix, and
// procs lists each differing GOMAXPROCS as an environment difference. The order
// is the baseline's, then the benchmarks new in the current result.
func matchResults(base, cur []bench.Result) (pairs []pair, procs []EnvDiff) {
	inCur := make(map[string]int, len(cur))
	for i := range cur {
		inCur[cur[i].Name] = i
	}
	inBase := make(map[string]bool, len(base))
	for i := range base {
		inBase[base[i].Name] = true
	}
	// Leftovers on each side, by name without the suffix; -1 marks a key that
	// two leftovers share (ambiguous: they stay unmatched).
	curByKey := map[string]int{}
	for i := range cur {
		if !inBase[cur[i].Name] {
			addKey(curByKey, procsKey(cur[i].Name), i)
		}
	}
	baseByKey := map[string]int{}
	for i := range base {
		if _, ok := inCur[base[i].Name]; !ok {
			addKey(baseByKey, procsKey(base[i].Name), i)
		}
	}
	paired := map[int]bool{} // current results paired by key
	seen := map[EnvDiff]bool{}
	for i := range base {
		b := &base[i]
		if j, ok := inCur[b.Name]; ok {
			pairs = append(pairs, pair{b.Name, b, &cur[j]})
			continue
		}
		key := procsKey(b.Name)
		j, ok := curByKey[key]
		if !ok || j < 0 || baseByKey[key] < 0 {
			pairs = append(pairs, pair{b.Name, b, nil})
			continue
		}
		paired[j] = true
		pairs = append(pairs, pair{key, b, &cur[j]})
		d := EnvDiff{"gomaxprocs", procsOf(b.Name), procsOf(cur[j].Name)}
		if !seen[d] {
			seen[d] = true
			procs = append(procs, d)
		}
	}
	for i := range cur {
		if !inBase[cur[i].Name] && !paired[i] {
			pairs = append(pairs, pair{cur[i].Name, nil, &cur[i]})
		}
	}
	return pairs, procs
}

func addKey(m map[string]int, key string, i int) {
	if _, dup := m[key]; dup {
		m[key] = -1
		return
	}
	m[key] = i
}

// EntryMatches reports whether the comparison entry named entry is the result
// named name: the same name, or name with a -GOMAXPROCS suffix that the
// comparison matched across (matchResults reports such a pair under the name
// without the suffix). Callers that go back from a Comparison's entries to the
// results of one side (the gate's re-measure) use it, so that the rule stays here.
func EntryMatches(entry, name string) bool {
	if name == entry {
		return true
	}
	key := procsKey(name)
	return key != name && key == entry
}

// procsKey is name without its -N GOMAXPROCS suffix (a dash and digits at the end).
func procsKey(name string) string {
	i := strings.LastIndexByte(name, '-')
	if i <= 0 || i == len(name)-1 {
		return name
	}
	for _, c := range name[i+1:] {
		if c < '0' || c > '9' {
			return name
		}
	}
	return name[:i]
}

// procsOf is the GOMAXPROCS a name's suffix says: "1" when it has none (go test
// writes no suffix for GOMAXPROCS 1).
func procsOf(name string) string {
	if key := procsKey(name); key != name {
		return name[len(key)+1:]
	}
	return "1"
}

// ErrNoMatch is returned (wrapped, with the names of each side) when no benchmark
// of the current result matches one of the baseline: such a comparison checks
// nothing, and passing it would hide a misconfigured gate.
var ErrNoMatch = errors.New("no benchmark matches between the baseline and the current result")

// CheckMatch returns an error wrapping ErrNoMatch when base and cur (both with
// results) share no benchmark, naming the benchmarks of each side; else nil.
func CheckMatch(base, cur *bench.Document) error {
	if len(base.Results) == 0 || len(cur.Results) == 0 {
		return nil
	}
	pairs, _ := matchResults(base.Results, cur.Results)
	for _, p := range pairs {
		if p.base != nil && p.cur != nil {
			return nil
		}
	}
	return fmt.Errorf("%w: the baseline has %s; the current result has %s", ErrNoMatch, someNames(base.Results), someNames(cur.Results))
}

// someNames lists up to five names of results, and how many there are.
func someNames(rs []bench.Result) string {
	const most = 5
	names := make([]string, 0, most)
	for _, r := range rs[:min(len(rs), most)] {
		names = append(names, bench.DisplayName(r.Name))
	}
	s := strings.Join(names, ", ")
	if len(rs) > most {
		s += fmt.Sprintf(", ... (%d in all)", len(rs))
	}
	return s
}
