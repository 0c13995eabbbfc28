//! The SQL every configuration kind shares, built once from the kind's table names. All
//! kinds store their entries in tables of the same shape: `<kind>_entries`,
//! `<kind>_versions` (entry_id, version, …, valid_from, valid_until, order_id, author_id,
//! note; one live per entry, immutable) and order items (order_id, entry_id,
//! base_version, …). Only the value columns differ, and those stay with the kind.

use super::write::{on_tx, WriteTx};
use crate::domain::kind::Kind;
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
    }
}

const ROUTING: KindTables = KindTables {
    entries: "routing_entries",
    versions: "routing_versions",
    items: "order_items",
};

/// The shared statements of one kind, formatted once.
struct Statements {
    close_live: String,
}

impl Statements {
    fn of(t: &KindTables) -> Self {
        Self {
            close_live: format!(
                "UPDATE {} SET valid_until = $1 WHERE entry_id = $2 AND version = $3 AND valid_until IS NULL",
                t.versions
            ),
        }
    }
}

fn statements(kind: Kind) -> &'static Statements {
    static ROUTING_SQL: LazyLock<Statements> = LazyLock::new(|| Statements::of(&ROUTING));
    match kind {
        Kind::Routing => &ROUTING_SQL,
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

impl WriteTx {
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
