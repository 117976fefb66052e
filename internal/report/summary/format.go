package summary

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/report/text"
)

// NoisyPct is the half-width of a confidence interval, in percent of the median,
// beyond which a result is flagged as noisy: its median is not known to ±3%.
const NoisyPct = 3.0

// noisy reports whether r's interval is wider than ±NoisyPct.
func noisy(r *bench.Result) bool { return timed(r) && r.CIHalfWidthPct() > NoisyPct }

// countPrecise counts the results whose interval is within ±NoisyPct.
func countPrecise(results []bench.Result) int {
	n := 0
	for i := range results {
		if !noisy(&results[i]) {
			n++
		}
	}
	return n
}

// throughput is the operations per second at r's median time per operation (the
// seed field throughput_per_sec is 1/mean, which one slow sample can drag down).
func throughput(r *bench.Result) string {
	if !timed(r) {
		return "–"
	}
	return rate(1e9 / r.MedianNs)
}

// timed reports whether r has time samples: a go test benchmark that reports
// only its own units (b.ReportMetric(0, "ns/op")) has none.
func timed(r *bench.Result) bool { return r.MedianNs > 0 }

// median formats r's median time, or "–" when r has no time.
func median(r *bench.Result) string {
	if !timed(r) {
		return "–"
	}
	return text.Duration(r.MedianNs)
}

// samplesOf describes how the harness took each benchmark's samples: "10 samples
// of 200ms", "3 samples of -benchtime 1000x", "3 samples".
func samplesOf(h *bench.HarnessInfo) string {
	switch {
	case h.SampleTimeMs > 0:
		return fmt.Sprintf("%d samples of %gms", h.Samples, h.SampleTimeMs)
	case h.BenchTime != "":
		return fmt.Sprintf("%d samples of -benchtime %s", h.Samples, h.BenchTime)
	}
	return fmt.Sprintf("%d samples", h.Samples)
}

// hasCost reports whether any result carries the cost checksum of the built-in
// suite's workloads.
func hasCost(results []bench.Result) bool {
	for i := range results {
		if results[i].CostTotalUSD != "" {
			return true
		}
	}
	return false
}

// otherMetrics lists r's metrics beside time, allocations and bytes (instructions,
// a tool's own units) as "486.1 instructions/op; 35.2 MB/s", in key order; "" when
// there are none.
func otherMetrics(r *bench.Result) string {
	var parts []string
	for _, key := range slices.Sorted(maps.Keys(r.Metrics)) {
		if key == bench.MetricAllocations || key == bench.MetricBytes {
			continue
		}
		m := r.Metrics[key]
		parts = append(parts, sig(m.Median)+" "+m.Unit)
	}
	return strings.Join(parts, "; ")
}

// anyOtherMetrics reports whether some result has a metric otherMetrics lists.
func anyOtherMetrics(results []bench.Result) bool {
	for i := range results {
		if otherMetrics(&results[i]) != "" {
			return true
		}
	}
	return false
}

// pct formats a half-width: "±0.8%".
func pct(p float64) string { return fmt.Sprintf("±%.1f%%", p) }

// rate formats a throughput with an SI prefix and four significant digits:
// "35.60M/s".
func rate(perSec float64) string {
	for _, u := range []struct {
		prefix string
		scale  float64
	}{{"G", 1e9}, {"M", 1e6}, {"k", 1e3}} {
		if perSec >= u.scale {
			return sig(perSec/u.scale) + u.prefix + "/s"
		}
	}
	return sig(perSec) + "/s"
}

// sig formats v with four significant digits, trailing zeros kept.
func sig(v float64) string {
	decimals := 3
	for a := math.Abs(v); a >= 10 && decimals > 0; a /= 10 {
		decimals--
	}
	return strconv.FormatFloat(v, 'f', decimals, 64)
}

// count formats an integer with thousands separators: "1,234,567".
func count(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 && c != '-' && s[i-1] != '-' {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// trimFloat formats an exact per-op figure such as allocs/op without noise:
// "0", "5", "1.0002".
func trimFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// seconds formats milliseconds as seconds: "41.23 s".
func seconds(ms float64) string { return fmt.Sprintf("%.2f s", ms/1000) }
