package github

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/google/go-github/v62/github"
)

// Options configure NewClient.
type Options struct {
	APIURL     string       // GITHUB_API_URL; empty means the public API
	Repository string       // GITHUB_REPOSITORY, "owner/name"
	Token      string       // never printed; scrubbed from every error
	HTTPClient *http.Client // the base client; nil means a new one
	Retry      *RetryPolicy // nil means DefaultRetryPolicy
}

// Client is the GitHub implementation of GitHub on go-github.
type Client struct {
	gh          *github.Client
	blob        *http.Client // for signed download URLs: no Authorization header
	owner, repo string
	token       string
	policy      RetryPolicy
}

var _ GitHub = (*Client)(nil)

// NewClient returns a Client for opts.Repository. The API base URL comes from
// opts.APIURL, so that GitHub Enterprise and test servers work.
func NewClient(opts Options) (*Client, error) {
	owner, repo, ok := strings.Cut(opts.Repository, "/")
	if !ok || owner == "" || repo == "" || strings.Contains(repo, "/") {
		return nil, fmt.Errorf("GITHUB_REPOSITORY: want owner/name, got %q", opts.Repository)
	}
	policy := DefaultRetryPolicy()
	if opts.Retry != nil {
		policy = *opts.Retry
	}
	base := http.DefaultTransport
	var jar http.CookieJar
	if opts.HTTPClient != nil {
		jar = opts.HTTPClient.Jar
		if opts.HTTPClient.Transport != nil {
			base = opts.HTTPClient.Transport
		}
	}
	rt := &retryTransport{base: base, policy: policy}
	gh := github.NewClient(&http.Client{Transport: rt, Jar: jar})
	if opts.Token != "" {
		gh = gh.WithAuthToken(opts.Token)
	}
	if opts.APIURL != "" {
		u, err := url.Parse(strings.TrimSuffix(opts.APIURL, "/") + "/")
		if err != nil || u.Scheme == "" || u.Host == "" {
			return nil, fmt.Errorf("GITHUB_API_URL: not an absolute URL: %q", opts.APIURL)
		}
		gh.BaseURL = u
	}
	return &Client{gh: gh, blob: &http.Client{Transport: rt}, owner: owner, repo: repo, token: opts.Token, policy: policy}, nil
}

// FindComment implements GitHub, reading the comment list 100 at a time.
func (c *Client) FindComment(ctx context.Context, pr int, marker string) (*Comment, error) {
	opts := &github.IssueListCommentsOptions{ListOptions: github.ListOptions{PerPage: 100}}
	for {
		list, resp, err := c.gh.Issues.ListComments(ctx, c.owner, c.repo, pr, opts)
		if err != nil {
			return nil, c.fail("listing the comments of pull request #%d", pr, err)
		}
		for _, ic := range list {
			if hasMarker(ic.GetBody(), marker) {
				return toComment(ic), nil
			}
		}
		if resp.NextPage == 0 {
			return nil, nil
		}
		opts.Page = resp.NextPage
	}
}

// CreateComment implements GitHub.
func (c *Client) CreateComment(ctx context.Context, pr int, body string) (*Comment, error) {
	ic, _, err := c.gh.Issues.CreateComment(ctx, c.owner, c.repo, pr, &github.IssueComment{Body: &body})
	if err != nil {
		return nil, c.failWrite("commenting on pull request #%d", pr, err)
	}
	return toComment(ic), nil
}

// pause waits the policy's backoff before a create is tried again (see UpsertComment).
func (c *Client) pause(ctx context.Context, attempt int) error {
	return c.policy.Sleep(ctx, (&retryTransport{policy: c.policy}).backoff(attempt))
}

// EditComment implements GitHub.
func (c *Client) EditComment(ctx context.Context, id int64, body string) (*Comment, error) {
	ic, _, err := c.gh.Issues.EditComment(ctx, c.owner, c.repo, id, &github.IssueComment{Body: &body})
	if err != nil {
		return nil, c.failWrite("editing comment %d", id, err)
	}
	return toComment(ic), nil
}

func toComment(ic *github.IssueComment) *Comment {
	return &Comment{ID: ic.GetID(), Body: ic.GetBody(), URL: ic.GetHTMLURL()}
}

// maxListPages bounds the pages read by ListRuns and ListArtifacts: the newest
// 300 are plenty to find the latest baseline.
const maxListPages = 3

// PullRequestHead implements GitHub.
func (c *Client) PullRequestHead(ctx context.Context, pr int) (string, error) {
	p, _, err := c.gh.PullRequests.Get(ctx, c.owner, c.repo, pr)
	if err != nil {
		return "", c.fail("reading pull request #%d", pr, err)
	}
	return p.GetHead().GetSHA(), nil
}

