//! What compliance with a setting rule (`domain::setting_rule`) is computed from: the live
//! "E-Mail-Kommunikation" of every mailbox of the rule's Bereich, and what submitted or
//! approved orders set. Two queries per directive, whatever the number of mailboxes.

use super::org::push_scope;
use super::Db;
use crate::domain::mailbox_setting::EmailMode;
use crate::domain::order::OrderState;
use crate::domain::org::MailboxKind;
use crate::domain::policy::ScopeFilter;
use crate::on_db;
use sqlx::QueryBuilder;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MailboxLiveRow {
    pub entry_id: i64,
    pub mailbox_address: String,
    pub mailbox_name: String,
    pub mailbox_kind: MailboxKind,
    pub office_name: String,
    pub agency_id: i64,
    pub region_id: i64,
    pub agency_code: String,
    pub agency_name: String,
    pub region_code: String,
    pub region_name: String,
    pub version: i64,
    pub email_mode: EmailMode,
}

/// Every mailbox of the kinds and the Bereich (None: of every Bereich) within both scopes
/// (the user's and the directive's) that has the setting, with its live value, by RD,
/// agency, Dienststelle and name.
pub async fn live_settings(
    db: &Db,
    kinds: &[MailboxKind],
    area_code: Option<&str>,
    visible: &ScopeFilter,
    applies: &ScopeFilter,
) -> sqlx::Result<Vec<MailboxLiveRow>> {
    on_db!(db, pool => {
        let mut qb = QueryBuilder::new(
            "SELECT e.id AS entry_id, m.address AS mailbox_address, m.name AS mailbox_name,
                    m.kind AS mailbox_kind, o.name AS office_name,
                    a.id AS agency_id, a.region_id, a.code AS agency_code, a.name AS agency_name,
                    r.code AS region_code, r.name AS region_name, v.version, v.email_mode
             FROM mailbox_setting_entries e
             JOIN mailbox_setting_versions v ON v.entry_id = e.id AND v.valid_until IS NULL
             JOIN mailboxes m ON m.id = e.mailbox_id
             JOIN areas ar ON ar.id = m.area_id
             JOIN offices o ON o.id = m.office_id
             JOIN agencies a ON a.id = o.agency_id
             JOIN regions r ON r.id = a.region_id
             WHERE ");
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
        qb.push(" ORDER BY r.name, a.name, o.kind <> 'hauptagentur', o.name, m.name");
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
