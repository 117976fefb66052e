package gate

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sethvargo/go-githubactions"

	"github.com/cost-ops-bench/cost-ops-bench/internal/github"
)

// These tests feed the gate broken artifacts, unwritable and full files, a
// concurrent twin and a bare environment, and assert what its user sees.

// bombZip is an archive whose one member, honestly declared, inflates to size bytes.
func bombZip(t *testing.T, size int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("latest.json")
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 1<<20)
	for n := 0; n < size; n += len(chunk) {
		w.Write(chunk)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestFaultArtifactBaselines(t *testing.T) {
	t.Parallel()
	base, err := os.ReadFile("testdata/base.json")
	if err != nil {
		t.Fatal(err)
	}
	run := github.Run{ID: 30, HeadBranch: "main", URL: "https://github.test/octo/repo/actions/runs/30"}
	art := github.Artifact{ID: 300, Name: "bench", RunID: 30, HeadBranch: "main", CreatedAt: time.Date(2026, 1, 3, 0, 0, 0, 0, time.UTC)}
	expired := art
	expired.Expired = true
	tests := []struct {
		name        string
		art         github.Artifact
		zip         []byte
		wantVerdict compare.Verdict // for a baseline that is absent, not broken
		wantErr     []string
	}{
		{name: "only artifact expired", art: expired, zip: zipOf(t, map[string][]byte{"latest.json": base}),
			wantVerdict: compare.VerdictNoBaseline},
		{name: "empty zip", art: art, zip: zipOf(t, nil), wantErr: []string{"baseline artifact:bench", "no JSON file"}},
		{name: "not a zip at all", art: art, zip: []byte{}, wantErr: []string{"baseline artifact:bench", "not a valid zip"}},
		{name: "zip without JSON", art: art, zip: zipOf(t, map[string][]byte{"summary.md": []byte("# hi")}), wantErr: []string{"no JSON file"}},
		{name: "several JSON files", art: art, zip: zipOf(t, map[string][]byte{"a.json": base, "b/c.json": base}), wantErr: []string{"several JSON files"}},
		{name: "path traversal", art: art, zip: zipOf(t, map[string][]byte{"../../etc/latest.json": base}), wantErr: []string{"path escapes"}},
		{name: "zip bomb", art: art, zip: bombZip(t, 80<<20), wantErr: []string{"latest.json", "too large"}},
		{name: "JSON that is not a result", art: art, zip: zipOf(t, map[string][]byte{"latest.json": []byte(`{"hello":"world"}`)}),
			wantErr: []string{"artifact:bench/latest.json", "hello"}},
		{name: "JSON array", art: art, zip: zipOf(t, map[string][]byte{"latest.json": []byte(`[1,2]`)}),
			wantErr: []string{"artifact:bench/latest.json"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, "pull_request", prEvent)
			h.gh.runs, h.gh.artifacts, h.gh.zips = []github.Run{run}, []github.Artifact{tt.art}, map[int64][]byte{300: tt.zip}
			s := h.settings("artifact:bench", "testdata/current-regression.json")
			out, err := h.run(s)
			if tt.wantErr == nil {
				if err != nil || out.Verdict != tt.wantVerdict {
					t.Fatalf("outcome %+v, %v; want verdict %s", out, err, tt.wantVerdict)
				}
				return
			}
			if err == nil {
				t.Fatalf("a broken baseline artifact passed: %+v", out)
			}
			for _, want := range tt.wantErr {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("err = %v, want it to say %q", err, want)
				}
			}
			nothingPublished(t, h, s)
		})
	}
}

// nothingPublished checks that a gate that failed on bad input left no report, no
// comment and no outputs behind.
func nothingPublished(t *testing.T, h *harness, s Settings) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(s.OutputDir, "report.md")); err == nil {
		t.Error("a report was written")
	}
	for _, c := range h.gh.calls {
		if strings.HasPrefix(c, "create") || strings.HasPrefix(c, "edit") {
			t.Errorf("commented: %v", h.gh.calls)
		}
	}
	if h.outputs()["verdict"] != "" {
		t.Error("outputs were set")
	}
}

func TestFaultOutputDirNotWritable(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "pull_request", prEvent)
	// A directory below a regular file cannot be created, even by root (tests run as
	// root in CI, where permission bits would not stop the write).
	file := filepath.Join(h.dir, "a-file")
	mustWrite(t, file, "x")
	s := h.settings("testdata/base.json", "testdata/current-pass.json")
	s.OutputDir = filepath.Join(file, "out")
	_, err := h.run(s)
	if err == nil || !strings.Contains(err.Error(), "output-dir") || !strings.Contains(err.Error(), "not a directory") {
		t.Fatalf("err = %v, want the output-dir input named as not writable", err)
	}
	nothingPublished(t, h, s)
}

func TestFaultFullDisk(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full on this system")
	}
	for _, target := range []string{"GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT"} {
		t.Run(target, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, "pull_request", prEvent)
			h.env[target] = "/dev/full" // every write fails with ENOSPC
			_, err := h.run(h.settings("testdata/base.json", "testdata/current-pass.json"))
			if err == nil || !strings.Contains(err.Error(), "no space left on device") {
				t.Fatalf("err = %v, want the full disk reported (exit 2), not a panic or silence", err)
			}
		})
	}
}

