//! The eAkte-Regelwerk: its catalogue (Aktentypen, Dokumenttypen, Dokumentarten,
//! Postkörbe), entries (one per agency × Dokumenttyp × Dokumentart), versions and order
//! items. The shared steps (closing the live version, counting items, the open order of
//! an entry) come from `kind_store`.

use super::kind_store::{open_order_subquery, ItemBase};
use super::write::{on_tx, WriteTx};
use super::Db;
use crate::domain::kind::Kind;
use crate::on_db;
use std::sync::LazyLock;
use time::OffsetDateTime;

/// One rule of an agency with the Postkorb it sends to.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RuleRow {
    pub entry_id: i64,
    /// "1001 Alg"
    pub file_type: String,
    /// "Aktentyp.Dokumenttyp" ("1001.101"), as the catalogue names it.
    pub document_type_code: String,
    pub document_type: String,
    pub document_kind_code: String,
    pub document_kind: String,
    pub version: i64,
    pub postkorb_id: i64,
    pub postkorb: String,
    pub postkorb_area_code: String,
    pub postkorb_office: String,
    pub valid_from: OffsetDateTime,
    /// The first open order that changes it (None for a past state).
    pub open_order: Option<String>,
}

/// Columns and joins of a rule with the Postkorb of version `v`.
const RULE_FROM: &str = "SELECT e.id AS entry_id, ft.code || ' ' || ft.name AS file_type,
        dt.file_type || '.' || dt.code AS document_type_code, dt.name AS document_type, dk.code AS document_kind_code, dk.name AS document_kind,
        v.version, v.postkorb_id, p.name AS postkorb, ar.code AS postkorb_area_code,
        pof.name AS postkorb_office, v.valid_from";
const RULE_JOINS: &str = "FROM eakte_rule_entries e
        JOIN eakte_document_types dt ON dt.id = e.document_type_id
        JOIN eakte_file_types ft ON ft.code = dt.file_type
        JOIN eakte_document_kinds dk ON dk.code = e.document_kind";
const POSTKORB_JOINS: &str = "JOIN postkoerbe p ON p.id = v.postkorb_id
        JOIN offices pof ON pof.id = p.office_id JOIN areas ar ON ar.id = p.area_id";
const RULE_ORDER: &str = "ORDER BY ft.code, dt.code, dk.code";

pub(crate) static LIVE_SQL: LazyLock<String> = LazyLock::new(|| {
    format!(
        "{RULE_FROM}, {} AS open_order {RULE_JOINS}
         JOIN eakte_rule_versions v ON v.entry_id = e.id AND v.valid_until IS NULL
         {POSTKORB_JOINS}
         WHERE e.agency_id = $1",
        open_order_subquery(Kind::EakteRule, "e.id")
    )
});

/// The live rules of an agency.
pub async fn of_agency(db: &Db, agency_id: i64) -> sqlx::Result<Vec<RuleRow>> {
    let sql = format!("{} {RULE_ORDER}", *LIVE_SQL);
    on_db!(db, pool => sqlx::query_as(&sql).bind(agency_id).fetch_all(pool).await)
}

/// One live rule, if it belongs to the agency.
pub async fn in_agency(db: &Db, agency_id: i64, entry_id: i64) -> sqlx::Result<Option<RuleRow>> {
    let sql = format!("{} AND e.id = $2", *LIVE_SQL);
    on_db!(db, pool => sqlx::query_as(&sql).bind(agency_id).bind(entry_id).fetch_optional(pool).await)
}

static AT_SQL: LazyLock<String> = LazyLock::new(|| {
    format!(
        "{RULE_FROM}, CAST(NULL AS TEXT) AS open_order {RULE_JOINS}
         JOIN eakte_rule_versions v ON v.entry_id = e.id
              AND v.valid_from <= $2 AND (v.valid_until IS NULL OR v.valid_until > $2)
         {POSTKORB_JOINS}
         WHERE e.agency_id = $1 {RULE_ORDER}"
    )
});

/// The rules of an agency as they were at `as_of` (rules without a version then are left
/// out).
pub async fn of_agency_at(
    db: &Db,
    agency_id: i64,
    as_of: OffsetDateTime,
) -> sqlx::Result<Vec<RuleRow>> {
    let sql = AT_SQL.as_str();
    on_db!(db, pool => sqlx::query_as(sql).bind(agency_id).bind(as_of).fetch_all(pool).await)
}

/// A Postkorb an agency's rule may send to.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PostkorbRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub area_name: String,
    pub office_name: String,
}

/// The Postkörbe of the agency's Dienststellen, Hauptagentur first.
pub async fn postkoerbe_of_agency(db: &Db, agency_id: i64) -> sqlx::Result<Vec<PostkorbRow>> {
    const SQL: &str = "SELECT p.id, p.code, p.name, ar.name AS area_name, of.name AS office_name
        FROM postkoerbe p JOIN offices of ON of.id = p.office_id JOIN areas ar ON ar.id = p.area_id
        WHERE of.agency_id = $1 AND of.active AND p.active
        ORDER BY CASE WHEN of.kind = 'hauptagentur' THEN 0 ELSE 1 END, of.name, ar.name";
    on_db!(db, pool => sqlx::query_as(SQL).bind(agency_id).fetch_all(pool).await)
}

