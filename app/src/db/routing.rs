//! Routing entries and their versions.

use super::kind_store::open_order_subquery;
use super::write::{on_tx, WriteTx};
use super::Db;
use crate::domain::kind::Kind;
use crate::domain::order::OrderState;
use crate::on_db;
use time::OffsetDateTime;

/// `IN` list of the states in which an order may still change the live configuration.
pub fn open_states() -> &'static str {
    static LIST: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| super::codes::sql_list(&OrderState::OPEN));
    &LIST
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EntryRow {
    pub entry_id: i64,
    pub office_code: String,
    pub office_name: String,
    pub concern_code: String,
    pub concern_name: String,
    pub customer_group: String,
    pub version: i64,
    pub mailbox_id: i64,
    pub mailbox_name: String,
    pub mailbox_address: String,
    pub area_id: i64,
    pub area_name: String,
    pub addresses: String,
    pub valid_from: OffsetDateTime,
    pub open_order: Option<String>,
}

/// Whose routing to read.
#[derive(Clone, Copy, Debug)]
pub enum Of {
    Office(i64),
    Agency(i64),
}

/// The routing of one Dienststelle or of every Dienststelle of an agency: live, or as it
/// was at `as_of`.
pub async fn routing(
    db: &Db,
    of: Of,
    as_of: Option<OffsetDateTime>,
) -> sqlx::Result<Vec<EntryRow>> {
    let (which, id) = match of {
        Of::Office(id) => ("e.office_id = $1", id),
        Of::Agency(id) => ("of.agency_id = $1", id),
    };
    let open_order = open_order_subquery(Kind::Routing, "e.id");
    let sql = format!(
        "SELECT e.id AS entry_id, of.code AS office_code, of.name AS office_name, c.code AS concern_code, c.name AS concern_name, c.customer_group, v.version,
                mb.id AS mailbox_id, mb.name AS mailbox_name, mb.address AS mailbox_address,
                ar.id AS area_id, ar.name AS area_name, v.addresses, v.valid_from,
                {open_order} AS open_order
         FROM routing_entries e
         JOIN offices of ON of.id = e.office_id
         JOIN concerns c ON c.id = e.concern_id
         JOIN routing_versions v ON v.entry_id = e.id
         JOIN mailboxes mb ON mb.id = v.mailbox_id
         JOIN areas ar ON ar.id = v.area_id
         WHERE {which} AND {}
         ORDER BY of.kind DESC, of.name, c.customer_group, c.name",
        if as_of.is_some() {
            "v.valid_from <= $2 AND (v.valid_until IS NULL OR v.valid_until > $2)"
        } else {
            "v.valid_until IS NULL"
        }
    );
    on_db!(db, pool => {
        let q = sqlx::query_as::<_, EntryRow>(&sql).bind(id);
        match as_of {
            Some(t) => q.bind(t).fetch_all(pool).await,
            None => q.fetch_all(pool).await,
        }
    })
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EntryMeta {
    pub entry_id: i64,
    pub concern_code: String,
    pub concern_name: String,
    pub office_code: String,
    pub office_name: String,
    pub agency_id: i64,
    pub agency_name: String,
    pub region_id: i64,
}

pub async fn entry_meta(db: &Db, entry_id: i64) -> sqlx::Result<Option<EntryMeta>> {
    const SQL: &str = "SELECT e.id AS entry_id, c.code AS concern_code, c.name AS concern_name, o.code AS office_code, o.name AS office_name,
            a.id AS agency_id, a.name AS agency_name, a.region_id
        FROM routing_entries e JOIN concerns c ON c.id = e.concern_id
        JOIN offices o ON o.id = e.office_id JOIN agencies a ON a.id = o.agency_id
        WHERE e.id = $1";
    on_db!(db, pool => sqlx::query_as(SQL).bind(entry_id).fetch_optional(pool).await)
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct VersionRow {
    pub version: i64,
    pub mailbox_id: i64,
    pub mailbox_name: String,
    pub mailbox_address: String,
    pub area_id: i64,
    pub area_name: String,
    pub addresses: String,
    pub valid_from: OffsetDateTime,
    pub valid_until: Option<OffsetDateTime>,
    pub order_number: Option<String>,
    pub author: Option<String>,
    /// Who marked the order implemented (RIM).
    pub implemented_by: Option<String>,
    pub note: String,
}

/// Every version of an entry, oldest first.
pub async fn versions(db: &Db, entry_id: i64) -> sqlx::Result<Vec<VersionRow>> {
    const SQL: &str = "SELECT v.version, mb.id AS mailbox_id, mb.name AS mailbox_name, mb.address AS mailbox_address,
            ar.id AS area_id, ar.name AS area_name, v.addresses, v.valid_from, v.valid_until,
            o.number AS order_number, u.display_name AS author, ui.display_name AS implemented_by, v.note
        FROM routing_versions v
        JOIN mailboxes mb ON mb.id = v.mailbox_id JOIN areas ar ON ar.id = v.area_id
        LEFT JOIN orders o ON o.id = v.order_id LEFT JOIN users u ON u.id = v.author_id
        LEFT JOIN users ui ON ui.id = o.implemented_by
        WHERE v.entry_id = $1 ORDER BY v.version";
    on_db!(db, pool => sqlx::query_as(SQL).bind(entry_id).fetch_all(pool).await)
}

/// Addresses are stored one per line.
pub fn split_addresses(stored: &str) -> Vec<String> {
    stored
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

pub fn join_addresses<S: AsRef<str>>(addresses: &[S]) -> String {
    addresses
        .iter()
        .map(|a| a.as_ref())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A new live version as an implemented order writes it.
pub struct NewVersion<'a> {
    pub entry_id: i64,
    pub version: i64,
    pub mailbox_id: i64,
    pub area_id: i64,
    pub addresses: &'a str,
    pub valid_from: OffsetDateTime,
    pub order_id: i64,
    pub author_id: i64,
    pub note: &'a str,
}

impl WriteTx {
    pub async fn insert_version(&mut self, v: &NewVersion<'_>) -> sqlx::Result<()> {
        const SQL: &str = "INSERT INTO routing_versions
            (entry_id, version, mailbox_id, area_id, addresses, valid_from, valid_until, order_id, author_id, note)
            VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8, $9)";
        on_tx!(self, conn => sqlx::query(SQL)
            .bind(v.entry_id).bind(v.version).bind(v.mailbox_id).bind(v.area_id).bind(v.addresses)
            .bind(v.valid_from).bind(v.order_id).bind(v.author_id).bind(v.note)
            .execute(conn).await.map(|r| r.rows_affected()))
        .map(|_| ())
    }
}
