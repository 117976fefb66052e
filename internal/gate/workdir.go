package gate

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/compare"
)

// The working-directory input: the directory of the Go module whose benchmarks
// the gate runs, for a repository whose module is not at its top (a monorepo's
// backend/, or one gate per module). Recording (suite go-test), a ref: baseline
// (that directory of the base revision) and a go-test shard run there. The paths
// of the other inputs stay relative to the repository's top (the step's working
// directory), as every path of a workflow is; the defaults follow the module:
// output-dir is benchmarks/output in it, the config .cost-ops-bench.yml in it when
// it has one, and key (the sticky comment's) is the directory, so that the gates
// of several modules on one pull request keep one comment each.

// resolveWorkDir checks the working-directory input and applies its defaults to
// v: v.workDir is the directory the suite runs in ("." without the input). When
// the suite runs here, the directory must hold the module's go.mod.
func (v *validated) resolveWorkDir() error {
	v.workDir = "."
	in := strings.TrimSpace(v.WorkingDirectory)
	if in == "" {
		if v.OutputDir == "" {
			v.OutputDir = DefaultOutputDir
		}
		return nil
	}
	dir := filepath.Clean(in)
	st, err := os.Stat(dir)
	switch {
	case err != nil && os.IsNotExist(err):
		return fmt.Errorf("input working-directory: %q: no such directory (the path is relative to the repository's top, the step's working directory)", in)
	case err != nil:
		return fmt.Errorf("input working-directory: %w", err)
	case !st.IsDir():
		return fmt.Errorf("input working-directory: %q: not a directory", in)
	}
	if v.Current == "" && !fileExists(filepath.Join(dir, "go.mod")) {
		return fmt.Errorf("input working-directory: %q: no go.mod in this directory: give the directory of the Go module whose benchmarks the gate runs (packages selects packages inside it)", in)
	}
	v.workDir = dir
	if v.OutputDir == "" {
		v.OutputDir = filepath.Join(dir, DefaultOutputDir)
	}
	if v.Key == "" && dir != "." {
		v.Key = filepath.ToSlash(dir)
	}
	return nil
}

// configPath is the config file to read: the config input, else
// .cost-ops-bench.yml of the working directory when it has one, else the one at
// the repository's top when it exists, else none ("": the built-in defaults).
func (v validated) configPath() string {
	if v.Config != "" {
		return v.Config
	}
	for _, dir := range []string{v.workDir, "."} {
		if p := filepath.Join(dir, compare.DefaultConfigFile); fileExists(p) {
			return p
		}
	}
	return ""
}
