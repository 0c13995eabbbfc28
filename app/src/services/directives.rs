//! Directives and their compliance, computed from the live configuration and the open
//! orders by the pure rules in `domain::directive`.

use super::db_err;
use crate::db::compliance::{self as cq, OfficeLiveRow, Reading};
use crate::db::directives::{self as q, DirectiveRow};
use crate::db::routing::split_addresses;
use crate::db::Db;
use crate::directives::model::{
    prefill_label, AgencyDirective, DirectiveDetail, DirectiveSummary, GroupStanding, Level,
    OfficeStanding, OpenEntry, PrefillLink, TallyView,
};
use crate::domain::calendar::{format_date, today_berlin};
use crate::domain::directive::{
    countdown, office_status, proposal, Deadline, EntryFacts, LiveEntry, MailboxFacts, Proposal,
    Status, Tally, TargetRule,
};
use crate::domain::eakte_obligation::EakteObligation;
use crate::domain::kind::Kind;
use crate::domain::org::{mailbox_may_serve, OrgLocation};
use crate::domain::policy::{decide, Action, Actor, ScopeFilter};
use crate::domain::setting_rule::SettingRule;
use crate::error::AppError;
use crate::services::context::Ctx;
use crate::services::eakte_compliance as eakte;
use crate::services::setting_compliance as settings;
use std::collections::{BTreeMap, HashMap};
use time::OffsetDateTime;

/// A directive as the rules need it.
pub(crate) struct Loaded {
    pub row: DirectiveRow,
    pub deadline: Deadline,
    pub rule: Option<TargetRule>,
    /// The obligation over the mailbox setting, with its own due day.
    pub setting_rule: Option<SettingRule>,
    /// The obligation over the eAkte-Regelwerk, due per agency before its Umstellungstermin.
    pub eakte_rule: Option<EakteObligation>,
    /// The keep-in-place locks the directive imposes (every Liegenschaftspostfach
    /// "Intern" from 01.07.2025), each as a rule over the mailbox setting; done centrally.
    pub lock_rules: Vec<SettingRule>,
    pub applies: ScopeFilter,
}

impl Loaded {
    /// The Umstellungstermin of agencies the Zentrale set none for: the directive's, or
    /// the one its deadline implies.
    fn default_switchover(&self, rule: &EakteObligation) -> time::Date {
        self.row
            .switchover_on
            .unwrap_or_else(|| self.row.deadline_on + time::Duration::days(rule.days_before.into()))
    }

    /// The eAkte obligation with every agency's Umstellungstermin, if there is one.
    pub(crate) async fn eakte(
        &self,
        db: &Db,
    ) -> Result<Option<(&EakteObligation, eakte::Switchovers)>, AppError> {
        let Some(rule) = &self.eakte_rule else {
            return Ok(None);
        };
        let switchovers =
            eakte::Switchovers::load(db, self.row.id, self.default_switchover(rule)).await?;
        Ok(Some((rule, switchovers)))
    }

    /// The eAkte obligation's rules in `visible`, evaluated, if there is one.
    async fn eakte_evaluated(
        &self,
        db: &Db,
        visible: &ScopeFilter,
        now: OffsetDateTime,
        reading: Reading,
    ) -> Result<Option<EakteJudged<'_>>, AppError> {
        let Some((rule, switchovers)) = self.eakte(db).await? else {
            return Ok(None);
        };
        let evaluated = eakte::evaluate(
            db,
            rule,
            &switchovers,
            (&self.applies, visible),
            now,
            reading,
        )
        .await?;
        Ok(Some(EakteJudged {
            rule,
            switchovers,
            evaluated,
        }))
    }
}

/// An eAkte obligation evaluated in a scope.
pub(crate) struct EakteJudged<'a> {
    pub rule: &'a EakteObligation,
    pub switchovers: eakte::Switchovers,
    pub evaluated: Vec<eakte::EakteEvaluated>,
}

pub(crate) fn deadline_of(row: &DirectiveRow) -> Deadline {
    match (row.switchover_on, row.days_before) {
        (Some(switchover), Some(days)) => Deadline::DaysBefore {
            switchover,
            days: u16::try_from(days).unwrap_or(0),
        },
        _ => Deadline::On(row.deadline_on),
    }
}

/// A stored rule; an unreadable one is logged and treated as none.
fn stored<T: serde::de::DeserializeOwned>(row: &DirectiveRow, json: Option<&str>) -> Option<T> {
    json.and_then(|json| {
        serde_json::from_str(json)
            .map_err(|e| tracing::error!(directive = %row.number, error = %e, "unreadable rule"))
            .ok()
    })
}

fn rule_of(row: &DirectiveRow) -> Option<TargetRule> {
    stored(row, row.target_rule.as_deref())
}

