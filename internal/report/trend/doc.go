// Package trend renders a trend analysis (internal/trend's Report) for people and
// machines: the JSON report of `trend --format json`, the markdown of `trend
// --format markdown`, the self-contained HTML dashboard of `trend --output DIR`
// (inline SVG charts, no script or font from anywhere else), and the small mermaid
// xychart-beta of a benchmark that the gate's PR comment and job summary show.
//
// Values are written in their unit: times through text.Duration, other units with
// three significant digits. Commits are written short (12 hex digits), in code
// spans in markdown, so that GitHub neither links nor mangles them.
package trend
