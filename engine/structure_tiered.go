package engine

import (
	"errors"
	"fmt"
	"math"

	"gopkg.in/yaml.v3"
)

// The bases of tiered pricing.
const (
	BasisTotalTokens  = "total_tokens"
	BasisPromptTokens = "prompt_tokens"
)

// Tiered picks the rates of a request by its token count (Basis: total_tokens by
// default, or prompt_tokens for long-context pricing): the first tier, in order, with
// MinTokens <= count <= MaxTokens applies its rates to all tokens of the request. No
// matching tier is an error.
//
// In a catalog: tiered: {basis?, tiers: [{min_tokens, max_tokens?, and the fields of
// per_token}...]}.
type Tiered struct {
	Basis string // "" means total_tokens
	Tiers []Tier
}

// Tier is one band of a Tiered price. MaxTokens is nil when the band is unbounded.
// Its rates work as PerToken's.
type Tier struct {
	MinTokens int64
	MaxTokens *int64
	PerToken
}

// Kind returns "tiered".
func (t *Tiered) Kind() string { return "tiered" }

// Validate checks the basis, that there are tiers, that each band's bounds are
// ordered and non-negative, and each tier's rates as PerToken.Validate does.
func (t *Tiered) Validate() error {
	if t.Basis != "" && t.Basis != BasisTotalTokens && t.Basis != BasisPromptTokens {
		return fmt.Errorf("basis: %q: want %s or %s", t.Basis, BasisTotalTokens, BasisPromptTokens)
	}
	if len(t.Tiers) == 0 {
		return errors.New("tiers: empty")
	}
	for i := range t.Tiers {
		tier := &t.Tiers[i]
		switch {
		case tier.MinTokens < 0:
			return fmt.Errorf("tiers[%d].min_tokens: %d is negative", i, tier.MinTokens)
		case tier.MaxTokens != nil && *tier.MaxTokens < tier.MinTokens:
			return fmt.Errorf("tiers[%d].max_tokens: %d is below min_tokens %d", i, *tier.MaxTokens, tier.MinTokens)
		}
		if err := tier.PerToken.Validate(); err != nil {
			return fmt.Errorf("tiers[%d].%w", i, err)
		}
	}
	return nil
}

func (t *Tiered) compile() pricer {
	c := &tieredRates{basis: t.Basis, byPrompt: t.Basis == BasisPromptTokens, tiers: make([]compiledTier, len(t.Tiers))}
	if c.basis == "" {
		c.basis = BasisTotalTokens
	}
	for i, tier := range t.Tiers {
		max := int64(math.MaxInt64)
		if tier.MaxTokens != nil {
			max = *tier.MaxTokens
		}
		c.tiers[i] = compiledTier{min: tier.MinTokens, max: max, rates: compileRates(&tier.PerToken)}
	}
	return c
}

func parseTiered(n *yaml.Node) (Structure, error) {
	fields, err := mapping(n)
	if err != nil {
		return nil, err
	}
	t := &Tiered{Basis: BasisTotalTokens}
	for _, f := range fields {
		switch f.key {
		case "basis":
			t.Basis, err = basis(f.val)
		case "tiers":
			t.Tiers, err = parseTiers(f.val)
		default:
			err = errors.New("unknown field")
		}
		if err != nil {
			return nil, inField(f.key, f.val, err)
		}
	}
	if len(t.Tiers) == 0 {
		return nil, inField("tiers", n, errors.New("missing or empty"))
	}
	return t, nil
}

func basis(n *yaml.Node) (string, error) {
	s, err := nonEmptyString(n)
	if err == nil && s != BasisTotalTokens && s != BasisPromptTokens {
		err = fmt.Errorf("%q: want %s or %s", s, BasisTotalTokens, BasisPromptTokens)
	}
	return s, err
}

func parseTiers(n *yaml.Node) ([]Tier, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, errors.New("want a list of tiers")
	}
	tiers := make([]Tier, 0, len(n.Content))
	for i, tn := range n.Content {
		t, err := parseTier(tn)
		if err != nil {
			return nil, inField(fmt.Sprintf("[%d]", i), tn, err)
		}
		tiers = append(tiers, t)
	}
	return tiers, nil
}

func parseTier(n *yaml.Node) (Tier, error) {
	fields, err := mapping(n)
	if err != nil {
		return Tier{}, err
	}
	var t Tier
	var rates []keyValue
	for _, f := range fields {
		switch f.key {
		case "min_tokens":
			t.MinTokens, err = tokenCount(f.val)
		case "max_tokens":
			var max int64
			max, err = tokenCount(f.val)
			t.MaxTokens = &max
		default:
			rates = append(rates, f)
			err = t.PerToken.setField(f)
		}
		if err != nil {
			return Tier{}, inField(f.key, f.val, err)
		}
	}
	if t.MaxTokens != nil && *t.MaxTokens < t.MinTokens {
		return Tier{}, inField("max_tokens", n, fmt.Errorf("%d is below min_tokens %d", *t.MaxTokens, t.MinTokens))
	}
	return t, requireRates(n, rates)
}

// tieredRates is a compiled Tiered.
type tieredRates struct {
	basis    string
	byPrompt bool // basis is prompt_tokens
	tiers    []compiledTier
}

type compiledTier struct {
	min, max int64 // inclusive; max is math.MaxInt64 when unbounded
	rates    perTokenRates
}

// NoTierError is a record that no tier of a Tiered price holds: the catalog has
// no price for it (errors.Is(err, ErrNoPrice) holds).
type NoTierError struct {
	Basis string // total_tokens or prompt_tokens
	Count int64  // the record's count of that basis
}

func (e *NoTierError) Error() string { return fmt.Sprintf("no tier holds %s = %d", e.Basis, e.Count) }

// Unwrap returns ErrNoPrice.
func (e *NoTierError) Unwrap() error { return ErrNoPrice }

// cost prices c at the rates of the first tier whose band holds its basis count.
func (t *tieredRates) cost(c counts) (in, out Money, err error) {
	if r := t.of(c.total, c.prompt); r != nil {
		return r.cost(c)
	}
	n := c.total
	if t.basis == BasisPromptTokens {
		n = c.prompt
	}
	return Money{}, Money{}, &NoTierError{Basis: t.basis, Count: n}
}

// of returns the rates of the first tier whose band holds the basis count of a
// record of total and prompt tokens, or nil.
func (t *tieredRates) of(total, prompt int64) *perTokenRates {
	n := total
	if t.byPrompt {
		n = prompt
	}
	for i := range t.tiers {
		if tier := &t.tiers[i]; tier.min <= n && n <= tier.max {
			return &tier.rates
		}
	}
	return nil
}
