use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use work::{copy, sum};

fn benches(c: &mut Criterion) {
    c.bench_function("sum 4096", |b| b.iter(|| sum(black_box(4096))));
    let mut g = c.benchmark_group("strings");
    for n in [256usize] {
        let s = "x".repeat(n);
        g.throughput(Throughput::Bytes(n as u64));
        g.bench_with_input(BenchmarkId::new("copy", n), &s, |b, s| b.iter(|| copy(s)));
    }
    g.finish();
}

criterion_group!(work, benches);
criterion_main!(work);
