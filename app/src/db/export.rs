//! Streaming reads for the CSV exports: rows are handed on one by one as the database
//! delivers them, so an export of a million rows never sits in memory.

use super::Db;
use crate::domain::export::{AuditRecord, ConfigRecord, ItemRecord};
use crate::domain::policy::ScopeFilter;
use crate::on_db;
use futures_util::TryStreamExt;
use time::{Date, OffsetDateTime};

/// Where streamed records go; `accept` returns false to stop (the client went away).
pub trait RowSink<R>: Send {
    fn accept(&mut self, record: R) -> impl std::future::Future<Output = bool> + Send;
}

/// What the order-item export asks for besides the user's scope.
#[derive(Clone, Debug, Default)]
pub struct ItemFilter {
    /// Order state code; None is every state.
    pub state: Option<String>,
    pub directive: Option<String>,
    /// Wished effective date from / until (inclusive).
    pub from: Option<Date>,
    pub until: Option<Date>,
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    order_number: String,
    state: String,
    region: String,
    agency: String,
    office_code: String,
    office_name: String,
    concern: String,
    old_area: Option<String>,
    new_area: String,
    old_mailbox: Option<String>,
    new_mailbox: String,
    old_addresses: Option<String>,
    new_addresses: String,
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

impl From<ItemRow> for ItemRecord {
    fn from(r: ItemRow) -> Self {
        ItemRecord {
            order_number: r.order_number,
            state: r.state,
            region: r.region,
            agency: r.agency,
            office_code: r.office_code,
            office_name: r.office_name,
            concern: r.concern,
            old_area: r.old_area,
            new_area: r.new_area,
            old_mailbox: r.old_mailbox,
            new_mailbox: r.new_mailbox,
            old_addresses: r.old_addresses,
            new_addresses: r.new_addresses,
            effective_date: r.effective_date,
            filed_by: r.filed_by,
            filed_at: r.filed_at,
            decided_by: r.decided_by,
            decided_at: r.decided_at,
            implemented_by: r.implemented_by,
            implemented_at: r.implemented_at,
            directive: r.directive,
            base_version: r.base_version,
        }
    }
}

/// Order items in scope, oldest order first; `each` gets every row and returns false to
/// stop (the client went away).
pub async fn items(
    db: &Db,
    scope: &ScopeFilter,
    filter: &ItemFilter,
    sink: &mut impl RowSink<ItemRecord>,
) -> sqlx::Result<()> {
    on_db!(db, pool => {
        let mut qb = sqlx::QueryBuilder::new(
            "SELECT o.number AS order_number, o.state, r.name AS region, a.name AS agency,
                    f.code AS office_code, f.name AS office_name, c.name AS concern,
                    oa.name AS old_area, na.name AS new_area, om.address AS old_mailbox, nm.address AS new_mailbox,
                    v.addresses AS old_addresses, i.addresses AS new_addresses, o.effective_date,
                    au.display_name AS filed_by, COALESCE(o.submitted_at, o.created_at) AS filed_at,
                    du.display_name AS decided_by, o.decided_at,
                    iu.display_name AS implemented_by, o.implemented_at,
                    d.number AS directive, i.base_version
             FROM orders o
             JOIN order_items i ON i.order_id = o.id
             JOIN agencies a ON a.id = o.agency_id
             JOIN regions r ON r.id = o.region_id
             JOIN routing_entries e ON e.id = i.entry_id
             JOIN offices f ON f.id = e.office_id
             JOIN concerns c ON c.id = e.concern_id
             JOIN areas na ON na.id = i.area_id
             JOIN mailboxes nm ON nm.id = i.mailbox_id
             JOIN users au ON au.id = o.author_id
             LEFT JOIN routing_versions v ON v.entry_id = i.entry_id AND v.version = i.base_version
             LEFT JOIN areas oa ON oa.id = v.area_id
             LEFT JOIN mailboxes om ON om.id = v.mailbox_id
             LEFT JOIN users du ON du.id = o.decided_by
             LEFT JOIN users iu ON iu.id = o.implemented_by
             LEFT JOIN directives d ON d.id = o.directive_id
             WHERE o.number IS NOT NULL");
        super::org::push_scope(&mut qb, scope, "o.region_id", "o.agency_id");
        if let Some(s) = &filter.state {
            qb.push(" AND o.state = ").push_bind(s.clone());
        }
        if let Some(d) = &filter.directive {
            qb.push(" AND d.number = ").push_bind(d.clone());
        }
        if let Some(from) = filter.from {
            qb.push(" AND o.effective_date >= ").push_bind(from);
        }
        if let Some(until) = filter.until {
            qb.push(" AND o.effective_date <= ").push_bind(until);
        }
        qb.push(" ORDER BY o.id, i.entry_id");
        let mut rows = qb.build_query_as::<ItemRow>().fetch(pool);
        while let Some(row) = rows.try_next().await? {
            if !sink.accept(row.into()).await {
                break;
            }
        }
        Ok(())
    })
}

#[derive(sqlx::FromRow)]
struct ConfigRow {
    region: String,
    agency: String,
    office_code: String,
    office_name: String,
    concern: String,
    area: String,
    mailbox_address: String,
    mailbox_name: String,
    addresses: String,
    version: i64,
    valid_from: OffsetDateTime,
    order_number: Option<String>,
}

/// The live version of every routing entry in scope, by agency, Dienststelle, Anliegen.
pub async fn live_configuration(
    db: &Db,
    scope: &ScopeFilter,
    sink: &mut impl RowSink<ConfigRecord>,
) -> sqlx::Result<()> {
    on_db!(db, pool => {
        let mut qb = sqlx::QueryBuilder::new(
            "SELECT r.name AS region, a.name AS agency, f.code AS office_code, f.name AS office_name,
                    c.name AS concern, ar.name AS area, m.address AS mailbox_address, m.name AS mailbox_name,
                    v.addresses, v.version, v.valid_from, o.number AS order_number
             FROM routing_versions v
             JOIN routing_entries e ON e.id = v.entry_id
             JOIN offices f ON f.id = e.office_id
             JOIN agencies a ON a.id = f.agency_id
             JOIN regions r ON r.id = a.region_id
             JOIN concerns c ON c.id = e.concern_id
             JOIN areas ar ON ar.id = v.area_id
             JOIN mailboxes m ON m.id = v.mailbox_id
             LEFT JOIN orders o ON o.id = v.order_id
             WHERE v.valid_until IS NULL");
        super::org::push_scope(&mut qb, scope, "a.region_id", "a.id");
        qb.push(" ORDER BY r.name, a.name, f.code, c.name");
        let mut rows = qb.build_query_as::<ConfigRow>().fetch(pool);
        while let Some(r) = rows.try_next().await? {
            let record = ConfigRecord {
                region: r.region,
                agency: r.agency,
                office_code: r.office_code,
                office_name: r.office_name,
                concern: r.concern,
                area: r.area,
                mailbox_address: r.mailbox_address,
                mailbox_name: r.mailbox_name,
                addresses: r.addresses,
                version: r.version,
                valid_from: r.valid_from,
                order_number: r.order_number,
            };
            if !sink.accept(record).await {
                break;
            }
        }
        Ok(())
    })
}

/// The audit log in order, optionally from / before two instants.
pub async fn audit(
    db: &Db,
    from: Option<OffsetDateTime>,
    before: Option<OffsetDateTime>,
    sink: &mut impl RowSink<AuditRecord>,
) -> sqlx::Result<()> {
    on_db!(db, pool => {
        let mut qb = sqlx::QueryBuilder::new(
            "SELECT id, occurred_at, actor_id, actor_name, client, request_id, action, object, outcome, detail
             FROM audit_log WHERE 1 = 1");
        if let Some(from) = from {
            qb.push(" AND occurred_at >= ").push_bind(from);
        }
        if let Some(before) = before {
            qb.push(" AND occurred_at < ").push_bind(before);
        }
        qb.push(" ORDER BY id");
        let mut rows = qb.build_query_as::<super::audit::AuditRow>().fetch(pool);
        while let Some(r) = rows.try_next().await? {
            let record = AuditRecord {
                occurred_at: r.occurred_at,
                actor: r.actor_name,
                client: r.client,
                request_id: r.request_id,
                action: r.action,
                object: r.object,
                outcome: r.outcome,
                detail: r.detail,
            };
            if !sink.accept(record).await {
                break;
            }
        }
        Ok(())
    })
}
