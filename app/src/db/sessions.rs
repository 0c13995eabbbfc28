//! Where the sessions live, and their store for both backends.

use super::{open_sqlite, ConnectError, Db};
use async_trait::async_trait;
use sqlx::sqlite::SqliteConnectOptions;
use std::path::{Path, PathBuf};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

/// The database the sessions live in, with the session table created if missing (after
/// `Db::migrate`, whose SQLite migration 0007 drops the table from the application file).
///
/// - PostgreSQL: the application database, so several instances share them.
/// - An SQLite file: a file of its own beside it (`NAME-sitzungen.EXT`). In the application
///   file every session write (sign-in, sign-out, activity once a minute) would wait for
///   the one writer lock with the orders.
/// - In-memory SQLite: the same database.
pub async fn session_db(db: &Db) -> Result<Db, ConnectError> {
    let sessions = match db.sqlite_file() {
        Some(file) => {
            let options = SqliteConnectOptions::new().filename(beside(&file));
            Db::Sqlite(open_sqlite(options, 4).await?)
        }
        None => db.clone(),
    };
    SessionStoreAny::new(sessions.clone())
        .migrate()
        .await
        .map_err(ConnectError::Unreachable)?;
    if let Db::Postgres(pool) = &sessions {
        // A changed or ended session is announced to every instance (db::cache_events;
        // the function is migration 0027's). New sessions need no announcement.
        sqlx::query(
            r#"CREATE OR REPLACE TRIGGER session_announce AFTER UPDATE OR DELETE
               ON "tower_sessions"."session"
               FOR EACH ROW EXECUTE FUNCTION announce_cache_change('sitzung', 'id')"#,
        )
        .execute(pool)
        .await
        .map_err(ConnectError::Unreachable)?;
    }
    Ok(sessions)
}

/// `data/kt.sqlite` → `data/kt-sitzungen.sqlite`.
fn beside(file: &Path) -> PathBuf {
    let stem = file.file_stem().unwrap_or_default().to_string_lossy();
    let name = match file.extension() {
        Some(ext) => format!("{stem}-sitzungen.{}", ext.to_string_lossy()),
        None => format!("{stem}-sitzungen"),
    };
    file.with_file_name(name)
}

/// The session store of whichever backend is configured.
#[derive(Clone, Debug)]
pub enum SessionStoreAny {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

impl SessionStoreAny {
    pub fn new(db: Db) -> Self {
        match db {
            Db::Sqlite(pool) => SessionStoreAny::Sqlite(SqliteStore::new(pool)),
            Db::Postgres(pool) => SessionStoreAny::Postgres(PostgresStore::new(pool)),
        }
    }

    pub async fn migrate(&self) -> sqlx::Result<()> {
        match self {
            SessionStoreAny::Sqlite(s) => s.migrate().await,
            SessionStoreAny::Postgres(s) => s.migrate().await,
        }
    }
}

#[async_trait]
impl SessionStore for SessionStoreAny {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            SessionStoreAny::Sqlite(s) => s.create(record).await,
            SessionStoreAny::Postgres(s) => s.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            SessionStoreAny::Sqlite(s) => s.save(record).await,
            SessionStoreAny::Postgres(s) => s.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            SessionStoreAny::Sqlite(s) => s.load(id).await,
            SessionStoreAny::Postgres(s) => s.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            SessionStoreAny::Sqlite(s) => s.delete(id).await,
            SessionStoreAny::Postgres(s) => s.delete(id).await,
        }
    }
}

#[async_trait]
impl ExpiredDeletion for SessionStoreAny {
    async fn delete_expired(&self) -> session_store::Result<()> {
        match self {
            SessionStoreAny::Sqlite(s) => s.delete_expired().await,
            SessionStoreAny::Postgres(s) => s.delete_expired().await,
        }
    }
}

/// The session store behind a short memory (see db::cache): a page load reads the
/// session from memory; every write and delete goes to the database and updates the memory.
#[derive(Clone, Debug)]
pub struct CachedSessions {
    store: SessionStoreAny,
    memory: crate::db::cache::Memo<Id, Record>,
}

impl CachedSessions {
    pub fn new(store: SessionStoreAny, cache: &crate::db::cache::Cache) -> Self {
        Self {
            store,
            memory: cache.memo(crate::db::cache::SESSIONS, 100_000, |k| k.parse().ok()),
        }
    }
}

#[async_trait]
impl SessionStore for CachedSessions {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        self.store.create(record).await?;
        self.memory.put(record.id, record.clone());
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.store.save(record).await?;
        self.memory.put(record.id, record.clone());
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let now = time::OffsetDateTime::now_utc();
        self.memory
            .read_through(id, |r| r.expiry_date > now, self.store.load(id))
            .await
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        let deleted = self.store.delete(id).await;
        self.memory.forget(id);
        deleted
    }
}

/// Sessions not expired yet, in the sessions' database (for /metrics).
pub async fn count_active(sessions: &Db) -> sqlx::Result<i64> {
    let now = time::OffsetDateTime::now_utc();
    match sessions {
        Db::Sqlite(pool) => {
            sqlx::query_scalar("SELECT COUNT(*) FROM tower_sessions WHERE expiry_date > ?")
                .bind(now)
                .fetch_one(pool)
                .await
        }
        Db::Postgres(pool) => {
            sqlx::query_scalar(
                r#"SELECT COUNT(*) FROM "tower_sessions"."session" WHERE expiry_date > $1"#,
            )
            .bind(now)
            .fetch_one(pool)
            .await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::beside;
    use std::path::Path;

    #[test]
    fn the_session_file_lies_beside_the_database() {
        assert_eq!(
            beside(Path::new("data/kt.sqlite")),
            Path::new("data/kt-sitzungen.sqlite")
        );
        assert_eq!(
            beside(Path::new("/var/lib/kt/db")),
            Path::new("/var/lib/kt/db-sitzungen")
        );
        assert_eq!(beside(Path::new("kt.db")), Path::new("kt-sitzungen.db"));
    }
}
