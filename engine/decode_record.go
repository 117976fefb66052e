package engine

import (
	"errors"
	"fmt"
	"math"
	"time"
	"unsafe"
)

// The fields of a usage record, as bits of a "seen" mask.
const (
	fID = 1 << iota
	fTimestamp
	fProvider
	fModel
	fOrganization
	fProject
	fUser
	fPrompt
	fCompletion
	fTotal
	fCached
	fCacheWrite
	fReasoning
	fTags
)

// fieldBit returns the bit of a field name, or 0 for a name that is not a field. A
// switch on the name is faster than a map lookup.
func fieldBit(name []byte) int {
	switch string(name) {
	case "id":
		return fID
	case "timestamp":
		return fTimestamp
	case "provider":
		return fProvider
	case "model":
		return fModel
	case "organization_id":
		return fOrganization
	case "project_id":
		return fProject
	case "user_id":
		return fUser
	case "prompt_tokens":
		return fPrompt
	case "completion_tokens":
		return fCompletion
	case "total_tokens":
		return fTotal
	case "cached_tokens":
		return fCached
	case "cache_write_tokens":
		return fCacheWrite
	case "reasoning_tokens":
		return fReasoning
	case "tags":
		return fTags
	}
	return 0
}

var (
	errNegative   = errors.New("must be a non-negative integer, found a negative number")
	errFraction   = errors.New("must be a non-negative integer, found a fraction or exponent")
	errNotInteger = errors.New("must be a non-negative integer")
	errTooLarge   = errors.New("integer too large")
)

// recordParser parses one JSON object into a Usage. It knows the record's fields and
// nothing else, which keeps it fast and its errors precise.
type recordParser struct {
	b      []byte
	i      int
	intern *interner
	scr    []byte // scratch for strings with escapes
}

// parseRecord decodes the JSON object b into u. On failure it returns the field at
// fault ("" when the object itself is malformed) and the error.
func parseRecord(b []byte, u *Usage, in *interner) (string, error) {
	*u = Usage{}
	p := recordParser{b: b, intern: in}
	seen, field, err := p.object(u)
	if err != nil {
		return field, err
	}
	if p.skipSpace(); p.i < len(p.b) {
		return "", fmt.Errorf("unexpected %q after the record", p.b[p.i])
	}
	if seen&fTotal == 0 {
		if u.PromptTokens > math.MaxInt64-u.CompletionTokens {
			return "total_tokens", errTooLarge
		}
		u.TotalTokens = u.PromptTokens + u.CompletionTokens
	}
	return "", nil
}

func (p *recordParser) object(u *Usage) (seen int, field string, err error) {
	p.skipSpace()
	if !p.eat('{') {
		return 0, "", p.unexpected("'{'")
	}
	if p.skipSpace(); p.eat('}') {
		return 0, "", nil
	}
	for {
		p.skipSpace()
		key, err := p.str()
		if err != nil {
			return seen, "", fmt.Errorf("field name: %w", err)
		}
		bit := fieldBit(key)
		if bit == 0 {
			return seen, string(key), errors.New("unknown field")
		}
		if seen&bit != 0 {
			return seen, string(key), errors.New("duplicate field")
		}
		seen |= bit
		if p.skipSpace(); !p.eat(':') {
			return seen, string(key), p.unexpected("':'")
		}
		p.skipSpace()
		if err := p.value(bit, u); err != nil {
			return seen, string(key), err
		}
		p.skipSpace()
		if p.eat('}') {
			return seen, "", nil
		}
		if !p.eat(',') {
			return seen, "", p.unexpected("',' or '}'")
		}
	}
}