pub(crate) async fn load(db: &Db, row: DirectiveRow) -> Result<Loaded, AppError> {
    let applies = q::applies_to(db, row.id).await.map_err(db_err)?;
    let lock_rules = crate::db::mailbox_settings::locks(db)
        .await
        .map_err(db_err)?
        .iter()
        .filter(|l| l.directive == row.number)
        .map(|l| l.as_rule())
        .collect();
    Ok(Loaded {
        lock_rules,
        deadline: deadline_of(&row),
        rule: rule_of(&row),
        setting_rule: stored(&row, row.setting_rule.as_deref()),
        eakte_rule: stored(&row, row.eakte_rule.as_deref()),
        applies,
        row,
    })
}

pub(crate) async fn load_by_number(db: &Db, number: &str) -> Result<Loaded, AppError> {
    let row = q::by_number(db, number)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    load(db, row).await
}

/// One Dienststelle's result.
pub(crate) struct Evaluated {
    pub row: OfficeLiveRow,
    pub status: Status,
    /// The order that would make it comply.
    pub order: Option<String>,
}

fn live_facts(row: &OfficeLiveRow) -> EntryFacts {
    EntryFacts {
        office_id: row.office_id,
        area: row.area.clone().unwrap_or_default(),
        mailbox_area: row.mailbox_area.clone().unwrap_or_default(),
        mailbox_office_id: row.mailbox_office_id.unwrap_or(0),
        address_count: row
            .addresses
            .as_deref()
            .map_or(0, |a| split_addresses(a).len()),
    }
}

/// Status of every Dienststelle in `visible` where the directive applies.
pub(crate) async fn evaluate(
    db: &Db,
    d: &Loaded,
    rule: &TargetRule,
    (visible, now): (&ScopeFilter, OffsetDateTime),
    reading: Reading,
) -> Result<Vec<Evaluated>, AppError> {
    let rows = cq::live_entries(db, &rule.concern, (visible, &d.applies), reading)
        .await
        .map_err(db_err)?;
    let mut proposed: HashMap<i64, Vec<cq::ProposedRow>> = HashMap::new();
    for p in cq::open_proposals(db, &rule.concern, visible)
        .await
        .map_err(db_err)?
    {
        proposed.entry(p.entry_id).or_default().push(p);
    }
    let passed = rule.deadline(d.deadline).is_past(now);
    Ok(rows
        .into_iter()
        .map(|row| {
            let live = live_facts(&row);
            let candidates: Vec<(EntryFacts, &str)> = row
                .entry_id
                .and_then(|e| proposed.get(&e))
                .into_iter()
                .flatten()
                .map(|p| {
                    let facts = EntryFacts {
                        office_id: row.office_id,
                        area: p.area.clone(),
                        mailbox_area: p.mailbox_area.clone(),
                        mailbox_office_id: p.mailbox_office_id,
                        address_count: split_addresses(&p.addresses).len(),
                    };
                    (facts, p.order_number.as_str())
                })
                .collect();
            let facts: Vec<EntryFacts> = candidates.iter().map(|(f, _)| f.clone()).collect();
            let status = office_status(rule, &live, &facts, passed);
            let order = (status != Status::Met)
                .then(|| candidates.iter().find(|(f, _)| rule.is_met_by(f)))
                .flatten()
                .map(|(_, n)| n.to_string());
            Evaluated { row, status, order }
        })
        .collect())
}

pub(crate) fn tally_view(t: &Tally) -> TallyView {
    TallyView {
        met: t.met,
        underway: t.underway,
        open: t.open,
        overdue: t.overdue,
        total: t.total(),
        percent_met: t.percent_met(),
        status_code: t.status().code().into(),
        status: t.status().label().into(),
    }
}

fn tally_of<'a>(items: impl IntoIterator<Item = &'a Evaluated>) -> Tally {
    items.into_iter().map(|e| e.status).collect()
}

fn summary(d: &Loaded, tally: Option<&Tally>, now: OffsetDateTime) -> DirectiveSummary {
    DirectiveSummary {
        number: d.row.number.clone(),
        title: d.row.title.clone(),
        deadline: format_date(d.deadline.date()),
        countdown: countdown(d.deadline.days_left(today_berlin(now))),
        deadline_passed: d.deadline.is_past(now),
        tally: tally.map(tally_view),
        counted: counted(d),
    }
}

/// What a directive's tally counts: "Dienststellen", "Postfächer und eAkte-Regeln", …
fn counted(d: &Loaded) -> String {
    let parts: Vec<&str> = [
        (d.rule.is_some(), "Dienststellen"),
        (d.setting_rule.is_some(), "Postfächer"),
        (d.eakte_rule.is_some(), "eAkte-Regeln"),
    ]
    .into_iter()
    .filter_map(|(has, word)| has.then_some(word))
    .collect();
    match parts.as_slice() {
        [] => "Dienststellen".into(),
        [one] => (*one).into(),
        [first @ .., last] => format!("{} und {last}", first.join(", ")),
    }
}

fn visible_scope(actor: &Actor) -> ScopeFilter {
    ScopeFilter::for_action(actor, Action::ViewOrganisation)
}

fn may_manage(actor: &Actor) -> bool {
    decide(actor, Action::ManageDirectives, OrgLocation::Central).is_allowed()
}

