package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
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
	fmt.Fprintf(w, "| Version | %s |\n", cell(doc.Version))
	fmt.Fprintf(w, "| Timestamp | %s |\n", doc.Timestamp.UTC().Format(time.RFC3339))
	fmt.Fprintf(w, "| Go | %s |\n", cell(env.GoVersion))
	fmt.Fprintf(w, "| OS / arch | %s / %s |\n", cell(env.OS), cell(env.Arch))
	fmt.Fprintf(w, "| CPU | %s (%d CPUs) |\n", cell(cpu), env.CPUCount)
	if h := doc.Harness; h != nil {
		fmt.Fprintf(w, "| Measurement | %d samples of %gms per benchmark, timed with the %s clock; %g%% confidence intervals |\n",
			h.Samples, h.SampleTimeMs, cell(h.Clock), h.Confidence*100)
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
		fmt.Fprintf(w, "- **Fastest:** `%s` (%s/op)\n", r.Name, perOp(r.MedianNs))
	}
	if r := find(doc, s.SlowestBenchmark); r != nil {
		fmt.Fprintf(w, "- **Slowest:** `%s` (%s/op)\n", r.Name, perOp(r.MedianNs))
	}
	fmt.Fprintf(w, "- **Precision:** %d of %d medians known to %s (95%% confidence interval)\n",
		countPrecise(doc.Results), len(doc.Results), pct(NoisyPct))
}

func writeDetails(w io.Writer, doc *bench.Document) {
	fmt.Fprintln(w, "\n## Detailed Results")
	fmt.Fprintln(w, "\nTimes are per operation (one usage record, or one lookup): the median of the samples and its 95% confidence interval. "+
		"**±** is the larger distance from the median to an end of the interval; ⚠️ marks intervals wider than "+pct(NoisyPct)+". "+
		"Throughput counts operations per second. Allocations are counted exactly. **Cost** is the money one iteration of the workload prices: "+
		"a checksum that changes only when the engine computes a different amount.")
	fmt.Fprintln(w, "\n| Benchmark | Group | Batch | Median | 95% CI | ± | Throughput | Allocs/op | B/op | Samples | Cost (USD) |")
	fmt.Fprintln(w, "|---|---|--:|--:|---|--:|--:|--:|--:|--:|--:|")
	for i := range doc.Results {
		r := &doc.Results[i]
		fmt.Fprintf(w, "| `%s` | %s | %d | %s | %s – %s | %s%s | %s | %s | %s | %d | %s |\n",
			r.Name, cell(r.Group), r.BatchSize, perOp(r.MedianNs), perOp(r.CILowNs), perOp(r.CIHighNs),
			pct(r.CIHalfWidthPct()), noisyMark(r), rate(r.ThroughputPerSec), trimFloat(r.AllocsPerOp),
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

// cell escapes text for a Markdown table cell.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}
