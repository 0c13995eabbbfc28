//! The accessibility statement ("Erklärung zur Barrierefreiheit", § 12b BGG, BITV 2.0),
//! open to everyone, signed in or not.

use super::{contact_href, operator_settings, SiteSettings};
use crate::ui::errors::ErrorPanel;
use leptos::prelude::*;
use leptos_meta::Title;

/// When the statement was last reviewed against the tests it cites.
const REVIEWED_ON: &str = "06.12.2026";

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| operator_settings());
    view! {
        <Title text="Erklärung zur Barrierefreiheit" />
        <Suspense fallback=|| view! { <p class="loading">"Wird geladen …"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(site) => view! { <Statement site /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Statement(site: SiteSettings) -> impl IntoView {
    let contact = site.feedback_contact.clone().map(|c| {
        let href = contact_href(&c);
        (c, href)
    });
    view! {
        <article class="panel panel--text" aria-labelledby="titel">
            <h1 id="titel">"Erklärung zur Barrierefreiheit"</h1>
            <p>
                {site.operator.clone()}
                " ist bemüht, das Konfigurationstool Postfachservice im Einklang mit § 12a des "
                "Behindertengleichstellungsgesetzes (BGG) und der Barrierefreie-Informationstechnik-Verordnung "
                "(BITV 2.0) barrierefrei zugänglich zu machen. Diese Erklärung gilt für alle Seiten dieser Anwendung."
            </p>
            <h2>"Stand der Vereinbarkeit mit den Anforderungen"</h2>
            <p>
                "Die Anwendung ist mit den Anforderungen der BITV 2.0 (WCAG 2.1, Stufe AA) "
                <strong>"teilweise vereinbar"</strong>
                ". Grundlage ist eine Selbstbewertung vom " {REVIEWED_ON} " anhand der automatischen Prüfungen, "
                "die bei jeder Änderung der Software laufen:"
            </p>
            <ul>
                <li>"Jede Seite wird mit axe-core gegen WCAG 2.1 A und AA geprüft, vor und nach dem Laden der Skripte; es sind 0 Verstöße erlaubt."</li>
                <li>"Jede Seite bleibt bei 320 CSS-Pixel Breite ohne waagrechtes Scrollen lesbar (Umfließen)."</li>
                <li>"Jedes Formular funktioniert auch ohne JavaScript; Fehler werden je Feld benannt, mit dem Feld verknüpft und oben zusammengefasst."</li>
            </ul>
            <h2>"Nicht barrierefreie Inhalte"</h2>
            <ul>
                <li>"Automatische Prüfungen erkennen nicht jede Barriere. Eine Prüfung nach dem BITV-Prüfverfahren durch eine unabhängige Stelle und Tests mit Screenreadern stehen noch aus."</li>
                <li>"CSV-Dateien (Export und Import) sind Datendateien für Tabellenkalkulationen, keine barrierefreien Dokumente. Ihre Inhalte sind auch auf den Seiten der Anwendung zugänglich."</li>
                <li>"Die Beschreibung der JSON-Schnittstelle (OpenAPI-Dokument) ist ein maschinenlesbares technisches Dokument."</li>
                <li>"Erläuterungen in Leichter Sprache und in Deutscher Gebärdensprache (§ 4 BITV 2.0) gibt es noch nicht."</li>
            </ul>
            <h2>"Barrieren melden: Kontakt zu den Feedback-Ansprechpartnern"</h2>
            {match contact {
                Some((text, Some(href))) => view! {
                    <p>"Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen? Schreiben Sie an: " <a href=href>{text}</a></p>
                }.into_any(),
                Some((text, None)) => view! {
                    <p>"Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen? Wenden Sie sich an: " {text}</p>
                }.into_any(),
                None => view! {
                    <p>"Die Kontaktstelle für Rückmeldungen zur Barrierefreiheit ist für diese Installation noch nicht eingetragen. Bitte wenden Sie sich an " {site.operator.clone()} "."</p>
                }.into_any(),
            }}
            <h2>"Schlichtungsverfahren"</h2>
            <p>
                "Wenn auch nach Ihrem Feedback an den oben genannten Kontakt keine zufriedenstellende Lösung gefunden wurde, "
                "können Sie sich an die Schlichtungsstelle nach § 16 BGG wenden: "
                <a href="https://www.schlichtungsstelle-bgg.de">"www.schlichtungsstelle-bgg.de"</a>"."
            </p>
            <p class="small">"Erstellt am " {REVIEWED_ON} " (Selbstbewertung)."</p>
        </article>
    }
}
