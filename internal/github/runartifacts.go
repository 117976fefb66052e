package github

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/google/go-github/v62/github"
)

// maxRunArtifactPages bounds ListRunArtifacts: 1000 artifacts, far more than a
// matrix uploads.
const maxRunArtifactPages = 10

// ListRunArtifacts implements GitHub, reading the run's artifact list 100 at a time.
func (c *Client) ListRunArtifacts(ctx context.Context, runID int64) ([]Artifact, error) {
	opts := &github.ListOptions{PerPage: 100}
	var out []Artifact
	for page := 0; page < maxRunArtifactPages; page++ {
		list, resp, err := c.gh.Actions.ListWorkflowRunArtifacts(ctx, c.owner, c.repo, runID, opts)
		if err != nil {
			return nil, c.fail("listing the artifacts of workflow run %d", runID, err)
		}
		for _, a := range list.Artifacts {
			out = append(out, toArtifact(a))
		}
		if resp.NextPage == 0 {
			return out, nil
		}
		opts.Page = resp.NextPage
	}
	return out, nil
}

// FindRunArtifacts returns the unexpired artifacts of workflow run runID whose name
// starts with prefix, sorted by name: the parts that the jobs of a matrix uploaded.
// It returns ErrNoArtifact, wrapped, when there is none.
func FindRunArtifacts(ctx context.Context, gh GitHub, runID int64, prefix string) ([]Artifact, error) {
	all, err := gh.ListRunArtifacts(ctx, runID)
	if err != nil {
		return nil, err
	}
	var out []Artifact
	for _, a := range all {
		if strings.HasPrefix(a.Name, prefix) && !a.Expired {
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("artifacts of workflow run %d named %s*: %w", runID, prefix, ErrNoArtifact)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}
