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
};

const MAILBOX_SETTING: KindTables = KindTables {
    entries: "mailbox_setting_entries",
    versions: "mailbox_setting_versions",
    items: "order_mailbox_items",
};

const EAKTE_RULE: KindTables = KindTables {
    entries: "eakte_rule_entries",
    versions: "eakte_rule_versions",
    items: "order_eakte_items",
};

/// The shared statements of one kind, formatted once.
struct Statements {
    close_live: String,
    remove_item: String,
}

impl Statements {
    fn of(t: &KindTables) -> Self {
        Self {
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

impl WriteTx {
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
