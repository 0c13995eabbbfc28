//! Database access for both backends. One SQL text serves SQLite and PostgreSQL where the
//! dialects agree (sqlx binds `$1` on both); `on_db!` runs the same code on whichever
//! pool is configured.

pub mod agency_merger;
pub mod areas;
pub mod audit;
pub mod cache;
pub mod cache_events;
pub mod catalogue;
pub mod codes;
pub mod compliance;
pub mod concern_retirement;
pub mod directives;
pub mod eakte_catalogue;
pub mod eakte_compliance;
pub mod eakte_rules;
pub mod export;
pub mod idempotency;
pub mod imports;
pub mod initial_configuration;
pub mod kind_store;
pub mod login_attempts;
pub mod mailbox_admin;
pub mod mailbox_settings;
pub mod master_data;
pub mod notifications;
pub mod office_closure;
pub mod order_batches;
pub mod order_changes;
pub mod orders;
pub mod org;
pub mod org_admin;
pub mod postkorb_admin;
pub mod region_status;
pub mod routing;
pub mod sessions;
pub mod setting_compliance;
pub mod tokens;
pub mod user_admin;
pub mod users;
pub mod write;
pub mod write_turn;

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

/// Starts a transaction that will write: `&mut *tx` is the executor, `tx.commit()` ends
/// it. On SQLite it is a turn in the file's writer queue with group commit (see
/// `write_turn`); on PostgreSQL a plain transaction (row locks only, so writers of
/// different agencies never wait for each other).
pub trait BeginWrite {
    type Tx: std::ops::DerefMut + Send;
    fn begin_write(&self) -> impl std::future::Future<Output = sqlx::Result<Self::Tx>> + Send;
}

impl BeginWrite for SqlitePool {
    type Tx = write_turn::SqliteWriteTx;
    async fn begin_write(&self) -> sqlx::Result<write_turn::SqliteWriteTx> {
        write_turn::begin(self).await
    }
}

impl BeginWrite for PgPool {
    type Tx = sqlx::Transaction<'static, sqlx::Postgres>;
    async fn begin_write(&self) -> sqlx::Result<Self::Tx> {
        self.begin().await
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
    /// The pool's connections: (open, idle, at most).
    pub fn pool_use(&self) -> (u32, u32, u32) {
        on_db!(self, pool => (
            pool.size(),
            u32::try_from(pool.num_idle()).unwrap_or(u32::MAX),
            pool.options().get_max_connections(),
        ))
    }

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
            .map_err(|_| ConnectError::InvalidUrl(redact(url)))?;
        Ok(Db::Sqlite(open_sqlite(options, 8).await?))
    }

    /// The file of an SQLite database kept on disk; None for PostgreSQL and for in-memory
    /// SQLite.
    pub fn sqlite_file(&self) -> Option<std::path::PathBuf> {
        let Db::Sqlite(pool) = self else { return None };
        let file = pool.connect_options().get_filename().to_path_buf();
        // sqlx names `sqlite::memory:` "file:sqlx-in-memory-N" (shared cache).
        let name = file.to_string_lossy();
        (name != ":memory:" && !name.starts_with("file:sqlx-in-memory")).then_some(file)
    }

    /// "sqlite" or "postgres", as /healthz reports it.
    pub fn backend_name(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// Applies all pending migrations of this backend. The session table is made where the
    /// sessions live, by `sessions::session_db`.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self {
            Db::Sqlite(pool) => sqlx::migrate!("../migrations/sqlite").run(pool).await,
            Db::Postgres(pool) => sqlx::migrate!("../migrations/postgres").run(pool).await,
        }
    }

    /// A cheap round trip, for /healthz.
    pub async fn ping(&self) -> sqlx::Result<()> {
        on_db!(self, pool => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()))
    }

    pub async fn close(&self) {
        on_db!(self, pool => pool.close().await)
    }
}

/// Opens (and creates if missing) an SQLite file with `sqlite_options`.
pub(crate) async fn open_sqlite(
    options: SqliteConnectOptions,
    max_connections: u32,
) -> Result<SqlitePool, ConnectError> {
    let options = sqlite_options(options);
    let path = options.get_filename().to_path_buf();
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        ensure_writable_dir(dir)?;
    }
    SqlitePoolOptions::new()
        .max_connections(max_connections)
        // An embedded connection is a file handle in this process: nothing to go stale,
        // so no test query before each use (it cost 5 % of the CPU when filing).
        .test_before_acquire(false)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await
        .map_err(ConnectError::Unreachable)
}

/// How every SQLite file is opened: write-ahead log, foreign keys, the configured
/// durability, a busy timeout for other processes.
fn sqlite_options(options: SqliteConnectOptions) -> SqliteConnectOptions {
    options
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(sqlite_synchronous())
        .foreign_keys(true)
        // A write batch's open savepoints journal their pages in a temporary file once
        // past 64 KiB; in memory that costs no write while the other writers wait
        // (order_bench filing: 1 620 → 2 385/s). Bounded: at most 64 writers' pages,
        // and no query here sorts in a temporary b-tree of its size (the CSV export
        // reads in index order).
        .pragma("temp_store", "memory")
        // Rows cross from the connection's thread to the task through a bounded channel;
        // at the default 50 the two threads hand over turn by turn on reads of thousands
        // of rows (compliance: a third of the time in task switches). Still bounded.
        .row_buffer_size(1024)
        .busy_timeout(Duration::from_secs(10))
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
