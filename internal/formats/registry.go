package formats

// registry is every input format, in detection order: the first whose Detect
// accepts the content reads it. Adding a format is adding it here.
var registry = []Format{
	resultJSON{},
	goBench{},
	goTestJSON{},
	googleBenchmark{},
	hyperfine{},
	pytestBenchmark{},
	seedJSON{},
	benchmarkJS{},
	bencherMetric{},
	catch2{},
	vitestBench{},
	cargoBench{},
	criterion{},
}
