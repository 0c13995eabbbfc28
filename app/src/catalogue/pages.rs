//! The catalogue page (every Anliegen and Bereich; the Zentrale creates Anliegen there)
//! and one Anliegen's page with its change form and versions.

use super::model::{CatalogueView, ConcernHistory, ConcernView};
use super::{fetch_catalogue, fetch_concern, ChangeConcern, CreateConcern};
use crate::domain::catalogue::{check_concern_code, check_concern_fields};
use crate::domain::fields::FieldError;
use crate::error::AppError;
use crate::ui::errors::ErrorSummary;
use crate::ui::form::{action_error, field_error, island_action, precheck, shown_error, Field};
use crate::ui::layout::LoadedPage;
use crate::ui::table::ScrollTable;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn CataloguePage() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_catalogue());
    view! {
        <LoadedPage title="Katalog" data render=|c: CatalogueView| view! { <Catalogue c /> } />
    }
}

#[component]
fn Catalogue(c: CatalogueView) -> impl IntoView {
    let count = c.concerns.len();
    view! {
        <h1>"Katalog der Anliegen"</h1>
        <p>{format!("{count} Anliegen. Jedes Anliegen wird in jeder Dienststelle an ein Zielpostfach geroutet; sein Bereich bestimmt die Ausgangskonfiguration.")}</p>
        <p><a href="/katalog/bereiche">"Bereiche anzeigen und verwalten"</a></p>
        <p><a href="/katalog/eakte">"Katalog des eAkte-Regelwerks (Aktentypen, Dokumenttypen, Dokumentarten)"</a></p>
        <ScrollTable id="anliegen-titel" caption="Anliegen" headers=&["Anliegen", "Kürzel", "Kundengruppe", "Bereich", "Status"]>
            {c.concerns.into_iter().map(concern_row).collect_view()}
        </ScrollTable>
        {c.editable.then(|| view! { <CreateForm areas=c.areas.clone() /> }.into_any())}
    }
}

fn concern_row(c: ConcernView) -> AnyView {
    let href = format!("/katalog/anliegen/{}", c.code);
    view! {
        <tr>
            <th scope="row"><a href=href>{c.name}</a></th>
            <td>{c.code}</td>
            <td>{c.customer_group}</td>
            <td>{c.area}</td>
            <td>{if c.active { "aktiv" } else { "inaktiv" }}</td>
        </tr>
    }
    .into_any()
}

const NAME_HINT: &str = "So heißt das Anliegen im Postfachservice.";
const GROUP_HINT: &str = "Zum Beispiel Arbeitnehmer oder Arbeitgeber.";

fn area_field(
    error: Signal<Option<AppError>>,
    areas: Vec<(String, String)>,
    selected: String,
) -> AnyView {
    let e = field_error(error, "bereich");
    view! {
        <div class="field">
            <label for="bereich">"Bereich"</label>
            {move || e.get().map(|m| view! { <p class="field__error" id="bereich-fehler">{m}</p> })}
            <select id="bereich" name="bereich" aria-describedby="bereich-fehler">
                {areas.into_iter().map(|(code, name)| {
                    let is = code == selected;
                    view! { <option value=code selected=is>{name}</option> }
                }).collect_view()}
            </select>
        </div>
    }
    .into_any()
}

fn area_codes(areas: &[(String, String)]) -> Vec<String> {
    areas.iter().map(|(code, _)| code.clone()).collect()
}