/// The register page: the summaries, and whether the user maintains the register.
pub async fn list(ctx: &Ctx) -> Result<crate::directives::model::DirectiveList, AppError> {
    let actor = ctx.actor()?;
    let (directives, _) = overview(&ctx.state.db, &actor, false).await?;
    Ok(crate::directives::model::DirectiveList {
        can_manage: may_manage(&actor),
        directives,
    })
}

/// Every directive that applies somewhere in the actor's scope, with its standing there;
/// with `agencies`, also each filing agency's standing and open Dienststellen (the agency
/// admin's start page). Each directive is loaded once, and an agency evaluated again only
/// when it is not already the whole visible scope. Directives, and the obligations of
/// each, are evaluated side by side: reads on connections of their own, so a page waits
/// for the slowest obligation rather than for all of them in turn.
pub(crate) async fn overview(
    db: &Db,
    actor: &Actor,
    agencies: bool,
) -> Result<(Vec<DirectiveSummary>, Vec<AgencyDirective>), AppError> {
    let visible = visible_scope(actor);
    let filing = ScopeFilter::for_action(actor, Action::FileOrder);
    let now = OffsetDateTime::now_utc();
    let rows = q::all(db).await.map_err(db_err)?;
    let each = rows.into_iter().map(|row| {
        let (visible, filing) = (&visible, &filing);
        async move {
            let d = load(db, row).await?;
            if !visible.overlaps(&d.applies) {
                return Ok(None);
            }
            directive_overview(db, &d, (visible, agencies.then_some(filing)), now)
                .await
                .map(Some)
        }
    });
    let (mut summaries, mut per_agency) = (Vec::new(), Vec::new());
    for (summary, agencies) in futures_util::future::try_join_all(each)
        .await?
        .into_iter()
        .flatten()
    {
        summaries.push(summary);
        per_agency.extend(agencies);
    }
    Ok((summaries, per_agency))
}

/// One directive's summary in `visible` and, with `filing`, the standing of each agency
/// the user files for.
async fn directive_overview(
    db: &Db,
    d: &Loaded,
    (visible, filing): (&ScopeFilter, Option<&ScopeFilter>),
    now: OffsetDateTime,
) -> Result<(DirectiveSummary, Vec<AgencyDirective>), AppError> {
    // The agencies' standing reuses the rows, and names what is open.
    let reading = match filing {
        Some(_) => Reading::Shown,
        None => Reading::Tally,
    };
    let routing = async {
        match &d.rule {
            Some(rule) => evaluate(db, d, rule, (visible, now), reading)
                .await
                .map(Some),
            None => Ok(None),
        }
    };
    let (others, evaluated) = futures_util::try_join!(other_tally(db, d, visible, now), routing)?;
    let mut tally = evaluated.as_deref().map(tally_of);
    if let Some(s) = &others {
        tally.get_or_insert_with(Tally::default).merge(s);
    }
    let summary = summary(d, tally.as_ref(), now);
    let mut per_agency = Vec::new();
    let Some(filing) = filing.filter(|_| tally.is_some()) else {
        return Ok((summary, per_agency));
    };
    for (region_id, agency_id) in &filing.agencies {
        let scope = ScopeFilter::agency(*region_id, *agency_id);
        if !scope.overlaps(&d.applies) {
            continue;
        }
        let own;
        let routing = match (&d.rule, &evaluated) {
            (Some(_), Some(all)) if scope == *visible => Some(all.as_slice()),
            (Some(rule), _) => {
                own = evaluate(db, d, rule, (&scope, now), Reading::Shown).await?;
                Some(own.as_slice())
            }
            _ => None,
        };
        if let Some(a) = agency_standing(db, d, routing, (&scope, *agency_id), now).await? {
            per_agency.push(a);
        }
    }
    Ok((summary, per_agency))
}

/// The standing of the directive's obligations other than routing (mailbox setting,
/// eAkte, central locks) in `visible`, if it has any; evaluated side by side.
async fn other_tally(
    db: &Db,
    d: &Loaded,
    visible: &ScopeFilter,
    now: OffsetDateTime,
) -> Result<Option<Tally>, AppError> {
    let setting = async {
        match &d.setting_rule {
            Some(rule) => settings::evaluate(db, rule, (&d.applies, visible), now, Reading::Tally)
                .await
                .map(|e| Some(settings::tally(&e))),
            None => Ok(None),
        }
    };
    let eakte = async {
        d.eakte_evaluated(db, visible, now, Reading::Tally)
            .await
            .map(|j| j.map(|j| eakte::tally(&j.evaluated)))
    };
    let (setting, eakte, locks) = futures_util::try_join!(
        setting,
        eakte,
        lock_evaluations(db, d, (visible, now), Reading::Tally)
    )?;
    let tallies = setting
        .into_iter()
        .chain(eakte)
        .chain(locks.iter().map(|(_, e)| settings::tally(e)));
    Ok(tallies.fold(None, |sum: Option<Tally>, t| {
        let mut sum = sum.unwrap_or_default();
        sum.merge(&t);
        Some(sum)
    }))
}

