//! Load figures against a running, demo-seeded server (see `.ci/bench`):
//! login latency (argon2id dominates), server-rendered page and server-function
//! throughput with p50/p99. Bounded in count and time; loopback only.
//!
//! cargo run --release -p server --example bench -- http://127.0.0.1:3200

use std::time::{Duration, Instant};

const PASSWORD: &str = "Demo-Passwort-2026";

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn login(base: &str, c: &reqwest::Client) -> Duration {
    let t = Instant::now();
    let res = c
        .post(format!("{base}/api/anmelden"))
        .header("origin", base)
        .form(&[("benutzername", "aa-kiel"), ("passwort", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "login failed");
    t.elapsed()
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

/// Runs `concurrency` loops of `request` for `duration`; prints req/s, p50, p99.
async fn load<F, Fut>(label: &str, concurrency: usize, duration: Duration, request: F)
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
    println!(
        "{label:<44} {:>8.0} req/s   p50 {:>6.2} ms   p99 {:>6.2} ms   ({} requests, {} failed, {concurrency} connections)",
        all.len() as f64 / secs,
        percentile(&all, 0.5),
        percentile(&all, 0.99),
        all.len(),
        failures
    );
}

#[tokio::main]
async fn main() {
    let base = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "http://127.0.0.1:3200".into());
    let seconds: u64 = std::env::var("KT_BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let duration = Duration::from_secs(seconds);

    let mut logins = Vec::new();
    for _ in 0..30 {
        logins.push(login(&base, &client()).await);
    }
    logins.sort();
    println!(
        "{:<44} median {:>6.1} ms   p99 {:>6.1} ms   (30 sequential logins, argon2id m=19456 t=2 p=1)",
        "login latency",
        percentile(&logins, 0.5),
        percentile(&logins, 0.99)
    );

    let signed_in: Vec<reqwest::Client> = {
        let mut v = Vec::new();
        for _ in 0..16 {
            let c = client();
            login(&base, &c).await;
            v.push(c);
        }
        v
    };

    let b = base.clone();
    let plain = client();
    load("GET /healthz (database ping)", 16, duration, move |_| {
        let (b, c) = (b.clone(), plain.clone());
        async move {
            c.get(format!("{b}/healthz"))
                .send()
                .await
                .map(|r| r.status() == 200)
                .unwrap_or(false)
        }
    })
    .await;

    let b = base.clone();
    let clients = signed_in.clone();
    load(
        "GET /organisation/agentur/kiel (SSR page)",
        16,
        duration,
        move |w| {
            let (b, c) = (b.clone(), clients[w % clients.len()].clone());
            async move {
                c.get(format!("{b}/organisation/agentur/kiel"))
                    .header("accept", "text/html")
                    .send()
                    .await
                    .map(|r| r.status() == 200)
                    .unwrap_or(false)
            }
        },
    )
    .await;

    let b = base.clone();
    let clients = signed_in.clone();
    load(
        "POST /api/organisation/agentur (server fn)",
        16,
        duration,
        move |w| {
            let (b, c) = (b.clone(), clients[w % clients.len()].clone());
            async move {
                c.post(format!("{b}/api/organisation/agentur"))
                    .header("origin", &b)
                    .form(&[("code", "kiel")])
                    .send()
                    .await
                    .map(|r| r.status() == 200)
                    .unwrap_or(false)
            }
        },
    )
    .await;
}
