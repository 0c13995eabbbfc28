//! The order-item export, built for a million rows: one query over orders, items and
//! base versions (names come from `Names`), written once for both databases.
//!
//! On SQLite the rows are read through rusqlite on the pooled connection's own handle
//! in a blocking thread: sqlx hands SQLite rows over one at a time between threads,
//! copying every value, which alone cost about 30 µs a row. Batches of finished
//! records go to the async side, which formats them while the next batch is read.
//! PostgreSQL streams through sqlx.

use super::names::{ById, Names};
use super::raw_sql::{Param, RawSql};
use super::{ItemFilter, RowSink};
use crate::db::org::push_scope;
use crate::db::Db;
use crate::domain::export::ItemRecord;
use crate::domain::order::{OrderState, StatusFilter};
use crate::domain::policy::ScopeFilter;
use futures_util::TryStreamExt;
use time::{Date, OffsetDateTime};

/// Rows per hand-over from the SQLite reader thread (two in flight).
const BATCH: usize = 256;

#[derive(Clone, Copy)]
enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// Whole seconds since 1970 of a timestamp column (NULL stays NULL).
    fn epoch(self, col: &str) -> String {
        match self {
            Dialect::Sqlite => format!("unixepoch({col})"),
            Dialect::Postgres => format!("CAST(FLOOR(EXTRACT(EPOCH FROM {col})) AS BIGINT)"),
        }
    }

    /// A date column as YYYY-MM-DD text.
    fn date(self, col: &str) -> String {
        match self {
            Dialect::Sqlite => col.to_string(),
            Dialect::Postgres => format!("to_char({col}, 'YYYY-MM-DD')"),
        }
    }
}

fn query(dialect: Dialect, scope: &ScopeFilter, filter: &ItemFilter, names: &Names) -> RawSql {
    let mut q = RawSql::new(&format!(
        "SELECT o.number, o.state, o.region_id, o.agency_id, i.entry_id, i.area_id, i.mailbox_id,
                i.addresses, v.area_id, v.mailbox_id, v.addresses, {}, o.author_id, {},
                o.decided_by, {}, o.implemented_by, {}, o.directive_id, i.base_version
         FROM orders o
         JOIN order_items i ON i.order_id = o.id
         LEFT JOIN routing_versions v ON v.entry_id = i.entry_id AND v.version = i.base_version
         WHERE o.number IS NOT NULL",
        dialect.date("o.effective_date"),
        dialect.epoch("COALESCE(o.submitted_at, o.created_at)"),
        dialect.epoch("o.decided_at"),
        dialect.epoch("o.implemented_at"),
    ));
    push_scope(&mut q, scope, "o.region_id", "o.agency_id");
    if let Some(status) = filter.status {
        push_status(&mut q, status);
    }
    if let Some(number) = &filter.directive {
        match names.directive_id(number) {
            Some(id) => q.push(" AND o.directive_id = ").bind(Param::Int(id)),
            None => q.push(" AND 1 = 0"),
        };
    }
    if let Some(from) = filter.from {
        q.push(" AND o.effective_date >= ").bind(Param::Date(from));
    }
    if let Some(until) = filter.until {
        q.push(" AND o.effective_date <= ").bind(Param::Date(until));
    }
    q.push(" ORDER BY o.id, i.entry_id");
    q
}

/// The same states and queues as the order list (`db::orders`), in this query's SQL.
fn push_status(q: &mut RawSql, status: StatusFilter) {
    let state = |s: OrderState| Param::Text(s.code().to_string());
    match status {
        StatusFilter::State(s) => q.push(" AND o.state = ").bind(state(s)),
        StatusFilter::AwaitingReview => q
            .push(" AND o.state = ")
            .bind(state(OrderState::Submitted))
            .push(" AND o.review_required"),
        StatusFilter::ReadyToImplement => q
            .push(" AND (o.state = ")
            .bind(state(OrderState::Approved))
            .push(" OR (o.state = ")
            .bind(state(OrderState::Submitted))
            .push(" AND NOT o.review_required))"),
    };
}

/// One row of `query`, ids not yet named.
struct RawItem {
    number: String,
    state: String,
    region_id: i64,
    agency_id: i64,
    entry_id: i64,
    area_id: i64,
    mailbox_id: i64,
    addresses: String,
    old_area_id: Option<i64>,
    old_mailbox_id: Option<i64>,
    old_addresses: Option<String>,
    effective_date: String,
    author_id: i64,
    filed_at: i64,
    decided_by: Option<i64>,
    decided_at: Option<i64>,
    implemented_by: Option<i64>,
    implemented_at: Option<i64>,
    directive_id: Option<i64>,
    base_version: i64,
}

/// A result row of either driver, read by column position.
trait Columns {
    fn int(&self, i: usize) -> Result<Option<i64>, String>;
    fn text(&self, i: usize) -> Result<Option<String>, String>;
}

