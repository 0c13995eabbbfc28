//! The Bereiche: the list (with the Zentrale's create form) and one Bereich's page with
//! renaming, its status and its versions.

use super::areas::{fetch_area, fetch_areas, ChangeAreaStatus, CreateArea, RenameArea};
use super::model::{AreaDetail, AreaList, AreaView};
use crate::domain::fields::FieldError;
use crate::domain::org_form::{check_name, check_new};
use crate::org::pages::MasterDataHistory;
use crate::ui::errors::ErrorSummary;
use crate::ui::form::{action_error, field_error, island_action, precheck, shown_error, Field};
use crate::ui::layout::LoadedPage;
use crate::ui::table::ScrollTable;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn AreaListPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_areas());
    view! {
        <LoadedPage title="Bereiche" data render=|l: AreaList| view! { <Areas l /> } />
    }
}

fn status_label(active: bool) -> &'static str {
    if active {
        "aktiv"
    } else {
        "deaktiviert"
    }
}

#[component]
fn Areas(l: AreaList) -> impl IntoView {
    view! {
        <Title text="Bereiche" />
        <h1>"Bereiche"</h1>
        <p>"Jedes Postfach, jeder Postkorb und jedes Anliegen gehört zu einem Bereich. Ein Bereich wird nie gelöscht; deaktiviert wird er erst, wenn nichts Aktives ihn mehr verwendet."</p>
        <ScrollTable id="bereiche-titel" caption="Bereiche" headers=&["Bereich", "Kürzel", "Status", "Postfächer", "Anliegen", "Postkörbe"]>
            {l.areas.into_iter().map(|a| view! {
                <tr>
                    <th scope="row"><a href=format!("/katalog/bereich/{}", a.code)>{a.name}</a></th>
                    <td>{a.code}</td>
                    <td>{status_label(a.active)}</td>
                    <td class="num">{a.mailboxes}</td>
                    <td class="num">{a.concerns}</td>
                    <td class="num">{a.postkoerbe}</td>
                </tr>
            }).collect_view()}
        </ScrollTable>
        {l.editable.then(|| view! { <CreateForm /> })}
        <p><a href="/katalog">"Zum Katalog der Anliegen"</a></p>
    }
}

#[island]
fn CreateForm() -> impl IntoView {
    let action = island_action::<CreateArea>();
    let checked = RwSignal::new(None);
    let error = shown_error(action_error(action.value()), checked);
    let check = |d: CreateArea| -> Vec<FieldError> {
        check_new(&d.kuerzel, &d.name).err().unwrap_or_default()
    };
    view! {
        <section class="panel" aria-labelledby="neuer-bereich">
            <h2 id="neuer-bereich">"Neuer Bereich"</h2>
            {move || error.get().map(|error| view! { <ErrorSummary error /> })}
            <ActionForm action on:submit:capture=precheck(checked, check)>
                <Field name="kuerzel" label="Kürzel" maxlength=64 error=field_error(error, "kuerzel")
                    hint="Kleinbuchstaben, Ziffern, Punkt und Bindestrich; wird später nicht geändert." />
                <Field name="name" label="Name" maxlength=200 error=field_error(error, "name")
                    hint="Zum Beispiel Eingangszone oder Leistungsgewährung." />
                <button type="submit" class="button">"Bereich anlegen"</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn AreaPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    // A saved change comes back with its version in the address: the page loads anew.
    let data = Resource::new(
        move || {
            (
                params.read().get("kuerzel").unwrap_or_default(),
                query.read().get("gespeichert"),
            )
        },
        |(code, _)| fetch_area(code),
    );
    view! {
        <LoadedPage title="Bereich" data render=|d: AreaDetail| view! { <Area d /> } />
    }
}

#[component]
fn Area(d: AreaDetail) -> impl IntoView {
    let query = use_query_map();
    let a = d.area.clone();
    let saved = move || {
        query.read().get("gespeichert").map(|_| {
            format!(
                "Gespeichert (Version {}). Der Bereich ist {}.",
                a.version,
                status_label(a.active)
            )
        })
    };
    let a = d.area.clone();
    view! {
        <Title text=format!("Bereich {}", a.name) />
        <h1>{format!("Bereich: {}", a.name)}</h1>
        {move || saved().map(|text| view! { <p class="notice" role="status">{text}</p> })}
        <dl class="facts">
            <dt>"Kürzel"</dt><dd>{a.code.clone()}</dd>
            <dt>"Status"</dt><dd>{status_label(a.active)}</dd>
            <dt>"Aktive Postfächer"</dt><dd>{a.mailboxes}</dd>
            <dt>"Aktive Anliegen"</dt><dd>{a.concerns}</dd>
            <dt>"Postkörbe"</dt><dd>{a.postkoerbe}</dd>
        </dl>
        {d.editable.then(|| view! {
            <RenameForm a=a.clone() />
            <Status a=a.clone() />
        })}
        <MasterDataHistory history=d.history />
        <p><a href="/katalog/bereiche">"Zu allen Bereichen"</a></p>
    }
}

#[island]
fn RenameForm(a: AreaView) -> impl IntoView {
    let action = island_action::<RenameArea>();
    let checked = RwSignal::new(None);
    let error = shown_error(action_error(action.value()), checked);
    let check =
        |d: RenameArea| -> Vec<FieldError> { check_name(&d.name).err().into_iter().collect() };
    view! {
        <section class="panel" aria-labelledby="bereich-aendern">
            <h2 id="bereich-aendern">"Bereich umbenennen"</h2>
            {move || error.get().map(|error| view! { <ErrorSummary error /> })}
            <ActionForm action on:submit:capture=precheck(checked, check)>
                <input type="hidden" name="kuerzel" value=a.code.clone() />
                <input type="hidden" name="version" value=a.version.to_string() />
                <Field name="name" label="Name" maxlength=200 error=field_error(error, "name") value=a.name.clone()
                    hint="Der neue Name gilt ab sofort in allen Listen; der alte bleibt in den Versionen." />
                <button type="submit" class="button">"Änderung speichern"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Status(a: AreaView) -> impl IntoView {
    let action = ServerAction::<ChangeAreaStatus>::new();
    let error = action_error(action.value());
    let form = move |aktion: &'static str, button: &'static str| {
        view! {
            <ActionForm action>
                <input type="hidden" name="kuerzel" value=a.code.clone() />
                <input type="hidden" name="version" value=a.version.to_string() />
                <input type="hidden" name="aktion" value=aktion />
                <button type="submit" class="button">{button}</button>
            </ActionForm>
        }
    };
    let body = match (a.active, a.refusal.clone()) {
        (true, Some(refusal)) => view! { <p>{refusal}</p> }.into_any(),
        (true, None) => view! {
            <p>"Ein deaktivierter Bereich wird neuen Postfächern und Anliegen nicht mehr angeboten. Er bleibt mit seinem Verlauf erhalten."</p>
            {form("deaktivieren", "Bereich deaktivieren")}
        }
        .into_any(),
        (false, _) => view! {
            <p>"Der Bereich ist deaktiviert. Nach der Reaktivierung kann er wieder gewählt werden."</p>
            {form("reaktivieren", "Bereich reaktivieren")}
        }
        .into_any(),
    };
    view! {
        <section class="panel" aria-labelledby="bereich-status">
            <h2 id="bereich-status">"Status"</h2>
            {move || error.get().map(|error| view! { <ErrorSummary error id="bereich-status-fehler" /> })}
            {body}
        </section>
    }
}