/// Each central lock of the directive with the mailboxes it judges in `scope`.
async fn lock_evaluations<'d>(
    db: &Db,
    d: &'d Loaded,
    (scope, now): (&ScopeFilter, OffsetDateTime),
    reading: Reading,
) -> Result<Vec<(&'d SettingRule, Vec<settings::SettingEvaluated>)>, AppError> {
    let each = d.lock_rules.iter().map(|rule| async move {
        settings::evaluate(db, rule, (&d.applies, scope), now, reading)
            .await
            .map(|e| (rule, e))
    });
    futures_util::future::try_join_all(each).await
}

/// One agency's standing with a directive over all its obligations: the tally, what is
/// open without an order, and a pre-filled order per obligation that has something open.
async fn agency_standing(
    db: &Db,
    d: &Loaded,
    routing: Option<&[Evaluated]>,
    (scope, agency_id): (&ScopeFilter, i64),
    now: OffsetDateTime,
) -> Result<Option<AgencyDirective>, AppError> {
    let Some((agency_code, agency_name)) = crate::db::org::agency_code_name(db, agency_id)
        .await
        .map_err(db_err)?
    else {
        return Ok(None);
    };
    let mut tally: Option<Tally> = None;
    let mut open_other = Vec::new();
    let mut prefills = Vec::new();
    let mut open_offices = Vec::new();
    if let (Some(rule), Some(evaluated)) = (&d.rule, routing) {
        tally
            .get_or_insert_with(Tally::default)
            .merge(&tally_of(evaluated));
        open_offices = evaluated
            .iter()
            .filter(|e| e.needs_order())
            .map(office_standing)
            .collect();
        if !prefill_items(db, rule, evaluated, agency_id)
            .await?
            .is_empty()
        {
            prefills.push(Kind::Routing);
        }
    }
    if let Some(rule) = &d.setting_rule {
        let evaluated =
            settings::evaluate(db, rule, (&d.applies, scope), now, Reading::Shown).await?;
        tally
            .get_or_insert_with(Tally::default)
            .merge(&settings::tally(&evaluated));
        open_other.extend(
            evaluated
                .iter()
                .filter(|e| e.needs_order())
                .map(|e| OpenEntry {
                    what: format!(
                        "Postfach {} <{}>",
                        e.row.mailbox_name, e.row.mailbox_address
                    ),
                    status_code: e.status.code().into(),
                    status: e.status.label().into(),
                }),
        );
        if !settings::prefill_from(rule, &evaluated).is_empty() {
            prefills.push(Kind::MailboxSetting);
        }
    }
    if let Some(j) = d.eakte_evaluated(db, scope, now, Reading::Shown).await? {
        tally
            .get_or_insert_with(Tally::default)
            .merge(&eakte::tally(&j.evaluated));
        let names = eakte_names(db, j.rule).await?;
        open_other.extend(
            j.evaluated
                .iter()
                .filter(|e| e.needs_order())
                .map(|e| OpenEntry {
                    what: format!(
                        "eAkte-Regel {}",
                        crate::domain::eakte_rule::entry_label(
                            &names.0,
                            &e.row.document_type,
                            &names.1
                        )
                    ),
                    status_code: e.status.code().into(),
                    status: e.status.label().into(),
                }),
        );
        if !eakte::prefill_from(db, j.rule, &names, &j.evaluated, agency_id)
            .await?
            .is_empty()
        {
            prefills.push(Kind::EakteRule);
        }
    }
    let Some(tally) = tally.filter(|t| t.total() > 0) else {
        return Ok(None);
    };
    Ok(Some(AgencyDirective {
        summary: summary(d, Some(&tally), now),
        can_prefill: !prefills.is_empty(),
        prefills: prefills
            .into_iter()
            .map(|kind| PrefillLink {
                label: prefill_label(kind).into(),
                href: format!(
                    "/auftraege/neu?weisung={}&agentur={agency_code}&pflicht={}",
                    d.row.number,
                    kind.code()
                ),
            })
            .collect(),
        agency_code,
        agency_name,
        open_offices,
        open_other,
    }))
}

fn office_standing(e: &Evaluated) -> OfficeStanding {
    let r = &e.row;
    let live = match (&r.mailbox_name, &r.area_name) {
        (Some(mailbox), Some(area)) => {
            let addresses = r
                .addresses
                .as_deref()
                .map(split_addresses)
                .unwrap_or_default();
            format!(
                "{mailbox}, Bereich {area}, Benachrichtigung: {}",
                if addresses.is_empty() {
                    "keine".to_string()
                } else {
                    addresses.join(", ")
                }
            )
        }
        _ => "nicht konfiguriert".into(),
    };
    OfficeStanding {
        code: r.office_code.clone(),
        name: r.office_name.clone(),
        status_code: e.status.code().into(),
        status: e.status.label().into(),
        live,
        order: e.order.clone(),
    }
}

