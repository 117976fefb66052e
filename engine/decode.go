package engine

import (
	"bufio"
	"errors"
	"fmt"
	"io"
)

// Position is where a record sits in a usage file: its line in JSON Lines, or its
// index (from 0) in a JSON array, where Line is 0.
type Position struct {
	Line  int // 1-based line of a JSON Lines record; 0 in a JSON array
	Index int // 0-based index of the record among the records of the file
}

// String returns "line N" for JSON Lines and "index N" for a JSON array.
func (p Position) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("line %d", p.Line)
	}
	return fmt.Sprintf("index %d", p.Index)
}

// DecodeError is a usage record that cannot be decoded: malformed JSON, an unknown
// field, or a value of the wrong kind (a negative or fractional token count, a
// timestamp that is not RFC 3339).
type DecodeError struct {
	Pos   Position
	Field string // the JSON field at fault; "" when the record itself is malformed
	Err   error
	Fatal bool // the input cannot be read beyond this error
}

func (e *DecodeError) Error() string {
	if e.Field == "" {
		return e.Pos.String() + ": " + e.Err.Error()
	}
	return e.Pos.String() + ": " + e.Field + ": " + e.Err.Error()
}

// Unwrap returns the underlying error.
func (e *DecodeError) Unwrap() error { return e.Err }

// UsageDecoder reads usage records one at a time from a JSON array of objects or from
// JSON Lines (one object per line; blank lines are skipped), whichever the input
// starts with. It holds one record at a time, never the whole input.
type UsageDecoder struct {
	r       *bufio.Reader
	pos     Position
	mode    int // modeUnknown, modeLines or modeArray
	arr     *arrayReader
	line    []byte
	pending bool // line holds the start of the first line, read by detect
	next    int  // index of the next record
	lineNo  int  // lines read so far
	intern  *Interner
	err     error // sticky error
}

const (
	modeUnknown = iota
	modeLines
	modeArray
)

// NewUsageDecoder returns a decoder reading from r.
func NewUsageDecoder(r io.Reader) *UsageDecoder {
	return &UsageDecoder{r: bufio.NewReaderSize(r, 64<<10), intern: NewInterner()}
}

// Position returns the position of the record returned by the last call to Next.
func (d *UsageDecoder) Position() Position { return d.pos }

// Next decodes the next record into u, overwriting all of its fields. It returns
// io.EOF after the last record, and a *DecodeError for a record that cannot be
// decoded. A *DecodeError names the line (JSON Lines) or the index (JSON array) and
// the field. After a bad record the next call goes on with the next record, unless
// the error is Fatal (the input cannot be read further, such as a JSON array whose
// structure is broken) or not a *DecodeError (a read error): then every later call
// returns the same error.
func (d *UsageDecoder) Next(u *Usage) error {
	if d.err != nil {
		return d.err
	}
	if d.mode == modeUnknown {
		if err := d.detect(); err != nil {
			return d.fail(err)
		}
	}
	if d.mode == modeArray {
		return d.nextInArray(u)
	}
	return d.nextLine(u)
}

// fail makes err the decoder's last word: every later call of Next returns it.
func (d *UsageDecoder) fail(err error) error {
	var de *DecodeError
	if errors.As(err, &de) {
		de.Fatal = true
	}
	d.err = err
	return err
}
