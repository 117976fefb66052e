package bench_test

import (
	"context"
	"fmt"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/engine"
)

// Adding a benchmark is one Add: a name, a family, the records per iteration, and
// a Setup that prepares the workload (untimed) and returns the timed loop with the
// money one iteration prices.
func ExampleRegistry() {
	var r bench.Registry
	r.Add(bench.Benchmark{
		Name: "sum_1000", Group: "demo", BatchSize: 1000,
		Setup: func() (bench.Workload, error) {
			amounts := make([]engine.Money, 1000)
			for i := range amounts {
				amounts[i] = engine.MoneyFromUnits(int64(i)) // i x 1e-10 USD
			}
			sum := func() engine.Money {
				var total engine.Money
				for _, m := range amounts {
					total = total.Add(m)
				}
				return total
			}
			var sink engine.Money
			return bench.Workload{
				CostUSD: sum().String(),
				Run: func(iters int) error {
					for range iters {
						sink = sum()
					}
					_ = sink
					return nil
				},
			}, nil
		},
	})
	f, err := bench.ParseFilter([]string{"/^sum_/"})
	if err != nil {
		panic(err)
	}
	selected, err := r.Select(f)
	if err != nil {
		panic(err)
	}
	h, err := bench.NewHarness(bench.Config{Samples: bench.MinSamples, SampleTime: time.Millisecond, Version: "example"})
	if err != nil {
		panic(err)
	}
	doc, err := h.Run(context.Background(), selected)
	if err != nil {
		panic(err)
	}
	res := doc.Results[0]
	fmt.Println(res.Name, res.Group, res.BatchSize, len(res.SamplesNs), res.CostTotalUSD, res.AllocsPerOp)
	// Output: sum_1000 demo 1000 6 0.00004995 0
}
