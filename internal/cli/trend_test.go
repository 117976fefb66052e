package cli

import (
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/goldenfile"
)

// cmd runs a command in memory and returns stdout, stderr and the error.
func cmd(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := Env{Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }}
	err := Run(context.Background(), args, env)
	return out.String(), errOut.String(), err
}

// historyDoc is the result document of commit i of a synthetic history: two
// benchmarks, "steady" flat, "parse_config" 25% slower from commit 12 on, and one
// allocation more from commit 16 on.
func historyDoc(i int) *bench.Document {
	rng := rand.New(rand.NewPCG(uint64(i), 7))
	at := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * 6 * time.Hour)
	res := func(name string, ns, allocs float64) bench.Result {
		ns *= 1 + 0.01*rng.NormFloat64()
		ns = math.Round(ns*100) / 100
		return bench.Result{Name: name, Iterations: 100, MedianNs: ns, CILowNs: ns * 0.97, CIHighNs: ns * 1.03,
			SamplesNs: []float64{ns, ns, ns}, AllocsPerOp: allocs, BatchSize: 1, Group: "g"}
	}
	slow, allocs := 1.0, 3.0
	if i >= 12 {
		slow = 1.25
	}
	if i >= 16 {
		allocs = 4
	}
	return &bench.Document{
		SchemaVersion: bench.SchemaVersion, Version: "test", Timestamp: at.Add(time.Minute),
		Results: []bench.Result{res("parse_config", 1500*slow, allocs), res("steady", 80, 0)},
		Git:     &bench.GitInfo{Commit: fmt.Sprintf("%02d%x", i, sha1.Sum([]byte{byte(i)}))[:40], Ref: "refs/heads/main", CommittedAt: at.Format(time.RFC3339)},
	}
}

// newStore appends n synthetic runs through `history append`.
func newStore(t *testing.T, n int) string {
	t.Helper()
	tmp := t.TempDir()
	store := filepath.Join(tmp, "store")
	for i := range n {
		data, _ := json.Marshal(historyDoc(i))
		file := filepath.Join(tmp, fmt.Sprintf("r%d.json", i))
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, stderr, err := cmd(t, "history", "append", "--store", store, "--result", file); err != nil {
			t.Fatalf("history append: %v\n%s", err, stderr)
		}
	}
	return store
}

func TestTrendGolden(t *testing.T) {
	t.Parallel()
	store := newStore(t, 24)
	site := filepath.Join(t.TempDir(), "site")
	for _, format := range []string{"markdown", "json"} {
		stdout, stderr, err := cmd(t, "trend", "--store", store, "--format", format, "--recent", "10", "--output", site)
		if err != nil {
			t.Fatalf("trend --format %s: %v\n%s", format, err, stderr)
		}
		goldenfile.Check(t, filepath.Join("testdata", "trend."+format+".golden"), []byte(stdout))
	}
	page, err := os.ReadFile(filepath.Join(site, "index.html"))
	if err != nil || !bytes.HasPrefix(page, []byte("<!DOCTYPE html>")) || bytes.Count(page, []byte("<svg ")) != 3 {
		t.Errorf("--output: index.html of %d bytes (%v), want a page with 3 charts", len(page), err)
	}
}

// TestTrendFindsTheSteps: the JSON report has the contract's fields, and the change
// points of the synthetic history at the commits where they were made.
func TestTrendFindsTheSteps(t *testing.T) {
	t.Parallel()
	store := newStore(t, 24)
	stdout, _, err := cmd(t, "trend", "--store", store, "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Benchmarks []struct {
			Name         string
			Metric       string
			Points       int
			ChangePoints []struct {
				Commit   string
				DeltaPct *float64 `json:"delta_pct"`
				PValue   *float64 `json:"p_value"`
			} `json:"change_points"`
		}
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, b := range rep.Benchmarks {
		if b.Points != 24 {
			t.Errorf("%s %s: %d points, want 24", b.Name, b.Metric, b.Points)
		}
		var cps []string
		for _, cp := range b.ChangePoints {
			if cp.DeltaPct == nil || cp.PValue == nil {
				t.Errorf("%s %s: change point without delta_pct or p_value", b.Name, b.Metric)
				continue
			}
			cps = append(cps, fmt.Sprintf("%s %+.0f%%", cp.Commit[:2], *cp.DeltaPct))
		}
		got[b.Name+" "+b.Metric] = strings.Join(cps, ", ")
	}
	want := map[string]string{
		"parse_config time":   "12 +25%",
		"parse_config allocs": "16 +33%",
		"steady time":         "",
	}
	for k, w := range want {
		if g, ok := got[k]; !ok || g != w {
			t.Errorf("%s: change points %q, want %q", k, g, w)
		}
	}
	if _, ok := got["steady allocs"]; ok {
		t.Error("steady allocs (all zero) is in the report")
	}
}

