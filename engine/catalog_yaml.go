package engine

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

var errMissing = errors.New("missing")

// LoadCatalog reads and parses the YAML pricing catalog at path.
func LoadCatalog(path string) (*Catalog, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read pricing catalog: %w", err)
	}
	return ParseCatalog(path, data)
}

// ParseCatalog parses a YAML pricing catalog: a list of entries (see the contract).
// Prices are read exactly from the YAML text, whether written as numbers or strings.
// name (usually the file) prefixes every error, as "name:line: entry N (provider
// model): field: what is wrong"; all the entries' errors are returned together.
func ParseCatalog(name string, data []byte) (*Catalog, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, fmt.Errorf("%s: empty pricing catalog: want a list of entries", name)
	}
	list := doc.Content[0]
	if list.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s:%d: the top level must be a list of entries", name, list.Line)
	}
	var errs []error
	entries := make([]*Entry, 0, len(list.Content))
	for i, n := range list.Content {
		e, err := parseEntry(n)
		if err != nil {
			line := n.Line
			if fe, ok := err.(*fieldError); ok {
				line = fe.line
			}
			errs = append(errs, fmt.Errorf("%s:%d: entry %d%s: %w", name, line, i, e.label(), err))
			continue
		}
		e.Source = fmt.Sprintf("%s:%d", name, n.Line)
		entries = append(entries, e)
	}
	if err := checkDuplicates(entries); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return newCatalog(name, entries), nil
}

// label names a partly parsed entry in errors: " (provider model)" or "".
func (e *Entry) label() string {
	if e == nil || e.Provider == "" && e.Model == "" {
		return ""
	}
	return " (" + strings.TrimSpace(e.Provider+" "+e.Model) + ")"
}

// fieldError is an error in a field of an entry: the line of the innermost value at
// fault and the path of fields down to it, such as "per_token.input_per_million".
type fieldError struct {
	line int
	path string
	err  error
}

func (e *fieldError) Error() string {
	if e.path == "" {
		return e.err.Error()
	}
	return e.path + ": " + e.err.Error()
}

func (e *fieldError) Unwrap() error { return e.err }

// inField returns err as an error in field, whose value is n: an inner field's error
// keeps its line and gains field in front of its path.
func inField(field string, n *yaml.Node, err error) error {
	if fe, ok := err.(*fieldError); ok {
		switch {
		case fe.path == "":
			fe.path = field
		case strings.HasPrefix(fe.path, "["):
			fe.path = field + fe.path
		default:
			fe.path = field + "." + fe.path
		}
		return fe
	}
	return &fieldError{line: n.Line, path: field, err: err}
}

func parseEntry(n *yaml.Node) (*Entry, error) {
	e := &Entry{Currency: "USD"}
	fields, err := mapping(n)
	if err != nil {
		return e, err
	}
	var structures []string
	for _, f := range fields {
		if err := e.setField(f, &structures); err != nil {
			return e, err
		}
	}
	if err := e.check(structures); err != nil {
		return e, err
	}
	e.compile()
	return e, nil
}

func (e *Entry) setField(f keyValue, structures *[]string) error {
	var err error
	switch f.key {
	case "provider":
		var s string
		s, err = nonEmptyString(f.val)
		e.Provider = CanonicalProvider(s)
	case "model":
		e.Model, err = nonEmptyString(f.val)
	case "aliases":
		e.Aliases, err = stringList(f.val)
	case "effective_date":
		e.EffectiveDate, err = date(f.val)
	case "end_date":
		e.EndDate, err = date(f.val)
	case "currency":
		e.Currency, err = currency(f.val)
	case "service_tier":
		e.ServiceTier, err = serviceTier(f.val)
	case "web_search_per_request":
		e.WebSearchPerRequest, err = optionalPrice(f.val)
	default:
		parse := structureParser(f.key)
		if parse == nil {
			err = errors.New("unknown field")
			break
		}
		*structures = append(*structures, f.key)
		e.Pricing, err = parse(f.val)
	}
	if err != nil {
		return inField(f.key, f.val, err)
	}
	return nil
}

// check applies the rules that involve several fields.
func (e *Entry) check(structures []string) error {
	switch {
	case e.Provider == "":
		return fmt.Errorf("provider: %w", errMissing)
	case e.Model == "":
		return fmt.Errorf("model: %w", errMissing)
	case e.EffectiveDate.IsZero():
		return fmt.Errorf("effective_date: %w", errMissing)
	case !e.EndDate.IsZero() && e.EndDate.Before(e.EffectiveDate):
		return fmt.Errorf("end_date: %s is before effective_date %s",
			e.EndDate.Format(time.RFC3339), e.EffectiveDate.Format(time.RFC3339))
	case len(structures) != 1:
		return structuresError(structures)
	case e.ServiceTier != TierStandard && e.ServiceTier != TierBatch && e.ServiceTier != TierPriority && e.ServiceTier != TierFlex:
		return fmt.Errorf("service_tier: %q: want standard (\"\"), batch, priority or flex", e.ServiceTier)
	}
	if e.WebSearchPerRequest != nil {
		if err := checkPrice(*e.WebSearchPerRequest); err != nil {
			return fmt.Errorf("web_search_per_request: %s %w", e.WebSearchPerRequest, err)
		}
	}
	if err := e.Pricing.Validate(); err != nil {
		return fmt.Errorf("%s: %w", e.Pricing.Kind(), err)
	}
	return nil
}

// checkDuplicates rejects two entries pricing the same provider and name (model or
// alias) from the same effective date: which one applies would be unclear.
func checkDuplicates(entries []*Entry) error {
	type key struct {
		provider, name, tier string
		from                 time.Time
	}
	seen := make(map[key]*Entry)
	var errs []error
	for _, e := range entries {
		for _, name := range e.names() {
			k := key{e.Provider, name, e.ServiceTier, e.EffectiveDate.UTC()}
			if prev, ok := seen[k]; ok && prev != e {
				errs = append(errs, fmt.Errorf("%s: provider %s, model %s: effective_date %s is already priced at %s",
					e.Source, e.Provider, name, e.EffectiveDate.Format("2006-01-02"), prev.Source))
				continue
			}
			seen[k] = e
		}
	}
	return errors.Join(errs...)
}

// serviceTier reads an entry's service_tier: standard (stored as ""), batch,
// priority or flex.
func serviceTier(n *yaml.Node) (string, error) {
	s, err := nonEmptyString(n)
	if err != nil {
		return "", err
	}
	switch s {
	case "standard":
		return TierStandard, nil
	case TierBatch, TierPriority, TierFlex:
		return s, nil
	}
	return "", fmt.Errorf("%q: want standard, batch, priority or flex", s)
}
