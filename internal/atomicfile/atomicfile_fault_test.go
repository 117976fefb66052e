package atomicfile

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// TestFaultConcurrentWritersNeverTear has two writers (two runs sharing an output
// folder) replace one file many times with large, different contents while a reader
// reads it: every read is one writer's complete content, and no temporary file
// is left behind.
func TestFaultConcurrentWritersNeverTear(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "latest.json")
	contents := [][]byte{bytes.Repeat([]byte("A"), 1<<20), bytes.Repeat([]byte("b"), 3<<19)}
	stop := make(chan struct{})
	var reads atomic.Int64
	var torn atomic.Value
	var readers sync.WaitGroup
	readers.Add(1)
	go func() {
		defer readers.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			data, err := os.ReadFile(path)
			if err != nil {
				continue // not written yet
			}
			if !bytes.Equal(data, contents[0]) && !bytes.Equal(data, contents[1]) {
				torn.Store(fmt.Sprintf("%d bytes starting %q", len(data), data[:min(len(data), 8)]))
			}
			reads.Add(1)
		}
	}()
	var writers sync.WaitGroup
	for _, c := range contents {
		writers.Add(1)
		go func() {
			defer writers.Done()
			for i := 0; i < 50; i++ {
				if err := WriteFile(path, c, 0o644); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	writers.Wait()
	close(stop)
	readers.Wait()
	if v := torn.Load(); v != nil {
		t.Errorf("a reader saw a torn file: %v", v)
	}
	if reads.Load() == 0 {
		t.Error("the reader never read the file: the test proved nothing")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left in the folder: %v", entries)
	}
}

// directWrite matches the standard library calls that write a file in place.
var directWrite = regexp.MustCompile(`\bos\.(WriteFile|Create|OpenFile)\(|\bioutil\.WriteFile\(`)

// TestFaultEveryWriteGoesThroughAtomicfile scans the program's Go files: no file is
// written in place (a crash or a concurrent run could leave it torn); everything goes
// through this package.
func TestFaultEveryWriteGoesThroughAtomicfile(t *testing.T) {
	t.Parallel()
	root := "../.."
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "tools" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(data), "\n") {
			if directWrite.MatchString(line) {
				t.Errorf("%s:%d writes a file in place; use atomicfile: %s", path, i+1, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