/// Groups by a key (RD or agency), worst first, then by share met and name.
fn groups<T>(
    items: &[T],
    status: impl Fn(&T) -> Status,
    key: impl Fn(&T) -> (String, String),
    href: impl Fn(&str) -> String,
) -> Vec<GroupStanding> {
    let mut by: BTreeMap<(String, String), Tally> = BTreeMap::new();
    for item in items {
        by.entry(key(item)).or_default().add(status(item));
    }
    let mut sorted: Vec<((String, String), Tally)> = by.into_iter().collect();
    sorted.sort_by(|(a_key, a), (b_key, b)| {
        (a.status(), a.percent_met(), &a_key.1).cmp(&(b.status(), b.percent_met(), &b_key.1))
    });
    sorted
        .into_iter()
        .map(|((code, name), t)| GroupStanding {
            href: href(&code),
            code,
            name,
            tally: tally_view(&t),
        })
        .collect()
}

/// An evaluated entry as the compliance pages group and act on it.
pub(crate) trait Judged {
    fn status(&self) -> Status;
    /// (RD code, RD name, agency code, agency name).
    fn place(&self) -> [&String; 4];
    fn agency_id(&self) -> i64;
    /// The submitted or approved order that would make it comply.
    fn order(&self) -> Option<&str>;
    /// Not met and no order on its way: what pre-filled orders, the agency's start page
    /// and reminders are about. (Overdue entries may have one.)
    fn needs_order(&self) -> bool {
        self.status() != Status::Met && self.order().is_none()
    }
}

/// `Judged` for an evaluated type with `status`, `order` and a `row` that carries the RD
/// and agency columns.
macro_rules! judged_by_row {
    ($evaluated:ty) => {
        impl $crate::services::directives::Judged for $evaluated {
            fn status(&self) -> Status {
                self.status
            }
            fn place(&self) -> [&String; 4] {
                let r = &self.row;
                [
                    &r.region_code,
                    &r.region_name,
                    &r.agency_code,
                    &r.agency_name,
                ]
            }
            fn agency_id(&self) -> i64 {
                self.row.agency_id
            }
            fn order(&self) -> Option<&str> {
                self.order.as_deref()
            }
        }
    };
}
pub(crate) use judged_by_row;

judged_by_row!(Evaluated);

/// The groups a compliance page shows at its level: the RDs, or the agencies of one RD
/// (none at agency level).
pub(crate) fn level_groups<T: Judged>(
    items: &[T],
    level: &Level,
    base: &str,
) -> Vec<GroupStanding> {
    match level {
        Level::Regions => groups(
            items,
            T::status,
            |t| {
                let [code, name, ..] = t.place();
                (code.clone(), name.clone())
            },
            |c| format!("{base}?rd={c}"),
        ),
        Level::Agencies { .. } => groups(
            items,
            T::status,
            |t| {
                let [_, _, code, name] = t.place();
                (code.clone(), name.clone())
            },
            |c| format!("{base}?agentur={c}"),
        ),
        Level::Offices { .. } => Vec::new(),
    }
}

/// Which part of the country a compliance page shows, checked against the user's scope.
/// Without `rd` or `agentur`: an agency admin's one agency, a reviewer's one RD, or all.
async fn resolve_level(
    ctx: &Ctx,
    db: &Db,
    actor: &Actor,
    visible: &ScopeFilter,
    rd: Option<&str>,
    agentur: Option<&str>,
) -> Result<(Level, ScopeFilter), AppError> {
    let given = |c: Option<&str>| {
        c.map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
    };
    let (mut agency_code, mut region_code) = (given(agentur), given(rd));
    if agency_code.is_none() && region_code.is_none() && !visible.all {
        match (visible.region_ids.as_slice(), visible.agencies.as_slice()) {
            ([], [(_, agency_id)]) => {
                agency_code = crate::db::org::agency_code_name(db, *agency_id)
                    .await
                    .map_err(db_err)?
                    .map(|(code, _)| code);
            }
            ([region_id], []) => {
                region_code = crate::db::org::region_code(db, *region_id)
                    .await
                    .map_err(db_err)?;
            }
            _ => {}
        }
    }
    if let Some(code) = agency_code {
        let a = super::org::visible_agency(ctx, actor, &code).await?;
        let scope = ScopeFilter::agency(a.region_id, a.id);
        let level = Level::Offices {
            agency_code: a.code,
            agency_name: a.name,
            region_code: a.region_code,
            region_name: a.region_name,
        };
        return Ok((level, scope));
    }
    let Some(code) = region_code else {
        return Ok((Level::Regions, visible.clone()));
    };
    let (region_id, code, name) = crate::db::org::region_by_code(db, &code)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    ctx.require(
        actor,
        Action::ViewOrganisation,
        OrgLocation::Region { region_id },
        &format!("rd:{code}"),
    )
    .await?;
    let level = Level::Agencies {
        region_code: code,
        region_name: name,
    };
    Ok((level, visible.within_region(region_id)))
}

