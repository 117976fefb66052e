package trend

import (
	_ "embed"
	"html/template"
	"io"

	analysis "github.com/cost-ops-bench/cost-ops-bench/internal/trend"
)

//go:embed dashboard.html.tmpl
var dashboardSource string

var dashboard = template.Must(template.New("dashboard").Parse(dashboardSource))

// HTML writes the dashboard: one self-contained page (inline CSS and SVG, no script,
// font or image from anywhere) with a chart per series: the medians with their
// interval band over the commits, each segment's median, the change points marked,
// and each point's commit, value and date as its hover title. Series with change
// points come first. It reads the same from GitHub Pages and from a file.
func HTML(w io.Writer, r *analysis.Report) error {
	data := struct {
		Headline string
		Runs     int
		Charts   []chart
	}{Headline: headline(r), Runs: r.Runs}
	for _, changed := range []bool{true, false} {
		for i := range r.Benchmarks {
			s := &r.Benchmarks[i]
			if (len(s.ChangePoints) > 0) == changed {
				data.Charts = append(data.Charts, newChart(len(data.Charts), s))
			}
		}
	}
	return dashboard.Execute(w, data)
}
