// Catch2 (v2, Debian's catch2) benchmarks for the catch2 reader's fixtures.
// -DSLOW=1 makes "sum 4096" do twice the work: the real slowdown that compare
// must flag.
#define CATCH_CONFIG_MAIN
#define CATCH_CONFIG_ENABLE_BENCHMARKING
#include <catch2/catch.hpp>

#include <numeric>
#include <string>
#include <vector>

#ifndef SLOW
#define SLOW 0
#endif

TEST_CASE("arithmetic") {
    std::vector<long> v(4096, 1);
    BENCHMARK("sum 4096") {
        long s = std::accumulate(v.begin(), v.end(), 0L);
        if (SLOW) s += std::accumulate(v.begin(), v.end(), 1L);
        return s;
    };
}

TEST_CASE("strings") {
    std::string x(256, 'x');
    BENCHMARK("copy 256") {
        return std::string(x);
    };
}
