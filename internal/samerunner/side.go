package samerunner

import (
	"fmt"
	"slices"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// side is the running state of one side.
type side struct {
	SideResult
	tree string // the module directory the side builds and runs in
	bin  string // the directory for its binaries and outputs

	built bool     // the side's binaries exist
	units []string // what one round runs: packages (go-test) or benchmark names (builtin)
	dead  map[string]error

	names   []string                        // benchmarks in the order first seen
	samples map[string]map[int]bench.Result // benchmark -> round -> result
	origin  map[string]string               // benchmark -> unit that produced it
	meta    *bench.Document                 // the first document: version, environment, time
	wall    time.Duration                   // time spent running
}

func newSide(which Side) *side {
	return &side{
		SideResult: SideResult{Side: which},
		dead:       map[string]error{},
		samples:    map[string]map[int]bench.Result{},
		origin:     map[string]string{},
	}
}

// runs reports whether the side runs unit in this round.
func (s *side) runs(unit string) bool {
	_, dead := s.dead[unit]
	return s.built && !dead && slices.Contains(s.units, unit)
}

// add records the results of one step of round; a benchmark already produced by
// another unit is a Problem (two packages with one benchmark name).
func (s *side) add(round int, unit string, doc *bench.Document) []Problem {
	if doc == nil {
		return nil
	}
	if s.meta == nil {
		s.meta = doc
	}
	var problems []Problem
	for _, r := range doc.Results {
		if from, ok := s.origin[r.Name]; ok && from != unit && unit != "" && from != "" {
			problems = append(problems, Problem{Side: s.Side, Unit: r.Name,
				Err: fmt.Errorf("also measured by %s; the result of %s is kept", unit, from)})
			continue
		}
		if _, ok := s.samples[r.Name]; !ok {
			s.names = append(s.names, r.Name)
			s.samples[r.Name] = map[int]bench.Result{}
			s.origin[r.Name] = unit
		}
		s.samples[r.Name][round] = r
	}
	return problems
}

// has reports whether the side measured benchmark name at least once.
func (s *side) has(name string) bool {
	_, ok := s.samples[name]
	return ok
}

// rounds returns the rounds of benchmark name that count: those measured on both
// sides when other has it too, every round otherwise; ascending.
func (s *side) rounds(name string, other *side) []int {
	var out []int
	for r := range s.samples[name] {
		if other.has(name) {
			if _, ok := other.samples[name][r]; !ok {
				continue
			}
		}
		out = append(out, r)
	}
	slices.Sort(out)
	return out
}

// document combines the side's rounds into one document: each round is a process.
func (s *side) document(other *side) *bench.Document {
	doc := &bench.Document{SchemaVersion: bench.SchemaVersion}
	if s.meta != nil {
		doc.Version, doc.Timestamp, doc.Environment = s.meta.Version, s.meta.Timestamp, s.meta.Environment
	}
	for _, name := range s.names {
		var parts []bench.Result
		for _, r := range s.rounds(name, other) {
			parts = append(parts, s.samples[name][r])
		}
		if len(parts) > 0 {
			doc.Results = append(doc.Results, bench.Combine(parts))
		}
	}
	doc.Summary = bench.Summarize(doc.Results, s.wall)
	return doc
}
