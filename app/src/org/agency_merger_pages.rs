//! The page that merges an agency into a successor: choose the successor, see what moves,
//! what passes on and what stands in the way, then confirm (with the move order's header
//! when routing must move).

use super::agency_merger::{fetch_agency_merger, MergeAgency};
use super::model::AgencyMergerPlan;
use super::office_closure_pages::{MoveTable, OpenOrderList};
use super::pages::Breadcrumbs;
use crate::ui::errors::ErrorSummary;
use crate::ui::form::action_error;
use crate::ui::layout::LoadedPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn AgencyMergerPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            (
                params.read().get("code").unwrap_or_default(),
                query.read().get("nachfolger"),
            )
        },
        |(code, successor)| fetch_agency_merger(code, successor),
    );
    view! {
        <LoadedPage title="Agentur zusammenlegen" data render=|p: AgencyMergerPlan| view! { <Merger p /> } />
    }
}

#[component]
fn Merger(p: AgencyMergerPlan) -> impl IntoView {
    let crumbs = (
        format!("/organisation/rd/{}", p.region_code),
        p.region_name.clone(),
        format!("/organisation/agentur/{}", p.code),
        p.name.clone(),
    );
    let chosen = p.successor.is_some();
    view! {
        <Title text=format!("Agentur {} zusammenlegen", p.name) />
        <Breadcrumbs>
            <li><a href=crumbs.0>{crumbs.1}</a></li>
            <li><a href=crumbs.2>{crumbs.3}</a></li>
            <li aria-current="page">"Zusammenlegen"</li>
        </Breadcrumbs>
        <h1>{format!("Agentur {} zusammenlegen", p.name)}</h1>
        <p>"Beim Zusammenlegen gehen alle Dienststellen der Agentur mit ihren Postfächern, Postkörben und Routing-Einträgen an die Nachfolgerin über; die Hauptagentur wird dort Geschäftsstelle. Die eAkte-Regeln der Agentur enden (es gelten die der Nachfolgerin), Rollen, Weisungs-Geltungsbereiche und offene Uploads gehen über. Die Agentur bleibt mit ihrem Verlauf lesbar."</p>
        {p.refusal.clone().map(|r| view! { <p class="notice" role="status" id="zusammenlegen-ablehnung">{r}</p> })}
        <SuccessorChoice p=p.clone() />
        {(!p.open_orders.is_empty()).then(|| view! {
            <OpenOrderList heading="Offene Aufträge der Agentur" numbers=p.open_orders.clone() />
        })}
        {chosen.then(|| view! { <Handover p=p.clone() /> })}
        {(chosen && !p.moves.is_empty()).then(|| {
            let caption = format!(
                "{} Routing-Einträge von Geschäftsstellen an Postfächer der bisherigen Hauptagentur",
                p.moves.len()
            );
            view! {
                <section class="panel" aria-labelledby="umzug-titel">
                    <h2 id="umzug-titel">"Routing an die Hauptagentur der Nachfolgerin"</h2>
                    <p>"Eine Geschäftsstelle darf nur an eigene Postfächer und an die Hauptagentur ihrer Agentur routen. Diese Einträge stellt ein Auftrag der Nachfolgerin um, der mit dem Zusammenlegen eingereicht wird und wie jeder Auftrag zur Prüfung und Umsetzung geht; Benachrichtigungen bleiben."</p>
                    <MoveTable moves=p.moves.clone() caption />
                </section>
            }
        })}
        {(!p.stuck.is_empty()).then(|| view! {
            <section class="panel" aria-labelledby="nicht-umziehbar-titel">
                <h2 id="nicht-umziehbar-titel">"Einträge ohne Gegenstück bei der Nachfolgerin"</h2>
                <ul>{p.stuck.clone().into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
                <p>"Legen Sie der Hauptagentur der Nachfolgerin zuerst ein passendes Postfach an."</p>
            </section>
        })}
        {(chosen && p.refusal.is_none()).then(|| view! { <MergeForm p=p.clone() /> })}
    }
}

/// A plain GET form: the page then shows the plan for the chosen successor.
#[component]
fn SuccessorChoice(p: AgencyMergerPlan) -> impl IntoView {
    let action = format!("/organisation/agentur/{}/zusammenlegen", p.code);
    let chosen = p
        .successor
        .clone()
        .map(|(code, _)| code)
        .unwrap_or_default();
    view! {
        <section class="panel" aria-labelledby="nachfolgerin-titel">
            <h2 id="nachfolgerin-titel">"Nachfolgerin"</h2>
            <form method="get" action=action class="search-form">
                <label for="nachfolger">"Agentur, die übernimmt"</label>
                <select id="nachfolger" name="nachfolger">
                    <option value="">"Bitte wählen"</option>
                    {p.successors.clone().into_iter().map(|(code, label)| {
                        let selected = code == chosen;
                        view! { <option value=code selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
                <button type="submit" class="button">"Auswirkungen anzeigen"</button>
            </form>
        </section>
    }
}

/// What passes to the successor and what ends.
#[component]
fn Handover(p: AgencyMergerPlan) -> impl IntoView {
    let successor = p
        .successor
        .clone()
        .map(|(_, name)| name)
        .unwrap_or_default();
    let list = |items: Vec<String>, none: &'static str| {
        if items.is_empty() {
            view! { <p>{none}</p> }.into_any()
        } else {
            view! { <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }
                .into_any()
        }
    };
    view! {
        <section class="panel" aria-labelledby="uebergang-titel">
            <h2 id="uebergang-titel">{format!("Was an {successor} übergeht")}</h2>
            <table>
                <caption>"Dienststellen"</caption>
                <thead><tr>
                    <th scope="col">"Dienststelle"</th><th scope="col">"Art bisher"</th><th scope="col">"Art danach"</th>
                </tr></thead>
                <tbody>
                    {p.offices.clone().into_iter().map(|(name, before, after)| view! {
                        <tr><td>{name}</td><td>{before}</td><td>{after}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            <h3>"Benutzerinnen und Benutzer, deren Rolle übergeht"</h3>
            <p>"Ihre Rolle gilt danach für die ganze Nachfolgerin, auch für deren bisherige Dienststellen. Wer das nicht soll, dem entziehen Sie die Rolle vorher in der Benutzerverwaltung."</p>
            {list(p.users.clone(), "Keine.")}
            <h3>"Geltende Weisungen, deren Geltungsbereich übergeht"</h3>
            <p>"Sie gelten danach für die ganze Nachfolgerin; abgelaufene Weisungen behalten ihren Geltungsbereich."</p>
            {list(p.directives.clone(), "Keine.")}
            <p id="zusammenlegen-eakte">{match p.eakte_rules {
                0 => "Die Agentur hat keine gültigen eAkte-Regeln.".to_string(),
                1 => "Eine gültige eAkte-Regel der Agentur endet; es gelten die Regeln der Nachfolgerin.".to_string(),
                n => format!("{n} gültige eAkte-Regeln der Agentur enden; es gelten die Regeln der Nachfolgerin."),
            }}</p>
        </section>
    }
}

#[component]
fn MergeForm(p: AgencyMergerPlan) -> impl IntoView {
    let action = ServerAction::<MergeAgency>::new();
    let error = action_error(action.value());
    let successor = p.successor.clone().unwrap_or_default();
    let justification = format!(
        "Die Agentur {} wird mit {} zusammengelegt; ihre Geschäftsstellen routen an die Hauptagentur der Nachfolgerin.",
        p.name, successor.1
    );
    view! {
        <section class="panel" aria-labelledby="zusammenlegen-titel">
            <h2 id="zusammenlegen-titel">"Zusammenlegen bestätigen"</h2>
            {move || error.get().map(|error| view! { <ErrorSummary error id="zusammenlegen-fehler" /> })}
            {if p.may_merge {
                view! {
                    <ActionForm action>
                        <input type="hidden" name="agentur" value=p.code.clone() />
                        <input type="hidden" name="version" value=p.version.to_string() />
                        <input type="hidden" name="nachfolger" value=successor.0 />
                        {(!p.moves.is_empty()).then(|| view! {
                            <fieldset>
                                <legend>"Auftrag, der das Routing umstellt"</legend>
                                <crate::orders::batch::BatchHeaderFields prefix="zusammenlegen"
                                    justification today=p.today.clone() error />
                            </fieldset>
                        })}
                        <p>"Das Zusammenlegen wird versioniert und protokolliert; es kann nicht zurückgenommen werden."</p>
                        <button type="submit" class="button">"Agenturen zusammenlegen"</button>
                    </ActionForm>
                }.into_any()
            } else {
                view! {
                    <p>"Zusammengelegt werden kann erst, wenn die Agentur keine offenen Aufträge hat und die Hauptagentur der Nachfolgerin jedes umzustellende Routing übernehmen kann."</p>
                }.into_any()
            }}
        </section>
    }
}
