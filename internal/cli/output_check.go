package cli

import (
	"fmt"
	"os"
	"path/filepath"
)

// checkOutputDir finds, before the suite runs, an output directory that the run
// could not write to at its end: a path through a regular file, or a directory
// without write permission. It creates nothing: it looks for the nearest part of
// the path that exists (DIR/raw, DIR or a parent) and tries a temporary file there.
func checkOutputDir(dir string) error {
	p := filepath.Join(dir, "raw")
	for {
		fi, err := os.Stat(p)
		if err == nil {
			switch {
			case fi.IsDir():
			case p == filepath.Clean(dir):
				return fmt.Errorf("%s is not a directory", dir)
			default:
				return fmt.Errorf("%s: %s is not a directory", dir, p)
			}
			return checkWritable(dir, p)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return fmt.Errorf("%s: %w", dir, err)
		}
		p = parent
	}
}

// checkWritable creates and removes a temporary file in the existing directory p.
func checkWritable(dir, p string) error {
	f, err := os.CreateTemp(p, ".cost-ops-bench-check-*")
	if err != nil {
		return fmt.Errorf("%s: cannot write in %s: %w", dir, p, err)
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}
