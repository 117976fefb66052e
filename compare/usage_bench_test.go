package compare

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/cost-ops-bench/cost-ops-bench/engine"
)

// usageBenchLog is testdata/usage/name repeated times times: 200 x times records.
func usageBenchLog(b *testing.B, name string, times int) []byte {
	b.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "usage", name))
	if err != nil {
		b.Fatal(err)
	}
	return bytes.Repeat(data, times)
}

func benchCatalog(b *testing.B) *engine.Catalog {
	b.Helper()
	cat, err := engine.LoadCatalog(filepath.Join("..", "testdata", "usage", "catalog.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	return cat
}

// BenchmarkReadUsageLog decodes, validates and prices a usage log of 10,000
// records (records/s is the throughput).
func BenchmarkReadUsageLog(b *testing.B) {
	data := usageBenchLog(b, "baseline.jsonl", 50)
	opts := UsageLogOptions{Catalog: benchCatalog(b), Now: usageNow, Unpriced: UnpricedFail, Tag: DefaultGroupTag}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := ReadUsageLog(bytes.NewReader(data), "bench.jsonl", opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(10_000*b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkCompareUsage groups, tests and totals two priced logs of 10,000
// requests each (five groups of 2,000).
func BenchmarkCompareUsage(b *testing.B) {
	opts := UsageLogOptions{Catalog: benchCatalog(b), Now: usageNow, Unpriced: UnpricedFail, Tag: DefaultGroupTag}
	base, err := ReadUsageLog(bytes.NewReader(usageBenchLog(b, "baseline.jsonl", 50)), "base.jsonl", opts)
	if err != nil {
		b.Fatal(err)
	}
	cur, err := ReadUsageLog(bytes.NewReader(usageBenchLog(b, "current.jsonl", 50)), "cur.jsonl", opts)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := CompareUsage(base, cur, DefaultConfig(), GroupBy{}, CatalogInfo{}); err != nil {
			b.Fatal(err)
		}
	}
}
