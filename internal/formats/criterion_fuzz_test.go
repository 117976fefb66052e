package formats

import (
	"archive/tar"
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// FuzzCriterion feeds any content as one benchmark's new/sample.json,
// new/benchmark.json and new/estimates.json. Properties: no panic; an error starts
// with the folder read and names the format; a document read passes
// bench.Validate, survives Encode and DecodeJSON unchanged, has as many samples
// as times; and the same files in a tar archive read the same.
func FuzzCriterion(f *testing.F) {
	for _, run := range []string{"base", "slow"} {
		for _, b := range []string{"sum 4096", "strings/copy/256"} {
			dir := filepath.Join(realFixtures, "criterion", run, "criterion", b, "new")
			var files [3][]byte
			for i, name := range []string{"sample.json", "benchmark.json", "estimates.json"} {
				data, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					f.Fatal(err)
				}
				files[i] = data
			}
			f.Add(files[0], files[1], files[2])
			f.Add(files[0][:len(files[0])/2], files[1], []byte(nil))
		}
	}
	f.Add([]byte(`{"iters":[1,1e308],"times":[1e308,5e-324]}`), []byte(`{"throughput":{"Elements":1e308}}`), []byte(`{"median":{"confidence_interval":{"lower_bound":-1,"upper_bound":1e308}}}`))
	f.Fuzz(func(t *testing.T, sample, benchmark, estimates []byte) {
		const root = "target/criterion"
		files := map[string][]byte{"b/new/sample.json": sample}
		if benchmark != nil {
			files["b/new/benchmark.json"] = benchmark
		}
		if estimates != nil {
			files["b/new/estimates.json"] = estimates
		}
		doc, err := readCriterionFiles(root, files)
		if err != nil {
			if !strings.HasPrefix(err.Error(), root) || !strings.Contains(err.Error(), "criterion") {
				t.Fatalf("error does not name the folder and the format: %v", err)
			}
		} else {
			checkCriterionDoc(t, doc)
		}
		var buf bytes.Buffer
		tw := tar.NewWriter(&buf)
		for _, name := range []string{"b/new/sample.json", "b/new/benchmark.json", "b/new/estimates.json"} {
			if data, ok := files[name]; ok {
				tw.WriteHeader(&tar.Header{Name: "criterion/" + name, Mode: 0o644, Size: int64(len(data)), Typeflag: tar.TypeReg})
				tw.Write(data)
			}
		}
		tw.Close()
		fromTar, tarErr := Read(buf.Bytes(), "c.tar", "")
		if (err == nil) != (tarErr == nil) {
			t.Fatalf("folder: %v; the same in a tar archive: %v", err, tarErr)
		}
		if err == nil && !reflect.DeepEqual(doc.Results, fromTar.Results) {
			t.Fatalf("the tar archive read differently from the folder")
		}
	})
}

func checkCriterionDoc(t *testing.T, doc *bench.Document) {
	t.Helper()
	if err := bench.Validate(doc, "doc"); err != nil {
		t.Fatalf("accepted a document that does not validate: %v", err)
	}
	data, err := bench.Encode(doc)
	if err != nil {
		t.Fatal(err)
	}
	back, err := bench.DecodeJSON(data, "back.json")
	if err != nil || !reflect.DeepEqual(back, doc) {
		t.Fatalf("the document does not read back unchanged: %v", err)
	}
}
