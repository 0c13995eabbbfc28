//! Streaming reads for the CSV exports: rows are handed on one by one as the database
//! delivers them, so an export of a million rows never sits in memory.

mod eakte_items;
mod items;
mod names;
mod raw_sql;
mod setting_items;

pub use eakte_items::eakte_items;
pub use items::items;
pub use setting_items::setting_items;

use super::Db;
use crate::domain::export::{AuditRecord, ConfigRecord};
use crate::domain::order::StatusFilter;
use crate::domain::policy::ScopeFilter;
use crate::on_db;
use futures_util::TryStreamExt;
use time::{Date, OffsetDateTime};

/// Where streamed records go; `accept` returns false to stop (the client went away).
pub trait RowSink<R>: Send {
    fn accept(&mut self, record: R) -> impl std::future::Future<Output = bool> + Send;
}

/// Hands each streamed row, made a record by `record`, to the sink until the rows end or
/// the sink stops.
pub(super) async fn pass_on<Row, R>(
    mut rows: impl futures_util::Stream<Item = sqlx::Result<Row>> + Unpin,
    sink: &mut impl RowSink<R>,
    record: impl Fn(Row) -> R,
) -> sqlx::Result<()> {
    while let Some(row) = rows.try_next().await? {
        if !sink.accept(record(row)).await {
            break;
        }
    }
    Ok(())
}

/// What the order-item export asks for besides the user's scope.
#[derive(Clone, Debug, Default)]
pub struct ItemFilter {
    /// A state or a queue; None is every state.
    pub status: Option<StatusFilter>,
    pub directive: Option<String>,
    /// Wished effective date from / until (inclusive).
    pub from: Option<Date>,
    pub until: Option<Date>,
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
        let rows = qb.build_query_as::<ConfigRow>().fetch(pool);
        pass_on(rows, sink, |r| ConfigRecord {
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
        })
        .await
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
        let rows = qb.build_query_as::<super::audit::AuditRow>().fetch(pool);
        pass_on(rows, sink, |r| AuditRecord {
            occurred_at: r.occurred_at,
            actor: r.actor_name,
            client: r.client,
            request_id: r.request_id,
            action: r.action,
            object: r.object,
            outcome: r.outcome,
            detail: r.detail,
        })
        .await
    })
}
