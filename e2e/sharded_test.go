package e2e

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// The stand-ins for the third-party actions of examples/sharded-gate.yml, which act
// cannot fetch offline. setup-go: the host's Go is on the PATH. upload-artifact: the
// file goes into the artifact store, a directory that the fake GitHub API serves as
// this workflow run's artifacts (list, then download as a zip), as GitHub serves what
// actions/upload-artifact uploaded.
const (
	fakeSetupGo = `name: setup-go stand-in
inputs:
  go-version:
    required: false
runs:
  using: composite
  steps:
    - shell: bash
      run: go version
`
	fakeUploadArtifact = `name: upload-artifact stand-in
inputs:
  name:
    required: true
  path:
    required: true
  retention-days:
    required: false
  if-no-files-found:
    required: false
runs:
  using: composite
  steps:
    - shell: bash
      env:
        NAME: ${{ inputs.name }}
        FILE: ${{ inputs.path }}
      run: |
        set -euo pipefail
        test -f "$FILE"
        mkdir -p "$E2E_OUT/artifacts/$GITHUB_RUN_ID"
        cp "$FILE" "$E2E_OUT/artifacts/$GITHUB_RUN_ID/$NAME.json"
`
	// shardConfig lets only a changed cost fail the gate, which the same code
	// cannot produce: the verdict must not depend on this machine's speed.
	shardConfig = "threshold: 100000%\nmetrics: [time]\n"
)

// artifactStore serves, in front of the fake GitHub, the artifacts that the
// workflow's upload stand-in put under dir/artifacts/<run id>/<name>.json:
//
//	GET /api/repos/{repo}/actions/runs/{run}/artifacts  the list
//	GET /api/repos/{repo}/actions/artifacts/{id}/zip    302 to /blob/{id}.zip
//	GET /blob/{id}.zip                                  the zipped file
//
// Artifact ids are the order of first listing, from 1.
type artifactStore struct {
	gh    *fakeGitHub
	dir   string
	mu    sync.Mutex
	ids   []string // path of artifact id i+1
	calls []string
}

func (s *artifactStore) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	runs := fmt.Sprintf("/api/repos/%s/actions/runs/", s.gh.repo)
	arts := fmt.Sprintf("/api/repos/%s/actions/artifacts/", s.gh.repo)
	switch {
	case strings.HasPrefix(r.URL.Path, runs) && strings.HasSuffix(r.URL.Path, "/artifacts"):
		if r.Header.Get("Authorization") != "Bearer "+s.gh.token {
			http.Error(w, `{"message":"Bad credentials"}`, http.StatusUnauthorized)
			return
		}
		s.record(r)
		s.list(w, strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, runs), "/artifacts"))
	case strings.HasPrefix(r.URL.Path, arts) && strings.HasSuffix(r.URL.Path, "/zip"):
		s.record(r)
		id := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, arts), "/zip")
		http.Redirect(w, r, s.gh.srv.URL+"/blob/"+id+".zip", http.StatusFound)
	case strings.HasPrefix(r.URL.Path, "/blob/"):
		s.record(r)
		s.blob(w, strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/blob/"), ".zip"))
	default:
		s.gh.ServeHTTP(w, r)
	}
}

func (s *artifactStore) record(r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, r.Method+" "+r.URL.Path)
}

func (s *artifactStore) list(w http.ResponseWriter, run string) {
	files, _ := filepath.Glob(filepath.Join(s.dir, "artifacts", run, "*.json"))
	sort.Strings(files)
	type artifact struct {
		ID          int64  `json:"id"`
		Name        string `json:"name"`
		SizeInBytes int64  `json:"size_in_bytes"`
		WorkflowRun struct {
			ID int64 `json:"id"`
		} `json:"workflow_run"`
	}
	var list []artifact
	s.mu.Lock()
	for _, f := range files {
		id := slices.Index(s.ids, f)
		if id < 0 {
			s.ids = append(s.ids, f)
			id = len(s.ids) - 1
		}
		a := artifact{ID: int64(id + 1), Name: strings.TrimSuffix(filepath.Base(f), ".json")}
		a.WorkflowRun.ID, _ = strconv.ParseInt(run, 10, 64)
		list = append(list, a)
	}
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"total_count": len(list), "artifacts": list})
}

