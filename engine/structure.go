package engine

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// Structure is the pricing structure of an Entry: how the entry turns the token
// counts of a record into a cost. The structures are *PerToken, *PerRequest and
// *Tiered; each is one file of this package that knows how to read itself from its
// YAML node (exactly, never through float64), check itself, and price a record with
// an integer fast path and an exact arbitrary-precision fallback.
//
// Adding a structure is one file (its type, parser, rules and pricer, with the
// unexported method below) and its line in the registry, structureKinds.
type Structure interface {
	// Kind returns the structure's key in a catalog entry, such as "per_token".
	Kind() string
	// Validate checks the structure's own rules: non-negative prices, a discount
	// within 0..1, tiers with bands. ParseCatalog and NewCatalog call it.
	Validate() error
	// compile returns the structure's pricer, ready for the hot path. It is called
	// once per entry, after Validate succeeded, and must not keep s: a later change
	// to s does not change the entry's prices.
	compile() pricer
}

// pricer prices the counts of one record. The counts are passed by value, so that
// a record never escapes to the heap through the call; cost must not allocate
// unless a value leaves the integer range (prices with more than 10 decimal places,
// amounts beyond the int64 range of Money).
type pricer interface {
	cost(c counts) (in, out Money, err error)
}

// counts are the token counts of a record that prices depend on. They have been
// checked (checkCounts) before any pricer sees them.
type counts struct {
	prompt, completion, total int64
	cached, cacheWrite        int64
	cacheWrite1h              int64 // part of cacheWrite
	audio, image              int64 // part of the prompt that is neither read nor written to a cache
}

func countsOf(u *Usage) counts {
	return counts{prompt: u.PromptTokens, completion: u.CompletionTokens, total: u.TotalTokens,
		cached: u.CachedTokens, cacheWrite: u.CacheWriteTokens, cacheWrite1h: u.CacheWrite1hTokens,
		audio: u.AudioInputTokens, image: u.ImageInputTokens}
}

// structureKinds is the registry of pricing structures: the key of each in a
// catalog entry and the parser of its YAML node. It is the one place that lists
// them.
var structureKinds = []struct {
	kind  string
	parse func(n *yaml.Node) (Structure, error)
}{
	{"per_token", parsePerToken},
	{"per_request", parsePerRequest},
	{"tiered", parseTiered},
}

// structureParser returns the parser of the structure whose key is kind, or nil.
func structureParser(kind string) func(*yaml.Node) (Structure, error) {
	for _, s := range structureKinds {
		if s.kind == kind {
			return s.parse
		}
	}
	return nil
}

// structureKeys lists the keys of the registry, for messages: "per_token,
// per_request, tiered".
func structureKeys() string {
	keys := make([]string, len(structureKinds))
	for i, s := range structureKinds {
		keys[i] = s.kind
	}
	return strings.Join(keys, ", ")
}

// structuresError is the error of an entry with no structure or several.
func structuresError(kinds []string) error {
	if len(kinds) == 0 {
		return fmt.Errorf("no pricing structure: want exactly one of %s", structureKeys())
	}
	return fmt.Errorf("%d pricing structures (%s): want exactly one", len(kinds), strings.Join(kinds, ", "))
}