impl Columns for rusqlite::Row<'_> {
    fn int(&self, i: usize) -> Result<Option<i64>, String> {
        self.get(i).map_err(|e| e.to_string())
    }
    fn text(&self, i: usize) -> Result<Option<String>, String> {
        self.get(i).map_err(|e| e.to_string())
    }
}

impl Columns for sqlx::postgres::PgRow {
    fn int(&self, i: usize) -> Result<Option<i64>, String> {
        sqlx::Row::try_get(self, i).map_err(|e| e.to_string())
    }
    fn text(&self, i: usize) -> Result<Option<String>, String> {
        sqlx::Row::try_get(self, i).map_err(|e| e.to_string())
    }
}

fn required<T>(value: Option<T>, column: usize) -> Result<T, String> {
    value.ok_or_else(|| format!("column {column} is NULL"))
}

impl RawItem {
    fn read(row: &impl Columns) -> Result<RawItem, String> {
        let int = |i| required(row.int(i)?, i);
        let text = |i| required(row.text(i)?, i);
        Ok(RawItem {
            number: text(0)?,
            state: text(1)?,
            region_id: int(2)?,
            agency_id: int(3)?,
            entry_id: int(4)?,
            area_id: int(5)?,
            mailbox_id: int(6)?,
            addresses: text(7)?,
            old_area_id: row.int(8)?,
            old_mailbox_id: row.int(9)?,
            old_addresses: row.text(10)?,
            effective_date: text(11)?,
            author_id: int(12)?,
            filed_at: int(13)?,
            decided_by: row.int(14)?,
            decided_at: row.int(15)?,
            implemented_by: row.int(16)?,
            implemented_at: row.int(17)?,
            directive_id: row.int(18)?,
            base_version: int(19)?,
        })
    }

    fn record(self, names: &Names) -> Result<ItemRecord, String> {
        let name = |map: &ById, id: i64| map.get(&id).cloned().unwrap_or_else(|| "".into());
        let optional = |map: &ById, id: Option<i64>| id.and_then(|id| map.get(&id)).cloned();
        let instant = |secs: i64| {
            OffsetDateTime::from_unix_timestamp(secs).map_err(|e| format!("timestamp {secs}: {e}"))
        };
        let optional_instant = |secs: Option<i64>| secs.map(instant).transpose();
        let entry = names
            .entries
            .get(&self.entry_id)
            .cloned()
            .unwrap_or_default();
        Ok(ItemRecord {
            region: name(&names.regions, self.region_id),
            agency: name(&names.agencies, self.agency_id),
            office_code: entry.office_code,
            office_name: entry.office_name,
            concern: entry.concern,
            old_area: optional(&names.areas, self.old_area_id),
            new_area: name(&names.areas, self.area_id),
            old_mailbox: optional(&names.mailboxes, self.old_mailbox_id),
            new_mailbox: name(&names.mailboxes, self.mailbox_id),
            old_addresses: self.old_addresses,
            new_addresses: self.addresses,
            effective_date: iso_date(&self.effective_date)?,
            filed_by: name(&names.users, self.author_id),
            filed_at: instant(self.filed_at)?,
            decided_by: optional(&names.users, self.decided_by),
            decided_at: optional_instant(self.decided_at)?,
            implemented_by: optional(&names.users, self.implemented_by),
            implemented_at: optional_instant(self.implemented_at)?,
            directive: optional(&names.directives, self.directive_id),
            base_version: self.base_version,
            order_number: self.number,
            state: self.state,
        })
    }
}

/// YYYY-MM-DD (how both databases give the date here).
fn iso_date(text: &str) -> Result<Date, String> {
    let mut parts = text.splitn(3, '-').map(str::parse::<i32>);
    let bad = || format!("date {text:?}");
    let (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) = (parts.next(), parts.next(), parts.next()) else {
        return Err(bad());
    };
    let month = u8::try_from(m)
        .ok()
        .and_then(|m| time::Month::try_from(m).ok());
    let day = u8::try_from(d).ok();
    match (month, day) {
        (Some(month), Some(day)) => Date::from_calendar_date(y, month, day).map_err(|_| bad()),
        _ => Err(bad()),
    }
}

fn broken(detail: String) -> sqlx::Error {
    sqlx::Error::Protocol(format!("Positions-Export: {detail}"))
}

/// Names one row and hands it to `sink`: Ok(false) once the sink wants no more.
async fn hand_on(
    raw: RawItem,
    names: &Names,
    sink: &mut impl RowSink<ItemRecord>,
) -> sqlx::Result<bool> {
    let record = raw.record(names).map_err(broken)?;
    Ok(sink.accept(record).await)
}

