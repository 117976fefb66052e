package report

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/compare"
)

// TestFaultConsoleCannotIssueWorkflowCommands renders the console report (what
// `cost-ops-bench compare` prints, in a workflow step as anywhere) of results whose
// names are workflow commands: no output line may be one the Actions runner would
// execute (it trims leading white space before looking for "::").
func TestFaultConsoleCannotIssueWorkflowCommands(t *testing.T) {
	t.Parallel()
	base, err := bench.ReadFile(filepath.Join(fixtures, "base.json"))
	if err != nil {
		t.Fatal(err)
	}
	cur, err := bench.ReadFile(filepath.Join(fixtures, "current-regression.json"))
	if err != nil {
		t.Fatal(err)
	}
	hostile := []string{"::add-mask::secret", "x\n::error::spoofed", "  ::warning::indented", "y\r::stop-commands::abc"}
	b, c := cloneDoc(base), cloneDoc(cur)
	for i, name := range hostile {
		b.Results[i].Name, c.Results[i].Name = name, name
	}
	c.Results[len(hostile)].Name = "::notice::new" // a benchmark new in the current result
	var out bytes.Buffer
	if err := Console(&out, compare.Compare(b, c, compare.DefaultConfig())); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.FieldsFunc(out.String(), func(r rune) bool { return r == '\n' || r == '\r' }) {
		if strings.HasPrefix(strings.TrimLeft(line, " \t"), "::") {
			t.Errorf("the console report holds the workflow command line %q", line)
		}
	}
	if !strings.Contains(out.String(), "add-mask::secret") {
		t.Errorf("the hostile name is not shown at all:\n%s", out.String())
	}
}
