// Package schema holds the JSON Schema (draft 2020-12) of the result document
// that `cost-ops-bench run` writes, for automated consumers of the files, and a
// validator built from it.
package schema

import (
	"bytes"
	_ "embed"
	"fmt"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// ResultJSON is the text of result.schema.json.
//
//go:embed result.schema.json
var ResultJSON []byte

// resultURL is the name the schema is compiled under ($id).
const resultURL = "https://github.com/cost-ops-bench/cost-ops-bench/schema/result.schema.json"

// Compile returns the result schema, compiled with formats (date-time) asserted.
func Compile() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(ResultJSON))
	if err != nil {
		return nil, fmt.Errorf("result.schema.json: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(resultURL, doc); err != nil {
		return nil, fmt.Errorf("result.schema.json: %w", err)
	}
	return c.Compile(resultURL)
}

// ValidateResult checks a result document's JSON text against the schema. name
// (usually the file) prefixes the error, which lists every violation with its
// location in the document.
func ValidateResult(name string, data []byte) error {
	s, err := Compile()
	if err != nil {
		return err
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := s.Validate(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
