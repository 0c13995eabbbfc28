//! Streaming reads for the CSV exports: rows are handed on one by one as the database
//! delivers them, so an export of a million rows never sits in memory.

mod eakte_items;
mod items;
mod master_data;
mod names;
mod raw_sql;
mod setting_items;

pub use eakte_items::eakte_items;
pub use items::items;
pub use master_data::master_data;
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

/// The user's scope and the export's filter, appended to a SELECT whose WHERE clause is
/// open, over orders `o` and directives `d`: the same for every single-value kind.
pub(super) fn push_item_filter<'q, DB: sqlx::Database>(
    qb: &mut sqlx::QueryBuilder<'q, DB>,
    scope: &ScopeFilter,
    filter: &ItemFilter,
) where
    i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    bool: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    Date: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    crate::domain::order::OrderState: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    crate::db::org::push_scope(qb, scope, "o.region_id", "o.agency_id");
    if let Some(status) = filter.status {
        qb.push(" AND ");
        crate::db::orders::push_status(qb, status);
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
}

/// The order's side of an item export's row: names joined in, one column each.
#[derive(sqlx::FromRow)]
pub(super) struct OrderColumns {
    number: String,
    state: String,
    region: String,
    agency: String,
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

/// The SELECT list of `OrderColumns`, over orders `o`, regions `r`, agencies `a`, users
/// `au` (author), `du` (decided), `iu` (implemented), directives `d` and items `i`.
pub(super) const ORDER_COLUMNS: &str = "o.number, o.state, r.name AS region, a.name AS agency,
        o.effective_date, au.display_name AS filed_by,
        COALESCE(o.submitted_at, o.created_at) AS filed_at, du.display_name AS decided_by,
        o.decided_at, iu.display_name AS implemented_by, o.implemented_at,
        d.number AS directive, i.base_version";

/// The joins `ORDER_COLUMNS` reads from.
pub(super) const ORDER_JOINS: &str = "JOIN agencies a ON a.id = o.agency_id
    JOIN regions r ON r.id = o.region_id
    JOIN users au ON au.id = o.author_id
    LEFT JOIN users du ON du.id = o.decided_by
    LEFT JOIN users iu ON iu.id = o.implemented_by
    LEFT JOIN directives d ON d.id = o.directive_id";

impl From<OrderColumns> for crate::domain::export::OrderFacts {
    fn from(r: OrderColumns) -> Self {
        let shared = |s: String| std::sync::Arc::<str>::from(s);
        Self {
            order_number: r.number,
            state: r.state,
            region: shared(r.region),
            agency: shared(r.agency),
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
