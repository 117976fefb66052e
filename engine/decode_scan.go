package engine

import (
	"errors"
	"fmt"
	"math/bits"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// The JSON lexing of recordParser: white space, literals and strings.

func (p *recordParser) null() bool {
	if len(p.b)-p.i >= 4 && string(p.b[p.i:p.i+4]) == "null" {
		p.i += 4
		return true
	}
	return false
}

func (p *recordParser) eat(c byte) bool {
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *recordParser) skipSpace() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\r', '\n':
			p.i++
		default:
			return
		}
	}
}

func (p *recordParser) unexpected(want string) error {
	return fmt.Errorf("expected %s, found %s", want, describe(p.b[p.i:]))
}

// describe names what starts rest, for error messages.
func describe(rest []byte) string {
	if len(rest) == 0 {
		return "end of record"
	}
	if len(rest) > 12 {
		return strconv.Quote(string(rest[:12])) + "..."
	}
	return strconv.Quote(string(rest))
}

// str reads a JSON string and returns its unescaped bytes, valid until the next call.
// It skips eight plain bytes at a time (no quote, backslash or control character
// among them) and goes straight to the first byte that is not plain.
func (p *recordParser) str() ([]byte, error) {
	b, i := p.b, p.i
	if i >= len(b) || b[i] != '"' {
		return nil, p.unexpected("a string")
	}
	i++
	start := i
	for i+8 <= len(b) {
		if m := stringStops(le64(b, i)); m != 0 {
			i += bits.TrailingZeros64(m) >> 3 // the first stop: the loop below ends there
			break
		}
		i += 8
	}
	for ; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			p.i = i + 1
			return b[start:i], nil
		case c == '\\':
			p.i = i
			return p.escapedStr(start)
		case c < 0x20:
			p.i = i
			return nil, errors.New("control character in string")
		}
	}
	p.i = i
	return nil, errors.New("unterminated string")
}

// stringStops returns a mask of the bytes of w (little endian) that end a plain
// run of a JSON string: a quote, a backslash or a control character. It is zero
// when no byte does, and its lowest set bit is in the first byte that does (a
// byte above it may be flagged wrongly, by a borrow). x has a zero byte when
// (x - 0x01..01) &^ x has a top bit set, and w a byte below 0x20 when
// (w - 0x20..20) &^ w does.
func stringStops(w uint64) uint64 {
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	q := w ^ ('"' * ones)
	bs := w ^ ('\\' * ones)
	return ((q-ones)&^q | (bs-ones)&^bs | (w-0x20*ones)&^w) & tops
}

// escapedStr finishes a string that contains escapes, from start.
func (p *recordParser) escapedStr(start int) ([]byte, error) {
	out := append(p.scr[:0], p.b[start:p.i]...)
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			p.i++
			p.scr = out
			return out, nil
		case c < 0x20:
			return nil, errors.New("control character in string")
		case c != '\\':
			out = append(out, c)
			p.i++
			continue
		}
		if p.i+1 >= len(p.b) {
			break
		}
		p.i += 2
		switch e := p.b[p.i-1]; e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, err := p.unicodeEscape()
			if err != nil {
				return nil, err
			}
			out = utf8.AppendRune(out, r)
		default:
			return nil, fmt.Errorf("invalid escape \\%c", e)
		}
	}
	return nil, errors.New("unterminated string")
}

// unicodeEscape reads the XXXX of \uXXXX (the \u has been read), and a second escape
// when the first is the high half of a surrogate pair.
func (p *recordParser) unicodeEscape() (rune, error) {
	r, ok := p.hex4()
	if !ok {
		return 0, errors.New("invalid \\u escape")
	}
	if utf16.IsSurrogate(r) {
		if len(p.b)-p.i >= 6 && p.b[p.i] == '\\' && p.b[p.i+1] == 'u' {
			start := p.i
			p.i += 2
			if r2, ok := p.hex4(); ok {
				if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
					return dec, nil
				}
			}
			p.i = start // not the low half of a pair: the escape stands on its own
		}
		return utf8.RuneError, nil
	}
	return r, nil
}

func (p *recordParser) hex4() (rune, bool) {
	if len(p.b)-p.i < 4 {
		return 0, false
	}
	v, err := strconv.ParseUint(string(p.b[p.i:p.i+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	p.i += 4
	return rune(v), true
}

// number skips the rest of a JSON number.
func (p *recordParser) number() {
	for p.i < len(p.b) && (p.b[p.i] >= '0' && p.b[p.i] <= '9' || p.b[p.i] == '.' ||
		p.b[p.i] == 'e' || p.b[p.i] == 'E' || p.b[p.i] == '+' || p.b[p.i] == '-') {
		p.i++
	}
}
