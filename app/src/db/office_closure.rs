//! A Dienststelle as its closure reads it — its mailboxes and Postkörbe, the live entries
//! of other Dienststellen and the open orders that still point to it — read the same way
//! by the page that plans the closure and by the transaction that performs it; and the
//! closure's writes.

use super::eakte_rules::{RuleRow, LIVE_SQL as LIVE_RULES_SQL};
use super::mailbox_admin::{live_uses, open_items, UseRow};
use super::routing::open_states;
use super::write::{on_reader, on_tx, Reader, WriteTx};
use super::Db;
use crate::domain::mailbox_use::{MailboxRef, UseKind};
use crate::on_db;
use std::collections::BTreeMap;
use std::sync::LazyLock;
use time::OffsetDateTime;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OfficeAdminRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub active: bool,
    pub agency_id: i64,
    pub agency_code: String,
    pub agency_name: String,
    pub region_id: i64,
    pub successor_code: Option<String>,
    pub successor_name: Option<String>,
}

const OFFICE_SQL: &str = "SELECT o.id, o.code, o.name, o.kind, o.active, o.agency_id,
        a.code AS agency_code, a.name AS agency_name, a.region_id,
        s.code AS successor_code, s.name AS successor_name
    FROM offices o JOIN agencies a ON a.id = o.agency_id LEFT JOIN offices s ON s.id = o.successor_id";

pub async fn office(r: &mut Reader<'_>, code: &str) -> sqlx::Result<Option<OfficeAdminRow>> {
    let sql = format!("{OFFICE_SQL} WHERE o.code = $1");
    on_reader!(r, conn => sqlx::query_as(&sql).bind(code).fetch_optional(conn).await)
}

/// The agency's Dienststellen, the Hauptagentur first.
pub async fn offices_of_agency(
    r: &mut Reader<'_>,
    agency_id: i64,
) -> sqlx::Result<Vec<OfficeAdminRow>> {
    let sql = format!(
        "{OFFICE_SQL} WHERE o.agency_id = $1
         ORDER BY CASE WHEN o.kind = 'hauptagentur' THEN 0 ELSE 1 END, o.name"
    );
    on_reader!(r, conn => sqlx::query_as(&sql).bind(agency_id).fetch_all(conn).await)
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OfficeMailboxRow {
    pub id: i64,
    pub address: String,
    pub name: String,
    pub kind: String,
    pub area_id: i64,
    pub area_code: String,
    pub active: bool,
}

pub async fn mailboxes(r: &mut Reader<'_>, office_id: i64) -> sqlx::Result<Vec<OfficeMailboxRow>> {
    const SQL: &str =
        "SELECT m.id, m.address, m.name, m.kind, m.area_id, ar.code AS area_code, m.active
        FROM mailboxes m JOIN areas ar ON ar.id = m.area_id WHERE m.office_id = $1 ORDER BY m.id";
    on_reader!(r, conn => sqlx::query_as(SQL).bind(office_id).fetch_all(conn).await)
}

/// (id, name, area_id) of the Dienststelle's active Postkörbe.
pub async fn postkoerbe(
    r: &mut Reader<'_>,
    office_id: i64,
) -> sqlx::Result<Vec<(i64, String, i64)>> {
    const SQL: &str =
        "SELECT id, name, area_id FROM postkoerbe WHERE office_id = $1 AND active ORDER BY id";
    on_reader!(r, conn => sqlx::query_as(SQL).bind(office_id).fetch_all(conn).await)
}

/// The live routing versions that use the mailbox (see `mailbox_admin::live_uses`).
pub async fn routing_uses(
    r: &mut Reader<'_>,
    mailbox: MailboxRef<'_>,
) -> sqlx::Result<Vec<(UseRow, UseKind)>> {
    match r {
        Reader::Pool(db) => live_uses(db, mailbox).await,
        Reader::Tx(tx) => tx.mailbox_uses(mailbox).await,
    }
}

/// Numbers of open orders with routing items that propose the mailbox.
async fn orders_proposing(
    r: &mut Reader<'_>,
    mailbox: MailboxRef<'_>,
) -> sqlx::Result<Vec<String>> {
    let items = match r {
        Reader::Pool(db) => open_items(db, mailbox).await?,
        Reader::Tx(tx) => tx.mailbox_open_items(mailbox).await?,
    };
    Ok(items.into_iter().map(|i| i.order_number).collect())
}

/// The agency's live eAkte rules that send to a Postkorb of the Dienststelle.
pub async fn eakte_uses(
    r: &mut Reader<'_>,
    agency_id: i64,
    office_id: i64,
) -> sqlx::Result<Vec<RuleRow>> {
    let sql = format!("{} AND p.office_id = $2 ORDER BY e.id", *LIVE_RULES_SQL);
    on_reader!(r, conn => sqlx::query_as(&sql).bind(agency_id).bind(office_id).fetch_all(conn).await)
}

// Open orders that change the Dienststelle's own routing entries or mailbox settings, or
// send eAkte documents to its Postkörbe.
static OPEN_ORDERS_SQL: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT COALESCE(ord.number, '') FROM orders ord WHERE ord.state IN {} AND (
            EXISTS (SELECT 1 FROM order_items i JOIN routing_entries e ON e.id = i.entry_id
                    WHERE i.order_id = ord.id AND e.office_id = $1)
            OR EXISTS (SELECT 1 FROM order_mailbox_items i
                    JOIN mailbox_setting_entries se ON se.id = i.entry_id
                    JOIN mailboxes m ON m.id = se.mailbox_id
                    WHERE i.order_id = ord.id AND m.office_id = $1)
            OR EXISTS (SELECT 1 FROM order_eakte_items i JOIN postkoerbe p ON p.id = i.postkorb_id
                    WHERE i.order_id = ord.id AND p.office_id = $1))",
        open_states()
    )
});

