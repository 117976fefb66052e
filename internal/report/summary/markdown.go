package summary

import (
	"bufio"
	"fmt"
	"io"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/report/text"
)

// Markdown writes summary.md for doc: metadata, overall statistics, the detailed
// results table, and the performance analysis grouped by family. It is GitHub
// flavoured Markdown.
func Markdown(w io.Writer, doc *bench.Document) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# Benchmark Results Summary")
	writeMetadata(bw, doc)
	writeOverall(bw, doc)
	writeDetails(bw, doc)
	writeAnalysis(bw, doc)
	return bw.Flush()
}

func writeMetadata(w io.Writer, doc *bench.Document) {
	env := doc.Environment
	cpu := env.CPUModel
	if cpu == "" {
		cpu = "unknown"
	}
	fmt.Fprintln(w, "\n## Metadata")
	fmt.Fprintln(w, "\n| Field | Value |\n|---|---|")
	fmt.Fprintf(w, "| Version | %s |\n", text.EscapeName(doc.Version))
	fmt.Fprintf(w, "| Timestamp | %s |\n", doc.Timestamp.UTC().Format(time.RFC3339))
	fmt.Fprintf(w, "| Go | %s |\n", text.EscapeName(env.GoVersion))
	fmt.Fprintf(w, "| OS / arch | %s / %s |\n", text.EscapeName(env.OS), text.EscapeName(env.Arch))
	fmt.Fprintf(w, "| CPU | %s (%d CPUs) |\n", text.EscapeName(cpu), env.CPUCount)
	if h := doc.Harness; h != nil {
		fmt.Fprintf(w, "| Measurement | %d samples of %gms per benchmark, timed with the %s clock; %g%% confidence intervals |\n",
			h.Samples, h.SampleTimeMs, text.EscapeName(h.Clock), h.Confidence*100)
	}
	fmt.Fprintf(w, "| Schema version | %d |\n", doc.SchemaVersion)
}

func writeOverall(w io.Writer, doc *bench.Document) {
	s := doc.Summary
	fmt.Fprintln(w, "\n## Overall Statistics")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "- **Benchmarks:** %d\n", s.TotalBenchmarks)
	fmt.Fprintf(w, "- **Total iterations:** %s\n", count(s.TotalIterations))
	fmt.Fprintf(w, "- **Total duration:** %s\n", seconds(s.TotalDurationMs))
	if r := find(doc, s.FastestBenchmark); r != nil {
		fmt.Fprintf(w, "- **Fastest:** %s (%s/op)\n", text.Code(r.Name), text.Duration(r.MedianNs))
	}
	if r := find(doc, s.SlowestBenchmark); r != nil {
		fmt.Fprintf(w, "- **Slowest:** %s (%s/op)\n", text.Code(r.Name), text.Duration(r.MedianNs))
	}
	fmt.Fprintf(w, "- **Precision:** %d of %d medians known to %s (95%% confidence interval)\n",
		countPrecise(doc.Results), len(doc.Results), pct(NoisyPct))
}

func writeDetails(w io.Writer, doc *bench.Document) {
	fmt.Fprintln(w, "\n## Detailed Results")
	fmt.Fprintln(w, "\nTimes are per operation (one usage record, or one lookup): the median of the samples and its 95% confidence interval. "+
		"**±** is the larger distance from the median to an end of the interval; ⚠️ marks intervals wider than "+pct(NoisyPct)+". "+
		"Throughput counts operations per second at the median time. Allocations are counted exactly. **Cost** is the money one iteration of the workload prices: "+
		"a checksum that changes only when the engine computes a different amount.")
	fmt.Fprintln(w, "\n| Benchmark | Group | Batch | Median | 95% CI | ± | Throughput (at median) | Allocs/op | B/op | Samples | Cost (USD) |")
	fmt.Fprintln(w, "|---|---|--:|--:|---|--:|--:|--:|--:|--:|--:|")
	for i := range doc.Results {
		r := &doc.Results[i]
		fmt.Fprintf(w, "| %s | %s | %d | %s | %s – %s | %s%s | %s | %s | %s | %d | %s |\n",
			text.CodeCell(r.Name), text.EscapeName(r.Group), r.BatchSize, text.Duration(r.MedianNs), text.Duration(r.CILowNs),
			text.Duration(r.CIHighNs), pct(r.CIHalfWidthPct()), noisyMark(r), throughput(r), trimFloat(r.AllocsPerOp),
			trimFloat(r.BytesPerOp), len(r.SamplesNs), costCell(r.CostTotalUSD))
	}
}

func noisyMark(r *bench.Result) string {
	if noisy(r) {
		return " ⚠️"
	}
	return ""
}

func costCell(c string) string {
	if c == "" {
		return "–"
	}
	return c
}
