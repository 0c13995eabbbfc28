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
    id: String,
    name: &'static str,
    label: &'static str,
    none: Option<&'static str>,
    options: Vec<(String, String)>,
    selected: &'static str,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
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

fn date_input(id: String, name: &'static str, label: &'static str) -> impl IntoView {
    let hint = format!("{id}-hinweis");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <p class="field__hint" id=hint.clone()>"TT.MM.JJJJ, leer für ohne Grenze"</p>
            <input id=id name=name type="text" inputmode="numeric" autocomplete="off" aria-describedby=hint />
        </div>
    }
}

/// The item exports: one form each, with the same filters.
#[derive(Clone, Copy)]
enum ItemExport {
    Routing,
    MailboxSettings,
    EakteRules,
}

impl ItemExport {
    /// (form action, prefix of the field ids, button text)
    fn parts(self) -> (&'static str, &'static str, &'static str) {
        match self {
            ItemExport::Routing => (
                "/export/auftraege.csv",
                "auftraege",
                "Auftragspositionen herunterladen (CSV)",
            ),
            ItemExport::MailboxSettings => (
                "/export/postfacheinstellungen.csv",
                "einstellungen",
                "Postfacheinstellungen herunterladen (CSV)",
            ),
            ItemExport::EakteRules => (
                "/export/eakte-regeln.csv",
                "eakte",
                "eAkte-Regeln herunterladen (CSV)",
            ),
        }
    }
}

fn item_filters(c: &ExportChoices, export: ItemExport) -> impl IntoView {
    let (action, prefix, button) = export.parts();
    let id = |name: &str| format!("{prefix}-{name}");
    let mut states = vec![("alle".to_string(), "Alle Status".to_string())];
    states.extend(c.states.clone());
    let regions = (!c.regions.is_empty()).then(|| c.regions.clone());
    view! {
        <form method="get" action=action class="filter-form">
            {regions.map(|r| choice(id("rd"), "rd", "Regionaldirektion", Some("Alle"), r, ""))}
            {choice(id("agentur"), "agentur", "Agentur", Some("Alle"), c.order_agencies.clone(), "")}
            {choice(id("status"), "status", "Status", None, states, "zur-umsetzung")}
            {choice(id("weisung"), "weisung", "Weisung", Some("Alle"), c.directives.clone(), "")}
            {date_input(id("von"), "von", "Wirksam ab, frühestens")}
            {date_input(id("bis"), "bis", "Wirksam ab, spätestens")}
            <button type="submit" class="button">{button}</button>
        </form>
    }
}

#[component]
fn Exports(c: ExportChoices) -> impl IntoView {
    let many_regions = !c.regions.is_empty();
    view! {
        <h1>"CSV-Export"</h1>
        <p>
            "Die Dateien öffnen sich direkt in Excel: Semikolon als Trennzeichen, UTF-8, Datumsangaben als TT.MM.JJJJ. "
            "Zellen, die mit = + - @ oder einem Steuerzeichen beginnen, erhalten ein vorangestelltes Apostroph, damit Excel sie nie als Formel ausführt."
        </p>
        {c.orders.then(|| view! {
            <section class="panel" aria-labelledby="export-auftraege">
                <h2 id="export-auftraege">"Auftragspositionen zur Umsetzung"</h2>
                <p>"Eine Zeile je Position mit altem und neuem Wert; die Spalte „Umsetzung“ ist für das RIM."</p>
                {item_filters(&c, ItemExport::Routing)}
            </section>
            <section class="panel" aria-labelledby="export-einstellungen">
                <h2 id="export-einstellungen">"E-Mail-Kommunikation der Postfächer zur Umsetzung"</h2>
                <p>"Eine Zeile je Postfach mit bisheriger und neuer Einstellung (Intern oder Extern)."</p>
                {item_filters(&c, ItemExport::MailboxSettings)}
            </section>
            <section class="panel" aria-labelledby="export-eakte">
                <h2 id="export-eakte">"eAkte-Regelwerk zur Umsetzung"</h2>
                <p>"Eine Zeile je Regel (Aktentyp, Dokumenttyp, Dokumentart) mit bisherigem und neuem Ziel-Postkorb und dessen Kennung."</p>
                {item_filters(&c, ItemExport::EakteRules)}
            </section>
        })}
        <section class="panel" aria-labelledby="export-konfiguration">
            <h2 id="export-konfiguration">"Gültige Konfiguration"</h2>
            <p>"Je Dienststelle und Anliegen die gültige Version. Eine bearbeitete Datei lässt sich als Auftragsentwurf wieder einlesen."</p>
            <form method="get" action="/export/konfiguration.csv" class="filter-form">
                {many_regions.then(|| choice("konfiguration-rd".into(), "rd", "Regionaldirektion", Some("Alle"), c.regions.clone(), ""))}
                {choice("konfiguration-agentur".into(), "agentur", "Agentur", (c.agencies.len() > 1).then_some("Alle"), c.agencies.clone(), "")}
                <button type="submit" class="button">"Konfiguration herunterladen (CSV)"</button>
            </form>
        </section>
        <section class="panel" aria-labelledby="export-stammdaten">
            <h2 id="export-stammdaten">"Stammdaten der Organisation"</h2>
            <p>"Je Postfach eine Zeile mit Dienststelle, Agentur und Regionaldirektion (Kürzel und Namen), Postfachart und Bereich."</p>
            <form method="get" action="/export/stammdaten.csv" class="filter-form">
                {many_regions.then(|| choice("stammdaten-rd".into(), "rd", "Regionaldirektion", Some("Alle"), c.regions.clone(), ""))}
                {choice("stammdaten-agentur".into(), "agentur", "Agentur", (c.agencies.len() > 1).then_some("Alle"), c.agencies.clone(), "")}
                <button type="submit" class="button">"Stammdaten herunterladen (CSV)"</button>
            </form>
            {c.audit.then(|| view! { <p><a href="/organisation/stammdaten">"Stammdaten aus CSV einlesen"</a></p> })}
        </section>
        {c.audit.then(|| view! {
            <section class="panel" aria-labelledby="export-protokoll">
                <h2 id="export-protokoll">"Protokoll"</h2>
                <form method="get" action="/export/protokoll.csv" class="filter-form">
                    {date_input("protokoll-von".into(), "von", "Von")}
                    {date_input("protokoll-bis".into(), "bis", "Bis")}
                    <button type="submit" class="button">"Protokoll herunterladen (CSV)"</button>
                </form>
            </section>
        })}
    }
}
