package engine

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// maxRecordBytes bounds the size of one record, so a runaway line cannot take all
// memory.
const maxRecordBytes = 16 << 20

var errRecordTooLong = fmt.Errorf("record longer than %d bytes", maxRecordBytes)

// detect reads up to the first byte that is not white space and picks the format.
func (d *UsageDecoder) detect() error {
	line := 1
	for {
		c, err := d.r.ReadByte()
		if err == io.EOF {
			return io.EOF
		}
		if err != nil {
			return err
		}
		switch c {
		case '\n':
			line++
			continue
		case ' ', '\t', '\r':
			continue
		case '[':
			d.mode = modeArray
			d.arr = &arrayReader{r: d.r}
			return nil
		case '{':
			d.mode = modeLines
			d.lineNo = line - 1 // nextLine counts this line again
			d.line = append(d.line[:0], '{')
			d.pending = true
			return nil
		case 0xEF: // a UTF-8 byte order mark
			if b, _ := d.r.Peek(2); bytes.Equal(b, []byte{0xBB, 0xBF}) {
				d.r.Discard(2)
				continue
			}
		}
		return &DecodeError{Pos: Position{Line: line}, Err: fmt.Errorf("expected a JSON object or array, found %q", c)}
	}
}

// nextLine decodes the next non-blank line.
func (d *UsageDecoder) nextLine(u *Usage) error {
	for {
		line, err := d.readLine()
		if err != nil {
			return d.fail(err)
		}
		d.lineNo++
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		d.pos = Position{Line: d.lineNo, Index: d.next}
		d.next++
		if field, err := parseRecord(line, u, d.intern); err != nil {
			return &DecodeError{Pos: d.pos, Field: field, Err: err}
		}
		return nil
	}
}

// readLine returns the next line without its newline, or io.EOF. The slice is valid
// until the next call.
func (d *UsageDecoder) readLine() ([]byte, error) {
	if !d.pending {
		d.line = d.line[:0]
	}
	d.pending = false
	for {
		chunk, err := d.r.ReadSlice('\n')
		if len(d.line) == 0 && err == nil {
			return chunk[:len(chunk)-1], nil // the common case: no copy
		}
		d.line = append(d.line, chunk...)
		if len(d.line) > maxRecordBytes {
			return nil, &DecodeError{Pos: Position{Line: d.lineNo + 1, Index: d.next}, Err: errRecordTooLong}
		}
		switch {
		case err == nil:
			return d.line[:len(d.line)-1], nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err == io.EOF:
			if len(d.line) == 0 {
				return nil, io.EOF
			}
			return d.line, nil
		default:
			return nil, err
		}
	}
}

// nextInArray decodes the next element of a JSON array.
func (d *UsageDecoder) nextInArray(u *Usage) error {
	pos := Position{Index: d.next}
	obj, err := d.arr.next()
	if err != nil {
		var de *DecodeError
		if errors.As(err, &de) {
			de.Pos = pos
		}
		return d.fail(err)
	}
	d.next++
	d.pos = pos
	if field, err := parseRecord(obj, u, d.intern); err != nil {
		return &DecodeError{Pos: pos, Field: field, Err: err}
	}
	return nil
}

// arrayReader splits a JSON array, whose '[' has been read, into the bytes of its
// elements, each of which must be an object.
type arrayReader struct {
	r    *bufio.Reader
	buf  []byte
	seen bool // an element has been read
	done bool
}

func (a *arrayReader) next() ([]byte, error) {
	if a.done {
		return nil, io.EOF
	}
	c, err := a.skipSpace()
	if err != nil {
		return nil, a.truncated(err)
	}
	if a.seen {
		switch c {
		case ']':
			return nil, a.finish()
		case ',':
			if c, err = a.skipSpace(); err != nil {
				return nil, a.truncated(err)
			}
		default:
			return nil, &DecodeError{Err: fmt.Errorf("expected ',' or ']' after an element, found %q", c)}
		}
	} else if c == ']' {
		return nil, a.finish()
	}
	if c != '{' {
		return nil, &DecodeError{Err: fmt.Errorf("expected an object, found %q", c)}
	}
	a.seen = true
	return a.object()
}

// object reads the rest of an object whose '{' has been read.
func (a *arrayReader) object() ([]byte, error) {
	a.buf = append(a.buf[:0], '{')
	depth, inString, escaped := 1, false, false
	for depth > 0 {
		c, err := a.r.ReadByte()
		if err != nil {
			return nil, a.truncated(err)
		}
		a.buf = append(a.buf, c)
		if len(a.buf) > maxRecordBytes {
			return nil, &DecodeError{Err: errRecordTooLong}
		}
		switch {
		case inString && escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
		case inString:
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
		}
	}
	return a.buf, nil
}

// finish checks that nothing but white space follows the closing ']'.
func (a *arrayReader) finish() error {
	a.done = true
	c, err := a.skipSpace()
	if err == io.EOF {
		return io.EOF
	}
	if err != nil {
		return err
	}
	return &DecodeError{Err: fmt.Errorf("unexpected %q after the end of the array", c)}
}

func (a *arrayReader) skipSpace() (byte, error) {
	for {
		c, err := a.r.ReadByte()
		if err != nil {
			return 0, err
		}
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return c, nil
		}
	}
}

func (a *arrayReader) truncated(err error) error {
	if err == io.EOF {
		return &DecodeError{Err: errors.New("unexpected end of input inside the array")}
	}
	return err
}
