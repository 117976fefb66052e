package gotest

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
)

// tagsFlag is the go command's -tags flag for tags, none when there are none.
func tagsFlag(tags []string) []string {
	if len(tags) == 0 {
		return nil
	}
	return []string{"-tags=" + strings.Join(tags, ",")}
}

// ignoredFormat prints the files of a package that its build constraints leave
// out with the tags given, one per line, with their directory.
const ignoredFormat = `{{range .IgnoredGoFiles}}{{$.Dir}}{{"\t"}}{{.}}{{"\n"}}{{end}}`

// constrained explains a run in which nothing matched by the test files that build
// constraints leave out with tags (a benchmark behind //go:build bench): ", and
// build constraints leave out p/bench_test.go: give the build tags it needs (go-test
// --tags; the action's build-tags)". It says nothing when no test file is left out,
// or when go list cannot tell.
func constrained(ctx context.Context, dir string, patterns, tags []string) string {
	args := append(append([]string{"list", "-e", "-f", ignoredFormat}, tagsFlag(tags)...), "--")
	out, err := goCommand(ctx, dir, append(args, patterns...)...)
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
