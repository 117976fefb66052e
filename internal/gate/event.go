package gate

import (
	"encoding/json"
	"fmt"
	"os"
)

// event is what the gate needs from the runner's environment and the event
// payload (GITHUB_EVENT_PATH).
type event struct {
	Name          string // GITHUB_EVENT_NAME
	PR            int    // the pull request to comment on, 0 when none
	BaseBranch    string // the branch a baseline artifact comes from
	RefType       string // GITHUB_REF_TYPE: branch or tag
	HeadSHA       string // a pull request's head commit
	RunHeadSHA    string // workflow_run: the head commit of the run that measured
	PROverridden  bool   // PR came from the pr-number input, not from the event
	RunURL        string // this run's page
	APIURL        string
	Repository    string
	defaultBranch string
}

// payload holds the fields of the event JSON the gate reads.
type payload struct {
	Number      int `json:"number"`
	PullRequest *struct {
		Number int `json:"number"`
		Base   struct {
			Ref string `json:"ref"`
		} `json:"base"`
		Head struct {
			SHA string `json:"sha"`
		} `json:"head"`
	} `json:"pull_request"`
	WorkflowRun *struct {
		HeadSHA      string `json:"head_sha"`
		PullRequests []struct {
			Number int `json:"number"`
		} `json:"pull_requests"`
	} `json:"workflow_run"`
	Repository struct {
		DefaultBranch string `json:"default_branch"`
	} `json:"repository"`
}

// commentEvents are the events on which the gate comments: a pull request, or the
// privileged workflow_run that follows a fork's pull request.
var commentEvents = map[string]bool{"pull_request": true, "pull_request_target": true, "workflow_run": true}

// readEvent reads the runner environment. prOverride, when not 0, names the pull
// request (the pr-number input of a workflow_run gate).
func readEvent(getenv func(string) string, prOverride int) (event, error) {
	ev := event{
		Name:       getenv("GITHUB_EVENT_NAME"),
		RefType:    getenv("GITHUB_REF_TYPE"),
		APIURL:     getenv("GITHUB_API_URL"),
		Repository: getenv("GITHUB_REPOSITORY"),
		BaseBranch: getenv("GITHUB_BASE_REF"),
	}
	if server, id := getenv("GITHUB_SERVER_URL"), getenv("GITHUB_RUN_ID"); server != "" && ev.Repository != "" && id != "" {
		ev.RunURL = fmt.Sprintf("%s/%s/actions/runs/%s", server, ev.Repository, id)
	}
	var p payload
	if path := getenv("GITHUB_EVENT_PATH"); path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return ev, fmt.Errorf("GITHUB_EVENT_PATH: %w", err)
		}
		if err := json.Unmarshal(data, &p); err != nil {
			return ev, fmt.Errorf("%s: event payload: %w", path, err)
		}
	}
	ev.defaultBranch = p.Repository.DefaultBranch
	if commentEvents[ev.Name] {
		ev.PR = p.prNumber()
	}
	if prOverride != 0 {
		ev.PR, ev.PROverridden = prOverride, true
	}
	if p.WorkflowRun != nil {
		ev.RunHeadSHA = p.WorkflowRun.HeadSHA
	}
	if p.PullRequest != nil {
		ev.HeadSHA = p.PullRequest.Head.SHA
		if p.PullRequest.Base.Ref != "" {
			ev.BaseBranch = p.PullRequest.Base.Ref
		}
	}
	if ev.BaseBranch == "" {
		ev.BaseBranch = ev.defaultBranch
	}
	if ev.BaseBranch == "" {
		ev.BaseBranch = "main"
	}
	return ev, nil
}

func (p payload) prNumber() int {
	switch {
	case p.PullRequest != nil && p.PullRequest.Number != 0:
		return p.PullRequest.Number
	case p.Number != 0:
		return p.Number
	case p.WorkflowRun != nil && len(p.WorkflowRun.PullRequests) > 0:
		return p.WorkflowRun.PullRequests[0].Number
	}
	return 0
}
