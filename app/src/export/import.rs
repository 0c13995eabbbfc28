//! Import pages: upload an edited configuration export (a plain multipart form, handled
//! by the server at /import/hochladen), then a preview per row, then one confirmation
//! that files the draft.

use crate::domain::upload::UploadProblem;
use crate::error::AppError;
use crate::routing::FieldChange;
use crate::ui::errors::ErrorSummary;
use crate::ui::form::{action_error, field_error};
use crate::ui::layout::LoadedPage;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

/// (code, name) pairs for a select.
pub type Choices = Vec<(String, String)>;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewRow {
    /// Line in the file (1 is the header).
    pub line: u64,
    pub office: String,
    pub concern: String,
    pub changes: Vec<FieldChange>,
    /// (column, message)
    pub errors: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub token: String,
    pub file_name: String,
    pub agency_code: String,
    pub agency: String,
    /// The file as a whole cannot be read (separator, columns, …).
    pub file_error: Option<String>,
    /// Rows that change something or have errors (unchanged rows are only counted).
    pub rows: Vec<PreviewRow>,
    pub changes: usize,
    pub unchanged: usize,
    pub error_rows: usize,
    /// (number, title)
    pub directives: Vec<(String, String)>,
    /// TT.MM.JJJJ, the earliest effective date.
    pub today: String,
}

/// (code, name) of the agencies the user files for.
#[server(prefix = "/api", endpoint = "import/agenturen")]
pub async fn import_agencies() -> Result<Vec<(String, String)>, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(crate::services::org::filing_agencies(&ctx).await)
}

#[server(prefix = "/api", endpoint = "import/vorschau")]
pub async fn load_import_preview(kennung: String) -> Result<ImportPreview, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(crate::services::import::preview(&ctx, &kennung).await)
}

/// Files the draft; without JavaScript the browser is sent on to it.
#[server(prefix = "/api", endpoint = "import/uebernehmen")]
pub async fn confirm_import(
    kennung: String,
    begruendung: String,
    wirksam_ab: String,
    weisung: Option<String>,
) -> Result<String, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let number = crate::services::access::respond(
        crate::services::import::confirm(
            &ctx,
            &kennung,
            &begruendung,
            &wirksam_ab,
            weisung.as_deref().unwrap_or(""),
        )
        .await,
    )?;
    leptos_axum::redirect(&crate::domain::order::order_path(&number));
    Ok(number)
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| import_agencies());
    let query = use_query_map();
    let problem = move || {
        query
            .read()
            .get("fehler")
            .and_then(|c| UploadProblem::from_code(&c))
    };
    view! {
        <LoadedPage title="CSV-Import" data render=move |agencies: Choices| view! { <ImportBody agencies problem=Signal::derive(problem) /> } />
    }
}

#[component]
fn ImportBody(
    agencies: Vec<(String, String)>,
    problem: Signal<Option<UploadProblem>>,
) -> impl IntoView {
    view! {
        <h1>"Konfiguration aus CSV einlesen"</h1>
        <p>
            "Laden Sie einen Export der gültigen Konfiguration hoch, den Sie in Excel bearbeitet haben. "
            "Jede geänderte Zeile wird zu einer Position eines neuen Auftragsentwurfs; unveränderte Zeilen werden übergangen. "
            "Sie sehen zuerst eine Vorschau – gespeichert wird erst, wenn Sie sie bestätigen."
        </p>
        {move || problem.get().map(|p| view! {
            <div class="error-summary" role="alert" tabindex="-1">
                <h2>"Die Datei wurde nicht angenommen"</h2>
                <p>{p.message()}</p>
            </div>
        })}
        {if agencies.is_empty() {
            view! { <p>"Nur Agentur-Administratorinnen und -Administratoren können Aufträge einlesen."</p> }.into_any()
        } else {
            view! { <UploadForm agencies /> }.into_any()
        }}
    }
}

