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

// TestSameWay: a step is on the bad side beyond the geometric midpoint of the
// change. The steps are from a run under load 28 whose benchmark did eight times
// the work from change e on: good measured +2392.8% against bad, and change e
// itself +936.8%, which a linear midpoint (+1196%) called good.
func TestSameWay(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		p, want float64
		bad     bool
	}{
		{936.8, 2392.8, true}, // change e: 10.4x of 24.9x
		{58.7, 2392.8, false}, // before e: noise
		{1414, 2392.8, true},  // after e
		{150, 700, false},     // 2.5x of 8x: below sqrt(8) = 2.83x
		{200, 700, true},      // 3x of 8x
		{-60, -75, true},      // 0.4x of 0.25x: an improvement, most of it
		{-20, -75, false},     // 0.8x of 0.25x
		{30, -50, false},      // the other way
		{0, 700, false},
	} {
		if got := sameWay(tc.p, tc.want); got != tc.bad {
			t.Errorf("sameWay(%+.1f%%, %+.1f%%) = %v, want %v", tc.p, tc.want, got, tc.bad)
		}
	}
}
