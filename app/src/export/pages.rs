//! The export page: plain GET forms, so a download works the same with and without
//! JavaScript and the filters are visible in the address.

use super::{load_export_choices, ExportChoices};
use crate::ui::layout::LoadedPage;
use leptos::prelude::*;

#[component]
pub fn ExportPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_export_choices());
    view! {
        <LoadedPage title="CSV-Export" data render=move |c: ExportChoices| view! { <Exports c /> } />
    }
}

/// A labelled select; `none` is the first option with an empty value.
fn choice(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    none: Option<&'static str>,
    options: Vec<(String, String)>,
    selected: &'static str,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=name>
                {none.map(|l| view! { <option value="">{l}</option> })}
                {options.into_iter().map(|(value, text)| {
                    let is = value == selected;
                    view! { <option value=value selected=is>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

fn date_input(id: &'static str, name: &'static str, label: &'static str) -> impl IntoView {
    let hint = format!("{id}-hinweis");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <p class="field__hint" id=hint.clone()>"TT.MM.JJJJ, leer für ohne Grenze"</p>
            <input id=id name=name type="text" inputmode="numeric" autocomplete="off" aria-describedby=hint />
        </div>
    }
}

#[component]
fn Exports(c: ExportChoices) -> impl IntoView {
    let many_regions = !c.regions.is_empty();
    let mut states = vec![("alle".to_string(), "Alle Status".to_string())];
    states.extend(c.states.clone());
    view! {
        <h1>"CSV-Export"</h1>
        <p>
            "Die Dateien öffnen sich direkt in Excel: Semikolon als Trennzeichen, UTF-8, Datumsangaben als TT.MM.JJJJ. "
            "Zellen, die mit = + - @ oder einem Steuerzeichen beginnen, erhalten ein vorangestelltes Apostroph, damit Excel sie nie als Formel ausführt."
        </p>
        {c.orders.then(|| {
            let regions = c.regions.clone();
            view! {
                <section class="panel" aria-labelledby="export-auftraege">
                    <h2 id="export-auftraege">"Auftragspositionen zur Umsetzung"</h2>
                    <p>"Eine Zeile je Position mit altem und neuem Wert; die Spalte „Umsetzung“ ist für das RIM."</p>
                    <form method="get" action="/export/auftraege.csv" class="filter-form">
                        {many_regions.then(|| choice("auftraege-rd", "rd", "Regionaldirektion", Some("Alle"), regions, ""))}
                        {choice("auftraege-agentur", "agentur", "Agentur", Some("Alle"), c.order_agencies.clone(), "")}
                        {choice("auftraege-status", "status", "Status", None, states, "zur-umsetzung")}
                        {choice("auftraege-weisung", "weisung", "Weisung", Some("Alle"), c.directives.clone(), "")}
                        {date_input("auftraege-von", "von", "Wirksam ab, frühestens")}
                        {date_input("auftraege-bis", "bis", "Wirksam ab, spätestens")}
                        <button type="submit" class="button">"Auftragspositionen herunterladen (CSV)"</button>
                    </form>
                </section>
            }
        })}
        <section class="panel" aria-labelledby="export-konfiguration">
            <h2 id="export-konfiguration">"Gültige Konfiguration"</h2>
            <p>"Je Dienststelle und Anliegen die gültige Version. Eine bearbeitete Datei lässt sich als Auftragsentwurf wieder einlesen."</p>
            <form method="get" action="/export/konfiguration.csv" class="filter-form">
                {many_regions.then(|| choice("konfiguration-rd", "rd", "Regionaldirektion", Some("Alle"), c.regions.clone(), ""))}
                {choice("konfiguration-agentur", "agentur", "Agentur", (c.agencies.len() > 1).then_some("Alle"), c.agencies.clone(), "")}
                <button type="submit" class="button">"Konfiguration herunterladen (CSV)"</button>
            </form>
        </section>
        {c.audit.then(|| view! {
            <section class="panel" aria-labelledby="export-protokoll">
                <h2 id="export-protokoll">"Protokoll"</h2>
                <form method="get" action="/export/protokoll.csv" class="filter-form">
                    {date_input("protokoll-von", "von", "Von")}
                    {date_input("protokoll-bis", "bis", "Bis")}
                    <button type="submit" class="button">"Protokoll herunterladen (CSV)"</button>
                </form>
            </section>
        })}
    }
}