fn deadline_rule(d: &Loaded) -> String {
    match d.deadline {
        Deadline::On(date) => format!("bis zum {}", format_date(date)),
        Deadline::DaysBefore { switchover, days } => {
            let span = if days % 7 == 0 {
                match days / 7 {
                    1 => "1 Woche".to_string(),
                    w => format!("{w} Wochen"),
                }
            } else {
                format!("{days} Tage")
            };
            format!(
                "{span} vor dem Umstellungstermin {} → {}",
                format_date(switchover),
                format_date(d.deadline.date())
            )
        }
    }
}

/// A directive with its compliance at one level (all RDs, one RD, one agency).
pub async fn detail(
    ctx: &Ctx,
    number: &str,
    rd: Option<&str>,
    agentur: Option<&str>,
) -> Result<DirectiveDetail, AppError> {
    let actor = ctx.actor()?;
    let db = ctx.db().clone();
    let visible = visible_scope(&actor);
    let d = load_by_number(&db, number.trim()).await?;
    if !visible.overlaps(&d.applies) {
        return Err(AppError::NotFound);
    }
    let (level, scope) = resolve_level(ctx, &db, &actor, &visible, rd, agentur).await?;
    let now = OffsetDateTime::now_utc();
    // Every obligation side by side; each once, for its section and its pre-filled order.
    let routing = async {
        match &d.rule {
            Some(rule) => evaluate(&db, &d, rule, (&scope, now), Reading::Shown).await,
            None => Ok(Vec::new()),
        }
    };
    let setting = async {
        match &d.setting_rule {
            Some(rule) => settings::evaluate(&db, rule, (&d.applies, &scope), now, Reading::Shown)
                .await
                .map(Some),
            None => Ok(None),
        }
    };
    let (evaluated, setting_evaluated, eakte_judged, lock_evaluated) = futures_util::try_join!(
        routing,
        setting,
        d.eakte_evaluated(&db, &scope, now, Reading::Shown),
        lock_evaluations(&db, &d, (&scope, now), Reading::Shown),
    )?;
    let tally = d.rule.as_ref().map(|_| tally_of(&evaluated));
    let base = format!("/weisungen/{}", d.row.number);
    let group_rows = level_groups(&evaluated, &level, &base);
    let eakte_names = match &d.eakte_rule {
        Some(rule) => eakte_names(&db, rule).await?,
        None => Default::default(),
    };
    // Each obligation offers its own pre-filled order, where the user may file for the agency.
    let filer = match (&level, scope.agencies.first()) {
        (Level::Offices { .. }, Some((region_id, agency_id))) => {
            may_file(&actor, *region_id, *agency_id).then_some(*agency_id)
        }
        _ => None,
    };
    let mut can_prefill = Prefillable::default();
    if let Some(agency_id) = filer {
        if let Some(rule) = &d.rule {
            can_prefill.routing = !prefill_items(&db, rule, &evaluated, agency_id)
                .await?
                .is_empty();
        }
        if let (Some(rule), Some(evaluated)) = (&d.setting_rule, &setting_evaluated) {
            can_prefill.setting = !settings::prefill_from(rule, evaluated).is_empty();
        }
        if let Some(j) = &eakte_judged {
            can_prefill.eakte =
                !eakte::prefill_from(&db, j.rule, &eakte_names, &j.evaluated, agency_id)
                    .await?
                    .is_empty();
        }
    }
    let offices = match &level {
        Level::Regions | Level::Agencies { .. } => Vec::new(),
        Level::Offices { .. } => {
            let mut offices: Vec<&Evaluated> = evaluated.iter().collect();
            offices.sort_by_key(|e| e.status);
            offices.into_iter().map(office_standing).collect()
        }
    };
    let areas: HashMap<String, String> = q::area_names(&db)
        .await
        .map_err(db_err)?
        .into_iter()
        .collect();
    let area_name = |c: &str| areas.get(c).cloned().unwrap_or_else(|| c.to_string());
    // The header counts every obligation; each section its own.
    let mut overall = tally;
    let setting = match (&d.setting_rule, &setting_evaluated) {
        (Some(rule), Some(evaluated)) => {
            overall
                .get_or_insert_with(Tally::default)
                .merge(&settings::tally(evaluated));
            Some(settings::obligation(
                rule,
                rule.area.as_deref().map(area_name).as_deref(),
                evaluated,
                &level,
                (&base, can_prefill.setting),
                now,
            ))
        }
        _ => None,
    };
    let eakte_section = eakte_judged.map(|j| {
        overall
            .get_or_insert_with(Tally::default)
            .merge(&eakte::tally(&j.evaluated));
        let described = eakte::Described {
            rule: j.rule,
            names: (&eakte_names.0, &eakte_names.1, &area_name(&j.rule.area)),
            switchovers: &j.switchovers,
        };
        let agency_id = scope.agencies.first().map(|(_, a)| *a);
        let agency = (agency_id, can_prefill.eakte, may_manage(&actor));
        eakte::obligation(&described, &j.evaluated, (&level, &base), agency, now)
    });
    // Locks are done centrally: no agency pre-fills them; the Zentrale files one batch.
    let mut locks = Vec::new();
    let mut lock_open = false;
    for (rule, evaluated) in &lock_evaluated {
        overall
            .get_or_insert_with(Tally::default)
            .merge(&settings::tally(evaluated));
        lock_open |= evaluated.iter().any(|e| e.needs_order());
        locks.push(settings::obligation(
            rule,
            None,
            evaluated,
            &level,
            (&base, false),
            now,
        ));
    }
    let can_lock_centrally =
        lock_open && decide(&actor, Action::FileCentralOrder, OrgLocation::Central).is_allowed();
    let batches = crate::db::order_batches::of_directive(&db, d.row.id)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|b| crate::directives::model::BatchLink {
            label: format!(
                "{} vom {}",
                b.number,
                crate::domain::calendar::format_berlin(b.created_at)
            ),
            number: b.number,
        })
        .collect();
    let concern = match &d.rule {
        Some(rule) => q::concern_name(&db, &rule.concern).await.map_err(db_err)?,
        None => None,
    };
    let named = q::scope_names(&db, d.row.id).await.map_err(db_err)?;
    Ok(DirectiveDetail {
        summary: summary(&d, overall.as_ref(), now),
        issued_on: format_date(d.row.issued_on),
        valid: match d.row.valid_until {
            Some(until) => format!(
                "{} bis {}",
                format_date(d.row.valid_from),
                format_date(until)
            ),
            None => format!("ab {}", format_date(d.row.valid_from)),
        },
        reference_code: d.row.reference_code.clone(),
        legal_area: d.row.legal_area.clone(),
        deadline_text: d.row.deadline_text.clone(),
        deadline_rule: deadline_rule(&d),
        concern,
        conditions: d
            .rule
            .iter()
            .flat_map(|r| r.conditions.iter().map(|c| c.describe(area_name)))
            .collect(),
        limited_to_concern: d.row.limited_to_concern,
        rule_due: d.rule.as_ref().and_then(|r| r.due).map(|due| {
            format!(
                "{} ({})",
                format_date(due),
                countdown(Deadline::On(due).days_left(today_berlin(now)))
            )
        }),
        applies_to: if named.is_empty() {
            "alle Agenturen".into()
        } else {
            named
                .into_iter()
                .map(|(_, n)| n)
                .collect::<Vec<_>>()
                .join(", ")
        },
        level,
        tally: tally.as_ref().map(tally_view),
        groups: group_rows,
        offices,
        can_prefill: can_prefill.routing,
        can_edit: may_manage(&actor),
        setting,
        eakte: eakte_section,
        locks,
        can_lock_centrally,
        today: format_date(today_berlin(now)),
        batches,
    })
}

