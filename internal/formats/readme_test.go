package formats

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestReadmeListsEveryFormat: the README's Input formats table has one row for
// each format the registry knows, and no other, each with the command that makes it.
func TestReadmeListsEveryFormat(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("^\\| `([a-z0-9-]+)` \\| (.+) \\| (.+) \\|$")
	var listed []string
	inTable := false
	for _, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(line, "| `--input-format` |"):
			inTable = true
		case !strings.HasPrefix(line, "|"):
			inTable = false
		case inTable && !strings.HasPrefix(line, "|:"):
			m := row.FindStringSubmatch(line)
			if m == nil {
				t.Errorf("README.md: not a format row: %s", line)
				continue
			}
			listed = append(listed, m[1])
			// The seed's system is not a tool one runs here: its row names it.
			if m[1] != "seed" && !strings.Contains(m[3], "`") {
				t.Errorf("README.md: format %s: no command that makes it (%s)", m[1], m[3])
			}
		}
	}
	want := Names()
	slices.Sort(listed)
	slices.Sort(want)
	if !slices.Equal(listed, want) {
		t.Errorf("README.md's Input formats table lists %q, the registry has %q", listed, want)
	}
}
