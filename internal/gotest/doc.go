// Package gotest records the `go test -bench` benchmarks of any Go module into a
// result document, as `cost-ops-bench run --suite go-test` writes it: it compiles
// each package's tests once (`go test -c`), runs every package's binary once per
// round, one sample per benchmark per process by default (so that the samples come
// from several processes, and the packages' runs are interleaved), reads their
// output as benchstat does (package formats, Go benchmark format), and combines the
// rounds of each benchmark (bench.Combine: samples_process, allocations and bytes
// per process, custom units). With instructions it also counts each benchmark's
// instructions per operation under valgrind (bench.GoTestProgram).
//
// It also tells which suite a directory's default is (DefaultSuite): this
// repository's own built-in suite in cost-ops-bench's module, the module's own
// benchmarks in any other Go module.
//
// The same-runner A/B of the go-test suite (two revisions, alternately) is package
// samerunner's.
package gotest
