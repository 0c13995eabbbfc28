//! The list pages' memory (server::page_cache): a page is shown again only while nothing
//! has changed, each answer has its own nonce, and each user their own page.

use crate::both_databases;
use crate::common::{past_cache_window, Backend, Client, TestApp};
use crate::orders::{act, draft, KIEL};
use app::db::generation::DataGeneration;
use app::db::Db;
use app::on_db;
use server::page_cache::CACHE_HEADER;

/// A list page: (where it came from, its CSP nonce, its body).
async fn list(c: &Client, path: &str) -> (String, String, String) {
    let res = c.get(path).await;
    assert_eq!(res.status(), 200, "{path}");
    let header = |name: &str| {
        res.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    };
    let origin = header(CACHE_HEADER);
    let policy = header("content-security-policy");
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_else(|| panic!("no nonce in {policy}"))
        .to_string();
    (origin, nonce, res.text().await.unwrap())
}

/// The order numbers a page shows.
fn numbers(body: &str) -> Vec<String> {
    let mut found: Vec<String> = body
        .match_indices("ÄA-")
        .map(|(i, _)| {
            body[i..]
                .chars()
                .take("ÄA-2026-000001".chars().count())
                .collect()
        })
        .collect();
    found.sort();
    found.dedup();
    found
}

/// The server with the demo orders (all states, RDs Nord and Bayern), and without the
/// short memory of users and RDs, so a page is kept as soon as it is rendered (see
/// `a_page_is_kept_once_the_short_memory_has_caught_up`).
async fn with_orders(backend: Backend) -> TestApp {
    let app = TestApp::start_uncached(backend).await;
    server::seed::seed_demo_orders(&app.db).await.unwrap();
    app
}

async fn a_list_is_shown_again_with_a_fresh_nonce(backend: Backend) {
    let app = with_orders(backend).await;
    let c = app.signed_in("zentrale").await;
    let path = "/auftraege?status=eingereicht&rd=nord";
    let (origin, first_nonce, first) = list(&c, path).await;
    assert_eq!(origin, "neu");
    assert!(!numbers(&first).is_empty(), "{first}");
    let (origin, nonce, again) = list(&c, path).await;
    assert_eq!(origin, "treffer");
    assert_ne!(nonce, first_nonce, "every answer has its own nonce");
    assert!(again.contains(&format!("nonce=\"{nonce}\"")), "{again}");
    assert!(!again.contains(&first_nonce));
    assert_eq!(again, first.replace(&first_nonce, &nonce));
    // Another filter is another page.
    let (origin, _, _) = list(&c, "/auftraege?status=genehmigt&rd=nord").await;
    assert_eq!(origin, "neu");
}

async fn a_decision_shows_at_once(backend: Backend) {
    let app = TestApp::start_uncached(backend).await;
    let author = app.signed_in("aa-kiel").await;
    let number = draft(&app, &author, &[KIEL]).await;
    assert_eq!(act(&author, &number, "einreichen", "").await.0, 200);
    let reviewer = app.signed_in("rd-nord").await;
    let submitted = "/auftraege?status=eingereicht";
    let approved = "/auftraege?status=genehmigt";
    for _ in 0..2 {
        assert!(numbers(&list(&reviewer, submitted).await.2).contains(&number));
        assert!(!numbers(&list(&reviewer, approved).await.2).contains(&number));
    }
    assert_eq!(list(&reviewer, submitted).await.0, "treffer");
    let (status, e) = act(&reviewer, &number, "genehmigen", "").await;
    assert_eq!(status, 200, "{e}");
    let (origin, _, body) = list(&reviewer, submitted).await;
    assert_eq!(origin, "neu");
    assert!(!numbers(&body).contains(&number), "{body}");
    assert!(numbers(&list(&reviewer, approved).await.2).contains(&number));
}

/// Another instance or the command line changes the database: the next page shows it.
async fn a_change_behind_the_servers_back_shows_at_once(backend: Backend) {
    let app = with_orders(backend).await;
    let c = app.signed_in("zentrale").await;
    let path = "/auftraege?status=eingereicht&rd=nord";
    let shown = numbers(&list(&c, path).await.2);
    assert!(!shown.is_empty());
    assert_eq!(list(&c, path).await.0, "treffer");
    let db = &app.db;
    on_db!(db, pool => sqlx::query("UPDATE orders SET effective_date = '2099-03-07' WHERE number = $1")
        .bind(&shown[0]).execute(pool).await.map(|_| ()).unwrap());
    let (origin, _, body) = list(&c, path).await;
    assert_eq!(origin, "neu");
    assert!(body.contains("07.03.2099"), "{body}");
}

async fn each_user_gets_their_own_page(backend: Backend) {
    let app = with_orders(backend).await;
    let path = "/auftraege?rd=bayern";
    let zentrale = app.signed_in("zentrale").await;
    list(&zentrale, path).await;
    let (origin, _, all) = list(&zentrale, path).await;
    assert_eq!(origin, "treffer");
    let bavarian = numbers(&all);
    assert!(!bavarian.is_empty(), "{all}");
    let kiel = app.signed_in("aa-kiel").await;
    let (origin, _, own) = list(&kiel, path).await;
    assert_eq!(origin, "neu");
    assert!(
        numbers(&own).iter().all(|n| !bavarian.contains(n)),
        "aa-kiel sees no Bavarian order: {own}"
    );
}

