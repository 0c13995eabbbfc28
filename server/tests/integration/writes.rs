//! Many writers at once (on SQLite they share commits): every confirmed write is visible
//! at once to every connection, and a writer that fails leaves nothing behind – whatever
//! the writers queued before and after it do.

use crate::both_databases;
use crate::common::{Backend, TestDb};
use app::db::audit::AuditEntry;
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
