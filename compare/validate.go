package compare

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/shopspring/decimal"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// parseJSON decodes a result JSON document strictly (unknown fields are refused, so a
// misspelt field in a hand-edited baseline cannot pass unnoticed) and validates it.
func parseJSON(data []byte, name string) (*bench.Document, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var doc bench.Document
	if err := dec.Decode(&doc); err != nil {
		return nil, jsonError(data, name, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s:%d: unexpected data after the JSON document", name, lineAt(data, dec.InputOffset()))
	}
	if err := validate(&doc, name); err != nil {
		return nil, err
	}
	return &doc, nil
}

// jsonError adds the file name and, when the decoder knows it, the line to err.
func jsonError(data []byte, name string, err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return fmt.Errorf("%s:%d: invalid JSON: %w", name, lineAt(data, syntax.Offset), err)
	case errors.As(err, &typ):
		return fmt.Errorf("%s:%d: %s: %w", name, lineAt(data, typ.Offset), typ.Field, err)
	case errors.Is(err, io.EOF):
		return fmt.Errorf("%s: empty file", name)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%s: truncated JSON document: %w", name, err)
	}
	return fmt.Errorf("%s: %w", name, err)
}

// lineAt returns the 1-based line of byte offset off in data.
func lineAt(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// validate checks what the comparison relies on, collecting every problem. Each
// error names the file, the result (index and name) and the field.
func validate(doc *bench.Document, name string) error {
	if doc.SchemaVersion != bench.SchemaVersion {
		if doc.SchemaVersion == 0 {
			return fmt.Errorf("%s: schema_version: missing, want %d", name, bench.SchemaVersion)
		}
		return fmt.Errorf("%s: schema_version: %d is not supported, want %d", name, doc.SchemaVersion, bench.SchemaVersion)
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
		at = fmt.Sprintf("%s (%s)", at, displayName(r.Name))
		if j, dup := seen[r.Name]; dup {
			errs = append(errs, fmt.Errorf("%s: name: duplicate of results[%d]", at, j))
		}
		seen[r.Name] = i
		errs = append(errs, validateResult(r, at)...)
	}
	return errors.Join(errs...)
}

// validateResult checks one result's samples, exact metrics and cost checksum.
func validateResult(r *bench.Result, at string) []error {
	var errs []error
	if len(r.SamplesNs) == 0 {
		errs = append(errs, fmt.Errorf("%s: samples_ns: missing or empty", at))
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

// displayName is a benchmark name as error messages show it: quoted when it holds
// a character that is not printable, so that no name can break an error line and
// start one of its own (on a runner, a line "::command::" on stderr is executed).
func displayName(name string) string {
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
