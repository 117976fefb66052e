package formats

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestTruncatedRealFiles cuts every real tool output under testdata/formats at
// fifteen points. A cut file is refused with an error that starts with the file
// and names its format (or, cut before anything recognisable, the formats
// known), or, where the cut fell after a whole benchmark's lines (a line
// format's file cut at a line's end, or after the last result), it reads as the
// first benchmarks of the whole file, each exactly as there: a truncated file
// never gives a number the tool did not write.
func TestTruncatedRealFiles(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join(realFixtures, "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, path := range files {
		switch filepath.Ext(path) {
		case ".json", ".txt", ".xml":
		default:
			continue
		}
		if strings.Contains(path, "/gobench/") {
			continue // Go's format is a line per sample: a cut keeps fewer samples (gobench_test.go)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		format := Detect(NewInput(path, data))
		if format == nil {
			t.Fatalf("%s: not detected", path)
		}
		whole, err := format.Read(NewInput(path, data))
		if err != nil {
			t.Fatal(err)
		}
		n++
		for i := 1; i < 16; i++ {
			cut := data[:i*len(data)/16]
			doc, err := Read(cut, path, "")
			if err != nil {
				if !strings.HasPrefix(err.Error(), path+":") || !strings.Contains(err.Error(), format.Name()) && !strings.Contains(err.Error(), "formats known") {
					t.Errorf("%s cut at %d/%d: error does not name the file and the format %s: %v", path, len(cut), len(data), format.Name(), err)
				}
				continue
			}
			if len(doc.Results) > len(whole.Results) || !reflect.DeepEqual(doc.Results, whole.Results[:len(doc.Results)]) {
				t.Errorf("%s cut at %d/%d: read %d benchmarks that are not the whole file's first ones", path, len(cut), len(data), len(doc.Results))
			}
		}
	}
	if n < 28 {
		t.Errorf("%d real files cut, want every tool's (28 or more)", n)
	}
}
