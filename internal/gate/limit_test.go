package gate

import (
	"encoding/json"
	"fmt"
	"github.com/cost-ops-bench/cost-ops-bench/internal/report/text"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// writeLargeDoc writes a document of n benchmarks with long names, median scaled.
func writeLargeDoc(t *testing.T, path string, n int, scale float64) {
	t.Helper()
	doc := bench.Document{SchemaVersion: bench.SchemaVersion, Version: "0.1.0"}
	for i := 0; i < n; i++ {
		m := 1000 * scale
		doc.Results = append(doc.Results, bench.Result{
			Name:      fmt.Sprintf("family_%04d/a_rather_long_benchmark_name_to_fill_the_table_@team", i),
			SamplesNs: []float64{m, m * 1.001, m * 0.999, m * 1.002, m * 0.998, m, m * 1.001, m * 0.999},
			MedianNs:  m, BatchSize: 1,
		})
	}
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	mustWrite(t, path, string(data))
}

func TestCommentFitsGitHubLimit(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "pull_request", prEvent)
	base, cur := filepath.Join(h.dir, "base.json"), filepath.Join(h.dir, "cur.json")
	writeLargeDoc(t, base, 3000, 1)
	writeLargeDoc(t, cur, 3000, 1.5)
	out, err := h.run(h.settings(base, cur))
	if err != nil {
		t.Fatal(err)
	}
	if out.Counts.Failing != 3000 {
		t.Errorf("failing = %d, want 3000", out.Counts.Failing)
	}
	body := h.gh.comments[0].Body
	if n := utf8.RuneCountInString(body); n > text.CommentLimit {
		t.Errorf("comment has %d characters, over GitHub's %d", n, text.CommentLimit)
	}
	if !strings.Contains(body, "not shown") {
		t.Errorf("the cut comment does not say rows were left out:\n%s", body[len(body)-2000:])
	}
	if strings.Contains(body, "@team") {
		t.Errorf("a benchmark name mentions a team")
	}
	full, err := os.ReadFile(out.ReportPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(full) <= len(body) {
		t.Errorf("the report file (%d bytes) should hold the full report, longer than the comment (%d)", len(full), len(body))
	}
}
