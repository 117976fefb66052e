package formats_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/formats"
)

// addRealFixtures adds every real tool output under testdata/formats, whole and
// cut in half (a truncated file), as seeds.
func addRealFixtures(f *testing.F) {
	f.Helper()
	err := filepath.WalkDir("../../testdata/formats", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == "README.md" || strings.Contains(path, "/module/") || strings.Contains(path, "/src/") {
			return err
		}
		switch filepath.Ext(path) {
		case ".sh", ".cc", ".cpp", ".py", ".js", ".mjs", ".ts", ".rs", ".toml", ".go", ".mod", ".lock":
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if len(data) > 256<<10 {
			return nil
		}
		f.Add(data)
		f.Add(data[:len(data)/2])
		return nil
	})
	if err != nil {
		f.Fatal(err)
	}
}

// FuzzReaders feeds any bytes to detection and to every reader forced by name.
// Properties: no panic and no hang; an error starts with the file name and, for
// another tool's format, names the format; a document read passes
// bench.Validate and survives Encode and DecodeJSON unchanged; and reading with
// detection is reading with the format detected.
func FuzzReaders(f *testing.F) {
	addRealFixtures(f)
	addFixtures(f, "gotest-*.txt")
	f.Fuzz(func(t *testing.T, data []byte) {
		const name = "fuzz.in"
		var detected formats.Format
		noHang(t, data, func() { detected = formats.Detect(formats.NewInput(name, data)) })
		auto, autoErr := loadFuzz(t, data, name)
		checkRead(t, auto, autoErr, name, "")
		for _, format := range formats.Names() {
			var doc *bench.Document
			var err error
			noHang(t, data, func() { doc, err = formats.Read(data, name, format) })
			checkRead(t, doc, err, name, format)
			if detected != nil && detected.Name() == format && (err == nil) != (autoErr == nil) {
				t.Fatalf("detected as %s: read with detection err %v, forced err %v", format, autoErr, err)
			}
		}
	})
}

// checkRead checks the properties of one read of the fuzz input.
func checkRead(t *testing.T, doc *bench.Document, err error, name, format string) {
	t.Helper()
	if err != nil {
		if !strings.HasPrefix(err.Error(), name) {
			t.Fatalf("%s: error does not start with the file name: %v", format, err)
		}
		if format != "" && format != "json" && format != "gobench" && !strings.Contains(err.Error(), format) {
			t.Fatalf("%s: error does not name the format: %v", format, err)
		}
		return
	}
	if err := bench.Validate(doc, name); err != nil {
		t.Fatalf("%s: accepted a document that does not validate: %v", format, err)
	}
	data, err := bench.Encode(doc)
	if err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	back, err := bench.DecodeJSON(data, "back.json")
	if err != nil {
		t.Fatalf("%s: the document read does not read back: %v\n%s", format, err, data)
	}
	if !reflect.DeepEqual(back, doc) {
		t.Fatalf("%s: the document changed through Encode and DecodeJSON:\n%+v\n%+v", format, doc, back)
	}
}
