package samerunner

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// subdirFiles is the fixture module in directory dir of the repository.
func subdirFiles(dir, size string) map[string]string {
	files := map[string]string{}
	for name, content := range fixtureFiles(size) {
		files[dir+"/"+name] = content
	}
	return files
}

// TestGoTestModuleInASubdirectory: a module in backend/ of the repository is
// measured on both sides: the baseline's backend/ at its revision, the working
// tree's backend/ (the working tree's other files play no part).
func TestGoTestModuleInASubdirectory(t *testing.T) {
	t.Parallel()
	repo := newGitRepo(t)
	files := subdirFiles("backend", "100")
	files["README.md"] = "a repository whose Go module is in backend/\n"
	base := repo.commit("backend", files)
	repo.commit("more work", map[string]string{"backend/size.go": fixtureSize("200")})
	opts := goTestOptions(t, filepath.Join(repo.dir, "backend"), base, 2)

	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	repo.assertClean(opts.tempDir)
	if res.Baseline.BuildErr != nil || result(t, res.Baseline.Doc, "Work") == nil || result(t, res.Current.Doc, "Work") == nil {
		t.Fatalf("baseline %v (build error %v), current %v; want Work on both sides", res.Baseline.Doc.Results, res.Baseline.BuildErr, res.Current.Doc.Results)
	}
	for _, st := range res.Order {
		if st.Unit != "example.com/abfixture" || st.Err != nil {
			t.Errorf("step %+v, want the module of backend/ without error", st)
		}
	}
}

// TestGoTestModuleDirectoryMissingAtTheBaseline: a baseline revision without the
// module's directory, or without its go.mod, is an error naming the revision and
// the directory (the run would otherwise call every benchmark new), and leaves
// nothing behind.
func TestGoTestModuleDirectoryMissingAtTheBaseline(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		base  map[string]string // the baseline's files
		goMod bool
		want  string
	}{
		{"no directory", map[string]string{"README.md": "nothing yet\n"}, false, "baseline: revision %s (%.12s) has no directory backend/, where the working tree's module is"},
		{"no go.mod", map[string]string{"backend/doc.go": "package backend\n"}, true, "baseline: revision %s (%.12s) has no go.mod in backend/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			repo := newGitRepo(t)
			base := repo.commit("before the module", tc.base)
			repo.commit("the module", subdirFiles("backend", "100"))
			opts := goTestOptions(t, filepath.Join(repo.dir, "backend"), "HEAD~1", 2)

			_, err := Run(context.Background(), opts)
			var merr *ModuleDirError
			if !errors.As(err, &merr) || merr.Side != Baseline || merr.Commit != base || merr.Dir != "backend/" || merr.GoMod != tc.goMod {
				t.Fatalf("Run error = %#v, want a *ModuleDirError of the baseline's backend/ (go.mod %v)", err, tc.goMod)
			}
			if want := strings.Replace(tc.want, "%s (%.12s)", "HEAD~1 ("+base[:12]+")", 1); !strings.Contains(err.Error(), want) {
				t.Errorf("error %q\ndoes not say %q", err, want)
			}
			repo.assertClean(opts.tempDir)
		})
	}
}

// TestGoTestBuildTags: a benchmark behind //go:build bench runs on both sides with
// Tags; without them neither side has a package with tests.
func TestGoTestBuildTags(t *testing.T) {
	t.Parallel()
	repo := newGitRepo(t)
	files := fixtureFiles("100")
	files["work_test.go"] = "//go:build bench\n\n" + fixtureBench
	base := repo.commit("work behind a tag", files)
	repo.commit("more work", map[string]string{"size.go": fixtureSize("200")})

	opts := goTestOptions(t, repo.dir, base, 2)
	opts.Tags = []string{"bench"}
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatalf("Run with the tag: %v", err)
	}
	repo.assertClean(opts.tempDir)
	if result(t, res.Baseline.Doc, "Work") == nil || result(t, res.Current.Doc, "Work") == nil {
		t.Errorf("with the tag: baseline %v, current %v; want Work on both sides", res.Baseline.Doc.Results, res.Current.Doc.Results)
	}

	opts = goTestOptions(t, repo.dir, base, 2)
	_, err = Run(context.Background(), opts)
	var berr *BuildError
	if !errors.As(err, &berr) || berr.Side != Current || !strings.Contains(err.Error(), "no package with tests matches ./...") ||
		!strings.Contains(err.Error(), "without build tags, build constraints leave out work_test.go: give the tags they need") {
		t.Errorf("without the tag: err = %v, want the current side to have no package with tests, naming the file the constraint leaves out", err)
	}
	repo.assertClean(opts.tempDir)
}
