//! The export of "E-Mail-Kommunikation" items: one query with the names joined in. There
//! is at most one item per mailbox and order, so these exports stay small.

use super::{ItemFilter, RowSink};
use crate::db::orders::push_status;
use crate::db::org::push_scope;
use crate::db::Db;
use crate::domain::export::SettingItemRecord;
use crate::domain::mailbox_setting::EmailMode;
use crate::domain::org::MailboxKind;
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
    office_code: String,
    office_name: String,
    mailbox_address: String,
    mailbox_name: String,
    mailbox_kind: MailboxKind,
    old_mode: Option<EmailMode>,
    new_mode: EmailMode,
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

impl From<Row> for SettingItemRecord {
    fn from(r: Row) -> Self {
        let shared = |s: String| Arc::<str>::from(s);
        SettingItemRecord {
            order_number: r.number,
            state: r.state,
            region: shared(r.region),
            agency: shared(r.agency),
            office_code: r.office_code,
            office_name: r.office_name,
            mailbox_address: r.mailbox_address,
            mailbox_name: r.mailbox_name,
            mailbox_kind: r.mailbox_kind,
            old_mode: r.old_mode,
            new_mode: r.new_mode,
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
        f.code AS office_code, f.name AS office_name, m.address AS mailbox_address,
        m.name AS mailbox_name, m.kind AS mailbox_kind, bv.email_mode AS old_mode,
        i.email_mode AS new_mode, o.effective_date, au.display_name AS filed_by,
        COALESCE(o.submitted_at, o.created_at) AS filed_at, du.display_name AS decided_by,
        o.decided_at, iu.display_name AS implemented_by, o.implemented_at,
        d.number AS directive, i.base_version
    FROM orders o
    JOIN order_mailbox_items i ON i.order_id = o.id
    JOIN mailbox_setting_entries e ON e.id = i.entry_id
    JOIN mailboxes m ON m.id = e.mailbox_id
    JOIN offices f ON f.id = m.office_id
    JOIN agencies a ON a.id = o.agency_id
    JOIN regions r ON r.id = o.region_id
    JOIN users au ON au.id = o.author_id
    LEFT JOIN users du ON du.id = o.decided_by
    LEFT JOIN users iu ON iu.id = o.implemented_by
    LEFT JOIN directives d ON d.id = o.directive_id
    LEFT JOIN mailbox_setting_versions bv ON bv.entry_id = i.entry_id AND bv.version = i.base_version
    WHERE o.number IS NOT NULL";

/// The setting items of the orders in scope that pass the filter, by order and mailbox.
pub async fn setting_items(
    db: &Db,
    scope: &ScopeFilter,
    filter: &ItemFilter,
    sink: &mut impl RowSink<SettingItemRecord>,
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
        qb.push(" ORDER BY o.id, f.code, m.address");
        let rows = qb.build_query_as::<Row>().fetch(pool);
        super::pass_on(rows, sink, SettingItemRecord::from).await
    })
}
