//! Change orders and their items.

use super::Db;
use crate::domain::order::{OrderState, StatusFilter};
use crate::domain::org::{MailboxKind, MailboxPlace, OfficeKind};
use crate::on_db;
use time::{Date, OffsetDateTime};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OrderRow {
    pub id: i64,
    pub number: String,
    pub agency_id: i64,
    pub region_id: i64,
    pub agency_code: String,
    pub agency_name: String,
    pub author_id: i64,
    pub author_name: String,
    pub state: OrderState,
    pub justification: String,
    pub effective_date: Date,
    pub revision: i64,
    pub created_at: OffsetDateTime,
    pub submitted_at: Option<OffsetDateTime>,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<OffsetDateTime>,
    pub decision_reason: Option<String>,
    pub item_count: i64,
    pub directive_number: Option<String>,
    pub directive_title: Option<String>,
    pub directive_deadline: Option<Date>,
    /// Fixed at submission: whether an RD decides before RIM implements.
    pub review_required: bool,
    /// The Zentrale's batch order it was filed in, if any (SA-JJJJ-NNNN).
    pub batch_number: Option<String>,
}

static ORDER_SELECT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!("SELECT o.id, o.number, o.agency_id, a.region_id, a.code AS agency_code, a.name AS agency_name,
        o.author_id, u.display_name AS author_name, o.state, o.justification, o.effective_date, o.revision,
        o.created_at, o.submitted_at, d.display_name AS decided_by_name, o.decided_at, o.decision_reason,
        {} AS item_count,
        dv.number AS directive_number, dv.title AS directive_title, dv.deadline_on AS directive_deadline, o.review_required,
        ob.number AS batch_number
    FROM orders o JOIN agencies a ON a.id = o.agency_id JOIN users u ON u.id = o.author_id
    LEFT JOIN users d ON d.id = o.decided_by LEFT JOIN directives dv ON dv.id = o.directive_id
    LEFT JOIN order_batches ob ON ob.id = o.batch_id",
    super::kind_store::item_count_of("o.id"))
});

pub async fn by_number(db: &Db, number: &str) -> sqlx::Result<Option<OrderRow>> {
    let sql = format!("{} WHERE o.number = $1", *ORDER_SELECT);
    on_db!(db, pool => sqlx::query_as(&sql).bind(number).fetch_optional(pool).await)
}

pub async fn by_id(db: &Db, id: i64) -> sqlx::Result<Option<OrderRow>> {
    let sql = format!("{} WHERE o.id = $1", *ORDER_SELECT);
    on_db!(db, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)
}

/// Inserts a new draft and numbers it in the same statement: "ÄA-" year "-" the id,
/// at least six digits (`domain::order::order_number` is the same rule in Rust). The id
/// comes from the database, so numbers stay unique with several server instances: on
/// SQLite the next rowid, read under the write lock the statement holds; on PostgreSQL
/// the id sequence. Binds: agency, region, author, justification, effective date,
/// directive, now, year (text). Returns id and number.
pub(super) fn insert_draft_sql(postgres: bool) -> &'static str {
    match postgres {
        false => {
            "INSERT INTO orders (id, number, agency_id, region_id, author_id, state, justification, effective_date,
                 directive_id, revision, created_at, updated_at)
             SELECT n, 'ÄA-' || $8 || '-' || printf('%06d', n), $1, $2, $3, 'entwurf', $4, $5, $6, 1, $7, $7
             FROM (SELECT COALESCE(MAX(id), 0) + 1 AS n FROM orders)
             RETURNING id, number"
        }
        true => {
            "WITH n AS (SELECT nextval(pg_get_serial_sequence('orders', 'id')) AS id)
             INSERT INTO orders (id, number, agency_id, region_id, author_id, state, justification, effective_date,
                 directive_id, revision, created_at, updated_at)
             SELECT id, 'ÄA-' || $8 || '-' || lpad(id::text, greatest(6, length(id::text)), '0'),
                 $1, $2, $3, 'entwurf', $4, $5, $6, 1, $7, $7
             FROM n
             RETURNING id, number"
        }
    }
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ItemRow {
    pub id: i64,
    pub entry_id: i64,
    pub office_code: String,
    pub office_name: String,
    pub concern_code: String,
    pub concern_name: String,
    pub base_version: i64,
    pub live_version: i64,
    pub mailbox_id: i64,
    pub mailbox_name: String,
    pub mailbox_address: String,
    pub area_id: i64,
    pub area_name: String,
    pub addresses: String,
    pub live_mailbox_id: i64,
    pub live_mailbox_name: String,
    pub live_mailbox_address: String,
    pub live_area_id: i64,
    pub live_area_name: String,
    pub live_addresses: String,
}