func (s *artifactStore) blob(w http.ResponseWriter, id string) {
	n, _ := strconv.Atoi(id)
	s.mu.Lock()
	var path string
	if n >= 1 && n <= len(s.ids) {
		path = s.ids[n-1]
	}
	s.mu.Unlock()
	data, err := os.ReadFile(path)
	if err != nil {
		http.NotFound(w, nil)
		return
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	f, _ := zw.Create("latest.json")
	f.Write(data)
	zw.Close()
	w.Header().Set("Content-Type", "application/zip")
	w.Write(buf.Bytes())
}

// TestActionShardedMatrix runs examples/sharded-gate.yml under act: a 3-job matrix
// of shard jobs, each running its part of the built-in suite and uploading it, then
// the gate job, which lists and downloads this run's parts from the GitHub API,
// merges them and gates once. The third-party actions are replaced by the local
// stand-ins above and the published action by the checkout (uses: ./).
func TestActionShardedMatrix(t *testing.T) {
	requireEndToEnd(t)
	act := actBinary(t)
	gh := newFakeGitHub(t, repoName, prNumber, token)
	tmp := t.TempDir()
	store := &artifactStore{gh: gh, dir: tmp}
	gh.srv.Config.Handler = store // before any request
	repo := newRepo(t)

	example, err := os.ReadFile(filepath.Join(repoRoot(t), "examples", "sharded-gate.yml"))
	if err != nil {
		t.Fatal(err)
	}
	wf := strings.NewReplacer(
		"uses: cost-ops-bench/cost-ops-bench@v1", "uses: ./",
		"uses: actions/setup-go@v5", "uses: ./.github/actions/setup-go",
		"uses: actions/upload-artifact@v4", "uses: ./.github/actions/upload-artifact",
	).Replace(string(example))
	if strings.Count(wf, "uses: ./\n") != 2 || strings.Count(wf, "uses: ./.github/actions/upload-artifact") != 1 {
		t.Fatalf("the example no longer has two gate steps and one upload:\n%s", wf)
	}
	writeFile(t, filepath.Join(repo, ".github", "workflows", "gate.yml"), []byte(wf))
	writeFile(t, filepath.Join(repo, ".github", "actions", "setup-go", "action.yml"), []byte(fakeSetupGo))
	writeFile(t, filepath.Join(repo, ".github", "actions", "upload-artifact", "action.yml"), []byte(fakeUploadArtifact))
	writeFile(t, filepath.Join(repo, ".cost-ops-bench.yml"), []byte(shardConfig))
	if _, err := os.Stat(filepath.Join(repo, "baselines", "main.json")); err != nil {
		t.Fatalf("the example's baseline is not in the repository: %v", err)
	}
	commitAll(t, repo, "sharded")

	run := execAct(t, act, repo, tmp, prEvent(t, tmp, ""), gh)
	if run.err != nil {
		t.Fatalf("the workflow failed: %v\n%s", run.err, run.text())
	}

	// Three parts, disjoint, holding the suite between them.
	parts, _ := filepath.Glob(filepath.Join(tmp, "artifacts", runID, "*.json"))
	if len(parts) != 3 {
		t.Fatalf("uploaded parts %q, want 3", parts)
	}
	var union []string
	for _, p := range parts {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var doc bench.Document
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		// Balanced by cost, a part holds about a third of the suite.
		if n, all := len(doc.Results), len(bench.Suite().Names()); n < all/3-1 || n > (all+2)/3+1 {
			t.Errorf("%s holds %d benchmarks, want about a third of %d", filepath.Base(p), n, all)
		}
		for _, r := range doc.Results {
			union = append(union, r.Name)
		}
	}
	slices.Sort(union)
	if !slices.Equal(union, bench.Suite().Names()) {
		t.Errorf("the parts hold\n%q\nwant the suite once\n%q", union, bench.Suite().Names())
	}

	// One comment, from the gate job, on all the suite's benchmarks; the shard jobs posted nothing.
	comments := gh.gateComments()
	if len(comments) != 1 {
		t.Fatalf("%d gate comments, want exactly 1\n%s", len(comments), run.text())
	}
	if gh.count("POST ") != 1 || gh.count("PATCH ") != 0 {
		t.Errorf("%d POST and %d PATCH requests, want the one comment created once", gh.count("POST "), gh.count("PATCH "))
	}
	body := comments[0].Body
	for _, name := range bench.Suite().Names() {
		if !strings.Contains(body, name) {
			t.Errorf("the comment does not show %s", name)
		}
	}
	if n := len(bench.Suite().Names()); !strings.Contains(body, fmt.Sprintf("%d benchmarks", n)) {
		t.Errorf("the comment is not on the %d merged benchmarks:\n%s", n, body)
	}
	wantCalls := []string{
		"GET /api/repos/" + repoName + "/actions/runs/" + runID + "/artifacts",
		"GET /api/repos/" + repoName + "/actions/artifacts/1/zip", "GET /blob/1.zip",
		"GET /api/repos/" + repoName + "/actions/artifacts/2/zip", "GET /blob/2.zip",
		"GET /api/repos/" + repoName + "/actions/artifacts/3/zip", "GET /blob/3.zip",
	}
	if !slices.Equal(store.calls, wantCalls) {
		t.Errorf("artifact requests\n%q\nwant\n%q", store.calls, wantCalls)
	}
	log := run.text()
	for _, want := range []string{"shard 1/3: ", "shard 2/3: ", "shard 3/3: ", "(balanced by the costs in baselines/main.json)", fmt.Sprintf("merged 3 part(s) (cost-ops-bench-part-*), %d benchmark(s)", len(bench.Suite().Names()))} {
		if !strings.Contains(log, want) {
			t.Errorf("the job log does not say %q", want)
		}
	}
	if strings.Contains(log, "no shard ran") || run.leaksToken() {
		t.Errorf("the log warns of unrun benchmarks or leaks the token:\n%s", log)
	}
}
