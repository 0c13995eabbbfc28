//! Order figures with many orders in the table (see `.ci/bench`):
//! - the order list page (50 rows, filtered by RD and state, server-rendered HTML) at 64
//!   connections, next to a bare axum handler returning the same bytes, at 10 000 and at
//!   100 000 orders, rendered for every request (there is no page memory), 64 users of
//!   their own; the same page as JSON; where one request's time goes;
//! - filing an order through its server function, next to a raw sqlx loop doing the same
//!   inserts (numbered order, audit record) in one transaction each.
//!
//! Everything runs in this process on loopback: the server, the bare handler and the load
//! generator share the machine's cores. SQLite in a temporary file unless
//! KT_ORDER_BENCH_DATABASE_URL names an empty PostgreSQL database.
//!
//! cargo run --release -p server --example order_bench

mod support;

use app::db::audit::AuditEntry;
use app::db::order_changes::NewDraft;
use app::db::{BeginWrite, Db};
use app::on_db;
use axum::response::Html;
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::{
    bench_seconds, demo_app, load, percentile, serve, signed_in, zentrale_users, Figures, ReadOk,
};
use time::OffsetDateTime;

const STATES: [&str; 7] = [
    "umgesetzt",
    "umgesetzt",
    "umgesetzt",
    "genehmigt",
    "eingereicht",
    "abgelehnt",
    "zurueckgezogen",
];

/// Adds `n` orders, spread over all agencies and the states above, each with one item, in
/// multi-row inserts. Returns the time taken.
async fn add_orders(db: &Db, from: i64, n: i64) -> Duration {
    let t = Instant::now();
    let now = OffsetDateTime::now_utc();
    on_db!(db, pool => {
        let agencies: Vec<(i64, i64)> = sqlx::query_as("SELECT id, region_id FROM agencies ORDER BY id")
            .fetch_all(pool).await.unwrap();
        let author: i64 = sqlx::query_scalar("SELECT id FROM users WHERE username = 'aa-kiel'")
            .fetch_one(pool).await.unwrap();
        let decider: i64 = sqlx::query_scalar("SELECT id FROM users WHERE username = 'rd-nord'")
            .fetch_one(pool).await.unwrap();
        let mut tx = pool.begin_write().await.unwrap();
        let mut k = from;
        while k < from + n {
            let chunk: Vec<i64> = (k..(k + 500).min(from + n)).collect();
            let mut qb = sqlx::QueryBuilder::new(
                "INSERT INTO orders (number, agency_id, region_id, author_id, state, justification, effective_date,
                     revision, created_at, updated_at, submitted_at, decided_by, decided_at)");
            qb.push_values(&chunk, |mut b, i| {
                let (agency, region) = agencies[(*i as usize) % agencies.len()];
                let state = STATES[(*i as usize / agencies.len()) % STATES.len()];
                let at = now - time::Duration::minutes(*i);
                b.push_bind(format!("B-{i:08}")).push_bind(agency).push_bind(region).push_bind(author)
                    .push_bind(state).push_bind("Lasttest der Auftragsliste")
                    .push_bind(time::macros::date!(2099-12-31)).push_bind(1i64).push_bind(at).push_bind(at)
                    .push_bind(Some(at)).push_bind((state != "eingereicht").then_some(decider))
                    .push_bind((state != "eingereicht").then_some(at));
            });
            qb.build().execute(&mut *tx).await.unwrap();
            k += 500;
        }
        // One item per order: the agency's first routing entry, proposed as it is.
        sqlx::query(
            "INSERT INTO order_items (order_id, entry_id, base_version, mailbox_id, area_id, addresses)
             SELECT o.id, x.entry_id, 1, v.mailbox_id, v.area_id, v.addresses
             FROM orders o
             JOIN (SELECT of.agency_id, MIN(e.id) AS entry_id FROM routing_entries e
                   JOIN offices of ON of.id = e.office_id GROUP BY of.agency_id) x ON x.agency_id = o.agency_id
             JOIN routing_versions v ON v.entry_id = x.entry_id AND v.version = 1
             WHERE o.number LIKE 'B-%' AND NOT EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id)")
            .execute(&mut *tx).await.unwrap();
        tx.commit().await.unwrap();
    });
    // No ANALYZE: the application never runs it, and with statistics SQLite re-prepares
    // statements whose plan might depend on a bound value (that showed as a fifth of the
    // CPU in a profile). The indexes serve the queries without statistics.
    t.elapsed()
}

