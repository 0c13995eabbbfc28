//! Database access for both backends. One SQL text serves SQLite and PostgreSQL where the
//! dialects agree (sqlx binds `$1` on both); `on_db!` runs the same code on whichever
//! pool is configured.

pub mod audit;
pub mod compliance;
pub mod directives;
pub mod export;
pub mod imports;
pub mod notifications;
pub mod orders;
pub mod org;
pub mod routing;
pub mod sessions;
pub mod tokens;
pub mod users;

use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::str::FromStr;
use std::time::Duration;

/// The configured database.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs `$body` with `$pool` bound to the concrete pool of `$db`. The body is compiled
/// once per backend, so it must only use SQL both understand.
#[macro_export]
macro_rules! on_db {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($pool) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
}

/// A write transaction; on SQLite it also holds this process's turn to write.
/// Dereferences to the connection, so `&mut *tx` is an executor, as with sqlx's own.
pub struct WriteTx<DB: sqlx::Database> {
    tx: sqlx::Transaction<'static, DB>,
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl<DB: sqlx::Database> WriteTx<DB> {
    pub async fn commit(self) -> sqlx::Result<()> {
        self.tx.commit().await
    }
}

impl<DB: sqlx::Database> std::ops::Deref for WriteTx<DB> {
    type Target = DB::Connection;
    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl<DB: sqlx::Database> std::ops::DerefMut for WriteTx<DB> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.tx
    }
}

/// Starts a transaction that will write. SQLite must take the write lock up front
/// (`BEGIN IMMEDIATE`), or a later write fails at once with SQLITE_BUSY.
pub trait BeginWrite {
    type Database: sqlx::Database;
    fn begin_write(
        &self,
    ) -> impl std::future::Future<Output = sqlx::Result<WriteTx<Self::Database>>> + Send;
}

/// One queue of writers per SQLite file. SQLite lets one writer in at a time and makes the
/// others poll with growing sleeps (up to 100 ms each); queueing in the process instead
/// hands the lock on the moment it is free. (Several processes on one file still work:
/// the busy timeout covers them.)
fn sqlite_write_turn(pool: &SqlitePool) -> std::sync::Arc<tokio::sync::Mutex<()>> {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex, OnceLock};
    static TURNS: OnceLock<Mutex<HashMap<std::path::PathBuf, Arc<tokio::sync::Mutex<()>>>>> =
        OnceLock::new();
    let file = pool.connect_options().get_filename().to_path_buf();
    TURNS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .entry(file)
        .or_default()
        .clone()
}

impl BeginWrite for SqlitePool {
    type Database = sqlx::Sqlite;
    async fn begin_write(&self) -> sqlx::Result<WriteTx<sqlx::Sqlite>> {
        let turn = sqlite_write_turn(self).lock_owned().await;
        let tx = self.begin_with("BEGIN IMMEDIATE").await?;
        Ok(WriteTx {
            tx,
            _turn: Some(turn),
        })
    }
}

impl BeginWrite for PgPool {
    type Database = sqlx::Postgres;
    async fn begin_write(&self) -> sqlx::Result<WriteTx<sqlx::Postgres>> {
        Ok(WriteTx {
            tx: self.begin().await?,
            _turn: None,
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("DATABASE_URL ist ungültig: „{0}“. Erwartet wird sqlite://PFAD oder postgres://BENUTZER:PASSWORT@HOST/DATENBANK.")]
    InvalidUrl(String),
    #[error("Das Datenverzeichnis {dir} kann nicht angelegt oder beschrieben werden: {source}")]
    DataDir { dir: String, source: std::io::Error },
    #[error("Die Datenbank ist nicht erreichbar: {0}")]
    Unreachable(sqlx::Error),
}

impl Db {
    /// Opens the database named by `url`: `sqlite://…` (created if missing) or
    /// `postgres://…`.
    pub async fn connect(url: &str) -> Result<Db, ConnectError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(5))
                .connect(url)
                .await
                .map_err(ConnectError::Unreachable)?;
            return Ok(Db::Postgres(pool));
        }
        if !url.starts_with("sqlite:") {
            return Err(ConnectError::InvalidUrl(redact(url)));
        }
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|_| ConnectError::InvalidUrl(redact(url)))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(sqlite_synchronous())
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let path = options.get_filename().to_path_buf();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            ensure_writable_dir(dir)?;
        }
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await
            .map_err(ConnectError::Unreachable)?;
        Ok(Db::Sqlite(pool))
    }

    /// "sqlite" or "postgres", as /healthz reports it.
    pub fn backend_name(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// Applies all pending migrations of this backend, then the session table.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self {
            Db::Sqlite(pool) => sqlx::migrate!("../migrations/sqlite").run(pool).await?,
            Db::Postgres(pool) => sqlx::migrate!("../migrations/postgres").run(pool).await?,
        }
        sessions::SessionStoreAny::new(self.clone())
            .migrate()
            .await
            .map_err(sqlx::migrate::MigrateError::Execute)
    }

    /// A cheap round trip, for /healthz.
    pub async fn ping(&self) -> sqlx::Result<()> {
        on_db!(self, pool => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()))
    }

    pub async fn close(&self) {
        on_db!(self, pool => pool.close().await)
    }
}

fn ensure_writable_dir(dir: &std::path::Path) -> Result<(), ConnectError> {
    let err = |source| ConnectError::DataDir {
        dir: dir.display().to_string(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(err)?;
    let probe = dir.join(".schreibtest");
    std::fs::write(&probe, b"").map_err(err)?;
    let _ = std::fs::remove_file(probe);
    Ok(())
}

/// FULL (default): every commit is on disk before it is confirmed. KT_SQLITE_SYNCHRONOUS=normal
/// trades the last commits before a power loss (never consistency) for fewer fsyncs.
fn sqlite_synchronous() -> SqliteSynchronous {
    match std::env::var("KT_SQLITE_SYNCHRONOUS").ok().as_deref() {
        Some("normal") => SqliteSynchronous::Normal,
        _ => SqliteSynchronous::Full,
    }
}

/// The URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &creds[..c], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn redacts_passwords() {
        assert_eq!(
            super::redact("postgres://u:geheim@h/db"),
            "postgres://u:***@h/db"
        );
        assert_eq!(super::redact("sqlite://data/x.db"), "sqlite://data/x.db");
    }
}
