//! The export of "eAkte-Regelwerk" items: one query with the names joined in. There is at
//! most one item per rule and order, so these exports stay small.

use super::{push_item_filter, ItemFilter, OrderColumns, RowSink, ORDER_COLUMNS, ORDER_JOINS};
use crate::db::Db;
use crate::domain::export::EakteItemRecord;
use crate::domain::policy::ScopeFilter;
use crate::on_db;

#[derive(sqlx::FromRow)]
struct Row {
    #[sqlx(flatten)]
    order: OrderColumns,
    file_type: String,
    document_type_code: String,
    document_type: String,
    document_kind: String,
    old_postkorb: Option<String>,
    new_postkorb: String,
    new_postkorb_code: String,
}

impl From<Row> for EakteItemRecord {
    fn from(r: Row) -> Self {
        EakteItemRecord {
            order: r.order.into(),
            file_type: r.file_type.into(),
            document_type_code: r.document_type_code,
            document_type: r.document_type,
            document_kind: r.document_kind.into(),
            old_postkorb: r.old_postkorb,
            new_postkorb: r.new_postkorb,
            new_postkorb_code: r.new_postkorb_code,
        }
    }
}

fn select() -> String {
    format!(
        "SELECT {ORDER_COLUMNS}, ft.code || ' ' || ft.name AS file_type,
            dt.code AS document_type_code, dt.name AS document_type, dk.name AS document_kind,
            bp.name AS old_postkorb, np.name AS new_postkorb, np.code AS new_postkorb_code
        FROM orders o
        JOIN order_eakte_items i ON i.order_id = o.id
        JOIN eakte_rule_entries e ON e.id = i.entry_id
        JOIN eakte_document_types dt ON dt.id = e.document_type_id
        JOIN eakte_file_types ft ON ft.code = dt.file_type
        JOIN eakte_document_kinds dk ON dk.code = e.document_kind
        JOIN postkoerbe np ON np.id = i.postkorb_id
        {ORDER_JOINS}
        LEFT JOIN eakte_rule_versions bv ON bv.entry_id = i.entry_id AND bv.version = i.base_version
        LEFT JOIN postkoerbe bp ON bp.id = bv.postkorb_id
        WHERE o.number IS NOT NULL"
    )
}

/// The eAkte items of the orders in scope that pass the filter, by order and rule.
pub async fn eakte_items(
    db: &Db,
    scope: &ScopeFilter,
    filter: &ItemFilter,
    sink: &mut impl RowSink<EakteItemRecord>,
) -> sqlx::Result<()> {
    let sql = select();
    on_db!(db, pool => {
        let mut qb = sqlx::QueryBuilder::new(sql.as_str());
        push_item_filter(&mut qb, scope, filter);
        qb.push(" ORDER BY o.id, dt.code, e.document_kind");
        let rows = qb.build_query_as::<Row>().fetch(pool);
        super::pass_on(rows, sink, EakteItemRecord::from).await
    })
}
