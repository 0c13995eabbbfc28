//! Compliance figures (see `.ci/bench`): directive 202509011 evaluated over every
//! Dienststelle of the demo data (live configuration plus open orders), as
//! - the Zentrale's dashboard page (all RDs, server-rendered HTML),
//! - the same data as JSON (the server function),
//! - an RD's page and an agency admin's start page,
//! - directive 202505010 with all three of its obligations, and the register of every
//!   directive with all of theirs (the Zentrale's view),
//!
//! one connection at a time (server time per request: p50/p99) and at 8 connections
//! (req/s). Goal: at most 30 ms per dashboard request. SQLite in a temporary file unless
//! KT_COMPLIANCE_BENCH_DATABASE_URL names an empty PostgreSQL database.
//!
//! cargo run --release -p server --example compliance_bench

mod support;

use app::db::{BeginWrite, Db};
use app::on_db;
use std::time::Duration;
use support::{bench_seconds, demo_app, load, signed_in, ReadOk};
use time::OffsetDateTime;

/// Every third Dienststelle gets a submitted or approved order that routes the Anliegen
/// to its own Arbeitgeber-Service mailbox: the open orders compliance also reads.
async fn add_open_orders(db: &Db) -> i64 {
    const ORDERS: &str =
        "INSERT INTO orders (number, agency_id, region_id, author_id, state, justification,
            effective_date, directive_id, revision, created_at, updated_at, submitted_at)
        SELECT 'BENCH-' || o.id, o.agency_id, a.region_id, (SELECT MIN(id) FROM users),
               CASE WHEN o.id % 2 = 0 THEN 'eingereicht' ELSE 'genehmigt' END,
               'Umsetzung der Weisung 202509011', $1,
               (SELECT id FROM directives WHERE number = '202509011'), 1, $2, $2, $2
        FROM offices o JOIN agencies a ON a.id = o.agency_id WHERE o.id % 3 = 0";
    const ITEMS: &str =
        "INSERT INTO order_items (order_id, entry_id, base_version, mailbox_id, area_id, addresses)
        SELECT ord.id, e.id, 1, m.id, m.area_id, m.address
        FROM orders ord
        JOIN offices o ON 'BENCH-' || o.id = ord.number
        JOIN routing_entries e ON e.office_id = o.id
             AND e.concern_id = (SELECT id FROM concerns WHERE code = 'ag-egz')
        JOIN mailboxes m ON m.office_id = o.id
             AND m.area_id = (SELECT id FROM areas WHERE code = 'ags')";
    let now = OffsetDateTime::now_utc();
    on_db!(db, pool => {
        let mut tx = pool.begin_write().await.unwrap();
        sqlx::query(ORDERS).bind(now.date()).bind(now).execute(&mut *tx).await.unwrap();
        let items = sqlx::query(ITEMS).execute(&mut *tx).await.unwrap().rows_affected();
        tx.commit().await.unwrap();
        items as i64
    })
}

async fn count(db: &Db, sql: &str) -> i64 {
    on_db!(db, pool => sqlx::query_scalar(sql).fetch_one(pool).await.unwrap())
}

/// p50/p99 one at a time, then req/s at 8 connections. With a `form`, a server-function
/// call (POST, as the hydrated app makes it); else a page load (GET).
async fn measure(
    label: &str,
    client: &reqwest::Client,
    url: String,
    form: Option<&'static str>,
    seconds: u64,
) {
    // KT_BENCH_ONLY=Register measures only what its label names (for profiling).
    if std::env::var("KT_BENCH_ONLY").is_ok_and(|only| !label.contains(&only)) {
        return;
    }
    let request = move |c: reqwest::Client, url: String| async move {
        let req = match form {
            Some(body) => c
                .post(&url)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body),
            None => c.get(&url),
        };
        req.read_ok().await
    };
    let (c1, u1) = (client.clone(), url.clone());
    load(
        &format!("{label}, 1 Verbindung"),
        1,
        Duration::from_secs(seconds),
        move |_| request(c1.clone(), u1.clone()),
    )
    .await;
    let (c8, u8) = (client.clone(), url);
    load(
        &format!("{label}, 8 Verbindungen"),
        8,
        Duration::from_secs(seconds),
        move |_| request(c8.clone(), u8.clone()),
    )
    .await;
}

#[tokio::main]
async fn main() {
    let seconds = bench_seconds();
    let dir = tempfile::tempdir().unwrap();
    let (db, base) = demo_app("KT_COMPLIANCE_BENCH_DATABASE_URL", dir.path()).await;
    let items = add_open_orders(&db).await;
    println!(
        "== Compliance Weisung 202509011 (Datenbank: {}): {} Dienststellen, {} Routing-Einträge, {} offene Auftragspositionen",
        db.backend_name(),
        count(&db, "SELECT COUNT(*) FROM offices").await,
        count(&db, "SELECT COUNT(*) FROM routing_entries").await,
        items
    );
    let zentrale = signed_in(&base, "zentrale").await;
    let rd = signed_in(&base, "rd-nord").await;
    let aa = signed_in(&base, "aa-kiel").await;

    measure(
        "Zentrale: Seite /weisungen/202509011 (alle RDs)",
        &zentrale,
        format!("{base}/weisungen/202509011"),
        None,
        seconds,
    )
    .await;
    measure(
        "Zentrale: JSON /api/weisung (alle RDs)",
        &zentrale,
        format!("{base}/api/weisung"),
        Some("nummer=202509011"),
        seconds,
    )
    .await;
    measure(
        "RD Nord: Seite /weisungen/202509011",
        &rd,
        format!("{base}/weisungen/202509011"),
        None,
        seconds,
    )
    .await;
    // 202505010 has three obligations: routing per Dienststelle, the setting of every
    // EZ team and organisation mailbox, and the eAkte rules per agency and Umstellungstermin.
    measure(
        "Zentrale: Seite /weisungen/202505010 (drei Pflichten, alle RDs)",
        &zentrale,
        format!("{base}/weisungen/202505010"),
        None,
        seconds,
    )
    .await;
    measure(
        "Zentrale: Register /weisungen (alle Weisungen und Pflichten)",
        &zentrale,
        format!("{base}/weisungen"),
        None,
        seconds,
    )
    .await;
    measure(
        "aa-kiel: Startseite mit Weisungen",
        &aa,
        format!("{base}/"),
        None,
        seconds,
    )
    .await;
    db.close().await;
}
