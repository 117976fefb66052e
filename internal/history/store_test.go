package history

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// doc is a result document of two benchmarks measured at commit c (i-th commit,
// an hour apart), with an extra metric on the first.
func doc(i int, nsA float64) *bench.Document {
	at := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour)
	return &bench.Document{
		SchemaVersion: bench.SchemaVersion,
		Timestamp:     at.Add(10 * time.Minute),
		Results: []bench.Result{
			{Name: "b_alpha", MedianNs: nsA, CILowNs: nsA * 0.98, CIHighNs: nsA * 1.02, SamplesNs: []float64{nsA, nsA}, AllocsPerOp: 2, BytesPerOp: 64,
				Metrics: map[string]bench.Metric{"instructions": {Unit: "instructions/op", Median: 1000, CILow: 999, CIHigh: 1001}}},
			{Name: "a_beta", MedianNs: 50, CILowNs: 49, CIHighNs: 51},
		},
		Git: &bench.GitInfo{Commit: fmt.Sprintf("%040x", i+1), Ref: "refs/heads/main", CommittedAt: at.Format(time.RFC3339)},
	}
}

func mustRun(t *testing.T, d *bench.Document) *Run {
	t.Helper()
	r, err := NewRun(d, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestNewRunPoints(t *testing.T) {
	t.Parallel()
	r := mustRun(t, doc(0, 100))
	var got []string
	for _, p := range r.Points {
		got = append(got, fmt.Sprintf("%s %s %s %g [%g,%g]", p.Benchmark, p.Metric, p.Unit, p.Median, p.Low, p.High))
	}
	want := []string{
		"a_beta allocs allocs/op 0 [0,0]",
		"a_beta bytes B/op 0 [0,0]",
		"a_beta time ns/op 50 [49,51]",
		"b_alpha allocs allocs/op 2 [2,2]",
		"b_alpha bytes B/op 64 [64,64]",
		"b_alpha instructions instructions/op 1000 [999,1001]",
		"b_alpha time ns/op 100 [98,102]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("points:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if r.Commit != fmt.Sprintf("%040x", 1) || !r.CommittedAt.Equal(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("commit %s at %v", r.Commit, r.CommittedAt)
	}
	// An override replaces the document's commit.
	o, err := NewRun(doc(0, 100), &bench.GitInfo{Commit: "abcdef0123"})
	if err != nil || o.Commit != "abcdef0123" || !o.CommittedAt.IsZero() || o.Ref != "" {
		t.Errorf("override: %+v, %v", o, err)
	}
}

func TestNewRunBadInput(t *testing.T) {
	t.Parallel()
	d := doc(0, 100)
	d.Git.Commit = "not-a-sha"
	if _, err := NewRun(d, nil); err == nil || !strings.Contains(err.Error(), `git.commit: "not-a-sha"`) {
		t.Errorf("bad commit: %v", err)
	}
	d = doc(0, 100)
	d.Git.CommittedAt = "yesterday"
	if _, err := NewRun(d, nil); err == nil || !strings.Contains(err.Error(), "git.committed_at") {
		t.Errorf("bad time: %v", err)
	}
}

// TestAppendLoadOrder: runs come back oldest first by commit time, whatever the
// order they were appended in, and each is a file of its own.
func TestAppendLoadOrder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, i := range []int{3, 0, 2, 1} {
		if _, err := Append(dir, mustRun(t, doc(i, float64(100+i))), Retention{}); err != nil {
			t.Fatal(err)
		}
	}
	runs, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 4 {
		t.Fatalf("%d runs, want 4", len(runs))
	}
	for i, r := range runs {
		if r.Commit != fmt.Sprintf("%040x", i+1) {
			t.Errorf("run %d: commit %s", i, r.Commit)
		}
		if r.Document == nil || r.Document.Results[0].MedianNs != float64(100+i) {
			t.Errorf("run %d: document %+v", i, r.Document)
		}
		if !strings.HasPrefix(filepath.Base(r.Path), r.When().Format("20060102T150405Z")+"-"+r.Commit[:12]+"-") {
			t.Errorf("run %d: file name %s", i, r.Path)
		}
	}
}

// TestAppendConcurrent: appends from many goroutines at once all land, each in a
// file of its own; appending the same run twice is two runs (two measurements).
func TestAppendConcurrent(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := doc(i%8, float64(100+i))
			d.Timestamp = d.Timestamp.Add(time.Duration(i) * time.Second)
			r, err := NewRun(d, nil)
			if err == nil {
				_, err = Append(dir, r, Retention{})
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	runs, err := Load(dir)
	if err != nil || len(runs) != 16 {
		t.Fatalf("%d runs, %v; want 16", len(runs), err)
	}
}

// TestRetention: past Full the runs lose their document, past Max they go; the
// compacted file is the same bytes whoever compacts it (two clones merge cleanly).
func TestRetention(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ret := Retention{Full: 2, Max: 4}
	for i := range 6 {
		if _, err := Append(dir, mustRun(t, doc(i, 100)), ret); err != nil {
			t.Fatal(err)
		}
	}
	runs, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 4 {
		t.Fatalf("%d runs kept, want 4", len(runs))
	}
	for i, r := range runs {
		full := i >= 2
		if (r.Document != nil) != full {
			t.Errorf("run %d (commit %.6s): full document %v, want %v", i, r.Commit, r.Document != nil, full)
		}
		if len(r.Points) != 7 {
			t.Errorf("run %d: %d points, want 7", i, len(r.Points))
		}
	}
	if runs[0].Commit != fmt.Sprintf("%040x", 3) {
		t.Errorf("oldest kept run is %s, want the third", runs[0].Commit)
	}
	// Compacting a second copy of a full run gives the same bytes.
	other := t.TempDir()
	if _, err := Append(other, mustRun(t, doc(2, 100)), Retention{}); err != nil {
		t.Fatal(err)
	}
	for i := 3; i < 6; i++ {
		if _, err := Append(other, mustRun(t, doc(i, 100)), Retention{Full: 2, Max: 100}); err != nil {
			t.Fatal(err)
		}
	}
	a, _ := os.ReadFile(runs[0].Path)
	b, _ := os.ReadFile(filepath.Join(other, RunsDir, filepath.Base(runs[0].Path)))
	if len(a) == 0 || string(a) != string(b) {
		t.Errorf("compacted file differs between stores:\n%s\n%s", a, b)
	}
	full, _ := os.ReadFile(runs[3].Path)
	if len(a)*2 > len(full) {
		t.Errorf("compacted run %d bytes, full run %d bytes: compaction saves too little", len(a), len(full))
	}
}

func TestLoadBadFiles(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, content, want string
	}{
		{"syntax", "{\n \"format_version\": 1,\n x\n}", "line 3: invalid JSON"},
		{"empty", "", "empty file"},
		{"version", `{"format_version": 2, "timestamp": "2026-01-01T00:00:00Z", "points": [{"benchmark":"a","metric":"time","unit":"ns/op","median":1,"low":1,"high":1}]}`, "format_version: 2 is not supported"},
		{"unknown field", `{"format_version": 1, "colour": 1}`, `unknown field "colour"`},
		{"no points", `{"format_version": 1, "timestamp": "2026-01-01T00:00:00Z", "points": []}`, "points: empty"},
		{"no metric", `{"format_version": 1, "timestamp": "2026-01-01T00:00:00Z", "points": [{"benchmark":"a","unit":"ns/op","median":1,"low":1,"high":1}]}`, "points[0] (a): metric: missing"},
		{"bad commit", `{"format_version": 1, "commit": "zz", "timestamp": "2026-01-01T00:00:00Z", "points": [{"benchmark":"a","metric":"time","median":1,"low":1,"high":1}]}`, `commit: "zz"`},
		{"wrong type", "{\n\"format_version\": \"one\"}", "line 2: format_version"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			path := filepath.Join(dir, RunsDir, "x.json")
			os.MkdirAll(filepath.Dir(path), 0o755)
			os.WriteFile(path, []byte(tc.content), 0o644)
			_, err := Load(dir)
			if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Load: %v, want an error naming %s and %q", err, path, tc.want)
			}
			// Append refuses a store it cannot read, and writes nothing.
			if _, err := Append(dir, mustRun(t, doc(0, 1)), Retention{}); err == nil {
				t.Error("Append over a broken store: no error")
			}
			if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
				t.Errorf("Append over a broken store wrote %d files", len(entries)-1)
			}
		})
	}
	if runs, err := Load(filepath.Join(t.TempDir())); err != nil || len(runs) != 0 {
		t.Errorf("empty store: %v, %v", runs, err)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "nope")); err == nil {
		t.Error("missing store directory: no error")
	}
}
