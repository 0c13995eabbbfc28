//! Closing a Dienststelle with a successor (Zentrale): the page shows what the closure
//! would do; while other Dienststellen's live routing or eAkte rules still point to it, a
//! pre-filled batch order moves them to the successor through the ordinary review and
//! implementation; once nothing points to it and no open order touches it, the closure
//! deactivates its mailboxes and ends its own routing entries and mailbox settings.

use super::db_err;
use super::orders::batch_filing::{self, BatchHeader, Filed};
use crate::db::eakte_rules::RuleRow;
use crate::db::mailbox_admin::UseRow;
use crate::db::master_data::{closed_fields, status_fields, VersionNote};
use crate::db::office_closure::{self as q, OfficeAdminRow, OfficeMailboxRow};
use crate::db::order_changes::NewItem;
use crate::db::routing::join_addresses;
use crate::db::write::{Reader, WriteTx};
use crate::domain::calendar::{format_date, today_berlin};
use crate::domain::eakte_rule::entry_label;
use crate::domain::fields::FieldError;
use crate::domain::kind::Kind;
use crate::domain::mailbox_use::{LiveValues, MailboxRef};
use crate::domain::master_data_import::{Level, Object};
use crate::domain::office_closure::{
    blocking_message, closure_refusal, moved_entry, successor_postkorb, successor_refusal,
    Blockers, MailboxFacts, OfficeFacts,
};
use crate::domain::order_form::check_header;
use crate::domain::org::{MailboxKind, MailboxPlace, OfficeKind};
use crate::domain::policy::{Action, Actor};
use crate::error::AppError;
use crate::org::model::{ClosureMoveView, OfficeClosurePlan};
use crate::services::context::Ctx;
use std::collections::BTreeMap;
use time::OffsetDateTime;

fn facts(o: &OfficeAdminRow) -> Result<OfficeFacts, AppError> {
    Ok(OfficeFacts {
        id: o.id,
        agency_id: o.agency_id,
        kind: OfficeKind::from_code(&o.kind)
            .ok_or_else(|| super::internal("unbekannte Dienststellenart"))?,
        active: o.active,
    })
}

pub(super) fn mailbox_facts(rows: &[OfficeMailboxRow]) -> Result<Vec<MailboxFacts>, AppError> {
    rows.iter()
        .map(|m| {
            Ok(MailboxFacts {
                id: m.id,
                address: m.address.clone(),
                kind: MailboxKind::from_code(&m.kind)
                    .ok_or_else(|| super::internal("unbekannte Postfachart"))?,
                area_id: m.area_id,
                active: m.active,
            })
        })
        .collect()
}

fn successor_field(message: impl Into<String>) -> AppError {
    AppError::Validation(vec![FieldError::new("nachfolger", message)])
}

/// A live routing entry of another Dienststelle with the closing mailboxes it uses.
struct RoutingUse {
    row: UseRow,
    /// The move's proposal; `None` before a successor is chosen or when it cannot move.
    next: Option<LiveValues>,
}

/// A live eAkte rule that sends to a Postkorb of the closing Dienststelle.
struct EakteUse {
    rule: RuleRow,
    /// (id, name) of the successor's Postkorb of the same Bereich.
    next: Option<(i64, String)>,
}

/// Everything the page shows and the transactions re-check.
struct Plan {
    office: OfficeAdminRow,
    siblings: Vec<OfficeAdminRow>,
    successor: Option<OfficeAdminRow>,
    refusal: Option<String>,
    open_orders: Vec<String>,
    routing: Vec<RoutingUse>,
    eakte: Vec<EakteUse>,
    stuck: Vec<String>,
    closing_mailboxes: usize,
}

impl Plan {
    fn blockers(&self) -> Blockers {
        Blockers {
            open_orders: self.open_orders.clone(),
            live_uses: self.routing.len() + self.eakte.len(),
        }
    }

    /// Moves not yet in an open order.
    fn pending_routing(&self) -> impl Iterator<Item = &RoutingUse> {
        self.routing.iter().filter(|u| u.row.open_order.is_none())
    }

    fn pending_eakte(&self) -> impl Iterator<Item = &EakteUse> {
        self.eakte.iter().filter(|u| u.rule.open_order.is_none())
    }
}

