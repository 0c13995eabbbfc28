//! Load figures against a running, demo-seeded server (see `.ci/bench`):
//! login latency (argon2id dominates), server-rendered page and server-function
//! throughput with p50/p99. Bounded in count and time; loopback only.
//!
//! cargo run --release -p server --example bench -- http://127.0.0.1:3200

mod support;

use std::time::{Duration, Instant};
use support::{load, percentile, ReadOk};

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
        async move { c.get(format!("{b}/healthz")).read_ok().await }
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
                    .read_ok()
                    .await
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
                    .read_ok()
                    .await
            }
        },
    )
    .await;
}
