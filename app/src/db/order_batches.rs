//! Batch orders of the Zentrale (Sammelaufträge): the batch, its orders, and the order
//! of each agency joining it. The orders themselves are ordinary orders (`order_changes`).

use super::write::{on_tx, WriteTx};
use super::Db;
use crate::domain::order::OrderState;
use crate::on_db;
use time::OffsetDateTime;

/// A new batch's header.
pub struct NewBatch<'a> {
    pub directive_id: Option<i64>,
    pub author_id: i64,
    pub justification: &'a str,
    pub now: OffsetDateTime,
    /// The year in the batch number (in Berlin).
    pub year: i32,
}

/// Numbered like orders, from the database's id: "SA-" year "-" the id, at least four
/// digits (see `orders::insert_draft_sql`).
fn insert_sql(postgres: bool) -> &'static str {
    match postgres {
        false => {
            "INSERT INTO order_batches (id, number, directive_id, author_id, justification, created_at)
             SELECT n, 'SA-' || $5 || '-' || printf('%04d', n), $1, $2, $3, $4
             FROM (SELECT COALESCE(MAX(id), 0) + 1 AS n FROM order_batches)
             RETURNING id, number"
        }
        true => {
            "WITH n AS (SELECT nextval(pg_get_serial_sequence('order_batches', 'id')) AS id)
             INSERT INTO order_batches (id, number, directive_id, author_id, justification, created_at)
             SELECT id, 'SA-' || $5 || '-' || lpad(id::text, greatest(4, length(id::text)), '0'),
                 $1, $2, $3, $4
             FROM n
             RETURNING id, number"
        }
    }
}

impl WriteTx {
    /// Inserts and numbers a batch; returns its id and number.
    pub async fn insert_batch(&mut self, b: &NewBatch<'_>) -> sqlx::Result<(i64, String)> {
        let sql = insert_sql(matches!(self, WriteTx::Postgres(_)));
        on_tx!(self, conn => sqlx::query_as(sql)
            .bind(b.directive_id).bind(b.author_id).bind(b.justification).bind(b.now)
            .bind(b.year.to_string())
            .fetch_one(conn).await)
    }

    /// Makes a new order part of the batch.
    pub async fn join_batch(&mut self, order_id: i64, batch_id: i64) -> sqlx::Result<()> {
        const SQL: &str = "UPDATE orders SET batch_id = $1 WHERE id = $2";
        on_tx!(self, conn => sqlx::query(SQL).bind(batch_id).bind(order_id).execute(conn).await.map(|_| ()))
    }
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct BatchRow {
    pub id: i64,
    pub number: String,
    pub justification: String,
    pub created_at: OffsetDateTime,
    pub author_name: String,
    pub directive_number: Option<String>,
    pub directive_title: Option<String>,
}

pub async fn by_number(db: &Db, number: &str) -> sqlx::Result<Option<BatchRow>> {
    const SQL: &str = "SELECT b.id, b.number, b.justification, b.created_at,
            u.display_name AS author_name, d.number AS directive_number, d.title AS directive_title
        FROM order_batches b JOIN users u ON u.id = b.author_id
        LEFT JOIN directives d ON d.id = b.directive_id
        WHERE b.number = $1";
    on_db!(db, pool => sqlx::query_as(SQL).bind(number).fetch_optional(pool).await)
}

/// One order of a batch, as its page lists it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct BatchOrderRow {
    pub number: String,
    pub state: OrderState,
    pub region_id: i64,
    pub agency_id: i64,
    pub agency_name: String,
    pub region_name: String,
    pub item_count: i64,
}

/// The batch's orders by RD and agency.
pub async fn orders(db: &Db, batch_id: i64) -> sqlx::Result<Vec<BatchOrderRow>> {
    let sql = format!(
        "SELECT o.number, o.state, a.region_id, a.id AS agency_id, a.name AS agency_name,
            r.name AS region_name, {} AS item_count
         FROM orders o JOIN agencies a ON a.id = o.agency_id JOIN regions r ON r.id = a.region_id
         WHERE o.batch_id = $1 ORDER BY r.name, a.name",
        super::kind_store::item_count_of("o.id")
    );
    on_db!(db, pool => sqlx::query_as(&sql).bind(batch_id).fetch_all(pool).await)
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct BatchOfDirective {
    pub number: String,
    pub created_at: OffsetDateTime,
}

/// The batches filed for a directive, newest first.
pub async fn of_directive(db: &Db, directive_id: i64) -> sqlx::Result<Vec<BatchOfDirective>> {
    const SQL: &str = "SELECT number, created_at FROM order_batches
        WHERE directive_id = $1 ORDER BY id DESC";
    on_db!(db, pool => sqlx::query_as(SQL).bind(directive_id).fetch_all(pool).await)
}
