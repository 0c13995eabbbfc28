//! The eAkte catalogue page (Aktentypen, Dokumenttypen, Dokumentarten, with the form for a
//! new entry) and one entry's page with rename, status and versions.

use super::eakte::{
    entry_href, fetch_eakte_catalogue, fetch_eakte_entry, CreateEakteEntry, RenameEakteEntry,
    SetEakteEntryStatus,
};
use super::model::{EakteCatalogueView, EakteEntryDetail, EakteEntryView};
use crate::org::pages::{Breadcrumbs, ChangeNotice, MasterDataHistory};
use crate::ui::errors::ErrorSummary;
use crate::ui::form::choice;
use crate::ui::form::{action_error, field_error, Field};
use crate::ui::layout::LoadedPage;
use crate::ui::table::ScrollTable;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn EakteCataloguePage() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_eakte_catalogue());
    view! {
        <LoadedPage title="eAkte-Katalog" data render=|c: EakteCatalogueView| view! { <Catalogue c /> } />
    }
}

fn status(active: bool) -> &'static str {
    if active {
        "aktiv"
    } else {
        "deaktiviert"
    }
}

fn link(e: &EakteEntryView) -> AnyView {
    let href = entry_href(&e.kind, &e.code);
    view! { <a href=href>{e.name.clone()}</a> }.into_any()
}

#[component]
fn Catalogue(c: EakteCatalogueView) -> impl IntoView {
    let file_types: Vec<(String, String)> = c
        .file_types
        .iter()
        .filter(|f| f.active)
        .map(|f| (f.code.clone(), format!("{} {}", f.code, f.name)))
        .collect();
    view! {
        <Title text="eAkte-Katalog" />
        <h1>"Katalog des eAkte-Regelwerks"</h1>
        <p>"Je Agentur sendet eine eAkte-Regel die Dokumente eines Dokumenttyps und einer Dokumentart an einen Postkorb (Weisung 202505010). Ein neuer Dokumenttyp oder eine neue Dokumentart erhält in jeder Agentur eine Regel an den Postkorb der Leistungsgewährung der Hauptagentur; eine deaktivierte endet mit ihren Regeln."</p>
        <ScrollTable id="aktentypen" caption="Aktentypen" headers=&["Aktentyp", "Kürzel", "Aktive Dokumenttypen", "Gültige Regeln", "Status"]>
            {c.file_types.into_iter().map(|e| view! {
                <tr>
                    <th scope="row">{link(&e)}</th>
                    <td>{e.code}</td>
                    <td>{e.children}</td>
                    <td>{e.live_rules}</td>
                    <td>{status(e.active)}</td>
                </tr>
            }.into_any()).collect_view()}
        </ScrollTable>
        <ScrollTable id="dokumenttypen" caption="Dokumenttypen" headers=&["Dokumenttyp", "Aktentyp", "Kürzel", "Gültige Regeln", "Status"]>
            {c.document_types.into_iter().map(|e| view! {
                <tr>
                    <th scope="row">{link(&e)}</th>
                    <td>{e.file_type.clone().unwrap_or_default()}</td>
                    <td>{e.code}</td>
                    <td>{e.live_rules}</td>
                    <td>{status(e.active)}</td>
                </tr>
            }.into_any()).collect_view()}
        </ScrollTable>
        <ScrollTable id="dokumentarten" caption="Dokumentarten" headers=&["Dokumentart", "Kürzel", "Gültige Regeln", "Status"]>
            {c.document_kinds.into_iter().map(|e| view! {
                <tr>
                    <th scope="row">{link(&e)}</th>
                    <td>{e.code}</td>
                    <td>{e.live_rules}</td>
                    <td>{status(e.active)}</td>
                </tr>
            }.into_any()).collect_view()}
        </ScrollTable>
        {c.editable.then(|| view! { <NewEntryForm file_types /> })}
        <p><a href="/katalog">"Zum Katalog der Anliegen"</a></p>
    }
}

#[component]
fn NewEntryForm(file_types: Vec<(String, String)>) -> impl IntoView {
    let action = ServerAction::<CreateEakteEntry>::new();
    let error = action_error(action.value());
    let kinds = vec![
        ("dokumenttyp".to_string(), "Dokumenttyp".to_string()),
        ("dokumentart".to_string(), "Dokumentart".to_string()),
        ("aktentyp".to_string(), "Aktentyp".to_string()),
    ];
    let mut parents = vec![(String::new(), "– (nur für Dokumenttypen)".to_string())];
    parents.extend(file_types);
    view! {
        <section class="panel" aria-labelledby="neuer-eintrag">
            <h2 id="neuer-eintrag">"Neuer Eintrag"</h2>
            {move || error.get().map(|error| view! { <ErrorSummary error id="anlegen-fehler" /> })}
            <ActionForm action>
                {choice(error, ("art", "Art"), kinds, "dokumenttyp".into())}
                {choice(error, ("aktentyp", "Aktentyp des Dokumenttyps"), parents, String::new())}
                <Field name="kuerzel" label="Kürzel" maxlength=20 error=field_error(error, "kuerzel")
                    hint="Kleinbuchstaben, Ziffern und Bindestriche, z. B. 120 oder fax; wird später nicht geändert." />
                <Field name="name" label="Name" maxlength=200 error=field_error(error, "name") />
                <button type="submit" class="button">"Eintrag anlegen"</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn EakteEntryPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    // A saved change comes back with its version in the address: the page loads anew.
    let data = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("art").unwrap_or_default(),
                p.get("kuerzel").unwrap_or_default(),
                query.read().get("gespeichert"),
            )
        },
        |(kind, code, _)| fetch_eakte_entry(kind, code),
    );
    view! {
        <LoadedPage title="eAkte-Katalog" data render=|d: EakteEntryDetail| view! { <Entry d /> } />
    }
}

