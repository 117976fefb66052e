package engine

import (
	"errors"
	"fmt"
	"math"
	"time"
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
	fCacheWrite1h
	fAudio
	fImage
	fServiceTier
	fWebSearch
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
	case "cache_write_1h_tokens":
		return fCacheWrite1h
	case "audio_input_tokens":
		return fAudio
	case "image_input_tokens":
		return fImage
	case "service_tier":
		return fServiceTier
	case "web_search_requests":
		return fWebSearch
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
	intern *Interner
	scr    []byte // scratch for strings with escapes
}

// parseRecord decodes the JSON object b into u. On failure it returns the field at
// fault ("" when the object itself is malformed) and the error.
func parseRecord(b []byte, u *Usage, in *Interner) (string, error) {
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
		return p.stringInto(&u.ID)
	case fProvider:
		return p.name(&u.Provider, &u.keys.provider)
	case fModel:
		return p.name(&u.Model, &u.keys.model)
	case fOrganization:
		return p.name(&u.OrganizationID, &u.keys.organization)
	case fProject:
		return p.name(&u.ProjectID, &u.keys.project)
	case fUser:
		var id int32
		return p.name(&u.UserID, &id)
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
	case fCacheWrite1h:
		return p.count(&u.CacheWrite1hTokens)
	case fAudio:
		return p.count(&u.AudioInputTokens)
	case fImage:
		return p.count(&u.ImageInputTokens)
	case fWebSearch:
		return p.count(&u.WebSearchRequests)
	case fServiceTier:
		var id int32
		return p.name(&u.ServiceTier, &id)
	default:
		return p.tags(&u.Tags)
	}
}

// stringInto reads a string or null into dst.
func (p *recordParser) stringInto(dst *string) error {
	if p.null() {
		return nil
	}
	b, err := p.str()
	if err != nil {
		return err
	}
	*dst = string(b)
	return nil
}

// name reads a string or null into dst, interned, and its id (plus one) into id.
func (p *recordParser) name(dst *string, id *int32) error {
	if p.null() {
		return nil
	}
	b, err := p.str()
	if err != nil {
		return err
	}
	*dst, *id = p.intern.bytes(b)
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

// count reads a non-negative integer, or null (zero). The first 18 digits cannot
// overflow; only further ones are checked.
func (p *recordParser) count(dst *int64) error {
	if p.null() {
		return nil
	}
	b, start := p.b, p.i
	if p.eat('-') {
		p.number()
		return errNegative
	}
	var n int64
	i := start
	for ; i < len(b); i++ {
		d := b[i] - '0'
		if d > 9 {
			break
		}
		if i-start >= 18 && n > (math.MaxInt64-int64(d))/10 {
			p.i = i
			return errTooLarge
		}
		n = n*10 + int64(d)
	}
	p.i = i
	if i < len(b) && (b[i] == '.' || b[i] == 'e' || b[i] == 'E') {
		return errFraction
	}
	if i == start {
		return fmt.Errorf("%w, found %s", errNotInteger, describe(b[start:]))
	}
	if i-start > 1 && b[start] == '0' {
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
		k, _ := p.intern.bytes(kb)
		if p.skipSpace(); !p.eat(':') {
			return p.unexpected("':'")
		}
		p.skipSpace()
		vb, err := p.str()
		if err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
		m[k], _ = p.intern.bytes(vb)
		p.skipSpace()
		if p.eat('}') {
			return nil
		}
		if !p.eat(',') {
			return p.unexpected("',' or '}'")
		}
	}
}
