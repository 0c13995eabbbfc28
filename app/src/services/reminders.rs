//! Deadline reminders: 14 and 3 days before each obligation's deadline, every agency with
//! something not yet met and no order on the way is told, once per obligation and stage.
//! An obligation's deadline is its own (routing rule with its own day, mailbox setting
//! by its due day, eAkte per agency before its Umstellungstermin). Runs in the
//! background of every server instance; the unique (recipient, event) key makes several
//! instances, or a repeated run, tell each agency once.

use super::db_err;
use super::directives::{evaluate, load, Judged, Loaded};
use super::eakte_compliance as eakte;
use super::setting_compliance as settings;
use crate::db::compliance::Reading;
use crate::db::Db;
use crate::domain::calendar::today_berlin;
use crate::domain::directive::Deadline;
use crate::domain::kind::Kind;
use crate::domain::notify::{deadline_reminder, reminder_stage, Reminder};
use crate::domain::policy::ScopeFilter;
use crate::error::AppError;
use std::collections::BTreeMap;
use time::{Date, OffsetDateTime};

/// One agency's open entries of one obligation, and that obligation's deadline there.
struct OpenAt {
    kind: Kind,
    agency_id: i64,
    agency_code: String,
    agency_name: String,
    deadline: Deadline,
    open: usize,
}

/// One pass over every directive; returns how many people were newly reminded.
pub async fn run(db: &Db, mail: bool, now: OffsetDateTime) -> Result<usize, AppError> {
    let today = today_berlin(now);
    let mut told = 0;
    for row in crate::db::directives::all(db).await.map_err(db_err)? {
        let d = load(db, row).await?;
        for o in open_obligations(db, &d, today, now).await? {
            let days_left = o.deadline.days_left(today);
            let Some(stage) = reminder_stage(days_left) else {
                continue;
            };
            let message = deadline_reminder(&Reminder {
                directive: &d.row.number,
                title: &d.row.title,
                kind: o.kind,
                deadline: o.deadline.date(),
                days_left,
                stage,
                agency_code: &o.agency_code,
                agency_name: &o.agency_name,
                open: o.open,
            });
            let mut tx = db.begin_write().await.map_err(db_err)?;
            let admins = tx.agency_admins(o.agency_id).await.map_err(db_err)?;
            told += tx
                .notify(&admins, &message, mail, now)
                .await
                .map_err(db_err)?;
            tx.commit().await.map_err(db_err)?;
        }
    }
    if told > 0 {
        tracing::info!(told, "Fristerinnerungen verschickt");
    }
    Ok(told)
}

fn in_reminder_stage(deadline: Deadline, today: Date) -> bool {
    reminder_stage(deadline.days_left(today)).is_some()
}

/// Per obligation whose deadline is near (somewhere), every agency with open entries.
async fn open_obligations(
    db: &Db,
    d: &Loaded,
    today: Date,
    now: OffsetDateTime,
) -> Result<Vec<OpenAt>, AppError> {
    let everywhere = ScopeFilter::everywhere();
    let mut open = Vec::new();
    if let Some(rule) = &d.rule {
        let deadline = rule.deadline(d.deadline);
        if in_reminder_stage(deadline, today) {
            let evaluated = evaluate(db, d, rule, (&everywhere, now), Reading::Shown).await?;
            open.extend(open_per_agency(Kind::Routing, &evaluated, |_| deadline));
        }
    }
    if let Some(rule) = &d.setting_rule {
        let deadline = rule.deadline();
        if in_reminder_stage(deadline, today) {
            let evaluated =
                settings::evaluate(db, rule, (&d.applies, &everywhere), now, Reading::Shown)
                    .await?;
            open.extend(open_per_agency(Kind::MailboxSetting, &evaluated, |_| {
                deadline
            }));
        }
    }
    if let Some((rule, switchovers)) = d.eakte(db).await? {
        // Each agency has its own deadline: evaluate only if one of them is near.
        let near = std::iter::once(&switchovers.default)
            .chain(switchovers.set.values())
            .any(|s| in_reminder_stage(rule.deadline(*s), today));
        if near {
            let evaluated = eakte::evaluate(
                db,
                rule,
                &switchovers,
                (&d.applies, &everywhere),
                now,
                Reading::Shown,
            )
            .await?;
            open.extend(open_per_agency(Kind::EakteRule, &evaluated, |agency| {
                rule.deadline(switchovers.of(agency))
            }));
        }
    }
    Ok(open)
}

/// The entries that need an order, counted per agency.
fn open_per_agency<T: Judged>(
    kind: Kind,
    evaluated: &[T],
    deadline: impl Fn(i64) -> Deadline,
) -> Vec<OpenAt> {
    let mut per_agency: BTreeMap<i64, OpenAt> = BTreeMap::new();
    for e in evaluated.iter().filter(|e| e.needs_order()) {
        let [_, _, code, name] = e.place();
        per_agency
            .entry(e.agency_id())
            .or_insert_with(|| OpenAt {
                kind,
                agency_id: e.agency_id(),
                agency_code: code.clone(),
                agency_name: name.clone(),
                deadline: deadline(e.agency_id()),
                open: 0,
            })
            .open += 1;
    }
    per_agency.into_values().collect()
}
