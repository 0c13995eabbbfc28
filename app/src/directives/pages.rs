//! The directive pages: the register with each directive's standing, and one directive
//! with its compliance from all RDs down to the Dienststellen.

use super::SetSwitchover;
use super::{
    directive_href, fetch_directive, fetch_directives, prefill_label, BatchLink, DirectiveDetail,
    DirectiveList, DirectiveSummary, EakteObligationView, GroupStanding, Level, MailboxStanding,
    OfficeStanding, RuleStanding, SettingObligation, TallyView,
};
use crate::domain::kind::Kind;
use crate::ui::errors::ErrorSummary;
use crate::ui::form::{action_error, field_error};
use crate::ui::layout::LoadedPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// A status as text with its colour (the text carries the meaning, the colour helps).
pub fn status_badge(code: String, label: String) -> impl IntoView {
    view! { <span class=format!("status status--{code}")>{label}</span> }
}

fn tally_cells(t: TallyView) -> impl IntoView {
    view! {
        <td>{status_badge(t.status_code, t.status)}</td>
        <td class="num">{format!("{} %", t.percent_met)}</td>
        <td class="num">{t.met}</td>
        <td class="num">{t.underway}</td>
        <td class="num">{t.open}</td>
        <td class="num">{t.overdue}</td>
    }
}

fn tally_headers() -> impl IntoView {
    view! {
        <th scope="col">"Status"</th>
        <th scope="col">"erfüllt (Anteil)"</th>
        <th scope="col">"erfüllt"</th>
        <th scope="col">"Auftrag unterwegs"</th>
        <th scope="col">"offen"</th>
        <th scope="col">"überfällig"</th>
    }
}

/// The deadline with its countdown, e.g. "06.10.2025 (seit 3 Tagen abgelaufen)".
pub fn deadline_line(s: &DirectiveSummary) -> String {
    format!("{} ({})", s.deadline, s.countdown)
}

#[component]
pub fn DirectivesPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_directives());
    view! {
        <Title text="Weisungen" />
        <LoadedPage title="Weisungen" data render=directives_list />
    }
}

fn directives_list(list: DirectiveList) -> impl IntoView {
    view! {
        <h1>"Weisungen und Fristen"</h1>
        <p>"Stand der Umsetzung in Ihrem Zuständigkeitsbereich, aus der gültigen Konfiguration und den eingereichten oder genehmigten Aufträgen berechnet."</p>
        {list.can_manage.then(|| view! { <p><a class="button" href="/weisungen/neu">"Neue Weisung anlegen"</a></p> })}
        {directive_table(list.directives)}
    }
}

