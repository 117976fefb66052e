"""Benchmarks for the pytest-benchmark reader's fixtures. SLOW=1 in the
environment makes test_sum do twice the work: the real slowdown that compare
must flag."""
import os

SLOW = os.environ.get("SLOW") == "1"


def total(n):
    s = sum(range(n))
    if SLOW:
        s += sum(range(n))
    return s


def test_sum(benchmark):
    benchmark(total, 20000)


def test_sorted(benchmark):
    data = list(range(5000, 0, -1))
    benchmark(sorted, data)
