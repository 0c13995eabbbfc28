//! The life cycle: submit, withdraw, decide (four eyes, exactly one of two concurrent
//! decisions counts) and implement (every item becomes a new live version, or none does).

use super::{audit_entry, location, stale_order, visible_order};
use crate::db::routing::split_addresses;
use crate::db::{BeginWrite, Db};
use crate::domain::calendar::today_berlin;
use crate::domain::fields::parse_effective_date;
use crate::domain::notify;
use crate::domain::order::{self, Action, OrderState, Refusal};
use crate::domain::order_form::check_decision_reason;
use crate::domain::policy;
use crate::error::AppError;
use crate::services::access::{current_actor, require};
use crate::services::{db_err, internal, state};
use crate::{insert_audit, insert_notifications, on_db};
use time::OffsetDateTime;

#[derive(sqlx::FromRow)]
struct Locked {
    id: i64,
    state: String,
    revision: i64,
    author_id: i64,
    justification: String,
    decided_by: Option<i64>,
    effective_date: time::Date,
}

fn refusal(r: Refusal) -> AppError {
    match r {
        Refusal::Transition(t) => AppError::Conflict(t.to_string()),
        other => AppError::Refused(other.to_string()),
    }
}

/// Performs `action` on the order the user saw at `revision`. Exactly one of two people
/// deciding at the same moment wins; the other is told who decided.
pub async fn transition(
    number: &str,
    revision: i64,
    action: Action,
    reason: &str,
) -> Result<OrderState, AppError> {
    let (user, actor) = current_actor().await?;
    let app_state = state()?;
    let (db, mail) = (app_state.db, app_state.mail);
    let order = visible_order(&actor, number).await?;
    let loc = location(&order);
    if !policy::decide(&actor, order::required_permission(action), loc).is_allowed() {
        require(
            &actor,
            order::required_permission(action),
            loc,
            &format!("auftrag:{number}"),
        )
        .await?;
    }
    let reason = reason.trim();
    check_decision_reason(action, reason).map_err(|e| AppError::Validation(vec![e]))?;
    let lock = if matches!(db, Db::Postgres(_)) {
        " FOR UPDATE"
    } else {
        ""
    };
    let select = format!("SELECT id, state, revision, author_id, justification, decided_by, effective_date FROM orders WHERE id = $1{lock}");
    let now = OffsetDateTime::now_utc();
    on_db!(&db, pool => {
        let mut tx = pool.begin_write().await.map_err(db_err)?;
        let current: Locked = sqlx::query_as(&select).bind(order.id).fetch_one(&mut *tx).await.map_err(db_err)?;
        let from = OrderState::from_code(&current.state).ok_or_else(|| internal("unknown state"))?;
        let decided_already = action.performer() == order::Performer::Reviewer
            && matches!(from, OrderState::Approved | OrderState::Rejected | OrderState::ReturnedForRevision | OrderState::Implemented);
        if decided_already {
            let who: Option<String> = match current.decided_by {
                Some(id) => sqlx::query_scalar("SELECT display_name FROM users WHERE id = $1").bind(id).fetch_optional(&mut *tx).await.map_err(db_err)?,
                None => None,
            };
            return Err(AppError::Conflict(format!(
                "Dieser Auftrag wurde bereits von {} entschieden (Status: {}).",
                who.unwrap_or_else(|| "einer anderen Person".into()), from.label()
            )));
        }
        let to = order::authorise(&actor, current.author_id, loc, from, action).map_err(refusal)?;
        if current.revision != revision {
            return Err(stale_order());
        }
        if action == Action::Submit {
            let items: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM order_items WHERE order_id = $1")
                .bind(current.id).fetch_one(&mut *tx).await.map_err(db_err)?;
            if items == 0 {
                return Err(AppError::Conflict("Ein Auftrag ohne Positionen kann nicht eingereicht werden.".into()));
            }
            // The date was checked when saved; a draft may sit until it has passed.
            parse_effective_date(current.effective_date, today_berlin(now)).map_err(|m| {
                AppError::Conflict(format!("{m} Bitte ändern Sie es in den Angaben des Auftrags und reichen Sie dann ein."))
            })?;
        }
        let mut new_versions = Vec::new();
        if action == Action::Implement {
            // Every item's base must still be live, or nothing happens.
            let items: Vec<ImplementedItem> = sqlx::query_as(IMPLEMENT_ITEMS_SQL)
                .bind(current.id).fetch_all(&mut *tx).await.map_err(db_err)?;
            let mut stale = Vec::new();
            for i in &items {
                let closed = sqlx::query(
                    "UPDATE routing_versions SET valid_until = $1 WHERE entry_id = $2 AND version = $3 AND valid_until IS NULL")
                    .bind(now).bind(i.entry_id).bind(i.base_version).execute(&mut *tx).await.map_err(db_err)?;
                if closed.rows_affected() != 1 {
                    stale.push(format!("{} × {}", i.office, i.concern));
                    continue;
                }
                let version = i.base_version + 1;
                sqlx::query(
                    "INSERT INTO routing_versions (entry_id, version, mailbox_id, area_id, addresses, valid_from, valid_until, order_id, author_id, note)
                     VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8, $9)")
                    .bind(i.entry_id).bind(version).bind(i.mailbox_id).bind(i.area_id).bind(&i.addresses).bind(now)
                    .bind(current.id).bind(current.author_id).bind(&current.justification)
                    .execute(&mut *tx).await.map_err(db_err)?;
                new_versions.push(format!("eintrag:{} v{version}", i.entry_id));
                let entry = audit_entry(&actor, "version-angelegt", &format!("eintrag:{}/{}", i.office_code, i.concern_code),
                    i.before_after(number));
                insert_audit!(&mut *tx, &entry).map_err(db_err)?;
            }
            if !stale.is_empty() {
                return Err(AppError::Conflict(format!(
                    "Der Auftrag kann nicht umgesetzt werden: Die Grundlage folgender Positionen ist nicht mehr gültig: {}. Die antragstellende Agentur muss sie aktualisieren.",
                    stale.join("; ")
                )));
            }
        }
        let set = match action {
            Action::Submit => ", submitted_at = $5",
            Action::Approve | Action::Reject | Action::SendBack => ", decided_by = $6, decided_at = $5, decision_reason = $7",
            Action::Implement => ", implemented_by = $6, implemented_at = $5",
            Action::Withdraw => "",
        };
        let sql = format!("UPDATE orders SET state = $1, revision = revision + 1, updated_at = $5{set}
                           WHERE id = $2 AND state = $3 AND revision = $4");
        let mut update = sqlx::query(&sql).bind(to.code()).bind(current.id).bind(from.code()).bind(revision).bind(now);
        if matches!(action, Action::Approve | Action::Reject | Action::SendBack | Action::Implement) {
            update = update.bind(actor.user_id);
        }
        if matches!(action, Action::Approve | Action::Reject | Action::SendBack) {
            update = update.bind((!reason.is_empty()).then(|| reason.to_string()));
        }
        let updated = update.execute(&mut *tx).await.map_err(db_err)?;
        if updated.rows_affected() != 1 {
            return Err(stale_order());
        }
        let mut detail = format!("{} → {}", from.label(), to.label());
        if !reason.is_empty() {
            detail.push_str(&format!("; Grund: {reason}"));
        }
        if !new_versions.is_empty() {
            detail.push_str(&format!("; neue Versionen: {}", new_versions.join(", ")));
        }
        let entry = audit_entry(&actor, &format!("auftrag-{}", action.code()), &format!("auftrag:{number}"), detail);
        insert_audit!(&mut *tx, &entry).map_err(db_err)?;
        // Told in the same transaction: the event and the notice of it stand or fall together.
        let new_revision = revision + 1;
        let (message, recipients) = if action == Action::Submit {
            let directive = order.directive_number.as_deref().zip(order.directive_deadline);
            let reviewers: Vec<i64> = sqlx::query_scalar(crate::db::notifications::REVIEWERS_SQL)
                .bind(order.region_id).bind(current.author_id).fetch_all(&mut *tx).await.map_err(db_err)?;
            (Some(notify::order_submitted(number, new_revision, &order.agency_name, directive)), reviewers)
        } else {
            let message = notify::outcome_wording(action)
                .map(|outcome| notify::order_decided(number, new_revision, outcome, &user.display_name, reason));
            (message, vec![current.author_id])
        };
        if let Some(message) = message {
            insert_notifications!(tx, recipients, &message, mail, now).map_err(db_err)?;
        }
        tx.commit().await.map_err(db_err)?;
        Ok(to)
    })
}

/// An item as implemented: the new values and those of the version it replaces, by name.
#[derive(sqlx::FromRow)]
struct ImplementedItem {
    entry_id: i64,
    base_version: i64,
    mailbox_id: i64,
    area_id: i64,
    addresses: String,
    office: String,
    concern: String,
    office_code: String,
    concern_code: String,
    mailbox: String,
    area: String,
    base_mailbox: Option<String>,
    base_area: Option<String>,
    base_addresses: Option<String>,
}

const IMPLEMENT_ITEMS_SQL: &str =
    "SELECT i.entry_id, i.base_version, i.mailbox_id, i.area_id, i.addresses,
        of.name AS office, c.name AS concern, of.code AS office_code, c.code AS concern_code,
        nm.address AS mailbox, na.name AS area,
        bm.address AS base_mailbox, ba.name AS base_area, bv.addresses AS base_addresses
     FROM order_items i JOIN routing_entries e ON e.id = i.entry_id
     JOIN offices of ON of.id = e.office_id JOIN concerns c ON c.id = e.concern_id
     JOIN mailboxes nm ON nm.id = i.mailbox_id JOIN areas na ON na.id = i.area_id
     LEFT JOIN routing_versions bv ON bv.entry_id = i.entry_id AND bv.version = i.base_version
     LEFT JOIN mailboxes bm ON bm.id = bv.mailbox_id LEFT JOIN areas ba ON ba.id = bv.area_id
     WHERE i.order_id = $1 ORDER BY i.entry_id";

impl ImplementedItem {
    /// "Version 1 → 2 (ÄA-…): vorher Zielpostfach …, Bereich …, Adressen …; nachher …"
    fn before_after(&self, number: &str) -> String {
        let shown = |mailbox: &str, area: &str, addresses: &str| {
            format!(
                "Zielpostfach {mailbox}, Bereich {area}, Adressen {}",
                split_addresses(addresses).join(", ")
            )
        };
        format!(
            "Version {} → {} ({number}): vorher {}; nachher {}",
            self.base_version,
            self.base_version + 1,
            shown(
                self.base_mailbox.as_deref().unwrap_or("–"),
                self.base_area.as_deref().unwrap_or("–"),
                self.base_addresses.as_deref().unwrap_or(""),
            ),
            shown(&self.mailbox, &self.area, &self.addresses),
        )
    }
}
