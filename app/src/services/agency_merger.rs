//! Merging an agency into a successor (Zentrale): the page shows what the merger would do;
//! once the agency has no open order and the successor's Hauptagentur can take over every
//! entry that would be left against the rules, one transaction moves its Dienststellen,
//! ends its eAkte rules, hands its role assignments, directive scopes and uploads on,
//! versions and audits all of it, and files the pre-filled order that moves that routing
//! through the ordinary review and implementation.

use super::db_err;
use super::office_closure::{describe_routing, mailbox_facts};
use super::orders::batch_filing::{self, BatchHeader, Filed};
use crate::db::agency_merger::{self as q, AgencyAdminRow};
use crate::db::mailbox_admin::UseRow;
use crate::db::master_data::{closed_fields, version_fields, VersionNote};
use crate::db::office_closure::{self as offices, OfficeAdminRow};
use crate::db::order_changes::NewItem;
use crate::db::routing::join_addresses;
use crate::db::write::{Reader, WriteTx};
use crate::domain::agency_merger::{
    blocking_message, merger_refusal, moved_target, AgencyFacts, Blockers,
};
use crate::domain::calendar::{format_date, today_berlin};
use crate::domain::fields::FieldError;
use crate::domain::mailbox_use::LiveValues;
use crate::domain::master_data_import::{Level, Object};
use crate::domain::order_form::check_header;
use crate::domain::org::OfficeKind;
use crate::domain::policy::{Action, Actor};
use crate::error::AppError;
use crate::org::model::{AgencyMergerPlan, ClosureMoveView};
use crate::services::context::Ctx;
use std::collections::BTreeMap;
use time::OffsetDateTime;

fn facts(a: &AgencyAdminRow) -> AgencyFacts {
    AgencyFacts {
        id: a.id,
        active: a.active,
        has_headquarters: a.headquarters_id.is_some(),
    }
}

fn successor_field(message: impl Into<String>) -> AppError {
    AppError::Validation(vec![FieldError::new("nachfolger", message)])
}

/// A live entry of a Geschäftsstelle that routes to the closing Hauptagentur.
struct Move {
    row: UseRow,
    /// Its value with the successor's mailbox; `None` before a successor is chosen or
    /// when none fits.
    next: Option<LiveValues>,
}

/// Everything the page shows and the transaction re-checks.
struct Plan {
    agency: AgencyAdminRow,
    successor: Option<AgencyAdminRow>,
    refusal: Option<String>,
    open_orders: Vec<String>,
    offices: Vec<OfficeAdminRow>,
    moves: Vec<Move>,
    stuck: Vec<String>,
}

impl Plan {
    /// How many entries the move order changes.
    fn filed(&self) -> usize {
        self.moves.iter().filter(|m| m.next.is_some()).count()
    }

    fn blockers(&self) -> Blockers {
        Blockers {
            open_orders: self.open_orders.clone(),
            stuck: self.stuck.len(),
        }
    }
}

async fn chosen_successor(
    r: &mut Reader<'_>,
    me: &AgencyFacts,
    code: Option<&str>,
    refusal: &mut Option<String>,
) -> Result<Option<AgencyAdminRow>, AppError> {
    let Some(code) = code.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let found = q::agency(r, code).await.map_err(db_err)?;
    match &found {
        None => {
            *refusal = refusal
                .take()
                .or(Some("Die gewählte Agentur gibt es nicht.".into()))
        }
        Some(s) => {
            if let Some(m) = merger_refusal(me, Some(&facts(s))) {
                *refusal = refusal.take().or(Some(m.into()));
            }
        }
    }
    Ok(found.filter(|_| refusal.is_none()))
}

