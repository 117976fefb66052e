package gotest

import (
	"context"
	"strings"
	"testing"
)

// taggedModule is a module whose one benchmark builds only with the tag bench, in a
// package that has a plain test too.
func taggedModule(t *testing.T) string {
	t.Helper()
	return module(t, map[string]string{
		"p/p.go":          "package p\n\nfunc Sum(n int) (s int) {\n\tfor i := range n {\n\t\ts += i\n\t}\n\treturn s\n}\n",
		"p/p_test.go":     "package p\n\nimport \"testing\"\n\nfunc TestSum(t *testing.T) {\n\tif Sum(3) != 3 {\n\t\tt.Fatal(Sum(3))\n\t}\n}\n",
		"p/bench_test.go": "//go:build bench\n\npackage p\n\nimport \"testing\"\n\nvar sink int\n\nfunc BenchmarkSum(b *testing.B) {\n\tfor b.Loop() {\n\t\tsink = Sum(100)\n\t}\n}\n",
	})
}

// TestRecordTags: a benchmark behind //go:build bench is recorded with Tags
// bench; without them nothing matches, and the error names the pattern and the
// test file that the constraint leaves out.
func TestRecordTags(t *testing.T) {
	t.Parallel()
	dir := taggedModule(t)
	_, err := Record(context.Background(), Options{Dir: dir, BenchTime: "5x", Count: 1})
	for _, want := range []string{"no benchmark matches -bench . in ./... (1 package(s) with tests)", "without build tags, build constraints leave out p/bench_test.go", "--tags"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("without the tag: err = %v\nwant it to say %q", err, want)
		}
	}
	rec, err := Record(context.Background(), Options{Dir: dir, BenchTime: "5x", Count: 2, Tags: []string{"bench"}})
	if err != nil {
		t.Fatalf("with the tag: %v", err)
	}
	defer rec.Close()
	if len(rec.Doc.Results) != 1 || !strings.HasPrefix(rec.Doc.Results[0].Name, "Sum") || len(rec.Doc.Results[0].SamplesNs) != 2 {
		t.Errorf("with the tag: results %+v, want Sum with 2 samples", rec.Doc.Results)
	}
	if _, err := ListPackages(context.Background(), dir, []string{"./..."}, []string{"bench"}); err != nil {
		t.Errorf("ListPackages with the tag: %v", err)
	}
}

// TestRecordTagsOnlyFile: a package whose only test file is behind a tag has no
// tests without it; the error says which file the constraint leaves out.
func TestRecordTagsOnlyFile(t *testing.T) {
	t.Parallel()
	dir := module(t, map[string]string{
		"q/q.go":          "package q\n",
		"q/bench_test.go": "//go:build bench && integration\n\npackage q\n\nimport \"testing\"\n\nfunc BenchmarkQ(b *testing.B) {\n\tfor b.Loop() {\n\t}\n}\n",
	})
	_, err := Record(context.Background(), Options{Dir: dir, Count: 1, Tags: []string{"bench"}})
	if err == nil || !strings.Contains(err.Error(), "no package with tests matches ./...") || !strings.Contains(err.Error(), "with build tags bench, build constraints leave out q/bench_test.go") {
		t.Errorf("one tag of two: err = %v", err)
	}
	_, err = ListPackages(context.Background(), dir, []string{"./..."}, nil)
	if err == nil || !strings.Contains(err.Error(), "leave out q/bench_test.go") {
		t.Errorf("ListPackages without tags: err = %v", err)
	}
	rec, err := Record(context.Background(), Options{Dir: dir, BenchTime: "3x", Count: 1, Tags: []string{"bench", "integration"}})
	if err != nil {
		t.Fatalf("both tags: %v", err)
	}
	rec.Close()
}

func TestRecordBadTags(t *testing.T) {
	t.Parallel()
	for _, tags := range [][]string{{"-exec=evil"}, {"a b"}, {"bench||x"}} {
		_, err := Record(context.Background(), Options{Dir: fixture, Count: 1, Tags: tags})
		if err == nil || !strings.Contains(err.Error(), "tags: ") {
			t.Errorf("tags %q: err = %v, want a tags error", tags, err)
		}
	}
}
