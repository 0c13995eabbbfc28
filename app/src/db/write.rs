//! A write transaction on either backend, with the steps many changes share as ordinary
//! methods: the audit record and the notifications are written in the same transaction
//! as the change they tell of, so they stand or fall together.

use super::audit::{AuditEntry, INSERT_SQL};
use super::write_turn::SqliteWriteTx;
use super::{BeginWrite, Db};
use crate::domain::notify::Message;
use time::OffsetDateTime;

/// A transaction that will write. Dropped without `commit`, it is undone.
pub enum WriteTx {
    Sqlite(SqliteWriteTx),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

/// Runs `$body` with `$conn` bound to the transaction's connection (`&mut SqliteConnection`
/// or `&mut PgConnection`); like `on_db!`, the body is compiled once per backend.
macro_rules! on_tx {
    ($tx:expr, $conn:ident => $body:expr) => {
        match $tx {
            $crate::db::write::WriteTx::Sqlite(t) => {
                let $conn: &mut sqlx::SqliteConnection = &mut **t;
                $body
            }
            $crate::db::write::WriteTx::Postgres(t) => {
                let $conn: &mut sqlx::PgConnection = &mut **t;
                $body
            }
        }
    };
}
pub(crate) use on_tx;

impl Db {
    /// Starts a write transaction (see `BeginWrite` for what that means per backend).
    pub async fn begin_write(&self) -> sqlx::Result<WriteTx> {
        Ok(match self {
            Db::Sqlite(pool) => WriteTx::Sqlite(pool.begin_write().await?),
            Db::Postgres(pool) => WriteTx::Postgres(pool.begin_write().await?),
        })
    }
}

impl WriteTx {
    /// Returns once the work is durably committed.
    pub async fn commit(self) -> sqlx::Result<()> {
        match self {
            WriteTx::Sqlite(tx) => tx.commit().await,
            WriteTx::Postgres(tx) => tx.commit().await,
        }
    }

    /// " FOR UPDATE" on PostgreSQL, where rows read before a change must be locked; empty on
    /// SQLite, where the writer already holds the whole file.
    pub(crate) fn row_lock(&self) -> &'static str {
        match self {
            WriteTx::Sqlite(_) => "",
            WriteTx::Postgres(_) => " FOR UPDATE",
        }
    }

    /// Appends the audit record of what this transaction does.
    pub async fn audit(&mut self, entry: &AuditEntry) -> sqlx::Result<()> {
        on_tx!(self, conn => bind_audit(sqlx::query(INSERT_SQL), entry).execute(conn).await.map(|_| ()))
    }

    /// Writes `message` for each of `recipients` (skipping those already told of its
    /// event) and, when `mail` is true, queues an e-mail for each one with an address.
    /// Returns the number of people newly told.
    pub async fn notify(
        &mut self,
        recipients: &[i64],
        message: &Message,
        mail: bool,
        now: OffsetDateTime,
    ) -> sqlx::Result<usize> {
        const NOTICE: &str =
            "INSERT INTO notifications (user_id, created_at, kind, title, body, link, event_key)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (user_id, event_key) DO NOTHING RETURNING id";
        const MAIL: &str = "INSERT INTO mail_outbox (notification_id, recipient, subject, body, created_at, next_attempt_at)
             SELECT $1, u.email, $2, $3, $4, $6 FROM users u
             WHERE u.id = $5 AND u.email IS NOT NULL AND u.email <> ''";
        let mut told = 0;
        for user_id in recipients {
            let id: Option<i64> = on_tx!(self, conn => sqlx::query_scalar(NOTICE)
                .bind(user_id).bind(now).bind(message.kind).bind(&message.title).bind(&message.body)
                .bind(&message.link).bind(&message.event_key)
                .fetch_optional(conn).await)?;
            let Some(id) = id else { continue };
            told += 1;
            if mail {
                on_tx!(self, conn => sqlx::query(MAIL)
                    .bind(id).bind(&message.title).bind(&message.body).bind(now).bind(user_id)
                    // Due at once, whatever moment the event is dated.
                    .bind(OffsetDateTime::now_utc())
                    .execute(conn).await.map(|r| r.rows_affected()))?;
            }
        }
        Ok(told)
    }
}

/// The audit record's values, bound in the order of `INSERT_SQL`.
pub fn bind_audit<'q, DB: sqlx::Database>(
    query: sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments<'q>>,
    e: &'q AuditEntry,
) -> sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments<'q>>
where
    OffsetDateTime: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    Option<i64>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    &'q String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    query
        .bind(OffsetDateTime::now_utc())
        .bind(e.actor_id)
        .bind(&e.actor_name)
        .bind(&e.client)
        .bind(&e.request_id)
        .bind(&e.action)
        .bind(&e.object)
        .bind(&e.outcome)
        .bind(&e.detail)
}

/// Where a query reads: the pool (a page showing what it would do) or a write transaction
/// (the change re-checking the same thing), so one query function serves both.
pub enum Reader<'a> {
    Pool(&'a Db),
    Tx(&'a mut WriteTx),
}

/// Runs `$body` with `$conn` bound to the pool or the transaction's connection of the
/// `Reader`; compiled once per backend and place.
macro_rules! on_reader {
    ($reader:expr, $conn:ident => $body:expr) => {
        match $reader {
            $crate::db::write::Reader::Pool($crate::db::Db::Sqlite($conn)) => $body,
            $crate::db::write::Reader::Pool($crate::db::Db::Postgres($conn)) => $body,
            $crate::db::write::Reader::Tx(tx) => $crate::db::write::on_tx!(&mut **tx, $conn => $body),
        }
    };
}
pub(crate) use on_reader;
