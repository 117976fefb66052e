package gate

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/cost-ops-bench/cost-ops-bench/internal/github"
)

// fakeGitHub is github.GitHub in memory, with faults to inject.
type fakeGitHub struct {
	mu        sync.Mutex
	comments  []github.Comment
	runs      []github.Run
	artifacts []github.Artifact
	zips      map[int64][]byte
	heads     map[int]string // pull request number -> head SHA
	writeErr  error          // returned by CreateComment and EditComment
	calls     []string
}

var _ github.GitHub = (*fakeGitHub)(nil)

func (f *fakeGitHub) record(format string, args ...any) {
	f.calls = append(f.calls, fmt.Sprintf(format, args...))
}

func (f *fakeGitHub) PullRequestHead(_ context.Context, pr int) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("pr %d", pr)
	head, ok := f.heads[pr]
	if !ok {
		return "", fmt.Errorf("reading pull request #%d: 404 Not Found", pr)
	}
	return head, nil
}

func (f *fakeGitHub) FindComment(_ context.Context, pr int, marker string) (*github.Comment, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("find %d", pr)
	for _, c := range f.comments {
		if strings.HasPrefix(c.Body, marker) {
			return &c, nil
		}
	}
	return nil, nil
}

func (f *fakeGitHub) CreateComment(_ context.Context, pr int, body string) (*github.Comment, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("create %d", pr)
	if f.writeErr != nil {
		return nil, f.writeErr
	}
	id := int64(100 + len(f.comments))
	c := github.Comment{ID: id, Body: body, URL: fmt.Sprintf("https://github.test/octo/repo/pull/%d#issuecomment-%d", pr, id)}
	f.comments = append(f.comments, c)
	return &c, nil
}

func (f *fakeGitHub) EditComment(_ context.Context, id int64, body string) (*github.Comment, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("edit %d", id)
	if f.writeErr != nil {
		return nil, f.writeErr
	}
	for i := range f.comments {
		if f.comments[i].ID == id {
			f.comments[i].Body = body
			c := f.comments[i]
			return &c, nil
		}
	}
	return nil, fmt.Errorf("comment %d: not found", id)
}

func (f *fakeGitHub) ListRuns(_ context.Context, branch string) ([]github.Run, error) {
	f.record("runs %s", branch)
	return f.runs, nil
}

func (f *fakeGitHub) ListArtifacts(_ context.Context, name string) ([]github.Artifact, error) {
	f.record("artifacts %s", name)
	return f.artifacts, nil
}

func (f *fakeGitHub) ListRunArtifacts(_ context.Context, runID int64) ([]github.Artifact, error) {
	f.record("run artifacts %d", runID)
	var out []github.Artifact
	for _, a := range f.artifacts {
		if a.RunID == runID {
			out = append(out, a)
		}
	}
	return out, nil
}

func (f *fakeGitHub) DownloadArtifact(_ context.Context, id int64, maxBytes int64) ([]byte, error) {
	f.record("download %d", id)
	z, ok := f.zips[id]
	if !ok {
		return nil, fmt.Errorf("artifact %d: not found", id)
	}
	if int64(len(z)) > maxBytes {
		return nil, github.ErrTooLarge
	}
	return z, nil
}
