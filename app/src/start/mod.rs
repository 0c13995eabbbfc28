//! The start page: who am I, in which roles and scope, and what needs my attention.

use crate::auth::Me;
use crate::directives::pages::{deadline_line, directive_table, office_table, status_badge};
use crate::directives::{directive_href, AgencyDirective, DirectiveSummary, OpenEntry};
use crate::error::AppError;
use crate::ui::errors::ErrorPanel;
use crate::ui::layout::Protected;
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartData {
    pub agencies: i64,
    pub offices: i64,
    pub mailboxes: i64,
    /// Every directive that applies in the user's scope, with its standing there.
    pub directives: Vec<DirectiveSummary>,
    /// For agency admins: each agency's standing and open Dienststellen per directive.
    pub agency_directives: Vec<AgencyDirective>,
    /// Per role, the work waiting.
    pub attention: Vec<AttentionItem>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttentionItem {
    pub title: String,
    pub text: String,
    pub href: String,
    pub link: String,
}

#[server(prefix = "/api", endpoint = "start")]
pub async fn fetch_start_page() -> Result<StartData, AppError> {
    crate::services::access::respond(load().await)
}

/// A work queue on the start page: who works it, which order states, title, text for a
/// count, link.
#[cfg(feature = "ssr")]
type Queue = (
    crate::domain::policy::Action,
    &'static [crate::domain::order::StatusFilter],
    &'static str,
    fn(i64) -> String,
    &'static str,
);

#[cfg(feature = "ssr")]
async fn load() -> Result<StartData, AppError> {
    use crate::domain::order::{OrderState, StatusFilter};
    use crate::domain::policy::{Action, ScopeFilter};
    use crate::services::{context::Ctx, db_err, directives};
    let ctx = Ctx::current()?;
    let actor = ctx.actor()?;
    let db = ctx.db().clone();
    let scope = ScopeFilter::for_action(&actor, Action::ViewOrganisation);
    let (agencies, offices, mailboxes) =
        crate::db::org::counts(&db, &scope).await.map_err(db_err)?;
    let (directives, agency_directives) = directives::overview(&db, &actor, true).await?;
    let mut attention = Vec::new();
    let queues: [Queue; 3] = [
        (
            Action::FileOrder,
            &[
                StatusFilter::State(OrderState::Draft),
                StatusFilter::State(OrderState::ReturnedForRevision),
            ],
            "Ihre Änderungsaufträge",
            |n| {
                format!(
                    "{n} Aufträge in Bearbeitung (Entwurf oder zur Überarbeitung zurückgegeben)."
                )
            },
            "/auftraege",
        ),
        (
            Action::DecideOrder,
            &[StatusFilter::AwaitingReview],
            "Posteingang zur Prüfung",
            |n| match n {
                1 => "1 eingereichter Auftrag wartet auf die Prüfung.".into(),
                n => format!("{n} eingereichte Aufträge warten auf die Prüfung."),
            },
            "/auftraege?status=zur-pruefung",
        ),
        (
            Action::ImplementOrder,
            &[StatusFilter::ReadyToImplement],
            "Umsetzung",
            |n| match n {
                1 => "1 Auftrag ist bereit zur Umsetzung.".into(),
                n => format!("{n} Aufträge sind bereit zur Umsetzung."),
            },
            "/auftraege?status=zur-umsetzung",
        ),
    ];
    for (action, states, title, text, href) in queues {
        let queue_scope = ScopeFilter::for_action(&actor, action);
        if queue_scope.is_empty() {
            continue;
        }
        let n = crate::db::orders::count_matching(&db, &queue_scope, states)
            .await
            .map_err(db_err)?;
        attention.push(AttentionItem {
            title: title.into(),
            text: text(n),
            href: href.into(),
            link: "Zur Liste".into(),
        });
    }
    let overdue = directives
        .iter()
        .filter(|d| d.tally.as_ref().is_some_and(|t| t.overdue > 0))
        .count();
    attention.push(AttentionItem {
        title: "Weisungen und Fristen".into(),
        text: match overdue {
            1 => "1 Weisung ist in Ihrem Bereich überfällig.".into(),
            n => format!("{n} Weisungen sind in Ihrem Bereich überfällig."),
        },
        href: "/weisungen".into(),
        link: "Zu den Weisungen".into(),
    });
    Ok(StartData {
        agencies,
        offices,
        mailboxes,
        directives,
        agency_directives,
        attention,
    })
}

#[component]
pub fn StartPage() -> impl IntoView {
    view! {
        <Title text="Start" />
        <Protected content=|me| view! { <Start me /> } />
    }
}

#[component]
fn Start(me: Me) -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_start_page());
    let roles = me.roles.clone();
    view! {
        <h1>"Willkommen, " {me.display_name.clone()}</h1>
        <section class="panel" aria-labelledby="rollen">
            <h2 id="rollen">"Ihre Rollen"</h2>
            <ul class="role-list">
                {roles.into_iter().map(|r| view! {
                    <li><strong>{r.role_label}</strong> " – " {r.scope_label}</li>
                }).collect_view()}
            </ul>
        </section>
        <Suspense fallback=|| view! { <p class="loading">"Wird geladen …"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <Overview data=d /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Per role, the work waiting, with the way to it.
fn attention(items: Vec<AttentionItem>) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="aufgaben">
            <h2 id="aufgaben">"Was ansteht"</h2>
            <dl class="attention">
                {items.into_iter().map(|i| view! {
                    <dt>{i.title}</dt>
                    <dd>{i.text} " " <a href=i.href>{i.link}</a></dd>
                }).collect_view()}
            </dl>
        </section>
    }
}

