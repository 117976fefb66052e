package cli

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var exitComment = regexp.MustCompile(`^# exit (\d)`)

// TestReadmeCostGateCommands runs the commands of the README's cost gate section as
// written (from the repository's root) and checks the exit code and the text that
// the comment under each one promises.
func TestReadmeCostGateCommands(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, sec, ok := strings.Cut(string(data), "\n## The cost gate: comparing usage logs\n")
	if !ok {
		t.Fatal("README.md has no cost gate section")
	}
	_, block, _ := strings.Cut(sec, "```sh\n")
	block, _, _ = strings.Cut(block, "```")
	lines := strings.Split(strings.ReplaceAll(block, "\\\n", ""), "\n")
	ran := 0
	for i := 0; i < len(lines); i++ {
		cmd, ok := strings.CutPrefix(lines[i], "cost-ops-bench ")
		if !ok {
			continue
		}
		if i+1 >= len(lines) || exitComment.FindStringSubmatch(lines[i+1]) == nil {
			t.Errorf("README: %q is not followed by its # exit N comment", lines[i])
			continue
		}
		want, _ := strconv.Atoi(exitComment.FindStringSubmatch(lines[i+1])[1])
		args := strings.Fields(cmd)
		for j, a := range args {
			if strings.HasPrefix(a, "testdata/") {
				args[j] = "../../" + a
			}
		}
		stdout, stderr, code := runCLI(t, args...)
		if code != want {
			t.Errorf("README: %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", lines[i], code, want, stdout, stderr)
		}
		// The words the comment quotes after "exit N: " appear in the output.
		for _, quoted := range regexp.MustCompile(`(classify|summarize|gpt-4o-mini-2024-07-18|\+23\.07%|prompt 1899 → 2420 \(\+27\.5%\)|claude-sonnet-4-20250514 ×40)`).FindAllString(lines[i+1]+lines[min(i+2, len(lines)-1)], -1) {
			if !strings.Contains(strings.ReplaceAll(stdout, "\u200d", ""), quoted) { // markdown breaks digit runs with a zero-width joiner
				t.Errorf("README: %s: the output lacks %q", lines[i], quoted)
			}
		}
		ran++
	}
	if ran < 4 {
		t.Errorf("ran %d commands of the README's cost gate section, want 4", ran)
	}
}