/// A user's activity is a session write (once a minute, security::touch_session): it
/// changes no data, so kept pages stay. On SQLite the sessions live in a file of their own
/// (in the application file each write would change `data_version`), on PostgreSQL in a
/// table without the generation trigger.
async fn a_session_write_keeps_the_pages(backend: Backend) {
    use tower_sessions::session::{Id, Record};
    use tower_sessions::SessionStore;
    let app = with_orders(backend).await;
    let c = app.signed_in("zentrale").await;
    let path = "/auftraege?status=eingereicht&rd=nord";
    assert_eq!(list(&c, path).await.0, "neu");
    assert_eq!(list(&c, path).await.0, "treffer");
    let store = app::db::sessions::SessionStoreAny::new(app.sessions.clone());
    let mut record = Record {
        id: Id::default(),
        data: [("zuletzt_aktiv".to_string(), serde_json::json!(1))].into(),
        expiry_date: time::OffsetDateTime::now_utc() + time::Duration::minutes(30),
    };
    store.create(&mut record).await.unwrap();
    store.save(&record).await.unwrap();
    store.delete(&record.id).await.unwrap();
    assert_eq!(list(&c, path).await.0, "treffer");
    if let (Some(file), Some(sessions)) = (app.db.sqlite_file(), app.sessions.sqlite_file()) {
        assert_ne!(file, sessions);
        let db = &app.db;
        let tables: i64 = on_db!(db, pool => sqlx::query_scalar(
            "SELECT count(*) FROM sqlite_master WHERE name = 'tower_sessions'")
            .fetch_one(pool).await.unwrap());
        assert_eq!(tables, 0, "no session table in the application file");
    }
}

/// Another instance's change may still be in this one's short memory of users, RDs and
/// agencies for KT_CACHE_SECONDS: a page is kept only once its generation is that old.
async fn a_page_is_kept_once_the_short_memory_has_caught_up(backend: Backend) {
    let app = TestApp::start(backend).await;
    server::seed::seed_demo_orders(&app.db).await.unwrap();
    let c = app.signed_in("zentrale").await;
    let path = "/auftraege?status=genehmigt";
    assert_eq!(list(&c, path).await.0, "neu");
    assert_eq!(list(&c, path).await.0, "neu", "not kept yet");
    past_cache_window().await;
    assert_eq!(list(&c, path).await.0, "neu", "kept now");
    assert_eq!(list(&c, path).await.0, "treffer");
}

/// The generation stays while nothing is written and changes with every commit; on
/// PostgreSQL every table counts it up.
async fn the_generation_changes_with_every_commit(backend: Backend) {
    let app = TestApp::start(backend).await;
    let generation = DataGeneration::new(&app.db);
    let before = generation.current().await.expect("generation");
    assert_eq!(generation.current().await.as_ref(), Some(&before));
    let db = &app.db;
    on_db!(db, pool => sqlx::query("UPDATE regions SET name = name || ' (neu)' WHERE code = 'nord'")
        .execute(pool).await.map(|_| ()).unwrap());
    let after = generation.current().await.expect("generation");
    assert_ne!(after, before);
    // Under load the reads are shared, but none answers with what it read before the
    // caller began.
    let readers: Vec<_> = (0..16)
        .map(|_| {
            let generation = generation.clone();
            tokio::spawn(async move {
                for _ in 0..50 {
                    generation.current().await;
                }
            })
        })
        .collect();
    let mut previous = after;
    for round in 0..5 {
        on_db!(db, pool => sqlx::query("UPDATE regions SET name = name || '.' WHERE code = 'nord'")
            .execute(pool).await.map(|_| ()).unwrap());
        let now = generation.current().await.expect("generation");
        assert_ne!(now, previous, "round {round}");
        assert_eq!(generation.current().await, Some(now.clone()));
        previous = now;
    }
    for r in readers {
        r.await.unwrap();
    }
    if let Db::Postgres(pool) = db {
        let without: Vec<String> = sqlx::query_scalar(
            "SELECT t.table_name::text FROM information_schema.tables t
             WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
               AND t.table_name NOT IN ('data_generation', '_sqlx_migrations')
               AND (SELECT count(*) FROM information_schema.triggers g
                    WHERE g.event_object_schema = 'public' AND g.event_object_table = t.table_name
                      AND g.action_timing = 'BEFORE' AND g.action_orientation = 'STATEMENT'
                      AND g.action_statement LIKE '%count_data_generation%'
                      AND g.event_manipulation IN ('INSERT', 'UPDATE', 'DELETE')) < 3
             ORDER BY 1",
        )
        .fetch_all(pool)
        .await
        .unwrap();
        assert!(
            without.is_empty(),
            "tables without the generation trigger: {without:?}"
        );
    }
}

async fn off_when_set_to_zero(backend: Backend) {
    let app = TestApp::start_without_page_cache(backend).await;
    let c = app.signed_in("zentrale").await;
    for _ in 0..2 {
        let res = c.get("/auftraege").await;
        assert_eq!(res.status(), 200);
        assert!(res.headers().get(CACHE_HEADER).is_none());
    }
}

both_databases!(
    a_list_is_shown_again_with_a_fresh_nonce,
    a_decision_shows_at_once,
    a_session_write_keeps_the_pages,
    a_change_behind_the_servers_back_shows_at_once,
    each_user_gets_their_own_page,
    a_page_is_kept_once_the_short_memory_has_caught_up,
    the_generation_changes_with_every_commit,
    off_when_set_to_zero,
);
