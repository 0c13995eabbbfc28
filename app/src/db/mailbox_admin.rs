//! One mailbox as its administration page reads it, the live routing and open order items
//! that point to it, and its active flag.

use super::kind_store::open_order_subquery;
use super::org::like_pattern;
use super::routing::{open_states, split_addresses};
use super::write::{on_tx, WriteTx};
use super::Db;
use crate::domain::kind::Kind;
use crate::domain::mailbox_use::{use_of, LiveValues, MailboxRef, UseKind};
use crate::on_db;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MailboxRow {
    pub id: i64,
    pub address: String,
    pub name: String,
    pub kind: String,
    pub active: bool,
    pub office_id: i64,
    pub office_code: String,
    pub office_name: String,
    pub office_kind: String,
    pub office_active: bool,
    pub agency_id: i64,
    pub agency_code: String,
    pub agency_name: String,
    pub region_id: i64,
    pub area_code: String,
    pub area_name: String,
}

const MAILBOX_SQL: &str = "SELECT m.id, m.address, m.name, m.kind, m.active, m.office_id,
        o.code AS office_code, o.name AS office_name, o.kind AS office_kind,
        o.active AS office_active, o.agency_id,
        a.code AS agency_code, a.name AS agency_name, a.region_id,
        ar.code AS area_code, ar.name AS area_name
    FROM mailboxes m JOIN offices o ON o.id = m.office_id JOIN agencies a ON a.id = o.agency_id
        JOIN areas ar ON ar.id = m.area_id
    WHERE LOWER(m.address) = LOWER($1)";

/// The mailbox with this address (compared without regard to case).
pub async fn mailbox(db: &Db, address: &str) -> sqlx::Result<Option<MailboxRow>> {
    on_db!(db, pool => sqlx::query_as(MAILBOX_SQL).bind(address).fetch_optional(pool).await)
}

/// A live routing version that uses the mailbox.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct UseRow {
    pub entry_id: i64,
    pub version: i64,
    pub mailbox_id: i64,
    pub area_id: i64,
    pub addresses: String,
    pub office_id: i64,
    pub office_code: String,
    pub office_name: String,
    pub agency_id: i64,
    pub agency_name: String,
    pub region_id: i64,
    pub concern_code: String,
    pub concern_name: String,
    /// The open order that already changes the entry, if any.
    pub open_order: Option<String>,
}

impl UseRow {
    pub fn live(&self) -> LiveValues {
        LiveValues {
            mailbox_id: self.mailbox_id,
            area_id: self.area_id,
            addresses: split_addresses(&self.addresses),
        }
    }
}

/// The live routing versions as `UseRow`s that pass `filter`, in `order`.
pub(super) fn use_rows_sql(filter: &str, order: &str) -> String {
    format!(
        "SELECT e.id AS entry_id, v.version, v.mailbox_id, v.area_id, v.addresses,
            o.id AS office_id, o.code AS office_code, o.name AS office_name, o.agency_id,
            a.name AS agency_name, a.region_id, c.code AS concern_code, c.name AS concern_name,
            {} AS open_order
        FROM routing_versions v JOIN routing_entries e ON e.id = v.entry_id
            JOIN offices o ON o.id = e.office_id JOIN agencies a ON a.id = o.agency_id
            JOIN concerns c ON c.id = e.concern_id
        WHERE v.valid_until IS NULL AND {filter}
        ORDER BY {order}",
        open_order_subquery(Kind::Routing, "e.id")
    )
}

// The LIKE only narrows the scan; `use_of` decides on whole addresses.
static USES_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    use_rows_sql(
        "(v.mailbox_id = $1 OR LOWER(v.addresses) LIKE $2 ESCAPE '\\')",
        "a.name, o.name, c.name",
    )
});

fn keep_uses(rows: Vec<UseRow>, mailbox: MailboxRef<'_>) -> Vec<(UseRow, UseKind)> {
    rows.into_iter()
        .filter_map(|r| use_of(mailbox, &r.live()).map(|k| (r, k)))
        .collect()
}

