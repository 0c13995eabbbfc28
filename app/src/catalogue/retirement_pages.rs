//! The page that retires an Anliegen: choose the successor, compare the routing per
//! Dienststelle, file the move order, then confirm the deactivation.

use super::model::{ConcernRetirementPlan, RetirementRowView};
use super::retirement::{fetch_concern_retirement, FileConcernMove, RetireConcern};
use crate::orders::order_href;
use crate::org::pages::Breadcrumbs;
use crate::ui::errors::ErrorSummary;
use crate::ui::form::action_error;
use crate::ui::layout::LoadedPage;
use crate::ui::table::ScrollTable;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ConcernRetirementPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            (
                params.read().get("kuerzel").unwrap_or_default(),
                query.read().get("nachfolger"),
            )
        },
        |(code, successor)| fetch_concern_retirement(code, successor),
    );
    view! {
        <LoadedPage title="Anliegen ablösen" data render=|p: ConcernRetirementPlan| view! { <Retirement p /> } />
    }
}

#[component]
fn Retirement(p: ConcernRetirementPlan) -> impl IntoView {
    let concern_href = format!("/katalog/anliegen/{}", p.code);
    let chosen = p.successor.is_some();
    let name = p.name.clone();
    view! {
        <Title text=format!("Anliegen {} ablösen", p.name) />
        <Breadcrumbs>
            <li><a href="/katalog">"Katalog"</a></li>
            <li><a href=concern_href>{name.clone()}</a></li>
            <li aria-current="page">"Ablösen"</li>
        </Breadcrumbs>
        <h1>{format!("Anliegen {} ablösen", p.name)}</h1>
        <p>{format!(
            "Nachrichten zu diesem Anliegen sollen weiter dort ankommen, wo sie heute ankommen. Deshalb übernimmt ein Nachfolge-Anliegen zuerst sein Routing in allen {} Dienststellen; danach wird das Anliegen deaktiviert und seine eigenen Routing-Einträge enden. Ihr Verlauf bleibt lesbar.",
            p.live_entries
        )}</p>
        {p.refusal.clone().map(|r| view! { <p class="notice" role="status" id="abloesen-hinweis">{r}</p> })}
        <SuccessorChoice p=p.clone() />
        {(!p.directives.is_empty()).then(|| view! {
            <section class="panel" aria-labelledby="weisungen-titel">
                <h2 id="weisungen-titel">"Geltende Weisungen, die das Anliegen nennen"</h2>
                <ul>{p.directives.clone().into_iter().map(|n| {
                    let href = format!("/weisungen/{n}");
                    view! { <li><a href=href>{n.clone()}</a></li> }
                }).collect_view()}</ul>
            </section>
        })}
        {chosen.then(|| view! {
            <p id="uebernommen">{format!(
                "In {} von {} Dienststellen routet das Nachfolge-Anliegen schon wie dieses Anliegen.",
                p.carried, p.live_entries
            )}</p>
        })}
        {(!p.rows.is_empty()).then(|| view! { <Rows rows=p.rows.clone() chosen /> })}
        {p.may_file_move.then(|| view! { <MoveOrderForm p=p.clone() /> })}
        {chosen.then(|| view! { <RetireForm p=p.clone() /> })}
    }
}

/// A plain GET form: the page then shows the plan for the chosen successor.
#[component]
fn SuccessorChoice(p: ConcernRetirementPlan) -> impl IntoView {
    let action = format!("/katalog/anliegen/{}/abloesen", p.code);
    let chosen = p.successor.clone().map(|(c, _)| c).unwrap_or_default();
    view! {
        <section class="panel" aria-labelledby="nachfolger-titel">
            <h2 id="nachfolger-titel">"Nachfolge-Anliegen"</h2>
            <form method="get" action=action class="search-form">
                <label for="nachfolger">"Anliegen, das die Nachrichten übernimmt"</label>
                <select id="nachfolger" name="nachfolger">
                    <option value="">"Bitte wählen"</option>
                    {p.successors.clone().into_iter().map(|(code, name)| {
                        let selected = code == chosen;
                        view! { <option value=code.clone() selected=selected>{format!("{name} ({code})")}</option> }
                    }).collect_view()}
                </select>
                <button type="submit" class="button">"Auswirkungen anzeigen"</button>
            </form>
        </section>
    }
}

