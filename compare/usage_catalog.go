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
// the built-in catalog for "", else the file at path (YAML, as `catalog import`
// writes it) layered over the built-in catalog (engine.Catalog.Merge): a record
// the file has a price for (its provider, model and date) is priced by the file,
// every other record by the built-in catalog. The info names it for the report:
// the file or "built-in", the SHA-256 of its text, its entries, and for a file the
// built-in catalog under it (its entries and SHA-256). A file that does not parse
// (overlapping entries included) is an error naming the file, line and field.
func LoadUsageCatalog(path string) (*engine.Catalog, CatalogInfo, error) {
	builtin, info, err := loadBuiltinCatalog()
	if err != nil || path == "" {
		return builtin, info, err
	}
	file, fileInfo, err := LoadUsageCatalogAlone(path)
	if err != nil {
		return nil, CatalogInfo{}, err
	}
	fileInfo.Note = fmt.Sprintf("layered over the %s catalog (%d entries, sha256 %s), which prices every record the file has no price for (its provider, model and date)",
		BuiltinCatalogName, info.Entries, info.Digest[:12])
	return builtin.Merge(file), fileInfo, nil
}

// LoadUsageCatalogAlone is LoadUsageCatalog of the file at path alone, without
// the built-in catalog under it (--no-builtin): a record the file has no price
// for is unpriced.
func LoadUsageCatalogAlone(path string) (*engine.Catalog, CatalogInfo, error) {
	if path == "" {
		return nil, CatalogInfo{}, fmt.Errorf("no catalog file to price with alone")
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

func loadBuiltinCatalog() (*engine.Catalog, CatalogInfo, error) {
	cat, err := engine.BuiltinCatalog()
	if err != nil {
		return nil, CatalogInfo{}, fmt.Errorf("built-in catalog: %w", err)
	}
	return cat, CatalogInfo{Name: BuiltinCatalogName, Digest: digest(engine.BuiltinYAML()), Entries: cat.Len(),
		Note: "the program's " + engine.BuiltinName + ", each entry with its source and the date its price was read"}, nil
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
