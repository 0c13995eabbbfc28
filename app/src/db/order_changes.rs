//! Every change to an order and its items, as steps of a write transaction. The services
//! decide what may happen; these only say how it is stored.

use super::orders::insert_draft_sql;
use super::routing::split_addresses;
use super::write::{on_reader, on_tx, Reader, WriteTx};
use crate::domain::order::{Hands, OrderState};
use time::{Date, OffsetDateTime};

/// A new draft's header.
pub struct NewDraft<'a> {
    pub agency_id: i64,
    pub region_id: i64,
    pub author_id: i64,
    pub justification: &'a str,
    pub effective_date: Date,
    pub directive_id: Option<i64>,
    pub now: OffsetDateTime,
    /// The year in the order number (in Berlin).
    pub year: i32,
}

/// An item's stored values: the routing entry, the version it changes and the proposal.
pub struct NewItem {
    pub entry_id: i64,
    pub base_version: i64,
    pub mailbox_id: i64,
    pub area_id: i64,
    /// One address per line (`routing::join_addresses`).
    pub addresses: String,
}

/// An order as read, and locked on PostgreSQL, at the start of a transition.
#[derive(sqlx::FromRow)]
pub struct LockedOrder {
    pub id: i64,
    pub state: OrderState,
    pub revision: i64,
    pub author_id: i64,
    pub justification: String,
    pub decided_by: Option<i64>,
    pub effective_date: Date,
    /// Fixed at submission: whether an RD decides before RIM implements.
    pub review_required: bool,
}

/// What a transition records besides the new state.
pub enum Stamp<'a> {
    Withdrawn,
    /// With the review the order takes from now on, by the person who submits it (one
    /// of its hands from now on: see `record_contribution`).
    Submitted {
        review_required: bool,
        by: i64,
    },
    Decided {
        by: i64,
        reason: Option<&'a str>,
    },
    Implemented {
        by: i64,
    },
}

/// A state change that happens only if the order is still where the user saw it.
pub struct StateChange<'a> {
    pub order_id: i64,
    pub from: OrderState,
    pub to: OrderState,
    pub revision: i64,
    pub now: OffsetDateTime,
    pub stamp: Stamp<'a>,
}

/// An item as implemented: the new values and those of the version it replaces, by name.
#[derive(sqlx::FromRow)]
pub struct ImplementedItem {
    pub entry_id: i64,
    pub base_version: i64,
    pub mailbox_id: i64,
    pub area_id: i64,
    pub addresses: String,
    pub office: String,
    pub concern: String,
    pub office_code: String,
    pub concern_code: String,
    pub mailbox: String,
    pub area: String,
    pub base_mailbox: Option<String>,
    pub base_area: Option<String>,
    pub base_addresses: Option<String>,
}

impl ImplementedItem {
    /// "Version 1 → 2 (ÄA-…): vorher Zielpostfach …, Bereich …, Adressen …; nachher …"
    pub fn before_after(&self, number: &str) -> String {
        let shown = |mailbox: &str, area: &str, addresses: &str| {
            format!(
                "Zielpostfach {mailbox}, Bereich {area}, Adressen {}",
                split_addresses(addresses).join(", ")
            )
        };
        format!(
            "Version {} → {} ({number}): vorher {}; nachher {}",
            self.base_version,
            self.base_version + 1,
            shown(
                self.base_mailbox.as_deref().unwrap_or("–"),
                self.base_area.as_deref().unwrap_or("–"),
                self.base_addresses.as_deref().unwrap_or(""),
            ),
            shown(&self.mailbox, &self.area, &self.addresses),
        )
    }
}

const IMPLEMENT_ITEMS_SQL: &str =
    "SELECT i.entry_id, i.base_version, i.mailbox_id, i.area_id, i.addresses,
        of.name AS office, c.name AS concern, of.code AS office_code, c.code AS concern_code,
        nm.address AS mailbox, na.name AS area,
        bm.address AS base_mailbox, ba.name AS base_area, bv.addresses AS base_addresses
     FROM order_items i JOIN routing_entries e ON e.id = i.entry_id
     JOIN offices of ON of.id = e.office_id JOIN concerns c ON c.id = e.concern_id
     JOIN mailboxes nm ON nm.id = i.mailbox_id JOIN areas na ON na.id = i.area_id
     LEFT JOIN routing_versions bv ON bv.entry_id = i.entry_id AND bv.version = i.base_version
     LEFT JOIN mailboxes bm ON bm.id = bv.mailbox_id LEFT JOIN areas ba ON ba.id = bv.area_id
     WHERE i.order_id = $1 ORDER BY i.entry_id";

