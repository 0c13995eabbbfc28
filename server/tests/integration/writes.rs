//! Many writers at once (on SQLite they share commits): every confirmed write is visible
//! at once to every connection, and a writer that fails leaves nothing behind – whatever
//! the writers queued before and after it do.

use crate::both_databases;
use crate::common::{within_limit, Backend, TestApp, TestDb};
use app::db::audit::AuditEntry;
use app::db::order_changes::NewDraft;
use app::db::write::WriteTx;
use app::db::Db;
use app::on_db;

both_databases!(concurrent_writers_keep_what_they_confirm_and_nothing_else);

const WRITERS: usize = 300;

fn entry(object: &str) -> AuditEntry {
    AuditEntry {
        actor_id: None,
        actor_name: "test".into(),
        client: "test".into(),
        request_id: "test".into(),
        action: "schreibtest".into(),
        object: object.into(),
        outcome: "erfolg".into(),
        detail: String::new(),
    }
}

/// Whether writer `i` commits (see `write`).
fn commits(i: usize) -> bool {
    i % 7 != 3 && i % 7 != 5
}

async fn count(db: &Db, object: &str) -> i64 {
    on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE object = $1")
        .bind(object).fetch_one(pool).await.unwrap())
}

/// Writer `i` inserts a row; every 7th then gives up, every 7th (other) then fails a
/// statement (the audit log refuses updates) and gives up too. Returns whether it
/// committed, after checking that a committed row is visible from the pool.
async fn write(db: Db, i: usize) -> bool {
    let object = format!("schreiber:{i:03}");
    let mut tx = db.begin_write().await.unwrap();
    tx.audit(&entry(&object)).await.unwrap();
    let keep = match i % 7 {
        3 => false,
        5 => {
            const UPDATE: &str = "UPDATE audit_log SET detail = 'x' WHERE object = $1";
            let refused = match &mut tx {
                WriteTx::Sqlite(t) => sqlx::query(UPDATE)
                    .bind(&object)
                    .execute(&mut **t)
                    .await
                    .is_err(),
                WriteTx::Postgres(t) => sqlx::query(UPDATE)
                    .bind(&object)
                    .execute(&mut **t)
                    .await
                    .is_err(),
            };
            assert!(refused, "the audit log is append-only");
            false
        }
        _ => {
            tx.commit().await.unwrap();
            true
        }
    };
    if keep {
        assert_eq!(
            count(&db, &object).await,
            1,
            "{object} confirmed, so visible"
        );
    }
    keep
}

async fn concurrent_writers_keep_what_they_confirm_and_nothing_else(backend: Backend) {
    let t = TestDb::new(backend).await;
    t.db.migrate().await.unwrap();
    let mut writers = tokio::task::JoinSet::new();
    for i in 0..WRITERS {
        let db = t.db.clone();
        writers.spawn(async move { (i, write(db, i).await) });
    }
    let mut kept = 0;
    while let Some(done) = writers.join_next().await {
        let (i, committed) = done.unwrap();
        assert_eq!(committed, commits(i));
        kept += usize::from(committed);
    }
    for i in 0..WRITERS {
        let object = format!("schreiber:{i:03}");
        let expected = i64::from(commits(i));
        assert_eq!(count(&t.db, &object).await, expected, "{object}");
    }
    let total: i64 = on_db!(&t.db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'schreibtest'").fetch_one(pool).await.unwrap());
    assert_eq!(total as usize, kept);
    // The queue is usable afterwards: one more writer on its own.
    assert!(write(t.db.clone(), WRITERS).await);
}

/// A draft with its audit record for `agency` in an open write transaction.
async fn open_filing(db: &Db, agency: &str) -> (WriteTx, String) {
    let (agency_id, region_id, author_id): (i64, i64, i64) = on_db!(db, pool => sqlx::query_as(
        "SELECT a.id, a.region_id, u.id FROM agencies a, users u WHERE a.code = $1 AND u.username = 'zentrale'")
        .bind(agency).fetch_one(pool).await.unwrap());
    let mut tx = db.begin_write().await.unwrap();
    let draft = NewDraft {
        agency_id,
        region_id,
        author_id,
        justification: "Zwei Schreiber gleichzeitig",
        effective_date: time::macros::date!(2099 - 12 - 31),
        directive_id: None,
        now: time::OffsetDateTime::now_utc(),
        year: 2099,
    };
    let (_, number) = tx.insert_draft(&draft).await.unwrap();
    tx.audit(&entry(&format!("auftrag:{number}")))
        .await
        .unwrap();
    (tx, number)
}

/// PostgreSQL: writers of two agencies hold their transactions open at the same time, and
/// the second files, audits and commits while the first is still open – no lock that
/// every write takes (issue 23). (SQLite has one writer per file by design.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writers_of_two_agencies_never_wait_for_each_other() {
    within_limit(async {
        let app = TestApp::start(Backend::Postgres).await;
        let (first, kiel) = open_filing(&app.db, "kiel").await;
        let second = async {
            let (tx, number) = open_filing(&app.db, "muenchen").await;
            tx.commit().await.unwrap();
            number
        };
        let muenchen = tokio::time::timeout(std::time::Duration::from_secs(5), second)
            .await
            .expect("the second writer waited for the first");
        // Seen by others while the first is still open; the first's draft is not.
        let seen = |number: String| {
            let db = app.db.clone();
            async move {
                on_db!(&db, pool => sqlx::query_scalar::<_, i64>(
                    "SELECT COUNT(*) FROM orders WHERE number = $1").bind(number).fetch_one(pool).await.unwrap())
            }
        };
        assert_eq!(seen(muenchen.clone()).await, 1);
        assert_eq!(seen(kiel.clone()).await, 0);
        first.commit().await.unwrap();
        assert_eq!(seen(kiel.clone()).await, 1);
        assert_ne!(kiel, muenchen, "numbers stay unique");
    })
    .await
}