/// Numbers of the open orders that touch the Dienststelle: its entries, its mailboxes'
/// settings, its Postkörbe, or routing items that propose one of its mailboxes.
pub async fn open_orders(
    r: &mut Reader<'_>,
    office_id: i64,
    own_mailboxes: &[OfficeMailboxRow],
) -> sqlx::Result<Vec<String>> {
    let sql = OPEN_ORDERS_SQL.as_str();
    let mut numbers: Vec<String> =
        on_reader!(&mut *r, conn => sqlx::query_scalar(sql).bind(office_id).fetch_all(conn).await)?;
    for m in own_mailboxes {
        let mailbox = MailboxRef {
            id: m.id,
            address: &m.address,
        };
        numbers.extend(orders_proposing(r, mailbox).await?);
    }
    numbers.sort();
    numbers.dedup();
    Ok(numbers)
}

/// The addresses of the mailboxes with these ids (repeats and `None` are skipped), in one
/// query.
pub async fn addresses(
    db: &Db,
    ids: impl IntoIterator<Item = Option<i64>>,
) -> sqlx::Result<BTreeMap<i64, String>> {
    let ids: std::collections::BTreeSet<i64> = ids.into_iter().flatten().collect();
    if ids.is_empty() {
        return Ok(BTreeMap::new());
    }
    on_db!(db, pool => {
        let mut qb = sqlx::QueryBuilder::new("SELECT id, address FROM mailboxes WHERE id IN (");
        let mut list = qb.separated(", ");
        for id in &ids {
            list.push_bind(*id);
        }
        qb.push(")");
        let rows: Vec<(i64, String)> = qb.build_query_as().fetch_all(pool).await?;
        Ok(rows.into_iter().collect())
    })
}

/// What closing ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ended {
    pub routing: u64,
    pub settings: u64,
}

impl WriteTx {
    /// Ends the live routing versions of the Dienststelle's own entries and the live
    /// settings of its mailboxes: they remain readable for any earlier day.
    pub async fn end_office_configuration(
        &mut self,
        office_id: i64,
        now: OffsetDateTime,
    ) -> sqlx::Result<Ended> {
        const ROUTING: &str = "UPDATE routing_versions SET valid_until = $1
            WHERE valid_until IS NULL
              AND entry_id IN (SELECT id FROM routing_entries WHERE office_id = $2)";
        const SETTINGS: &str = "UPDATE mailbox_setting_versions SET valid_until = $1
            WHERE valid_until IS NULL AND entry_id IN (
                SELECT se.id FROM mailbox_setting_entries se JOIN mailboxes m ON m.id = se.mailbox_id
                WHERE m.office_id = $2)";
        let routing = on_tx!(&mut *self, conn => sqlx::query(ROUTING).bind(now).bind(office_id)
            .execute(conn).await.map(|r| r.rows_affected()))?;
        let settings = on_tx!(self, conn => sqlx::query(SETTINGS).bind(now).bind(office_id)
            .execute(conn).await.map(|r| r.rows_affected()))?;
        Ok(Ended { routing, settings })
    }

    /// Marks the Dienststelle closed with its successor.
    pub async fn close_office(&mut self, office_id: i64, successor_id: i64) -> sqlx::Result<()> {
        const SQL: &str = "UPDATE offices SET active = FALSE, successor_id = $1 WHERE id = $2";
        on_tx!(self, conn => sqlx::query(SQL).bind(successor_id).bind(office_id)
            .execute(conn).await.map(|_| ()))
    }
}
