//! The data generation: a token that changes whenever a change is committed to the
//! database, by this process or any other (another server instance, the command line).
//! Whatever is read after a request saw generation `g` is at least as new as `g`; so a
//! page rendered then may be shown again for as long as the generation is still `g`
//! (server::page_cache).
//!
//! - SQLite: `PRAGMA data_version`, which changes on a connection whenever another
//!   connection commits (in this process or another). It is read on a connection of its
//!   own that never writes. No table can be forgotten.
//! - PostgreSQL: the `data_generation` counter, counted up in the same transaction by a
//!   statement trigger on every table and by every write transaction's first statement
//!   (migration 0007). The engine's own snapshot would need no counter, but it changes
//!   with any write in the whole cluster, other databases included.

use super::Db;
use sqlx::postgres::PgPool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::Connection;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tokio::sync::Mutex;

#[derive(Clone)]
pub struct DataGeneration(Arc<Inner>);

/// Counts the PostgreSQL data generation up (BeginWrite's first statement).
pub const COUNT_UP_SQL: &str = "UPDATE data_generation SET value = value + 1 WHERE id = 1";

struct Inner {
    source: Source,
    /// One read at a time; holds SQLite's own connection (opened on first use, dropped
    /// after an error and opened again).
    turn: Mutex<Option<Opened>>,
    /// Reads started so far; each read's number is the count after it started.
    started: AtomicU64,
    /// The newest finished read: its number and what it found.
    last: std::sync::Mutex<(u64, Option<String>)>,
}

enum Source {
    Sqlite(Arc<SqliteConnectOptions>),
    Postgres(PgPool),
    /// An in-memory SQLite database: its connections share one cache, and
    /// `data_version` does not count changes made through the same cache.
    Unknown,
}

impl DataGeneration {
    pub fn new(db: &Db) -> Self {
        let source = match db {
            Db::Sqlite(pool) => match db.sqlite_file() {
                Some(_) => Source::Sqlite(pool.connect_options()),
                None => Source::Unknown,
            },
            Db::Postgres(pool) => Source::Postgres(pool.clone()),
        };
        DataGeneration(Arc::new(Inner {
            source,
            turn: Mutex::new(None),
            started: AtomicU64::new(0),
            last: std::sync::Mutex::new((0, None)),
        }))
    }

    /// The current generation, or `None` when it cannot be read (then nothing may be
    /// taken as unchanged). What it returns was read after the call began. Callers that
    /// arrive while a read runs wait for the next one and share it: under load one read
    /// serves a whole queue of requests.
    pub async fn current(&self) -> Option<String> {
        let inner = &*self.0;
        if matches!(inner.source, Source::Unknown) {
            return None;
        }
        let arrived = inner.started.load(Ordering::SeqCst);
        let mut turn = inner.turn.lock().await;
        {
            let last = inner.last.lock().unwrap_or_else(|p| p.into_inner());
            // A read numbered after our arrival started after it: its answer is new enough.
            if last.0 > arrived {
                return last.1.clone();
            }
        }
        let number = inner.started.fetch_add(1, Ordering::SeqCst) + 1;
        let read = match &inner.source {
            Source::Sqlite(options) => sqlite_version(options, &mut turn).await,
            Source::Postgres(pool) => {
                sqlx::query_scalar::<_, i64>("SELECT value FROM data_generation WHERE id = 1")
                    .fetch_one(pool)
                    .await
                    .map(|v| v.to_string())
            }
            Source::Unknown => return None,
        };
        let value = read
            .inspect_err(|e| tracing::warn!(error = %e, "data generation unreadable"))
            .ok();
        *inner.last.lock().unwrap_or_else(|p| p.into_inner()) = (number, value.clone());
        value
    }
}

/// The generation's own SQLite connection. `data_version` counts per connection, so a
/// new connection may repeat an old one's values: each opening gets its own number.
struct Opened {
    number: u64,
    connection: SqliteConnection,
}

static OPENINGS: AtomicU64 = AtomicU64::new(0);

async fn sqlite_version(
    options: &SqliteConnectOptions,
    guard: &mut Option<Opened>,
) -> sqlx::Result<String> {
    if guard.is_none() {
        *guard = Some(Opened {
            number: OPENINGS.fetch_add(1, Ordering::Relaxed),
            connection: SqliteConnection::connect_with(options).await?,
        });
    }
    let opened = guard.as_mut().expect("opened above");
    match sqlx::query_scalar::<_, i64>("PRAGMA data_version")
        .fetch_one(&mut opened.connection)
        .await
    {
        Ok(v) => Ok(format!("{}.{v}", opened.number)),
        Err(e) => {
            *guard = None;
            Err(e)
        }
    }
}
