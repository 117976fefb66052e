package gate

import (
	"context"
	"errors"
	"fmt"

	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"github.com/cost-ops-bench/cost-ops-bench/internal/github"
	"github.com/cost-ops-bench/cost-ops-bench/internal/report"
	"github.com/cost-ops-bench/cost-ops-bench/internal/report/text"
)

// gh holds the lazily created GitHub client.
type gh struct {
	deps     Deps
	settings validated
	ev       event
	c        github.GitHub
}

func (g *gh) client() (github.GitHub, error) {
	if g.c != nil {
		return g.c, nil
	}
	if g.settings.GitHubToken == "" {
		return nil, fmt.Errorf("%w: set the github-token input", errNoToken)
	}
	newGH := g.deps.NewGitHub
	if newGH == nil {
		newGH = func(o github.Options) (github.GitHub, error) { return github.NewClient(o) }
	}
	c, err := newGH(github.Options{APIURL: g.ev.APIURL, Repository: g.ev.Repository, Token: g.settings.GitHubToken})
	if err != nil {
		return nil, err
	}
	g.c = c
	return c, nil
}

// comment keeps the sticky comment up to date as the comment input says, and
// returns its URL ("" when there is none). Failures become warning annotations:
// the job summary already carries the report, and the verdict decides the exit.
func (g *gh) comment(ctx context.Context, page *report.Page) string {
	policy := g.settings.Comment
	if g.ev.PR == 0 || policy == CommentNever {
		return ""
	}
	if !g.prMatchesRun(ctx) {
		return ""
	}
	p := *page
	p.Comment = true
	body, err := p.Markdown(text.CommentLimit - len(github.Marker(g.settings.Key)) - 1)
	if err == nil {
		var c *github.Comment
		required := p.NoBaseline != nil && p.NoBaseline.Required // no baseline fails the gate
		c, err = g.upsert(ctx, github.Marker(g.settings.Key)+"\n"+body, policy == CommentAlways || p.Verdict() == compare.VerdictRegression || required)
		if err == nil {
			return commentURL(c)
		}
	}
	if errors.Is(err, github.ErrPermission) {
		g.deps.Action.Warningf("cost-ops-bench: the token cannot comment on pull request #%d (a fork's read-only token?); the report is in the job summary", g.ev.PR)
		return ""
	}
	g.deps.Action.Warningf("cost-ops-bench: the pull request comment was not posted: %s; the report is in the job summary",
		github.Scrub(err.Error(), g.settings.GitHubToken))
	return ""
}

// upsert edits the gate's comment, or creates one when create is true. With
// create false (on-regression and no regression) an earlier comment is still
// updated, so it never shows a regression that is gone.
func (g *gh) upsert(ctx context.Context, body string, create bool) (*github.Comment, error) {
	client, err := g.client()
	if err != nil {
		return nil, err
	}
	marker := github.Marker(g.settings.Key)
	if create {
		c, _, err := github.UpsertComment(ctx, client, g.ev.PR, marker, body)
		return c, err
	}
	old, err := client.FindComment(ctx, g.ev.PR, marker)
	if err != nil || old == nil {
		return nil, err
	}
	if old.Body == body {
		return old, nil
	}
	return client.EditComment(ctx, old.ID, body)
}

func commentURL(c *github.Comment) string {
	if c == nil {
		return ""
	}
	return c.URL
}

// prMatchesRun guards the workflow_run pattern for forks: there the pull request
// number comes from the pr-number input, which the fork's own workflow produced, so
// a fork could name another pull request and overwrite its gate comment. The gate
// comments only when that pull request's head is the commit the triggering run
// measured; otherwise it warns and leaves the report in the job summary.
func (g *gh) prMatchesRun(ctx context.Context) bool {
	if g.ev.Name != "workflow_run" || !g.ev.PROverridden {
		return true
	}
	refuse := func(why string) bool {
		g.deps.Action.Warningf("cost-ops-bench: not commenting on pull request #%d: %s; the report is in the job summary", g.ev.PR, why)
		return false
	}
	if g.ev.RunHeadSHA == "" {
		return refuse("the workflow_run event names no head commit to check the pull request against")
	}
	client, err := g.client()
	if err != nil {
		return refuse(github.Scrub(err.Error(), g.settings.GitHubToken))
	}
	head, err := client.PullRequestHead(ctx, g.ev.PR)
	if err != nil {
		return refuse(github.Scrub(err.Error(), g.settings.GitHubToken))
	}
	if head != g.ev.RunHeadSHA {
		return refuse(fmt.Sprintf("its head is %.12s, but the run that measured was %.12s (pr-number does not belong to this run)", head, g.ev.RunHeadSHA))
	}
	return true
}
