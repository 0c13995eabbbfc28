//! Change orders: drafts and items, the life cycle with four eyes, and implementation
//! that turns every item into a new live version — all items or none.

use super::access::{current_actor, require};
use super::{db_err, internal, request, state};
use crate::db::audit::AuditEntry;
use crate::db::orders as q;
use crate::db::routing::{join_addresses, split_addresses};
use crate::db::{BeginWrite, Db};
use crate::domain::calendar::{format_date, parse_date, today_berlin};
use crate::domain::fields::{
    parse_addresses, parse_effective_date, FieldError, Justification, NotificationAddress,
};
use crate::domain::order::{self, Action, OrderState, Refusal};
use crate::domain::org::OrgLocation;
use crate::domain::policy::{self, Actor};
use crate::domain::routing::{diff, RoutingValues};
use crate::error::AppError;
use crate::{insert_audit, on_db};
use std::sync::OnceLock;
use time::OffsetDateTime;

/// Domains notification addresses may use: KT_MAIL_DOMAINS (comma-separated), default
/// arbeitsagentur.de.
pub fn allowed_mail_domains() -> Vec<&'static str> {
    static DOMAINS: OnceLock<Vec<String>> = OnceLock::new();
    DOMAINS
        .get_or_init(|| {
            std::env::var("KT_MAIL_DOMAINS")
                .ok()
                .map(|v| {
                    v.split(',')
                        .map(|d| d.trim().to_lowercase())
                        .filter(|d| !d.is_empty())
                        .collect::<Vec<_>>()
                })
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| {
                    crate::domain::fields::DEFAULT_MAIL_DOMAINS
                        .iter()
                        .map(|d| d.to_string())
                        .collect()
                })
        })
        .iter()
        .map(String::as_str)
        .collect()
}

fn stale_order() -> AppError {
    AppError::Conflict(
        "Der Auftrag wurde inzwischen geändert. Bitte laden Sie die Seite neu; Ihre Änderung wurde nicht gespeichert.".into(),
    )
}

fn audit_entry(actor: &Actor, action: &str, object: &str, detail: String) -> AuditEntry {
    AuditEntry {
        actor_id: Some(actor.user_id),
        actor_name: actor.username.clone(),
        client: request::client(),
        request_id: request::request_id(),
        action: action.into(),
        object: object.into(),
        outcome: "erfolg".into(),
        detail,
    }
}

fn location(order: &q::OrderRow) -> OrgLocation {
    OrgLocation::Agency {
        region_id: order.region_id,
        agency_id: order.agency_id,
    }
}

fn order_state(order: &q::OrderRow) -> Result<OrderState, AppError> {
    OrderState::from_code(&order.state)
        .ok_or_else(|| internal(format!("unknown order state {}", order.state)))
}

/// Loads an order the actor may see.
pub async fn visible_order(actor: &Actor, number: &str) -> Result<q::OrderRow, AppError> {
    let db = state()?.db;
    let order = q::by_number(&db, number)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    require(
        actor,
        policy::Action::ViewOrganisation,
        location(&order),
        &format!("auftrag:{number}"),
    )
    .await?;
    Ok(order)
}

/// An order whose items the actor may change now (own agency, Entwurf or Zur Überarbeitung).
async fn editable_order(
    actor: &Actor,
    number: &str,
) -> Result<(q::OrderRow, OrderState), AppError> {
    let order = visible_order(actor, number).await?;
    let st = order_state(&order)?;
    require(
        actor,
        policy::Action::FileOrder,
        location(&order),
        &format!("auftrag:{number}"),
    )
    .await?;
    if !order::may_edit_items(actor, location(&order), st) {
        return Err(AppError::Conflict(format!(
            "Positionen können nur im Entwurf oder zur Überarbeitung geändert werden (Status: {}).",
            st.label()
        )));
    }
    Ok((order, st))
}

