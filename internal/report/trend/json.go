package trend

import (
	"encoding/json"
	"io"

	analysis "github.com/cost-ops-bench/cost-ops-bench/internal/trend"
)

// JSON writes the report as indented JSON: {"runs", "benchmarks": [{"name",
// "metric", "unit", "points", "change_points": [{"commit", "delta_pct", "p_value",
// ...}], "values": [...]}]}.
func JSON(w io.Writer, r *analysis.Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
