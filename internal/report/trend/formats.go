package trend

import (
	"io"

	"github.com/cost-ops-bench/cost-ops-bench/internal/report"
	analysis "github.com/cost-ops-bench/cost-ops-bench/internal/trend"
)

// Formats is the registry of the trend report's formats on stdout (`trend
// --format`), the one place to add one. The dashboard (HTML) is a file of its own.
var Formats = report.Registry[*analysis.Report]{
	report.NewFormat("markdown", false, func(w io.Writer, r *analysis.Report, _ report.Options) error { return Markdown(w, r) }),
	report.NewFormat("json", false, func(w io.Writer, r *analysis.Report, _ report.Options) error { return JSON(w, r) }),
}
