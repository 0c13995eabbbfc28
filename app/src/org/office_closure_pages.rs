//! The page that closes a Dienststelle: choose the successor, see what moves and what
//! stands in the way, file the move order, then confirm the closure.

use super::model::{ClosureMoveView, OfficeClosurePlan};
use super::office_closure::{fetch_office_closure, CloseOffice, FileOfficeMove};
use super::pages::Breadcrumbs;
use crate::orders::order_href;
use crate::ui::errors::ErrorSummary;
use crate::ui::form::action_error;
use crate::ui::layout::LoadedPage;
use crate::ui::table::ScrollTable;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn OfficeClosurePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            (
                params.read().get("code").unwrap_or_default(),
                query.read().get("nachfolger"),
            )
        },
        |(code, successor)| fetch_office_closure(code, successor),
    );
    view! {
        <LoadedPage title="Dienststelle schließen" data render=|p: OfficeClosurePlan| view! { <Closure p /> } />
    }
}

#[component]
fn Closure(p: OfficeClosurePlan) -> impl IntoView {
    let office_href = format!("/organisation/dienststelle/{}", p.code);
    let agency_href = format!("/organisation/agentur/{}", p.agency_code);
    let chosen = p.successor.is_some();
    let crumbs = (p.agency_name.clone(), p.name.clone());
    view! {
        <Title text=format!("Dienststelle {} schließen", p.name) />
        <Breadcrumbs>
            <li><a href=agency_href>{crumbs.0}</a></li>
            <li><a href=office_href>{crumbs.1}</a></li>
            <li aria-current="page">"Schließen"</li>
        </Breadcrumbs>
        <h1>{format!("Dienststelle {} schließen", p.name)}</h1>
        <p>{format!(
            "Beim Schließen werden die {} aktiven Postfächer der Dienststelle deaktiviert, und ihre eigenen Routing-Einträge und Postfach-Einstellungen enden; ihr Verlauf bleibt lesbar. Ihre Anliegen übernimmt die Nachfolgerin mit ihren eigenen Einträgen.",
            p.mailbox_count
        )}</p>
        {p.refusal.clone().map(|r| view! { <p class="notice" role="status" id="schliessen-ablehnung">{r}</p> })}
        <SuccessorChoice p=p.clone() />
        {(!p.open_orders.is_empty()).then(|| view! { <OpenOrders numbers=p.open_orders.clone() /> })}
        {(!p.moves.is_empty()).then(|| view! { <Moves moves=p.moves.clone() chosen /> })}
        {(!p.stuck.is_empty()).then(|| view! {
            <section class="panel" aria-labelledby="nicht-umziehbar-titel">
                <h2 id="nicht-umziehbar-titel">"Einträge ohne Gegenstück bei der Nachfolgerin"</h2>
                <ul>{p.stuck.clone().into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
                <p>"Legen Sie der Nachfolgerin zuerst ein passendes Postfach oder einen Postkorb an."</p>
            </section>
        })}
        {p.may_file_move.then(|| view! { <MoveOrderForm p=p.clone() /> })}
        {(chosen && p.refusal.is_none()).then(|| view! { <CloseForm p=p.clone() /> })}
    }
}

/// A plain GET form: the page then shows the plan for the chosen successor.
#[component]
fn SuccessorChoice(p: OfficeClosurePlan) -> impl IntoView {
    let action = format!("/organisation/dienststelle/{}/schliessen", p.code);
    let chosen = p.successor.clone().unwrap_or_default();
    view! {
        <section class="panel" aria-labelledby="nachfolgerin-titel">
            <h2 id="nachfolgerin-titel">"Nachfolgerin"</h2>
            {if p.successors.is_empty() {
                view! { <p>"Die Agentur hat keine andere geöffnete Dienststelle, die übernehmen kann."</p> }.into_any()
            } else {
                view! {
                    <form method="get" action=action class="search-form">
                        <label for="nachfolger">"Dienststelle, die übernimmt"</label>
                        <select id="nachfolger" name="nachfolger">
                            <option value="">"Bitte wählen"</option>
                            {p.successors.clone().into_iter().map(|(code, name)| {
                                let selected = code == chosen;
                                view! { <option value=code selected=selected>{name}</option> }
                            }).collect_view()}
                        </select>
                        <button type="submit" class="button">"Auswirkungen anzeigen"</button>
                    </form>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn OpenOrders(numbers: Vec<String>) -> impl IntoView {
    view! { <OpenOrderList heading="Offene Aufträge, die die Dienststelle betreffen" numbers /> }
}

/// Open orders that must be finished before a closure or merger.
#[component]
pub(crate) fn OpenOrderList(heading: &'static str, numbers: Vec<String>) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="offene-auftraege-titel">
            <h2 id="offene-auftraege-titel">{heading}</h2>
            <p>"Sie müssen erst umgesetzt, abgelehnt oder zurückgezogen werden."</p>
            <ul>{numbers.into_iter().map(|n| view! { <li><a href=order_href(&n)>{n.clone()}</a></li> }).collect_view()}</ul>
        </section>
    }
}

#[component]
fn Moves(moves: Vec<ClosureMoveView>, chosen: bool) -> impl IntoView {
    let caption = format!(
        "{} gültige Einträge anderer Dienststellen verweisen auf diese Dienststelle",
        moves.len()
    );
    view! {
        <section class="panel" aria-labelledby="umzug-titel">
            <h2 id="umzug-titel">"Umzug auf die Nachfolgerin"</h2>
            {(!chosen).then(|| view! { <p>"Wählen Sie die Nachfolgerin, um zu sehen, wohin die Einträge gehen."</p> })}
            <MoveTable moves caption />
        </section>
    }
}

/// The entries a closure or merger moves: before, after, and an order already changing one.
#[component]
pub(crate) fn MoveTable(moves: Vec<ClosureMoveView>, caption: String) -> impl IntoView {
    view! {
        <ScrollTable id="umzug-tabelle" caption headers=&["Art", "Eintrag", "Bisher", "Nach dem Umzug", "Offener Auftrag"]>
            {moves.into_iter().map(|m| view! {
                <tr>
                    <td>{m.kind}</td>
                    <td><a href=m.href>{m.entry}</a></td>
                    <td class="address">{m.before}</td>
                    <td class="address">{m.after}</td>
                    <td>{match m.open_order {
                        Some(n) => view! { <a href=order_href(&n)>{n.clone()}</a> }.into_any(),
                        None => view! { "–" }.into_any(),
                    }}</td>
                </tr>
            }).collect_view()}
        </ScrollTable>
    }
}

/// The pre-filled batch order that moves the entries.
#[component]
fn MoveOrderForm(p: OfficeClosurePlan) -> impl IntoView {
    let action = ServerAction::<FileOfficeMove>::new();
    let error = action_error(action.value());
    let justification = format!(
        "Die Dienststelle {} wird geschlossen; ihre Postfächer und Postkörbe gehen an die Nachfolgerin.",
        p.name
    );
    view! {
        <section class="panel" aria-labelledby="umzugsauftrag-titel">
            <h2 id="umzugsauftrag-titel">"Umzugsauftrag (Sammelauftrag)"</h2>
            <ActionForm action>
                <fieldset>
                    <legend>"Einträge ohne offenen Auftrag auf die Nachfolgerin umstellen"</legend>
                    <p class="field__hint">"Je Agentur entsteht ein Auftrag mit den Änderungen aus der Tabelle; er geht wie jeder Auftrag zur Prüfung und Umsetzung. Nach der Umsetzung kann die Dienststelle geschlossen werden."</p>
                    {move || error.get().map(|error| view! { <ErrorSummary error id="umzugsauftrag-fehler" /> })}
                    <input type="hidden" name="dienststelle" value=p.code.clone() />
                    <input type="hidden" name="nachfolger" value=p.successor.clone().unwrap_or_default() />
                    <crate::orders::batch::BatchHeaderFields prefix="umzug"
                        justification today=p.today.clone() error />
                    <button type="submit" class="button">"Umzugsauftrag anlegen"</button>
                </fieldset>
            </ActionForm>
        </section>
    }
}

#[component]
fn CloseForm(p: OfficeClosurePlan) -> impl IntoView {
    let action = ServerAction::<CloseOffice>::new();
    let error = action_error(action.value());
    view! {
        <section class="panel" aria-labelledby="schliessen-titel">
            <h2 id="schliessen-titel">"Schließen bestätigen"</h2>
            {move || error.get().map(|error| view! { <ErrorSummary error id="schliessen-fehler" /> })}
            {if p.may_close {
                view! {
                    <p>"Nichts verweist mehr auf die Dienststelle. Das Schließen wird versioniert und protokolliert."</p>
                    <ActionForm action>
                        <input type="hidden" name="dienststelle" value=p.code.clone() />
                        <input type="hidden" name="version" value=p.version.to_string() />
                        <input type="hidden" name="nachfolger" value=p.successor.clone().unwrap_or_default() />
                        <button type="submit" class="button">"Dienststelle schließen"</button>
                    </ActionForm>
                }.into_any()
            } else {
                view! {
                    <p>"Geschlossen werden kann erst, wenn keine offenen Aufträge die Dienststelle betreffen und keine Einträge anderer Dienststellen mehr auf sie verweisen."</p>
                }.into_any()
            }}
        </section>
    }
}
