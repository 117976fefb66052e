package summary

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/report/text"
)

// Console writes the console summary of doc, in the seed's frame: version and
// timestamp, overall statistics, and the five fastest operations.
func Console(w io.Writer, doc *bench.Document) error {
	bw := bufio.NewWriter(w)
	s := doc.Summary
	fmt.Fprintln(bw, "=== BENCHMARK RESULTS SUMMARY ===")
	fmt.Fprintf(bw, "Version:   %s\n", doc.Version)
	fmt.Fprintf(bw, "Timestamp: %s\n", doc.Timestamp.UTC().Format(time.RFC3339))
	if h := doc.Harness; h != nil {
		fmt.Fprintf(bw, "Harness:   %s, %s clock\n", samplesOf(h), h.Clock)
	}
	fmt.Fprintln(bw)
	fmt.Fprintln(bw, "Overall Statistics:")
	fmt.Fprintf(bw, "  Total benchmarks:   %d\n", s.TotalBenchmarks)
	fmt.Fprintf(bw, "  Total iterations:   %s\n", count(s.TotalIterations))
	fmt.Fprintf(bw, "  Total duration:     %s\n", seconds(s.TotalDurationMs))
	if r := find(doc, s.FastestBenchmark); r != nil {
		fmt.Fprintf(bw, "  Fastest:            %s (%s/op)\n", r.Name, text.Duration(r.MedianNs))
	}
	if r := find(doc, s.SlowestBenchmark); r != nil {
		fmt.Fprintf(bw, "  Slowest:            %s (%s/op)\n", r.Name, text.Duration(r.MedianNs))
	}
	fmt.Fprintf(bw, "  95%% CI within %s: %d of %d\n", pct(NoisyPct), countPrecise(doc.Results), len(doc.Results))
	fmt.Fprintln(bw)
	fmt.Fprintln(bw, "Top 5 Fastest Operations:")
	for i, r := range fastest(doc.Results, 5) {
		fmt.Fprintf(bw, "  %d. %-32s %10s/op %7s %12s\n", i+1, r.Name, median(r), pct(r.CIHalfWidthPct()), throughput(r))
	}
	fmt.Fprintln(bw, "=================================")
	return bw.Flush()
}

// fastest returns the n timed results with the smallest median, fastest first
// (ties in document order).
func fastest(results []bench.Result, n int) []*bench.Result {
	var sorted []*bench.Result
	for i := range results {
		if timed(&results[i]) {
			sorted = append(sorted, &results[i])
		}
	}
	slices.SortStableFunc(sorted, func(a, b *bench.Result) int { return cmp.Compare(a.MedianNs, b.MedianNs) })
	return sorted[:min(n, len(sorted))]
}

// find returns the result named name, or nil.
func find(doc *bench.Document, name string) *bench.Result {
	for i := range doc.Results {
		if doc.Results[i].Name == name {
			return &doc.Results[i]
		}
	}
	return nil
}
