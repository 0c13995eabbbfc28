//! Deadline reminders: 14 and 3 days before a directive's deadline, every agency that
//! does not yet comply (and has no order on the way) is told, once per stage. Runs in
//! the background of every server instance; the unique (recipient, event) key makes
//! several instances, or a repeated run, tell each agency once.

use super::db_err;
use super::directives::{evaluate, load, Judged};
use crate::db::Db;
use crate::domain::calendar::today_berlin;
use crate::domain::notify::{deadline_reminder, reminder_stage, Reminder};
use crate::domain::policy::ScopeFilter;
use crate::error::AppError;
use std::collections::BTreeMap;
use time::OffsetDateTime;

/// One pass over every directive; returns how many people were newly reminded.
pub async fn run(db: &Db, mail: bool, now: OffsetDateTime) -> Result<usize, AppError> {
    let today = today_berlin(now);
    let everywhere = ScopeFilter::everywhere();
    let mut told = 0;
    for row in crate::db::directives::all(db).await.map_err(db_err)? {
        let d = load(db, row).await?;
        let days_left = d.deadline.days_left(today);
        let (Some(stage), Some(rule)) = (reminder_stage(days_left), &d.rule) else {
            continue;
        };
        // (agency id) → (code, name, open Dienststellen)
        let mut open: BTreeMap<i64, (String, String, usize)> = BTreeMap::new();
        for e in evaluate(db, &d, rule, &everywhere, now).await? {
            if e.needs_order() {
                open.entry(e.row.agency_id)
                    .or_insert_with(|| (e.row.agency_code.clone(), e.row.agency_name.clone(), 0))
                    .2 += 1;
            }
        }
        for (agency_id, (code, name, offices)) in open {
            let message = deadline_reminder(&Reminder {
                directive: &d.row.number,
                title: &d.row.title,
                deadline: d.deadline.date(),
                days_left,
                stage,
                agency_code: &code,
                agency_name: &name,
                open_offices: offices,
            });
            let mut tx = db.begin_write().await.map_err(db_err)?;
            let admins = tx.agency_admins(agency_id).await.map_err(db_err)?;
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