/// The register as a table; also on the start page.
pub fn directive_table(list: Vec<DirectiveSummary>) -> impl IntoView {
    if list.is_empty() {
        return view! { <p role="status">"Für Ihren Bereich gelten keine Weisungen."</p> }
            .into_any();
    }
    view! {
        <table>
            <caption>"Weisungen mit Frist und Stand"</caption>
            <thead><tr>
                <th scope="col">"Weisung"</th>
                <th scope="col">"Titel"</th>
                <th scope="col">"Frist"</th>
                <th scope="col">"Stand"</th>
            </tr></thead>
            <tbody>
                {list.into_iter().map(|s| {
                    let deadline = deadline_line(&s);
                    let standing = match s.tally {
                        Some(t) => view! {
                            {status_badge(t.status_code, t.status)}
                            " "
                            {format!("{} von {} {} erfüllt ({} %)", t.met, t.total, s.counted, t.percent_met)}
                        }.into_any(),
                        None => view! { <span class="small">"keine messbare Zielregel"</span> }.into_any(),
                    };
                    view! {
                        <tr>
                            <td><a href=directive_href(&s.number)>{s.number.clone()}</a></td>
                            <td>{s.title}</td>
                            <td>{deadline}</td>
                            <td>{standing}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
pub fn DirectivePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    // A new Umstellungstermin changes deadlines and standings: the page loads again.
    let switchover = ServerAction::<SetSwitchover>::new();
    let data = Resource::new(
        move || {
            let q = query.read();
            (
                params.read().get("nummer").unwrap_or_default(),
                q.get("rd"),
                q.get("agentur"),
                switchover.version().get(),
            )
        },
        |(number, rd, agency, _)| fetch_directive(number, rd, agency),
    );
    view! {
        <LoadedPage title="Weisung" data render=move |d: DirectiveDetail| view! { <Directive d switchover /> } />
    }
}

#[component]
fn Directive(d: DirectiveDetail, switchover: ServerAction<SetSwitchover>) -> impl IntoView {
    let number = d.summary.number.clone();
    let title = format!("Weisung {number}");
    let base = directive_href(&number);
    let crumbs = match &d.level {
        Level::Regions => Vec::new(),
        Level::Agencies { region_name, .. } => vec![(None, region_name.clone())],
        Level::Offices {
            agency_name,
            region_code,
            region_name,
            ..
        } => vec![
            (
                Some(format!("{base}?rd={region_code}")),
                region_name.clone(),
            ),
            (None, agency_name.clone()),
        ],
    };
    let level_heading = match &d.level {
        Level::Regions => "Stand je Regionaldirektion".to_string(),
        Level::Agencies { region_name, .. } => format!("Stand je Agentur – {region_name}"),
        Level::Offices { agency_name, .. } => format!("Stand je Dienststelle – {agency_name}"),
    };
    // Each obligation offers a draft with only its own items.
    let prefill_href = |can: bool, kind: Kind| match &d.level {
        Level::Offices { agency_code, .. } if can => Some(format!(
            "/auftraege/neu?weisung={number}&agentur={agency_code}&pflicht={}",
            kind.code()
        )),
        _ => None,
    };
    let routing_prefill = prefill_href(d.can_prefill, Kind::Routing);
    let setting_prefill = d
        .setting
        .as_ref()
        .and_then(|s| prefill_href(s.can_prefill, Kind::MailboxSetting));
    let eakte_prefill = d
        .eakte
        .as_ref()
        .and_then(|e| prefill_href(e.can_prefill, Kind::EakteRule));
    view! {
        <Title text=title.clone() />
        <nav aria-label="Brotkrumennavigation" class="breadcrumbs">
            <ol>
                <li><a href="/weisungen">"Weisungen"</a></li>
                <li><a href=base.clone()>{number.clone()}</a></li>
                {crumbs.into_iter().map(|(href, name)| match href {
                    Some(href) => view! { <li><a href=href>{name}</a></li> }.into_any(),
                    None => view! { <li aria-current="page">{name}</li> }.into_any(),
                }).collect_view()}
            </ol>
        </nav>
        <h1>{title}</h1>
        <p class="lead">{d.summary.title.clone()}</p>
        {d.can_edit.then(|| view! { <p><a href=format!("{base}/bearbeiten")>"Weisung bearbeiten"</a></p> })}
        <dl class="facts">
            <dt>"Frist"</dt><dd>{deadline_line(&d.summary)}</dd>
            <dt>"Fristregel"</dt><dd>{d.deadline_rule.clone()}</dd>
            <dt>"Vom"</dt><dd>{d.issued_on.clone()}</dd>
            <dt>"Gültig"</dt><dd>{d.valid.clone()}</dd>
            <dt>"Rechtskreis"</dt><dd>{d.legal_area.clone()}</dd>
            <dt>"Geschäftszeichen"</dt><dd>{d.reference_code.clone()}</dd>
            <dt>"Gilt für"</dt><dd>{d.applies_to.clone()}</dd>
            <dt>"Auftrag"</dt><dd>{d.deadline_text.clone()}</dd>
            {d.concern.clone().map(|concern| view! {
                <dt>"Zielregel"</dt>
                <dd>
                    {format!("Anliegen „{concern}“:")}
                    <ul>{d.conditions.clone().into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
                    {d.rule_due.clone().map(|due| view! { <p>{format!("Eigene Frist dieser Zielregel: {due}")}</p> })}
                    {d.limited_to_concern.then(|| view! {
                        <p>{format!("Aufträge zu dieser Weisung dürfen ausschließlich das Anliegen „{concern}“ ändern.")}</p>
                    })}
                </dd>
            })}
        </dl>
        {match d.tally.clone() {
            None if d.setting.is_some() || d.eakte.is_some() => ().into_any(),
            None => view! {
                <p class="notice" role="note">"Diese Weisung hat keine messbare Zielregel; ihr Stand wird nicht berechnet."</p>
            }.into_any(),
            Some(total) => view! {
                <section class="panel" aria-labelledby="stand">
                    <h2 id="stand">{level_heading}</h2>
                    <p>
                        {status_badge(total.status_code.clone(), total.status.clone())}
                        " "
                        {format!("{} von {} Dienststellen erfüllt ({} %), {} mit Auftrag unterwegs, {} offen, {} überfällig.",
                            total.met, total.total, total.percent_met, total.underway, total.open, total.overdue)}
                    </p>
                    {routing_prefill.clone().map(|href| view! {
                        <p><a class="button" href=href>{prefill_label(Kind::Routing)}</a></p>
                    })}
                    {group_table(d.groups.clone(), &d.level, "Dienststellen")}
                    {office_table(d.offices.clone())}
                </section>
            }.into_any(),
        }}
        {d.setting.clone().map(|s| view! { <SettingSection s level=d.level.clone() prefill=setting_prefill.clone() lock=None /> })}
        {d.eakte.clone().map(|e| view! { <EakteSection e number=number.clone() level=d.level.clone() prefill=eakte_prefill.clone() switchover /> })}
        {d.locks.clone().into_iter().enumerate().map(|(i, s)| view! {
            <SettingSection s level=d.level.clone() prefill=None lock=Some(i + 1) />
        }).collect_view()}
        {(!d.locks.is_empty()).then(|| view! {
            <CentralLock number=number.clone() can_file=d.can_lock_centrally today=d.today.clone() batches=d.batches.clone() />
        })}
    }
}

/// The Zentrale's batch order for every mailbox the directive locks that is not locked
/// yet, and the batches already filed.
#[component]
fn CentralLock(
    number: String,
    can_file: bool,
    today: String,
    batches: Vec<BatchLink>,
) -> impl IntoView {
    let action = ServerAction::<crate::orders::batch::FileCentralLock>::new();
    let error = action_error(action.value());
    let justification = format!(
        "Zentrale Sperrung des externen Mailempfangs nach Weisung {number} für die noch nicht gesperrten Postfächer."
    );
    view! {
        <section class="panel" aria-labelledby="sammelauftrag">
            <h2 id="sammelauftrag">"Sammelauftrag der Zentrale"</h2>
            {if batches.is_empty() {
                view! { <p>"Zu dieser Weisung wurde noch kein Sammelauftrag angelegt."</p> }.into_any()
            } else {
                view! {
                    <ul>{batches.into_iter().map(|b| view! {
                        <li><a href=crate::orders::batch::batch_href(&b.number)>{b.label}</a></li>
                    }).collect_view()}</ul>
                }.into_any()
            }}
            {can_file.then(|| view! {
                <ActionForm action>
                    <fieldset>
                        <legend>"Alle noch nicht gesperrten Postfächer sperren"</legend>
                        <p class="field__hint">"Je Agentur entsteht ein Auftrag mit allen ihren noch nicht gesperrten Postfächern; er geht sofort an das RIM der Regionaldirektion. Postfächer mit einem Auftrag unterwegs bleiben außen vor."</p>
                        {move || error.get().map(|error| view! { <ErrorSummary error id="sammelauftrag-fehler" /> })}
                        <input type="hidden" name="weisung" value=number.clone() />
                        <crate::orders::batch::BatchHeaderFields prefix="sammel"
                            justification=justification.clone() today=today.clone() error />
                        <button type="submit" class="button">"Sammelauftrag anlegen"</button>
                    </fieldset>
                </ActionForm>
            })}
        </section>
    }
}

/// The obligation over the eAkte-Regelwerk: its rule, each agency's deadline before its
/// Umstellungstermin and the standing at the level.
#[component]
fn EakteSection(
    e: EakteObligationView,
    number: String,
    level: Level,
    prefill: Option<String>,
    switchover: ServerAction<SetSwitchover>,
) -> impl IntoView {
    let t = e.tally.clone();
    let due = match &e.agency_due {
        Some(a) => format!(
            "{} ({}), Umstellungstermin der Agentur {}{}",
            a.due,
            a.countdown,
            a.switchover,
            if a.switchover_set {
                ""
            } else {
                " (Termin der Weisung)"
            }
        ),
        None => "je Agentur vor ihrem Umstellungstermin".to_string(),
    };
    view! {
        <section class="panel" aria-labelledby="stand-eakte">
            <h2 id="stand-eakte">"eAkte-Regelwerk"</h2>
            <dl class="facts">
                <dt>"Zielregel"</dt><dd>{e.rule.clone()}</dd>
                <dt>"Frist"</dt><dd>{due}</dd>
            </dl>
            <p>
                {status_badge(t.status_code.clone(), t.status.clone())}
                " "
                {format!("{} von {} eAkte-Regeln erfüllt ({} %), {} mit Auftrag unterwegs, {} offen, {} überfällig.",
                    t.met, t.total, t.percent_met, t.underway, t.open, t.overdue)}
            </p>
            {prefill.map(|href| view! {
                <p><a class="button" href=href>{prefill_label(Kind::EakteRule)}</a></p>
            })}
            {e.can_set_switchover.then(|| view! { <SwitchoverForm number level=level.clone() current=e.agency_due.as_ref().map(|a| a.switchover.clone()) action=switchover /> })}
            {group_table(e.groups.clone(), &level, "eAkte-Regeln")}
            {rule_table(e.rules.clone())}
        </section>
    }
}

/// The Zentrale sets the Umstellungstermin: of the agency at agency level, else of every
/// agency at once.
#[component]
fn SwitchoverForm(
    number: String,
    level: Level,
    current: Option<String>,
    action: ServerAction<SetSwitchover>,
) -> impl IntoView {
    let error = action_error(action.value());
    let (agency, legend) = match &level {
        Level::Offices {
            agency_code,
            agency_name,
            ..
        } => (
            Some(agency_code.clone()),
            format!("Umstellungstermin der {agency_name} festlegen"),
        ),
        _ => (
            None,
            "Umstellungstermin aller Agenturen festlegen".to_string(),
        ),
    };
    view! {
        <ActionForm action>
            <fieldset>
                <legend>{legend}</legend>
                {move || error.get().map(|error| view! { <ErrorSummary error id="umstellung-fehler" /> })}
                <input type="hidden" name="nummer" value=number />
                {agency.map(|a| view! { <input type="hidden" name="agentur" value=a /> })}
                <div class="field">
                    <label for="umstellung-datum">"Umstellungstermin (TT.MM.JJJJ)"</label>
                    {let e = field_error(error, "datum"); move || e.get().map(|m| view! { <p class="field__error" id="umstellung-datum-fehler">{m}</p> })}
                    <input id="umstellung-datum" name="datum" inputmode="numeric" autocomplete="off"
                        aria-describedby="umstellung-datum-fehler" value=current.unwrap_or_default() />
                </div>
                <button type="submit" class="button">"Umstellungstermin speichern"</button>
            </fieldset>
        </ActionForm>
    }
}

/// eAkte rules with their status, the live Ziel-Postkorb and the order on the way.
fn rule_table(rules: Vec<RuleStanding>) -> impl IntoView {
    let rows = rules
        .into_iter()
        .map(|r| StandingRow {
            head: view! { <a href=format!("/eakte-regel/{}", r.entry_id)>{r.document_type}</a> }
                .into_any(),
            status: (r.status_code, r.status),
            live: r.live,
            order: r.order,
        })
        .collect();
    standing_table(
        "eAkte-Regeln, überfällige zuerst",
        ["Dokumenttyp", "Ziel-Postkorb"],
        rows,
    )
}

/// An obligation over the mailbox setting: its rule, due day and standing at the level.
/// `lock`: the number of a lock the directive imposes centrally (kept from its day on),
/// which no agency pre-fills.
#[component]
fn SettingSection(
    s: SettingObligation,
    level: Level,
    prefill: Option<String>,
    lock: Option<usize>,
) -> impl IntoView {
    let t = s.tally.clone();
    let (id, heading, due_term, due, met) = match lock {
        None => (
            "stand-einstellung".to_string(),
            "E-Mail-Kommunikation der Postfächer",
            "Frist",
            format!("{} ({})", s.due, s.countdown),
            "erfüllt",
        ),
        Some(n) => (
            format!("stand-sperre-{n}"),
            "Zentrale Sperre",
            "Gesperrt ab",
            format!("{} ({}); die Sperre ist beizubehalten", s.due, s.countdown),
            "gesperrt",
        ),
    };
    let labelled_by = id.clone();
    view! {
        <section class="panel" aria-labelledby=labelled_by>
            <h2 id=id>{heading}</h2>
            <dl class="facts">
                <dt>"Zielregel"</dt><dd>{s.rule.clone()}</dd>
                <dt>{due_term}</dt><dd>{due}</dd>
            </dl>
            <p>
                {status_badge(t.status_code.clone(), t.status.clone())}
                " "
                {format!("{} von {} Postfächern {met} ({} %), {} mit Auftrag unterwegs, {} offen, {} überfällig.",
                    t.met, t.total, t.percent_met, t.underway, t.open, t.overdue)}
            </p>
            {prefill.map(|href| view! {
                <p><a class="button" href=href>{prefill_label(Kind::MailboxSetting)}</a></p>
            })}
            {group_table(s.groups.clone(), &level, "Postfächer")}
            {mailbox_table(s.mailboxes.clone())}
        </section>
    }
}

/// Mailboxes with their status, the live setting and the order on the way.
fn mailbox_table(mailboxes: Vec<MailboxStanding>) -> impl IntoView {
    let rows = mailboxes
        .into_iter()
        .map(|m| StandingRow {
            head: view! { {m.name}<br /><span class="small">{m.address}</span> }.into_any(),
            status: (m.status_code, m.status),
            live: m.live,
            order: m.order,
        })
        .collect();
    standing_table(
        "Postfächer, überfällige zuerst",
        ["Postfach", "E-Mail-Kommunikation"],
        rows,
    )
}

/// One row of a standing table: what is judged, its status, live value and order.
struct StandingRow {
    head: AnyView,
    /// (code, label)
    status: (String, String),
    live: String,
    order: Option<String>,
}

/// `columns`: the heads of the first and the live value's column.
fn standing_table(
    caption: &'static str,
    columns: [&'static str; 2],
    rows: Vec<StandingRow>,
) -> impl IntoView {
    if rows.is_empty() {
        return ().into_any();
    }
    view! {
        <table>
            <caption>{caption}</caption>
            <thead><tr>
                <th scope="col">{columns[0]}</th>
                <th scope="col">"Status"</th>
                <th scope="col">{columns[1]}</th>
                <th scope="col">"Auftrag"</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr>
                        <th scope="row">{r.head}</th>
                        <td>{status_badge(r.status.0, r.status.1)}</td>
                        <td>{r.live}</td>
                        <td>{order_link(r.order)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

fn order_link(order: Option<String>) -> impl IntoView {
    match order {
        Some(n) => view! { <a href=crate::orders::order_href(&n)>{n.clone()}</a> }.into_any(),
        None => "–".into_any(),
    }
}

/// RDs or agencies with their tallies; `counted` names the last column ("Dienststellen").
fn group_table(groups: Vec<GroupStanding>, level: &Level, counted: &'static str) -> impl IntoView {
    if groups.is_empty() {
        return ().into_any();
    }
    let (caption, head) = match level {
        Level::Regions => (
            "Regionaldirektionen, überfällige zuerst",
            "Regionaldirektion",
        ),
        _ => ("Agenturen, überfällige zuerst", "Agentur"),
    };
    view! {
        <table>
            <caption>{caption}</caption>
            <thead><tr><th scope="col">{head}</th>{tally_headers()}<th scope="col">{counted}</th></tr></thead>
            <tbody>
                {groups.into_iter().map(|g| {
                    let total = g.tally.total;
                    view! {
                        <tr>
                            <th scope="row"><a href=g.href>{g.name}</a></th>
                            {tally_cells(g.tally)}
                            <td class="num">{total}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// Dienststellen with their status, the live routing and the order on the way.
pub fn office_table(offices: Vec<OfficeStanding>) -> impl IntoView {
    let rows = offices
        .into_iter()
        .map(|o| StandingRow {
            head: view! { <a href=format!("/routing/dienststelle/{}", o.code)>{o.name}</a> }
                .into_any(),
            status: (o.status_code, o.status),
            live: o.live,
            order: o.order,
        })
        .collect();
    standing_table(
        "Dienststellen, überfällige zuerst",
        ["Dienststelle", "Gültige Konfiguration"],
        rows,
    )
}