async fn plan(r: &mut Reader<'_>, code: &str, successor: Option<&str>) -> Result<Plan, AppError> {
    let office = q::office(r, code.trim())
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    let me = facts(&office)?;
    let siblings = q::offices_of_agency(r, office.agency_id)
        .await
        .map_err(db_err)?;
    let mut refusal = closure_refusal(&me).map(str::to_string);
    let successor =
        match successor.map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => {
                let found = siblings.iter().find(|o| o.code == s).cloned();
                match &found {
                    None => refusal = refusal.or(Some(
                        "Bitte wählen Sie eine Dienststelle derselben Agentur als Nachfolgerin."
                            .into(),
                    )),
                    Some(f) => {
                        if let Some(m) = successor_refusal(&me, &facts(f)?) {
                            refusal = refusal.or(Some(m.into()));
                        }
                    }
                }
                found.filter(|_| refusal.is_none())
            }
        };
    let own = q::mailboxes(r, office.id).await.map_err(db_err)?;
    let closing: Vec<MailboxFacts> = mailbox_facts(&own)?
        .into_iter()
        .filter(|m| m.active)
        .collect();
    let open_orders = q::open_orders(r, office.id, &own).await.map_err(db_err)?;
    // One row per entry of another Dienststelle, whichever of the mailboxes it uses.
    let mut entries: BTreeMap<i64, UseRow> = BTreeMap::new();
    for m in &closing {
        let mailbox = MailboxRef {
            id: m.id,
            address: &m.address,
        };
        for (row, _) in q::routing_uses(r, mailbox).await.map_err(db_err)? {
            if row.office_id != office.id {
                entries.entry(row.entry_id).or_insert(row);
            }
        }
    }
    let rules = q::eakte_uses(r, office.agency_id, office.id)
        .await
        .map_err(db_err)?;
    let own_postkoerbe = q::postkoerbe(r, office.id).await.map_err(db_err)?;
    let (successor_mailboxes, successor_postkoerbe) = match &successor {
        Some(s) => (
            mailbox_facts(&q::mailboxes(r, s.id).await.map_err(db_err)?)?,
            q::postkoerbe(r, s.id).await.map_err(db_err)?,
        ),
        None => (Vec::new(), Vec::new()),
    };
    let mut stuck = Vec::new();
    let routing = entries
        .into_values()
        .map(|row| {
            let next = successor.as_ref().and_then(|s| {
                let office_kind = OfficeKind::from_code(&s.kind).unwrap_or(OfficeKind::Branch);
                let place = |m: &MailboxFacts| MailboxPlace {
                    office_id: s.id,
                    agency_id: s.agency_id,
                    office_kind,
                    kind: m.kind,
                };
                let next = moved_entry(
                    &row.live(),
                    row.office_id,
                    row.agency_id,
                    &closing,
                    &successor_mailboxes,
                    place,
                );
                if next.is_none() {
                    stuck.push(format!(
                        "Routing {} · {}: kein Postfach der Nachfolgerin kann das Anliegen empfangen.",
                        row.office_name, row.concern_name
                    ));
                }
                next
            });
            RoutingUse { row, next }
        })
        .collect();
    let area_of: BTreeMap<i64, i64> = own_postkoerbe.iter().map(|(id, _, a)| (*id, *a)).collect();
    let candidates: Vec<(i64, i64)> = successor_postkoerbe
        .iter()
        .map(|(id, _, a)| (*id, *a))
        .collect();
    let eakte = rules
        .into_iter()
        .map(|rule| {
            let next = successor.as_ref().and_then(|_| {
                let area = area_of.get(&rule.postkorb_id).copied().unwrap_or_default();
                let found = successor_postkorb(area, &candidates).and_then(|id| {
                    successor_postkoerbe
                        .iter()
                        .find(|(p, _, _)| *p == id)
                        .map(|(p, name, _)| (*p, name.clone()))
                });
                if found.is_none() {
                    stuck.push(format!(
                        "eAkte-Regel {}: die Nachfolgerin hat keinen Postkorb dieses Bereichs.",
                        rule_label(&rule)
                    ));
                }
                found
            });
            EakteUse { rule, next }
        })
        .collect();
    Ok(Plan {
        closing_mailboxes: closing.len(),
        office,
        siblings,
        successor,
        refusal,
        open_orders,
        routing,
        eakte,
        stuck,
    })
}

fn rule_label(rule: &RuleRow) -> String {
    entry_label(&rule.file_type, &rule.document_type, &rule.document_kind)
}

