package github

import (
	"archive/tar"
	"bytes"
	"errors"
	"io"
	"slices"
	"testing"
)

func TestExtractTree(t *testing.T) {
	t.Parallel()
	data := makeZip(t, map[string]string{"a/new/sample.json": `{"iters":[1]}`, "a/new/benchmark.json": `{}`, "report/index.html": "<html>"})
	tarball, n, err := ExtractTree(data, DefaultLimits)
	if err != nil || n != 2 {
		t.Fatalf("ExtractTree: %d files, %v; want the 2 JSON files", n, err)
	}
	var names []string
	tr := tar.NewReader(bytes.NewReader(tarball))
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(tr)
		if h.Name == "a/new/sample.json" && string(body) != `{"iters":[1]}` {
			t.Errorf("sample.json packed as %q", body)
		}
		names = append(names, h.Name)
	}
	slices.Sort(names)
	if !slices.Equal(names, []string{"a/new/benchmark.json", "a/new/sample.json"}) {
		t.Errorf("packed %q", names)
	}
	// The JSON files together may weigh MaxJSONBytes.
	if _, _, err := ExtractTree(data, Limits{MaxZipBytes: 1 << 20, MaxJSONBytes: 14}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("two files of 2 and 13 bytes over a cap of 14 together: err = %v, want ErrTooLarge", err)
	}
	if _, _, err := ExtractTree(makeZip(t, map[string]string{"../x.json": "{}"}), DefaultLimits); err == nil {
		t.Errorf("a member that escapes: no error")
	}
}

func TestExtractTarball(t *testing.T) {
	t.Parallel()
	name, content, err := ExtractTarball(makeZip(t, map[string]string{"criterion.tgz": "TGZ", "notes.txt": "x"}), DefaultLimits)
	if err != nil || name != "criterion.tgz" || string(content) != "TGZ" {
		t.Errorf("ExtractTarball = %q, %q, %v", name, content, err)
	}
	if _, _, err := ExtractTarball(makeZip(t, map[string]string{"a.json": "{}"}), DefaultLimits); err == nil {
		t.Errorf("no tar archive: no error")
	}
}