// TestTrendFailOnChange: a recent change for the worse is exit 1; one outside the
// recent points is not.
func TestTrendFailOnChange(t *testing.T) {
	t.Parallel()
	store := newStore(t, 24)
	_, _, err := cmd(t, "trend", "--store", store, "--recent", "10", "--fail-on-change")
	if ExitCode(err) != ExitRegression {
		t.Errorf("recent change: %v (exit %d), want exit 1", err, ExitCode(err))
	}
	_, _, err = cmd(t, "trend", "--store", store, "--recent", "4", "--fail-on-change")
	if err != nil {
		t.Errorf("no change in the last 4 points: %v", err)
	}
}

func TestTrendBadInput(t *testing.T) {
	t.Parallel()
	store := newStore(t, 2)
	broken := t.TempDir()
	os.MkdirAll(filepath.Join(broken, "runs"), 0o755)
	os.WriteFile(filepath.Join(broken, "runs", "x.json"), []byte("{"), 0o644)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"trend"}, "--store: a directory is required"},
		{[]string{"trend", "--store", store, "--format", "xml"}, `--format: unknown report format "xml" (known: markdown, json)`},
		{[]string{"trend", "--store", store, "--alpha", "3"}, "alpha: 3"},
		{[]string{"trend", "--store", store, "--min-segment", "1"}, "min-segment: 1"},
		{[]string{"trend", "--store", store, "--test", "ks"}, `test: "ks"`},
		{[]string{"trend", "--store", store, "--fail-on-change"}, "needs --recent"},
		{[]string{"trend", "--store", store, "--filter", "/(/"}, "--filter"},
		{[]string{"trend", "--store", broken}, filepath.Join(broken, "runs", "x.json")},
		{[]string{"trend", "--store", filepath.Join(store, "nope")}, "nope"},
		{[]string{"history"}, "no subcommand"},
		{[]string{"history", "prepend"}, `unknown subcommand "prepend"`},
		{[]string{"history", "append", "--result", "x"}, "--store"},
		{[]string{"history", "append", "--store", store}, "--result"},
		{[]string{"history", "append", "--store", store, "--result", "nope.json"}, "nope.json"},
		{[]string{"history", "append", "--store", store, "--result", "x", "--keep", "0"}, "--keep: 0"},
		{[]string{"history", "append", "--store", broken, "--result", "testdata/trend-result.json"}, filepath.Join(broken, "runs", "x.json")},
		{[]string{"history", "append", "--store", store, "--result", "testdata/trend-result.json", "--commit", "no-such-rev"}, `revision "no-such-rev"`},
	}
	for _, tc := range cases {
		_, stderr, err := cmd(t, tc.args...)
		if ExitCode(err) != ExitBadInput || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v (exit %d), want exit 2 naming %q\n%s", strings.Join(tc.args, " "), err, ExitCode(err), tc.want, stderr)
		}
	}
}

// TestHistoryAppendCommit: --commit overrides the document's commit with the full
// hash and time git knows; run, in a checkout, records the commit it measured.
func TestHistoryAppendCommit(t *testing.T) {
	t.Parallel()
	head := strings.TrimSpace(gitOut(t, "rev-parse", "HEAD"))
	store := t.TempDir()
	if _, stderr, err := cmd(t, "history", "append", "--store", store, "--result", "testdata/trend-result.json", "--commit", "HEAD"); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	files, _ := filepath.Glob(filepath.Join(store, "runs", "*-"+head[:12]+"-*.json"))
	if len(files) != 1 {
		t.Fatalf("run files of %s: %v", head, files)
	}
}

func TestRunRecordsGit(t *testing.T) {
	t.Parallel()
	head := strings.TrimSpace(gitOut(t, "rev-parse", "HEAD"))
	dir := t.TempDir()
	if _, stderr, err := runCmd(t, "--output", dir, "--filter", "/^usage_validation$/"); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr)
	}
	doc, _ := readDoc(t, filepath.Join(dir, "latest.json"))
	if doc.Git == nil || doc.Git.Commit != head || doc.Git.CommittedAt == "" {
		t.Errorf("git = %+v, want commit %s with its time", doc.Git, head)
	}
}

func gitOut(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("git", args...).Output()
	if err != nil {
		if os.Getenv("CI") != "" { // CI runs in a clone: a skip there would hide the test
			t.Fatalf("git %s: %v", strings.Join(args, " "), err)
		}
		t.Skipf("not in a git checkout: %v", err) // a source tarball
	}
	return string(out)
}
