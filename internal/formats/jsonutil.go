package formats

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// decodeJSON decodes the input's JSON into v (unknown fields allowed: tools add
// fields between versions), with errors naming the file, the line and format.
func decodeJSON(in *Input, format string, v any) error {
	data := in.Text()
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(v); err != nil {
		var syntax *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syntax):
			return fmt.Errorf("%s:%d: %s: invalid JSON: %w", in.Name, bench.LineAt(data, syntax.Offset), format, err)
		case errors.As(err, &typ):
			return fmt.Errorf("%s:%d: %s: %s: %w", in.Name, bench.LineAt(data, typ.Offset), format, typ.Field, err)
		case errors.Is(err, io.EOF):
			return fmt.Errorf("%s: %s: empty file", in.Name, format)
		case errors.Is(err, io.ErrUnexpectedEOF):
			return fmt.Errorf("%s: %s: truncated JSON document: %w", in.Name, format, err)
		}
		return fmt.Errorf("%s: %s: %w", in.Name, format, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return fmt.Errorf("%s:%d: %s: unexpected data after the JSON document", in.Name, bench.LineAt(data, dec.InputOffset()), format)
	}
	return nil
}

// document assembles the document a reader built and validates it; validation
// errors name the file and the format.
func document(in *Input, format, version string, at time.Time, env bench.Environment, results []bench.Result) (*bench.Document, error) {
	if len(results) == 0 {
		return nil, fmt.Errorf("%s: %s: no benchmark results", in.Name, format)
	}
	doc := bench.NewDocument(version, at, env, results, 0)
	if err := bench.Validate(&doc, in.Name+": "+format); err != nil {
		return nil, err
	}
	return &doc, nil
}

// timeZero is the timestamp of a document whose tool did not say when it ran.
var timeZero time.Time

// unitNs is the number of nanoseconds in one of each time unit the tools write.
var unitNs = map[string]float64{
	"ns": 1, "us": 1e3, "µs": 1e3, "μs": 1e3, "ms": 1e6, "s": 1e9,
}
