// Package formats reads benchmark results into result documents (bench.Document),
// whatever tool wrote them: the suite's own result JSON, Go benchmark format, and
// other tools' output. It owns input formats: one reader per format, each behind
// the Format interface and registered in one place (registry.go), so that adding a
// format is one file and its tests.
//
// A format is detected from the content (never from the file name), or forced by
// name (`compare --input-format NAME`). Input is capped at bench.MaxFileSize. Every
// reader validates what it builds with bench.Validate, and every error names the
// file and, for another tool's output, the format.
package formats

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// Format reads one tool's output. Implementations are stateless values.
type Format interface {
	// Name is what --input-format takes: lower case, no spaces ("gobench").
	Name() string
	// Detect reports whether in looks like this format, from its content alone;
	// it must be cheap and must not fail.
	Detect(in *Input) bool
	// Read converts in into a document that passes bench.Validate. Errors start
	// with in.Name (the file) and name the line or field at fault.
	Read(in *Input) (*bench.Document, error)
}

// ErrUnknownFormat is returned (wrapped, naming the formats known) for an
// --input-format name that no reader has.
var ErrUnknownFormat = errors.New("unknown input format")

// Names returns the names of the known formats, in detection order.
func Names() []string {
	names := make([]string, len(registry))
	for i, f := range registry {
		names[i] = f.Name()
	}
	return names
}

// known is the list of format names that error messages give.
func known() string { return strings.Join(Names(), ", ") }

// Lookup returns the format named name, or an error wrapping ErrUnknownFormat
// that names the formats known. A format with variants takes one after a colon:
// "google-benchmark:cpu_time".
func Lookup(name string) (Format, error) {
	base, option, hasOption := strings.Cut(name, ":")
	i := slices.IndexFunc(registry, func(f Format) bool { return f.Name() == base })
	if i < 0 {
		return nil, fmt.Errorf("%w %q (known: %s)", ErrUnknownFormat, name, known())
	}
	if !hasOption {
		return registry[i], nil
	}
	v, ok := registry[i].(variants)
	if !ok {
		return nil, fmt.Errorf("%w %q: %s has no variants (known: %s)", ErrUnknownFormat, name, base, known())
	}
	f, err := v.variant(option)
	if err != nil {
		return nil, fmt.Errorf("%w %q: %w", ErrUnknownFormat, name, err)
	}
	return f, nil
}

// variants is a Format with variants, chosen by name after a colon.
type variants interface {
	// variant returns the variant named option, or an error naming the variants.
	variant(option string) (Format, error)
}

// Check returns the error Lookup gives for name, or nil; "" (detect) is valid.
// Commands call it on their flags before reading anything.
func Check(name string) error {
	if name == "" {
		return nil
	}
	_, err := Lookup(name)
	return err
}

// Detect returns the first format, in registry order, whose Detect accepts in,
// or nil.
func Detect(in *Input) Format {
	for _, f := range registry {
		if f.Detect(in) {
			return f
		}
	}
	return nil
}

// LoadFile reads the results in the file at path: in the format named format,
// or, when format is "", the one detected from the content. A directory is
// Criterion's (target/criterion), the one format that is a directory.
func LoadFile(path, format string) (*bench.Document, error) {
	if err := Check(format); err != nil {
		return nil, err
	}
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		if base, _, _ := strings.Cut(format, ":"); format != "" && base != criterionFormat {
			return nil, fmt.Errorf("%s: a directory, which only the %s format reads (target/criterion after `cargo bench`), not %s", path, criterionFormat, format)
		}
		return loadCriterionDir(path)
	}
	data, err := bench.ReadFileCapped(path)
	if err != nil {
		return nil, err
	}
	return Read(data, path, format)
}

// Load reads the results in r as LoadFile does; name is used in error messages.
func Load(r io.Reader, name, format string) (*bench.Document, error) {
	if err := Check(format); err != nil {
		return nil, err
	}
	data, err := bench.ReadCapped(r, name)
	if err != nil {
		return nil, err
	}
	return Read(data, name, format)
}

// Read reads the results in data (the content of the file name) as LoadFile does.
func Read(data []byte, name, format string) (*bench.Document, error) {
	in := NewInput(name, data)
	var f Format
	if format != "" {
		var err error
		if f, err = Lookup(format); err != nil {
			return nil, err
		}
	} else if f = Detect(in); f == nil {
		return nil, undetected(in)
	}
	return f.Read(in)
}

// undetected is the error for content that no format recognises.
func undetected(in *Input) error {
	what := "no benchmark results"
	switch {
	case len(in.Text()) == 0:
		what = "no benchmark results: empty file"
	case len(in.Keys()) > 0:
		keys := slices.Clone(in.Keys()[:min(len(in.Keys()), 6)])
		for i, k := range keys {
			keys[i] = strconv.Quote(k)
		}
		what = "a JSON object (keys " + strings.Join(keys, ", ") + ") of no format this program reads"
	case in.IsJSON():
		what = "JSON of no format this program reads"
	}
	return fmt.Errorf("%s: %s (formats known: %s; --input-format NAME forces one)", in.Name, what, known())
}
