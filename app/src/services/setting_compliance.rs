//! Compliance with a directive's obligation over the mailbox setting: each mailbox the
//! rule judges is met, underway, open or overdue (`domain::setting_rule`), rolled up per
//! agency and RD like the routing rule's Dienststellen.

use super::db_err;
use super::directives::{judged_by_row, level_groups, tally_view, Judged};
use crate::db::compliance::Reading;
use crate::db::setting_compliance::{self as q, MailboxLiveRow};
use crate::db::Db;
use crate::directives::model::{Level, MailboxStanding, SettingObligation};
use crate::domain::calendar::{format_date, today_berlin};
use crate::domain::directive::{countdown, Status, Tally};
use crate::domain::mailbox_setting::EmailMode;
use crate::domain::policy::ScopeFilter;
use crate::domain::setting_rule::SettingRule;
use crate::error::AppError;
use std::collections::HashMap;
use time::OffsetDateTime;

/// One mailbox's result.
pub(crate) struct SettingEvaluated {
    pub row: MailboxLiveRow,
    pub status: Status,
    /// The order that sets it as required.
    pub order: Option<String>,
}

judged_by_row!(SettingEvaluated);

/// Every mailbox in `visible` and where the directive applies that the rule judges.
pub(crate) async fn evaluate(
    db: &Db,
    rule: &SettingRule,
    (applies, visible): (&ScopeFilter, &ScopeFilter),
    now: OffsetDateTime,
    reading: Reading,
) -> Result<Vec<SettingEvaluated>, AppError> {
    let judged = (rule.mailbox_kinds.as_slice(), rule.area.as_deref());
    let rows = q::live_settings(db, judged, (visible, applies), reading)
        .await
        .map_err(db_err)?;
    let mut proposed: HashMap<i64, Vec<(EmailMode, String)>> = HashMap::new();
    for p in q::open_setting_proposals(db, visible)
        .await
        .map_err(db_err)?
    {
        proposed
            .entry(p.entry_id)
            .or_default()
            .push((p.email_mode, p.order_number));
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let orders = proposed.get(&row.entry_id).map_or(&[][..], Vec::as_slice);
            let modes: Vec<EmailMode> = orders.iter().map(|(m, _)| *m).collect();
            let status = rule.status(row.email_mode, &modes, now);
            let order = (status != Status::Met)
                .then(|| orders.iter().find(|(m, _)| *m == rule.mode))
                .flatten()
                .map(|(_, n)| n.clone());
            SettingEvaluated { row, status, order }
        })
        .collect())
}

/// A setting item that makes an open or overdue mailbox comply.
pub(crate) struct SettingPrefill {
    pub entry_id: i64,
    pub base_version: i64,
    pub mode: EmailMode,
    pub mailbox_kind: crate::domain::org::MailboxKind,
    /// "Team Eingangszone Kiel <kiel.team-eingangszone@…> (Teampostfach)"
    pub mailbox: String,
    /// "Extern → Intern"
    pub change: String,
}

/// The items that make the agency's open and overdue mailboxes comply (those with an
/// order on the way are left alone).
pub(crate) async fn prefill(
    db: &Db,
    rule: &SettingRule,
    applies: &ScopeFilter,
    (region_id, agency_id): (i64, i64),
) -> Result<Vec<SettingPrefill>, AppError> {
    let scope = ScopeFilter::agency(region_id, agency_id);
    let now = OffsetDateTime::now_utc();
    let evaluated = evaluate(db, rule, (applies, &scope), now, Reading::Shown).await?;
    Ok(prefill_from(rule, &evaluated))
}

/// The same from mailboxes already evaluated (one agency's).
pub(crate) fn prefill_from(
    rule: &SettingRule,
    evaluated: &[SettingEvaluated],
) -> Vec<SettingPrefill> {
    evaluated
        .iter()
        .filter(|e| e.needs_order())
        .map(|e| item_for(rule, e))
        .collect()
}

/// The item that makes one mailbox comply.
pub(crate) fn item_for(rule: &SettingRule, e: &SettingEvaluated) -> SettingPrefill {
    SettingPrefill {
        entry_id: e.row.entry_id,
        base_version: e.row.version,
        mode: rule.mode,
        mailbox_kind: e.row.mailbox_kind,
        mailbox: format!(
            "{} <{}> ({})",
            e.row.mailbox_name,
            e.row.mailbox_address,
            e.row.mailbox_kind.label()
        ),
        change: format!("{} → {}", e.row.email_mode.label(), rule.mode.label()),
    }
}

pub(crate) fn tally(evaluated: &[SettingEvaluated]) -> Tally {
    evaluated.iter().map(|e| e.status).collect()
}

fn standing(e: &SettingEvaluated) -> MailboxStanding {
    let r = &e.row;
    MailboxStanding {
        address: r.mailbox_address.clone(),
        name: format!(
            "{} ({}), Dienststelle {}",
            r.mailbox_name,
            r.mailbox_kind.label(),
            r.office_name
        ),
        status_code: e.status.code().into(),
        status: e.status.label().into(),
        live: r.email_mode.label().into(),
        order: e.order.clone(),
    }
}

/// The obligation at the page's level: RDs, the agencies of one RD, or the mailboxes of
/// one agency.
pub(crate) fn obligation(
    rule: &SettingRule,
    area_name: Option<&str>,
    evaluated: &[SettingEvaluated],
    level: &Level,
    (base, can_prefill): (&str, bool),
    now: OffsetDateTime,
) -> SettingObligation {
    let group_rows = level_groups(evaluated, level, base);
    let mailboxes = match level {
        Level::Offices { .. } => {
            let mut sorted: Vec<&SettingEvaluated> = evaluated.iter().collect();
            sorted.sort_by_key(|e| e.status);
            sorted.into_iter().map(standing).collect()
        }
        _ => Vec::new(),
    };
    let deadline = rule.deadline();
    SettingObligation {
        rule: rule.describe(area_name),
        due: format_date(rule.due),
        countdown: countdown(deadline.days_left(today_berlin(now))),
        due_passed: deadline.is_past(now),
        tally: tally_view(&tally(evaluated)),
        groups: group_rows,
        mailboxes,
        can_prefill,
    }
}