#[component]
fn UploadForm(agencies: Vec<(String, String)>) -> impl IntoView {
    view! {
        <form method="post" action="/import/hochladen" enctype="multipart/form-data" class="panel">
            <div class="field">
                <label for="agentur">"Agentur"</label>
                <select id="agentur" name="agentur">
                    {agencies.into_iter().map(|(code, name)| view! { <option value=code>{name}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="datei">"CSV-Datei"</label>
                <p class="field__hint" id="datei-hinweis">
                    "Semikolon-getrennt (UTF-8 oder Windows-1252), höchstens 8 MB und 20 000 Zeilen, mit den Spalten "
                    "Dienststelle-Nr., Anliegen, Bereich, Zielpostfach, Benachrichtigungsadressen und – zum Schutz vor veralteten Dateien – Version."
                </p>
                <input id="datei" name="datei" type="file" accept=".csv,text/csv" required aria-describedby="datei-hinweis" />
            </div>
            <button type="submit" class="button">"Hochladen und prüfen"</button>
        </form>
        <p><a href="/export">"Zum Export der gültigen Konfiguration"</a></p>
    }
}

#[component]
pub fn PreviewPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("kennung").unwrap_or_default(),
        load_import_preview,
    );
    view! {
        <LoadedPage title="CSV-Import: Vorschau" data render=move |p: ImportPreview| view! { <Preview p /> } />
    }
}

fn summary(p: &ImportPreview) -> String {
    format!(
        "{} Änderung(en), {} unveränderte Zeile(n), {} Zeile(n) mit Fehlern.",
        p.changes, p.unchanged, p.error_rows
    )
}

#[component]
fn Preview(p: ImportPreview) -> impl IntoView {
    let ready = p.file_error.is_none() && p.error_rows == 0 && p.changes > 0;
    let status = summary(&p);
    view! {
        <h1>"Vorschau: " {p.file_name.clone()}</h1>
        <p>"Agentur: " {p.agency.clone()}</p>
        {p.file_error.clone().map(|m| view! {
            <div class="error-summary" role="alert" tabindex="-1">
                <h2>"Die Datei kann nicht gelesen werden"</h2>
                <p>{m}</p>
            </div>
        })}
        {p.file_error.is_none().then(|| view! { <p role="status">{status}</p> })}
        {(p.error_rows > 0).then(|| view! {
            <div class="error-summary" role="alert" tabindex="-1">
                <h2>"Bitte korrigieren Sie die Datei"</h2>
                <p>"Die markierten Zeilen enthalten Fehler. Korrigieren Sie sie in Excel und laden Sie die Datei erneut hoch; bis dahin wird nichts gespeichert."</p>
            </div>
        })}
        {(!p.rows.is_empty()).then(|| view! { <PreviewTable rows=p.rows.clone() /> })}
        {if ready {
            view! { <ConfirmForm p /> }.into_any()
        } else {
            view! { <p><a href="/import">"Andere Datei hochladen"</a></p> }.into_any()
        }}
    }
}

#[component]
fn PreviewTable(rows: Vec<PreviewRow>) -> impl IntoView {
    view! {
        <div class="table-scroll" role="region" aria-labelledby="vorschau-titel" tabindex="0">
            <table>
                <caption id="vorschau-titel">"Zeilen der Datei"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Zeile"</th>
                        <th scope="col">"Dienststelle"</th>
                        <th scope="col">"Anliegen"</th>
                        <th scope="col">"Ergebnis"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let failed = !r.errors.is_empty();
                        view! {
                            <tr class=if failed { "row--error" } else { "" }>
                                <th scope="row">{r.line}</th>
                                <td>{r.office}</td>
                                <td>{r.concern}</td>
                                <td>
                                    {if failed {
                                        view! {
                                            <ul class="cell-errors">
                                                {r.errors.into_iter().map(|(col, msg)| view! {
                                                    <li><strong>{format!("Fehler in Spalte „{col}“: ")}</strong>{msg}</li>
                                                }).collect_view()}
                                            </ul>
                                        }.into_any()
                                    } else {
                                        view! {
                                            <ul class="changes">
                                                {r.changes.into_iter().map(|c| view! {
                                                    <li>{c.field}": " <del>{c.before}</del> " → " <ins>{c.after}</ins></li>
                                                }).collect_view()}
                                            </ul>
                                        }.into_any()
                                    }}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn ConfirmForm(p: ImportPreview) -> impl IntoView {
    let action = ServerAction::<ConfirmImport>::new();
    let error = action_error(action.value());
    let justification = field_error(error, "begruendung");
    let effective = field_error(error, "wirksam_ab");
    let directive = field_error(error, "weisung");
    let count = p.changes;
    view! {
        <ActionForm action=action attr:class="panel">
            <h2>{format!("Als Auftragsentwurf mit {count} Position(en) übernehmen")}</h2>
            {move || error.get().map(|error| view! { <ErrorSummary error /> })}
            <input type="hidden" name="kennung" value=p.token.clone() />
            <div class="field">
                <label for="begruendung">"Begründung"</label>
                <p class="field__hint" id="begruendung-hinweis">{crate::domain::order_form::justification_hint()}</p>
                {move || justification.get().map(|m| view! { <p class="field__error" id="begruendung-fehler">{m}</p> })}
                <textarea id="begruendung" name="begruendung" rows="3" aria-describedby="begruendung-hinweis begruendung-fehler"></textarea>
            </div>
            <div class="field">
                <label for="wirksam_ab">"Wirksam ab"</label>
                <p class="field__hint" id="wirksam_ab-hinweis">"TT.MM.JJJJ, frühestens heute"</p>
                {move || effective.get().map(|m| view! { <p class="field__error" id="wirksam_ab-fehler">{m}</p> })}
                <input id="wirksam_ab" name="wirksam_ab" type="text" value=p.today.clone() aria-describedby="wirksam_ab-hinweis wirksam_ab-fehler" />
            </div>
            <div class="field">
                <label for="weisung">"Weisung (optional)"</label>
                {move || directive.get().map(|m| view! { <p class="field__error" id="weisung-fehler">{m}</p> })}
                <select id="weisung" name="weisung" aria-describedby="weisung-fehler">
                    <option value="">"Keine"</option>
                    {p.directives.clone().into_iter().map(|(n, t)| view! { <option value=n.clone()>{format!("{n} – {t}")}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button">"Auftragsentwurf anlegen"</button>
        </ActionForm>
    }
}
