package gotest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/internal/samerunner"
)

// ThisModule is cost-ops-bench's own module path: in a checkout of it (or of a
// fork, which keeps the path) the default suite is the built-in one.
const ThisModule = "github.com/cost-ops-bench/cost-ops-bench"

// Module is the Go module a directory belongs to.
type Module struct {
	Path string // the module path of go.mod, e.g. example.com/mymodule
	File string // the go.mod file
}

// ErrNoModule is returned by FindModule when no go.mod holds the directory.
var ErrNoModule = errors.New("no go.mod in this directory or any parent")

// FindModule returns the module of dir: the nearest go.mod in dir or a parent,
// as the go command finds it. A go.mod that does not parse is an error naming it.
func FindModule(dir string) (Module, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return Module{}, err
	}
	for d := abs; ; {
		file := filepath.Join(d, "go.mod")
		data, err := os.ReadFile(file)
		if err == nil {
			path, err := modulePath(data)
			if err != nil {
				return Module{}, fmt.Errorf("%s: %w", file, err)
			}
			return Module{Path: path, File: file}, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return Module{}, err
		}
		parent := filepath.Dir(d)
		if parent == d {
			return Module{}, fmt.Errorf("%s: %w", abs, ErrNoModule)
		}
		d = parent
	}
}

// DefaultSuite is the suite that runs in dir when none is named: the built-in
// suite in cost-ops-bench's own module (ThisModule), the module's own `go test`
// benchmarks (go-test) in any other Go module. Outside a Go module the error wraps
// ErrNoModule: the caller decides (run measures the built-in suite there; the
// gate asks for a result file instead).
func DefaultSuite(dir string) (samerunner.Suite, Module, error) {
	m, err := FindModule(dir)
	if err != nil {
		return samerunner.SuiteBuiltin, m, err
	}
	if m.Path == ThisModule {
		return samerunner.SuiteBuiltin, m, nil
	}
	return samerunner.SuiteGoTest, m, nil
}

// modulePath reads the module path of a go.mod file: its module directive, the
// path bare or quoted, comments aside.
func modulePath(data []byte) (string, error) {
	for i, line := range strings.Split(string(data), "\n") {
		line, _, _ = strings.Cut(line, "//")
		f := strings.Fields(line)
		if len(f) == 0 || f[0] != "module" {
			continue
		}
		if len(f) != 2 {
			return "", fmt.Errorf("line %d: want module <path>", i+1)
		}
		if p, err := strconv.Unquote(f[1]); err == nil {
			return p, nil
		}
		return f[1], nil
	}
	return "", errors.New("no module directive")
}
