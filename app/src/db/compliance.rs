//! What compliance is computed from: the live routing entry of one Anliegen in every
//! Dienststelle, and what submitted or approved orders propose for it. Two queries per
//! directive, whatever the number of Dienststellen.

use super::org::push_scope;
use super::Db;
use crate::domain::order::OrderState;
use crate::domain::org::{MailboxKind, MailboxPlace, OfficeKind};
use crate::domain::policy::ScopeFilter;
use crate::on_db;
use sqlx::QueryBuilder;

/// How much of each live row a reader needs. A tally (the register) needs only what the
/// rule judges; a page also names each row and lists the rows in order. The names are
/// most of the values read, so a tally reads about a third of them and sorts nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// What the rule judges, in no particular order; the names stay empty.
    Tally,
    /// Everything, ordered by RD, agency, Dienststelle and name.
    Shown,
}

impl Reading {
    /// The columns to select: the judged ones, and the named ones when shown.
    pub(crate) fn columns(self, judged: &str, named: &str) -> String {
        match self {
            Reading::Tally => judged.to_string(),
            Reading::Shown => format!("{judged}, {named}"),
        }
    }

    /// `order_by` when shown; nothing for a tally.
    pub(crate) fn order(self, order_by: &str) -> &str {
        match self {
            Reading::Tally => "",
            Reading::Shown => order_by,
        }
    }
}

/// A Dienststelle with its live entry for an Anliegen. The fields marked
/// `#[sqlx(default)]` name things for the pages and stay empty in a `Reading::Tally`.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OfficeLiveRow {
    pub office_id: i64,
    #[sqlx(default)]
    pub office_code: String,
    #[sqlx(default)]
    pub office_name: String,
    pub agency_id: i64,
    #[sqlx(default)]
    pub agency_code: String,
    #[sqlx(default)]
    pub agency_name: String,
    pub region_id: i64,
    #[sqlx(default)]
    pub region_code: String,
    #[sqlx(default)]
    pub region_name: String,
    /// None where the Dienststelle has no entry for the Anliegen yet.
    pub entry_id: Option<i64>,
    pub mailbox_id: Option<i64>,
    #[sqlx(default)]
    pub mailbox_name: Option<String>,
    pub area: Option<String>,
    #[sqlx(default)]
    pub area_name: Option<String>,
    pub mailbox_area: Option<String>,
    pub mailbox_office_id: Option<i64>,
    pub addresses: Option<String>,
}

/// Every Dienststelle within both scopes (the user's and the directive's), with its live
/// entry for the Anliegen; shown: ordered by RD, agency and Dienststelle.
pub async fn live_entries(
    db: &Db,
    concern_code: &str,
    (visible, applies): (&ScopeFilter, &ScopeFilter),
    reading: Reading,
) -> sqlx::Result<Vec<OfficeLiveRow>> {
    let columns = reading.columns(
        "o.id AS office_id, a.id AS agency_id, a.region_id, e.id AS entry_id, v.mailbox_id,
         va.code AS area, ma.code AS mailbox_area, m.office_id AS mailbox_office_id,
         v.addresses",
        "o.code AS office_code, o.name AS office_name, a.code AS agency_code,
         a.name AS agency_name, r.code AS region_code, r.name AS region_name,
         m.name AS mailbox_name, va.name AS area_name",
    );
    on_db!(db, pool => {
        let mut qb = QueryBuilder::new(format!(
            "SELECT {columns}
             FROM offices o
             JOIN agencies a ON a.id = o.agency_id
             JOIN regions r ON r.id = a.region_id
             LEFT JOIN routing_entries e ON e.office_id = o.id
                  AND e.concern_id = (SELECT id FROM concerns WHERE code = "));
        qb.push_bind(concern_code.to_string());
        qb.push(
            ")
             LEFT JOIN routing_versions v ON v.entry_id = e.id AND v.valid_until IS NULL
             LEFT JOIN areas va ON va.id = v.area_id
             LEFT JOIN mailboxes m ON m.id = v.mailbox_id
             LEFT JOIN areas ma ON ma.id = m.area_id
             WHERE o.active");
        push_scope(&mut qb, visible, "a.region_id", "a.id");
        push_scope(&mut qb, applies, "a.region_id", "a.id");
        qb.push(reading.order(" ORDER BY r.name, a.name, o.kind <> 'hauptagentur', o.name"));
        qb.build_query_as::<OfficeLiveRow>().fetch_all(pool).await
    })
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ProposedRow {
    pub entry_id: i64,
    pub order_number: String,
    pub area: String,
    pub mailbox_area: String,
    pub mailbox_office_id: i64,
    pub addresses: String,
}

/// Items of submitted or approved orders for the Anliegen, within the user's scope.
pub async fn open_proposals(
    db: &Db,
    concern_code: &str,
    visible: &ScopeFilter,
) -> sqlx::Result<Vec<ProposedRow>> {
    on_db!(db, pool => {
        let mut qb = QueryBuilder::new(format!(
            "SELECT i.entry_id, ord.number AS order_number, ia.code AS area, ma.code AS mailbox_area,
                    m.office_id AS mailbox_office_id, i.addresses
             FROM orders ord
             JOIN order_items i ON i.order_id = ord.id
             JOIN routing_entries e ON e.id = i.entry_id
             JOIN areas ia ON ia.id = i.area_id
             JOIN mailboxes m ON m.id = i.mailbox_id
             JOIN areas ma ON ma.id = m.area_id
             WHERE ord.state IN {}
               AND e.concern_id = (SELECT id FROM concerns WHERE code = ",
            super::codes::sql_list(&[OrderState::Submitted, OrderState::Approved])
        ));
        qb.push_bind(concern_code.to_string());
        qb.push(")");
        push_scope(&mut qb, visible, "ord.region_id", "ord.agency_id");
        qb.build_query_as::<ProposedRow>().fetch_all(pool).await
    })
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MailboxChoiceRow {
    pub id: i64,
    pub office_id: i64,
    pub office_kind: String,
    pub kind: String,
    pub area_id: i64,
    /// The Bereich's code.
    pub area: String,
    pub area_name: String,
    pub name: String,
    pub address: String,
}

/// The mailboxes of an agency an Anliegen can be routed to (not Liegenschaft mailboxes).
impl MailboxChoiceRow {
    /// Where the mailbox sits, for `domain::org::mailbox_may_serve`.
    pub fn place(&self, agency_id: i64) -> Option<MailboxPlace> {
        Some(MailboxPlace {
            office_id: self.office_id,
            agency_id,
            office_kind: OfficeKind::from_code(&self.office_kind)?,
            kind: MailboxKind::from_code(&self.kind)?,
        })
    }
}

/// An agency's mailboxes that an Anliegen can be routed to (never Liegenschaft mailboxes).
pub const MAILBOX_CHOICES_SQL: &str =
    "SELECT m.id, m.office_id, o.kind AS office_kind, m.kind, m.area_id,
        ar.code AS area, ar.name AS area_name, m.name, m.address
    FROM mailboxes m JOIN offices o ON o.id = m.office_id JOIN areas ar ON ar.id = m.area_id
    WHERE o.agency_id = $1 AND m.kind <> 'liegenschaft' AND m.active";

pub async fn routable_mailboxes(db: &Db, agency_id: i64) -> sqlx::Result<Vec<MailboxChoiceRow>> {
    let sql = format!("{MAILBOX_CHOICES_SQL} ORDER BY m.id");
    on_db!(db, pool => sqlx::query_as(&sql).bind(agency_id).fetch_all(pool).await)
}
