package buildtags

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestFlag(t *testing.T) {
	if got := Flag(nil); got != nil {
		t.Errorf("Flag(nil) = %q, want none", got)
	}
	if got := Flag([]string{"bench", "integration"}); !slices.Equal(got, []string{"-tags=bench,integration"}) {
		t.Errorf("Flag = %q", got)
	}
}

// TestNoPackagesErrorNamesConstrainedFiles: a module whose only test file is behind
// //go:build bench has no package with tests; the error names the file and the
// flag that brings it in, and says nothing of constraints once the tag is given
// (the file is then no longer left out).
func TestNoPackagesErrorNamesConstrainedFiles(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"go.mod":          "module example.com/tagged\n\ngo 1.24\n",
		"p/p.go":          "package p\n",
		"p/bench_test.go": "//go:build bench\n\npackage p\n\nimport \"testing\"\n\nfunc BenchmarkX(b *testing.B) {}\n",
	} {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	err := NoPackagesError(context.Background(), dir, []string{"./..."}, nil)
	want := "go test: no package with tests matches ./... in " + dir + "; without build tags, build constraints leave out p/bench_test.go: give the tags they need"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %v\nwant it to start %q", err, want)
	}
	if got := Constrained(context.Background(), dir, []string{"./..."}, []string{"bench"}); got != "" {
		t.Errorf("with the tag: %q, want nothing left out", got)
	}
}
