package trend

import (
	"fmt"
	"math"
	"strconv"

	"github.com/cost-ops-bench/cost-ops-bench/internal/history"
	"github.com/cost-ops-bench/cost-ops-bench/internal/report/text"
	analysis "github.com/cost-ops-bench/cost-ops-bench/internal/trend"
)

// ShortCommit is a commit hash as every report shows it (text.Commit), or
// "(unknown)" for none.
func ShortCommit(c string) string {
	switch {
	case c == "":
		return "(unknown)"
	}
	return text.Commit(c)
}

// Value formats v in the series' unit: a duration for time ("1.23µs"), else three
// significant digits and the unit ("3 allocs/op", "1.52e+03 B/op").
func Value(s *analysis.Series, v float64) string {
	if s.Metric == history.MetricTime {
		return text.Duration(v)
	}
	return number(v) + " " + s.Unit
}

// number writes v with three significant digits, without an exponent below a
// million: 499, 1520, 0.0123.
func number(v float64) string {
	if v == 0 {
		return "0"
	}
	if math.Abs(v) >= 1e6 {
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
	scale := math.Pow(10, 2-math.Floor(math.Log10(math.Abs(v))))
	return strconv.FormatFloat(math.Round(v*scale)/scale, 'f', -1, 64)
}

// Delta is a change point's size: "+20.1%", or "0 → 3 allocs/op" when the value
// before was 0 (no percentage).
func Delta(s *analysis.Series, cp analysis.ChangePoint) string {
	if cp.DeltaPct == nil {
		return Value(s, cp.Before) + " → " + Value(s, cp.After)
	}
	return fmt.Sprintf("%+.1f%%", *cp.DeltaPct)
}

// PValue is a change point's p-value: "p=0.0004", "p<0.0001".
func PValue(p float64) string {
	if p < 0.0001 {
		return "p<0.0001"
	}
	return "p=" + strconv.FormatFloat(p, 'f', 4, 64)
}