/// "Ziel …; Benachrichtigung: …" of live or proposed routing values.
pub(super) fn describe_routing(v: &LiveValues, addresses_of: &BTreeMap<i64, String>) -> String {
    let target = addresses_of
        .get(&v.mailbox_id)
        .cloned()
        .unwrap_or_else(|| format!("Postfach {}", v.mailbox_id));
    let notified = if v.addresses.is_empty() {
        "keine".to_string()
    } else {
        v.addresses.join(", ")
    };
    format!("Ziel {target}; Benachrichtigung: {notified}")
}

fn routing_view(u: &RoutingUse, addresses_of: &BTreeMap<i64, String>) -> ClosureMoveView {
    let show = |v: &LiveValues| describe_routing(v, addresses_of);
    ClosureMoveView {
        kind: "Routing".into(),
        entry: format!("{} · {}", u.row.office_name, u.row.concern_name),
        href: format!("/routing/eintrag/{}", u.row.entry_id),
        before: show(&u.row.live()),
        after: u.next.as_ref().map_or_else(|| "–".into(), show),
        open_order: u.row.open_order.clone(),
    }
}

fn eakte_view(u: &EakteUse) -> ClosureMoveView {
    ClosureMoveView {
        kind: "eAkte-Regel".into(),
        entry: rule_label(&u.rule),
        href: format!("/eakte-regel/{}", u.rule.entry_id),
        before: u.rule.postkorb.clone(),
        after: u
            .next
            .as_ref()
            .map_or_else(|| "–".into(), |(_, n)| n.clone()),
        open_order: u.rule.open_order.clone(),
    }
}

/// The closure page: requires the Zentrale (it alone manages master data).
pub async fn closure_page(
    ctx: &Ctx,
    code: &str,
    successor: Option<&str>,
) -> Result<OfficeClosurePlan, AppError> {
    ctx.catalogue_admin(&format!("dienststelle:{}/schliessen", code.trim()))
        .await?;
    let db = ctx.db().clone();
    let p = plan(&mut Reader::Pool(&db), code, successor).await?;
    let version = crate::db::master_data::live_version(&db, Level::Office.code(), p.office.id)
        .await
        .map_err(db_err)?;
    // Addresses of the mailboxes the views name by id: the entries' own and the proposals'.
    let ids = p.routing.iter().flat_map(|u| {
        [
            Some(u.row.mailbox_id),
            u.next.as_ref().map(|n| n.mailbox_id),
        ]
    });
    let addresses_of = crate::db::office_closure::addresses(&db, ids)
        .await
        .map_err(db_err)?;
    let blockers = p.blockers();
    let chosen = p.successor.is_some();
    let may_file_move = chosen
        && p.refusal.is_none()
        && p.stuck.is_empty()
        && (p.pending_routing().next().is_some() || p.pending_eakte().next().is_some());
    Ok(OfficeClosurePlan {
        version,
        successors: p
            .siblings
            .iter()
            .filter(|o| o.active && o.id != p.office.id)
            .map(|o| (o.code.clone(), o.name.clone()))
            .collect(),
        successor: p.successor.as_ref().map(|s| s.code.clone()),
        may_close: chosen && p.refusal.is_none() && blocking_message("", &blockers).is_none(),
        may_file_move,
        open_orders: p.open_orders.clone(),
        moves: p
            .routing
            .iter()
            .map(|u| routing_view(u, &addresses_of))
            .chain(p.eakte.iter().map(eakte_view))
            .collect(),
        stuck: p.stuck.clone(),
        mailbox_count: p.closing_mailboxes,
        refusal: p.refusal,
        today: format_date(today_berlin(OffsetDateTime::now_utc())),
        code: p.office.code,
        name: p.office.name,
        agency_code: p.office.agency_code,
        agency_name: p.office.agency_name,
    })
}

/// The plan, read in the transaction, for a successor the form must name.
async fn plan_with_successor(
    tx: &mut WriteTx,
    code: &str,
    successor: &str,
) -> Result<Plan, AppError> {
    if successor.trim().is_empty() {
        return Err(successor_field(
            "Bitte wählen Sie die Dienststelle, die übernimmt.",
        ));
    }
    plan(&mut Reader::Tx(tx), code, Some(successor)).await
}

/// The move order's form.
pub struct MoveInput<'a> {
    pub code: &'a str,
    pub successor: &'a str,
    pub justification: &'a str,
    pub effective_date: &'a str,
}