#[island]
fn CreateForm(areas: Vec<(String, String)>) -> impl IntoView {
    let action = island_action::<CreateConcern>();
    let checked = RwSignal::new(None);
    let error = shown_error(action_error(action.value()), checked);
    let codes = area_codes(&areas);
    let check = move |d: CreateConcern| -> Vec<FieldError> {
        let mut problems: Vec<FieldError> =
            check_concern_code(&d.kuerzel).err().into_iter().collect();
        problems.extend(
            check_concern_fields(&d.name, &d.kundengruppe, &d.bereich, &codes)
                .err()
                .unwrap_or_default(),
        );
        problems
    };
    view! {
        <section class="panel" aria-labelledby="neues-anliegen">
            <h2 id="neues-anliegen">"Neues Anliegen"</h2>
            <p>"Jede Dienststelle erhält dafür ihre Ausgangskonfiguration: das Funktions- oder Organisationspostfach des Bereichs in der Dienststelle, sonst in der Hauptagentur."</p>
            {move || error.get().map(|error| view! { <ErrorSummary error /> })}
            <ActionForm action on:submit:capture=precheck(checked, check)>
                <Field name="kuerzel" label="Kürzel" maxlength=64 error=field_error(error, "kuerzel")
                    hint="Kleinbuchstaben, Ziffern, Punkt und Bindestrich; wird später nicht geändert." />
                <Field name="name" label="Name" maxlength=200 error=field_error(error, "name") hint=NAME_HINT />
                <Field name="kundengruppe" label="Kundengruppe" maxlength=100 error=field_error(error, "kundengruppe") hint=GROUP_HINT />
                {area_field(error, areas, String::new())}
                <button type="submit" class="button">"Anliegen anlegen"</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn ConcernPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    // A saved change comes back with its version in the address: the page loads anew.
    let data = Resource::new(
        move || {
            let kuerzel = params.read().get("kuerzel").unwrap_or_default();
            (kuerzel, query.read().get("gespeichert"))
        },
        |(kuerzel, _)| fetch_concern(kuerzel),
    );
    view! {
        <LoadedPage title="Anliegen" data render=|h: ConcernHistory| view! { <Concern h /> } />
    }
}

#[component]
fn Concern(h: ConcernHistory) -> impl IntoView {
    let query = use_query_map();
    let notice = move || {
        let q = query.read();
        if let Some(n) = q.get("angelegt").and_then(|n| n.parse::<u64>().ok()) {
            Some(format!(
                "Das Anliegen wurde angelegt; Ausgangskonfiguration für {n} Routing-Einträge."
            ))
        } else {
            q.get("gespeichert")
                .and_then(|v| v.parse::<i64>().ok())
                .map(|v| format!("Die Änderung wurde gespeichert (Version {v})."))
        }
    };
    let c = h.concern.clone();
    view! {
        <h1>{format!("Anliegen: {}", c.name)}</h1>
        {move || notice().map(|text| view! { <p class="notice" role="status">{text}</p> })}
        <dl class="facts">
            <dt>"Kürzel"</dt><dd>{c.code.clone()}</dd>
            <dt>"Kundengruppe"</dt><dd>{c.customer_group.clone()}</dd>
            <dt>"Bereich"</dt><dd>{c.area.clone()}</dd>
            <dt>"Status"</dt><dd>{if c.active { "aktiv" } else { "inaktiv – wird in neuen Aufträgen nicht angeboten" }}</dd>
            {c.successor.clone().map(|(code, name)| {
                let href = format!("/katalog/anliegen/{code}");
                view! { <dt>"Abgelöst durch"</dt><dd><a href=href>{name}</a></dd> }
            })}
        </dl>
        {(h.editable && c.active).then(|| {
            let href = format!("/katalog/anliegen/{}/abloesen", c.code);
            view! {
                <p><a href=href>"Anliegen ablösen …"</a>" – ein Nachfolge-Anliegen übernimmt sein Routing, dann wird es deaktiviert."</p>
            }
        })}
        {h.editable.then(|| view! { <ChangeForm c=c.clone() areas=h.areas.clone() /> }.into_any())}
        <Versions h />
        <p><a href="/katalog">"Zum Katalog"</a></p>
    }
}

#[island]
fn ChangeForm(c: ConcernView, areas: Vec<(String, String)>) -> impl IntoView {
    let action = island_action::<ChangeConcern>();
    let checked = RwSignal::new(None);
    let error = shown_error(action_error(action.value()), checked);
    let codes = area_codes(&areas);
    let check = move |d: ChangeConcern| {
        check_concern_fields(&d.name, &d.kundengruppe, &d.bereich, &codes)
            .err()
            .unwrap_or_default()
    };
    view! {
        <section class="panel" aria-labelledby="anliegen-aendern">
            <h2 id="anliegen-aendern">"Anliegen ändern"</h2>
            {move || error.get().map(|error| view! { <ErrorSummary error /> })}
            <ActionForm action on:submit:capture=precheck(checked, check)>
                <input type="hidden" name="kuerzel" value=c.code.clone() />
                <input type="hidden" name="version" value=c.version.to_string() />
                <Field name="name" label="Name" maxlength=200 error=field_error(error, "name") hint=NAME_HINT value=c.name.clone() />
                <Field name="kundengruppe" label="Kundengruppe" maxlength=100 error=field_error(error, "kundengruppe") hint=GROUP_HINT
                    value=c.customer_group.clone() />
                {area_field(error, areas, c.area_code.clone())}
                <div class="field field--checkbox">
                    <input id="aktiv" name="aktiv" type="checkbox" value="ja" checked=c.active />
                    <label for="aktiv">"Aktiv (wird in neuen Aufträgen angeboten; solange es geroutet wird, nur über „Anliegen ablösen“ zu deaktivieren)"</label>
                </div>
                <button type="submit" class="button">"Änderung speichern"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Versions(h: ConcernHistory) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="versionen-titel">
            <h2 id="versionen-titel">"Versionen"</h2>
            {if h.versions.is_empty() {
                view! { <p>"Seit der Einrichtung unverändert."</p> }.into_any()
            } else {
                view! {
                    <ScrollTable id="versionen-tabelle" caption="Alle Versionen" headers=&["Version", "Gültig ab", "Von", "Angaben"]>
                        {h.versions.into_iter().map(|v| view! {
                            <tr>
                                <th scope="row">{v.version}</th>
                                <td>{v.valid_from}</td>
                                <td>{v.by}</td>
                                <td>{v.fields}</td>
                            </tr>
                        }.into_any()).collect_view()}
                    </ScrollTable>
                }.into_any()
            }}
        </section>
    }
}