async fn plan(r: &mut Reader<'_>, code: &str, successor: Option<&str>) -> Result<Plan, AppError> {
    let agency = q::agency(r, code.trim())
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    let me = facts(&agency);
    let mut refusal = merger_refusal(&me, None).map(str::to_string);
    let successor = chosen_successor(r, &me, successor, &mut refusal).await?;
    let open_orders = q::open_orders(r, agency.id).await.map_err(db_err)?;
    let offices = offices::offices_of_agency(r, agency.id)
        .await
        .map_err(db_err)?;
    let closing_hq = match agency.headquarters_id {
        Some(id) => mailbox_facts(&offices::mailboxes(r, id).await.map_err(db_err)?)?,
        None => Vec::new(),
    };
    let successor_hq = match successor.as_ref().and_then(|s| s.headquarters_id) {
        Some(id) => mailbox_facts(&offices::mailboxes(r, id).await.map_err(db_err)?)?,
        None => Vec::new(),
    };
    let rows = if me.active {
        q::stranded_routing(r, agency.id).await.map_err(db_err)?
    } else {
        Vec::new()
    };
    let mut stuck = Vec::new();
    let moves = rows
        .into_iter()
        .map(|row| {
            let next = successor.as_ref().and_then(|_| {
                // A mailbox of an earlier, closed Hauptagentur has no counterpart either.
                let next = closing_hq
                    .iter()
                    .find(|m| m.id == row.mailbox_id)
                    .and_then(|old| moved_target(&row.live(), old, &successor_hq));
                if next.is_none() {
                    stuck.push(format!(
                        "Routing {} · {}: die Hauptagentur der Nachfolgerin hat kein Postfach des Bereichs, das es empfangen kann.",
                        row.office_name, row.concern_name
                    ));
                }
                next
            });
            Move { row, next }
        })
        .collect();
    Ok(Plan {
        agency,
        successor,
        refusal,
        open_orders,
        offices,
        moves,
        stuck,
    })
}

fn move_view(m: &Move, addresses_of: &BTreeMap<i64, String>) -> ClosureMoveView {
    let show = |v: &LiveValues| describe_routing(v, addresses_of);
    ClosureMoveView {
        kind: "Routing".into(),
        entry: format!("{} · {}", m.row.office_name, m.row.concern_name),
        href: format!("/routing/eintrag/{}", m.row.entry_id),
        before: show(&m.row.live()),
        after: m.next.as_ref().map_or_else(|| "–".into(), show),
        open_order: m.row.open_order.clone(),
    }
}

fn kind_label(kind: &str) -> String {
    OfficeKind::from_code(kind).map_or_else(|| kind.to_string(), |k| k.label().to_string())
}

/// The merger page: requires the Zentrale (it alone manages master data).
pub async fn merger_page(
    ctx: &Ctx,
    code: &str,
    successor: Option<&str>,
) -> Result<AgencyMergerPlan, AppError> {
    ctx.catalogue_admin(&format!("agentur:{}/zusammenlegen", code.trim()))
        .await?;
    let db = ctx.db().clone();
    let mut r = Reader::Pool(&db);
    let p = plan(&mut r, code, successor).await?;
    let version = crate::db::master_data::live_version(&db, Level::Agency.code(), p.agency.id)
        .await
        .map_err(db_err)?;
    let successors = q::open_agencies(&mut r, p.agency.id)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|a| (a.code, format!("{} ({})", a.name, a.region_name)))
        .collect();
    let eakte_rules = q::live_eakte_rules(&mut r, p.agency.id)
        .await
        .map_err(db_err)?;
    let users = q::scoped_accounts(&mut r, p.agency.id)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|(_, username, name)| format!("{name} ({username})"))
        .collect();
    let today = today_berlin(OffsetDateTime::now_utc());
    let directives = q::scoped_directives(&mut r, p.agency.id, today)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|(_, label)| label)
        .collect();
    let ids = p.moves.iter().flat_map(|m| {
        [
            Some(m.row.mailbox_id),
            m.next.as_ref().map(|n| n.mailbox_id),
        ]
    });
    let addresses_of = offices::addresses(&db, ids).await.map_err(db_err)?;
    let may_merge = p.successor.is_some()
        && p.refusal.is_none()
        && blocking_message("", &p.blockers()).is_none();
    Ok(AgencyMergerPlan {
        version,
        successors,
        successor: p
            .successor
            .as_ref()
            .map(|s| (s.code.clone(), s.name.clone())),
        open_orders: p.open_orders.clone(),
        offices: p
            .offices
            .iter()
            .filter(|o| o.active)
            .map(|o| {
                (
                    o.name.clone(),
                    kind_label(&o.kind),
                    OfficeKind::Branch.label().to_string(),
                )
            })
            .collect(),
        moves: p
            .moves
            .iter()
            .map(|m| move_view(m, &addresses_of))
            .collect(),
        stuck: p.stuck.clone(),
        eakte_rules,
        users,
        directives,
        may_merge,
        refusal: p.refusal,
        today: format_date(today_berlin(OffsetDateTime::now_utc())),
        code: p.agency.code,
        name: p.agency.name,
        region_code: p.agency.region_code,
        region_name: p.agency.region_name,
    })
}