/// (Aktentyp, Dokumentart) of an eAkte obligation as the pages name them.
async fn eakte_names(db: &Db, rule: &EakteObligation) -> Result<(String, String), AppError> {
    Ok(
        crate::db::eakte_compliance::names(db, &rule.file_type, &rule.document_kind)
            .await
            .map_err(db_err)?
            .unwrap_or_else(|| (rule.file_type.clone(), rule.document_kind.clone())),
    )
}

/// Which obligations offer a pre-filled order on the directive's page.
#[derive(Default)]
struct Prefillable {
    routing: bool,
    setting: bool,
    eakte: bool,
}

fn may_file(actor: &Actor, region_id: i64, agency_id: i64) -> bool {
    decide(
        actor,
        Action::FileOrder,
        OrgLocation::Agency {
            region_id,
            agency_id,
        },
    )
    .is_allowed()
}

/// A proposed item for an open Dienststelle, with the mailbox it points to.
pub(crate) struct PrefillItem {
    pub office_code: String,
    pub office_name: String,
    pub mailbox_id: i64,
    pub mailbox_name: String,
    pub area_id: i64,
    pub addresses: Vec<String>,
}

/// The items that would make the agency's open and overdue Dienststellen comply (those
/// with an order on the way are left alone; those no mailbox fits are skipped).
pub(crate) async fn prefill_items(
    db: &Db,
    rule: &TargetRule,
    evaluated: &[Evaluated],
    agency_id: i64,
) -> Result<Vec<PrefillItem>, AppError> {
    let mailboxes = cq::routable_mailboxes(db, agency_id)
        .await
        .map_err(db_err)?;
    let mut out = Vec::new();
    for e in evaluated
        .iter()
        .filter(|e| e.row.agency_id == agency_id && e.needs_order())
    {
        let (Some(_), Some(mailbox_id)) = (e.row.entry_id, e.row.mailbox_id) else {
            continue;
        };
        let live = LiveEntry {
            facts: live_facts(&e.row),
            mailbox_id,
            addresses: e
                .row
                .addresses
                .as_deref()
                .map(split_addresses)
                .unwrap_or_default(),
        };
        // Only mailboxes an item may name for this Dienststelle (the form's rule).
        let facts: Vec<MailboxFacts> = mailboxes
            .iter()
            .filter(|m| {
                m.place(agency_id)
                    .is_some_and(|p| mailbox_may_serve(live.facts.office_id, agency_id, p))
            })
            .map(|m| MailboxFacts {
                id: m.id,
                office_id: m.office_id,
                area: m.area.clone(),
                address: m.address.clone(),
            })
            .collect();
        let Some(Proposal {
            mailbox_id,
            addresses,
            ..
        }) = proposal(rule, &live, &facts)
        else {
            continue;
        };
        let Some(m) = mailboxes.iter().find(|m| m.id == mailbox_id) else {
            continue;
        };
        out.push(PrefillItem {
            office_code: e.row.office_code.clone(),
            office_name: e.row.office_name.clone(),
            mailbox_id,
            mailbox_name: format!("{} <{}>", m.name, m.address),
            area_id: m.area_id,
            addresses,
        });
    }
    Ok(out)
}

