//! Pages of the master-data import: the upload form (with the figures of the last
//! confirmation) and the preview with its confirmation.

use super::master_data::{
    load_master_data_preview, may_import_master_data, ConfirmMasterData, MasterDataChange,
    MasterDataError, MasterDataPreview, SHOWN_CHANGES,
};
use crate::domain::upload::UploadProblem;
use crate::ui::errors::ErrorSummary;
use crate::ui::form::action_error;
use crate::ui::layout::LoadedPage;
use crate::ui::table::ScrollTable;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The path the upload form posts to (a multipart form, read by the server).
pub const UPLOAD_PATH: &str = "/organisation/stammdaten/hochladen";

#[component]
pub fn MasterDataPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| may_import_master_data());
    let query = use_query_map();
    let problem = Signal::derive(move || {
        query
            .read()
            .get("fehler")
            .and_then(|c| UploadProblem::from_code(&c))
    });
    // The figures of a confirmation, passed on in the address (numbers only).
    let outcome = Signal::derive(move || {
        let q = query.read();
        let n = |k: &str| q.get(k).and_then(|v| v.parse::<u64>().ok());
        Some(format!(
            "Die Stammdaten wurden übernommen: {} neu, {} geändert. Ausgangskonfiguration angelegt für {} Routing-Einträge und {} Postfacheinstellungen.",
            n("neu")?, n("geaendert")?, n("routing")?, n("einstellungen")?
        ))
    });
    view! {
        <LoadedPage title="Stammdaten einlesen" data render=move |allowed: bool| view! {
            <h1>"Stammdaten einlesen"</h1>
            <p>
                "Regionaldirektionen, Agenturen, Dienststellen, Postfächer und Bereiche kommen aus einer CSV-Datei im Format des "
                <a href="/export/stammdaten.csv">"Stammdaten-Exports"</a>
                ". Jedes Objekt wird an seinem Kürzel (Postfächer an ihrer Adresse) erkannt: Neues wird angelegt, Geändertes aktualisiert, nichts gelöscht. "
                "Sie sehen zuerst eine Vorschau; übernommen wird die ganze Datei oder nichts."
            </p>
            {move || outcome.get().map(|text| view! { <p class="notice" role="status">{text}</p> })}
            {move || problem.get().map(|p| view! {
                <div class="error-summary" role="alert" tabindex="-1">
                    <h2>"Die Datei wurde nicht angenommen"</h2>
                    <p>{p.message()}</p>
                </div>
            })}
            {if allowed {
                view! { <UploadForm /> }.into_any()
            } else {
                view! { <p>"Nur die Zentrale kann Stammdaten einlesen."</p> }.into_any()
            }}
        } />
    }
}

#[component]
fn UploadForm() -> impl IntoView {
    view! {
        <form method="post" action=UPLOAD_PATH enctype="multipart/form-data" class="panel">
            <div class="field">
                <label for="datei">"CSV-Datei"</label>
                <p class="field__hint" id="datei-hinweis">
                    "Semikolon-getrennt (UTF-8 oder Windows-1252), höchstens 8 MB und 20 000 Zeilen, mit den Spalten "
                    {crate::domain::master_data::MASTER_DATA_COLUMNS.join(", ")}
                    ". Eine Dienststelle ohne Postfach hat eine Zeile mit leeren Postfachspalten."
                </p>
                <input id="datei" name="datei" type="file" accept=".csv,text/csv" required aria-describedby="datei-hinweis" />
            </div>
            <button type="submit" class="button">"Hochladen und prüfen"</button>
        </form>
    }
}

#[component]
pub fn MasterDataPreviewPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("kennung").unwrap_or_default(),
        load_master_data_preview,
    );
    view! {
        <LoadedPage title="Stammdaten: Vorschau" data render=move |p: MasterDataPreview| view! { <Preview p /> } />
    }
}

