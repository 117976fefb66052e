package bench

import (
	"encoding/json"
	"fmt"

	"github.com/cost-ops-bench/cost-ops-bench/internal/atomicfile"
)

// Encode returns the JSON text of a result document as every writer writes it:
// indented by two spaces, ending with a newline.
func Encode(doc *Document) ([]byte, error) {
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode result document: %w", err)
	}
	return append(data, '\n'), nil
}

// WriteFile writes a result document to path atomically (internal/atomicfile): a
// reader sees the old file or the whole new one, never a part.
func WriteFile(path string, doc *Document) error {
	data, err := Encode(doc)
	if err != nil {
		return err
	}
	return WriteEncoded(path, data)
}

// WriteEncoded writes a document already encoded by Encode to path atomically, so
// that several copies (latest.json and the raw copy) are encoded once and agree.
func WriteEncoded(path string, data []byte) error {
	if err := atomicfile.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
