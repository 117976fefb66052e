package engine

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"
)

// TestCalculatorAgreesWithLookup checks the cached lookups against Catalog.Lookup on
// records that jump between names, spellings and dates around price changes.
func TestCalculatorAgreesWithLookup(t *testing.T) {
	t.Parallel()
	builtin, err := BuiltinCatalog()
	if err != nil {
		t.Fatal(err)
	}
	c := builtin.Merge(parse(t, exampleCatalog))
	calc := NewCalculator(c)
	names := [][2]string{{"openai", "gpt-x"}, {"OpenAI", "gpt-x"}, {"openai", "gpt-x-latest"}, {"openai", "o3"},
		{"azure", "o3"}, {"google", "gem"}, {"acme", "flat"}, {"openai", "unknown"}, {"nobody", "o3"}, {"openai", "gpt-4o"}}
	times := []time.Time{day(2024, 12, 31), day(2025, 1, 1), day(2025, 5, 31).Add(24*time.Hour - time.Second),
		day(2025, 5, 31).Add(24*time.Hour - time.Nanosecond), day(2025, 6, 1), day(2025, 6, 9), day(2025, 6, 10),
		day(2025, 6, 10).Add(-time.Nanosecond), day(2030, 1, 1)}
	r := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 20_000; i++ {
		n := names[r.IntN(len(names))]
		u := usage(1000, 10, 0, 0)
		u.Provider, u.Model, u.Timestamp = n[0], n[1], times[r.IntN(len(times))]
		want, werr := c.Lookup(u.Provider, u.Model, u.Timestamp)
		got, gerr := calc.Lookup(u)
		if got != want || (werr == nil) != (gerr == nil) {
			t.Fatalf("%s %s at %s: calculator %v, %v; catalog %v, %v", u.Provider, u.Model, u.Timestamp, got, gerr, want, werr)
		}
		if gerr != nil && !errors.Is(gerr, ErrNoPrice) {
			t.Fatalf("error %v is not ErrNoPrice", gerr)
		}
	}
}

func TestCalculatorPrice(t *testing.T) {
	t.Parallel()
	calc := builtinCalculator(t)
	u := usage(1000, 500, 0, 0)
	u.Model = "gpt-4"
	c, err := calc.Price(u)
	if err != nil || c.Total.String() != "0.06" || c.Input.String() != "0.03" || c.Output.String() != "0.03" {
		t.Errorf("gpt-4 1000+500 = %+v, %v", c, err)
	}
	u.Model = "gpt-5"
	if _, err := calc.Price(u); !errors.Is(err, ErrNoPrice) {
		t.Errorf("unknown model: %v", err)
	}
}

func TestPriceDoesNotAllocate(t *testing.T) {
	calc := builtinCalculator(t)
	batch := mixedBatch(t, 100)
	i := 0
	n := testing.AllocsPerRun(1000, func() {
		if _, err := calc.Price(&batch[i%len(batch)]); err != nil {
			t.Fatal(err)
		}
		i++
	})
	if n != 0 {
		t.Errorf("Price allocates %v times per record", n)
	}
}
