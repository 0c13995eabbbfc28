//! Read queries over the organisation tree, filtered by the policy's scope in SQL.

use super::Db;
use crate::domain::policy::ScopeFilter;
use crate::on_db;
use sqlx::QueryBuilder;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RegionRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub agency_count: i64,
    pub office_count: i64,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AgencyRow {
    pub id: i64,
    pub region_id: i64,
    pub code: String,
    pub name: String,
    pub region_code: String,
    pub region_name: String,
    pub office_count: i64,
    pub active: bool,
    /// (code, name) of the successor of a closed agency.
    pub successor_code: Option<String>,
    pub successor_name: Option<String>,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OfficeRow {
    pub id: i64,
    pub agency_id: i64,
    pub region_id: i64,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub agency_code: String,
    pub agency_name: String,
    pub region_code: String,
    pub region_name: String,
    pub mailbox_count: i64,
    pub active: bool,
    /// (code, name) of the successor of a closed Dienststelle.
    pub successor_code: Option<String>,
    pub successor_name: Option<String>,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MailboxRow {
    pub name: String,
    pub active: bool,
    pub kind: String,
    pub address: String,
    pub area_name: String,
    /// The live "E-Mail-Kommunikation" (mailboxes that have the setting).
    pub setting_entry: Option<i64>,
    pub setting_version: Option<i64>,
    pub email_mode: Option<crate::domain::mailbox_setting::EmailMode>,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SearchRow {
    pub kind: String,
    pub code: String,
    pub name: String,
    pub context: String,
}

/// Where a scope condition is written: sqlx's QueryBuilder, or the raw SQL the SQLite
/// path of the item export hands to rusqlite (`db::export`).
pub(crate) trait SqlWriter {
    fn sql(&mut self, text: &str);
    fn bind_id(&mut self, id: i64);
}

impl<'a, DB> SqlWriter for QueryBuilder<'a, DB>
where
    DB: sqlx::Database,
    i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    fn sql(&mut self, text: &str) {
        self.push(text);
    }
    fn bind_id(&mut self, id: i64) {
        self.push_bind(id);
    }
}

/// Appends ` AND (<scope>)` for rows whose region and agency ids are in the given columns.
pub(crate) fn push_scope(
    qb: &mut impl SqlWriter,
    scope: &ScopeFilter,
    region_col: &str,
    agency_col: &str,
) {
    if scope.all {
        return;
    }
    let agencies = scope.agency_ids();
    // One IN list where only one kind of grant exists, so the planner can use an index.
    fn push_in(qb: &mut impl SqlWriter, col: &str, ids: &[i64]) {
        qb.sql(&format!("{col} IN ("));
        for (i, id) in ids.iter().enumerate() {
            if i > 0 {
                qb.sql(", ");
            }
            qb.bind_id(*id);
        }
        qb.sql(")");
    }
    match (scope.region_ids.is_empty(), agencies.is_empty()) {
        (true, true) => qb.sql(" AND 1 = 0"),
        (false, true) => {
            qb.sql(" AND ");
            push_in(qb, region_col, &scope.region_ids);
        }
        (true, false) => {
            qb.sql(" AND ");
            push_in(qb, agency_col, &agencies);
        }
        (false, false) => {
            qb.sql(" AND (");
            push_in(qb, region_col, &scope.region_ids);
            qb.sql(" OR ");
            push_in(qb, agency_col, &agencies);
            qb.sql(")");
        }
    }
}

/// Regions with the number of visible agencies and Dienststellen.
pub async fn regions(db: &Db, scope: &ScopeFilter) -> sqlx::Result<Vec<RegionRow>> {
    on_db!(db, pool => {
        let mut qb = QueryBuilder::new(
            "SELECT r.id, r.code, r.name,
                COUNT(DISTINCT CASE WHEN a.active THEN a.id END) AS agency_count, COUNT(o.id) AS office_count
             FROM regions r JOIN agencies a ON a.region_id = r.id LEFT JOIN offices o ON o.agency_id = a.id
             WHERE 1 = 1");
        push_scope(&mut qb, scope, "a.region_id", "a.id");
        qb.push(" GROUP BY r.id, r.code, r.name ORDER BY r.name");
        qb.build_query_as::<RegionRow>().fetch_all(pool).await
    })
}

pub async fn region_code(db: &Db, id: i64) -> sqlx::Result<Option<String>> {
    on_db!(db, pool => sqlx::query_scalar("SELECT code FROM regions WHERE id = $1")
        .bind(id).fetch_optional(pool).await)
}

pub async fn region_by_code(db: &Db, code: &str) -> sqlx::Result<Option<(i64, String, String)>> {
    on_db!(db, pool => sqlx::query_as("SELECT id, code, name FROM regions WHERE code = $1")
        .bind(code).fetch_optional(pool).await)
}

const AGENCY_SELECT: &str =
    "SELECT a.id, a.region_id, a.code, a.name, r.code AS region_code, r.name AS region_name,
        (SELECT COUNT(*) FROM offices o WHERE o.agency_id = a.id) AS office_count,
        a.active, s.code AS successor_code, s.name AS successor_name
     FROM agencies a JOIN regions r ON r.id = a.region_id
        LEFT JOIN agencies s ON s.id = a.successor_id WHERE 1 = 1";

/// Visible agencies of one region.
pub async fn agencies_in_region(
    db: &Db,
    region_id: i64,
    scope: &ScopeFilter,
) -> sqlx::Result<Vec<AgencyRow>> {
    on_db!(db, pool => {
        let mut qb = QueryBuilder::new(AGENCY_SELECT);
        qb.push(" AND a.region_id = ").push_bind(region_id);
        push_scope(&mut qb, scope, "a.region_id", "a.id");
        qb.push(" ORDER BY NOT a.active, a.name");
        qb.build_query_as::<AgencyRow>().fetch_all(pool).await
    })
}

/// Every open agency in scope, by RD and name: the API's list of agencies.
pub async fn open_agencies(db: &Db, scope: &ScopeFilter) -> sqlx::Result<Vec<AgencyRow>> {
    on_db!(db, pool => {
        let mut qb = QueryBuilder::new(AGENCY_SELECT);
        qb.push(" AND a.active");
        push_scope(&mut qb, scope, "a.region_id", "a.id");
        qb.push(" ORDER BY r.name, a.name");
        qb.build_query_as::<AgencyRow>().fetch_all(pool).await
    })
}

pub async fn agency_by_code(db: &Db, code: &str) -> sqlx::Result<Option<AgencyRow>> {
    on_db!(db, pool => {
        let mut qb = QueryBuilder::new(AGENCY_SELECT);
        qb.push(" AND a.code = ").push_bind(code);
        qb.build_query_as::<AgencyRow>().fetch_optional(pool).await
    })
}

const OFFICE_SELECT: &str = "SELECT o.id, o.agency_id, a.region_id, o.code, o.name, o.kind,
        a.code AS agency_code, a.name AS agency_name, r.code AS region_code, r.name AS region_name,
        (SELECT COUNT(*) FROM mailboxes m WHERE m.office_id = o.id) AS mailbox_count,
        o.active, s.code AS successor_code, s.name AS successor_name
     FROM offices o JOIN agencies a ON a.id = o.agency_id JOIN regions r ON r.id = a.region_id
        LEFT JOIN offices s ON s.id = o.successor_id WHERE 1 = 1";

pub async fn offices_of_agency(db: &Db, agency_id: i64) -> sqlx::Result<Vec<OfficeRow>> {
    on_db!(db, pool => {
        let mut qb = QueryBuilder::new(OFFICE_SELECT);
        qb.push(" AND o.agency_id = ").push_bind(agency_id);
        qb.push(" ORDER BY CASE WHEN o.kind = 'hauptagentur' THEN 0 ELSE 1 END, o.name");
        qb.build_query_as::<OfficeRow>().fetch_all(pool).await
    })
}

pub async fn office_by_code(db: &Db, code: &str) -> sqlx::Result<Option<OfficeRow>> {
    on_db!(db, pool => {
        let mut qb = QueryBuilder::new(OFFICE_SELECT);
        qb.push(" AND o.code = ").push_bind(code);
        qb.build_query_as::<OfficeRow>().fetch_optional(pool).await
    })
}

pub async fn mailboxes_of_office(db: &Db, office_id: i64) -> sqlx::Result<Vec<MailboxRow>> {
    const SQL: &str = "SELECT m.name, m.active, m.kind, m.address, ar.name AS area_name,
            se.id AS setting_entry, sv.version AS setting_version, sv.email_mode
        FROM mailboxes m JOIN areas ar ON ar.id = m.area_id
        LEFT JOIN mailbox_setting_entries se ON se.mailbox_id = m.id
        LEFT JOIN mailbox_setting_versions sv ON sv.entry_id = se.id AND sv.valid_until IS NULL
        WHERE m.office_id = $1 ORDER BY ar.name, m.name";
    on_db!(db, pool => sqlx::query_as(SQL).bind(office_id).fetch_all(pool).await)
}

/// Escapes LIKE wildcards so user input matches literally.
pub(crate) fn like_pattern(query: &str) -> String {
    let mut p = String::from("%");
    for c in query.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// Agencies, Dienststellen and mailboxes whose name (or address) contains `query`,
/// within the scope.
pub async fn search(
    db: &Db,
    query: &str,
    scope: &ScopeFilter,
    limit: i64,
) -> sqlx::Result<Vec<SearchRow>> {
    let pattern = like_pattern(query);
    on_db!(db, pool => {
        let mut qb = QueryBuilder::new("SELECT kind, code, name, context FROM (");
        qb.push("SELECT 'agentur' AS kind, a.code AS code, a.name AS name, r.name AS context, 1 AS rank
                 FROM agencies a JOIN regions r ON r.id = a.region_id WHERE LOWER(a.name) LIKE ");
        qb.push_bind(pattern.clone()).push(" ESCAPE '\\'");
        push_scope(&mut qb, scope, "a.region_id", "a.id");
        qb.push(" UNION ALL SELECT 'dienststelle', o.code, o.name, a.name, 2
                 FROM offices o JOIN agencies a ON a.id = o.agency_id WHERE LOWER(o.name) LIKE ");
        qb.push_bind(pattern.clone()).push(" ESCAPE '\\'");
        push_scope(&mut qb, scope, "a.region_id", "a.id");
        qb.push(" UNION ALL SELECT 'postfach', o.code, m.name, m.address, 3
                 FROM mailboxes m JOIN offices o ON o.id = m.office_id JOIN agencies a ON a.id = o.agency_id
                 WHERE (LOWER(m.name) LIKE ");
        qb.push_bind(pattern.clone()).push(" ESCAPE '\\' OR LOWER(m.address) LIKE ");
        qb.push_bind(pattern).push(" ESCAPE '\\')");
        push_scope(&mut qb, scope, "a.region_id", "a.id");
        qb.push(") hits ORDER BY rank, name LIMIT ").push_bind(limit);
        qb.build_query_as::<SearchRow>().fetch_all(pool).await
    })
}

/// Counts for the start page: regions, agencies, Dienststellen, mailboxes in scope.
pub async fn counts(db: &Db, scope: &ScopeFilter) -> sqlx::Result<(i64, i64, i64)> {
    on_db!(db, pool => {
        let mut qb = QueryBuilder::new(
            "SELECT COUNT(DISTINCT a.id), COUNT(DISTINCT o.id), COUNT(m.id)
             FROM agencies a JOIN offices o ON o.agency_id = a.id LEFT JOIN mailboxes m ON m.office_id = o.id
             WHERE 1 = 1");
        push_scope(&mut qb, scope, "a.region_id", "a.id");
        qb.build_query_as::<(i64, i64, i64)>().fetch_one(pool).await
    })
}

pub async fn agency_code_name(db: &Db, agency_id: i64) -> sqlx::Result<Option<(String, String)>> {
    on_db!(db, pool => sqlx::query_as("SELECT code, name FROM agencies WHERE id = $1").bind(agency_id).fetch_optional(pool).await)
}

/// (code, name) of the regions in a scope, for filters; every region when the scope is all.
/// (code, name) of the agencies in scope, by name.
pub async fn agency_choices(db: &Db, scope: &ScopeFilter) -> sqlx::Result<Vec<(String, String)>> {
    on_db!(db, pool => {
        let mut qb = QueryBuilder::new("SELECT code, name FROM agencies WHERE active");
        push_scope(&mut qb, scope, "region_id", "id");
        qb.push(" ORDER BY name");
        qb.build_query_as().fetch_all(pool).await
    })
}

/// Every active RD as (id, code, name), by name: what new roles may name.
pub async fn open_regions(db: &Db) -> sqlx::Result<Vec<(i64, String, String)>> {
    on_db!(db, pool => sqlx::query_as("SELECT id, code, name FROM regions WHERE active ORDER BY name").fetch_all(pool).await)
}

/// Every RD as (id, code, name), by name (few, and the cache keeps them).
pub async fn all_regions(db: &Db) -> sqlx::Result<Vec<(i64, String, String)>> {
    on_db!(db, pool => sqlx::query_as("SELECT id, code, name FROM regions ORDER BY name").fetch_all(pool).await)
}

/// The catalogue's kind of each of `addresses` it knows (compared without regard to case).
pub async fn mailbox_kinds(
    db: &Db,
    addresses: &[&str],
) -> sqlx::Result<crate::domain::notification_kinds::KnownKinds> {
    use crate::domain::notification_kinds::{lookup_key, KnownKinds};
    use crate::domain::org::MailboxKind;
    if addresses.is_empty() {
        return Ok(KnownKinds::default());
    }
    let rows: Vec<(String, String, bool)> = on_db!(db, pool => {
        let mut qb = QueryBuilder::new("SELECT address, kind, active FROM mailboxes WHERE LOWER(address) IN (");
        let mut list = qb.separated(", ");
        for a in addresses {
            list.push_bind(lookup_key(a));
        }
        qb.push(")");
        qb.build_query_as().fetch_all(pool).await
    })?;
    let inactive: Vec<String> = rows
        .iter()
        .filter(|(_, _, active)| !active)
        .map(|(address, _, _)| address.clone())
        .collect();
    Ok(KnownKinds::new(
        rows.into_iter()
            .filter_map(|(address, kind, _)| MailboxKind::from_code(&kind).map(|k| (address, k))),
    )
    .with_inactive(inactive))
}

#[cfg(test)]
mod tests {
    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(super::like_pattern("Kiel"), "%kiel%");
        assert_eq!(super::like_pattern("50%_x"), "%50\\%\\_x%");
    }
}

/// An active mailbox of an agency with where it sits: what the API lists per Dienststelle.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AgencyMailboxRow {
    pub id: i64,
    pub office_id: i64,
    pub office_code: String,
    pub office_kind: String,
    pub kind: String,
    pub area_id: i64,
    pub area_code: String,
    pub name: String,
    pub address: String,
}

/// Every active mailbox of an agency's active Dienststellen, by Dienststelle and name.
pub async fn agency_mailboxes(db: &Db, agency_id: i64) -> sqlx::Result<Vec<AgencyMailboxRow>> {
    const SQL: &str =
        "SELECT m.id, m.office_id, o.code AS office_code, o.kind AS office_kind, m.kind,
            m.area_id, ar.code AS area_code, m.name, m.address
        FROM mailboxes m JOIN offices o ON o.id = m.office_id JOIN areas ar ON ar.id = m.area_id
        WHERE o.agency_id = $1 AND o.active AND m.active ORDER BY o.code, m.name, m.id";
    on_db!(db, pool => sqlx::query_as(SQL).bind(agency_id).fetch_all(pool).await)
}
