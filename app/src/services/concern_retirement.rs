//! Retiring an Anliegen into a successor (Zentrale): the page shows, per Dienststelle, the
//! Anliegen's live routing next to the successor's; a pre-filled batch order sets the
//! successor's routing to the retiring one's through the ordinary review and
//! implementation; once the successor carries it everywhere and nothing else stands in the
//! way, the deactivation ends the Anliegen's own routing entries in one transaction.

use super::db_err;
use super::office_closure::describe_routing;
use super::orders::batch_filing::{self, BatchHeader, Filed};
use crate::catalogue::model::{ConcernRetirementPlan, RetirementRowView};
use crate::db::catalogue::ConcernRow;
use crate::db::concern_retirement as q;
use crate::db::directives::RuleColumn;
use crate::db::mailbox_admin::UseRow;
use crate::db::master_data::VersionNote;
use crate::db::order_changes::NewItem;
use crate::db::write::{Reader, WriteTx};
use crate::domain::calendar::{format_date, today_berlin};
use crate::domain::catalogue::ConcernFields;
use crate::domain::concern_retirement::{carried, retirement_refusal, successor_refusal, Blockers};
use crate::domain::directive::TargetRule;
use crate::domain::fields::FieldError;
use crate::domain::order_form::check_header;
use crate::domain::org::OrgLocation;
use crate::domain::policy::Action;
use crate::error::AppError;
use crate::services::context::Ctx;
use std::collections::BTreeMap;
use time::{Date, OffsetDateTime};

/// One Dienststelle: the retiring Anliegen's live entry and the successor's there.
struct Row {
    old: UseRow,
    successor: Option<UseRow>,
}

impl Row {
    fn carried(&self) -> bool {
        carried(
            &self.old.live(),
            self.successor.as_ref().map(|s| s.live()).as_ref(),
        )
    }

    fn open_order(&self) -> Option<&String> {
        self.old
            .open_order
            .as_ref()
            .or(self.successor.as_ref().and_then(|s| s.open_order.as_ref()))
    }
}

/// Everything the page shows and the transactions re-check.
struct Plan {
    concern: ConcernRow,
    successor: Option<ConcernRow>,
    refusal: Option<String>,
    rows: Vec<Row>,
    directives: Vec<String>,
}

impl Plan {
    fn blockers(&self) -> Blockers {
        let mut open_orders: Vec<String> = self
            .rows
            .iter()
            .filter_map(|r| r.open_order())
            .cloned()
            .collect();
        open_orders.sort();
        open_orders.dedup();
        Blockers {
            live_entries: self.rows.len(),
            successor_chosen: self.successor.is_some(),
            not_carried: self.rows.iter().filter(|r| !r.carried()).count(),
            stuck: self.successor.as_ref().map_or(0, |_| {
                self.rows.iter().filter(|r| r.successor.is_none()).count()
            }),
            open_orders,
            directives: self.directives.clone(),
        }
    }

    /// Rows the move order would change: the successor has an entry that routes otherwise,
    /// and no open order touches either entry.
    fn pending(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|r| {
            self.successor.is_some()
                && r.successor.is_some()
                && !r.carried()
                && r.open_order().is_none()
        })
    }

    fn refusal(&self) -> Option<String> {
        self.refusal
            .clone()
            .or_else(|| retirement_refusal(&self.concern.name, &self.blockers()))
    }
}

async fn plan(r: &mut Reader<'_>, code: &str, successor: Option<&str>) -> Result<Plan, AppError> {
    let concern = q::concern(r, code.trim())
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    let mut refusal = (!concern.active).then(|| "Das Anliegen ist bereits deaktiviert.".into());
    let chosen = match successor.map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => match q::concern(r, s).await.map_err(db_err)? {
            None => {
                refusal = refusal.or(Some("Dieses Nachfolge-Anliegen gibt es nicht.".into()));
                None
            }
            Some(found) => {
                let why = successor_refusal(found.id == concern.id, found.active);
                refusal = refusal.or(why.map(str::to_string));
                why.is_none().then_some(found)
            }
        },
    };
    let old = q::live_routing(r, concern.id).await.map_err(db_err)?;
    let mut theirs: BTreeMap<i64, UseRow> = match &chosen {
        Some(s) => q::live_routing(r, s.id)
            .await
            .map_err(db_err)?
            .into_iter()
            .map(|row| (row.office_id, row))
            .collect(),
        None => BTreeMap::new(),
    };
    let rows = old
        .into_iter()
        .map(|old| Row {
            successor: theirs.remove(&old.office_id),
            old,
        })
        .collect();
    let directives = super::directives::in_force_naming(r, RuleColumn::Target, |t: &TargetRule| {
        t.concern == concern.code
    })
    .await?;
    Ok(Plan {
        concern,
        successor: chosen,
        refusal,
        rows,
        directives,
    })
}

