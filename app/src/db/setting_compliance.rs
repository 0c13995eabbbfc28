//! What compliance with a setting rule (`domain::setting_rule`) is computed from: the live
//! "E-Mail-Kommunikation" of every mailbox of the rule's Bereich, and what submitted or
//! approved orders set. Two queries per directive, whatever the number of mailboxes.

use super::compliance::Reading;
use super::org::push_scope;
use super::Db;
use crate::domain::mailbox_setting::EmailMode;
use crate::domain::order::OrderState;
use crate::domain::org::MailboxKind;
use crate::domain::policy::ScopeFilter;
use crate::on_db;
use sqlx::QueryBuilder;

/// A mailbox with its live setting. The fields marked `#[sqlx(default)]` name things for
/// the pages and stay empty in a `Reading::Tally`.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MailboxLiveRow {
    pub entry_id: i64,
    #[sqlx(default)]
    pub mailbox_address: String,
    #[sqlx(default)]
    pub mailbox_name: String,
    pub mailbox_kind: MailboxKind,
    #[sqlx(default)]
    pub office_name: String,
    pub agency_id: i64,
    pub region_id: i64,
    #[sqlx(default)]
    pub agency_code: String,
    #[sqlx(default)]
    pub agency_name: String,
    #[sqlx(default)]
    pub region_code: String,
    #[sqlx(default)]
    pub region_name: String,
    pub version: i64,
    pub email_mode: EmailMode,
}

/// Every mailbox of the kinds and the Bereich (None: of every Bereich) within both scopes
/// (the user's and the directive's) that has the setting, with its live value; shown: by
/// RD, agency, Dienststelle and name.
pub async fn live_settings(
    db: &Db,
    (kinds, area_code): (&[MailboxKind], Option<&str>),
    (visible, applies): (&ScopeFilter, &ScopeFilter),
    reading: Reading,
) -> sqlx::Result<Vec<MailboxLiveRow>> {
    let columns = reading.columns(
        "e.id AS entry_id, m.kind AS mailbox_kind, a.id AS agency_id, a.region_id, v.version,
         v.email_mode",
        "m.address AS mailbox_address, m.name AS mailbox_name, o.name AS office_name,
         a.code AS agency_code, a.name AS agency_name, r.code AS region_code,
         r.name AS region_name",
    );
    on_db!(db, pool => {
        let mut qb = QueryBuilder::new(format!(
            "SELECT {columns}
             FROM mailbox_setting_entries e
             JOIN mailbox_setting_versions v ON v.entry_id = e.id AND v.valid_until IS NULL
             JOIN mailboxes m ON m.id = e.mailbox_id
             JOIN areas ar ON ar.id = m.area_id
             JOIN offices o ON o.id = m.office_id
             JOIN agencies a ON a.id = o.agency_id
             JOIN regions r ON r.id = a.region_id
             WHERE "));
        if kinds.is_empty() {
            qb.push("FALSE");
        } else {
            qb.push("m.kind IN (");
            let mut listed = qb.separated(", ");
            for kind in kinds {
                listed.push_bind(kind.code());
            }
            listed.push_unseparated(")");
        }
        if let Some(code) = area_code {
            qb.push(" AND ar.code = ").push_bind(code.to_string());
        }
        push_scope(&mut qb, visible, "a.region_id", "a.id");
        push_scope(&mut qb, applies, "a.region_id", "a.id");
        qb.push(reading.order(" ORDER BY r.name, a.name, o.kind <> 'hauptagentur', o.name, m.name"));
        qb.build_query_as::<MailboxLiveRow>().fetch_all(pool).await
    })
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ProposedSettingRow {
    pub entry_id: i64,
    pub order_number: String,
    pub email_mode: EmailMode,
}

/// Setting items of submitted or approved orders, within the user's scope.
pub async fn open_setting_proposals(
    db: &Db,
    visible: &ScopeFilter,
) -> sqlx::Result<Vec<ProposedSettingRow>> {
    on_db!(db, pool => {
        let mut qb = QueryBuilder::new(format!(
            "SELECT i.entry_id, ord.number AS order_number, i.email_mode
             FROM orders ord JOIN order_mailbox_items i ON i.order_id = ord.id
             WHERE ord.state IN {}",
            super::codes::sql_list(&[OrderState::Submitted, OrderState::Approved])
        ));
        push_scope(&mut qb, visible, "ord.region_id", "ord.agency_id");
        qb.build_query_as::<ProposedSettingRow>().fetch_all(pool).await
    })
}
