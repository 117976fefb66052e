//! Two small workloads for the Criterion fixtures; with the environment variable
//! SLOW set at build time, `sum` does twice the work (the slowdown made for the test).
use std::hint::black_box;

/// Sums 0..n, twice over when built with SLOW set.
pub fn sum(n: u64) -> u64 {
    let rounds = if option_env!("SLOW").is_some() { 2 } else { 1 };
    let mut total = 0u64;
    for _ in 0..rounds {
        for i in 0..n {
            total = total.wrapping_add(black_box(i));
        }
    }
    total
}

/// Copies a string of n bytes.
pub fn copy(s: &str) -> String {
    black_box(s).to_owned()
}
