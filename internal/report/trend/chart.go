package trend

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/internal/history"
	"github.com/cost-ops-bench/cost-ops-bench/internal/report/text"
	analysis "github.com/cost-ops-bench/cost-ops-bench/internal/trend"
)

// Chart geometry, in SVG user units.
const (
	chartWidth  = 760
	chartHeight = 240
	padLeft     = 72
	padRight    = 16
	padTop      = 16
	padBottom   = 64
	maxXLabels  = 16
)

// chart is one series drawn: everything the template writes, computed here.
type chart struct {
	ID, Name, Metric, Unit string
	Width, Height          int
	Band                   string // polygon points of the interval band
	Line                   string // polyline points of the medians
	Points                 []chartPoint
	Segments               []chartLine // the median of each segment between change points
	Changes                []chartChange
	YTicks                 []chartTick
	XLabels                []chartTick
	PlotLeft, PlotRight    float64
	PlotTop, PlotBottom    float64
	Latest                 string
	Summary                string // the change points in words, or "no change point"
}

type chartPoint struct {
	X, Y  float64
	Title string
}

type chartLine struct{ X1, Y1, X2, Y2 float64 }

type chartChange struct {
	X, LabelY   float64
	Label       string
	Title       string
	Worse       bool
	LabelAnchor string
}

type chartTick struct {
	Pos   float64
	Label string
}

// newChart lays out series s.
func newChart(i int, s *analysis.Series) chart {
	c := chart{
		ID: fmt.Sprintf("s%d", i), Name: s.Name, Metric: s.Metric, Unit: s.Unit,
		Width: chartWidth, Height: chartHeight,
		PlotLeft: padLeft, PlotRight: chartWidth - padRight,
		PlotTop: padTop, PlotBottom: chartHeight - padBottom,
	}
	vs := s.Values
	lo, hi := yRange(vs)
	x := func(i int) float64 {
		if len(vs) == 1 {
			return (c.PlotLeft + c.PlotRight) / 2
		}
		return round1(c.PlotLeft + float64(i)*(c.PlotRight-c.PlotLeft)/float64(len(vs)-1))
	}
	y := func(v float64) float64 {
		return round1(c.PlotBottom - (v-lo)/(hi-lo)*(c.PlotBottom-c.PlotTop))
	}
	var band, line []string
	for i, v := range vs {
		band = append(band, pt(x(i), y(v.High)))
		line = append(line, pt(x(i), y(v.Median)))
		c.Points = append(c.Points, chartPoint{X: x(i), Y: y(v.Median), Title: pointTitle(s, v)})
	}
	for i := len(vs) - 1; i >= 0; i-- {
		band = append(band, pt(x(i), y(vs[i].Low)))
	}
	c.Band, c.Line = strings.Join(band, " "), strings.Join(line, " ")
	for _, t := range ticks(lo, hi) {
		c.YTicks = append(c.YTicks, chartTick{Pos: y(t), Label: tickLabel(s, t)})
	}
	step := (len(vs) + maxXLabels - 1) / maxXLabels
	for i := 0; i < len(vs); i += step {
		c.XLabels = append(c.XLabels, chartTick{Pos: x(i), Label: shortLabel(vs[i].Commit)})
	}
	start := 0
	for _, cp := range s.ChangePoints {
		c.Segments = append(c.Segments, chartLine{x(start), y(cp.Before), x(cp.Index - 1), y(cp.Before)})
		start = cp.Index
		cx := round1((x(cp.Index-1) + x(cp.Index)) / 2)
		anchor := "start"
		if cx > (c.PlotLeft+c.PlotRight)/2 {
			anchor = "end"
		}
		c.Changes = append(c.Changes, chartChange{
			X: cx, LabelY: c.PlotTop + 12, Label: Delta(s, cp), Worse: cp.Worse, LabelAnchor: anchor,
			Title: fmt.Sprintf("change point at %s: %s (%s → %s, %s)", ShortCommit(cp.Commit), Delta(s, cp), Value(s, cp.Before), Value(s, cp.After), PValue(cp.PValue)),
		})
	}
	if n := len(s.ChangePoints); n > 0 {
		last := s.ChangePoints[n-1]
		c.Segments = append(c.Segments, chartLine{x(start), y(last.After), x(len(vs) - 1), y(last.After)})
	}
	c.Latest = Value(s, vs[len(vs)-1].Median)
	c.Summary = changeSummary(s)
	return c
}

// yRange is the value range the chart shows: every interval, with a margin, and
// never a range of zero height.
func yRange(vs []analysis.Value) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range vs {
		lo, hi = math.Min(lo, math.Min(v.Low, v.Median)), math.Max(hi, math.Max(v.High, v.Median))
	}
	pad := (hi - lo) * 0.08
	if pad == 0 {
		pad = math.Max(math.Abs(hi)*0.1, 1)
	}
	lo, hi = lo-pad, hi+pad
	if lo < 0 && vs[0].Low >= 0 {
		lo = 0
	}
	return lo, hi
}

// ticks returns about five round values between lo and hi.
func ticks(lo, hi float64) []float64 {
	raw := (hi - lo) / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	var out []float64
	for t := math.Ceil(lo/step) * step; t <= hi; t += step {
		out = append(out, math.Round(t/step)*step)
	}
	return out
}

// tickLabel is a y-axis label: a duration for time, else the number alone (the
// unit is in the chart's heading), so that it fits left of the plot.
func tickLabel(s *analysis.Series, v float64) string {
	if s.Metric == history.MetricTime {
		return text.Duration(v)
	}
	return number(v)
}

// pointTitle is a point's hover text: commit, value with interval, date and runs.
func pointTitle(s *analysis.Series, v analysis.Value) string {
	t := fmt.Sprintf("%s · %s [%s, %s]", ShortCommit(v.Commit), Value(s, v.Median), Value(s, v.Low), Value(s, v.High))
	if !v.When.IsZero() {
		t += " · " + v.When.UTC().Format(time.DateTime) + " UTC"
	}
	if v.Runs > 1 {
		t += " · median of " + strconv.Itoa(v.Runs) + " runs"
	}
	return t
}

// changeSummary lists a series' change points in words.
func changeSummary(s *analysis.Series) string {
	if len(s.ChangePoints) == 0 {
		return "no change point"
	}
	parts := make([]string, len(s.ChangePoints))
	for i, cp := range s.ChangePoints {
		parts[i] = Delta(s, cp) + " at " + ShortCommit(cp.Commit)
	}
	return strings.Join(parts, ", ")
}

// shortLabel is the 7-digit commit label of the x axis.
func shortLabel(commit string) string {
	if commit == "" {
		return "?"
	}
	return commit[:min(7, len(commit))]
}

func pt(x, y float64) string {
	return strconv.FormatFloat(x, 'f', -1, 64) + "," + strconv.FormatFloat(y, 'f', -1, 64)
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }
