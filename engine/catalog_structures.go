package engine

import (
	"errors"
	"fmt"

	"github.com/shopspring/decimal"
	"gopkg.in/yaml.v3"
)

// The parsers of the three pricing structures of a catalog entry.

func parsePerToken(n *yaml.Node) (*PerToken, error) {
	fields, err := mapping(n)
	if err != nil {
		return nil, err
	}
	p := &PerToken{}
	var haveIn, haveOut bool
	for _, f := range fields {
		switch f.key {
		case "input_per_million":
			haveIn = true
		case "output_per_million":
			haveOut = true
		}
		if err := p.setField(f); err != nil {
			return nil, err
		}
	}
	return p, requireFields(n, haveIn, haveOut)
}

func requireFields(n *yaml.Node, haveIn, haveOut bool) error {
	switch {
	case !haveIn:
		return inField("input_per_million", n, errMissing)
	case !haveOut:
		return inField("output_per_million", n, errMissing)
	}
	return nil
}

// setField sets one per-token rate; it reports false for keys it does not know.
func (p *PerToken) setField(f keyValue) error {
	var err error
	switch f.key {
	case "input_per_million":
		p.InputPerMillion, err = price(f.val)
	case "output_per_million":
		p.OutputPerMillion, err = price(f.val)
	case "cached_input_per_million":
		p.CachedInputPerMillion, err = optionalPrice(f.val)
	case "cache_write_per_million":
		p.CacheWritePerMillion, err = optionalPrice(f.val)
	case "cached_input_discount":
		p.CachedInputDiscount, err = optionalPrice(f.val)
		if err == nil && p.CachedInputDiscount.GreaterThan(decimal.NewFromInt(1)) {
			err = fmt.Errorf("%s is more than 1: want a fraction 0..1", p.CachedInputDiscount)
		}
	default:
		err = errors.New("unknown field")
	}
	if err != nil {
		return inField(f.key, f.val, err)
	}
	return nil
}

func parsePerRequest(n *yaml.Node) (*PerRequest, error) {
	fields, err := mapping(n)
	if err != nil {
		return nil, err
	}
	p := &PerRequest{}
	havePrice := false
	for _, f := range fields {
		switch f.key {
		case "price_per_request":
			p.PricePerRequest, err = price(f.val)
			havePrice = true
		case "included_tokens":
			p.IncludedTokens, err = tokenCount(f.val)
		case "overage_per_million":
			p.OveragePerMillion, err = price(f.val)
		default:
			err = errors.New("unknown field")
		}
		if err != nil {
			return nil, inField(f.key, f.val, err)
		}
	}
	if !havePrice {
		return nil, inField("price_per_request", n, errMissing)
	}
	return p, nil
}

func parseTiered(n *yaml.Node) (*Tiered, error) {
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
	var haveIn, haveOut bool
	for _, f := range fields {
		switch f.key {
		case "min_tokens":
			t.MinTokens, err = tokenCount(f.val)
		case "max_tokens":
			var max int64
			max, err = tokenCount(f.val)
			t.MaxTokens = &max
		default:
			haveIn = haveIn || f.key == "input_per_million"
			haveOut = haveOut || f.key == "output_per_million"
			err = t.PerToken.setField(f)
		}
		if err != nil {
			return Tier{}, inField(f.key, f.val, err)
		}
	}
	if t.MaxTokens != nil && *t.MaxTokens < t.MinTokens {
		return Tier{}, inField("max_tokens", n, fmt.Errorf("%d is below min_tokens %d", *t.MaxTokens, t.MinTokens))
	}
	return t, requireFields(n, haveIn, haveOut)
}
