//! The directive register: directives with deadline, target rule and where they apply.

use super::Db;
use crate::domain::policy::ScopeFilter;
use crate::on_db;
use time::Date;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct DirectiveRow {
    pub id: i64,
    pub number: String,
    pub title: String,
    pub issued_on: Date,
    pub valid_from: Date,
    pub valid_until: Option<Date>,
    pub reference_code: String,
    pub legal_area: String,
    pub deadline_on: Date,
    pub switchover_on: Option<Date>,
    pub days_before: Option<i64>,
    pub deadline_text: String,
    /// JSON of `domain::directive::TargetRule`.
    pub target_rule: Option<String>,
    pub limited_to_concern: bool,
    pub revision: i64,
}

const SELECT: &str = "SELECT id, number, title, issued_on, valid_from, valid_until, reference_code,
    legal_area, deadline_on, switchover_on, days_before, deadline_text, target_rule,
    limited_to_concern, revision FROM directives";

/// Every directive, newest deadline first.
pub async fn all(db: &Db) -> sqlx::Result<Vec<DirectiveRow>> {
    let sql = format!("{SELECT} ORDER BY deadline_on DESC, number");
    on_db!(db, pool => sqlx::query_as(&sql).fetch_all(pool).await)
}

pub async fn by_number(db: &Db, number: &str) -> sqlx::Result<Option<DirectiveRow>> {
    let sql = format!("{SELECT} WHERE number = $1");
    on_db!(db, pool => sqlx::query_as(&sql).bind(number).fetch_optional(pool).await)
}

pub async fn by_id(db: &Db, id: i64) -> sqlx::Result<Option<DirectiveRow>> {
    let sql = format!("{SELECT} WHERE id = $1");
    on_db!(db, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)
}

/// (id, number, title, deadline) of every directive, newest deadline first: the choices
/// an order can answer.
pub async fn choices(db: &Db) -> sqlx::Result<Vec<(i64, String, String, Date)>> {
    const SQL: &str =
        "SELECT id, number, title, deadline_on FROM directives ORDER BY deadline_on DESC";
    on_db!(db, pool => sqlx::query_as(SQL).fetch_all(pool).await)
}

pub async fn id_by_number(db: &Db, number: &str) -> sqlx::Result<Option<i64>> {
    on_db!(db, pool => sqlx::query_scalar("SELECT id FROM directives WHERE number = $1")
        .bind(number).fetch_optional(pool).await)
}

/// Where a directive applies, as a scope filter (no rows: everywhere).
pub async fn applies_to(db: &Db, directive_id: i64) -> sqlx::Result<ScopeFilter> {
    const SQL: &str = "SELECT s.region_id, s.agency_id, a.region_id
        FROM directive_scopes s LEFT JOIN agencies a ON a.id = s.agency_id
        WHERE s.directive_id = $1";
    let rows: Vec<(Option<i64>, Option<i64>, Option<i64>)> =
        on_db!(db, pool => sqlx::query_as(SQL).bind(directive_id).fetch_all(pool).await)?;
    let mut scope = ScopeFilter {
        all: rows.is_empty(),
        ..ScopeFilter::default()
    };
    for row in rows {
        match row {
            (Some(region), _, _) => scope.region_ids.push(region),
            (None, Some(agency), Some(region)) => scope.agencies.push((region, agency)),
            _ => {}
        }
    }
    Ok(scope)
}

/// (code, name) of the regions and agencies a directive names (empty: everywhere).
pub async fn scope_names(db: &Db, directive_id: i64) -> sqlx::Result<Vec<(String, String)>> {
    const SQL: &str = "SELECT COALESCE(r.code, a.code), COALESCE(r.name, a.name)
        FROM directive_scopes s LEFT JOIN regions r ON r.id = s.region_id
        LEFT JOIN agencies a ON a.id = s.agency_id
        WHERE s.directive_id = $1 ORDER BY 2";
    on_db!(db, pool => sqlx::query_as(SQL).bind(directive_id).fetch_all(pool).await)
}

/// (code, name) of a Bereich and an Anliegen, for describing rules.
pub async fn area_names(db: &Db) -> sqlx::Result<Vec<(String, String)>> {
    on_db!(db, pool => sqlx::query_as("SELECT code, name FROM areas ORDER BY code")
        .fetch_all(pool).await)
}

pub async fn concern_name(db: &Db, code: &str) -> sqlx::Result<Option<String>> {
    on_db!(db, pool => sqlx::query_scalar("SELECT name FROM concerns WHERE code = $1")
        .bind(code).fetch_optional(pool).await)
}