fn row_view(p: &Plan, row: &Row, addresses_of: &BTreeMap<i64, String>) -> RetirementRowView {
    let state = if p.successor.is_none() {
        "–"
    } else if row.carried() {
        "übernommen"
    } else if row.successor.is_none() {
        "kein Eintrag des Nachfolge-Anliegens"
    } else if row.open_order().is_some() {
        "offener Auftrag"
    } else {
        "wird umgestellt"
    };
    RetirementRowView {
        office: format!("{} · {}", row.old.agency_name, row.old.office_name),
        href: format!("/routing/eintrag/{}", row.old.entry_id),
        routing: describe_routing(&row.old.live(), addresses_of),
        successor_routing: row
            .successor
            .as_ref()
            .map_or_else(|| "–".into(), |s| describe_routing(&s.live(), addresses_of)),
        state: state.into(),
        open_order: row.open_order().cloned(),
    }
}

fn today() -> Date {
    today_berlin(OffsetDateTime::now_utc())
}

/// The retirement page: requires the Zentrale (it alone manages the catalogue).
pub async fn retirement_page(
    ctx: &Ctx,
    code: &str,
    successor: Option<&str>,
) -> Result<ConcernRetirementPlan, AppError> {
    ctx.catalogue_admin(&format!("anliegen:{}/abloesen", code.trim()))
        .await?;
    let db = ctx.db().clone();
    let p = plan(&mut Reader::Pool(&db), code, successor).await?;
    let ids = p
        .rows
        .iter()
        .filter(|r| p.successor.is_none() || !r.carried())
        .flat_map(|r| {
            [
                Some(r.old.mailbox_id),
                r.successor.as_ref().map(|s| s.mailbox_id),
            ]
        });
    let addresses_of = crate::db::office_closure::addresses(&db, ids)
        .await
        .map_err(db_err)?;
    let refusal = p.refusal();
    Ok(ConcernRetirementPlan {
        // Once a successor is chosen, the rows it already carries are only counted.
        rows: p
            .rows
            .iter()
            .filter(|r| p.successor.is_none() || !r.carried())
            .map(|r| row_view(&p, r, &addresses_of))
            .collect(),
        live_entries: p.rows.len(),
        carried: p
            .successor
            .as_ref()
            .map_or(0, |_| p.rows.iter().filter(|r| r.carried()).count()),
        may_file_move: p.refusal.is_none() && p.pending().next().is_some(),
        may_retire: p.successor.is_some() && refusal.is_none(),
        refusal,
        directives: p.directives.clone(),
        // The choices only the page offers; the transactions check the one named.
        successors: q::active_concerns(&mut Reader::Pool(&db))
            .await
            .map_err(db_err)?
            .into_iter()
            .filter(|(c, _)| *c != p.concern.code)
            .collect(),
        successor: p
            .successor
            .as_ref()
            .map(|s| (s.code.clone(), s.name.clone())),
        today: format_date(today()),
        code: p.concern.code,
        name: p.concern.name,
        version: p.concern.version,
    })
}

/// Why the Anliegen cannot be deactivated without a successor (the change form's way),
/// read in the transaction.
pub async fn refusal_without_successor(
    tx: &mut WriteTx,
    code: &str,
) -> Result<Option<String>, AppError> {
    let p = plan(&mut Reader::Tx(tx), code, None).await?;
    Ok(retirement_refusal(&p.concern.name, &p.blockers()))
}

fn successor_field(message: impl Into<String>) -> AppError {
    AppError::Validation(vec![FieldError::new("nachfolger", message)])
}

