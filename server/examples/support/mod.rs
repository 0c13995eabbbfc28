//! What the benchmarks share: a bounded load loop that reports req/s and percentiles.

use std::time::{Duration, Instant};

/// Throughput and latency of one measured run.
#[derive(Clone, Copy, Debug)]
pub struct Figures {
    pub per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

pub fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

/// Runs `concurrency` loops of `request` for `duration`; prints and returns req/s, p50, p99.
pub async fn load<F, Fut>(
    label: &str,
    concurrency: usize,
    duration: Duration,
    request: F,
) -> Figures
where
    F: Fn(usize) -> Fut + Send + Sync + Clone + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let start = Instant::now();
    let mut tasks = Vec::new();
    for worker in 0..concurrency {
        let request = request.clone();
        tasks.push(tokio::spawn(async move {
            let mut times = Vec::new();
            let mut failures = 0usize;
            while start.elapsed() < duration {
                let t = Instant::now();
                if request(worker).await {
                    times.push(t.elapsed());
                } else {
                    failures += 1;
                }
            }
            (times, failures)
        }));
    }
    let mut all = Vec::new();
    let mut failures = 0;
    for t in tasks {
        let (times, f) = t.await.unwrap();
        all.extend(times);
        failures += f;
    }
    let secs = start.elapsed().as_secs_f64();
    all.sort();
    let figures = Figures {
        per_second: all.len() as f64 / secs,
        p50_ms: percentile(&all, 0.5),
        p99_ms: percentile(&all, 0.99),
    };
    println!(
        "{label:<52} {:>8.0} /s   p50 {:>6.2} ms   p99 {:>6.2} ms   ({} ok, {} failed, {concurrency} connections)",
        figures.per_second,
        figures.p50_ms,
        figures.p99_ms,
        all.len(),
        failures
    );
    figures
}
