package bisect

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"testing"
)

func gitRun(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(cmd.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// history makes a repository of n empty commits and returns their hashes.
func history(t *testing.T, n int) (string, []string) {
	dir := t.TempDir()
	gitRun(t, dir, "init", "--quiet", "--initial-branch=main")
	var hs []string
	for i := range n {
		gitRun(t, dir, "commit", "--quiet", "--allow-empty", "--no-gpg-sign", "-m", fmt.Sprintf("commit %d", i))
		hs = append(hs, gitRun(t, dir, "rev-parse", "HEAD"))
	}
	return dir, hs
}

// TestRunFindsCulprit: with a fake measurement (commits from the culprit on are 30%
// slower, with some noise), every culprit position is found in log2 steps.
func TestRunFindsCulprit(t *testing.T) {
	t.Parallel()
	dir, hs := history(t, 12)
	for culprit := 1; culprit < 12; culprit++ {
		index := map[string]int{}
		for i, h := range hs {
			index[h] = i
		}
		measured := 0
		m := func(_ context.Context, good, c string) (float64, bool, error) {
			measured++
			if good != hs[0] {
				t.Fatalf("measured against %s, not good", good)
			}
			if index[c] >= culprit {
				return 30 + float64(index[c]%3), true, nil
			}
			return float64(index[c]%3) - 1, false, nil
		}
		var log bytes.Buffer
		res, err := Run(context.Background(), dir, hs[0], hs[11], m, &log)
		if err != nil {
			t.Fatal(err)
		}
		if res.Culprit != hs[culprit] || res.Subject != fmt.Sprintf("commit %d", culprit) {
			t.Errorf("culprit %d: found %s (%q)\n%s", culprit, res.Culprit, res.Subject, log.String())
		}
		if measured > 1+4 { // the change, then ceil(log2(11)) steps
			t.Errorf("culprit %d: %d measurements, want at most 5", culprit, measured)
		}
		if !strings.Contains(log.String(), "step 1:") {
			t.Errorf("no step printed:\n%s", log.String())
		}
	}
}

func TestRunErrors(t *testing.T) {
	t.Parallel()
	dir, hs := history(t, 3)
	none := func(context.Context, string, string) (float64, bool, error) { return 0.5, false, nil }
	if _, err := Run(context.Background(), dir, hs[0], hs[2], none, nil); !errors.Is(err, ErrNoChange) {
		t.Errorf("no change: %v, want ErrNoChange", err)
	}
	some := func(context.Context, string, string) (float64, bool, error) { return 20, true, nil }
	for _, tc := range []struct{ good, bad, want string }{
		{hs[2], hs[0], "not an ancestor"},
		{hs[1], hs[1], "same commit"},
		{"nope", hs[1], `--good: "nope"`},
		{hs[0], "--exec", `--bad: "--exec"`},
	} {
		if _, err := Run(context.Background(), dir, tc.good, tc.bad, some, nil); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("good %s bad %s: %v, want %q", tc.good, tc.bad, err, tc.want)
		}
	}
}
