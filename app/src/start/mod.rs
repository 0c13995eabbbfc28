//! The start page: who am I, in which roles and scope, and what needs my attention.

use crate::auth::Me;
use crate::error::AppError;
use crate::ui::errors::ErrorPanel;
use crate::ui::layout::Protected;
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineView {
    pub number: String,
    pub title: String,
    /// TT.MM.JJJJ
    pub deadline: String,
    pub deadline_text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartData {
    pub agencies: i64,
    pub offices: i64,
    pub mailboxes: i64,
    pub deadlines: Vec<DeadlineView>,
}

#[server(prefix = "/api", endpoint = "start")]
pub async fn fetch_start_page() -> Result<StartData, AppError> {
    crate::services::access::respond(load().await)
}

#[cfg(feature = "ssr")]
async fn load() -> Result<StartData, AppError> {
    use crate::domain::policy::{Action, ScopeFilter};
    use crate::services::{access::current_actor, db_err, state};
    let (_, actor) = current_actor().await?;
    let db = state()?.db;
    let scope = ScopeFilter::for_action(&actor, Action::ViewOrganisation);
    let (agencies, offices, mailboxes) =
        crate::db::org::counts(&db, &scope).await.map_err(db_err)?;
    let format = time::macros::format_description!("[day].[month].[year]");
    let deadlines = crate::db::directives::all(&db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|d| DeadlineView {
            number: d.number,
            title: d.title,
            deadline: d.deadline_on.format(&format).unwrap_or_default(),
            deadline_text: d.deadline_text,
        })
        .collect();
    Ok(StartData {
        agencies,
        offices,
        mailboxes,
        deadlines,
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
        <section class="panel" aria-labelledby="fristen">
            <h2 id="fristen">"Fristen aus Weisungen"</h2>
            <table>
                <caption class="visually-hidden">"Weisungen mit Fristen"</caption>
                <thead><tr><th scope="col">"Weisung"</th><th scope="col">"Titel"</th><th scope="col">"Frist"</th></tr></thead>
                <tbody>
                    {data.deadlines.into_iter().map(|d| view! {
                        <tr>
                            <td>{d.number}</td>
                            <td>{d.title}</td>
                            <td><strong>{d.deadline}</strong><br /><span class="small">{d.deadline_text}</span></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
