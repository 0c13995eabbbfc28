//! The SQL every configuration kind shares, built once from the kind's table names. All
//! kinds store their entries in tables of the same shape: `<kind>_entries`,
//! `<kind>_versions` (entry_id, version, …, valid_from, valid_until, order_id, author_id,
//! note; one live per entry, immutable) and order items (order_id, entry_id,
//! base_version, …). Only the value columns differ, and those stay with the kind.

use super::write::{on_tx, WriteTx};
use super::Db;
use crate::domain::kind::{Kind, Review};
use crate::on_db;
use std::sync::LazyLock;
use time::OffsetDateTime;

/// Where a kind keeps its entries, versions and order items.
#[derive(Debug)]
pub struct KindTables {
    pub entries: &'static str,
    pub versions: &'static str,
    pub items: &'static str,
    /// The one value column of versions and items, for kinds with a single field.
    pub value: Option<&'static str>,
}

pub fn tables(kind: Kind) -> &'static KindTables {
    match kind {
        Kind::Routing => &ROUTING,
        Kind::MailboxSetting => &MAILBOX_SETTING,
        Kind::EakteRule => &EAKTE_RULE,
    }
}

const ROUTING: KindTables = KindTables {
    entries: "routing_entries",
    versions: "routing_versions",
    items: "order_items",
    value: None,
};

const MAILBOX_SETTING: KindTables = KindTables {
    entries: "mailbox_setting_entries",
    versions: "mailbox_setting_versions",
    items: "order_mailbox_items",
    value: Some("email_mode"),
};

const EAKTE_RULE: KindTables = KindTables {
    entries: "eakte_rule_entries",
    versions: "eakte_rule_versions",
    items: "order_eakte_items",
    value: Some("postkorb_id"),
};

/// The shared statements of one kind, formatted once.
struct Statements {
    close_live: String,
    remove_item: String,
    /// For kinds with a single value column (empty otherwise).
    save_value_item: String,
    rebase_item: String,
    insert_value_version: String,
}

impl Statements {
    fn of(t: &KindTables) -> Self {
        let value = t.value.unwrap_or("");
        Self {
            save_value_item: format!(
                "INSERT INTO {items} (order_id, entry_id, base_version, {value}) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (order_id, entry_id) DO UPDATE SET base_version = excluded.base_version,
                     {value} = excluded.{value}",
                items = t.items
            ),
            rebase_item: format!("UPDATE {} SET base_version = $1 WHERE id = $2", t.items),
            insert_value_version: format!(
                "INSERT INTO {} (entry_id, version, {value}, valid_from, valid_until, order_id, author_id, note)
                 VALUES ($1, $2, $3, $4, NULL, $5, $6, $7)",
                t.versions
            ),
            close_live: format!(
                "UPDATE {} SET valid_until = $1 WHERE entry_id = $2 AND version = $3 AND valid_until IS NULL",
                t.versions
            ),
            remove_item: format!("DELETE FROM {} WHERE id = $1 AND order_id = $2", t.items),
        }
    }
}

fn statements(kind: Kind) -> &'static Statements {
    static ROUTING_SQL: LazyLock<Statements> = LazyLock::new(|| Statements::of(&ROUTING));
    static MAILBOX_SETTING_SQL: LazyLock<Statements> =
        LazyLock::new(|| Statements::of(&MAILBOX_SETTING));
    static EAKTE_RULE_SQL: LazyLock<Statements> = LazyLock::new(|| Statements::of(&EAKTE_RULE));
    match kind {
        Kind::Routing => &ROUTING_SQL,
        Kind::MailboxSetting => &MAILBOX_SETTING_SQL,
        Kind::EakteRule => &EAKTE_RULE_SQL,
    }
}

/// `(SELECT number of the first open order that changes the entry)`, for a select list:
/// `entry` names the entry id column of the outer query.
pub fn open_order_subquery(kind: Kind, entry: &str) -> String {
    format!(
        "(SELECT o.number FROM {} i JOIN orders o ON o.id = i.order_id
          WHERE i.entry_id = {entry} AND o.state IN {} ORDER BY o.id LIMIT 1)",
        tables(kind).items,
        super::routing::open_states()
    )
}

/// `(number of items of every kind)` of the order whose id is the column `order`.
pub fn item_count_of(order: &str) -> String {
    let counts: Vec<String> = Kind::ALL
        .iter()
        .map(|k| {
            format!(
                "(SELECT COUNT(*) FROM {} WHERE order_id = {order})",
                tables(*k).items
            )
        })
        .collect();
    format!("({})", counts.join(" + "))
}

static ITEM_COUNT_SQL: LazyLock<String> =
    LazyLock::new(|| format!("SELECT {}", item_count_of("$1")));

/// The review each kind's changes take, as the Zentrale has set it.
pub async fn reviews(db: &Db) -> sqlx::Result<Vec<(Kind, Review)>> {
    const SQL: &str = "SELECT code, rd_review FROM config_kinds ORDER BY code";
    let rows: Vec<(Kind, bool)> = on_db!(db, pool => sqlx::query_as(SQL).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(|(kind, rd)| (kind, Review::from_required(rd)))
        .collect())
}

/// `SELECT COUNT(*)` of the kinds with RD review that the order `$1` has items of.
static ORDER_REVIEW_SQL: LazyLock<String> = LazyLock::new(|| {
    let kinds: Vec<String> = Kind::ALL
        .iter()
        .map(|k| {
            format!(
                "(k.code = '{}' AND EXISTS (SELECT 1 FROM {} i WHERE i.order_id = $1))",
                k.code(),
                tables(*k).items
            )
        })
        .collect();
    format!(
        "SELECT COUNT(*) FROM config_kinds k WHERE k.rd_review = $2 AND ({})",
        kinds.join(" OR ")
    )
});