// TestFaultTwoGatesShareAnOutputDir runs two gates at once into one output folder
// while a reader watches report.md: it only ever sees one of the two complete
// reports, never a torn one, and no temporary file is left.
func TestFaultTwoGatesShareAnOutputDir(t *testing.T) {
	t.Parallel()
	shared := filepath.Join(t.TempDir(), "out")
	currents := []string{"testdata/current-pass.json", "testdata/current-regression.json"}
	var mu sync.Mutex
	complete := map[compare.Verdict]bool{}
	stop := make(chan struct{})
	torn := make(chan string, 1)
	var reads atomic.Int64
	go watchReport(filepath.Join(shared, "report.md"), stop, torn, &reads)
	for round := 0; round < 20; round++ {
		var wg sync.WaitGroup
		for _, cur := range currents {
			wg.Add(1)
			go func() {
				defer wg.Done()
				h := newHarness(t, "push", `{}`)
				s := h.settings("testdata/base.json", cur)
				s.OutputDir = shared
				out, err := h.run(s)
				if err != nil {
					t.Error(err)
					return
				}
				data, err := os.ReadFile(filepath.Join(h.dir, "summary.md")) // this run's own rendering
				if err != nil {
					t.Error(err)
				}
				mu.Lock()
				complete[out.Verdict] = len(data) > 0
				mu.Unlock()
			}()
		}
		wg.Wait()
	}
	close(stop)
	if r := <-torn; r != "" {
		t.Errorf("a reader saw a torn report:\n%s", r)
	}
	if reads.Load() == 0 {
		t.Error("the reader never saw the report: the test proved nothing")
	}
	entries, _ := os.ReadDir(shared)
	for _, e := range entries {
		if e.Name() != "report.md" {
			t.Errorf("left behind in the output folder: %s", e.Name())
		}
	}
	if !complete[compare.VerdictPass] || !complete[compare.VerdictRegression] {
		t.Errorf("verdicts %v, want both runs to finish", complete)
	}
}

// watchReport reads path until stop and sends a torn content it saw, or "";
// reads counts the complete reports it read.
func watchReport(path string, stop <-chan struct{}, torn chan<- string, reads *atomic.Int64) {
	for {
		select {
		case <-stop:
			torn <- ""
			return
		default:
		}
		data, err := os.ReadFile(path)
		if err != nil {
			continue // absent is fine: not yet written
		}
		s := string(data)
		if !strings.HasPrefix(s, "<!-- ") && !strings.HasPrefix(s, "## ") && !strings.HasPrefix(s, "# ") || !strings.HasSuffix(s, "<sub>cost-ops-bench gate</sub>\n") {
			torn <- s
			<-stop
			return
		}
		reads.Add(1)
	}
}

// TestFaultOutsideActions runs the gate with none of the runner's variables: a
// file baseline works (report written, no summary, no outputs, no comment), and
// what needs GitHub says which variable or input is missing.
func TestFaultOutsideActions(t *testing.T) {
	t.Parallel()
	bare := func(string) string { return "" }
	run := func(s Settings) (*Outcome, string, error) {
		var stdout bytes.Buffer
		action := githubactions.New(githubactions.WithGetenv(bare), githubactions.WithWriter(&stdout))
		out, err := Run(context.Background(), s, Deps{Action: action, Getenv: bare, Stdout: &stdout,
			FileCommit: func(context.Context, string) (string, time.Time) { return "", time.Time{} }})
		return out, stdout.String(), err
	}
	dir := t.TempDir()
	s := Settings{Baseline: "testdata/base.json", Current: "testdata/current-regression.json", OutputDir: dir,
		Comment: CommentAlways, FailOnRegression: "true"}
	out, stdout, err := run(s)
	if err != nil || out.Verdict != compare.VerdictRegression || out.CommentURL != "" {
		t.Fatalf("outcome %+v, %v; want the regression decided locally", out, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "report.md")); err != nil || !strings.Contains(stdout, "verdict: regression") {
		t.Errorf("report %v, stdout %q: want the report file and the verdict line", err, stdout)
	}
	s.Baseline = "artifact:bench"
	if _, _, err := run(s); err == nil || !strings.Contains(err.Error(), "github-token") {
		t.Errorf("artifact baseline without a token: err = %v, want the github-token input named", err)
	}
	s.GitHubToken = "ghs_outsideToken"
	_, stdout, err = run(s)
	if err == nil || !strings.Contains(err.Error(), "GITHUB_REPOSITORY") {
		t.Errorf("artifact baseline without GITHUB_REPOSITORY: err = %v, want the variable named", err)
	}
	if strings.Contains(err.Error(), s.GitHubToken) || strings.Count(stdout, s.GitHubToken) > 1 {
		t.Errorf("the token leaks: err %v, stdout %q", err, stdout)
	}
}

// TestFaultBaselineFromAnotherMachine checks that a baseline measured on another
// CPU is flagged where the user reads the verdict: the comment and the job summary.
func TestFaultBaselineFromAnotherMachine(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "pull_request", prEvent)
	data, err := os.ReadFile("testdata/base.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	doc["environment"].(map[string]any)["cpu_model"] = "Some Other CPU @ 2.10GHz"
	other, _ := json.Marshal(doc)
	path := filepath.Join(h.dir, "other-machine.json")
	mustWrite(t, path, string(other))
	if _, err := h.run(h.settings(path, "testdata/current-pass.json")); err != nil {
		t.Fatal(err)
	}
	if len(h.gh.comments) != 1 {
		t.Fatalf("%d comments, want 1", len(h.gh.comments))
	}
	for where, text := range map[string]string{"comment": h.gh.comments[0].Body, "summary": h.summary()} {
		if !strings.Contains(text, "different environments") || !strings.Contains(text, "cpu_model") {
			t.Errorf("the %s does not flag the other machine:\n%s", where, text)
		}
		if strings.Contains(text, "Other CPU @2") || strings.Contains(text, "@ 2.10") {
			t.Errorf("the %s carries a raw @ from the machine name", where)
		}
	}
}
