package bench

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// MaxFileSize is the largest input file read: 64 MiB. A suite result is a few
// hundred kilobytes; anything near the cap is not a result document (nor any
// benchmark tool's output).
const MaxFileSize = 64 << 20

// ErrTooLarge is returned (wrapped, with the file name) for input over MaxFileSize.
var ErrTooLarge = errors.New("file larger than 64 MiB")

// ReadFile reads and validates a result JSON document (schema_version 1) from path.
// Errors name the file and the line or field at fault. Other tools' output is read
// by the input formats layer (internal/formats), which calls DecodeJSON for this one.
func ReadFile(path string) (*Document, error) {
	data, err := ReadFileCapped(path)
	if err != nil {
		return nil, err
	}
	return DecodeJSON(data, path)
}

// ReadFileCapped returns the content of path, refusing a file over MaxFileSize.
// A regular file over the cap is refused from its size, without reading it;
// ReadCapped's limit still holds for anything else (pipes, files that grow).
func ReadFileCapped(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() && info.Size() > MaxFileSize {
		return nil, fmt.Errorf("%s: %w", path, ErrTooLarge)
	}
	return ReadCapped(f, path)
}

// ReadCapped reads r to the end, refusing more than MaxFileSize bytes after
// reading no more than the cap; name (usually the file) prefixes the errors.
func ReadCapped(r io.Reader, name string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("%s: %w", name, ErrTooLarge)
	}
	return data, nil
}

// DecodeJSON decodes a result JSON document strictly (unknown fields are refused,
// so a misspelt field in a hand-edited baseline cannot pass unnoticed; a leading
// byte order mark is allowed) and validates it. name (usually the file) prefixes
// every error, with the line where the decoder knows it.
func DecodeJSON(data []byte, name string) (*Document, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var doc Document
	if err := dec.Decode(&doc); err != nil {
		return nil, jsonError(data, name, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s:%d: unexpected data after the JSON document", name, LineAt(data, dec.InputOffset()))
	}
	if err := Validate(&doc, name); err != nil {
		return nil, err
	}
	return &doc, nil
}

// jsonError adds the file name and, when the decoder knows it, the line to err.
func jsonError(data []byte, name string, err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return fmt.Errorf("%s:%d: invalid JSON: %w", name, LineAt(data, syntax.Offset), err)
	case errors.As(err, &typ):
		return fmt.Errorf("%s:%d: %s: %w", name, LineAt(data, typ.Offset), typ.Field, err)
	case errors.Is(err, io.EOF):
		return fmt.Errorf("%s: empty file", name)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%s: truncated JSON document: %w", name, err)
	}
	return fmt.Errorf("%s: %w", name, err)
}

// LineAt returns the 1-based line of byte offset off in data.
func LineAt(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off < 0 {
		off = 0
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}