/// Where an order item of any kind stands: its id, its entry, the version it was made
/// against and the entry's live version now (read into each kind's item row).
#[derive(Clone, Copy, Debug, sqlx::FromRow)]
pub struct ItemBase {
    pub id: i64,
    pub entry_id: i64,
    pub base_version: i64,
    pub live_version: i64,
}

impl ItemBase {
    /// Made against a version that is no longer live.
    pub fn is_stale(&self) -> bool {
        self.base_version != self.live_version
    }
}

/// A value a single-value kind stores (a code or an id), bindable on both backends.
pub trait ValueColumn:
    for<'q> sqlx::Encode<'q, sqlx::Sqlite>
    + sqlx::Type<sqlx::Sqlite>
    + for<'q> sqlx::Encode<'q, sqlx::Postgres>
    + sqlx::Type<sqlx::Postgres>
    + Copy
    + Send
    + Sync
    + 'static
{
}

impl<T> ValueColumn for T where
    T: for<'q> sqlx::Encode<'q, sqlx::Sqlite>
        + sqlx::Type<sqlx::Sqlite>
        + for<'q> sqlx::Encode<'q, sqlx::Postgres>
        + sqlx::Type<sqlx::Postgres>
        + Copy
        + Send
        + Sync
        + 'static
{
}

/// A new live version of a single-value kind, written by an implemented order.
pub struct NewValueVersion<'a, V> {
    pub entry_id: i64,
    pub version: i64,
    pub value: V,
    pub valid_from: OffsetDateTime,
    pub order_id: i64,
    pub author_id: i64,
    pub note: &'a str,
}

/// The statements of a kind that has a single value column.
fn value_statements(kind: Kind) -> &'static Statements {
    assert!(
        tables(kind).value.is_some(),
        "{kind:?} has more than one value column"
    );
    statements(kind)
}

impl WriteTx {
    /// Adds an item of a single-value kind, or replaces the order's item for the same entry.
    pub async fn save_value_item<V: ValueColumn>(
        &mut self,
        kind: Kind,
        order_id: i64,
        entry_id: i64,
        base_version: i64,
        value: V,
    ) -> sqlx::Result<()> {
        let sql = &value_statements(kind).save_value_item;
        on_tx!(self, conn => sqlx::query(sql).bind(order_id).bind(entry_id).bind(base_version).bind(value)
            .execute(conn).await.map(|r| r.rows_affected()))
        .map(|_| ())
    }

    /// Points a stale item at the live version `version`.
    pub async fn rebase_item(
        &mut self,
        kind: Kind,
        item_id: i64,
        version: i64,
    ) -> sqlx::Result<()> {
        let sql = &statements(kind).rebase_item;
        on_tx!(self, conn => sqlx::query(sql).bind(version).bind(item_id).execute(conn).await.map(|r| r.rows_affected()))
            .map(|_| ())
    }

    pub async fn insert_value_version<V: ValueColumn>(
        &mut self,
        kind: Kind,
        v: &NewValueVersion<'_, V>,
    ) -> sqlx::Result<()> {
        let sql = &value_statements(kind).insert_value_version;
        on_tx!(self, conn => sqlx::query(sql)
            .bind(v.entry_id).bind(v.version).bind(v.value).bind(v.valid_from)
            .bind(v.order_id).bind(v.author_id).bind(v.note)
            .execute(conn).await.map(|r| r.rows_affected()))
        .map(|_| ())
    }

    /// How many items of all kinds the order has.
    pub async fn item_count(&mut self, order_id: i64) -> sqlx::Result<i64> {
        let sql = ITEM_COUNT_SQL.as_str();
        on_tx!(self, conn => sqlx::query_scalar(sql).bind(order_id).fetch_one(conn).await)
    }

    /// The review an order takes: an RD's if any of its kinds has it.
    pub async fn review_of_order(&mut self, order_id: i64) -> sqlx::Result<Review> {
        let sql = ORDER_REVIEW_SQL.as_str();
        let with_review: i64 = on_tx!(self, conn => sqlx::query_scalar(sql).bind(order_id).bind(true).fetch_one(conn).await)?;
        Ok(Review::from_required(with_review > 0))
    }

    /// Removes an item of `kind` from the order; false when the order has no such item.
    pub async fn remove_item(
        &mut self,
        kind: Kind,
        order_id: i64,
        item_id: i64,
    ) -> sqlx::Result<bool> {
        let sql = &statements(kind).remove_item;
        on_tx!(self, conn => sqlx::query(sql).bind(item_id).bind(order_id).execute(conn).await.map(|r| r.rows_affected()))
            .map(|n| n == 1)
    }

    /// Sets whether an RD reviews changes of `kind` (orders already submitted keep theirs).
    pub async fn set_review(&mut self, kind: Kind, review: Review) -> sqlx::Result<()> {
        const SQL: &str = "UPDATE config_kinds SET rd_review = $1 WHERE code = $2";
        on_tx!(self, conn => sqlx::query(SQL).bind(review.is_required()).bind(kind).execute(conn).await.map(|r| r.rows_affected()))
            .map(|_| ())
    }

    /// Ends the live version `version` of an entry of `kind`; false when that version is
    /// no longer live (the order's base is stale).
    pub async fn close_live_version(
        &mut self,
        kind: Kind,
        entry_id: i64,
        version: i64,
        now: OffsetDateTime,
    ) -> sqlx::Result<bool> {
        let sql = &statements(kind).close_live;
        on_tx!(self, conn => sqlx::query(sql).bind(now).bind(entry_id).bind(version).execute(conn).await.map(|r| r.rows_affected()))
            .map(|n| n == 1)
    }
}
