//! What compliance with an eAkte obligation (`domain::eakte_obligation`) is computed
//! from: the live rule of every agency for the Aktentyp and Dokumentart with the Bereich
//! of its Postkorb, what submitted or approved orders propose, and each agency's
//! Umstellungstermin. Three queries per directive, whatever the number of rules.

use super::compliance::Reading;
use super::org::push_scope;
use super::Db;
use crate::domain::order::OrderState;
use crate::domain::policy::ScopeFilter;
use crate::on_db;
use sqlx::QueryBuilder;
use time::Date;

/// An agency's live rule. The fields marked `#[sqlx(default)]` name things for the
/// pages and stay empty in a `Reading::Tally`.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RuleLiveRow {
    pub entry_id: i64,
    #[sqlx(default)]
    pub document_type: String,
    pub agency_id: i64,
    #[sqlx(default)]
    pub agency_code: String,
    #[sqlx(default)]
    pub agency_name: String,
    #[sqlx(default)]
    pub region_code: String,
    #[sqlx(default)]
    pub region_name: String,
    pub version: i64,
    #[sqlx(default)]
    pub postkorb: String,
    pub postkorb_area: String,
}

/// Every agency's live rule of the Aktentyp and Dokumentart within both scopes (the
/// user's and the directive's); shown: by RD, agency and Dokumenttyp.
pub async fn live_rules(
    db: &Db,
    (file_type, document_kind): (&str, &str),
    (visible, applies): (&ScopeFilter, &ScopeFilter),
    reading: Reading,
) -> sqlx::Result<Vec<RuleLiveRow>> {
    let columns = reading.columns(
        "e.id AS entry_id, a.id AS agency_id, v.version, ar.code AS postkorb_area",
        "dt.name AS document_type, a.code AS agency_code, a.name AS agency_name,
         r.code AS region_code, r.name AS region_name, p.name AS postkorb",
    );
    on_db!(db, pool => {
        let mut qb = QueryBuilder::new(format!(
            "SELECT {columns}
             FROM eakte_rule_entries e
             JOIN eakte_document_types dt ON dt.id = e.document_type_id
             JOIN eakte_rule_versions v ON v.entry_id = e.id AND v.valid_until IS NULL
             JOIN postkoerbe p ON p.id = v.postkorb_id
             JOIN areas ar ON ar.id = p.area_id
             JOIN agencies a ON a.id = e.agency_id
             JOIN regions r ON r.id = a.region_id
             WHERE dt.file_type = "));
        qb.push_bind(file_type.to_string());
        qb.push(" AND e.document_kind = ");
        qb.push_bind(document_kind.to_string());
        push_scope(&mut qb, visible, "a.region_id", "a.id");
        push_scope(&mut qb, applies, "a.region_id", "a.id");
        qb.push(reading.order(" ORDER BY r.name, a.name, dt.code"));
        qb.build_query_as::<RuleLiveRow>().fetch_all(pool).await
    })
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ProposedRuleRow {
    pub entry_id: i64,
    pub order_number: String,
    /// The Bereich of the Postkorb the order proposes.
    pub area: String,
}

/// eAkte items of submitted or approved orders, within the user's scope.
pub async fn open_rule_proposals(
    db: &Db,
    visible: &ScopeFilter,
) -> sqlx::Result<Vec<ProposedRuleRow>> {
    on_db!(db, pool => {
        let mut qb = QueryBuilder::new(format!(
            "SELECT i.entry_id, ord.number AS order_number, ar.code AS area
             FROM orders ord JOIN order_eakte_items i ON i.order_id = ord.id
             JOIN postkoerbe p ON p.id = i.postkorb_id JOIN areas ar ON ar.id = p.area_id
             WHERE ord.state IN {}",
            super::codes::sql_list(&[OrderState::Submitted, OrderState::Approved])
        ));
        push_scope(&mut qb, visible, "ord.region_id", "ord.agency_id");
        qb.build_query_as::<ProposedRuleRow>().fetch_all(pool).await
    })
}

/// (agency id, Umstellungstermin) of every agency the Zentrale set one for.
pub async fn switchovers(db: &Db, directive_id: i64) -> sqlx::Result<Vec<(i64, Date)>> {
    const SQL: &str =
        "SELECT agency_id, switchover_on FROM agency_switchovers WHERE directive_id = $1";
    on_db!(db, pool => sqlx::query_as(SQL).bind(directive_id).fetch_all(pool).await)
}

/// (id, name) of the Postkorb of Bereich `area` an agency's rules should send to: the
/// Hauptagentur's, else the first Dienststelle's that has one.
pub async fn postkorb_of_area(
    db: &Db,
    agency_id: i64,
    area: &str,
) -> sqlx::Result<Option<(i64, String)>> {
    const SQL: &str = "SELECT p.id, p.name FROM postkoerbe p
        JOIN offices o ON o.id = p.office_id JOIN areas ar ON ar.id = p.area_id
        WHERE o.agency_id = $1 AND o.active AND p.active AND ar.code = $2
        ORDER BY CASE WHEN o.kind = 'hauptagentur' THEN 0 ELSE 1 END, o.name LIMIT 1";
    on_db!(db, pool => sqlx::query_as(SQL).bind(agency_id).bind(area).fetch_optional(pool).await)
}

/// (Aktentyp "1001 Alg", Dokumentart "Online-Dokument") as the pages name them.
pub async fn names(
    db: &Db,
    file_type: &str,
    document_kind: &str,
) -> sqlx::Result<Option<(String, String)>> {
    const SQL: &str = "SELECT ft.code || ' ' || ft.name, dk.name
        FROM eakte_file_types ft, eakte_document_kinds dk WHERE ft.code = $1 AND dk.code = $2";
    on_db!(db, pool => sqlx::query_as(SQL).bind(file_type).bind(document_kind).fetch_optional(pool).await)
}

impl super::write::WriteTx {
    /// The Umstellungstermin the Zentrale set for an agency, if any.
    pub async fn switchover_of(
        &mut self,
        directive_id: i64,
        agency_id: i64,
    ) -> sqlx::Result<Option<Date>> {
        const SQL: &str = "SELECT switchover_on FROM agency_switchovers WHERE directive_id = $1 AND agency_id = $2";
        super::write::on_tx!(self, conn => sqlx::query_scalar(SQL).bind(directive_id).bind(agency_id).fetch_optional(conn).await)
    }

    /// Sets the Umstellungstermin of one agency, or of every agency (`None`); returns how
    /// many agencies it was set for.
    pub async fn set_switchover(
        &mut self,
        directive_id: i64,
        agency_id: Option<i64>,
        day: Date,
        by: i64,
        now: time::OffsetDateTime,
    ) -> sqlx::Result<u64> {
        const SQL: &str = "INSERT INTO agency_switchovers (directive_id, agency_id, switchover_on, set_by, set_at)
            SELECT $1, a.id, $2, $3, $4 FROM agencies a WHERE a.active AND ($5 IS NULL OR a.id = $5)
            ON CONFLICT (directive_id, agency_id) DO UPDATE SET switchover_on = excluded.switchover_on,
                set_by = excluded.set_by, set_at = excluded.set_at";
        super::write::on_tx!(self, conn => sqlx::query(SQL).bind(directive_id).bind(day).bind(by).bind(now).bind(agency_id)
            .execute(conn).await.map(|r| r.rows_affected()))
    }
}
