package text

import (
	"math"
	"strconv"
)

// Duration formats nanoseconds with three significant digits and a unit: 88.0ns,
// 950ns, 1.23µs, 12.3ms, 1.50s. A value that rounds up to the next unit is written
// in it (999.96ns is 1.00µs). NaN is "?", an infinity "∞".
func Duration(ns float64) string {
	switch {
	case math.IsNaN(ns):
		return "?"
	case math.IsInf(ns, 0):
		return "∞"
	}
	units := []struct {
		scale float64
		name  string
	}{{1, "ns"}, {1e3, "µs"}, {1e6, "ms"}, {1e9, "s"}}
	i := 0
	for i+1 < len(units) && math.Abs(ns) >= units[i+1].scale {
		i++
	}
	s := sig3(ns / units[i].scale)
	if i+1 < len(units) && (s == "1000" || s == "-1000") { // rounded up into the next unit
		s = sig3(ns / units[i+1].scale)
		i++
	}
	return s + units[i].name
}

// sig3 formats v with three significant digits, trailing zeros kept so that
// columns line up.
func sig3(v float64) string {
	switch a := math.Abs(v); {
	case a < 9.995:
		return strconv.FormatFloat(v, 'f', 2, 64)
	case a < 99.95:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'f', 0, 64)
}
