//! The start page: who am I, in which roles and scope, and what needs my attention.

use crate::auth::Me;
use crate::directives::pages::{deadline_line, directive_table, office_table, status_badge};
use crate::directives::{directive_href, AgencyDirective, DirectiveSummary};
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
}

#[server(prefix = "/api", endpoint = "start")]
pub async fn fetch_start_page() -> Result<StartData, AppError> {
    crate::services::access::respond(load().await)
}

#[cfg(feature = "ssr")]
async fn load() -> Result<StartData, AppError> {
    use crate::domain::policy::{Action, ScopeFilter};
    use crate::services::{access::current_actor, db_err, directives, state};
    let (_, actor) = current_actor().await?;
    let db = state()?.db;
    let scope = ScopeFilter::for_action(&actor, Action::ViewOrganisation);
    let (agencies, offices, mailboxes) =
        crate::db::org::counts(&db, &scope).await.map_err(db_err)?;
    Ok(StartData {
        agencies,
        offices,
        mailboxes,
        directives: directives::summaries().await?,
        agency_directives: directives::for_my_agencies().await?,
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
        <section class="panel" aria-labelledby="aufgaben">
            <h2 id="aufgaben">"Was ansteht"</h2>
            <Attention me=me.clone() />
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

/// Per role, the work that will arrive here; empty until the order areas exist.
#[component]
fn Attention(me: Me) -> impl IntoView {
    let mut items: Vec<(&'static str, &'static str)> = Vec::new();
    if me.has_role("agentur-admin") {
        items.push((
            "Ihre Änderungsaufträge",
            "Sie haben keine offenen Änderungsaufträge.",
        ));
    }
    if me.has_role("rd-pruefer") {
        items.push((
            "Posteingang zur Prüfung",
            "Es liegen keine eingereichten Aufträge zur Prüfung vor.",
        ));
    }
    if me.has_role("rim") {
        items.push((
            "Umsetzung",
            "Es warten keine genehmigten Aufträge auf die Umsetzung.",
        ));
    }
    if me.has_role("zentrale") {
        items.push((
            "Weisungen und Fristen",
            "Alle Weisungen sind unten mit ihren Fristen aufgeführt.",
        ));
    }
    view! {
        <dl class="attention">
            {items.into_iter().map(|(title, text)| view! { <dt>{title}</dt><dd>{text}</dd> }).collect_view()}
        </dl>
    }
}

#[component]
fn Overview(data: StartData) -> impl IntoView {
    view! {
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

/// One directive for an agency admin: the agency's standing, the Dienststellen still open
/// and the way to a draft that fixes them.
#[component]
fn AgencyDirectivePanel(a: AgencyDirective) -> impl IntoView {
    let s = a.summary;
    let heading_id = format!("weisung-{}-{}", s.number, a.agency_code);
    let prefill = a.can_prefill.then(|| {
        format!(
            "/auftraege/neu?weisung={}&agentur={}",
            s.number, a.agency_code
        )
    });
    let tally = s.tally.clone().unwrap_or_default();
    let open = a.open_offices.len();
    let labelled_by = heading_id.clone();
    view! {
        <section class="panel" aria-labelledby=labelled_by>
            <h2 id=heading_id>{format!("Weisung {} – {}", s.number, a.agency_name)}</h2>
            <p>{s.title.clone()}</p>
            <p>
                {status_badge(tally.status_code.clone(), tally.status.clone())}
                " "
                {format!("{} von {} Dienststellen erfüllt ({} %). Frist: {}.", tally.met, tally.total, tally.percent_met, deadline_line(&s))}
            </p>
            {if open == 0 {
                view! { <p>"Keine Dienststelle ist mehr offen."</p> }.into_any()
            } else {
                view! {
                    <p>{if open == 1 { "1 Dienststelle ist noch offen:".to_string() } else { format!("{open} Dienststellen sind noch offen:") }}</p>
                    {office_table(a.open_offices)}
                }.into_any()
            }}
            <p>
                {prefill.map(|href| view! { <a class="button" href=href>"Auftrag mit den nötigen Änderungen vorbereiten"</a> " " })}
                <a href=format!("{}?agentur={}", directive_href(&s.number), a.agency_code)>"Alle Dienststellen zur Weisung"</a>
            </p>
        </section>
    }
}
