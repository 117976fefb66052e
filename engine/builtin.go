package engine

import (
	_ "embed"
	"sync"
)

//go:embed builtin.yaml
var builtinYAML []byte

// BuiltinName is the name of the built-in catalog in errors and Entry.Source.
const BuiltinName = "builtin.yaml"

var builtin = sync.OnceValues(func() (*Catalog, error) {
	return ParseCatalog(BuiltinName, builtinYAML)
})

// BuiltinCatalog returns the catalog embedded in the program: the list prices of
// common models of openai, anthropic, googlevertexai, azureopenai, awsbedrock,
// mistral and cohere, with their cache prices and long-context tiers. It is parsed
// once; the result is shared and must not be changed.
func BuiltinCatalog() (*Catalog, error) { return builtin() }

// BuiltinYAML returns the text of the built-in catalog, a starting point for a
// catalog of one's own.
func BuiltinYAML() []byte { return append([]byte(nil), builtinYAML...) }
