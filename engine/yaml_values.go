package engine

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"gopkg.in/yaml.v3"
)

type keyValue struct {
	key string
	val *yaml.Node
}

// mapping returns the pairs of a YAML mapping in order, refusing duplicate keys.
func mapping(n *yaml.Node) ([]keyValue, error) {
	if n.Kind != yaml.MappingNode {
		return nil, &fieldError{line: n.Line, err: errors.New("want a mapping of fields")}
	}
	out := make([]keyValue, 0, len(n.Content)/2)
	seen := make(map[string]bool, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i].Value
		if seen[k] {
			return nil, inField(k, n.Content[i], errors.New("duplicate field"))
		}
		seen[k] = true
		out = append(out, keyValue{k, n.Content[i+1]})
	}
	return out, nil
}

func scalar(n *yaml.Node) (string, error) {
	if n.Kind != yaml.ScalarNode {
		return "", errors.New("want a single value")
	}
	if n.Tag == "!!null" {
		return "", errors.New("missing value")
	}
	return n.Value, nil
}

func nonEmptyString(n *yaml.Node) (string, error) {
	s, err := scalar(n)
	if err == nil && strings.TrimSpace(s) == "" {
		err = errors.New("empty")
	}
	return s, err
}

func stringList(n *yaml.Node) ([]string, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, errors.New("want a list of names")
	}
	out := make([]string, 0, len(n.Content))
	for _, c := range n.Content {
		s, err := nonEmptyString(c)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// price reads a non-negative decimal exactly from the YAML text of a number or string.
func price(n *yaml.Node) (decimal.Decimal, error) {
	s, err := scalar(n)
	if err != nil {
		return decimal.Decimal{}, err
	}
	d, err := decimal.NewFromString(strings.TrimSpace(s))
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("%q is not a decimal number", s)
	}
	if err := checkPrice(d); err != nil {
		return decimal.Decimal{}, fmt.Errorf("%s %w", s, err)
	}
	return d, nil
}

var errNegativePrice = errors.New("is negative")

// checkPrice checks that d is a non-negative decimal of the catalog's precision.
// Its error follows the price's text: "-1 is negative".
func checkPrice(d decimal.Decimal) error {
	if d.Sign() < 0 {
		return errNegativePrice
	}
	if exp := int(d.Exponent()); exp < -maxPricePlaces || d.NumDigits()+exp > maxPriceDigits {
		return fmt.Errorf("has too many digits: want at most %d decimal places and %d integer digits", maxPricePlaces, maxPriceDigits)
	}
	return nil
}

// A price has at most maxPricePlaces decimal places and maxPriceDigits integer digits,
// so that no catalog (1e-2000000000) sends exact arithmetic through numbers of a
// billion digits.
const (
	maxPricePlaces = 30
	maxPriceDigits = 20
)

func optionalPrice(n *yaml.Node) (*decimal.Decimal, error) {
	d, err := price(n)
	if err != nil {
		return nil, err
	}
	return &d, nil
}

func tokenCount(n *yaml.Node) (int64, error) {
	s, err := scalar(n)
	if err != nil {
		return 0, err
	}
	v, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || v < 0 {
		return 0, fmt.Errorf("%q is not a non-negative integer", s)
	}
	return v, nil
}

// date reads a date (2006-01-02, meaning 00:00 UTC) or an RFC 3339 time.
func date(n *yaml.Node) (time.Time, error) {
	s, err := scalar(n)
	if err != nil {
		return time.Time{}, err
	}
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is neither a date (2006-01-02) nor an RFC 3339 time", s)
	}
	return t, nil
}

func currency(n *yaml.Node) (string, error) {
	s, err := nonEmptyString(n)
	if err != nil {
		return "", err
	}
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) != 3 || strings.Trim(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
		return "", fmt.Errorf("%q is not a three-letter currency code", s)
	}
	return s, nil
}
