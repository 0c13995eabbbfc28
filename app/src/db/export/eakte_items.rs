//! The export of "eAkte-Regelwerk" items: one query with the names joined in. There is at
//! most one item per rule and order, so these exports stay small.

use super::{ItemFilter, RowSink};
use crate::db::orders::push_status;
use crate::db::org::push_scope;
use crate::db::Db;
use crate::domain::export::EakteItemRecord;
use crate::domain::policy::ScopeFilter;
use crate::on_db;
use std::sync::Arc;
use time::{Date, OffsetDateTime};

#[derive(sqlx::FromRow)]
struct Row {
    number: String,
    state: String,
    region: String,
    agency: String,
    file_type: String,
    document_type_code: String,
    document_type: String,
    document_kind: String,
    old_postkorb: Option<String>,
    new_postkorb: String,
    new_postkorb_code: String,
    effective_date: Date,
    filed_by: String,
    filed_at: OffsetDateTime,
    decided_by: Option<String>,
    decided_at: Option<OffsetDateTime>,
    implemented_by: Option<String>,
    implemented_at: Option<OffsetDateTime>,
    directive: Option<String>,
    base_version: i64,
}

impl From<Row> for EakteItemRecord {
    fn from(r: Row) -> Self {
        let shared = |s: String| Arc::<str>::from(s);
        EakteItemRecord {
            order_number: r.number,
            state: r.state,
            region: shared(r.region),
            agency: shared(r.agency),
            file_type: shared(r.file_type),
            document_type_code: r.document_type_code,
            document_type: r.document_type,
            document_kind: shared(r.document_kind),
            old_postkorb: r.old_postkorb,
            new_postkorb: r.new_postkorb,
            new_postkorb_code: r.new_postkorb_code,
            effective_date: r.effective_date,
            filed_by: shared(r.filed_by),
            filed_at: r.filed_at,
            decided_by: r.decided_by.map(shared),
            decided_at: r.decided_at,
            implemented_by: r.implemented_by.map(shared),
            implemented_at: r.implemented_at,
            directive: r.directive.map(shared),
            base_version: r.base_version,
        }
    }
}

const SELECT: &str = "SELECT o.number, o.state, r.name AS region, a.name AS agency,
        ft.code || ' ' || ft.name AS file_type, dt.code AS document_type_code,
        dt.name AS document_type, dk.name AS document_kind, bp.name AS old_postkorb,
        np.name AS new_postkorb, np.code AS new_postkorb_code, o.effective_date,
        au.display_name AS filed_by, COALESCE(o.submitted_at, o.created_at) AS filed_at,
        du.display_name AS decided_by, o.decided_at, iu.display_name AS implemented_by,
        o.implemented_at, d.number AS directive, i.base_version
    FROM orders o
    JOIN order_eakte_items i ON i.order_id = o.id
    JOIN eakte_rule_entries e ON e.id = i.entry_id
    JOIN eakte_document_types dt ON dt.id = e.document_type_id
    JOIN eakte_file_types ft ON ft.code = dt.file_type
    JOIN eakte_document_kinds dk ON dk.code = e.document_kind
    JOIN postkoerbe np ON np.id = i.postkorb_id
    JOIN agencies a ON a.id = o.agency_id
    JOIN regions r ON r.id = o.region_id
    JOIN users au ON au.id = o.author_id
    LEFT JOIN users du ON du.id = o.decided_by
    LEFT JOIN users iu ON iu.id = o.implemented_by
    LEFT JOIN directives d ON d.id = o.directive_id
    LEFT JOIN eakte_rule_versions bv ON bv.entry_id = i.entry_id AND bv.version = i.base_version
    LEFT JOIN postkoerbe bp ON bp.id = bv.postkorb_id
    WHERE o.number IS NOT NULL";

/// The eAkte items of the orders in scope that pass the filter, by order and rule.
pub async fn eakte_items(
    db: &Db,
    scope: &ScopeFilter,
    filter: &ItemFilter,
    sink: &mut impl RowSink<EakteItemRecord>,
) -> sqlx::Result<()> {
    on_db!(db, pool => {
        let mut qb = sqlx::QueryBuilder::new(SELECT);
        push_scope(&mut qb, scope, "o.region_id", "o.agency_id");
        if let Some(status) = filter.status {
            qb.push(" AND ");
            push_status(&mut qb, status);
        }
        if let Some(number) = &filter.directive {
            qb.push(" AND d.number = ").push_bind(number.clone());
        }
        if let Some(from) = filter.from {
            qb.push(" AND o.effective_date >= ").push_bind(from);
        }
        if let Some(until) = filter.until {
            qb.push(" AND o.effective_date <= ").push_bind(until);
        }
        qb.push(" ORDER BY o.id, dt.code, e.document_kind");
        let rows = qb.build_query_as::<Row>().fetch(pool);
        super::pass_on(rows, sink, EakteItemRecord::from).await
    })
}