#[component]
fn Entry(d: EakteEntryDetail) -> impl IntoView {
    let active = d.entry.active;
    let e = d.entry.clone();
    let title = format!("{}: {}", d.kind_label, e.name);
    let crumb = title.clone();
    view! {
        <Title text=title.clone() />
        <Breadcrumbs>
            <li><a href="/katalog/eakte">"eAkte-Katalog"</a></li>
            <li aria-current="page">{crumb}</li>
        </Breadcrumbs>
        <h1>{title}</h1>
        <ChangeNotice created="Der Eintrag wurde angelegt." state=format!("Der Eintrag ist {}.", status(active)) />
        <dl class="facts">
            <dt>"Kürzel"</dt><dd>{e.code.clone()}</dd>
            {e.file_type.clone().map(|f| {
                let href = entry_href("aktentyp", &f);
                view! { <dt>"Aktentyp"</dt><dd><a href=href>{f}</a></dd> }
            })}
            <dt>"Gültige eAkte-Regeln"</dt><dd>{e.live_rules}</dd>
            <dt>"Status"</dt><dd>{status(e.active)}</dd>
        </dl>
        {d.editable.then(|| view! { <RenameForm d=d.clone() /> }.into_any())}
        {d.editable.then(|| view! { <Status d=d.clone() /> }.into_any())}
        <MasterDataHistory history=d.history.clone() />
        <p><a href="/katalog/eakte">"Zum eAkte-Katalog"</a></p>
    }
}

#[component]
fn RenameForm(d: EakteEntryDetail) -> impl IntoView {
    let action = ServerAction::<RenameEakteEntry>::new();
    let error = action_error(action.value());
    view! {
        <section class="panel" aria-labelledby="umbenennen-titel">
            <h2 id="umbenennen-titel">"Umbenennen"</h2>
            {move || error.get().map(|error| view! { <ErrorSummary error id="aendern-fehler" /> })}
            <ActionForm action>
                <input type="hidden" name="art" value=d.entry.kind.clone() />
                <input type="hidden" name="kuerzel" value=d.entry.code.clone() />
                <input type="hidden" name="version" value=d.entry.version.to_string() />
                <Field name="name" label="Name" maxlength=200 error=field_error(error, "name") value=d.entry.name.clone() />
                <button type="submit" class="button">"Änderung speichern"</button>
            </ActionForm>
        </section>
    }
    .into_any()
}

#[component]
fn Status(d: EakteEntryDetail) -> impl IntoView {
    let action = ServerAction::<SetEakteEntryStatus>::new();
    let error = action_error(action.value());
    let form = move |aktion: &'static str, button: &'static str| {
        view! {
            <ActionForm action>
                <input type="hidden" name="art" value=d.entry.kind.clone() />
                <input type="hidden" name="kuerzel" value=d.entry.code.clone() />
                <input type="hidden" name="version" value=d.entry.version.to_string() />
                <input type="hidden" name="aktion" value=aktion />
                <button type="submit" class="button">{button}</button>
            </ActionForm>
        }
    };
    let rules = d.entry.live_rules;
    let body = match (d.entry.active, d.refusal.clone()) {
        (true, Some(refusal)) => view! { <p id="status-ablehnung">{refusal}</p> }.into_any(),
        (true, None) => view! {
            <p>{format!("Beim Deaktivieren enden die {rules} gültigen eAkte-Regeln des Eintrags; ihr Verlauf bleibt lesbar. Er wird nicht mehr angeboten.")}</p>
            {form("deaktivieren", "Deaktivieren")}
        }
        .into_any(),
        (false, _) => view! {
            <p>"Nach der Reaktivierung gelten die Regeln wieder, wie sie zuletzt waren (wo ihr Postkorb noch aktiv ist)."</p>
            {form("reaktivieren", "Reaktivieren")}
        }
        .into_any(),
    };
    view! {
        <section class="panel" aria-labelledby="status-titel">
            <h2 id="status-titel">"Status"</h2>
            {move || error.get().map(|error| view! { <ErrorSummary error id="status-fehler" /> })}
            {body}
        </section>
    }
    .into_any()
}
