package compare

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"

	"github.com/cost-ops-bench/cost-ops-bench/engine"
)

// BuiltinCatalogName is CatalogInfo.Name of the built-in catalog.
const BuiltinCatalogName = "built-in"

// LoadUsageCatalog reads the catalog that prices both logs of a cost comparison:
// the file at path (YAML, as `catalog import` writes it), or the built-in catalog
// for "". The info names it for the report: the file or "built-in", the SHA-256 of
// its text, its entries.
func LoadUsageCatalog(path string) (*engine.Catalog, CatalogInfo, error) {
	if path == "" {
		cat, err := engine.BuiltinCatalog()
		if err != nil {
			return nil, CatalogInfo{}, fmt.Errorf("built-in catalog: %w", err)
		}
		return cat, CatalogInfo{Name: BuiltinCatalogName, Digest: digest(engine.BuiltinYAML()), Entries: cat.Len(),
			Note: "the program's " + engine.BuiltinName + ", each entry with its source and the date its price was read"}, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, CatalogInfo{}, err
	}
	cat, err := engine.ParseCatalog(path, data)
	if err != nil {
		return nil, CatalogInfo{}, err
	}
	return cat, CatalogInfo{Name: path, Digest: digest(data), Entries: cat.Len()}, nil
}

func digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// ReadUsageLogFile is ReadUsageLog of the file at path.
func ReadUsageLogFile(path string, opts UsageLogOptions) (*UsageLog, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadUsageLog(f, path, opts)
}

// IsUsageLogFile reports whether the file at path is a usage log (IsUsageLog of
// its start); false when it cannot be read.
func IsUsageLogFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, UsageSniffBytes)
	n, _ := io.ReadFull(f, head)
	return IsUsageLog(head[:n])
}