fn header_errors(
    justification: &str,
    effective_date: &str,
) -> (Vec<FieldError>, Option<(Justification, time::Date)>) {
    let mut errors = Vec::new();
    let j = Justification::parse(justification)
        .map_err(|m| errors.push(FieldError::new("begruendung", m)))
        .ok();
    let today = today_berlin(OffsetDateTime::now_utc());
    let d = match parse_date(effective_date) {
        None => {
            errors.push(FieldError::new(
                "wirksam_ab",
                "Bitte geben Sie das Wirksamkeitsdatum im Format TT.MM.JJJJ an.",
            ));
            None
        }
        Some(date) => parse_effective_date(date, today)
            .map_err(|m| errors.push(FieldError::new("wirksam_ab", m)))
            .ok(),
    };
    match (j, d) {
        (Some(j), Some(d)) if errors.is_empty() => (errors, Some((j, d))),
        _ => (errors, None),
    }
}

/// Files a new draft for an agency. Returns the order number (ÄA-JJJJ-NNNNNN).
pub async fn create_draft(
    agency_code: &str,
    justification: &str,
    effective_date: &str,
) -> Result<String, AppError> {
    let (_, actor) = current_actor().await?;
    let db = state()?.db;
    let agency = crate::db::org::agency_by_code(&db, agency_code)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    let loc = OrgLocation::Agency {
        region_id: agency.region_id,
        agency_id: agency.id,
    };
    require(
        &actor,
        policy::Action::FileOrder,
        loc,
        &format!("agentur:{}", agency.code),
    )
    .await?;
    let (errors, parsed) = header_errors(justification, effective_date);
    let Some((justification, effective)) = parsed else {
        return Err(AppError::Validation(errors));
    };
    let now = OffsetDateTime::now_utc();
    let year = today_berlin(now).year();
    on_db!(&db, pool => {
        let mut tx = pool.begin_write().await.map_err(db_err)?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO orders (agency_id, author_id, state, justification, effective_date, revision, created_at, updated_at)
             VALUES ($1, $2, 'entwurf', $3, $4, 1, $5, $5) RETURNING id")
            .bind(agency.id).bind(actor.user_id).bind(justification.as_str()).bind(effective).bind(now)
            .fetch_one(&mut *tx).await.map_err(db_err)?;
        // The database's id makes the number unique across server instances.
        let number = format!("ÄA-{year}-{id:06}");
        sqlx::query("UPDATE orders SET number = $1 WHERE id = $2")
            .bind(&number).bind(id).execute(&mut *tx).await.map_err(db_err)?;
        let entry = audit_entry(&actor, "auftrag-angelegt", &format!("auftrag:{number}"),
            format!("Agentur {}, wirksam ab {}", agency.name, format_date(effective)));
        insert_audit!(&mut *tx, &entry).map_err(db_err)?;
        tx.commit().await.map_err(db_err)?;
        Ok(number)
    })
}

/// One proposed change as the form sends it.
#[derive(Clone, Debug)]
pub struct ItemInput {
    pub office_code: String,
    pub concern_code: String,
    pub mailbox_id: i64,
    pub area_id: i64,
    /// One address per line (or separated by commas/semicolons).
    pub addresses: String,
}

