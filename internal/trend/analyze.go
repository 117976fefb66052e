package trend

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/internal/history"
	"github.com/cost-ops-bench/cost-ops-bench/internal/stats"
)

// Report is the trend analysis of a store: one Series per benchmark and metric.
type Report struct {
	// Runs is the number of runs read from the store.
	Runs int `json:"runs"`
	// Recent is the number of newest points in which a change point counts as
	// recent (AnalyzeOptions.Recent); 0 when not asked.
	Recent int `json:"recent,omitempty"`
	// Benchmarks are the series, sorted by benchmark then metric (time first).
	Benchmarks []Series `json:"benchmarks"`
}

// Series is one benchmark's history of one metric, a point per commit, and its
// change points.
type Series struct {
	Name         string        `json:"name"`
	Metric       string        `json:"metric"`
	Unit         string        `json:"unit"`
	Points       int           `json:"points"`
	ChangePoints []ChangePoint `json:"change_points"`
	Values       []Value       `json:"values"`
}

// Value is a series' point: the commit measured and the median of what its runs
// measured, with the interval.
type Value struct {
	Commit string    `json:"commit"`
	When   time.Time `json:"when"`
	Median float64   `json:"median"`
	Low    float64   `json:"low"`
	High   float64   `json:"high"`
	// Runs is how many runs of the commit the point merges (their medians').
	Runs int `json:"runs"`
}

// ChangePoint is a commit at which a series changed: the first commit of the new
// segment.
type ChangePoint struct {
	Commit string `json:"commit"`
	// Index is the point's place in Series.Values.
	Index int `json:"index"`
	// DeltaPct is the change of the segment medians in percent of Before; null when
	// Before is 0.
	DeltaPct *float64 `json:"delta_pct"`
	PValue   float64  `json:"p_value"`
	Before   float64  `json:"before"`
	After    float64  `json:"after"`
	// Worse reports a change for the worse: an increase, except for a rate (a unit
	// per second), where it is a decrease.
	Worse bool `json:"worse"`
	// Recent reports a change point in the newest Report.Recent points.
	Recent bool `json:"recent,omitempty"`
}

// AnalyzeOptions configure Analyze.
type AnalyzeOptions struct {
	Detect Options
	// Match keeps the benchmarks whose name it accepts; nil keeps all.
	Match func(name string) bool
	// Metrics keeps the named metrics; none keeps all.
	Metrics []string
	// Recent marks change points among the newest Recent points; 0 marks none.
	Recent int
}

// Analyze builds every series of runs (oldest first, as history.Load returns them)
// and finds its change points. Series whose every value is 0 (no allocations, say)
// are left out: there is nothing to see.
func Analyze(runs []history.Stored, o AnalyzeOptions) (*Report, error) {
	if o.Recent < 0 {
		return nil, fmt.Errorf("recent: %d: want 0 or more points", o.Recent)
	}
	rep := &Report{Runs: len(runs), Recent: o.Recent, Benchmarks: []Series{}}
	for _, s := range collect(runs, o) {
		if allZero(s.Values) {
			continue
		}
		xs := make([]float64, len(s.Values))
		for i, v := range s.Values {
			xs[i] = v.Median
		}
		splits, err := Detect(xs, o.Detect)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", s.Name, s.Metric, err)
		}
		s.ChangePoints = make([]ChangePoint, 0, len(splits))
		for _, sp := range splits {
			s.ChangePoints = append(s.ChangePoints, changePoint(s, sp, o.Recent))
		}
		rep.Benchmarks = append(rep.Benchmarks, *s)
	}
	return rep, nil
}

// changePoint describes split sp of series s.
func changePoint(s *Series, sp Split, recent int) ChangePoint {
	cp := ChangePoint{
		Commit: s.Values[sp.Index].Commit,
		Index:  sp.Index,
		PValue: sp.PValue,
		Before: sp.Before,
		After:  sp.After,
		Recent: recent > 0 && sp.Index >= len(s.Values)-recent,
	}
	if d := sp.DeltaPct(); !math.IsInf(d, 0) {
		cp.DeltaPct = &d
	}
	cp.Worse = sp.After > sp.Before
	if isRate(s.Unit) {
		cp.Worse = !cp.Worse
	}
	return cp
}

// isRate reports whether unit is per second, where more is better (MB/s, ops/s).
func isRate(unit string) bool { return strings.HasSuffix(unit, "/s") }

// collect groups the points of runs into series, one value per commit: the runs of
// one commit (adjacent, being ordered by commit time) merge into the median of
// their medians, lows and highs. Runs of an unknown commit are a value each.
func collect(runs []history.Stored, o AnalyzeOptions) []*Series {
	type key struct{ name, metric string }
	byKey := map[key]*Series{}
	pending := map[key][]history.Point{} // the current commit's points of each series
	var order []key
	flush := func(k key, commit string, when time.Time) {
		ps := pending[k]
		if len(ps) == 0 {
			return
		}
		s := byKey[k]
		s.Values = append(s.Values, merge(ps, commit, when))
		s.Points = len(s.Values)
		pending[k] = nil
	}
	for i, r := range runs {
		for _, p := range r.Points {
			if (o.Match != nil && !o.Match(p.Benchmark)) || (len(o.Metrics) > 0 && !slices.Contains(o.Metrics, p.Metric)) {
				continue
			}
			k := key{p.Benchmark, p.Metric}
			if byKey[k] == nil {
				byKey[k] = &Series{Name: p.Benchmark, Metric: p.Metric, Unit: p.Unit}
				order = append(order, k)
			}
			byKey[k].Unit = p.Unit // the newest run's unit
			pending[k] = append(pending[k], p)
		}
		last := i == len(runs)-1
		if last || r.Commit == "" || runs[i+1].Commit != r.Commit {
			for _, k := range order {
				flush(k, r.Commit, r.When())
			}
		}
	}
	slices.SortFunc(order, func(a, b key) int {
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		return compareMetrics(a.metric, b.metric)
	})
	out := make([]*Series, len(order))
	for i, k := range order {
		out[i] = byKey[k]
	}
	return out
}

// compareMetrics orders time first, then allocations, bytes, and the rest by name.
func compareMetrics(a, b string) int {
	rank := func(m string) int {
		switch m {
		case history.MetricTime:
			return 0
		case history.MetricAllocs:
			return 1
		case history.MetricBytes:
			return 2
		}
		return 3
	}
	if c := rank(a) - rank(b); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

// merge is the value of one commit's points.
func merge(ps []history.Point, commit string, when time.Time) Value {
	col := func(f func(history.Point) float64) float64 {
		xs := make([]float64, len(ps))
		for i, p := range ps {
			xs[i] = f(p)
		}
		return stats.Median(xs)
	}
	return Value{
		Commit: commit,
		When:   when,
		Median: col(func(p history.Point) float64 { return p.Median }),
		Low:    col(func(p history.Point) float64 { return p.Low }),
		High:   col(func(p history.Point) float64 { return p.High }),
		Runs:   len(ps),
	}
}

func allZero(vs []Value) bool {
	for _, v := range vs {
		if v.Median != 0 || v.Low != 0 || v.High != 0 {
			return false
		}
	}
	return true
}
