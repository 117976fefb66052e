package samerunner

import (
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func TestMissingRevision(t *testing.T) {
	t.Parallel()
	repo := newGitRepo(t)
	repo.commit("work", fixtureFiles("100"))
	tests := []struct {
		name, rev string
	}{
		{"unknown branch", "no-such-branch"},
		{"unknown commit", "0123456789abcdef0123456789abcdef01234567"},
		{"option-like", "--all"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			opts := goTestOptions(t, repo.dir, tt.rev, 2)
			_, err := Run(context.Background(), opts)
			var rerr *RevisionError
			if !errors.As(err, &rerr) || rerr.Rev != tt.rev || rerr.Shallow {
				t.Fatalf("Run error = %v, want a *RevisionError for %q in a full clone", err, tt.rev)
			}
			for _, want := range []string{tt.rev, "fetch-depth: 0", "baseline"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not mention %q", err, want)
				}
			}
			repo.assertClean(opts.tempDir)
		})
	}
}

func TestRevisionMissingFromShallowClone(t *testing.T) {
	t.Parallel()
	repo := newGitRepo(t)
	first := repo.commit("work", fixtureFiles("100"))
	repo.commit("more work", map[string]string{"size.go": fixtureSize("200")})
	shallow := &gitRepo{t: t, dir: t.TempDir()}
	cmd := exec.Command("git", "clone", "--quiet", "--depth=1", "file://"+repo.dir, shallow.dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("shallow clone: %v\n%s", err, out)
	}

	opts := goTestOptions(t, shallow.dir, first, 2)
	_, err := Run(context.Background(), opts)
	var rerr *RevisionError
	if !errors.As(err, &rerr) || !rerr.Shallow {
		t.Fatalf("Run error = %v, want a *RevisionError that says the clone is shallow", err)
	}
	if !strings.Contains(err.Error(), "shallow") || !strings.Contains(err.Error(), "fetch-depth: 0") {
		t.Errorf("error %q does not explain the shallow clone and fetch-depth", err)
	}
}

func TestCancelRemovesWorktree(t *testing.T) {
	t.Parallel()
	repo := newGitRepo(t)
	base := repo.commit("work", fixtureFiles("100"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opts := goTestOptions(t, repo.dir, base, 4)
	steps := 0
	opts.afterStep = func(Step, func()) {
		if steps++; steps == 1 {
			cancel()
		}
	}

	_, err := Run(ctx, opts)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run error = %v, want context.Canceled", err)
	}
	if steps != 1 {
		t.Errorf("%d steps ran, want none after the cancellation", steps)
	}
	repo.assertClean(opts.tempDir)
}

func TestBudgetCutsTheRunShort(t *testing.T) {
	t.Parallel()
	repo := newGitRepo(t)
	base := repo.commit("work", fixtureFiles("100"))
	opts := goTestOptions(t, repo.dir, base, 5)
	opts.Budget = time.Hour
	opts.afterStep = func(st Step, expire func()) {
		if st.Round == 2 && st.Side == Current { // round 2 runs B A: the budget ends mid-round
			expire()
		}
	}

	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatalf("Run: %v (a budget that runs out keeps what finished)", err)
	}
	repo.assertClean(opts.tempDir)
	if !res.CutShort || res.RoundsDone != 1 || res.Rounds != 5 || len(res.Order) != 3 {
		t.Fatalf("cut short %v, rounds %d of %d, %d steps; want cut short after 1 of 5 rounds and 3 steps",
			res.CutShort, res.RoundsDone, res.Rounds, len(res.Order))
	}
	// Round 2 finished on the current side only: its sample must not count.
	for _, s := range []SideResult{res.Baseline, res.Current} {
		if r := result(t, s.Doc, "Work"); r == nil || len(r.SamplesNs) != 1 {
			t.Errorf("%s: %v, want Work with the one sample of round 1", s.Side, s.Doc.Results)
		}
	}
	// What the report says of it (package report) is in its golden files.
	if res.Budget != time.Hour {
		t.Errorf("budget %v, want the 1h the run was given, for the report to name", res.Budget)
	}
}

func TestBudgetTooSmallForTheBuilds(t *testing.T) {
	t.Parallel()
	repo := newGitRepo(t)
	base := repo.commit("work", fixtureFiles("100"))
	opts := goTestOptions(t, repo.dir, base, 2)
	opts.Budget = time.Nanosecond

	_, err := Run(context.Background(), opts)
	if err == nil || !strings.Contains(err.Error(), "time budget 1ns ran out while") {
		t.Fatalf("Run error = %v, want the budget named as the cause", err)
	}
	repo.assertClean(opts.tempDir)
}