impl WriteTx {
    /// Inserts and numbers a new draft; returns its id and number.
    pub async fn insert_draft(&mut self, d: &NewDraft<'_>) -> sqlx::Result<(i64, String)> {
        let sql = insert_draft_sql(matches!(self, WriteTx::Postgres(_)));
        on_tx!(self, conn => sqlx::query_as(sql)
            .bind(d.agency_id).bind(d.region_id).bind(d.author_id).bind(d.justification)
            .bind(d.effective_date).bind(d.directive_id).bind(d.now).bind(d.year.to_string())
            .fetch_one(conn).await)
    }

    /// Takes a staged CSV upload of the user out of the staging table; false when it is gone
    /// (already filed, or expired).
    pub async fn consume_upload(&mut self, token: &str, user_id: i64) -> sqlx::Result<bool> {
        const SQL: &str = "DELETE FROM csv_imports WHERE token = $1 AND user_id = $2";
        on_tx!(self, conn => sqlx::query(SQL).bind(token).bind(user_id).execute(conn).await.map(|r| r.rows_affected()))
            .map(|n| n == 1)
    }

    /// Adds an item to a new draft.
    pub async fn add_item(&mut self, order_id: i64, item: &NewItem) -> sqlx::Result<()> {
        const SQL: &str = "INSERT INTO order_items (order_id, entry_id, base_version, mailbox_id, area_id, addresses)
             VALUES ($1, $2, $3, $4, $5, $6)";
        on_tx!(self, conn => bind_item(sqlx::query(SQL).bind(order_id), item).execute(conn).await.map(|r| r.rows_affected()))
            .map(|_| ())
    }

    /// Adds an item, or replaces the order's item for the same routing entry.
    pub async fn save_item(&mut self, order_id: i64, item: &NewItem) -> sqlx::Result<()> {
        const SQL: &str = "INSERT INTO order_items (order_id, entry_id, base_version, mailbox_id, area_id, addresses)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (order_id, entry_id) DO UPDATE SET base_version = excluded.base_version,
                 mailbox_id = excluded.mailbox_id, area_id = excluded.area_id, addresses = excluded.addresses";
        on_tx!(self, conn => bind_item(sqlx::query(SQL).bind(order_id), item).execute(conn).await.map(|r| r.rows_affected()))
            .map(|_| ())
    }

    pub async fn set_header(
        &mut self,
        order_id: i64,
        justification: &str,
        effective_date: Date,
        directive_id: Option<i64>,
    ) -> sqlx::Result<()> {
        const SQL: &str = "UPDATE orders SET justification = $1, effective_date = $2, directive_id = $3 WHERE id = $4";
        on_tx!(self, conn => sqlx::query(SQL).bind(justification).bind(effective_date)
            .bind(directive_id).bind(order_id).execute(conn).await.map(|r| r.rows_affected()))
        .map(|_| ())
    }

    /// Raises the order's revision if it is still the one the user saw and the order is
    /// still in `state`, and records `by` as one of its hands; false when it changed
    /// meanwhile.
    pub async fn bump_revision(
        &mut self,
        order_id: i64,
        revision: i64,
        state: OrderState,
        now: OffsetDateTime,
        by: i64,
    ) -> sqlx::Result<bool> {
        const SQL: &str = "UPDATE orders SET revision = revision + 1, updated_at = $1
             WHERE id = $2 AND revision = $3 AND state = $4";
        let bumped = on_tx!(self, conn => sqlx::query(SQL).bind(now).bind(order_id).bind(revision)
            .bind(state).execute(conn).await.map(|r| r.rows_affected()))?;
        if bumped != 1 {
            return Ok(false);
        }
        self.record_contribution(order_id, by).await?;
        Ok(true)
    }

    /// Records that `user_id` changed the order (edited or submitted it): from now on
    /// they may not decide or implement it (a database trigger holds them to it too).
    pub async fn record_contribution(&mut self, order_id: i64, user_id: i64) -> sqlx::Result<()> {
        const SQL: &str = "INSERT INTO order_contributors (order_id, user_id) VALUES ($1, $2)
             ON CONFLICT (order_id, user_id) DO NOTHING";
        on_tx!(self, conn => sqlx::query(SQL).bind(order_id).bind(user_id)
            .execute(conn).await.map(|_| ()))
    }

