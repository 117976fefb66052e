package e2e

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// skipDirs are not part of the action a user checks out.
var skipDirs = map[string]bool{".git": true, ".ci": true, ".github": true, "tools": true, "e2e": true, "benchmarks": true, "testdata": true}

// copyAction copies what building the action needs: action.yml, go.mod, go.sum
// and the module's non-test Go files.
func copyAction(t *testing.T, root, dst string) {
	t.Helper()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			if rel != "." && (skipDirs[d.Name()] || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		keep := rel == "action.yml" || rel == "go.mod" || rel == "go.sum" ||
			(strings.HasSuffix(rel, ".go") && !strings.HasSuffix(rel, "_test.go")) ||
			(filepath.Dir(rel) != "." && !strings.HasSuffix(rel, ".go") && isEmbedded(rel))
		if !keep {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		writeFile(t, filepath.Join(dst, rel), data)
		return nil
	})
	if err != nil {
		t.Fatalf("copying the action: %v", err)
	}
}

// isEmbedded keeps data files that Go packages may embed (pricing catalogs).
func isEmbedded(rel string) bool {
	switch filepath.Ext(rel) {
	case ".yaml", ".yml", ".json", ".tmpl":
		return true
	}
	return false
}