/// Files the batch order that moves every live entry of other Dienststellen still pointing
/// to the closing one (not yet in an open order) to the successor; answers its number.
pub async fn file_move(ctx: &Ctx, input: MoveInput<'_>) -> Result<String, AppError> {
    let actor = ctx
        .catalogue_admin(&format!("dienststelle:{}/umzug", input.code.trim()))
        .await?;
    ctx.require(
        &actor,
        Action::FileCentralOrder,
        crate::domain::org::OrgLocation::Central,
        &format!("dienststelle:{}/umzug", input.code.trim()),
    )
    .await?;
    let now = OffsetDateTime::now_utc();
    let header = check_header(input.justification, input.effective_date, today_berlin(now))
        .map_err(AppError::Validation)?;
    let mut tx = ctx.db().begin_write().await.map_err(db_err)?;
    let p = plan_with_successor(&mut tx, input.code, input.successor).await?;
    if let Some(refusal) = p.refusal.clone() {
        return Err(successor_field(refusal));
    }
    if let Some(first) = p.stuck.first() {
        return Err(AppError::Conflict(format!(
            "{first} Legen Sie der Nachfolgerin zuerst ein passendes Postfach oder einen Postkorb an."
        )));
    }
    let routing: Vec<&RoutingUse> = p.pending_routing().collect();
    let eakte: Vec<&EakteUse> = p.pending_eakte().collect();
    if routing.is_empty() && eakte.is_empty() {
        return Err(AppError::Conflict(
            "Kein gültiger Eintrag einer anderen Dienststelle verweist mehr auf die Dienststelle, der nicht schon in einem offenen Auftrag umgestellt wird."
                .into(),
        ));
    }
    let (batch, batch_number) = BatchHeader::start(
        &mut tx,
        actor.user_id,
        header.justification.as_str(),
        header.effective_date,
        now,
    )
    .await?;
    // (region, name, routing items, eAkte items) per agency.
    type Part<'a> = (i64, String, Vec<&'a RoutingUse>, Vec<&'a EakteUse>);
    let mut parts: BTreeMap<i64, Part<'_>> = BTreeMap::new();
    for u in routing {
        parts
            .entry(u.row.agency_id)
            .or_insert_with(|| (u.row.region_id, u.row.agency_name.clone(), vec![], vec![]))
            .2
            .push(u);
    }
    for u in eakte {
        parts
            .entry(p.office.agency_id)
            .or_insert_with(|| {
                (
                    p.office.region_id,
                    p.office.agency_name.clone(),
                    vec![],
                    vec![],
                )
            })
            .3
            .push(u);
    }
    let successor_name = p
        .successor
        .as_ref()
        .map(|s| s.name.clone())
        .unwrap_or_default();
    let mut orders = 0;
    for (agency_id, (region_id, agency_name, routing, eakte)) in &parts {
        let (order_id, number) = batch.open_for(&mut tx, *agency_id, *region_id).await?;
        add_items(&mut tx, order_id, routing, eakte).await?;
        let filed = Filed {
            order_id,
            number: &number,
            region_id: *region_id,
            agency_name,
            effective_date: header.effective_date,
            directive: None,
            summary: format!(
                "Sammelauftrag {batch_number}: {} Einträge von Dienststelle „{}“ auf „{successor_name}“",
                routing.len() + eakte.len(),
                p.office.name
            ),
        };
        batch_filing::submit(ctx, &mut tx, &actor, &filed, now).await?;
        orders += 1;
    }
    let entry = ctx.audit_entry(
        &actor,
        "sammelauftrag-angelegt",
        &format!("sammelauftrag:{batch_number}"),
        format!(
            "Dienststelle „{}“ schließen, Nachfolgerin „{successor_name}“: {orders} Aufträge",
            p.office.name
        ),
    );
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    Ok(batch_number)
}

async fn add_items(
    tx: &mut WriteTx,
    order_id: i64,
    routing: &[&RoutingUse],
    eakte: &[&EakteUse],
) -> Result<(), AppError> {
    for u in routing {
        let Some(next) = &u.next else { continue };
        let item = NewItem {
            entry_id: u.row.entry_id,
            base_version: u.row.version,
            mailbox_id: next.mailbox_id,
            area_id: next.area_id,
            addresses: join_addresses(&next.addresses),
        };
        tx.add_item(order_id, &item).await.map_err(db_err)?;
    }
    for u in eakte {
        let Some((postkorb_id, _)) = u.next else {
            continue;
        };
        tx.save_value_item(
            Kind::EakteRule,
            order_id,
            u.rule.entry_id,
            u.rule.version,
            postkorb_id,
        )
        .await
        .map_err(db_err)?;
    }
    Ok(())
}

