package bench

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Validate checks what a comparison relies on, collecting every problem. Each
// error names the file (name), the result (index and name) and the field. Every
// reader of a result, whatever its input format, validates what it built with it.
func Validate(doc *Document, name string) error {
	if doc.SchemaVersion != SchemaVersion {
		if doc.SchemaVersion == 0 {
			return fmt.Errorf("%s: schema_version: missing, want %d", name, SchemaVersion)
		}
		return fmt.Errorf("%s: schema_version: %d is not supported, want %d", name, doc.SchemaVersion, SchemaVersion)
	}
	if len(doc.Results) == 0 {
		return fmt.Errorf("%s: results: empty, nothing to compare", name)
	}
	var errs []error
	seen := make(map[string]int, len(doc.Results))
	for i := range doc.Results {
		r := &doc.Results[i]
		at := fmt.Sprintf("%s: results[%d]", name, i)
		if r.Name == "" {
			errs = append(errs, fmt.Errorf("%s: name: missing", at))
			continue
		}
		at = fmt.Sprintf("%s (%s)", at, DisplayName(r.Name))
		if !utf8.ValidString(r.Name) {
			// JSON cannot carry it: written and read back, it would be another name.
			errs = append(errs, fmt.Errorf("%s: name: not valid UTF-8", at))
		}
		if j, dup := seen[r.Name]; dup {
			errs = append(errs, fmt.Errorf("%s: name: duplicate of results[%d]", at, j))
		}
		seen[r.Name] = i
		errs = append(errs, validateResult(r, at)...)
	}
	return errors.Join(errs...)
}

// validateResult checks one result's samples, exact metrics and cost checksum.
func validateResult(r *Result, at string) []error {
	var errs []error
	if len(r.SamplesNs) == 0 && len(r.Metrics) == 0 {
		errs = append(errs, fmt.Errorf("%s: samples_ns: missing or empty, and no metrics", at))
	}
	for j, v := range r.SamplesNs {
		if msg := badValue(v); msg != "" {
			errs = append(errs, fmt.Errorf("%s: samples_ns[%d]: %s", at, j, msg))
		}
	}
	for _, f := range []struct {
		field string
		v     float64
	}{{"allocs_per_op", r.AllocsPerOp}, {"bytes_per_op", r.BytesPerOp}} {
		if msg := badValue(f.v); msg != "" {
			errs = append(errs, fmt.Errorf("%s: %s: %s", at, f.field, msg))
		}
	}
	if r.PointEstimate && len(r.SamplesNs) > 1 {
		errs = append(errs, fmt.Errorf("%s: point_estimate: %d samples_ns, want the one summary value", at, len(r.SamplesNs)))
	}
	if len(r.SamplesProcess) != 0 && len(r.SamplesProcess) != len(r.SamplesNs) {
		errs = append(errs, fmt.Errorf("%s: samples_process: %d entries for %d samples_ns", at, len(r.SamplesProcess), len(r.SamplesNs)))
	}
	for j, p := range r.SamplesProcess {
		if p < 0 {
			errs = append(errs, fmt.Errorf("%s: samples_process[%d]: negative", at, j))
		}
	}
	for _, key := range slices.Sorted(maps.Keys(r.Metrics)) {
		m := r.Metrics[key]
		mat := fmt.Sprintf("%s: metrics[%q]", at, key)
		if key == "" {
			errs = append(errs, fmt.Errorf("%s: empty metric name", mat))
		}
		if !utf8.ValidString(key) || !utf8.ValidString(m.Unit) {
			errs = append(errs, fmt.Errorf("%s: name or unit not valid UTF-8", mat))
		}
		if m.Unit == "" {
			errs = append(errs, fmt.Errorf("%s: unit: missing", mat))
		}
		if len(m.Samples) == 0 {
			errs = append(errs, fmt.Errorf("%s: samples: missing or empty", mat))
		}
		for j, v := range m.Samples {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				errs = append(errs, fmt.Errorf("%s: samples[%d]: not a finite number", mat, j))
			}
		}
		if m.Better != "" && m.Better != BetterHigher && m.Better != BetterLower {
			errs = append(errs, fmt.Errorf("%s: better: %q is not %s or %s", mat, m.Better, BetterHigher, BetterLower))
		}
		if len(m.SamplesProcess) != 0 && len(m.SamplesProcess) != len(m.Samples) {
			errs = append(errs, fmt.Errorf("%s: samples_process: %d entries for %d samples", mat, len(m.SamplesProcess), len(m.Samples)))
		}
	}
	if r.CostTotalUSD != "" {
		d, err := decimal.NewFromString(r.CostTotalUSD)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("%s: cost_total_usd: %q is not a decimal number", at, r.CostTotalUSD))
		case d.Exponent() < -maxCostExponent || d.Exponent() > maxCostExponent:
			// Comparing exactly rescales both sides to the smaller exponent: 1e-2000000000
			// would build a number of two billion digits.
			errs = append(errs, fmt.Errorf("%s: cost_total_usd: %q: exponent out of range (at most %d decimal places)", at, r.CostTotalUSD, maxCostExponent))
		}
	}
	return errs
}

// DisplayName is a benchmark name as error messages show it: quoted when it holds
// a character that is not printable, so that no name can break an error line and
// start one of its own (on a runner, a line "::command::" on stderr is executed).
func DisplayName(name string) string {
	if strings.IndexFunc(name, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0 {
		return strconv.Quote(name)
	}
	return name
}

// maxCostExponent bounds the decimal exponent of a cost checksum, either way.
const maxCostExponent = 100

// badValue describes why a measurement is unusable, or returns "".
func badValue(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "not a finite number"
	case v < 0:
		return "negative"
	}
	return ""
}
