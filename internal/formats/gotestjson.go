package formats

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// goTestJSON is the event stream of `go test -json -bench`: one JSON object a line
// (test2json), whose "output" events carry the Go benchmark format text. The
// output is put back together package by package, in the order the packages
// started, and read as gobench reads text (every unit, packages kept apart).
type goTestJSON struct{}

func (goTestJSON) Name() string { return "gotest-json" }

// Detect accepts text whose first line is a JSON object with an "Action".
func (goTestJSON) Detect(in *Input) bool {
	first, _, _ := bytes.Cut(in.Text(), []byte("\n"))
	return len(first) > 0 && first[0] == '{' && bytes.Contains(first, []byte(`"Action"`))
}

type testEvent struct {
	Action  string `json:"Action"`
	Package string `json:"Package"`
	Output  string `json:"Output"`
}

func (goTestJSON) Read(in *Input) (*bench.Document, error) {
	const format = "gotest-json"
	var order []string
	out := map[string]*strings.Builder{}
	lineNo := 0
	for line := range bytes.Lines(in.Data) {
		lineNo++
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		if line[0] != '{' {
			// go test writes build errors and the like as plain text between events.
			continue
		}
		var e testEvent
		if err := json.Unmarshal(line, &e); err != nil {
			return nil, fmt.Errorf("%s:%d: %s: not a test event: %v", in.Name, lineNo, format, err)
		}
		if e.Action != "output" {
			continue
		}
		b := out[e.Package]
		if b == nil {
			b = &strings.Builder{}
			out[e.Package] = b
			order = append(order, e.Package)
		}
		b.WriteString(e.Output)
	}
	var text strings.Builder
	for _, pkg := range order {
		text.WriteString(out[pkg].String())
		text.WriteString("\n")
	}
	doc, err := parseGoBench([]byte(text.String()), in.Name+": "+format+" (its output)")
	if err != nil {
		return nil, err
	}
	doc.Version = "go test -json"
	return doc, nil
}
