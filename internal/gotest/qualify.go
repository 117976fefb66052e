package gotest

import "github.com/cost-ops-bench/cost-ops-bench/bench"

// Qualify names by package the results of docs that share a name across
// packages (Result.Group): such a result becomes "<package>.<name>", as the Go
// benchmark format reader names a benchmark that two packages of one output share.
// The parts of a go-test run sharded by package (each part's names are its own
// output's) then merge into the names one unsharded run gives. Results of one
// package, or without a package, are left alone.
func Qualify(docs []*bench.Document) {
	groups := map[string]map[string]bool{} // name -> packages holding it
	for _, d := range docs {
		for _, r := range d.Results {
			if r.Group == "" {
				continue
			}
			if groups[r.Name] == nil {
				groups[r.Name] = map[string]bool{}
			}
			groups[r.Name][r.Group] = true
		}
	}
	for _, d := range docs {
		for i := range d.Results {
			r := &d.Results[i]
			if len(groups[r.Name]) > 1 {
				r.Name = r.Group + "." + r.Name
			}
		}
	}
}