/// The agency a Postkorb belongs to, if the Postkorb exists.
pub async fn postkorb_agency(db: &Db, postkorb_id: i64) -> sqlx::Result<Option<i64>> {
    const SQL: &str = "SELECT of.agency_id FROM postkoerbe p JOIN offices of ON of.id = p.office_id
        WHERE p.id = $1 AND of.active AND p.active";
    on_db!(db, pool => sqlx::query_scalar(SQL).bind(postkorb_id).fetch_optional(pool).await)
}

pub async fn postkorb_name(db: &Db, postkorb_id: i64) -> sqlx::Result<Option<String>> {
    const SQL: &str = "SELECT name FROM postkoerbe WHERE id = $1";
    on_db!(db, pool => sqlx::query_scalar(SQL).bind(postkorb_id).fetch_optional(pool).await)
}

/// An order's item with the Postkorb it replaces and the live version now.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ItemRow {
    #[sqlx(flatten)]
    pub at: ItemBase,
    pub postkorb_id: i64,
    pub postkorb: String,
    pub file_type: String,
    pub document_type: String,
    pub document_kind: String,
    /// "Aktentyp.Dokumenttyp" and the Dokumentart's code, as the catalogue names them.
    pub document_type_code: String,
    pub document_kind_code: String,
    pub base_postkorb: Option<String>,
    pub live_postkorb_id: i64,
    pub live_postkorb: String,
}

const ITEMS_SQL: &str =
    "SELECT i.id, i.entry_id, i.base_version, i.postkorb_id, np.name AS postkorb,
        ft.code || ' ' || ft.name AS file_type, dt.name AS document_type, dk.name AS document_kind,
        dt.file_type || '.' || dt.code AS document_type_code, dk.code AS document_kind_code,
        bp.name AS base_postkorb, lv.version AS live_version, lv.postkorb_id AS live_postkorb_id,
        lp.name AS live_postkorb
    FROM order_eakte_items i JOIN eakte_rule_entries e ON e.id = i.entry_id
    JOIN eakte_document_types dt ON dt.id = e.document_type_id
    JOIN eakte_file_types ft ON ft.code = dt.file_type
    JOIN eakte_document_kinds dk ON dk.code = e.document_kind
    JOIN postkoerbe np ON np.id = i.postkorb_id
    LEFT JOIN eakte_rule_versions bv ON bv.entry_id = i.entry_id AND bv.version = i.base_version
    LEFT JOIN postkoerbe bp ON bp.id = bv.postkorb_id
    JOIN eakte_rule_versions lv ON lv.entry_id = i.entry_id AND lv.valid_until IS NULL
    JOIN postkoerbe lp ON lp.id = lv.postkorb_id
    WHERE i.order_id = $1 ORDER BY ft.code, dt.code, dk.code";

pub async fn items(db: &Db, order_id: i64) -> sqlx::Result<Vec<ItemRow>> {
    on_db!(db, pool => sqlx::query_as(ITEMS_SQL).bind(order_id).fetch_all(pool).await)
}

impl WriteTx {
    /// The order's eAkte items, read inside the transaction.
    pub async fn eakte_items(&mut self, order_id: i64) -> sqlx::Result<Vec<ItemRow>> {
        on_tx!(self, conn => sqlx::query_as(ITEMS_SQL).bind(order_id).fetch_all(conn).await)
    }
}

/// Which rule an entry is, and whose (for the scope check).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EntryMeta {
    pub file_type: String,
    pub document_type: String,
    pub document_kind: String,
    pub agency_code: String,
    pub agency_name: String,
    pub agency_id: i64,
    pub region_id: i64,
}

pub async fn entry_meta(db: &Db, entry_id: i64) -> sqlx::Result<Option<EntryMeta>> {
    const SQL: &str = "SELECT ft.code || ' ' || ft.name AS file_type, dt.name AS document_type,
            dk.name AS document_kind, a.code AS agency_code, a.name AS agency_name,
            a.id AS agency_id, a.region_id
        FROM eakte_rule_entries e JOIN eakte_document_types dt ON dt.id = e.document_type_id
        JOIN eakte_file_types ft ON ft.code = dt.file_type
        JOIN eakte_document_kinds dk ON dk.code = e.document_kind
        JOIN agencies a ON a.id = e.agency_id
        WHERE e.id = $1";
    on_db!(db, pool => sqlx::query_as(SQL).bind(entry_id).fetch_optional(pool).await)
}

/// One version of a rule with who wrote it and through which order.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct VersionRow {
    pub version: i64,
    pub postkorb_id: i64,
    pub postkorb: String,
    pub postkorb_office: String,
    pub valid_from: OffsetDateTime,
    pub valid_until: Option<OffsetDateTime>,
    pub order_number: Option<String>,
    pub author: Option<String>,
    pub implemented_by: Option<String>,
    pub note: String,
}

pub async fn versions(db: &Db, entry_id: i64) -> sqlx::Result<Vec<VersionRow>> {
    const SQL: &str =
        "SELECT v.version, v.postkorb_id, p.name AS postkorb, pof.name AS postkorb_office,
            v.valid_from, v.valid_until, o.number AS order_number, u.display_name AS author,
            ui.display_name AS implemented_by, v.note
        FROM eakte_rule_versions v JOIN postkoerbe p ON p.id = v.postkorb_id
        JOIN offices pof ON pof.id = p.office_id
        LEFT JOIN orders o ON o.id = v.order_id LEFT JOIN users u ON u.id = v.author_id
        LEFT JOIN users ui ON ui.id = o.implemented_by
        WHERE v.entry_id = $1 ORDER BY v.version";
    on_db!(db, pool => sqlx::query_as(SQL).bind(entry_id).fetch_all(pool).await)
}
