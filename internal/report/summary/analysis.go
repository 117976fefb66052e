package summary

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/report/text"
)

// family is the results of one group, in document order.
type family struct {
	name    string
	results []*bench.Result
}

// families groups results by Group, in the order groups first appear.
func families(results []bench.Result) []family {
	var out []family
	index := map[string]int{}
	for i := range results {
		r := &results[i]
		j, ok := index[r.Group]
		if !ok {
			j = len(out)
			index[r.Group] = j
			out = append(out, family{name: r.Group})
		}
		out[j].results = append(out[j].results, r)
	}
	return out
}

func writeAnalysis(w io.Writer, doc *bench.Document) {
	fmt.Fprintln(w, "\n## Performance Analysis")
	for _, f := range families(doc.Results) {
		name := f.name
		if name == "" {
			name = "ungrouped"
		}
		fmt.Fprintf(w, "\n### %s\n\n", text.EscapeName(name))
		best := 0.0 // the family's fastest median
		for _, r := range f.results {
			if timed(r) && (best == 0 || r.MedianNs < best) {
				best = r.MedianNs
			}
		}
		fmt.Fprintln(w, "| Benchmark | Median | vs fastest | Throughput (at median) | Allocs/op |")
		fmt.Fprintln(w, "|---|--:|--:|--:|--:|")
		for _, r := range f.results {
			vs := "–"
			if timed(r) {
				vs = ratio(r.MedianNs, best)
			}
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", text.CodeCell(r.Name), median(r),
				vs, throughput(r), trimFloat(r.AllocsPerOp))
		}
		notes := append(scaling(f.results), caveats(f.results)...)
		if len(notes) > 0 {
			fmt.Fprintln(w)
			for _, n := range notes {
				fmt.Fprintln(w, "- "+n)
			}
		}
	}
}

// ratio formats a median relative to the family's fastest: "1.00x", "3.42x".
func ratio(ns, best float64) string {
	if best <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.2fx", ns/best)
}

// scaling describes, for each series of results that differ only in batch size
// (name_100, name_1000, ...), how the time per record changes from the smallest
// batch to the largest: flat means the work scales linearly with the records.
func scaling(results []*bench.Result) []string {
	series := map[string][]*bench.Result{}
	var order []string
	for _, r := range results {
		stem, ok := batchStem(r)
		if !ok {
			continue
		}
		if series[stem] == nil {
			order = append(order, stem)
		}
		series[stem] = append(series[stem], r)
	}
	var notes []string
	for _, stem := range order {
		s := series[stem]
		if len(s) < 2 {
			continue
		}
		slices.SortFunc(s, func(a, b *bench.Result) int { return cmp.Compare(a.BatchSize, b.BatchSize) })
		lo, hi := s[0], s[len(s)-1]
		change := 100 * (hi.MedianNs - lo.MedianNs) / lo.MedianNs
		notes = append(notes, fmt.Sprintf("%s: per record, %s at batch %d and %s at batch %d (%+.1f%%).",
			text.Code(stem+"_*"), text.Duration(lo.MedianNs), lo.BatchSize, text.Duration(hi.MedianNs), hi.BatchSize, change))
	}
	return notes
}

// batchStem returns the name of r without its "_<batch size>" suffix.
func batchStem(r *bench.Result) (string, bool) {
	suffix := "_" + strconv.Itoa(r.BatchSize)
	if r.BatchSize <= 1 || !strings.HasSuffix(r.Name, suffix) {
		return "", false
	}
	return strings.TrimSuffix(r.Name, suffix), true
}

// caveats names, in one note, the results whose interval is wider than ±NoisyPct,
// then lists the statistical warnings of the samples.
func caveats(results []*bench.Result) []string {
	var noisyNames, notes []string
	for _, r := range results {
		if noisy(r) {
			noisyNames = append(noisyNames, fmt.Sprintf("%s (%s)", text.Code(r.Name), pct(r.CIHalfWidthPct())))
		}
		for _, msg := range r.Warnings {
			notes = append(notes, fmt.Sprintf("⚠️ %s: %s.", text.Code(r.Name), msg))
		}
	}
	if len(noisyNames) == 0 {
		return notes
	}
	noise := fmt.Sprintf("⚠️ Noisy (95%% interval wider than %s of the median): %s; rerun on a quieter machine or with more samples.",
		pct(NoisyPct), strings.Join(noisyNames, ", "))
	return append([]string{noise}, notes...)
}
