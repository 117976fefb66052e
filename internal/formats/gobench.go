package formats

import (
	"bytes"
	"errors"
	"fmt"

	"golang.org/x/perf/benchfmt"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/stats"
)

// goBench is Go benchmark format, as `go test -bench` writes it (and `run` writes
// latest.bench.txt), read with benchfmt.
type goBench struct{}

func (goBench) Name() string { return "gobench" }

// Detect accepts text with a line that starts with "Benchmark" followed by more
// fields (a result line, well-formed or not: a malformed one is reported by line).
func (goBench) Detect(in *Input) bool {
	if in.IsJSON() {
		return false
	}
	for line := range bytes.Lines(in.Text()) {
		if bytes.HasPrefix(line, []byte("Benchmark")) && len(bytes.Fields(line)) >= 2 {
			return true
		}
	}
	return false
}

func (goBench) Read(in *Input) (*bench.Document, error) { return parseGoBench(in.Data, in.Name) }

// goBenchAcc accumulates the lines of one benchmark in Go benchmark format: each
// repeated line (go test -count N) is one sample.
type goBenchAcc struct {
	name   string
	pkg    string
	line   int
	iters  int64
	ns     []float64
	bytes  []float64
	allocs []float64
	noTime bool
}

// parseGoBench reads Go benchmark format with benchfmt and converts it into a result
// document: names are as benchstat writes them (without the "Benchmark" prefix, with
// sub-benchmark parts and the -GOMAXPROCS suffix), sec/op becomes samples_ns, and B/op and allocs/op (the median of the
// lines; they are deterministic) become bytes_per_op and allocs_per_op.
func parseGoBench(data []byte, name string) (*bench.Document, error) {
	rd := benchfmt.NewReader(bytes.NewReader(data), name)
	var order []*goBenchAcc
	byName := map[string]*goBenchAcc{}
	doc := &bench.Document{SchemaVersion: bench.SchemaVersion, Version: "go test -bench"}
	var errs []error
	for rd.Scan() {
		switch rec := rd.Result().(type) {
		case *benchfmt.SyntaxError:
			errs = append(errs, fmt.Errorf("%s:%d: %s", rec.FileName, rec.Line, rec.Msg))
		case *benchfmt.Result:
			if err := addGoResult(rec, byName, &order); err != nil {
				errs = append(errs, err)
			}
			fillEnvironment(&doc.Environment, rec)
		}
	}
	if err := rd.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s: %w", name, err))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if len(order) == 0 {
		return nil, fmt.Errorf("%s: no benchmark results: neither a result JSON document nor Go benchmark format", name)
	}
	for _, b := range order {
		if b.noTime {
			return nil, fmt.Errorf("%s:%d: %s: no sec/op (ns/op) measurement", name, b.line, b.name)
		}
		doc.Results = append(doc.Results, b.result())
	}
	if err := bench.Validate(doc, name); err != nil {
		return nil, err
	}
	return doc, nil
}

// addGoResult adds one benchmark line to its benchmark, refusing a name that appears
// in two packages (their samples must not be pooled).
func addGoResult(rec *benchfmt.Result, byName map[string]*goBenchAcc, order *[]*goBenchAcc) error {
	full := rec.Name.String()
	pkg := rec.GetConfig("pkg")
	file, line := rec.Pos()
	b := byName[full]
	if b == nil {
		b = &goBenchAcc{name: full, pkg: pkg, line: line}
		byName[full] = b
		*order = append(*order, b)
	} else if b.pkg != pkg {
		return fmt.Errorf("%s:%d: %s: also in package %s (line %d); write one package per file", file, line, full, b.pkg, b.line)
	}
	b.iters += int64(rec.Iters)
	if v, ok := rec.Value("sec/op"); ok {
		b.ns = append(b.ns, v*1e9)
	} else if v, ok := rec.Value("ns/op"); ok {
		b.ns = append(b.ns, v) // benchfmt keeps ns/op when tidying changes nothing: 0 ns/op
	} else {
		b.noTime = true
	}
	if v, ok := rec.Value("B/op"); ok {
		b.bytes = append(b.bytes, v)
	}
	if v, ok := rec.Value("allocs/op"); ok {
		b.allocs = append(b.allocs, v)
	}
	return nil
}

// fillEnvironment takes the machine description from the file configuration lines.
func fillEnvironment(env *bench.Environment, rec *benchfmt.Result) {
	set := func(dst *string, key string) {
		if *dst == "" {
			*dst = rec.GetConfig(key)
		}
	}
	set(&env.OS, "goos")
	set(&env.Arch, "goarch")
	set(&env.CPUModel, "cpu")
	set(&env.GoVersion, "go")
}

// result converts the accumulated lines into a bench.Result with the summary fields
// computed the way the suite computes them (benchmath's median and 95% interval).
func (b *goBenchAcc) result() bench.Result {
	r := bench.ResultFromSamples(b.name, b.ns)
	r.Iterations = b.iters
	r.AllocsPerOp = median(b.allocs)
	r.BytesPerOp = median(b.bytes)
	return r
}

// median returns the median of xs (0 for none) without modifying xs.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	return stats.Median(xs)
}
