//! The directive register: directives with deadline, target rule and where they apply.

use super::write::{on_tx, WriteTx};
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
    /// JSON of `domain::setting_rule::SettingRule`.
    pub setting_rule: Option<String>,
    /// JSON of `domain::eakte_obligation::EakteObligation`.
    pub eakte_rule: Option<String>,
    pub limited_to_concern: bool,
    pub revision: i64,
}

const SELECT: &str = "SELECT id, number, title, issued_on, valid_from, valid_until, reference_code,
    legal_area, deadline_on, switchover_on, days_before, deadline_text, target_rule,
    setting_rule, eakte_rule, limited_to_concern, revision FROM directives";

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

/// (code, name) of the Bereiche by name.
pub async fn areas_by_name(db: &Db) -> sqlx::Result<Vec<(String, String)>> {
    on_db!(db, pool => sqlx::query_as("SELECT code, name FROM areas ORDER BY name")
        .fetch_all(pool).await)
}

/// A directive's stored columns, as the register's form saves them.
pub struct StoredDirective<'a> {
    pub number: &'a str,
    pub title: &'a str,
    pub issued_on: Date,
    pub valid_from: Date,
    pub valid_until: Option<Date>,
    pub reference_code: &'a str,
    pub legal_area: &'a str,
    pub deadline_on: Date,
    pub switchover_on: Option<Date>,
    pub days_before: Option<i64>,
    pub deadline_text: &'a str,
    /// JSON of `domain::directive::TargetRule`.
    pub target_rule: Option<&'a str>,
    pub limited_to_concern: bool,
}

impl WriteTx {
    /// Inserts a new directive (`revision` None) or changes the one at `revision`; the id,
    /// or None when the number is taken or the directive changed meanwhile.
    pub async fn save_directive(
        &mut self,
        d: &StoredDirective<'_>,
        revision: Option<i64>,
    ) -> sqlx::Result<Option<i64>> {
        const INSERT: &str =
            "INSERT INTO directives (number, title, issued_on, valid_from, valid_until,
                reference_code, legal_area, deadline_on, switchover_on, days_before, deadline_text,
                target_rule, limited_to_concern, revision)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1)
            ON CONFLICT (number) DO NOTHING RETURNING id";
        const UPDATE: &str = "UPDATE directives SET title = $2, issued_on = $3, valid_from = $4,
                valid_until = $5, reference_code = $6, legal_area = $7, deadline_on = $8,
                switchover_on = $9, days_before = $10, deadline_text = $11, target_rule = $12,
                limited_to_concern = $13, revision = revision + 1
            WHERE number = $1 AND revision = $14 RETURNING id";
        on_tx!(self, conn => {
            let query = sqlx::query_scalar(if revision.is_some() { UPDATE } else { INSERT })
                .bind(d.number).bind(d.title).bind(d.issued_on).bind(d.valid_from).bind(d.valid_until)
                .bind(d.reference_code).bind(d.legal_area).bind(d.deadline_on).bind(d.switchover_on)
                .bind(d.days_before).bind(d.deadline_text).bind(d.target_rule)
                .bind(d.limited_to_concern);
            match revision {
                Some(r) => query.bind(r).fetch_optional(conn).await,
                None => query.fetch_optional(conn).await,
            }
        })
    }

    /// Replaces where a directive applies: (region, agency) pairs, one of them set.
    pub async fn set_directive_scope(
        &mut self,
        directive_id: i64,
        scope: &[(Option<i64>, Option<i64>)],
    ) -> sqlx::Result<()> {
        const CLEAR: &str = "DELETE FROM directive_scopes WHERE directive_id = $1";
        const ADD: &str =
            "INSERT INTO directive_scopes (directive_id, region_id, agency_id) VALUES ($1, $2, $3)";
        on_tx!(self, conn => sqlx::query(CLEAR).bind(directive_id).execute(conn).await.map(|r| r.rows_affected()))?;
        for (region_id, agency_id) in scope {
            on_tx!(self, conn => sqlx::query(ADD).bind(directive_id).bind(region_id).bind(agency_id)
                .execute(conn).await.map(|r| r.rows_affected()))?;
        }
        Ok(())
    }
}

/// A rule a directive may carry as JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleColumn {
    /// `domain::directive::TargetRule`
    Target,
    /// `domain::eakte_obligation::EakteObligation`
    Eakte,
}

/// (number, end of validity, rule JSON) of every directive that carries the rule.
pub async fn with_rule(
    r: &mut super::write::Reader<'_>,
    rule: RuleColumn,
) -> sqlx::Result<Vec<(String, Option<Date>, String)>> {
    let column = match rule {
        RuleColumn::Target => "target_rule",
        RuleColumn::Eakte => "eakte_rule",
    };
    let sql = format!(
        "SELECT number, valid_until, {column} FROM directives WHERE {column} IS NOT NULL ORDER BY number"
    );
    super::write::on_reader!(r, conn => sqlx::query_as(&sql).fetch_all(conn).await)
}
