package bench

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// Benchmark is one named, registered measurement of the engine.
type Benchmark struct {
	// Name is the stable name baselines key on, e.g. "batch_cost_calculation_1000".
	Name string
	// Group is the family the benchmark belongs to, e.g. "batch"; summary.md
	// groups its analysis by it.
	Group string
	// BatchSize is the number of operations (records) one iteration processes;
	// 0 means 1. Times and throughput are reported per operation.
	BatchSize int
	// Setup prepares the workload outside the timed region. It runs once per
	// benchmark, before calibration.
	Setup func() (Workload, error)
}

// Workload is what a benchmark's Setup prepared: the timed loop and the money
// the work prices.
type Workload struct {
	// Run performs iters iterations of BatchSize operations each. It is the only
	// code inside the timed region; an error fails the benchmark.
	Run func(iters int) error
	// CostUSD is the money one iteration prices, as an exact decimal string
	// computed once by Setup (the result's cost_total_usd correctness checksum);
	// "" when the benchmark prices nothing.
	CostUSD string
}

// ops returns the number of operations of one iteration.
func (b Benchmark) ops() int {
	if b.BatchSize <= 0 {
		return 1
	}
	return b.BatchSize
}

// Registry is an ordered set of benchmarks with unique names.
type Registry struct {
	list []Benchmark
	seen map[string]bool
}

// Add registers b. It panics when b has no name, no group, no Setup, a name
// already registered, or one with white space: the suite is fixed at compile time, so these are
// programming errors caught by the first test.
func (r *Registry) Add(b Benchmark) {
	switch {
	case b.Name == "" || b.Group == "" || b.Setup == nil:
		panic(fmt.Sprintf("bench: benchmark %q needs a name, a group and a Setup", b.Name))
	case r.seen[b.Name]:
		panic(fmt.Sprintf("bench: benchmark %q registered twice", b.Name))
	case strings.IndexFunc(b.Name, unicode.IsSpace) >= 0:
		// The Go benchmark format (latest.bench.txt) ends a name at white space.
		panic(fmt.Sprintf("bench: benchmark %q: a name has no white space", b.Name))
	}
	if r.seen == nil {
		r.seen = map[string]bool{}
	}
	r.seen[b.Name] = true
	r.list = append(r.list, b)
}

// All returns the registered benchmarks in registration order.
func (r *Registry) All() []Benchmark {
	return append([]Benchmark(nil), r.list...)
}

// Names returns the registered names, sorted.
func (r *Registry) Names() []string {
	names := make([]string, len(r.list))
	for i, b := range r.list {
		names[i] = b.Name
	}
	sort.Strings(names)
	return names
}

// Select returns the benchmarks that f keeps, in registration order. It is an
// error when f keeps none, so that a mistyped filter does not pass as an empty run.
func (r *Registry) Select(f Filter) ([]Benchmark, error) {
	var out []Benchmark
	for _, b := range r.list {
		if f.Match(b.Name) {
			out = append(out, b)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("filter %s matches no benchmark", f)
	}
	return out, nil
}