/// The merger's form: the version the page was made from, the successor, and the header
/// of the order that moves the routing (needed only when there is some to move).
pub struct MergeInput<'a> {
    pub code: &'a str,
    pub version: &'a str,
    pub successor: &'a str,
    pub justification: &'a str,
    pub effective_date: &'a str,
}

/// Merges the agency into its successor in one transaction; answers the number of the
/// Sammelauftrag that moves the routing, when there was any to move.
pub async fn merge(ctx: &Ctx, input: MergeInput<'_>) -> Result<Option<String>, AppError> {
    let object = format!("agentur:{}", input.code.trim());
    let actor = ctx.catalogue_admin(&object).await?;
    ctx.require(
        &actor,
        Action::FileCentralOrder,
        crate::domain::org::OrgLocation::Central,
        &object,
    )
    .await?;
    let seen = super::form_version(input.version)?;
    if input.successor.trim().is_empty() {
        return Err(successor_field(
            "Bitte wählen Sie die Agentur, die übernimmt.",
        ));
    }
    let now = OffsetDateTime::now_utc();
    let mut tx = ctx.db().begin_write().await.map_err(db_err)?;
    let p = plan(&mut Reader::Tx(&mut tx), input.code, Some(input.successor)).await?;
    if let Some(refusal) = p.refusal.clone() {
        return Err(AppError::Conflict(refusal));
    }
    let live = tx
        .master_data_live_version(Level::Agency.code(), p.agency.id)
        .await
        .map_err(db_err)?;
    if live != seen {
        return Err(AppError::Conflict(
            "Die Agentur wurde inzwischen geändert. Bitte laden Sie die Seite neu.".into(),
        ));
    }
    if let Some(refusal) = blocking_message(&p.agency.name, &p.blockers()) {
        return Err(AppError::Conflict(refusal));
    }
    let header = if p.moves.is_empty() {
        None
    } else {
        Some(
            check_header(input.justification, input.effective_date, today_berlin(now))
                .map_err(AppError::Validation)?,
        )
    };
    let successor = p.successor.clone().ok_or(AppError::BadRequest)?;
    let today = today_berlin(now);
    let users = q::scoped_accounts(&mut Reader::Tx(&mut tx), p.agency.id)
        .await
        .map_err(db_err)?;
    let directives = q::scoped_directives(&mut Reader::Tx(&mut tx), p.agency.id, today)
        .await
        .map_err(db_err)?;
    version_organisation(&mut tx, &p, &successor, &actor, now).await?;
    let handed = tx
        .merge_agency(p.agency.id, successor.id, now, today)
        .await
        .map_err(db_err)?;
    // Each account and directive keeps the change in its own history, too.
    let why = format!(
        "Agentur „{}“ mit „{}“ zusammengelegt",
        p.agency.name, successor.name
    );
    for (_, username, _) in &users {
        let entry = ctx.audit_entry(
            &actor,
            "rolle-uebertragen",
            &format!("benutzer:{username}"),
            format!(
                "{why}: die Rolle für „{}“ gilt nun für „{}“",
                p.agency.name, successor.name
            ),
        );
        tx.audit(&entry).await.map_err(db_err)?;
    }
    for (number, _) in &directives {
        let entry = ctx.audit_entry(
            &actor,
            "geltungsbereich-uebertragen",
            &format!("weisung:{number}"),
            format!("{why}: der Geltungsbereich nennt nun „{}“", successor.name),
        );
        tx.audit(&entry).await.map_err(db_err)?;
    }
    let batch = match &header {
        Some(h) => Some(
            file_moves(
                ctx,
                &mut tx,
                &actor,
                &p,
                &successor,
                (h.justification.as_str(), h.effective_date),
                now,
            )
            .await?,
        ),
        None => None,
    };
    let entry = ctx.audit_entry(
        &actor,
        "agentur-zusammengelegt",
        &object,
        format!(
            "Nachfolgerin „{}“: {} Dienststellen übergegangen, {} eAkte-Regeln beendet, {} Rollen und {} Weisungs-Geltungsbereiche übertragen{}",
            successor.name,
            handed.offices,
            handed.eakte_rules,
            handed.role_assignments,
            handed.directive_scopes,
            batch
                .as_ref()
                .map(|b| format!("; Sammelauftrag {b} stellt {} Routing-Einträge um", p.filed()))
                .unwrap_or_default()
        ),
    );
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    ctx.state.cache.forget_organisation();
    for (user, _, _) in users {
        ctx.forget_user(user);
    }
    Ok(batch)
}

