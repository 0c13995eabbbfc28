//! The mailbox setting "E-Mail-Kommunikation": entries (one per mailbox), versions and
//! order items. The shared steps (closing the live version, counting items, the open
//! order of an entry) come from `kind_store`.

use super::kind_store::{open_order_subquery, ItemBase};
use super::write::{on_tx, WriteTx};
use super::Db;
use crate::domain::kind::Kind;
use crate::domain::mailbox_setting::{EmailMode, Lock};
use crate::domain::org::MailboxKind;
use crate::on_db;
use std::sync::LazyLock;
use time::{Date, OffsetDateTime};

/// A mailbox's live setting, with where the mailbox is.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SettingRow {
    pub entry_id: i64,
    pub mailbox_name: String,
    pub mailbox_address: String,
    pub mailbox_kind: MailboxKind,
    pub office_name: String,
    pub version: i64,
    pub email_mode: EmailMode,
    pub valid_from: OffsetDateTime,
    /// The first open order that changes it.
    pub open_order: Option<String>,
}

static SETTINGS_SQL: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT e.id AS entry_id, m.name AS mailbox_name, m.address AS mailbox_address,
                m.kind AS mailbox_kind, of.name AS office_name, v.version, v.email_mode, v.valid_from,
                {} AS open_order
         FROM mailbox_setting_entries e JOIN mailboxes m ON m.id = e.mailbox_id
         JOIN offices of ON of.id = m.office_id
         JOIN mailbox_setting_versions v ON v.entry_id = e.id AND v.valid_until IS NULL
         WHERE of.agency_id = $1",
        open_order_subquery(Kind::MailboxSetting, "e.id")
    )
});

/// The live setting of every mailbox of an agency that has one.
pub async fn of_agency(db: &Db, agency_id: i64) -> sqlx::Result<Vec<SettingRow>> {
    let sql = format!("{} ORDER BY of.name, m.name", *SETTINGS_SQL);
    on_db!(db, pool => sqlx::query_as(&sql).bind(agency_id).fetch_all(pool).await)
}

/// The setting every mailbox of an agency had at `as_of` (mailboxes without a version
/// then are left out; no open order is named for a past state).
pub async fn of_agency_at(
    db: &Db,
    agency_id: i64,
    as_of: OffsetDateTime,
) -> sqlx::Result<Vec<SettingRow>> {
    const SQL: &str = "SELECT e.id AS entry_id, m.name AS mailbox_name,
            m.address AS mailbox_address, m.kind AS mailbox_kind, of.name AS office_name,
            v.version, v.email_mode, v.valid_from, CAST(NULL AS TEXT) AS open_order
        FROM mailbox_setting_entries e JOIN mailboxes m ON m.id = e.mailbox_id
        JOIN offices of ON of.id = m.office_id
        JOIN mailbox_setting_versions v ON v.entry_id = e.id
             AND v.valid_from <= $2 AND (v.valid_until IS NULL OR v.valid_until > $2)
        WHERE of.agency_id = $1
        ORDER BY of.name, m.name";
    on_db!(db, pool => sqlx::query_as(SQL).bind(agency_id).bind(as_of).fetch_all(pool).await)
}

/// One mailbox's live setting, if the mailbox belongs to the agency.
pub async fn in_agency(db: &Db, agency_id: i64, entry_id: i64) -> sqlx::Result<Option<SettingRow>> {
    let sql = format!("{} AND e.id = $2", *SETTINGS_SQL);
    on_db!(db, pool => sqlx::query_as(&sql).bind(agency_id).bind(entry_id).fetch_optional(pool).await)
}

#[derive(sqlx::FromRow)]
struct LockRow {
    mailbox_kind: MailboxKind,
    email_mode: EmailMode,
    locked_from: Date,
    directive_number: String,
}

/// The keep-in-place obligations.
pub async fn locks(db: &Db) -> sqlx::Result<Vec<Lock>> {
    const SQL: &str = "SELECT mailbox_kind, email_mode, locked_from, directive_number
        FROM mailbox_setting_locks ORDER BY mailbox_kind";
    let rows: Vec<LockRow> = on_db!(db, pool => sqlx::query_as(SQL).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(|r| Lock {
            mailbox_kind: r.mailbox_kind,
            mode: r.email_mode,
            from: r.locked_from,
            directive: r.directive_number,
        })
        .collect())
}

