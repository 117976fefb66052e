package formats

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// cargoBench is the text Criterion.rs prints under `cargo bench`: for each
// benchmark a line "NAME time: [LOW EST HIGH]" (the name on a line of its own
// when long), and "thrpt: [LOW EST HIGH]" with a throughput. Criterion prints
// its estimate and interval, not the samples: each benchmark is a point estimate
// of its time (the middle value), with that interval; a throughput is a metric
// in elem/s or B/s.
type cargoBench struct{}

func (cargoBench) Name() string { return "cargo-bench" }

var (
	cargoTime  = regexp.MustCompile(`^(.*?)\s*time:\s+\[(\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\]\s*$`)
	cargoThrpt = regexp.MustCompile(`^\s*thrpt:\s+\[(\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\]\s*$`)
)

func (cargoBench) Detect(in *Input) bool {
	if in.IsJSON() {
		return false
	}
	for line := range bytes.Lines(in.Text()) {
		if cargoTime.Match(bytes.TrimRight(line, "\r\n")) {
			return true
		}
	}
	return false
}

// cargoTimeNs is nanoseconds per unit of Criterion's time units.
var cargoTimeNs = map[string]float64{"ps": 1e-3, "ns": 1, "us": 1e3, "µs": 1e3, "ms": 1e6, "s": 1e9}

// cargoRate is the base unit and factor of Criterion's throughput units.
var cargoRate = map[string]struct {
	unit   string
	factor float64
}{
	"elem/s": {"elem/s", 1}, "Kelem/s": {"elem/s", 1e3}, "Melem/s": {"elem/s", 1e6}, "Gelem/s": {"elem/s", 1e9},
	"B/s": {"B/s", 1}, "KiB/s": {"B/s", 1 << 10}, "MiB/s": {"B/s", 1 << 20}, "GiB/s": {"B/s", 1 << 30}, "TiB/s": {"B/s", 1 << 40},
	"KB/s": {"B/s", 1e3}, "MB/s": {"B/s", 1e6}, "GB/s": {"B/s", 1e9},
}

func (cargoBench) Read(in *Input) (*bench.Document, error) {
	const format = "cargo-bench"
	var results []bench.Result
	prev := "" // the last line that was not a time line: a long name stands alone
	// started is the benchmark of the last "Benchmarking NAME" line until its time
	// line comes: a file that ends before it is truncated.
	started, startedAt := "", 0
	lineNo := 0
	for raw := range bytes.Lines(in.Data) {
		lineNo++
		line := strings.TrimRight(string(raw), "\r\n")
		if !bytes.HasSuffix(raw, []byte("\n")) && line != "" && !cargoTime.MatchString(line) && !cargoThrpt.MatchString(line) {
			// Criterion ends every line: the file ends inside one.
			return nil, fmt.Errorf("%s:%d: %s: the last line is cut (a truncated file?): %s", in.Name, lineNo, format, strconv.Quote(strings.TrimSpace(line)))
		}
		if m := cargoThrpt.FindStringSubmatch(line); m != nil && len(results) > 0 {
			vals, unit, err := cargoValues(m[1:], func(u string) (string, float64, bool) {
				r, ok := cargoRate[u]
				return r.unit, r.factor, ok
			})
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %s: thrpt: %w", in.Name, lineNo, format, err)
			}
			r := &results[len(results)-1]
			metric := bench.NewMetric(unit, []float64{vals[1]})
			metric.CILow, metric.CIHigh = vals[0], vals[2]
			r.Metrics = map[string]bench.Metric{unit: metric}
			continue
		}
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "thrpt:") {
			return nil, fmt.Errorf("%s:%d: %s: not a throughput line (thrpt: [LOW EST HIGH]; a truncated file?): %s", in.Name, lineNo, format, strconv.Quote(t))
		}
		m := cargoTime.FindStringSubmatch(line)
		if m == nil {
			if t := strings.TrimSpace(line); t != "" {
				prev = t
			}
			if name, ok := strings.CutPrefix(line, "Benchmarking "); ok && !strings.Contains(name, ": ") {
				started, startedAt = name, lineNo
			}
			continue
		}
		name := strings.TrimSpace(m[1])
		if name == "" {
			name = prev
		}
		if name == "" || strings.HasPrefix(name, "Benchmarking ") {
			return nil, fmt.Errorf("%s:%d: %s: a time line without a benchmark name", in.Name, lineNo, format)
		}
		vals, _, err := cargoValues(m[2:], func(u string) (string, float64, bool) {
			f, ok := cargoTimeNs[u]
			return "ns", f, ok
		})
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %s: %s: time: %w", in.Name, lineNo, format, bench.DisplayName(name), err)
		}
		r := bench.ResultFromSamples(name, []float64{vals[1]})
		r.PointEstimate = true
		r.CILowNs, r.CIHighNs = vals[0], vals[2]
		if vals[0] < 0 || vals[2] < 0 {
			return nil, fmt.Errorf("%s:%d: %s: %s: time: negative bound", in.Name, lineNo, format, bench.DisplayName(name))
		}
		results = append(results, r)
		prev = ""
		if started == name {
			started = ""
		}
	}
	if started != "" {
		return nil, fmt.Errorf("%s:%d: %s: %s: benchmarking started but no time line follows (a truncated file?)", in.Name, startedAt, format, bench.DisplayName(started))
	}
	return document(in, format, "criterion (cargo bench)", timeZero, bench.Environment{}, results)
}

// cargoValues parses "V U V U V U" into three values in the base unit that
// scale gives for each unit, refusing an unknown unit or a value that is not a number.
func cargoValues(f []string, scale func(string) (string, float64, bool)) ([3]float64, string, error) {
	var vals [3]float64
	var base string
	for i := range 3 {
		v, err := strconv.ParseFloat(f[2*i], 64)
		if err != nil {
			return vals, "", fmt.Errorf("%q is not a number", f[2*i])
		}
		unit, factor, ok := scale(f[2*i+1])
		if !ok {
			return vals, "", fmt.Errorf("unknown unit %q", f[2*i+1])
		}
		vals[i], base = v*factor, unit
	}
	return vals, base, nil
}
