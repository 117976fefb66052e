// Package buildtags owns the go command's build tags of the go-test suite: the
// -tags flag, and what to say when nothing matched because build constraints left
// the test files out. Both the recording (internal/gotest) and the same-runner A/B
// (internal/samerunner) use it.
package buildtags

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// Flag is the go command's -tags flag for tags, none when there are none.
func Flag(tags []string) []string {
	if len(tags) == 0 {
		return nil
	}
	return []string{"-tags=" + strings.Join(tags, ",")}
}

// NoPackagesError is the error of patterns that match no package with tests in
// dir: it names the patterns and dir, and the test files that build constraints
// leave out with tags, if any (Constrained).
func NoPackagesError(ctx context.Context, dir string, patterns, tags []string) error {
	return fmt.Errorf("go test: no package with tests matches %s in %s%s", strings.Join(patterns, " "), dir, Constrained(ctx, dir, patterns, tags))
}

// ignoredFormat prints the files of a package that its build constraints leave
// out with the tags given, one per line, with their directory.
const ignoredFormat = `{{range .IgnoredGoFiles}}{{$.Dir}}{{"\t"}}{{.}}{{"\n"}}{{end}}`

// Constrained explains a run in which nothing matched by the test files that build
// constraints leave out with tags (a benchmark behind //go:build bench): ", and
// build constraints leave out p/bench_test.go: give the build tags it needs (go-test
// --tags; the action's build-tags)". It says nothing when no test file is left out,
// or when go list cannot tell.
func Constrained(ctx context.Context, dir string, patterns, tags []string) string {
	args := append(append([]string{"list", "-e", "-f", ignoredFormat}, Flag(tags)...), "--")
	cmd := exec.CommandContext(ctx, "go", append(args, patterns...)...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	abs, _ := filepath.Abs(dir)
	var files []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkgDir, file, ok := strings.Cut(line, "\t")
		if !ok || !strings.HasSuffix(file, "_test.go") {
			continue
		}
		name := filepath.Join(pkgDir, file)
		if rel, err := filepath.Rel(abs, name); err == nil && !strings.HasPrefix(rel, "..") {
			name = rel
		}
		files = append(files, filepath.ToSlash(name))
	}
	if len(files) == 0 {
		return ""
	}
	const most = 5
	more := ""
	if len(files) > most {
		more = fmt.Sprintf(" and %d more", len(files)-most)
		files = files[:most]
	}
	with := "without build tags"
	if len(tags) > 0 {
		with = "with build tags " + strings.Join(tags, ",")
	}
	return fmt.Sprintf("; %s, build constraints leave out %s%s: give the tags they need (--tags; the action's input build-tags)", with, strings.Join(files, ", "), more)
}