    /// Sends an approved order back to its author with the decision cleared.
    pub async fn reopen_after_approval(
        &mut self,
        order_id: i64,
        to: OrderState,
        reason: &str,
    ) -> sqlx::Result<()> {
        const SQL: &str = "UPDATE orders SET state = $1, decided_by = NULL, decided_at = NULL, decision_reason = $2
             WHERE id = $3";
        on_tx!(self, conn => sqlx::query(SQL).bind(to).bind(reason).bind(order_id)
            .execute(conn).await.map(|r| r.rows_affected()))
        .map(|_| ())
    }

    /// Reads the order a transition starts from, locking it on PostgreSQL.
    pub async fn lock_order(&mut self, order_id: i64) -> sqlx::Result<LockedOrder> {
        let sql = format!(
            "SELECT id, state, revision, author_id, justification, decided_by, effective_date,
                 review_required
             FROM orders WHERE id = $1{}",
            self.row_lock()
        );
        on_tx!(self, conn => sqlx::query_as(&sql).bind(order_id).fetch_one(conn).await)
    }

    /// A user's display name, to say who decided.
    pub async fn display_name(&mut self, user_id: i64) -> sqlx::Result<Option<String>> {
        const SQL: &str = "SELECT display_name FROM users WHERE id = $1";
        on_tx!(self, conn => sqlx::query_scalar(SQL).bind(user_id).fetch_optional(conn).await)
    }

    /// The order's items with the names of their new and replaced values.
    pub async fn items_to_implement(
        &mut self,
        order_id: i64,
    ) -> sqlx::Result<Vec<ImplementedItem>> {
        on_tx!(self, conn => sqlx::query_as(IMPLEMENT_ITEMS_SQL).bind(order_id).fetch_all(conn).await)
    }

    /// Moves the order from `from` to `to` with what the transition records; false when
    /// it is no longer at the user's revision in `from`.
    pub async fn change_state(&mut self, c: &StateChange<'_>) -> sqlx::Result<bool> {
        let set = match c.stamp {
            Stamp::Withdrawn => "",
            Stamp::Submitted { .. } => ", submitted_at = $5, review_required = $6",
            Stamp::Decided { .. } => ", decided_by = $6, decided_at = $5, decision_reason = $7",
            Stamp::Implemented { .. } => ", implemented_by = $6, implemented_at = $5",
        };
        let sql = format!(
            "UPDATE orders SET state = $1, revision = revision + 1, updated_at = $5{set}
             WHERE id = $2 AND state = $3 AND revision = $4"
        );
        let done = on_tx!(self, conn => {
            let query = sqlx::query(&sql).bind(c.to).bind(c.order_id).bind(c.from)
                .bind(c.revision).bind(c.now);
            let query = match c.stamp {
                Stamp::Withdrawn => query,
                Stamp::Submitted { review_required, .. } => query.bind(review_required),
                Stamp::Decided { by, reason } => query.bind(by).bind(reason),
                Stamp::Implemented { by } => query.bind(by),
            };
            query.execute(conn).await.map(|r| r.rows_affected())
        })?;
        if let Stamp::Submitted { by, .. } = c.stamp {
            if done == 1 {
                self.record_contribution(c.order_id, by).await?;
            }
        }
        Ok(done == 1)
    }
}

fn bind_item<'q, DB: sqlx::Database>(
    query: sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments<'q>>,
    item: &'q NewItem,
) -> sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments<'q>>
where
    i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    &'q String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    query
        .bind(item.entry_id)
        .bind(item.base_version)
        .bind(item.mailbox_id)
        .bind(item.area_id)
        .bind(&item.addresses)
}

/// Everyone who had a hand in the order: its author, editors and submitters (read for
/// the page's buttons from the pool, for the transition inside its transaction).
pub async fn hands(mut from: Reader<'_>, order_id: i64, author_id: i64) -> sqlx::Result<Hands> {
    const SQL: &str = "SELECT user_id FROM order_contributors WHERE order_id = $1 ORDER BY user_id";
    let contributors = on_reader!(&mut from, conn => sqlx::query_scalar(SQL).bind(order_id).fetch_all(conn).await)?;
    Ok(Hands {
        author_id,
        contributors,
    })
}