// ListRuns implements GitHub.
func (c *Client) ListRuns(ctx context.Context, branch string) ([]Run, error) {
	opts := &github.ListWorkflowRunsOptions{Branch: branch, Status: "success", ListOptions: github.ListOptions{PerPage: 100}}
	var runs []Run
	for page := 0; page < maxListPages; page++ {
		list, resp, err := c.gh.Actions.ListRepositoryWorkflowRuns(ctx, c.owner, c.repo, opts)
		if err != nil {
			return nil, c.fail("listing the successful runs on branch %q", branch, err)
		}
		for _, r := range list.WorkflowRuns {
			runs = append(runs, Run{
				ID: r.GetID(), HeadBranch: r.GetHeadBranch(), HeadSHA: r.GetHeadSHA(), Event: r.GetEvent(),
				FromFork:  r.GetHeadRepository().GetID() != r.GetRepository().GetID(),
				CreatedAt: r.GetCreatedAt().Time, URL: r.GetHTMLURL(),
			})
		}
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	return runs, nil
}

// ListArtifacts implements GitHub. go-github v62 has no name filter for this
// endpoint, so the request is built here and decoded by go-github.
func (c *Client) ListArtifacts(ctx context.Context, name string) ([]Artifact, error) {
	var out []Artifact
	for page := 1; page <= maxListPages; page++ {
		q := url.Values{"name": {name}, "per_page": {"100"}, "page": {fmt.Sprint(page)}}
		req, err := c.gh.NewRequest(http.MethodGet, fmt.Sprintf("repos/%s/%s/actions/artifacts?%s", c.owner, c.repo, q.Encode()), nil)
		if err != nil {
			return nil, c.fail("listing the artifacts named %q", name, err)
		}
		var list github.ArtifactList
		resp, err := c.gh.Do(ctx, req, &list)
		if err != nil {
			return nil, c.fail("listing the artifacts named %q", name, err)
		}
		for _, a := range list.Artifacts {
			out = append(out, toArtifact(a))
		}
		if resp.NextPage == 0 {
			break
		}
	}
	return out, nil
}

func toArtifact(a *github.Artifact) Artifact {
	wr := a.GetWorkflowRun()
	return Artifact{
		ID: a.GetID(), Name: a.GetName(), SizeBytes: a.GetSizeInBytes(), Expired: a.GetExpired(),
		CreatedAt: a.GetCreatedAt().Time, RunID: wr.GetID(), HeadBranch: wr.GetHeadBranch(), HeadSHA: wr.GetHeadSHA(),
	}
}

// DownloadArtifact implements GitHub: the API answers with a redirect to a signed
// URL, fetched without the token.
func (c *Client) DownloadArtifact(ctx context.Context, id int64, maxBytes int64) ([]byte, error) {
	u, _, err := c.gh.Actions.DownloadArtifact(ctx, c.owner, c.repo, id, 1)
	if err != nil {
		return nil, c.fail("locating the archive of artifact %d", id, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, c.fail("downloading artifact %d", id, err)
	}
	resp, err := c.blob.Do(req)
	if err != nil {
		return nil, c.fail("downloading artifact %d", id, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, c.fail("downloading artifact %d", id, fmt.Errorf("HTTP %s", resp.Status))
	}
	if resp.ContentLength > maxBytes {
		return nil, fmt.Errorf("downloading artifact %d: %d bytes: %w (cap %d)", id, resp.ContentLength, ErrTooLarge, maxBytes)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBytes+1))
	if err != nil {
		return nil, c.fail("downloading artifact %d", id, err)
	}
	if int64(len(data)) > maxBytes {
		return nil, fmt.Errorf("downloading artifact %d: %w (cap %d bytes)", id, ErrTooLarge, maxBytes)
	}
	return data, nil
}

// fail wraps err with what was being done, scrubbed of secrets.
func (c *Client) fail(what string, arg any, err error) error {
	return c.scrub(fmt.Errorf(what+": %w", arg, err))
}

// failWrite is fail for writes, where a 403 or 404 means the token may not write
// (GitHub answers 404 rather than 403 to a token that may not see the target).
func (c *Client) failWrite(what string, arg any, err error) error {
	var er *github.ErrorResponse
	if errors.As(err, &er) && er.Response != nil {
		if s := er.Response.StatusCode; s == http.StatusForbidden || s == http.StatusNotFound {
			err = fmt.Errorf("%w (HTTP %d: %s)", ErrPermission, s, er.Message)
		}
	}
	return c.fail(what, arg, err)
}
