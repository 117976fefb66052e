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
		fmt.Fprintf(w, "| Measurement | %s per benchmark, timed with the %s clock; %g%% confidence intervals |\n",
			text.EscapeName(samplesOf(h)), text.EscapeName(h.Clock), h.Confidence*100)
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
		fmt.Fprintf(w, "- **Fastest:** %s (%s/op)\n", text.Code(r.Name), median(r))
	}
	if r := find(doc, s.SlowestBenchmark); r != nil {
		fmt.Fprintf(w, "- **Slowest:** %s (%s/op)\n", text.Code(r.Name), median(r))
	}
	fmt.Fprintf(w, "- **Precision:** %d of %d medians known to %s (95%% confidence interval)\n",
		countPrecise(doc.Results), len(doc.Results), pct(NoisyPct))
}

func writeDetails(w io.Writer, doc *bench.Document) {
	cost, other := hasCost(doc.Results), anyOtherMetrics(doc.Results)
	fmt.Fprintln(w, "\n## Detailed Results")
	intro := "\nTimes are per operation (one b.N iteration)"
	if cost {
		intro = "\nTimes are per operation (one usage record, or one lookup)"
	}
	intro += ": the median of the samples and its 95% confidence interval. " +
		"**±** is the larger distance from the median to an end of the interval; ⚠️ marks intervals wider than " + pct(NoisyPct) + ". " +
		"Throughput counts operations per second at the median time."
	if cost {
		intro += " Allocations are counted exactly."
	} else {
		intro += " Allocations and bytes are go test's figures per operation."
	}
	if other {
		intro += " **Other metrics** are the medians of the benchmark's further units (instructions counted under valgrind, units the benchmark reports)."
	}
	if cost {
		intro += " **Cost** is the money one iteration of the workload prices: a checksum that changes only when the engine computes a different amount."
	}
	fmt.Fprintln(w, intro)
	header, align := "| Benchmark | Group | Batch | Median | 95% CI | ± | Throughput (at median) | Allocs/op | B/op | Samples |", "|---|---|--:|--:|---|--:|--:|--:|--:|--:|"
	if other {
		header, align = header+" Other metrics |", align+"--:|"
	}
	if cost {
		header, align = header+" Cost (USD) |", align+"--:|"
	}
	fmt.Fprintln(w, "\n"+header)
	fmt.Fprintln(w, align)
	for i := range doc.Results {
		r := &doc.Results[i]
		interval, half := "–", "–"
		if timed(r) {
			interval = text.Duration(r.CILowNs) + " – " + text.Duration(r.CIHighNs)
			half = pct(r.CIHalfWidthPct()) + noisyMark(r)
		}
		fmt.Fprintf(w, "| %s | %s | %d | %s | %s | %s | %s | %s | %s | %d |",
			text.CodeCell(r.Name), text.EscapeName(r.Group), r.BatchSize, median(r), interval, half,
			throughput(r), trimFloat(r.AllocsPerOp), trimFloat(r.BytesPerOp), len(r.SamplesNs))
		if other {
			fmt.Fprintf(w, " %s |", costCell(text.EscapeName(otherMetrics(r))))
		}
		if cost {
			fmt.Fprintf(w, " %s |", costCell(r.CostTotalUSD))
		}
		fmt.Fprintln(w)
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