/// The live routing versions that use the mailbox, by agency, Dienststelle and Anliegen.
pub async fn live_uses(db: &Db, mailbox: MailboxRef<'_>) -> sqlx::Result<Vec<(UseRow, UseKind)>> {
    let pattern = like_pattern(mailbox.address);
    let rows: Vec<UseRow> = on_db!(db, pool => sqlx::query_as(USES_SQL.as_str())
        .bind(mailbox.id).bind(&pattern).fetch_all(pool).await)?;
    Ok(keep_uses(rows, mailbox))
}

/// An item of an open order that proposes the mailbox.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OpenItemRow {
    pub order_number: String,
    pub office_name: String,
    pub concern_name: String,
    pub mailbox_id: i64,
    pub area_id: i64,
    pub addresses: String,
}

fn open_items_sql() -> String {
    format!(
        "SELECT COALESCE(ord.number, '') AS order_number, o.name AS office_name, c.name AS concern_name,
            i.mailbox_id, i.area_id, i.addresses
        FROM order_items i JOIN orders ord ON ord.id = i.order_id
            JOIN routing_entries e ON e.id = i.entry_id JOIN offices o ON o.id = e.office_id
            JOIN concerns c ON c.id = e.concern_id
        WHERE ord.state IN {} AND (i.mailbox_id = $1 OR LOWER(i.addresses) LIKE $2 ESCAPE '\\')
        ORDER BY ord.number, o.name, c.name",
        open_states()
    )
}

fn keep_items(rows: Vec<OpenItemRow>, mailbox: MailboxRef<'_>) -> Vec<OpenItemRow> {
    rows.into_iter()
        .filter(|r| {
            let proposed = LiveValues {
                mailbox_id: r.mailbox_id,
                area_id: r.area_id,
                addresses: split_addresses(&r.addresses),
            };
            use_of(mailbox, &proposed).is_some()
        })
        .collect()
}

/// The items of open orders (draft to approved) that propose the mailbox.
pub async fn open_items(db: &Db, mailbox: MailboxRef<'_>) -> sqlx::Result<Vec<OpenItemRow>> {
    let sql = open_items_sql();
    let pattern = like_pattern(mailbox.address);
    let rows: Vec<OpenItemRow> = on_db!(db, pool => sqlx::query_as(&sql)
        .bind(mailbox.id).bind(&pattern).fetch_all(pool).await)?;
    Ok(keep_items(rows, mailbox))
}

impl WriteTx {
    /// The mailbox, read inside the transaction.
    pub async fn mailbox_for_admin(&mut self, address: &str) -> sqlx::Result<Option<MailboxRow>> {
        on_tx!(self, conn => sqlx::query_as(MAILBOX_SQL).bind(address).fetch_optional(conn).await)
    }

    /// `live_uses`, inside the transaction.
    pub async fn mailbox_uses(
        &mut self,
        mailbox: MailboxRef<'_>,
    ) -> sqlx::Result<Vec<(UseRow, UseKind)>> {
        let pattern = like_pattern(mailbox.address);
        let rows: Vec<UseRow> = on_tx!(self, conn => sqlx::query_as(USES_SQL.as_str())
            .bind(mailbox.id).bind(&pattern).fetch_all(conn).await)?;
        Ok(keep_uses(rows, mailbox))
    }

    /// `open_items`, inside the transaction.
    pub async fn mailbox_open_items(
        &mut self,
        mailbox: MailboxRef<'_>,
    ) -> sqlx::Result<Vec<OpenItemRow>> {
        let sql = open_items_sql();
        let pattern = like_pattern(mailbox.address);
        let rows: Vec<OpenItemRow> = on_tx!(self, conn => sqlx::query_as(&sql)
            .bind(mailbox.id).bind(&pattern).fetch_all(conn).await)?;
        Ok(keep_items(rows, mailbox))
    }

    pub async fn set_mailbox_active(&mut self, mailbox_id: i64, active: bool) -> sqlx::Result<()> {
        on_tx!(self, conn => sqlx::query("UPDATE mailboxes SET active = $1 WHERE id = $2")
            .bind(active).bind(mailbox_id).execute(conn).await.map(|_| ()))
    }
}