/// An order's item with the values it replaces and the live version now.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ItemRow {
    #[sqlx(flatten)]
    pub at: ItemBase,
    pub email_mode: EmailMode,
    pub mailbox_name: String,
    pub mailbox_address: String,
    pub mailbox_kind: MailboxKind,
    pub office_name: String,
    pub base_mode: Option<EmailMode>,
    pub live_mode: EmailMode,
}

const ITEMS_SQL: &str = "SELECT i.id, i.entry_id, i.base_version, i.email_mode,
        m.name AS mailbox_name, m.address AS mailbox_address, m.kind AS mailbox_kind,
        of.name AS office_name, bv.email_mode AS base_mode,
        lv.version AS live_version, lv.email_mode AS live_mode
    FROM order_mailbox_items i JOIN mailbox_setting_entries e ON e.id = i.entry_id
    JOIN mailboxes m ON m.id = e.mailbox_id JOIN offices of ON of.id = m.office_id
    LEFT JOIN mailbox_setting_versions bv ON bv.entry_id = i.entry_id AND bv.version = i.base_version
    JOIN mailbox_setting_versions lv ON lv.entry_id = i.entry_id AND lv.valid_until IS NULL
    WHERE i.order_id = $1 ORDER BY of.name, m.name";

pub async fn items(db: &Db, order_id: i64) -> sqlx::Result<Vec<ItemRow>> {
    on_db!(db, pool => sqlx::query_as(ITEMS_SQL).bind(order_id).fetch_all(pool).await)
}

impl WriteTx {
    /// The order's mailbox-setting items, read inside the transaction.
    pub async fn setting_items(&mut self, order_id: i64) -> sqlx::Result<Vec<ItemRow>> {
        on_tx!(self, conn => sqlx::query_as(ITEMS_SQL).bind(order_id).fetch_all(conn).await)
    }
}

/// Which mailbox an entry is, and where (for the scope check).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EntryMeta {
    pub mailbox_name: String,
    pub mailbox_address: String,
    pub mailbox_kind: MailboxKind,
    pub office_code: String,
    pub office_name: String,
    pub agency_id: i64,
    pub region_id: i64,
}

pub async fn entry_meta(db: &Db, entry_id: i64) -> sqlx::Result<Option<EntryMeta>> {
    const SQL: &str =
        "SELECT m.name AS mailbox_name, m.address AS mailbox_address, m.kind AS mailbox_kind,
            of.code AS office_code, of.name AS office_name, a.id AS agency_id, a.region_id
        FROM mailbox_setting_entries e JOIN mailboxes m ON m.id = e.mailbox_id
        JOIN offices of ON of.id = m.office_id JOIN agencies a ON a.id = of.agency_id
        WHERE e.id = $1";
    on_db!(db, pool => sqlx::query_as(SQL).bind(entry_id).fetch_optional(pool).await)
}

/// One version of a setting with who wrote it and through which order.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct VersionRow {
    pub version: i64,
    pub email_mode: EmailMode,
    pub valid_from: OffsetDateTime,
    pub valid_until: Option<OffsetDateTime>,
    pub order_number: Option<String>,
    pub author: Option<String>,
    pub implemented_by: Option<String>,
    pub note: String,
}

pub async fn versions(db: &Db, entry_id: i64) -> sqlx::Result<Vec<VersionRow>> {
    const SQL: &str = "SELECT v.version, v.email_mode, v.valid_from, v.valid_until,
            o.number AS order_number, u.display_name AS author, ui.display_name AS implemented_by, v.note
        FROM mailbox_setting_versions v
        LEFT JOIN orders o ON o.id = v.order_id LEFT JOIN users u ON u.id = v.author_id
        LEFT JOIN users ui ON ui.id = o.implemented_by
        WHERE v.entry_id = $1 ORDER BY v.version";
    on_db!(db, pool => sqlx::query_as(SQL).bind(entry_id).fetch_all(pool).await)
}