/// 64 connections sending GET `url` for `duration`.
async fn load_get(
    label: &str,
    client: reqwest::Client,
    url: String,
    duration: Duration,
) -> Figures {
    load(label, 64, duration, move |_| {
        let (c, url) = (client.clone(), url.clone());
        async move { c.get(url).read_ok().await }
    })
    .await
}

/// Throughput of `run` as a percentage of `bare`'s.
fn share(run: Figures, bare: Figures) -> f64 {
    100.0 * run.per_second / bare.per_second
}

/// 64 connections, the `n`-th signed in as `users[n]`, sending GET `url` for `duration`.
async fn load_as_users(
    label: &str,
    users: &[reqwest::Client],
    url: String,
    duration: Duration,
) -> Figures {
    let users = Arc::new(users.to_vec());
    load(label, users.len(), duration, move |worker| {
        let (c, url) = (users[worker].clone(), url.clone());
        async move { c.get(url).read_ok().await }
    })
    .await
}

/// The list page and the bare handler, back to back.
async fn list_against_bare(
    base: &str,
    zentrale: &reqwest::Client,
    users: &[reqwest::Client],
    orders: i64,
    seconds: u64,
) {
    let path = "/auftraege?status=genehmigt&rd=nord";
    let page = zentrale
        .get(format!("{base}{path}"))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let body = page.text().await.unwrap();
    assert!(body.contains("Agentur für Arbeit"), "the page lists orders");
    let rows = body.matches("<tr>").count().saturating_sub(1);
    let bytes = body.len();
    let bare = serve(axum::Router::new().route(
        "/",
        axum::routing::get(move || {
            let body = body.clone();
            async move { Html(body) }
        }),
    ))
    .await;
    println!("-- {orders} Aufträge: Liste {path} ({rows} Zeilen, {bytes} B)");
    let duration = Duration::from_secs(seconds);
    // Every request is rendered (there is no page memory), each connection as a user of
    // its own: session, user and roles are read for each of them.
    let rendered = load_as_users(
        "GET list page, 64 users, rendered each time",
        users,
        format!("{base}{path}"),
        duration,
    )
    .await;
    let plain = reqwest::Client::builder()
        .pool_max_idle_per_host(128)
        .build()
        .unwrap();
    let bare_figures = load_get(
        "GET bare axum handler, same bytes",
        plain,
        format!("{bare}/"),
        duration,
    )
    .await;
    println!(
        "   list = {:.1} % of bare (goal ≥ 10 %), p99 {:.1} ms (goal ≤ 25 ms), {} failed",
        share(rendered, bare_figures),
        rendered.p99_ms,
        rendered.failed
    );
    let api_path = "/api/v1/auftraege?status=genehmigt&rd=nord";
    let res = zentrale
        .get(format!("{base}{api_path}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let api_bytes = res.bytes().await.unwrap().len();
    let api = load_as_users(
        "GET /api/v1/auftraege, page of 50 as JSON, 64 users",
        users,
        format!("{base}{api_path}"),
        duration,
    )
    .await;
    println!(
        "   api = {:.1} % of bare ({api_bytes} B JSON), p99 {:.1} ms, {} failed",
        share(api, bare_figures),
        api.p99_ms,
        api.failed
    );
    breakdown(base, zentrale).await;
}

/// Where a list request's time goes, one request at a time (no queueing): a page without
/// data, the list data alone, and the whole list page.
async fn breakdown(base: &str, c: &reqwest::Client) {
    async fn median(n: usize, mut f: impl FnMut() -> reqwest::RequestBuilder) -> f64 {
        let mut times = Vec::new();
        for _ in 0..n {
            let t = Instant::now();
            let r = f().send().await.unwrap();
            assert!(r.status().is_success());
            let _ = r.bytes().await.unwrap();
            times.push(t.elapsed());
        }
        times.sort();
        percentile(&times, 0.5)
    }
    let page = |path: &'static str| {
        let (c, b) = (c.clone(), base.to_string());
        move || c.get(format!("{b}{path}")).header("accept", "text/html")
    };
    let empty = median(200, page("/passwort")).await;
    let data = median(200, || {
        c.post(format!("{base}/api/auftraege"))
            .header("origin", base)
            .form(&[("status", "genehmigt"), ("rd", "nord")])
    })
    .await;
    let full = median(200, page("/auftraege?status=genehmigt&rd=nord")).await;
    println!(
        "   one at a time (median): page without data {empty:.2} ms, list data as JSON {data:.2} ms, list page {full:.2} ms"
    );
}

/// 16 connections filing through the server function, spread over `bases` (instances in
/// front of one database; the session is shared through it).
async fn file_over(label: &str, bases: &[String], seconds: u64) {
    let aa = signed_in(&bases[0], "aa-kiel").await;
    let bases = Arc::new(bases.to_vec());
    load(label, 16, Duration::from_secs(seconds), move |worker| {
        let (c, b) = (aa.clone(), bases[worker % bases.len()].clone());
        async move {
            c.post(format!("{b}/api/auftrag/anlegen"))
                .header("origin", &b)
                .form(&[
                    ("agentur", "kiel"),
                    ("begruendung", "Lasttest: Auftrag über die Serverfunktion"),
                    ("wirksam_ab", "31.12.2099"),
                ])
                .read_ok()
                .await
        }
    })
    .await;
}

/// Filing through the server function (on PostgreSQL also over two instances), then the
/// raw loop of the same inserts.
async fn filing(base: &str, db: &Db, seconds: u64) {
    let duration = Duration::from_secs(seconds);
    file_over(
        "POST /api/auftrag/anlegen (server fn)",
        &[base.to_string()],
        seconds,
    )
    .await;
    if matches!(db, Db::Postgres(_)) {
        let second = support::instance(db).await;
        file_over(
            "POST /api/auftrag/anlegen, 2 instances, one database",
            &[base.to_string(), second],
            seconds,
        )
        .await;
    }

    let (agency, region, author): (i64, i64, i64) = on_db!(db, pool => sqlx::query_as(
        "SELECT a.id, a.region_id, u.id FROM agencies a, users u WHERE a.code = 'kiel' AND u.username = 'aa-kiel'")
        .fetch_one(pool).await.unwrap());
    let start = Instant::now();
    let mut times = Vec::new();
    while start.elapsed() < duration {
        let t = Instant::now();
        let now = OffsetDateTime::now_utc();
        let mut tx = db.begin_write().await.unwrap();
        let draft = NewDraft {
            agency_id: agency,
            region_id: region,
            author_id: author,
            justification: "Lasttest: rohe sqlx-Schleife",
            effective_date: time::macros::date!(2099 - 12 - 31),
            directive_id: None,
            now,
            year: 2099,
        };
        let (_, number) = tx.insert_draft(&draft).await.unwrap();
        let entry = AuditEntry {
            actor_id: Some(author),
            actor_name: "aa-kiel".into(),
            client: "bench".into(),
            request_id: "bench".into(),
            action: "auftrag-angelegt".into(),
            object: format!("auftrag:{number}"),
            outcome: "erfolg".into(),
            detail: String::new(),
        };
        tx.audit(&entry).await.unwrap();
        tx.commit().await.unwrap();
        times.push(t.elapsed());
    }
    let secs = start.elapsed().as_secs_f64();
    times.sort();
    println!(
        "{:<52} {:>8.0} /s   p50 {:>6.2} ms   p99 {:>6.2} ms   ({} ok, 1 connection)",
        "raw sqlx loop, same inserts, one tx each",
        times.len() as f64 / secs,
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        times.len()
    );
}

#[tokio::main]
async fn main() {
    let seconds = bench_seconds();
    let dir = tempfile::tempdir().unwrap();
    let (db, base) = demo_app("KT_ORDER_BENCH_DATABASE_URL", dir.path()).await;
    println!("== Aufträge (Datenbank: {})", db.backend_name());
    let zentrale = signed_in(&base, "zentrale").await;
    let users = zentrale_users(&db, &base, "last", 64).await;

    let took = add_orders(&db, 0, 10_000).await;
    println!(
        "10 000 Aufträge mit Positionen angelegt in {:.1} s",
        took.as_secs_f64()
    );
    list_against_bare(&base, &zentrale, &users, 10_000, seconds).await;
    let took = add_orders(&db, 10_000, 90_000).await;
    println!("90 000 weitere angelegt in {:.1} s", took.as_secs_f64());
    list_against_bare(&base, &zentrale, &users, 100_000, seconds).await;
    println!("-- Anlegen bei 100 000 Aufträgen");
    filing(&base, &db, seconds).await;
    db.close().await;
}