func (p *recordParser) value(bit int, u *Usage) error {
	switch bit {
	case fID:
		return p.stringInto(&u.ID, false)
	case fProvider:
		return p.stringInto(&u.Provider, true)
	case fModel:
		return p.stringInto(&u.Model, true)
	case fOrganization:
		return p.stringInto(&u.OrganizationID, true)
	case fProject:
		return p.stringInto(&u.ProjectID, true)
	case fUser:
		return p.stringInto(&u.UserID, true)
	case fTimestamp:
		return p.timestamp(&u.Timestamp)
	case fPrompt:
		return p.count(&u.PromptTokens)
	case fCompletion:
		return p.count(&u.CompletionTokens)
	case fTotal:
		return p.count(&u.TotalTokens)
	case fCached:
		return p.count(&u.CachedTokens)
	case fCacheWrite:
		return p.count(&u.CacheWriteTokens)
	case fReasoning:
		return p.count(&u.ReasoningTokens)
	default:
		return p.tags(&u.Tags)
	}
}

// stringInto reads a string or null into dst, interning it when intern is true.
func (p *recordParser) stringInto(dst *string, intern bool) error {
	if p.null() {
		return nil
	}
	b, err := p.str()
	if err != nil {
		return err
	}
	if intern {
		*dst = p.intern.get(b)
	} else {
		*dst = string(b)
	}
	return nil
}

func (p *recordParser) timestamp(dst *time.Time) error {
	if p.null() {
		return nil
	}
	b, err := p.str()
	if err != nil {
		return err
	}
	t, err := time.Parse(time.RFC3339Nano, string(b))
	if err != nil {
		return fmt.Errorf("not an RFC 3339 time: %q", b)
	}
	*dst = t
	return nil
}

// count reads a non-negative integer, or null (zero).
func (p *recordParser) count(dst *int64) error {
	if p.null() {
		return nil
	}
	start := p.i
	if p.eat('-') {
		p.number()
		return errNegative
	}
	var n int64
	digits := 0
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
		d := int64(p.b[p.i] - '0')
		if n > (math.MaxInt64-d)/10 {
			return errTooLarge
		}
		n = n*10 + d
		p.i++
		digits++
	}
	if p.i < len(p.b) && (p.b[p.i] == '.' || p.b[p.i] == 'e' || p.b[p.i] == 'E') {
		return errFraction
	}
	if digits == 0 {
		return fmt.Errorf("%w, found %s", errNotInteger, describe(p.b[start:]))
	}
	if digits > 1 && p.b[start] == '0' {
		return errors.New("number with a leading zero")
	}
	*dst = n
	return nil
}

func (p *recordParser) tags(dst *map[string]string) error {
	if p.null() {
		return nil
	}
	if !p.eat('{') {
		return p.unexpected("an object")
	}
	m := make(map[string]string)
	*dst = m
	if p.skipSpace(); p.eat('}') {
		return nil
	}
	for {
		p.skipSpace()
		kb, err := p.str()
		if err != nil {
			return err
		}
		k := p.intern.get(kb)
		if p.skipSpace(); !p.eat(':') {
			return p.unexpected("':'")
		}
		p.skipSpace()
		vb, err := p.str()
		if err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
		m[k] = p.intern.get(vb)
		p.skipSpace()
		if p.eat('}') {
			return nil
		}
		if !p.eat(',') {
			return p.unexpected("',' or '}'")
		}
	}
}

// interner returns one string per distinct value of the low-cardinality fields
// (provider, model, organization, project, user, tags), so that records share them.
// A small cache indexed by a cheap hash saves most map lookups. The map stops taking
// new values past a bound, so memory stays bounded.
type interner struct {
	m     map[string]string
	cache [groupCacheSize]string
}

const maxInterned = 1 << 14

func newInterner() interner { return interner{m: make(map[string]string)} }

func (in *interner) get(b []byte) string {
	i, _ := slotsOf(unsafe.String(unsafe.SliceData(b), len(b))) // only hashed, not kept
	if c := in.cache[i]; c == string(b) {
		return c
	}
	s, ok := in.m[string(b)]
	if !ok {
		s = string(b)
		if len(in.m) < maxInterned {
			in.m[s] = s
		}
	}
	in.cache[i] = s
	return s
}
