package engine

import (
	"encoding/json"
	"slices"
	"strings"
)

// NamedSum is the money summed under one name of a breakdown.
type NamedSum struct {
	Name  string
	Total Money
}

// Sums is a breakdown of a Summary by name: one NamedSum per name, sorted by name
// (bytewise, as strings.Compare orders them), no name twice. In JSON it is an
// object from name to decimal string, keys in that order: what encoding/json
// writes for a map[string]Money.
type Sums []NamedSum

// Lookup returns the sum of name, and whether name has one.
func (s Sums) Lookup(name string) (Money, bool) {
	i, ok := slices.BinarySearchFunc(s, name, func(e NamedSum, name string) int { return strings.Compare(e.Name, name) })
	if !ok {
		return Money{}, false
	}
	return s[i].Total, true
}

// Get returns the sum of name; zero when name has none.
func (s Sums) Get(name string) Money {
	m, _ := s.Lookup(name)
	return m
}

// Map returns the sums as a map from name to sum.
func (s Sums) Map() map[string]Money {
	out := make(map[string]Money, len(s))
	for _, e := range s {
		out[e.Name] = e.Total
	}
	return out
}

// MarshalJSON writes s as a JSON object, {} when s is empty: the bytes
// encoding/json writes for s.Map() (keys escaped and sorted as it does).
func (s Sums) MarshalJSON() ([]byte, error) {
	b := append(make([]byte, 0, 2+32*len(s)), '{')
	for i, e := range s {
		if i > 0 {
			b = append(b, ',')
		}
		k, err := json.Marshal(e.Name)
		if err != nil {
			return nil, err
		}
		b = append(append(b, k...), ':', '"')
		b = append(e.Total.AppendText(b), '"')
	}
	return append(b, '}'), nil
}

// UnmarshalJSON reads a JSON object from name to decimal string, as MarshalJSON
// writes it, into sorted Sums.
func (s *Sums) UnmarshalJSON(data []byte) error {
	var m map[string]Money
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	out := make(Sums, 0, len(m))
	for k, v := range m {
		out = append(out, NamedSum{Name: k, Total: v})
	}
	slices.SortFunc(out, func(a, b NamedSum) int { return strings.Compare(a.Name, b.Name) })
	*s = out
	return nil
}
