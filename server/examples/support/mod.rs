//! What the benchmarks share: a bounded load loop that reports req/s and percentiles.
// Each example uses a part of this module.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::time::{Duration, Instant};

pub const PASSWORD: &str = "Demo-Passwort-2026";

/// Seconds per measured run: KT_BENCH_SECONDS, default 5.
pub fn bench_seconds() -> u64 {
    std::env::var("KT_BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5)
}

/// A migrated, demo-seeded database (the URL in `url_var`, else an SQLite file in
/// `dir`) and the application served in front of it: (database, base URL).
pub async fn demo_app(url_var: &str, dir: &std::path::Path) -> (app::db::Db, String) {
    use app::services::password::PasswordHasher;
    let url = std::env::var(url_var)
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| format!("sqlite://{}/bench.db", dir.display()));
    let db = app::db::Db::connect(&url).await.expect("database");
    db.migrate().await.expect("migrations");
    server::seed::seed_demo(&db, &PasswordHasher::default())
        .await
        .expect("seed");
    let base = instance(&db).await;
    (db, base)
}

/// One more server instance in front of `db`, with its own short memory (as another
/// process behind a load balancer): its base URL.
pub async fn instance(db: &app::db::Db) -> String {
    use app::services::password::PasswordHasher;
    let state = app::services::AppState {
        db: db.clone(),
        sessions: app::db::sessions::session_db(db).await.expect("sessions"),
        hasher: PasswordHasher::default(),
        https: false,
        mail: false,
        cache: app::db::cache::Cache::from_env().expect("KT_CACHE_SECONDS"),
        mail_domains: Default::default(),
        site: Default::default(),
    };
    let options = leptos::config::LeptosOptions::builder()
        .output_name("konfigurationstool")
        .build();
    // The API's rate limit still runs, but never refuses the benchmark's load.
    let settings = server::router::Settings {
        limits: server::api::limits::ApiLimits {
            per_second: 1_000_000,
            burst: 1_000_000,
        },
        // Requests are counted as in production; nobody scrapes.
        ..Default::default()
    };
    serve(server::router::build_with(state, options, settings)).await
}

/// Serves the router on a free loopback port; returns its base URL.
pub async fn serve(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    format!("http://{addr}")
}

/// A client with a session of the demo user.
pub async fn signed_in(base: &str, user: &str) -> reqwest::Client {
    let c = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(128)
        .build()
        .unwrap();
    let res = c
        .post(format!("{base}/api/anmelden"))
        .header("origin", base)
        .form(&[("benutzername", user), ("passwort", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "login {user}");
    c
}

/// `n` accounts `{prefix}-1` … `{prefix}-n` with the Zentrale role, each signed in with
/// its own session (so no two connections of a load share a user).
pub async fn zentrale_users(
    db: &app::db::Db,
    base: &str,
    prefix: &str,
    n: usize,
) -> Vec<reqwest::Client> {
    use app::db::users::{self, NewUser};
    use app::domain::policy::{Assignment, Role, Scope};
    let hash = app::services::password::PasswordHasher::default()
        .hash(PASSWORD)
        .await
        .expect("hash");
    let assignment = Assignment::new(Role::Zentrale, Scope::All).expect("assignment");
    let mut clients = Vec::new();
    for i in 1..=n {
        let username = format!("{prefix}-{i}");
        let new = NewUser {
            username: &username,
            display_name: &username,
            password_hash: &hash,
            assignments: std::slice::from_ref(&assignment),
            email: None,
        };
        users::create(db, &new).await.expect("user");
        clients.push(signed_in(base, &username).await);
    }
    clients
}

/// Sends a request and reads the whole answer, as a browser does, so the connection is
/// kept for the next request (an unread body closes it).
pub trait ReadOk {
    fn read_ok(self) -> impl std::future::Future<Output = bool> + Send;
}

impl ReadOk for reqwest::RequestBuilder {
    async fn read_ok(self) -> bool {
        match self.send().await {
            Ok(r) if r.status() == 200 => r.bytes().await.is_ok(),
            _ => false,
        }
    }
}

/// Throughput and latency of one measured run.
#[derive(Clone, Copy, Debug)]
pub struct Figures {
    /// Successful answers per second.
    pub per_second: f64,
    /// Answers that were not 200 or did not arrive (their times are in p50/p99 too).
    pub failed: usize,
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
                if !request(worker).await {
                    failures += 1;
                }
                // A failure took time too: it counts in the percentiles.
                times.push(t.elapsed());
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
        per_second: (all.len() - failures) as f64 / secs,
        failed: failures,
        p50_ms: percentile(&all, 0.5),
        p99_ms: percentile(&all, 0.99),
    };
    println!(
        "{label:<52} {:>8.0} /s   p50 {:>6.2} ms   p99 {:>6.2} ms   ({} ok, {} failed, {concurrency} connections)",
        figures.per_second,
        figures.p50_ms,
        figures.p99_ms,
        all.len() - failures,
        failures
    );
    figures
}
