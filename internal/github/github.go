package github

import (
	"context"
	"errors"
	"time"
)

// GitHub is what the gate needs from GitHub. Client implements it against the REST
// API; tests implement it in memory.
type GitHub interface {
	// FindComment returns the first comment of pull request pr whose body starts
	// with marker, reading every page of the comment list, or nil when there is
	// none. A comment that merely quotes the marker is not the gate's.
	FindComment(ctx context.Context, pr int, marker string) (*Comment, error)
	// CreateComment posts a new comment on pull request pr.
	CreateComment(ctx context.Context, pr int, body string) (*Comment, error)
	// EditComment replaces the body of comment id.
	EditComment(ctx context.Context, id int64, body string) (*Comment, error)
	// ListRuns returns the successful workflow runs on branch, newest first.
	ListRuns(ctx context.Context, branch string) ([]Run, error)
	// ListArtifacts returns the repository's artifacts called name, newest first.
	ListArtifacts(ctx context.Context, name string) ([]Artifact, error)
	// ListRunArtifacts returns the artifacts of workflow run runID, in the order
	// GitHub lists them.
	ListRunArtifacts(ctx context.Context, runID int64) ([]Artifact, error)
	// DownloadArtifact returns the zip archive of artifact id, refusing archives
	// larger than maxBytes with ErrTooLarge.
	DownloadArtifact(ctx context.Context, id int64, maxBytes int64) ([]byte, error)
	// PullRequestHead returns the head commit SHA of pull request pr.
	PullRequestHead(ctx context.Context, pr int) (string, error)
}

// Comment is an issue or pull request comment.
type Comment struct {
	ID   int64
	Body string
	URL  string // the comment's page (html_url)
}

// Run is a workflow run.
type Run struct {
	ID         int64
	HeadBranch string
	HeadSHA    string
	Event      string
	// FromFork is true when the run's head repository is not the repository
	// itself: a fork's branch may carry any name, including the default branch's.
	FromFork  bool
	CreatedAt time.Time
	URL       string // the run's page (html_url)
}

// Artifact is a workflow artifact.
type Artifact struct {
	ID         int64
	Name       string
	SizeBytes  int64
	Expired    bool
	CreatedAt  time.Time
	RunID      int64
	HeadBranch string
	HeadSHA    string
}

// Errors the gate tells apart. Client wraps them with the call that failed.
var (
	// ErrPermission: the token may not do this (403 that is not a rate limit, or a
	// 404 on a write), as with the read-only token of a fork's pull request.
	ErrPermission = errors.New("the token lacks permission")
	// ErrNoArtifact: no usable artifact of that name exists.
	ErrNoArtifact = errors.New("no artifact found")
	// ErrTooLarge: a download or an archive member exceeds its size cap.
	ErrTooLarge = errors.New("too large")
)
