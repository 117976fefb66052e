package github

import (
	"context"
	"strings"
	"testing"
)

func TestPullRequestHead(t *testing.T) {
	t.Parallel()
	reg := newRegistry(t)
	reg.on("GET", "/api/v3/repos/octo/repo/pulls/34", 200, `{"number":34,"head":{"sha":"feedface"}}`).withCheck(wantAuth)
	c := newTestClient(t, reg, nil)
	got, err := c.PullRequestHead(context.Background(), 34)
	if err != nil {
		t.Fatal(err)
	}
	if got != "feedface" {
		t.Errorf("PullRequestHead = %q, want %q", got, "feedface")
	}
}

func TestPullRequestHeadNotFoundNamesThePullRequest(t *testing.T) {
	t.Parallel()
	reg := newRegistry(t)
	reg.on("GET", "/api/v3/repos/octo/repo/pulls/35", 404, `{"message":"Not Found"}`)
	c := newTestClient(t, reg, nil)
	_, err := c.PullRequestHead(context.Background(), 35)
	if err == nil || !strings.Contains(err.Error(), "pull request #35") || strings.Contains(err.Error(), testToken) {
		t.Errorf("err = %v, want one naming pull request #35 and never the token", err)
	}
}
