package trend

import (
	"bytes"
	"crypto/sha1"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/internal/goldenfile"
	"github.com/cost-ops-bench/cost-ops-bench/internal/history"
	analysis "github.com/cost-ops-bench/cost-ops-bench/internal/trend"
)

// fixtureReport analyses a synthetic store: "parse_config" 25% slower at commit 12
// and one allocation more at 16, "steady" flat, "throughput" a rate that drops 20%
// at commit 8, and a name that tries to break out of the page.
func fixtureReport(t testing.TB, n int) *analysis.Report {
	t.Helper()
	var runs []history.Stored
	for i := range n {
		rng := rand.New(rand.NewPCG(uint64(i), 3))
		noisy := func(v float64) float64 { return math.Round(v*(1+0.01*rng.NormFloat64())*100) / 100 }
		slow, allocs, rate := 1.0, 3.0, 500.0
		if i >= 12 {
			slow = 1.25
		}
		if i >= 16 {
			allocs = 4
		}
		if i >= 8 {
			rate = 400
		}
		p := func(b, m, u string, v float64) history.Point {
			return history.Point{Benchmark: b, Metric: m, Unit: u, Median: v, Low: v * 0.97, High: v * 1.03}
		}
		ns, r := noisy(1500*slow), noisy(rate)
		runs = append(runs, history.Stored{Run: history.Run{
			FormatVersion: history.FormatVersion,
			Commit:        fmt.Sprintf("%x", sha1.Sum([]byte{byte(i)})),
			CommittedAt:   time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * 6 * time.Hour),
			Timestamp:     time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i)*6*time.Hour + time.Minute),
			Points: []history.Point{
				p("parse_config", "time", "ns/op", ns),
				{Benchmark: "parse_config", Metric: "allocs", Unit: "allocs/op", Median: allocs, Low: allocs, High: allocs},
				p("steady", "time", "ns/op", noisy(80)),
				p("throughput", "write", "MB/s", r),
				p(`x</svg><script>alert(1)</script>`, "time", "ns/op", noisy(9e6)),
			},
		}})
	}
	rep, err := analysis.Analyze(runs, analysis.AnalyzeOptions{Recent: 10})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestHTMLGolden(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := HTML(&b, fixtureReport(t, 24)); err != nil {
		t.Fatal(err)
	}
	goldenfile.Check(t, filepath.Join("testdata", "dashboard.html.golden"), b.Bytes())
}

// TestHTMLSelfContained: nothing is loaded from anywhere, no script runs, and text
// from the store is escaped.
func TestHTMLSelfContained(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := HTML(&b, fixtureReport(t, 24)); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, bad := range []string{"<script", "src=", "@import", "url(", "<link", "http://", "https://"} {
		if strings.Contains(strings.ReplaceAll(page, `xmlns="http://www.w3.org/2000/svg"`, ""), bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	if !strings.Contains(page, "x&lt;/svg&gt;&lt;script&gt;") {
		t.Error("the hostile benchmark name is not escaped")
	}
	if got := strings.Count(page, "<svg "); got != 5 {
		t.Errorf("%d charts, want 5", got)
	}
}

func TestMarkdownGolden(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := Markdown(&b, fixtureReport(t, 24)); err != nil {
		t.Fatal(err)
	}
	goldenfile.Check(t, filepath.Join("testdata", "trend.md.golden"), b.Bytes())
}

func TestMermaidGolden(t *testing.T) {
	t.Parallel()
	rep := fixtureReport(t, 40)
	var b bytes.Buffer
	for i := range rep.Benchmarks {
		if err := Mermaid(&b, &rep.Benchmarks[i], 20); err != nil {
			t.Fatal(err)
		}
	}
	got := b.String()
	if strings.Count(got, "```mermaid") != len(rep.Benchmarks) || strings.Count(got, "```") != 2*len(rep.Benchmarks) {
		t.Errorf("fences do not balance:\n%s", got)
	}
	if strings.Contains(got, "<script") || strings.Contains(got, `"x</`) {
		t.Errorf("hostile name not reduced:\n%s", got)
	}
	goldenfile.Check(t, filepath.Join("testdata", "mermaid.golden"), []byte(got))
}

func TestEmptyReport(t *testing.T) {
	t.Parallel()
	rep := &analysis.Report{Benchmarks: []analysis.Series{}}
	var h, m bytes.Buffer
	if err := HTML(&h, rep); err != nil {
		t.Fatal(err)
	}
	if err := Markdown(&m, rep); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.String(), "the store is empty") || !strings.Contains(h.String(), "the store is empty") {
		t.Errorf("empty store not said:\n%s\n%s", m.String(), h.String())
	}
}

func TestFlaggedSectionGolden(t *testing.T) {
	t.Parallel()
	rep := fixtureReport(t, 40)
	got := FlaggedSection(rep, []Flag{
		{Name: "parse_config", CurrentNs: 2400},
		{Name: "not_in_the_store", CurrentNs: 5},
		{Name: "steady"},
	}, 12)
	if strings.Count(got, "```mermaid") != 2 || !strings.Contains(got, `"current"`) {
		t.Errorf("want two charts, the first with the current point:\n%s", got)
	}
	goldenfile.Check(t, filepath.Join("testdata", "flagged.golden"), []byte(got))
	if FlaggedSection(rep, []Flag{{Name: "nope"}}, 12) != "" {
		t.Error("a section without any chart")
	}
}
