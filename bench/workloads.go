package bench

import (
	"fmt"
	"time"

	"github.com/cost-ops-bench/cost-ops-bench/engine"
)

// iteration is one iteration of a workload: it returns the money it priced.
type iteration func() (engine.Money, error)

// loop builds a Workload that runs iter; its checksum is the money of one call,
// made here, outside the timed region. priced is false for work that prices
// nothing (the checksum is then ""). Results go to variables that outlive the
// loop (sinks), so that the compiler cannot discard the work; each workload has
// its own, so that workloads may run in parallel (in tests).
func loop(iter iteration, priced bool) (Workload, error) {
	total, err := iter()
	if err != nil {
		return Workload{}, err
	}
	var sink engine.Money
	w := Workload{Run: func(iters int) error {
		for range iters {
			m, err := iter()
			if err != nil {
				return err
			}
			sink = m
		}
		_ = sink
		return nil
	}}
	if priced {
		w.CostUSD = total.String()
	}
	return w, nil
}

// pricingBench prices batch records (one iteration) with a Calculator over the
// catalog, as `cost` does.
func pricingBench(name, group string, cat catalogFunc, batch int, recs recordsFunc) Benchmark {
	return Benchmark{Name: name, Group: group, BatchSize: batch, Setup: func() (Workload, error) {
		c, err := cat()
		if err != nil {
			return Workload{}, err
		}
		records := recs()
		if len(records) != batch {
			return Workload{}, fmt.Errorf("%d records, want the batch size %d", len(records), batch)
		}
		calc := engine.NewCalculator(c)
		return loop(func() (engine.Money, error) {
			var total engine.Money
			for i := range records {
				cost, err := calc.Price(&records[i])
				if err != nil {
					return total, fmt.Errorf("record %s: %w", records[i].ID, err)
				}
				total = total.Add(cost.Total)
			}
			return total, nil
		}, true)
	}}
}

// aggregationBench sums n records, priced during setup, with a new Aggregator
// per iteration and takes its Summary. With window 0 it groups by provider,
// model, project and organization, as `cost` does; with a window it also groups
// by time window, over records spread across a week, and the checksum is the sum
// of the windows.
func aggregationBench(name string, n int, window time.Duration) Benchmark {
	return Benchmark{Name: name, Group: GroupAggregation, BatchSize: n, Setup: func() (Workload, error) {
		span := 30 * 24 * time.Hour
		if window > 0 {
			span = 7 * 24 * time.Hour
		}
		records := mixedRecords(n, span)
		costs, err := priceAll(records)
		if err != nil {
			return Workload{}, err
		}
		return loop(func() (engine.Money, error) {
			a := engine.NewAggregator(window)
			for i := range records {
				a.Add(&records[i], costs[i])
			}
			sum := a.Summary()
			if window <= 0 {
				return sum.Total, nil
			}
			var windows engine.Money
			for _, w := range sum.ByWindow {
				windows = windows.Add(w.Total)
			}
			return windows, nil
		}, true)
	}}
}

// priceAll prices records with the built-in catalog.
func priceAll(records []engine.Usage) ([]engine.Cost, error) {
	cat, err := engine.BuiltinCatalog()
	if err != nil {
		return nil, err
	}
	calc := engine.NewCalculator(cat)
	costs := make([]engine.Cost, len(records))
	for i := range records {
		if costs[i], err = calc.Price(&records[i]); err != nil {
			return nil, fmt.Errorf("record %s: %w", records[i].ID, err)
		}
	}
	return costs, nil
}

// validationSetup validates a record with every field set; it prices nothing.
func validationSetup() (Workload, error) {
	u := fullRecord()
	return loop(func() (engine.Money, error) {
		return engine.Money{}, engine.Validate(&u, validationNow)
	}, false)
}

// lookupSetup looks up lookupKeys names and dates among the 560 entries of the
// lookup catalog, straight from the Catalog (no Calculator cache). The checksum
// prices a reference request with each entry found, so that finding a wrong
// entry changes it.
func lookupSetup() (Workload, error) {
	cat, err := engine.ParseCatalog("lookup.yaml", []byte(lookupYAML()))
	if err != nil {
		return Workload{}, err
	}
	keys := lookupKeysFor()
	ref := request("any", "any", 1_000_000, 1_000_000)
	var checksum engine.Money
	for _, k := range keys {
		e, err := cat.Lookup(k.provider, k.model, k.at)
		if err != nil {
			return Workload{}, err
		}
		cost, err := e.Cost(&ref)
		if err != nil {
			return Workload{}, err
		}
		checksum = checksum.Add(cost.Total)
	}
	var sink *engine.Entry
	w, err := loop(func() (engine.Money, error) {
		for _, k := range keys {
			e, err := cat.Lookup(k.provider, k.model, k.at)
			if err != nil {
				return engine.Money{}, err
			}
			sink = e
		}
		_ = sink
		return engine.Money{}, nil
	}, false)
	w.CostUSD = checksum.String()
	return w, err
}
