package trend

import (
	"io"

	analysis "github.com/cost-ops-bench/cost-ops-bench/internal/trend"
)

// HTML writes the dashboard. (Placeholder until the chart lands.)
func HTML(w io.Writer, r *analysis.Report) error {
	_, err := io.WriteString(w, "<!doctype html><title>trends</title>\n")
	return err
}
