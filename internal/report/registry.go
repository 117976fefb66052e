package report

import (
	"fmt"
	"io"
	"strings"
)

// Format is one format of a kind of report R: a name and how it renders an R.
type Format[R any] struct {
	Name    string
	Bounded bool // it honours Options.MaxBytes
	render  func(w io.Writer, r R, o Options) error
}

// NewFormat is a format called name that renders with render; bounded says whether
// it honours Options.MaxBytes.
func NewFormat[R any](name string, bounded bool, render func(w io.Writer, r R, o Options) error) Format[R] {
	return Format[R]{Name: name, Bounded: bounded, render: render}
}

// Render writes r in the format. Options.MaxBytes with a format that is not
// Bounded is an error, never silently ignored.
func (f Format[R]) Render(w io.Writer, r R, o Options) error {
	if o.MaxBytes > 0 && !f.Bounded {
		return fmt.Errorf("the %s report is never cut to a size", f.Name)
	}
	return f.render(w, r, o)
}

// Registry lists the formats of one kind of report, in the order its help names
// them: the one place to add a format. Commands look formats up here, so an unknown
// name is an error naming the known ones, never a fallback.
type Registry[R any] []Format[R]

// Names lists the formats' names, in registry order.
func (g Registry[R]) Names() []string {
	names := make([]string, len(g))
	for i, f := range g {
		names[i] = f.Name
	}
	return names
}

// Lookup returns the format called name; an unknown name is an error that names the
// known ones.
func (g Registry[R]) Lookup(name string) (Format[R], error) {
	for _, f := range g {
		if f.Name == name {
			return f, nil
		}
	}
	return Format[R]{}, fmt.Errorf("unknown report format %q (known: %s)", name, strings.Join(g.Names(), ", "))
}

// Check is the error Render would return for o with the format called name: an
// unknown name, or a size limit (--max-bytes) a format that is never cut cannot
// honour. Commands call it before any work is done.
func (g Registry[R]) Check(name string, o Options) (Format[R], error) {
	f, err := g.Lookup(name)
	if err != nil {
		return f, err
	}
	if o.MaxBytes > 0 && !f.Bounded {
		var bounded []string
		for _, b := range g {
			if b.Bounded {
				bounded = append(bounded, b.Name)
			}
		}
		if len(bounded) == 0 {
			return f, fmt.Errorf("a size limit (--max-bytes) applies to no format of this report: the %s report is never cut", f.Name)
		}
		return f, fmt.Errorf("a size limit (--max-bytes) applies to the %s format only: the %s report is never cut",
			strings.Join(bounded, ", "), f.Name)
	}
	return f, nil
}
