//! CSV figures: the RIM export of 1 000 000 order items through the real route (seconds,
//! rows/s, bytes, peak RSS growth of the process), and the import of 10 000 changed rows
//! (upload, preview, confirmation). SQLite in a temporary file unless
//! KT_CSV_BENCH_DATABASE_URL names an empty PostgreSQL database.

mod support;

use app::on_db;
use std::time::Instant;
use support::{demo_app, signed_in};
use time::OffsetDateTime;

/// Resident set size and its high-water mark of this process, in kB.
fn memory_kb() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Resets the high-water mark (Linux: writing 5 to clear_refs).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

async fn id_of(db: &app::db::Db, sql: &str, key: &str) -> i64 {
    on_db!(db, pool => sqlx::query_scalar(sql).bind(key).fetch_one(pool).await.unwrap())
}

/// `orders` approved orders of Kiel with ten items each.
async fn seed_items(db: &app::db::Db, orders: i64) {
    let kiel = id_of(db, "SELECT id FROM agencies WHERE code = $1", "kiel").await;
    let nord = id_of(db, "SELECT id FROM regions WHERE code = $1", "nord").await;
    let author = id_of(db, "SELECT id FROM users WHERE username = $1", "aa-kiel").await;
    let decider = id_of(db, "SELECT id FROM users WHERE username = $1", "rd-nord").await;
    let now = OffsetDateTime::now_utc();
    let effective = now.date() + time::Duration::days(30);
    on_db!(db, pool => {
        sqlx::query("WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < $1)
            INSERT INTO orders (number, agency_id, region_id, author_id, state, justification, effective_date,
                                revision, created_at, updated_at, submitted_at, decided_by, decided_at)
            SELECT 'LAST-' || n, $2, $3, $4, 'genehmigt', 'Lasttest CSV-Export', $5, 1, $6, $6, $6, $7, $6 FROM seq")
            .bind(orders).bind(kiel).bind(nord).bind(author).bind(effective).bind(now).bind(decider)
            .execute(pool).await.unwrap();
        sqlx::query("INSERT INTO order_items (order_id, entry_id, base_version, mailbox_id, area_id, addresses)
            SELECT o.id, v.entry_id, v.version, v.mailbox_id, v.area_id, v.addresses
            FROM orders o CROSS JOIN (
                SELECT v.entry_id, v.version, v.mailbox_id, v.area_id, v.addresses FROM routing_versions v
                JOIN routing_entries e ON e.id = v.entry_id JOIN offices f ON f.id = e.office_id
                WHERE f.agency_id = $1 AND v.valid_until IS NULL ORDER BY v.entry_id LIMIT 10) v
            WHERE o.number LIKE 'LAST-%'")
            .bind(kiel).execute(pool).await.unwrap();
    });
}

/// Enough extra Dienststellen in Kiel for `rows` routing entries, each with a live
/// version copied from Kiel's main office.
async fn seed_offices(db: &app::db::Db, rows: i64) {
    let kiel = id_of(db, "SELECT id FROM agencies WHERE code = $1", "kiel").await;
    let concerns: i64 = on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM concerns").fetch_one(pool).await.unwrap());
    let offices = (rows + concerns - 1) / concerns;
    on_db!(db, pool => {
        sqlx::query("WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < $1)
            INSERT INTO offices (agency_id, code, name, kind)
            SELECT $2, 'last.o' || n, 'Lasttest ' || n, 'geschaeftsstelle' FROM seq")
            .bind(offices).bind(kiel).execute(pool).await.unwrap();
        sqlx::query("INSERT INTO routing_entries (office_id, concern_id)
            SELECT f.id, c.id FROM offices f CROSS JOIN concerns c WHERE f.code LIKE 'last.o%'")
            .execute(pool).await.unwrap();
        sqlx::query("INSERT INTO routing_versions (entry_id, version, mailbox_id, area_id, addresses, valid_from, note)
            SELECT e.id, 1, v.mailbox_id, v.area_id, v.addresses, $1, 'Lasttest'
            FROM routing_entries e JOIN offices f ON f.id = e.office_id
            JOIN routing_entries k ON k.concern_id = e.concern_id
            JOIN offices kf ON kf.id = k.office_id AND kf.code = 'kiel.kiel'
            JOIN routing_versions v ON v.entry_id = k.id AND v.valid_until IS NULL
            WHERE f.code LIKE 'last.o%'")
            .bind(OffsetDateTime::now_utc()).execute(pool).await.unwrap();
    });
}

/// The session cookie of `user`, signed in with curl (which then downloads the export).
fn curl_sign_in(base: &str, user: &str, jar: &std::path::Path) {
    let status = std::process::Command::new("curl")
        .args(["-sf", "-o", "/dev/null", "-c"])
        .arg(jar)
        .args(["-H", &format!("origin: {base}"), "--data-urlencode"])
        .arg(format!("benutzername={user}"))
        .arg("--data-urlencode")
        .arg(format!("passwort={}", support::PASSWORD))
        .arg(format!("{base}/api/anmelden"))
        .status()
        .expect("curl");
    assert!(status.success(), "curl sign-in as {user}");
}

/// The download runs in a separate curl process, so the RSS figures are the server's
/// alone, not those of a client buffering the response; we count what curl passes on
/// through a pipe with a fixed 64 KB buffer.
async fn export(base: &str, items: i64, dir: &std::path::Path) {
    let jar = dir.join("rim-nord.cookies");
    curl_sign_in(base, "rim-nord", &jar);
    let (before, _) = memory_kb();
    reset_peak();
    let started = Instant::now();
    let mut curl = std::process::Command::new("curl")
        .args(["-sf", "-b"])
        .arg(&jar)
        .arg(format!("{base}/export/auftraege.csv"))
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("curl");
    let mut out = curl.stdout.take().unwrap();
    let (bytes, lines) = tokio::task::spawn_blocking(move || {
        use std::io::Read;
        let mut buf = vec![0u8; 64 * 1024];
        let (mut bytes, mut lines) = (0usize, 0usize);
        loop {
            let n = out.read(&mut buf).unwrap();
            if n == 0 {
                return (bytes, lines);
            }
            bytes += n;
            lines += buf[..n].iter().filter(|b| **b == b'\n').count();
        }
    })
    .await
    .unwrap();
    assert!(curl.wait().unwrap().success(), "curl download");
    let secs = started.elapsed().as_secs_f64();
    let (_, peak) = memory_kb();
    assert!(
        lines as i64 > items,
        "all rows (and the demo's approved order) plus the header"
    );
    println!(
        "export {} item rows: {secs:.2} s, {:.0} rows/s, {bytes} bytes, peak RSS growth {} kB (RSS before {before} kB; client: a separate curl process)",
        lines - 1,
        (lines - 1) as f64 / secs,
        peak.saturating_sub(before)
    );
}

async fn import(base: &str, rows: i64) {
    let aa = signed_in(base, "aa-kiel").await;
    let text = aa
        .get(format!("{base}/export/konfiguration.csv?agentur=kiel"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let mut out = String::from("\u{feff}");
    let mut changed = 0;
    for (i, line) in text
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .enumerate()
    {
        let mut cells: Vec<String> = line.split(';').map(String::from).collect();
        if i > 0 && cells.len() > 8 && cells[2].starts_with("last.o") && changed < rows {
            cells[8] = format!("lasttest-{changed}@arbeitsagentur.de");
            changed += 1;
        }
        out.push_str(&cells.join(";"));
        out.push_str("\r\n");
    }
    let bytes = out.len();
    let started = Instant::now();
    let form = reqwest::multipart::Form::new()
        .text("agentur", "kiel")
        .part(
            "datei",
            reqwest::multipart::Part::bytes(out.into_bytes()).file_name("last.csv"),
        );
    let res = aa
        .post(format!("{base}/import/hochladen"))
        .header("origin", base)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let location = res.headers()["location"].to_str().unwrap().to_string();
    let token = location.trim_start_matches("/import/").to_string();
    let uploaded = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let preview: serde_json::Value = aa
        .post(format!("{base}/api/import/vorschau"))
        .header("origin", base)
        .form(&[("kennung", token.as_str())])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let previewed = started.elapsed().as_secs_f64();
    assert_eq!(
        preview["changes"].as_i64(),
        Some(changed),
        "{}",
        preview["file_error"]
    );
    let started = Instant::now();
    let res = aa
        .post(format!("{base}/api/import/uebernehmen"))
        .header("origin", base)
        .form(&[
            ("kennung", token.as_str()),
            ("begruendung", "Lasttest: Import von 10 000 Zeilen"),
            ("wirksam_ab", "31.12.2099"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let confirmed = started.elapsed().as_secs_f64();
    println!(
        "import {changed} changed rows ({bytes} bytes): upload {uploaded:.2} s, preview {previewed:.2} s, confirm (re-check + one transaction) {confirmed:.2} s"
    );
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let (db, base) = demo_app("KT_CSV_BENCH_DATABASE_URL", dir.path()).await;
    let items: i64 = std::env::var("KT_CSV_BENCH_ITEMS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let started = Instant::now();
    seed_items(&db, items / 10).await;
    seed_offices(&db, 10_000).await;
    println!(
        "seeded {items} order items and 10 000 extra routing entries in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    export(&base, items, dir.path()).await;
    import(&base, 10_000).await;
}