/// The versions the merger writes: the agency closed with its successor, each of its
/// Dienststellen in the successor (the Hauptagentur as a Geschäftsstelle).
async fn version_organisation(
    tx: &mut WriteTx,
    p: &Plan,
    successor: &AgencyAdminRow,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let agency = Object::Agency {
        code: p.agency.code.clone(),
        name: p.agency.name.clone(),
        region: p.agency.region_code.clone(),
    };
    let mut before = vec![(p.agency.id, agency.clone())];
    let mut after = Vec::new();
    for o in &p.offices {
        let kind = OfficeKind::from_code(&o.kind)
            .ok_or_else(|| super::internal("unbekannte Dienststellenart"))?;
        let office = |agency: &str, kind| Object::Office {
            code: o.code.clone(),
            name: o.name.clone(),
            kind,
            agency: agency.to_string(),
        };
        before.push((o.id, office(&p.agency.code, kind)));
        // A closed Dienststelle moves too (its history stays with the agency it ends in).
        let moved = office(&successor.code, OfficeKind::Branch);
        after.push((
            o.id,
            match (&o.successor_code, o.active) {
                (Some(next), false) => closed_fields(&moved, next),
                _ => version_fields(&moved),
            },
        ));
    }
    tx.version_unversioned(&before, &VersionNote::existing(now))
        .await
        .map_err(db_err)?;
    let note = format!("Agentur mit {} zusammengelegt", successor.name);
    let stamp = VersionNote {
        at: now,
        author_id: Some(actor.user_id),
        note: &note,
    };
    tx.add_master_data_version(
        Level::Agency.code(),
        p.agency.id,
        &closed_fields(&agency, &successor.code),
        &stamp,
    )
    .await
    .map_err(db_err)?;
    for (id, fields) in &after {
        tx.add_master_data_version(Level::Office.code(), *id, fields, &stamp)
            .await
            .map_err(db_err)?;
    }
    Ok(())
}

/// Files and submits the successor's order that moves the stranded routing to its
/// Hauptagentur; answers the Sammelauftrag's number.
async fn file_moves(
    ctx: &Ctx,
    tx: &mut WriteTx,
    actor: &Actor,
    p: &Plan,
    successor: &AgencyAdminRow,
    (justification, effective_date): (&str, time::Date),
    now: OffsetDateTime,
) -> Result<String, AppError> {
    let (batch, batch_number) =
        BatchHeader::start(tx, actor.user_id, justification, effective_date, now).await?;
    let (order_id, number) = batch
        .open_for(tx, successor.id, successor.region_id)
        .await?;
    for m in &p.moves {
        let Some(next) = &m.next else { continue };
        let item = NewItem {
            entry_id: m.row.entry_id,
            base_version: m.row.version,
            mailbox_id: next.mailbox_id,
            area_id: next.area_id,
            addresses: join_addresses(&next.addresses),
        };
        tx.add_item(order_id, &item).await.map_err(db_err)?;
    }
    let filed = Filed {
        order_id,
        number: &number,
        region_id: successor.region_id,
        agency_name: &successor.name,
        effective_date,
        directive: None,
        summary: format!(
            "Sammelauftrag {batch_number}: {} Routing-Einträge der Agentur „{}“ an die Hauptagentur von „{}“",
            p.filed(),
            p.agency.name,
            successor.name
        ),
    };
    batch_filing::submit(ctx, tx, actor, &filed, now).await?;
    Ok(batch_number)
}