/// The plan, read in the transaction, for a successor the form must name.
async fn plan_with_successor(
    tx: &mut WriteTx,
    code: &str,
    successor: &str,
) -> Result<Plan, AppError> {
    if successor.trim().is_empty() {
        return Err(successor_field(
            "Bitte wählen Sie das Anliegen, das übernimmt.",
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

/// Files the batch order that sets the successor's routing to the retiring Anliegen's in
/// every Dienststelle where it differs and no open order touches it; answers its number.
pub async fn file_move(ctx: &Ctx, input: MoveInput<'_>) -> Result<String, AppError> {
    let object = format!("anliegen:{}/umzug", input.code.trim());
    let actor = ctx.catalogue_admin(&object).await?;
    ctx.require(
        &actor,
        Action::FileCentralOrder,
        OrgLocation::Central,
        &object,
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
    let pending: Vec<&Row> = p.pending().collect();
    if pending.is_empty() {
        return Err(AppError::Conflict(
            "Das Nachfolge-Anliegen routet schon überall so, oder ein offener Auftrag stellt es bereits um."
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
    let mut parts: BTreeMap<i64, (i64, String, Vec<&Row>)> = BTreeMap::new();
    for row in pending {
        parts
            .entry(row.old.agency_id)
            .or_insert_with(|| (row.old.region_id, row.old.agency_name.clone(), vec![]))
            .2
            .push(row);
    }
    let successor_name = p
        .successor
        .as_ref()
        .map(|s| s.name.clone())
        .unwrap_or_default();
    for (agency_id, (region_id, agency_name, rows)) in &parts {
        let (order_id, number) = batch.open_for(&mut tx, *agency_id, *region_id).await?;
        for row in rows {
            let Some(theirs) = &row.successor else {
                continue;
            };
            let item = NewItem {
                entry_id: theirs.entry_id,
                base_version: theirs.version,
                mailbox_id: row.old.mailbox_id,
                area_id: row.old.area_id,
                addresses: row.old.addresses.clone(),
            };
            tx.add_item(order_id, &item).await.map_err(db_err)?;
        }
        let filed = Filed {
            order_id,
            number: &number,
            region_id: *region_id,
            agency_name,
            effective_date: header.effective_date,
            directive: None,
            summary: format!(
                "Sammelauftrag {batch_number}: {} Dienststellen routen „{successor_name}“ wie „{}“",
                rows.len(),
                p.concern.name
            ),
        };
        batch_filing::submit(ctx, &mut tx, &actor, &filed, now).await?;
    }
    let entry = ctx.audit_entry(
        &actor,
        "sammelauftrag-angelegt",
        &format!("sammelauftrag:{batch_number}"),
        format!(
            "Anliegen „{}“ ablösen durch „{successor_name}“: {} Aufträge",
            p.concern.name,
            parts.len()
        ),
    );
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    Ok(batch_number)
}

/// The deactivation's form: the version the page was made from and the successor.
pub struct RetireInput<'a> {
    pub code: &'a str,
    pub version: &'a str,
    pub successor: &'a str,
}

/// Deactivates the Anliegen into its successor: refused while anything stands in the way;
/// its own live routing entries end (their history stays readable), versioned and audited
/// in one transaction. Answers the new version.
pub async fn retire(ctx: &Ctx, input: RetireInput<'_>) -> Result<i64, AppError> {
    let object = format!("anliegen:{}", input.code.trim());
    let actor = ctx.catalogue_admin(&object).await?;
    let seen = super::form_version(input.version)?;
    let mut tx = ctx.db().begin_write().await.map_err(db_err)?;
    // Locks the Anliegen's row on PostgreSQL, so a parallel change waits.
    tx.concern(input.code.trim()).await.map_err(db_err)?;
    let p = plan_with_successor(&mut tx, input.code, input.successor).await?;
    if p.concern.version != seen {
        return Err(AppError::Conflict(
            "Das Anliegen wurde inzwischen geändert. Bitte laden Sie die Seite neu.".into(),
        ));
    }
    if let Some(refusal) = p.refusal() {
        return Err(AppError::Conflict(refusal));
    }
    let successor = p.successor.as_ref().ok_or(AppError::BadRequest)?;
    let now = OffsetDateTime::now_utc();
    let c = &p.concern;
    let fields = ConcernFields {
        name: c.name.clone(),
        customer_group: c.customer_group.clone(),
        area: c.area_code.clone(),
    };
    if c.version == 0 {
        // A seeded Anliegen keeps its state before the first change as version 1.
        let before = super::catalogue::version_fields(&c.code, &fields, true, None);
        tx.add_master_data_version("anliegen", c.id, &before, &VersionNote::existing(now))
            .await
            .map_err(db_err)?;
    }
    let ended = tx.end_concern_routing(c.id, now).await.map_err(db_err)?;
    tx.retire_concern(c.id, successor.id)
        .await
        .map_err(db_err)?;
    let note = format!("deaktiviert, abgelöst durch {}", successor.name);
    let version = tx
        .add_master_data_version(
            "anliegen",
            c.id,
            &super::catalogue::version_fields(&c.code, &fields, false, Some(&successor.code)),
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
        "anliegen-abgeloest",
        &object,
        format!(
            "Aktiv: ja → nein; Nachfolger „{}“ (Version {version}); {ended} Routing-Einträge beendet",
            successor.name
        ),
    );
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    Ok(version)
}
