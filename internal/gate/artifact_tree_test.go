package gate

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/compare"
	"github.com/cost-ops-bench/cost-ops-bench/internal/github"
)

// criterionRuns are target/criterion directories of one crate, recorded by
// testdata/formats/criterion/make.sh: base, the same code again, and a slower one.
const criterionRuns = "../../testdata/formats/criterion"

// treeFiles reads the files under dir by their slash-separated paths below it,
// prefixed with prefix.
func treeFiles(t *testing.T, dir, prefix string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		files[prefix+filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// tgzOf is a gzip-compressed tar archive of files.
func tgzOf(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for name, data := range files {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(data)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		tw.Write(data)
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	return buf.Bytes()
}

// TestArtifactBaselineCriterion: a Criterion target/criterion directory is an
// artifact baseline, uploaded as it is (its tree: several JSON files, reports
// beside them) or as one tar archive of it; the current directory is compared with
// it as two directories are. An archive of JSON files that are not Criterion's is
// still refused, saying what each reading lacked.
func TestArtifactBaselineCriterion(t *testing.T) {
	t.Parallel()
	tree := treeFiles(t, filepath.Join(criterionRuns, "base", "criterion"), "")
	tree["report/index.html"] = []byte("<html>Criterion's report</html>")
	run := github.Run{ID: 30, HeadBranch: "main", HeadSHA: "c0ffee0123456789", URL: "https://github.test/octo/repo/actions/runs/30"}
	art := github.Artifact{ID: 300, Name: "criterion", RunID: 30, HeadBranch: "main", HeadSHA: "c0ffee0123456789", CreatedAt: time.Date(2026, 1, 3, 4, 5, 0, 0, time.UTC)}
	for _, tc := range []struct {
		name, current string
		zip           []byte
		want          compare.Verdict
		wantErr       []string
	}{
		{name: "the tree, a slower current", current: "slow", zip: zipOf(t, tree), want: compare.VerdictRegression},
		{name: "the tree, the same code", current: "same", zip: zipOf(t, tree), want: compare.VerdictPass},
		{name: "a tar of it", current: "slow", want: compare.VerdictRegression,
			zip: zipOf(t, map[string][]byte{"criterion.tgz": tgzOf(t, treeFiles(t, filepath.Join(criterionRuns, "base"), ""))})},
		{name: "JSON files that are not Criterion's", current: "same",
			zip:     zipOf(t, map[string][]byte{"a.json": []byte(`{"x":1}`), "b/c.json": []byte(`{"y":2}`)}),
			wantErr: []string{"baseline artifact:criterion: artifact archive: several JSON files", "as a directory (Criterion's target/criterion): "}},
		{name: "a member that escapes", current: "same", zip: zipOf(t, map[string][]byte{"a.json": []byte(`{}`), "../b.json": []byte(`{}`)}),
			wantErr: []string{`member "../b.json": path escapes the archive`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, "pull_request", prEvent)
			h.gh.runs, h.gh.artifacts, h.gh.zips = []github.Run{run}, []github.Artifact{art}, map[int64][]byte{300: tc.zip}
			out, err := h.run(h.settings("artifact:criterion", filepath.Join(criterionRuns, tc.current, "criterion")))
			if tc.wantErr != nil {
				for _, w := range tc.wantErr {
					if err == nil || !strings.Contains(err.Error(), w) {
						t.Errorf("err = %v\nwant it to say %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if out.Verdict != tc.want || len(out.Comparison.Entries) != 2 {
				t.Errorf("verdict %s with %d entries, want %s of the crate's two benchmarks", out.Verdict, len(out.Comparison.Entries), tc.want)
			}
			if s := h.summary(); !strings.Contains(s, "`artifact:criterion` at `c0ffee012345`") {
				t.Errorf("the summary does not name the artifact baseline:\n%s", s)
			}
		})
	}
}