/// The items with the live values they would replace.
pub async fn items(db: &Db, order_id: i64) -> sqlx::Result<Vec<ItemRow>> {
    const SQL: &str = "SELECT i.id, i.entry_id, of.code AS office_code, of.name AS office_name,
            c.code AS concern_code, c.name AS concern_name, i.base_version, v.version AS live_version,
            i.mailbox_id, m.name AS mailbox_name, m.address AS mailbox_address,
            i.area_id, ar.name AS area_name, i.addresses,
            v.mailbox_id AS live_mailbox_id, lm.name AS live_mailbox_name, lm.address AS live_mailbox_address,
            v.area_id AS live_area_id, la.name AS live_area_name, v.addresses AS live_addresses
        FROM order_items i
        JOIN routing_entries e ON e.id = i.entry_id
        JOIN offices of ON of.id = e.office_id
        JOIN concerns c ON c.id = e.concern_id
        JOIN mailboxes m ON m.id = i.mailbox_id
        JOIN areas ar ON ar.id = i.area_id
        JOIN routing_versions v ON v.entry_id = i.entry_id AND v.valid_until IS NULL
        JOIN mailboxes lm ON lm.id = v.mailbox_id
        JOIN areas la ON la.id = v.area_id
        WHERE i.order_id = $1 ORDER BY of.name, c.name";
    on_db!(db, pool => sqlx::query_as(SQL).bind(order_id).fetch_all(pool).await)
}

/// Other open orders that touch any entry of this order.
pub async fn overlapping(db: &Db, order_id: i64) -> sqlx::Result<Vec<(String, String)>> {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        let per_kind: Vec<String> = crate::domain::kind::Kind::ALL
            .iter()
            .map(|k| {
                let items = super::kind_store::tables(*k).items;
                format!(
                    "SELECT o.number, o.state FROM {items} i
                     JOIN {items} j ON j.entry_id = i.entry_id AND j.order_id <> i.order_id
                     JOIN orders o ON o.id = j.order_id
                     WHERE i.order_id = $1 AND o.state IN {}",
                    super::routing::open_states()
                )
            })
            .collect();
        format!("{} ORDER BY 1", per_kind.join(" UNION "))
    });
    on_db!(db, pool => sqlx::query_as(SQL.as_str()).bind(order_id).fetch_all(pool).await)
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TargetRow {
    pub entry_id: i64,
    pub office_id: i64,
    pub office_agency_id: i64,
    pub concern_active: bool,
    pub live_version: i64,
    pub live_mailbox_id: i64,
    pub live_area_id: i64,
    pub live_addresses: String,
}

/// The routing entry an item would change (Dienststelle code × Anliegen code).
pub async fn target(
    db: &Db,
    office_code: &str,
    concern_code: &str,
) -> sqlx::Result<Option<TargetRow>> {
    const SQL: &str = "SELECT e.id AS entry_id, o.id AS office_id, o.agency_id AS office_agency_id, c.active AS concern_active,
            v.version AS live_version, v.mailbox_id AS live_mailbox_id, v.area_id AS live_area_id,
            v.addresses AS live_addresses
        FROM routing_entries e JOIN offices o ON o.id = e.office_id JOIN concerns c ON c.id = e.concern_id
        JOIN routing_versions v ON v.entry_id = e.id AND v.valid_until IS NULL
        WHERE o.code = $1 AND c.code = $2";
    on_db!(db, pool => sqlx::query_as(SQL).bind(office_code).bind(concern_code).fetch_optional(pool).await)
}

