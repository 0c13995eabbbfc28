//! Compliance with a directive's obligation over the eAkte-Regelwerk: each agency's rule
//! of the Aktentyp and Dokumentart is met, underway, open or overdue
//! (`domain::eakte_obligation`), against the agency's own deadline before its
//! Umstellungstermin, rolled up per agency and RD like the other obligations.

use super::db_err;
use super::directives::{judged_by_row, level_groups, tally_view, Judged};
use crate::db::compliance::Reading;
use crate::db::eakte_compliance::{self as q, RuleLiveRow};
use crate::db::Db;
use crate::directives::model::{AgencyDue, EakteObligationView, Level, RuleStanding};
use crate::domain::calendar::{format_date, today_berlin};
use crate::domain::directive::{countdown, Status, Tally};
use crate::domain::eakte_obligation::EakteObligation;
use crate::domain::eakte_rule::entry_label;
use crate::domain::policy::ScopeFilter;
use crate::error::AppError;
use std::collections::HashMap;
use time::{Date, OffsetDateTime};

/// Each agency's Umstellungstermin for one directive: set by the Zentrale, or the
/// directive's own.
pub(crate) struct Switchovers {
    pub default: Date,
    pub set: HashMap<i64, Date>,
}

impl Switchovers {
    pub async fn load(db: &Db, directive_id: i64, default: Date) -> Result<Self, AppError> {
        let set = q::switchovers(db, directive_id)
            .await
            .map_err(db_err)?
            .into_iter()
            .collect();
        Ok(Self { default, set })
    }

    pub fn of(&self, agency_id: i64) -> Date {
        self.set.get(&agency_id).copied().unwrap_or(self.default)
    }
}

/// One rule's result.
pub(crate) struct EakteEvaluated {
    pub row: RuleLiveRow,
    pub status: Status,
    /// The order that sends it to a Postkorb of the Bereich.
    pub order: Option<String>,
}

judged_by_row!(EakteEvaluated);

/// Every rule in `visible` and where the directive applies that the obligation judges.
pub(crate) async fn evaluate(
    db: &Db,
    rule: &EakteObligation,
    switchovers: &Switchovers,
    (applies, visible): (&ScopeFilter, &ScopeFilter),
    now: OffsetDateTime,
    reading: Reading,
) -> Result<Vec<EakteEvaluated>, AppError> {
    let kinds = (rule.file_type.as_str(), rule.document_kind.as_str());
    let rows = q::live_rules(db, kinds, (visible, applies), reading)
        .await
        .map_err(db_err)?;
    let mut proposed: HashMap<i64, Vec<(String, String)>> = HashMap::new();
    for p in q::open_rule_proposals(db, visible).await.map_err(db_err)? {
        proposed
            .entry(p.entry_id)
            .or_default()
            .push((p.area, p.order_number));
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let orders = proposed.get(&row.entry_id).map_or(&[][..], Vec::as_slice);
            let areas: Vec<&str> = orders.iter().map(|(a, _)| a.as_str()).collect();
            let deadline = rule.deadline(switchovers.of(row.agency_id));
            let status = rule.status(&row.postkorb_area, &areas, deadline, now);
            let order = (status != Status::Met)
                .then(|| orders.iter().find(|(a, _)| *a == rule.area))
                .flatten()
                .map(|(_, n)| n.clone());
            EakteEvaluated { row, status, order }
        })
        .collect())
}

/// An eAkte item that makes an open or overdue rule comply.
pub(crate) struct EaktePrefill {
    pub entry_id: i64,
    pub base_version: i64,
    pub postkorb_id: i64,
    /// "1001 Alg · Widerspruch · Online-Dokument"
    pub rule: String,
    /// "Postkorb LG Kiel → Postkorb EZ Kiel"
    pub change: String,
}

/// The items that send the agency's open and overdue rules to the agency's Postkorb of
/// the Bereich (rules with an order on the way are left alone); none when the agency
/// has no such Postkorb.
pub(crate) async fn prefill_from(
    db: &Db,
    rule: &EakteObligation,
    names: &(String, String),
    evaluated: &[EakteEvaluated],
    agency_id: i64,
) -> Result<Vec<EaktePrefill>, AppError> {
    let Some((postkorb_id, postkorb)) = q::postkorb_of_area(db, agency_id, &rule.area)
        .await
        .map_err(db_err)?
    else {
        return Ok(Vec::new());
    };
    Ok(evaluated
        .iter()
        .filter(|e| e.row.agency_id == agency_id && e.needs_order())
        .map(|e| EaktePrefill {
            entry_id: e.row.entry_id,
            base_version: e.row.version,
            postkorb_id,
            rule: entry_label(&names.0, &e.row.document_type, &names.1),
            change: format!("{} → {postkorb}", e.row.postkorb),
        })
        .collect())
}

pub(crate) fn tally(evaluated: &[EakteEvaluated]) -> Tally {
    evaluated.iter().map(|e| e.status).collect()
}

fn standing(e: &EakteEvaluated) -> RuleStanding {
    RuleStanding {
        entry_id: e.row.entry_id,
        document_type: e.row.document_type.clone(),
        status_code: e.status.code().into(),
        status: e.status.label().into(),
        live: e.row.postkorb.clone(),
        order: e.order.clone(),
    }
}

/// What an obligation's section needs besides the evaluated rules.
pub(crate) struct Described<'a> {
    pub rule: &'a EakteObligation,
    /// (Aktentyp, Dokumentart, Bereich) as the page names them.
    pub names: (&'a str, &'a str, &'a str),
    pub switchovers: &'a Switchovers,
}

/// The obligation at the page's level: RDs, the agencies of one RD, or the rules of one
/// agency with its own deadline.
pub(crate) fn obligation(
    described: &Described<'_>,
    evaluated: &[EakteEvaluated],
    (level, base): (&Level, &str),
    (agency_id, can_prefill, can_set_switchover): (Option<i64>, bool, bool),
    now: OffsetDateTime,
) -> EakteObligationView {
    let Described {
        rule,
        names,
        switchovers,
    } = described;
    let rules = match level {
        Level::Offices { .. } => {
            let mut sorted: Vec<&EakteEvaluated> = evaluated.iter().collect();
            sorted.sort_by_key(|e| e.status);
            sorted.into_iter().map(standing).collect()
        }
        _ => Vec::new(),
    };
    let agency_due = agency_id
        .filter(|_| matches!(level, Level::Offices { .. }))
        .map(|agency_id| {
            let switchover = switchovers.of(agency_id);
            let deadline = rule.deadline(switchover);
            AgencyDue {
                due: format_date(deadline.date()),
                switchover: format_date(switchover),
                switchover_set: switchovers.set.contains_key(&agency_id),
                countdown: countdown(deadline.days_left(today_berlin(now))),
                due_passed: deadline.is_past(now),
            }
        });
    EakteObligationView {
        rule: rule.describe(names.0, names.1, names.2),
        agency_due,
        tally: tally_view(&tally(evaluated)),
        groups: level_groups(evaluated, level, base),
        rules,
        can_prefill,
        can_set_switchover,
    }
}
