package compare

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// MaxFileSize is the largest result file LoadFile reads: 64 MiB. A suite result is a
// few hundred kilobytes; anything near the cap is not a result document.
const MaxFileSize = 64 << 20

// ErrTooLarge is returned (wrapped, with the file name) for input over MaxFileSize.
var ErrTooLarge = errors.New("file larger than 64 MiB")

// LoadFile reads and validates a result file: a result JSON document
// (schema_version 1) or Go benchmark format text (`go test -bench` output), told apart
// by content. Errors name the file and the field or line at fault.
func LoadFile(path string) (*bench.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// A regular file over the cap is refused without reading it; Load's own limit
	// still holds for anything else (pipes, files that grow while read).
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() && info.Size() > MaxFileSize {
		return nil, fmt.Errorf("%s: %w", path, ErrTooLarge)
	}
	return Load(f, path)
}

// Load reads and validates a result document from r, as LoadFile does; name is used
// in error messages.
func Load(r io.Reader, name string) (*bench.Document, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("%s: %w", name, ErrTooLarge)
	}
	if isJSON(data) {
		return parseJSON(data, name)
	}
	return parseGoBench(data, name)
}

// isJSON reports whether data looks like a JSON document: its first non-space byte
// opens an object. Go benchmark format never starts with '{'.
func isJSON(data []byte) bool {
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	return len(trimmed) > 0 && trimmed[0] == '{'
}