/// Whether the Anliegen exists and is inactive (its routing then has ended).
pub async fn concern_inactive(db: &Db, concern_code: &str) -> sqlx::Result<bool> {
    const SQL: &str = "SELECT NOT active FROM concerns WHERE code = $1";
    let inactive: Option<bool> =
        on_db!(db, pool => sqlx::query_scalar(SQL).bind(concern_code).fetch_optional(pool).await)?;
    Ok(inactive.unwrap_or(false))
}

/// A mailbox as an item checks it: where it sits, its Bereich and whether it is active.
pub async fn mailbox(db: &Db, mailbox_id: i64) -> sqlx::Result<Option<(MailboxPlace, i64, bool)>> {
    const SQL: &str = "SELECT m.office_id, o.agency_id, o.kind, m.kind, m.area_id, m.active
        FROM mailboxes m JOIN offices o ON o.id = m.office_id WHERE m.id = $1";
    let row: Option<(i64, i64, String, String, i64, bool)> =
        on_db!(db, pool => sqlx::query_as(SQL).bind(mailbox_id).fetch_optional(pool).await)?;
    Ok(row.and_then(
        |(office_id, agency_id, office_kind, kind, area_id, active)| {
            let place = MailboxPlace {
                office_id,
                agency_id,
                office_kind: OfficeKind::from_code(&office_kind)?,
                kind: MailboxKind::from_code(&kind)?,
            };
            Some((place, area_id, active))
        },
    ))
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ListRow {
    pub id: i64,
    pub number: String,
    pub agency_code: String,
    pub agency_name: String,
    pub author_name: String,
    pub state: OrderState,
    pub effective_date: Date,
    pub submitted_at: Option<OffsetDateTime>,
    pub item_count: i64,
    pub directive_number: Option<String>,
    pub directive_deadline: Option<Date>,
}

/// What an order list asks for besides the user's scope.
#[derive(Clone, Debug, Default)]
pub struct ListFilter<'f> {
    pub status: Option<StatusFilter>,
    /// Code of one RD.
    pub region_code: Option<&'f str>,
    /// Keyset cursor: the id of the last order of the previous page.
    pub after: Option<i64>,
}

/// How many orders within the scope match any of the filters.
pub async fn count_matching(
    db: &Db,
    scope: &crate::domain::policy::ScopeFilter,
    filters: &[StatusFilter],
) -> sqlx::Result<i64> {
    on_db!(db, pool => {
        let mut qb = sqlx::QueryBuilder::new("SELECT COUNT(*) FROM orders o WHERE (1 = 0");
        for f in filters {
            qb.push(" OR ");
            push_status(&mut qb, *f);
        }
        qb.push(")");
        super::org::push_scope(&mut qb, scope, "o.region_id", "o.agency_id");
        qb.build_query_scalar::<i64>().fetch_one(pool).await
    })
}

/// `(…)`: the orders a status filter selects; the queues read the review the order was
/// submitted with.
pub(crate) fn push_status<'q, DB: sqlx::Database>(
    qb: &mut sqlx::QueryBuilder<'q, DB>,
    f: StatusFilter,
) where
    OrderState: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    bool: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    match f {
        StatusFilter::State(s) => {
            qb.push("(o.state = ").push_bind(s).push(")");
        }
        StatusFilter::AwaitingReview => {
            qb.push("(o.state = ")
                .push_bind(OrderState::Submitted)
                .push(" AND o.review_required = ")
                .push_bind(true)
                .push(")");
        }
        StatusFilter::ReadyToImplement => {
            qb.push("(o.state = ")
                .push_bind(OrderState::Approved)
                .push(" OR (o.state = ")
                .push_bind(OrderState::Submitted)
                .push(" AND o.review_required = ")
                .push_bind(false)
                .push("))");
        }
    }
}

