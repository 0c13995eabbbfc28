//! The export of "E-Mail-Kommunikation" items: one query with the names joined in. There
//! is at most one item per mailbox and order, so these exports stay small.

use super::{push_item_filter, ItemFilter, OrderColumns, RowSink, ORDER_COLUMNS, ORDER_JOINS};
use crate::db::Db;
use crate::domain::export::SettingItemRecord;
use crate::domain::mailbox_setting::EmailMode;
use crate::domain::org::MailboxKind;
use crate::domain::policy::ScopeFilter;
use crate::on_db;

#[derive(sqlx::FromRow)]
struct Row {
    #[sqlx(flatten)]
    order: OrderColumns,
    office_code: String,
    office_name: String,
    mailbox_address: String,
    mailbox_name: String,
    mailbox_kind: MailboxKind,
    old_mode: Option<EmailMode>,
    new_mode: EmailMode,
}

impl From<Row> for SettingItemRecord {
    fn from(r: Row) -> Self {
        SettingItemRecord {
            order: r.order.into(),
            office_code: r.office_code,
            office_name: r.office_name,
            mailbox_address: r.mailbox_address,
            mailbox_name: r.mailbox_name,
            mailbox_kind: r.mailbox_kind,
            old_mode: r.old_mode,
            new_mode: r.new_mode,
        }
    }
}

fn select() -> String {
    format!(
        "SELECT {ORDER_COLUMNS}, f.code AS office_code, f.name AS office_name,
            m.address AS mailbox_address, m.name AS mailbox_name, m.kind AS mailbox_kind,
            bv.email_mode AS old_mode, i.email_mode AS new_mode
        FROM orders o
        JOIN order_mailbox_items i ON i.order_id = o.id
        JOIN mailbox_setting_entries e ON e.id = i.entry_id
        JOIN mailboxes m ON m.id = e.mailbox_id
        JOIN offices f ON f.id = m.office_id
        {ORDER_JOINS}
        LEFT JOIN mailbox_setting_versions bv ON bv.entry_id = i.entry_id AND bv.version = i.base_version
        WHERE o.number IS NOT NULL"
    )
}

/// The setting items of the orders in scope that pass the filter, by order and mailbox.
pub async fn setting_items(
    db: &Db,
    scope: &ScopeFilter,
    filter: &ItemFilter,
    sink: &mut impl RowSink<SettingItemRecord>,
) -> sqlx::Result<()> {
    let sql = select();
    on_db!(db, pool => {
        let mut qb = sqlx::QueryBuilder::new(sql.as_str());
        push_item_filter(&mut qb, scope, filter);
        qb.push(" ORDER BY o.id, f.code, m.address");
        let rows = qb.build_query_as::<Row>().fetch(pool);
        super::pass_on(rows, sink, SettingItemRecord::from).await
    })
}
