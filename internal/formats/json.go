package formats

import "github.com/cost-ops-bench/cost-ops-bench/bench"

// resultJSON is the program's own result document (schema_version 1), read
// strictly by bench.DecodeJSON: unknown fields are refused.
type resultJSON struct{}

func (resultJSON) Name() string { return "json" }

// Detect accepts a JSON object with schema_version, or one whose results carry
// samples_ns (a document that lost its schema_version is still ours, and is
// refused for it by name).
func (resultJSON) Detect(in *Input) bool {
	return in.HasKey("schema_version") || in.firstItemHas("results", "samples_ns")
}

func (resultJSON) Read(in *Input) (*bench.Document, error) { return bench.DecodeJSON(in.Data, in.Name) }