fn address_lines(raw: &str) -> Vec<&str> {
    raw.split(['\n', ',', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Checks an item against the live configuration; returns (entry, base version, values).
async fn validate_item(
    db: &Db,
    order: &q::OrderRow,
    input: &ItemInput,
) -> Result<(i64, i64, Vec<NotificationAddress>), AppError> {
    let mut errors = Vec::new();
    let target = q::target(db, input.office_code.trim(), input.concern_code.trim())
        .await
        .map_err(db_err)?;
    let domains = allowed_mail_domains();
    let addresses = parse_addresses(&address_lines(&input.addresses), &domains)
        .map_err(|m| errors.push(FieldError::new("adressen", m)))
        .ok();
    let Some(target) = target else {
        errors.insert(
            0,
            FieldError::new(
                "dienststelle",
                "Diese Dienststelle oder dieses Anliegen gibt es nicht.",
            ),
        );
        return Err(AppError::Validation(errors));
    };
    if target.office_agency_id != order.agency_id {
        errors.push(FieldError::new(
            "dienststelle",
            "Die Dienststelle gehört nicht zur Agentur dieses Auftrags.",
        ));
    }
    if !target.concern_active {
        errors.push(FieldError::new(
            "anliegen",
            "Dieses Anliegen ist nicht mehr aktiv.",
        ));
    }
    match q::mailbox(db, input.mailbox_id).await.map_err(db_err)? {
        None => errors.push(FieldError::new(
            "postfach",
            "Dieses Zielpostfach gibt es nicht.",
        )),
        Some((agency_id, _)) if agency_id != order.agency_id => errors.push(FieldError::new(
            "postfach",
            "Das Zielpostfach gehört nicht zur Dienststelle oder ihrer Agentur.",
        )),
        Some((_, area_id)) if area_id != input.area_id => errors.push(FieldError::new(
            "bereich",
            "Das Zielpostfach gehört nicht zum gewählten Bereich.",
        )),
        Some(_) => {}
    }
    if let (true, Some(addresses)) = (errors.is_empty(), &addresses) {
        let live = RoutingValues {
            mailbox_id: target.live_mailbox_id,
            area_id: target.live_area_id,
            notification_addresses: split_addresses(&target.live_addresses)
                .iter()
                .map(|a| NotificationAddress::from_stored(a))
                .collect(),
        };
        let proposed = RoutingValues {
            mailbox_id: input.mailbox_id,
            area_id: input.area_id,
            notification_addresses: addresses.clone(),
        };
        if diff(&live, &proposed).is_empty() {
            errors.push(FieldError::new(
                "postfach",
                "Die Position ändert nichts an der gültigen Konfiguration.",
            ));
        }
    }
    match addresses {
        Some(a) if errors.is_empty() => Ok((target.entry_id, target.live_version, a)),
        _ => Err(AppError::Validation(errors)),
    }
}

/// Adds an item, or replaces the item for the same Dienststelle × Anliegen.
pub async fn save_item(number: &str, revision: i64, input: ItemInput) -> Result<(), AppError> {
    let (_, actor) = current_actor().await?;
    let db = state()?.db;
    let (order, st) = editable_order(&actor, number).await?;
    let (entry_id, base_version, addresses) = validate_item(&db, &order, &input).await?;
    let now = OffsetDateTime::now_utc();
    on_db!(&db, pool => {
        let mut tx = pool.begin_write().await.map_err(db_err)?;
        let bumped = sqlx::query("UPDATE orders SET revision = revision + 1, updated_at = $1 WHERE id = $2 AND revision = $3 AND state = $4")
            .bind(now).bind(order.id).bind(revision).bind(st.code())
            .execute(&mut *tx).await.map_err(db_err)?;
        if bumped.rows_affected() != 1 {
            return Err(stale_order());
        }
        sqlx::query(
            "INSERT INTO order_items (order_id, entry_id, base_version, mailbox_id, area_id, addresses)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (order_id, entry_id) DO UPDATE SET base_version = excluded.base_version,
                 mailbox_id = excluded.mailbox_id, area_id = excluded.area_id, addresses = excluded.addresses")
            .bind(order.id).bind(entry_id).bind(base_version).bind(input.mailbox_id).bind(input.area_id)
            .bind(join_addresses(&addresses.iter().map(|a| a.as_str()).collect::<Vec<_>>()))
            .execute(&mut *tx).await.map_err(db_err)?;
        let entry = audit_entry(&actor, "position-gespeichert", &format!("auftrag:{number}"),
            format!("{} × {}: Postfach {}, Bereich {}, Adressen {}", input.office_code, input.concern_code,
                input.mailbox_id, input.area_id, addresses.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(", ")));
        insert_audit!(&mut *tx, &entry).map_err(db_err)?;
        tx.commit().await.map_err(db_err)
    })
}

pub async fn remove_item(number: &str, revision: i64, item_id: i64) -> Result<(), AppError> {
    let (_, actor) = current_actor().await?;
    let db = state()?.db;
    let (order, st) = editable_order(&actor, number).await?;
    on_db!(&db, pool => {
        let mut tx = pool.begin_write().await.map_err(db_err)?;
        let bumped = sqlx::query("UPDATE orders SET revision = revision + 1, updated_at = $1 WHERE id = $2 AND revision = $3 AND state = $4")
            .bind(OffsetDateTime::now_utc()).bind(order.id).bind(revision).bind(st.code())
            .execute(&mut *tx).await.map_err(db_err)?;
        if bumped.rows_affected() != 1 {
            return Err(stale_order());
        }
        let removed = sqlx::query("DELETE FROM order_items WHERE id = $1 AND order_id = $2")
            .bind(item_id).bind(order.id).execute(&mut *tx).await.map_err(db_err)?;
        if removed.rows_affected() != 1 {
            return Err(AppError::NotFound);
        }
        let entry = audit_entry(&actor, "position-entfernt", &format!("auftrag:{number}"), format!("Position {item_id}"));
        insert_audit!(&mut *tx, &entry).map_err(db_err)?;
        tx.commit().await.map_err(db_err)
    })
}

#[derive(sqlx::FromRow)]
struct Locked {
    id: i64,
    state: String,
    revision: i64,
    author_id: i64,
    justification: String,
    decided_by: Option<i64>,
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
    let (_, actor) = current_actor().await?;
    let db = state()?.db;
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
    if action.needs_reason() {
        Justification::parse(reason).map_err(|m| {
            AppError::Validation(vec![FieldError::new(
                "grund",
                m.replace("Begründung", "Begründung der Entscheidung"),
            )])
        })?;
    }
    let lock = if matches!(db, Db::Postgres(_)) {
        " FOR UPDATE"
    } else {
        ""
    };
    let select = format!("SELECT id, state, revision, author_id, justification, decided_by FROM orders WHERE id = $1{lock}");
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
        }
        let mut new_versions = Vec::new();
        if action == Action::Implement {
            // Every item's base must still be live, or nothing happens.
            let items: Vec<(i64, i64, i64, i64, String, String, String)> = sqlx::query_as(
                "SELECT i.entry_id, i.base_version, i.mailbox_id, i.area_id, i.addresses, of.name, c.name
                 FROM order_items i JOIN routing_entries e ON e.id = i.entry_id
                 JOIN offices of ON of.id = e.office_id JOIN concerns c ON c.id = e.concern_id
                 WHERE i.order_id = $1 ORDER BY i.entry_id")
                .bind(current.id).fetch_all(&mut *tx).await.map_err(db_err)?;
            let mut stale = Vec::new();
            for (entry_id, base, mailbox_id, area_id, addresses, office, concern) in &items {
                let closed = sqlx::query(
                    "UPDATE routing_versions SET valid_until = $1 WHERE entry_id = $2 AND version = $3 AND valid_until IS NULL")
                    .bind(now).bind(entry_id).bind(base).execute(&mut *tx).await.map_err(db_err)?;
                if closed.rows_affected() != 1 {
                    stale.push(format!("{office} × {concern}"));
                    continue;
                }
                sqlx::query(
                    "INSERT INTO routing_versions (entry_id, version, mailbox_id, area_id, addresses, valid_from, valid_until, order_id, author_id, note)
                     VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8, $9)")
                    .bind(entry_id).bind(base + 1).bind(mailbox_id).bind(area_id).bind(addresses).bind(now)
                    .bind(current.id).bind(current.author_id).bind(&current.justification)
                    .execute(&mut *tx).await.map_err(db_err)?;
                new_versions.push(format!("eintrag:{entry_id} v{}", base + 1));
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
        let entry = audit_entry(&actor, &format!("auftrag-{}", action_code(action)), &format!("auftrag:{number}"), detail);
        insert_audit!(&mut *tx, &entry).map_err(db_err)?;
        tx.commit().await.map_err(db_err)?;
        Ok(to)
    })
}

pub fn action_code(action: Action) -> &'static str {
    match action {
        Action::Submit => "einreichen",
        Action::Approve => "genehmigen",
        Action::Reject => "ablehnen",
        Action::SendBack => "zurueckgeben",
        Action::Implement => "umsetzen",
        Action::Withdraw => "zurueckziehen",
    }
}

pub fn action_from_code(code: &str) -> Option<Action> {
    Action::ALL.into_iter().find(|a| action_code(*a) == code)
}

/// Moves stale items onto the live version (the proposal stays as it is); items that
/// would no longer change anything are dropped.
pub async fn refresh_stale(number: &str, revision: i64) -> Result<usize, AppError> {
    let (_, actor) = current_actor().await?;
    let db = state()?.db;
    let order = visible_order(&actor, number).await?;
    let st = order_state(&order)?;
    require(
        &actor,
        policy::Action::FileOrder,
        location(&order),
        &format!("auftrag:{number}"),
    )
    .await?;
    if !st.items_editable() {
        return Err(AppError::Conflict(
            "Nur Entwürfe und zurückgegebene Aufträge können aktualisiert werden.".into(),
        ));
    }
    let items = q::items(&db, order.id).await.map_err(db_err)?;
    let stale: Vec<&q::ItemRow> = items
        .iter()
        .filter(|i| i.base_version != i.live_version)
        .collect();
    on_db!(&db, pool => {
        let mut tx = pool.begin_write().await.map_err(db_err)?;
        let bumped = sqlx::query("UPDATE orders SET revision = revision + 1 WHERE id = $1 AND revision = $2")
            .bind(order.id).bind(revision).execute(&mut *tx).await.map_err(db_err)?;
        if bumped.rows_affected() != 1 {
            return Err(stale_order());
        }
        for i in &stale {
            let unchanged = i.mailbox_id == i.live_mailbox_id && i.area_id == i.live_area_id
                && split_addresses(&i.addresses) == split_addresses(&i.live_addresses);
            let sql = if unchanged { "DELETE FROM order_items WHERE id = $2 AND $1 = $1" } else { "UPDATE order_items SET base_version = $1 WHERE id = $2" };
            sqlx::query(sql).bind(i.live_version).bind(i.id).execute(&mut *tx).await.map_err(db_err)?;
        }
        let entry = audit_entry(&actor, "auftrag-aktualisiert", &format!("auftrag:{number}"), format!("{} Positionen auf den gültigen Stand gebracht", stale.len()));
        insert_audit!(&mut *tx, &entry).map_err(db_err)?;
        tx.commit().await.map_err(db_err)?;
        Ok(stale.len())
    })
}

fn item_changes(i: &q::ItemRow) -> Vec<crate::routing::FieldChange> {
    use crate::routing::FieldChange;
    let mut out = Vec::new();
    if i.mailbox_id != i.live_mailbox_id {
        out.push(FieldChange {
            field: "Zielpostfach".into(),
            before: format!("{} <{}>", i.live_mailbox_name, i.live_mailbox_address),
            after: format!("{} <{}>", i.mailbox_name, i.mailbox_address),
        });
    }
    if i.area_id != i.live_area_id {
        out.push(FieldChange {
            field: "Bereich".into(),
            before: i.live_area_name.clone(),
            after: i.area_name.clone(),
        });
    }
    let (before, after) = (
        split_addresses(&i.live_addresses),
        split_addresses(&i.addresses),
    );
    let mut sorted_before = before.clone();
    let mut sorted_after = after.clone();
    sorted_before.sort();
    sorted_after.sort();
    if sorted_before != sorted_after {
        out.push(FieldChange {
            field: "Benachrichtigungsadressen".into(),
            before: before.join(", "),
            after: after.join(", "),
        });
    }
    out
}

/// An order with its items, each diffed against the live configuration, and what the
/// current user may do with it.
pub async fn detail(number: &str) -> Result<crate::orders::OrderDetail, AppError> {
    let (_, actor) = current_actor().await?;
    let db = state()?.db;
    let order = visible_order(&actor, number).await?;
    let st = order_state(&order)?;
    let items = q::items(&db, order.id).await.map_err(db_err)?;
    let overlapping = q::overlapping(&db, order.id)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|(n, s)| {
            (
                n,
                OrderState::from_code(&s)
                    .map(|s| s.label().to_string())
                    .unwrap_or(s),
            )
        })
        .collect();
    let allowed_actions = Action::ALL
        .into_iter()
        .filter(|a| order::authorise(&actor, order.author_id, location(&order), st, *a).is_ok())
        .map(|a| action_code(a).to_string())
        .collect();
    Ok(crate::orders::OrderDetail {
        number: order.number.clone(),
        agency: order.agency_name.clone(),
        author: order.author_name.clone(),
        state_code: st.code().into(),
        state_label: st.label().into(),
        justification: order.justification.clone(),
        effective_date: format_date(order.effective_date),
        revision: order.revision,
        decided_by: order.decided_by_name.clone(),
        decision_reason: order.decision_reason.clone(),
        editable: order::may_edit_items(&actor, location(&order), st),
        allowed_actions,
        overlapping,
        items: items
            .iter()
            .map(|i| crate::orders::ItemView {
                id: i.id,
                entry_id: i.entry_id,
                office: i.office_name.clone(),
                concern: i.concern_name.clone(),
                base_version: i.base_version,
                live_version: i.live_version,
                stale: i.base_version != i.live_version,
                changes: item_changes(i),
            })
            .collect(),
    })
}

pub const PAGE_SIZE: i64 = 50;

pub async fn list(
    state_code: Option<&str>,
    page: i64,
) -> Result<crate::orders::OrderList, AppError> {
    let (_, actor) = current_actor().await?;
    let db = state()?.db;
    let state_code = state_code.map(str::trim).filter(|s| !s.is_empty());
    if let Some(s) = state_code {
        OrderState::from_code(s).ok_or(AppError::BadRequest)?;
    }
    let page = page.clamp(1, 10_000);
    let scope = policy::ScopeFilter::for_action(&actor, policy::Action::ViewOrganisation);
    let mut rows = q::list(
        &db,
        &scope,
        state_code,
        PAGE_SIZE + 1,
        (page - 1) * PAGE_SIZE,
    )
    .await
    .map_err(db_err)?;
    let has_more = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let now = OffsetDateTime::now_utc();
    let filing = policy::ScopeFilter::for_action(&actor, policy::Action::FileOrder);
    let mut can_file_for = Vec::new();
    for (_, agency_id) in &filing.agencies {
        if let Some((code, name)) = crate::db::org::agency_code_name(&db, *agency_id)
            .await
            .map_err(db_err)?
        {
            can_file_for.push((code, name));
        }
    }
    Ok(crate::orders::OrderList {
        rows: rows
            .into_iter()
            .map(|r| crate::orders::OrderListRow {
                state_label: OrderState::from_code(&r.state)
                    .map(|s| s.label().to_string())
                    .unwrap_or(r.state.clone()),
                number: r.number,
                agency: r.agency_name,
                author: r.author_name,
                effective_date: format_date(r.effective_date),
                submitted: r.submitted_at.map(crate::domain::calendar::format_berlin),
                days_waiting: (r.state == "eingereicht")
                    .then(|| r.submitted_at.map(|t| (now - t).whole_days()))
                    .flatten(),
                items: r.item_count,
            })
            .collect(),
        can_file_for,
        page,
        has_more,
    })
}

pub async fn item_choices(number: &str) -> Result<crate::orders::ItemChoices, AppError> {
    let (_, actor) = current_actor().await?;
    let db = state()?.db;
    let (order, _) = editable_order(&actor, number).await?;
    Ok(crate::orders::ItemChoices {
        offices: q::agency_offices(&db, order.agency_id)
            .await
            .map_err(db_err)?,
        concerns: q::active_concerns(&db).await.map_err(db_err)?,
        mailboxes: q::agency_mailboxes(&db, order.agency_id)
            .await
            .map_err(db_err)?
            .into_iter()
            .map(
                |(id, name, address, area_id, area)| crate::orders::MailboxChoice {
                    id,
                    label: format!("{name} ({area}) – {address}"),
                    area_id,
                },
            )
            .collect(),
        areas: q::areas(&db).await.map_err(db_err)?,
    })
}