#[component]
fn Preview(p: MasterDataPreview) -> impl IntoView {
    let ready = p.file_error.is_none() && p.error_lines == 0 && p.created + p.changed > 0;
    let status = format!(
        "{} neu, {} geändert, {} unverändert, {} Zeile(n) mit Fehlern.",
        p.created, p.changed, p.unchanged, p.error_lines
    );
    let total = p.created + p.changed;
    view! {
        <h1>"Vorschau: " {p.file_name.clone()}</h1>
        {p.file_error.clone().map(|m| view! {
            <div class="error-summary" role="alert" tabindex="-1">
                <h2>"Die Datei kann nicht gelesen werden"</h2>
                <p>{m}</p>
            </div>
        }.into_any())}
        {p.file_error.is_none().then(|| view! { <p role="status">{status}</p> })}
        // Type-erased: the nested view types would exceed the compiler's query depth.
        {(!p.errors.is_empty()).then(|| view! { <Errors errors=p.errors.clone() /> }.into_any())}
        {(!p.changes.is_empty()).then(|| view! { <Changes changes=p.changes.clone() total /> }.into_any())}
        {if ready {
            view! { <ConfirmForm token=p.token.clone() total /> }.into_any()
        } else {
            view! { <p><a href="/organisation/stammdaten">"Andere Datei hochladen"</a></p> }.into_any()
        }}
    }
}

#[component]
fn Errors(errors: Vec<MasterDataError>) -> impl IntoView {
    view! {
        <div class="error-summary" role="alert" tabindex="-1">
            <h2>"Bitte korrigieren Sie die Datei"</h2>
            <p>"Die folgenden Zeilen enthalten Fehler. Korrigieren Sie sie und laden Sie die Datei erneut hoch; bis dahin wird nichts gespeichert."</p>
        </div>
        <ScrollTable id="fehler-titel" caption="Fehler in der Datei" headers=&["Zeile", "Spalte", "Fehler"]>
            {errors.into_iter().map(|e| view! {
                <tr class="row--error"><th scope="row">{e.line}</th><td>{e.column}</td><td>{e.message}</td></tr>
            }.into_any()).collect_view()}
        </ScrollTable>
    }
}

#[component]
fn Changes(changes: Vec<MasterDataChange>, total: usize) -> impl IntoView {
    let more = total.saturating_sub(SHOWN_CHANGES);
    view! {
        <ScrollTable id="aenderungen-titel" caption="Was die Datei anlegt und ändert" headers=&["Zeile", "Objekt", "Ergebnis", "Angaben"]>
            {changes.into_iter().map(|c| view! {
                <tr>
                    <td>{c.line}</td>
                    <th scope="row">{format!("{} {}", c.level, c.key)}</th>
                    <td>{if c.new { "neu" } else { "geändert" }}</td>
                    <td>
                        <ul class="changes">
                            {c.fields.into_iter().map(|f| field_change(f, c.new)).collect_view()}
                        </ul>
                    </td>
                </tr>
            }.into_any()).collect_view()}
        </ScrollTable>
        {(more > 0).then(|| view! { <p>{format!("… und {more} weitere Änderungen (alle werden übernommen).")}</p> })}
    }
}

/// "Name: alt → neu", or "Name: neu" for a new object (type-erased: see `Preview`).
fn field_change(f: crate::routing::FieldChange, new: bool) -> AnyView {
    if new {
        view! { <li>{f.field}": " <ins>{f.after}</ins></li> }.into_any()
    } else {
        view! { <li>{f.field}": " <del>{f.before}</del> " → " <ins>{f.after}</ins></li> }.into_any()
    }
}

#[component]
fn ConfirmForm(token: String, total: usize) -> impl IntoView {
    let action = ServerAction::<ConfirmMasterData>::new();
    let error = action_error(action.value());
    view! {
        <ActionForm action=action attr:class="panel">
            <h2>{format!("{total} Änderung(en) übernehmen")}</h2>
            {move || error.get().map(|error| view! { <ErrorSummary error /> })}
            <input type="hidden" name="kennung" value=token />
            <p>
                "Neue Dienststellen erhalten für jedes Anliegen ihre Ausgangskonfiguration: das Funktions- oder Organisationspostfach "
                "des Bereichs des Anliegens in der Dienststelle, sonst das der Hauptagentur, benachrichtigt wird dieses Postfach. "
                "Neue Postfächer außer Funktionspostfächern erhalten die Einstellung „E-Mail-Kommunikation: Extern“. "
                "Jede Änderung wird versioniert und protokolliert."
            </p>
            <button type="submit" class="button">"Stammdaten übernehmen"</button>
        </ActionForm>
    }
}