#[component]
fn Overview(data: StartData) -> impl IntoView {
    view! {
        {attention(data.attention)}
        <section class="panel" aria-labelledby="bereich">
            <h2 id="bereich">"Ihr Zuständigkeitsbereich"</h2>
            <ul class="figures">
                <li><span class="figure">{data.agencies}</span> " Agenturen für Arbeit"</li>
                <li><span class="figure">{data.offices}</span> " Dienststellen"</li>
                <li><span class="figure">{data.mailboxes}</span> " Postfächer"</li>
            </ul>
            <p><a href="/organisation">"Organisation durchsuchen"</a></p>
        </section>
        {data.agency_directives.into_iter().map(|a| view! { <AgencyDirectivePanel a /> }).collect_view()}
        <section class="panel" aria-labelledby="fristen">
            <h2 id="fristen">"Weisungen und Fristen"</h2>
            {directive_table(data.directives)}
        </section>
    }
}

/// One directive for an agency admin: the agency's standing over all its obligations,
/// what is still open without an order, and a pre-filled draft per obligation.
#[component]
fn AgencyDirectivePanel(a: AgencyDirective) -> impl IntoView {
    let s = a.summary;
    let heading_id = format!("weisung-{}-{}", s.number, a.agency_code);
    let tally = s.tally.clone().unwrap_or_default();
    let open = a.open_offices.len();
    let labelled_by = heading_id.clone();
    let counts_offices = s.counted == "Dienststellen";
    let (open_offices, open_other) = (a.open_offices, a.open_other);
    let nothing_open = open_offices.is_empty() && open_other.is_empty();
    view! {
        <section class="panel" aria-labelledby=labelled_by>
            <h2 id=heading_id>{format!("Weisung {} – {}", s.number, a.agency_name)}</h2>
            <p>{s.title.clone()}</p>
            <p>
                {status_badge(tally.status_code.clone(), tally.status.clone())}
                " "
                {format!("{} von {} {} erfüllt ({} %). Frist: {}.", tally.met, tally.total, s.counted, tally.percent_met, deadline_line(&s))}
            </p>
            {match (nothing_open, tally.met == tally.total, counts_offices) {
                (true, true, true) => view! { <p>"Keine Dienststelle ist mehr offen."</p> }.into_any(),
                (true, false, true) => view! { <p>"Für jede noch nicht erfüllte Dienststelle ist ein Auftrag unterwegs."</p> }.into_any(),
                (true, true, false) => view! { <p>"Alles ist erfüllt."</p> }.into_any(),
                (true, false, false) => view! { <p>"Für alles noch nicht Erfüllte ist ein Auftrag unterwegs."</p> }.into_any(),
                (false, ..) => view! {
                    {(open > 0).then(|| view! {
                        <p>{if open == 1 { "1 Dienststelle ist noch offen, ohne Auftrag:".to_string() } else { format!("{open} Dienststellen sind noch offen, ohne Auftrag:") }}</p>
                        {office_table(open_offices)}
                    })}
                    {open_entries(open_other)}
                }.into_any(),
            }}
            <p>
                {a.prefills.into_iter().map(|p| view! { <a class="button" href=p.href>{p.label}</a> " " }).collect_view()}
                <a href=format!("{}?agentur={}", directive_href(&s.number), a.agency_code)>"Stand der Agentur zur Weisung"</a>
            </p>
        </section>
    }
}

/// Mailboxes and eAkte rules still open without an order, with their status.
fn open_entries(entries: Vec<OpenEntry>) -> impl IntoView {
    (!entries.is_empty()).then(|| view! {
        <table>
            <caption>{format!("Noch offen, ohne Auftrag: {}", entries.len())}</caption>
            <thead><tr><th scope="col">"Eintrag"</th><th scope="col">"Status"</th></tr></thead>
            <tbody>
                {entries.into_iter().map(|e| view! {
                    <tr><th scope="row">{e.what}</th><td>{status_badge(e.status_code, e.status)}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    })
}
