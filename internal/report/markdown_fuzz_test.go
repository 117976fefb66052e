package report

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/compare"
)

// allowedTags are the HTML tags the report writes itself, and "< " of its text.
var allowedTags = []string{"<details>", "</details>", "<summary>", "</summary>", "<sub>", "</sub>", "<br>", "<!--", "< "}

var rawReference = regexp.MustCompile(`#[0-9]|(?i)gh-[0-9]|(?i)www\.`)

// checkReportInert fails t when a markdown report holds a mention, a reference, an
// auto-link, HTML the report did not write itself, or a table row whose cells do not
// line up with its table's header.
func checkReportInert(t *testing.T, md string) {
	t.Helper()
	for i := 0; i < len(md); i++ {
		switch md[i] {
		case '@':
			if !strings.HasPrefix(md[i+1:], "\u200d") {
				t.Fatalf("raw @ at %d: %q", i, around(md, i))
			}
		case '<':
			ok := false
			for _, tag := range allowedTags {
				ok = ok || strings.HasPrefix(md[i:], tag)
			}
			if !ok {
				t.Fatalf("raw HTML at %d: %q", i, around(md, i))
			}
		}
	}
	if loc := rawReference.FindStringIndex(md); loc != nil {
		t.Fatalf("auto-link or reference at %d: %q", loc[0], around(md, loc[0]))
	}
	cells := -1
	for _, line := range strings.Split(md, "\n") {
		if !strings.HasPrefix(line, "|") {
			cells = -1
			continue
		}
		n := unescapedPipes(line)
		if cells >= 0 && n != cells {
			t.Fatalf("table row with %d cell borders, header has %d: %q", n, cells, line)
		}
		cells = n
	}
}

func around(s string, i int) string { return s[max(0, i-40):min(len(s), i+40)] }

func unescapedPipes(line string) int {
	n := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '|':
			n++
		}
	}
	return n
}

// FuzzMarkdownReportInert puts hostile text where untrusted input reaches the
// report (benchmark names of both documents, new and missing ones, and the machine
// description of the baseline) and checks the whole rendered markdown stays inert.
func FuzzMarkdownReportInert(f *testing.F) {
	f.Add("@octocat #1 <b>x</b>", "GH-2 www.x.io | a\nb", "AMD @team")
	f.Add("single_cost_calculation", "x\x00@y", "cpu\r\n| x |")
	f.Add("`a`|[b](c)", "1. *", "<script>")
	base, err := bench.ReadFile(filepath.Join(fixtures, "base.json"))
	if err != nil {
		f.Fatal(err)
	}
	cur, err := bench.ReadFile(filepath.Join(fixtures, "current-regression.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, both, newName, cpu string) {
		if both == "" || newName == "" || both == newName {
			return
		}
		b, c := cloneDoc(base), cloneDoc(cur)
		b.Results[0].Name, c.Results[0].Name = both, both
		c.Results[1].Name = newName // new in current; baseline's second goes missing
		if b.Results[0].Name == b.Results[1].Name || dupName(c, newName) || dupName(b, both) {
			return
		}
		b.Environment.CPUModel = cpu
		md := MarkdownString(compare.Compare(b, c, compare.DefaultConfig()), MarkdownOptions{})
		checkReportInert(t, md)
	})
}

func cloneDoc(d *bench.Document) *bench.Document {
	out := *d
	out.Results = append([]bench.Result(nil), d.Results...)
	return &out
}

// dupName reports whether name is on two results of d.
func dupName(d *bench.Document, name string) bool {
	n := 0
	for _, r := range d.Results {
		if r.Name == name {
			n++
		}
	}
	return n > 1
}
