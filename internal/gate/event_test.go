package gate

import (
	"path/filepath"
	"testing"
)

func TestReadEvent(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		eventName  string
		payload    string
		env        map[string]string
		prOverride int
		wantPR     int
		wantBase   string
		wantHead   string
	}{
		{name: "pull_request", eventName: "pull_request", payload: prEvent, wantPR: 7, wantBase: "main",
			wantHead: "aaaaaaa1111111111111111111111111111111111"},
		{name: "pull_request_target onto a release branch", eventName: "pull_request_target",
			payload: `{"pull_request":{"number":12,"base":{"ref":"release/1.x"}}}`, wantPR: 12, wantBase: "release/1.x"},
		{name: "push uses the default branch and has no PR", eventName: "push",
			payload: `{"number":3,"repository":{"default_branch":"trunk"}}`, wantBase: "trunk"},
		{name: "workflow_run of a same-repo PR", eventName: "workflow_run",
			payload: `{"workflow_run":{"pull_requests":[{"number":21}]},"repository":{"default_branch":"main"}}`, wantPR: 21, wantBase: "main"},
		{name: "workflow_run of a fork PR needs pr-number", eventName: "workflow_run",
			payload: `{"workflow_run":{"pull_requests":[]},"repository":{"default_branch":"main"}}`, prOverride: 34, wantPR: 34, wantBase: "main"},
		{name: "GITHUB_BASE_REF without a payload", eventName: "pull_request", payload: `{}`,
			env: map[string]string{"GITHUB_BASE_REF": "develop"}, wantBase: "develop"},
		{name: "nothing known: main", eventName: "schedule", payload: `{}`, wantBase: "main"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			path := filepath.Join(dir, "event.json")
			mustWrite(t, path, tt.payload)
			env := map[string]string{"GITHUB_EVENT_NAME": tt.eventName, "GITHUB_EVENT_PATH": path,
				"GITHUB_SERVER_URL": "https://github.test", "GITHUB_REPOSITORY": "o/r", "GITHUB_RUN_ID": "5"}
			for k, v := range tt.env {
				env[k] = v
			}
			ev, err := readEvent(func(k string) string { return env[k] }, tt.prOverride)
			if err != nil {
				t.Fatal(err)
			}
			if ev.PR != tt.wantPR || ev.BaseBranch != tt.wantBase || ev.HeadSHA != tt.wantHead {
				t.Errorf("PR %d base %q head %q; want %d %q %q", ev.PR, ev.BaseBranch, ev.HeadSHA, tt.wantPR, tt.wantBase, tt.wantHead)
			}
			if ev.RunURL != "https://github.test/o/r/actions/runs/5" {
				t.Errorf("run URL %q", ev.RunURL)
			}
		})
	}
}

func TestReadEventBadPayload(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "event.json")
	mustWrite(t, path, "{not json")
	_, err := readEvent(func(k string) string {
		return map[string]string{"GITHUB_EVENT_PATH": path}[k]
	}, 0)
	if err == nil {
		t.Fatal("a broken event payload was accepted")
	}
}
