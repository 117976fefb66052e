package gate

import (
	"archive/zip"
	"bytes"
	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/internal/github"
)

func zipOf(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestArtifactBaseline(t *testing.T) {
	t.Parallel()
	base, err := os.ReadFile("testdata/base.json")
	if err != nil {
		t.Fatal(err)
	}
	uploaded := time.Date(2026, 1, 3, 4, 5, 0, 0, time.UTC)
	run := github.Run{ID: 30, HeadBranch: "main", HeadSHA: "c0ffee0123456789", URL: "https://github.test/octo/repo/actions/runs/30"}
	art := github.Artifact{ID: 300, Name: "bench", RunID: 30, HeadBranch: "main", HeadSHA: "c0ffee0123456789", CreatedAt: uploaded}
	tests := []struct {
		name        string
		zip         []byte
		runs        []github.Run
		wantVerdict compare.Verdict
		wantErr     string
		wantText    []string
	}{
		{name: "newest artifact of the base branch", zip: zipOf(t, map[string][]byte{"latest.json": base}), runs: []github.Run{run},
			wantVerdict: compare.VerdictRegression, wantText: []string{"`artifact:bench` at `c0ffee012345` (2026-01-03 04:05 UTC)", run.URL}},
		{name: "no successful run: no baseline yet", runs: nil,
			wantVerdict: compare.VerdictNoBaseline, wantText: []string{`no unexpired artifact "bench"`, "artifact:<name>"}},
		{name: "two results in the archive", zip: zipOf(t, map[string][]byte{"a.json": base, "b.json": base}), runs: []github.Run{run},
			wantErr: "several JSON files"},
		{name: "invalid result in the archive", zip: zipOf(t, map[string][]byte{"latest.json": []byte(`{"schema_version":2}`)}), runs: []github.Run{run},
			wantErr: "artifact:bench/latest.json: schema_version"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, "pull_request", prEvent)
			h.gh.runs, h.gh.artifacts, h.gh.zips = tt.runs, []github.Artifact{art}, map[int64][]byte{300: tt.zip}
			out, err := h.run(h.settings("artifact:bench", "testdata/current-regression.json"))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if out.Verdict != tt.wantVerdict {
				t.Errorf("verdict %s, want %s", out.Verdict, tt.wantVerdict)
			}
			if h.gh.calls[0] != "runs main" {
				t.Errorf("first call %q, want the runs of the base branch main", h.gh.calls[0])
			}
			summary := h.summary()
			for _, want := range tt.wantText {
				if !strings.Contains(summary, want) {
					t.Errorf("summary lacks %q:\n%s", want, summary)
				}
			}
		})
	}
}
