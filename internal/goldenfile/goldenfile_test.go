package goldenfile

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestDiffPointsAtTheFirstDifference(t *testing.T) {
	t.Parallel()
	got := Diff("a\nb\nc\nd", "a\nb\nX\nd")
	for _, want := range []string{"first difference at line 3 (want 4 lines, got 4)", "> want    3 | c", "> got     3 | X"} {
		if !strings.Contains(got, want) {
			t.Errorf("Diff lacks %q:\n%s", want, got)
		}
	}
}

// fakeT records failures instead of failing the test that uses it.
type fakeT struct {
	testing.TB
	failed bool
	msg    string
}

func (f *fakeT) Helper()                        {}
func (f *fakeT) Errorf(format string, a ...any) { f.failed, f.msg = true, format }
func (f *fakeT) Fatalf(format string, a ...any) { f.failed, f.msg = true, format }
func (f *fakeT) Fatal(a ...any)                 { f.failed = true }

func TestCheck(t *testing.T) {
	t.Parallel()
	path := filepath.Join("testdata", "hello.golden")
	for _, tt := range []struct {
		name, path, got string
		wantFail        bool
	}{
		{"same", path, "hello\n", false},
		{"different", path, "bye\n", true},
		{"missing file", filepath.Join(t.TempDir(), "none.golden"), "x", true},
	} {
		ft := &fakeT{TB: t}
		Check(ft, tt.path, []byte(tt.got))
		if ft.failed != tt.wantFail {
			t.Errorf("%s: failed = %v, want %v", tt.name, ft.failed, tt.wantFail)
		}
	}
}