/// The closure's form: the version the page was made from and the successor.
pub struct CloseInput<'a> {
    pub code: &'a str,
    pub version: &'a str,
    pub successor: &'a str,
}

/// Closes the Dienststelle: refused while anything points to it; its mailboxes become
/// inactive, its own routing entries and mailbox settings end, every change versioned and
/// audited in one transaction.
pub async fn close(ctx: &Ctx, input: CloseInput<'_>) -> Result<(), AppError> {
    let object = format!("dienststelle:{}", input.code.trim());
    let actor = ctx.catalogue_admin(&object).await?;
    let seen = super::form_version(input.version)?;
    let mut tx = ctx.db().begin_write().await.map_err(db_err)?;
    let p = plan_with_successor(&mut tx, input.code, input.successor).await?;
    if let Some(refusal) = p.refusal.clone() {
        return Err(AppError::Conflict(refusal));
    }
    let live = tx
        .master_data_live_version(Level::Office.code(), p.office.id)
        .await
        .map_err(db_err)?;
    if live != seen {
        return Err(AppError::Conflict(
            "Die Dienststelle wurde inzwischen geändert. Bitte laden Sie die Seite neu.".into(),
        ));
    }
    if let Some(refusal) = blocking_message(&p.office.name, &p.blockers()) {
        return Err(AppError::Conflict(refusal));
    }
    let successor = p.successor.clone().ok_or(AppError::BadRequest)?;
    let now = OffsetDateTime::now_utc();
    let closed_mailboxes = deactivate_mailboxes(&mut tx, &p.office, &actor, now).await?;
    let ended = tx
        .end_office_configuration(p.office.id, now)
        .await
        .map_err(db_err)?;
    let office = Object::Office {
        code: p.office.code.clone(),
        name: p.office.name.clone(),
        kind: facts(&p.office)?.kind,
        agency: p.office.agency_code.clone(),
    };
    let existing = VersionNote::existing(now);
    tx.version_unversioned(&[(p.office.id, office.clone())], &existing)
        .await
        .map_err(db_err)?;
    tx.close_office(p.office.id, successor.id)
        .await
        .map_err(db_err)?;
    let note = format!("Dienststelle geschlossen, Nachfolgerin {}", successor.name);
    let version = tx
        .add_master_data_version(
            Level::Office.code(),
            p.office.id,
            &closed_fields(&office, &successor.code),
            &VersionNote {
                at: now,
                author_id: Some(actor.user_id),
                note: &note,
            },
        )
        .await
        .map_err(db_err)?;
    let entry = ctx.audit_entry(
        &actor,
        "dienststelle-geschlossen",
        &object,
        format!(
            "Nachfolgerin „{}“ (Version {version}); {closed_mailboxes} Postfächer deaktiviert, {} Routing-Einträge und {} Postfach-Einstellungen beendet",
            successor.name, ended.routing, ended.settings
        ),
    );
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)
}

/// Deactivates the Dienststelle's active mailboxes, each with its version; answers how many.
async fn deactivate_mailboxes(
    tx: &mut WriteTx,
    office: &OfficeAdminRow,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<usize, AppError> {
    let rows = q::mailboxes(&mut Reader::Tx(tx), office.id)
        .await
        .map_err(db_err)?;
    let facts = mailbox_facts(&rows)?;
    let mut count = 0;
    for (row, f) in rows.iter().zip(&facts).filter(|(r, _)| r.active) {
        let object = Object::Mailbox {
            address: row.address.clone(),
            name: row.name.clone(),
            kind: f.kind,
            office: office.code.clone(),
            area: row.area_code.clone(),
        };
        let existing = VersionNote::existing(now);
        tx.version_unversioned(&[(row.id, object.clone())], &existing)
            .await
            .map_err(db_err)?;
        tx.set_mailbox_active(row.id, false).await.map_err(db_err)?;
        tx.add_master_data_version(
            Level::Mailbox.code(),
            row.id,
            &status_fields(&object, false),
            &VersionNote {
                at: now,
                author_id: Some(actor.user_id),
                note: "Postfach deaktiviert (Dienststelle geschlossen)",
            },
        )
        .await
        .map_err(db_err)?;
        count += 1;
    }
    Ok(count)
}