#[component]
fn Rows(rows: Vec<RetirementRowView>, chosen: bool) -> impl IntoView {
    let caption = if chosen {
        format!(
            "{} Dienststellen, in denen das Nachfolge-Anliegen anders routet",
            rows.len()
        )
    } else {
        format!("Gültiges Routing in {} Dienststellen", rows.len())
    };
    view! {
        <section class="panel" aria-labelledby="routing-vergleich-titel">
            <h2 id="routing-vergleich-titel">"Routing je Dienststelle"</h2>
            {(!chosen).then(|| view! { <p>"Wählen Sie das Nachfolge-Anliegen, um sein Routing daneben zu sehen."</p> })}
            <ScrollTable id="routing-vergleich" caption headers=&["Dienststelle", "Dieses Anliegen", "Nachfolge-Anliegen", "Stand", "Offener Auftrag"]>
                {rows.into_iter().map(|r| view! {
                    <tr>
                        <th scope="row"><a href=r.href>{r.office}</a></th>
                        <td class="address">{r.routing}</td>
                        <td class="address">{r.successor_routing}</td>
                        <td>{r.state}</td>
                        <td>{match r.open_order {
                            Some(n) => view! { <a href=order_href(&n)>{n.clone()}</a> }.into_any(),
                            None => view! { "–" }.into_any(),
                        }}</td>
                    </tr>
                }).collect_view()}
            </ScrollTable>
        </section>
    }
}

/// The pre-filled batch order that makes the successor route the same way.
#[component]
fn MoveOrderForm(p: ConcernRetirementPlan) -> impl IntoView {
    let action = ServerAction::<FileConcernMove>::new();
    let error = action_error(action.value());
    let successor = p.successor.clone().unwrap_or_default();
    let justification = format!(
        "Das Anliegen {} wird durch {} abgelöst; das Nachfolge-Anliegen übernimmt sein Routing.",
        p.name, successor.1
    );
    view! {
        <section class="panel" aria-labelledby="umzugsauftrag-titel">
            <h2 id="umzugsauftrag-titel">"Umzugsauftrag (Sammelauftrag)"</h2>
            <ActionForm action>
                <fieldset>
                    <legend>"Routing des Nachfolge-Anliegens umstellen, wo es abweicht"</legend>
                    <p class="field__hint">"Je Agentur entsteht ein Auftrag mit den Zeilen „wird umgestellt“; er geht wie jeder Auftrag zur Prüfung und Umsetzung. Nach der Umsetzung kann das Anliegen deaktiviert werden."</p>
                    {move || error.get().map(|error| view! { <ErrorSummary error id="umzugsauftrag-fehler" /> })}
                    <input type="hidden" name="kuerzel" value=p.code.clone() />
                    <input type="hidden" name="nachfolger" value=successor.0.clone() />
                    <crate::orders::batch::BatchHeaderFields prefix="umzug"
                        justification today=p.today.clone() error />
                    <button type="submit" class="button">"Umzugsauftrag anlegen"</button>
                </fieldset>
            </ActionForm>
        </section>
    }
}

#[component]
fn RetireForm(p: ConcernRetirementPlan) -> impl IntoView {
    let action = ServerAction::<RetireConcern>::new();
    let error = action_error(action.value());
    let successor = p.successor.clone().unwrap_or_default();
    view! {
        <section class="panel" aria-labelledby="deaktivieren-titel">
            <h2 id="deaktivieren-titel">"Deaktivieren bestätigen"</h2>
            {move || error.get().map(|error| view! { <ErrorSummary error id="deaktivieren-fehler" /> })}
            {if p.may_retire {
                view! {
                    <p>{format!("„{}“ routet in jeder Dienststelle wie dieses Anliegen. Das Deaktivieren wird versioniert und protokolliert.", successor.1)}</p>
                    <ActionForm action>
                        <input type="hidden" name="kuerzel" value=p.code.clone() />
                        <input type="hidden" name="version" value=p.version.to_string() />
                        <input type="hidden" name="nachfolger" value=successor.0.clone() />
                        <button type="submit" class="button">"Anliegen deaktivieren"</button>
                    </ActionForm>
                }.into_any()
            } else {
                view! {
                    <p>"Deaktiviert werden kann erst, wenn das Nachfolge-Anliegen überall so routet, keine offenen Aufträge die Einträge ändern und keine geltende Weisung das Anliegen nennt."</p>
                }.into_any()
            }}
        </section>
    }
}
