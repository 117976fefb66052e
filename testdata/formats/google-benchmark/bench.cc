// A Google Benchmark program for the google-benchmark reader's fixtures.
// SLOW=1 at compile time makes BM_Sum do twice the work: the real slowdown
// that compare must flag.
#include <benchmark/benchmark.h>

#include <numeric>
#include <string>
#include <vector>

#ifndef SLOW
#define SLOW 0
#endif

static void BM_Sum(benchmark::State& state) {
  std::vector<long> v(state.range(0), 1);
  for (auto _ : state) {
    long s = std::accumulate(v.begin(), v.end(), 0L);
    if (SLOW) s += std::accumulate(v.begin(), v.end(), 0L);
    benchmark::DoNotOptimize(s);
  }
  state.SetBytesProcessed(state.iterations() * state.range(0) * sizeof(long));
}
BENCHMARK(BM_Sum)->Arg(4096);

static void BM_StringCopy(benchmark::State& state) {
  std::string x(256, 'x');
  for (auto _ : state) {
    std::string copy(x);
    benchmark::DoNotOptimize(copy);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["copies"] = benchmark::Counter(1, benchmark::Counter::kIsIterationInvariant);
}
BENCHMARK(BM_StringCopy);

static void BM_Sleepy(benchmark::State& state) {
  for (auto _ : state) {
    std::vector<int> v(1000);
    benchmark::DoNotOptimize(v.data());
  }
}
BENCHMARK(BM_Sleepy)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