/// What a pre-filled order for one agency holds: routing items for its open
/// Dienststellen and setting items for its open mailboxes.
pub(crate) struct Prefilled {
    pub directive: Loaded,
    pub routing: Vec<PrefillItem>,
    pub settings: Vec<settings::SettingPrefill>,
    pub eakte: Vec<eakte::EaktePrefill>,
}

/// The items that would make one agency comply with a directive; None when the
/// directive has no measurable rule.
pub(crate) async fn prefill_for(
    db: &Db,
    directive: &str,
    (region_id, agency_id): (i64, i64),
    only: Option<Kind>,
) -> Result<Option<Prefilled>, AppError> {
    let mut d = load_by_number(db, directive.trim()).await?;
    // One obligation only: the others are left out of this order.
    if let Some(kind) = only {
        if kind != Kind::Routing {
            d.rule = None;
        }
        if kind != Kind::MailboxSetting {
            d.setting_rule = None;
        }
        if kind != Kind::EakteRule {
            d.eakte_rule = None;
        }
    }
    if d.rule.is_none() && d.setting_rule.is_none() && d.eakte_rule.is_none() {
        return Ok(None);
    }
    let routing = match &d.rule {
        Some(rule) => {
            let scope = ScopeFilter::agency(region_id, agency_id);
            let at = (&scope, OffsetDateTime::now_utc());
            let evaluated = evaluate(db, &d, rule, at, Reading::Shown).await?;
            prefill_items(db, rule, &evaluated, agency_id).await?
        }
        None => Vec::new(),
    };
    let settings = match &d.setting_rule {
        Some(rule) => settings::prefill(db, rule, &d.applies, (region_id, agency_id)).await?,
        None => Vec::new(),
    };
    let scope = ScopeFilter::agency(region_id, agency_id);
    let eakte = match d
        .eakte_evaluated(db, &scope, OffsetDateTime::now_utc(), Reading::Shown)
        .await?
    {
        Some(j) => {
            let names = eakte_names(db, j.rule).await?;
            eakte::prefill_from(db, j.rule, &names, &j.evaluated, agency_id).await?
        }
        None => Vec::new(),
    };
    Ok(Some(Prefilled {
        directive: d,
        routing,
        settings,
        eakte,
    }))
}

/// Refuses items outside the Anliegen of a directive that limits orders to it.
pub(crate) async fn check_concern_limit(
    db: &Db,
    directive_number: Option<&str>,
    concern_codes: &[&str],
) -> Result<(), AppError> {
    let Some(number) = directive_number.filter(|n| !n.trim().is_empty()) else {
        return Ok(());
    };
    let Some(row) = q::by_number(db, number.trim()).await.map_err(db_err)? else {
        return Ok(());
    };
    if !row.limited_to_concern {
        return Ok(());
    }
    let Some(rule) = rule_of(&row) else {
        return Ok(());
    };
    if concern_codes.iter().all(|c| *c == rule.concern) {
        return Ok(());
    }
    let name = q::concern_name(db, &rule.concern)
        .await
        .map_err(db_err)?
        .unwrap_or(rule.concern);
    Err(AppError::Validation(vec![
        crate::domain::fields::FieldError::new(
            "anliegen",
            format!(
                "Aufträge zur Weisung {} dürfen ausschließlich das Anliegen „{name}“ ändern.",
                row.number
            ),
        ),
    ]))
}

/// (number, title) of every directive, newest deadline first, for a select.
pub async fn choices(db: &crate::db::Db) -> Result<Vec<(String, String)>, AppError> {
    Ok(crate::db::directives::all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|d| (d.number, d.title))
        .collect())
}

/// Numbers of the directives in force today whose rule (`T` read from `column`) `names`
/// something: a catalogue entry they name cannot be deactivated.
pub(crate) async fn in_force_naming<T: serde::de::DeserializeOwned>(
    r: &mut crate::db::write::Reader<'_>,
    column: crate::db::directives::RuleColumn,
    names: impl Fn(&T) -> bool,
) -> Result<Vec<String>, AppError> {
    let today = today_berlin(time::OffsetDateTime::now_utc());
    Ok(q::with_rule(r, column)
        .await
        .map_err(db_err)?
        .into_iter()
        .filter(|(_, until, rule)| {
            crate::domain::directive::in_force(*until, today)
                && serde_json::from_str::<T>(rule).is_ok_and(|t| names(&t))
        })
        .map(|(number, _, _)| number)
        .collect())
}