static LIST_SELECT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "SELECT o.id, o.number, a.code AS agency_code, a.name AS agency_name, u.display_name AS author_name, o.state, o.effective_date,
                o.submitted_at, {} AS item_count,
                dv.number AS directive_number, dv.deadline_on AS directive_deadline
         FROM orders o JOIN agencies a ON a.id = o.agency_id JOIN users u ON u.id = o.author_id
         LEFT JOIN directives dv ON dv.id = o.directive_id
         WHERE 1 = 1",
        super::kind_store::item_count_of("o.id")
    )
});

/// Orders within the scope: waiting ones oldest first (the inboxes of review and
/// implementation), others newest first. Keyset pagination, so page 2 000 costs what page 1 costs; the
/// orders_region_* indexes serve the region queues.
pub async fn list(
    db: &Db,
    scope: &crate::domain::policy::ScopeFilter,
    filter: &ListFilter<'_>,
    limit: i64,
) -> sqlx::Result<Vec<ListRow>> {
    let inbox = filter.status.is_some_and(StatusFilter::is_inbox);
    on_db!(db, pool => {
        let mut qb = sqlx::QueryBuilder::new(LIST_SELECT.as_str());
        super::org::push_scope(&mut qb, scope, "o.region_id", "o.agency_id");
        if let Some(f) = filter.status {
            qb.push(" AND ");
            push_status(&mut qb, f);
        }
        if let Some(code) = filter.region_code {
            qb.push(" AND o.region_id = (SELECT id FROM regions WHERE code = ").push_bind(code.to_string()).push(")");
        }
        match (filter.after, inbox) {
            (Some(after), true) => {
                qb.push(" AND (o.submitted_at, o.id) > ((SELECT submitted_at FROM orders WHERE id = ")
                    .push_bind(after).push("), ").push_bind(after).push(")");
            }
            (Some(after), false) => {
                qb.push(" AND o.id < ").push_bind(after);
            }
            (None, _) => {}
        }
        qb.push(if inbox { " ORDER BY o.submitted_at, o.id" } else { " ORDER BY o.id DESC" });
        qb.push(" LIMIT ").push_bind(limit);
        qb.build_query_as::<ListRow>().fetch_all(pool).await
    })
}

/// (id, code, name) of an agency's Dienststellen, the Hauptagentur first.
pub async fn agency_offices(db: &Db, agency_id: i64) -> sqlx::Result<Vec<(i64, String, String)>> {
    on_db!(db, pool => sqlx::query_as("SELECT id, code, name FROM offices WHERE agency_id = $1 AND active ORDER BY kind DESC, name")
        .bind(agency_id).fetch_all(pool).await)
}

/// The item form's mailbox list: ordered by Dienststelle and Bereich.
pub async fn agency_mailboxes(
    db: &Db,
    agency_id: i64,
) -> sqlx::Result<Vec<crate::db::compliance::MailboxChoiceRow>> {
    let sql = format!(
        "{} ORDER BY o.name, ar.name, m.name",
        crate::db::compliance::MAILBOX_CHOICES_SQL
    );
    on_db!(db, pool => sqlx::query_as(&sql).bind(agency_id).fetch_all(pool).await)
}

pub async fn active_concerns(db: &Db) -> sqlx::Result<Vec<(String, String)>> {
    on_db!(db, pool => sqlx::query_as("SELECT code, name FROM concerns WHERE active = $1 ORDER BY name")
        .bind(true).fetch_all(pool).await)
}

pub async fn areas(db: &Db) -> sqlx::Result<Vec<(i64, String)>> {
    on_db!(db, pool => sqlx::query_as("SELECT id, name FROM areas ORDER BY name").fetch_all(pool).await)
}
