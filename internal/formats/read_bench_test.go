package formats

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkRead reads real files of each kind, detection included.
func BenchmarkRead(b *testing.B) {
	for _, file := range []string{"google-benchmark/base.json", "pytest-benchmark/base.json", "gobench/two-packages.json", "../compare/base.json"} {
		data, err := os.ReadFile(filepath.Join(realFixtures, file))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(filepath.Dir(file)), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Read(data, file, ""); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCriterionDir reads a real target/criterion directory (two benchmarks
// of 100 samples), from the walk to the validated document.
func BenchmarkCriterionDir(b *testing.B) {
	dir := filepath.Join(realFixtures, "criterion", "base")
	for b.Loop() {
		if _, err := LoadFile(dir, ""); err != nil {
			b.Fatal(err)
		}
	}
}
