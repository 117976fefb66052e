package formats

import (
	"bytes"
	"encoding/json"
)

// Input is one file's content as the readers see it, with what detection
// needs computed once, on first use.
type Input struct {
	Name string // the file (or "stdin"), as errors name it
	Data []byte

	text     []byte // Data without a byte order mark and leading white space
	keys     []string
	values   map[string]json.RawMessage
	keysDone bool
}

// NewInput returns the input of the file name holding data.
func NewInput(name string, data []byte) *Input {
	return &Input{Name: name, Data: data, text: bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\ufeff")), " \t\r\n")}
}

// Text is the content without a byte order mark and leading white space.
func (in *Input) Text() []byte { return in.text }

// IsJSON reports whether the content starts as a JSON object or array does.
func (in *Input) IsJSON() bool {
	return len(in.text) > 0 && (in.text[0] == '{' || in.text[0] == '[')
}

// Keys returns the keys of the top-level JSON object, in order, as far as the
// content is a JSON object: a truncated or broken document still gives the keys
// before the break, so that it is recognised and its reader names what is wrong.
func (in *Input) Keys() []string {
	in.scanKeys()
	return in.keys
}

// HasKey reports whether the top-level JSON object has key.
func (in *Input) HasKey(key string) bool {
	for _, k := range in.Keys() {
		if k == key {
			return true
		}
	}
	return false
}

// Value returns the raw JSON value of a top-level key, or nil when the key is
// absent or its value did not decode (a truncated document).
func (in *Input) Value(key string) json.RawMessage {
	in.scanKeys()
	return in.values[key]
}

func (in *Input) scanKeys() {
	if in.keysDone {
		return
	}
	in.keysDone = true
	if len(in.text) == 0 || in.text[0] != '{' {
		return
	}
	dec := json.NewDecoder(bytes.NewReader(in.text))
	if _, err := dec.Token(); err != nil {
		return
	}
	in.values = map[string]json.RawMessage{}
	for dec.More() {
		tok, err := dec.Token()
		key, ok := tok.(string)
		if err != nil || !ok {
			return
		}
		in.keys = append(in.keys, key)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return
		}
		in.values[key] = v
	}
}

// firstItemHas reports whether the first element of the top-level array under
// key is an object with field, reading as much as the content allows.
func (in *Input) firstItemHas(key, field string) bool {
	raw := in.Value(key)
	if raw == nil {
		// Truncated inside that array: look at the text after the key instead.
		i := bytes.Index(in.text, []byte(`"`+key+`"`))
		return i >= 0 && bytes.Contains(in.text[i:], []byte(`"`+field+`"`))
	}
	var items []map[string]json.RawMessage
	if json.Unmarshal(raw, &items) != nil || len(items) == 0 {
		return false
	}
	_, ok := items[0][field]
	return ok
}