/// Hands on the batches the SQLite reader thread sends until they end or the sink stops.
async fn drain(
    batches: &mut tokio::sync::mpsc::Receiver<Vec<RawItem>>,
    names: &Names,
    sink: &mut impl RowSink<ItemRecord>,
) -> sqlx::Result<()> {
    while let Some(batch) = batches.recv().await {
        for raw in batch {
            if !hand_on(raw, names, sink).await? {
                return Ok(());
            }
        }
    }
    Ok(())
}

/// Order items in scope, oldest order first, to `sink` until it returns false.
pub async fn items(
    db: &Db,
    scope: &ScopeFilter,
    filter: &ItemFilter,
    sink: &mut impl RowSink<ItemRecord>,
) -> sqlx::Result<()> {
    let names = Names::load(db).await?;
    match db {
        Db::Sqlite(pool) => {
            let q = query(Dialect::Sqlite, scope, filter, &names);
            let conn = pool.acquire().await?;
            let (tx, mut rx) = tokio::sync::mpsc::channel::<Vec<RawItem>>(2);
            let runtime = tokio::runtime::Handle::current();
            let reader = tokio::task::spawn_blocking(move || read_sqlite(runtime, conn, q, tx));
            // Naming and formatting happen here, while the reader thread reads on.
            let handed_on = drain(&mut rx, &names, sink).await;
            // The reader stops at its next hand-over once nobody receives.
            drop(rx);
            reader.await.map_err(|e| broken(e.to_string()))??;
            handed_on
        }
        Db::Postgres(pool) => {
            let q = query(Dialect::Postgres, scope, filter, &names);
            let mut rows = sqlx::query_with(&q.sql, q.pg_arguments()).fetch(pool);
            while let Some(row) = rows.try_next().await? {
                let raw = RawItem::read(&row).map_err(broken)?;
                if !hand_on(raw, &names, sink).await? {
                    break;
                }
            }
            Ok(())
        }
    }
}

fn read_sqlite(
    runtime: tokio::runtime::Handle,
    mut conn: sqlx::pool::PoolConnection<sqlx::Sqlite>,
    q: RawSql,
    tx: tokio::sync::mpsc::Sender<Vec<RawItem>>,
) -> sqlx::Result<()> {
    let sqlite = |e: rusqlite::Error| broken(e.to_string());
    let mut handle = runtime.block_on(conn.lock_handle())?;
    // SAFETY: while `handle` is held, sqlx's worker thread leaves this connection alone,
    // so this thread is its only user; rusqlite's `from_handle` never closes it, and the
    // statement and rusqlite connection are dropped before `handle` (declared later).
    let connection = unsafe { rusqlite::Connection::from_handle(handle.as_raw_handle().as_ptr()) }
        .map_err(sqlite)?;
    let mut statement = connection.prepare(&q.sql).map_err(sqlite)?;
    let mut rows = statement
        .query(rusqlite::params_from_iter(q.sqlite_values()))
        .map_err(sqlite)?;
    let mut batch = Vec::with_capacity(BATCH);
    while let Some(row) = rows.next().map_err(sqlite)? {
        batch.push(RawItem::read(row).map_err(broken)?);
        if batch.len() == BATCH {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
            if tx.blocking_send(full).is_err() {
                return Ok(());
            }
        }
    }
    if !batch.is_empty() {
        let _ = tx.blocking_send(batch);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_parse_and_nonsense_does_not() {
        assert_eq!(
            iso_date("2026-03-05").unwrap(),
            Date::from_calendar_date(2026, time::Month::March, 5).unwrap()
        );
        for bad in ["", "2026-13-01", "2026-02-30", "05.03.2026", "2026-03"] {
            assert!(iso_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_query_binds_scope_and_filters_in_order() {
        let mut names = Names::default();
        names.directives.insert(9, "202509011".into());
        let scope = ScopeFilter {
            all: false,
            region_ids: vec![1],
            agencies: vec![],
        };
        let filter = ItemFilter {
            status: Some(StatusFilter::ReadyToImplement),
            directive: Some("202509011".into()),
            from: None,
            until: None,
        };
        let q = query(Dialect::Postgres, &scope, &filter, &names);
        assert!(q.sql.contains("o.region_id IN ($1)"), "{}", q.sql);
        assert!(
            q.sql
                .contains("(o.state = $2 OR (o.state = $3 AND NOT o.review_required))"),
            "{}",
            q.sql
        );
        assert!(q.sql.contains("o.directive_id = $4"));
        assert!(q.sql.contains("EXTRACT(EPOCH FROM o.decided_at)"));
        let unknown = ItemFilter {
            directive: Some("000".into()),
            ..ItemFilter::default()
        };
        assert!(query(Dialect::Sqlite, &scope, &unknown, &names)
            .sql
            .contains("1 = 0"));
    }
}
