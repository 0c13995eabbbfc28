//! The Zentrale's form for the directive register: a new directive or changes to one.

use crate::error::AppError;
use crate::ui::errors::ErrorSummary;
use crate::ui::form::{action_error, field_error};
use crate::ui::layout::LoadedPage;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

/// The form's values (as typed, dates TT.MM.JJJJ) and its choices.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectiveForm {
    /// None: a new directive.
    pub revision: Option<i64>,
    pub number: String,
    pub title: String,
    pub issued_on: String,
    pub valid_from: String,
    pub valid_until: String,
    pub legal_area: String,
    pub reference_code: String,
    /// "datum" | "relativ"
    pub deadline_kind: String,
    pub deadline_on: String,
    pub switchover_on: String,
    pub days_before: String,
    pub deadline_text: String,
    pub concern: String,
    pub area_is: String,
    pub mailbox_area: String,
    pub needs_address: bool,
    /// The rule's own deadline (TT.MM.JJJJ), empty when it is the directive's.
    pub rule_due: String,
    pub limited_to_concern: bool,
    /// RD and agency codes, comma-separated; empty: everywhere.
    pub applies_to: String,
    pub legal_areas: Vec<String>,
    /// (code, name)
    pub concerns: Vec<(String, String)>,
    pub areas: Vec<(String, String)>,
}

#[server(prefix = "/api", endpoint = "weisung/formular")]
pub async fn fetch_directive_form(nummer: Option<String>) -> Result<DirectiveForm, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(
        crate::services::directive_register::form(&ctx, nummer.as_deref()).await,
    )
}

// One argument per form field, so the plain HTML form (no JavaScript) posts to it as is
// (the lint is allowed for this module in directives/mod.rs: the macro's client half
// does not carry an item attribute).
#[server(prefix = "/api", endpoint = "weisung/speichern")]
pub async fn save_directive(
    revision: Option<i64>,
    nummer: String,
    titel: String,
    vom: String,
    gueltig_ab: String,
    gueltig_bis: String,
    rechtskreis: String,
    geschaeftszeichen: String,
    fristart: String,
    frist: String,
    umstellung: String,
    tage_vorher: String,
    auftrag: String,
    anliegen: String,
    bereich: String,
    postfach_bereich: String,
    benachrichtigung: Option<String>,
    zielregel_frist: Option<String>,
    nur_anliegen: Option<String>,
    geltungsbereich: String,
) -> Result<String, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    use crate::domain::directive_form::DirectiveInput;
    let input = DirectiveInput {
        number: &nummer,
        title: &titel,
        issued_on: &vom,
        valid_from: &gueltig_ab,
        valid_until: &gueltig_bis,
        legal_area: &rechtskreis,
        reference_code: &geschaeftszeichen,
        deadline_kind: &fristart,
        deadline_on: &frist,
        switchover_on: &umstellung,
        days_before: &tage_vorher,
        deadline_text: &auftrag,
        concern: &anliegen,
        area_is: &bereich,
        mailbox_area: &postfach_bereich,
        needs_address: benachrichtigung.is_some(),
        rule_due: zielregel_frist.as_deref().unwrap_or_default(),
        limited_to_concern: nur_anliegen.is_some(),
    };
    let number = crate::services::access::respond(
        crate::services::directive_register::save(&ctx, input, &geltungsbereich, revision).await,
    )?;
    leptos_axum::redirect(&super::directive_href(&number));
    Ok(number)
}

#[component]
pub fn NewDirectivePage() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_directive_form(None));
    view! { <LoadedPage title="Neue Weisung" data render=|form: DirectiveForm| view! { <RegisterForm form /> } /> }
}

#[component]
pub fn EditDirectivePage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(move || params.read().get("nummer"), fetch_directive_form);
    view! { <LoadedPage title="Weisung bearbeiten" data render=|form: DirectiveForm| view! { <RegisterForm form /> } /> }
}

type Error = Signal<Option<AppError>>;

/// A labelled text input with hint and error, wired for screen readers.
fn text_field(
    error: Error,
    name: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
    value: String,
) -> impl IntoView {
    let e = field_error(error, name);
    let described = format!("{name}-hinweis {name}-fehler");
    view! {
        <div class="field">
            <label for=name>{label}</label>
            {hint.map(|h| view! { <p class="field__hint" id=format!("{name}-hinweis")>{h}</p> })}
            {move || e.get().map(|m| view! { <p class="field__error" id=format!("{name}-fehler")>{m}</p> })}
            <input id=name name=name type="text" value=value aria-describedby=described />
        </div>
    }
}

fn select_field(
    error: Error,
    name: &'static str,
    label: &'static str,
    none: Option<&'static str>,
    choices: Vec<(String, String)>,
    selected: String,
) -> impl IntoView {
    let e = field_error(error, name);
    view! {
        <div class="field">
            <label for=name>{label}</label>
            {move || e.get().map(|m| view! { <p class="field__error" id=format!("{name}-fehler")>{m}</p> })}
            <select id=name name=name aria-describedby=format!("{name}-fehler")>
                {none.map(|label| view! { <option value="" selected=selected.is_empty()>{label}</option> })}
                {choices.into_iter().map(|(code, name)| {
                    let is = code == selected;
                    view! { <option value=code selected=is>{name}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

fn checkbox(error: Error, name: &'static str, label: &'static str, checked: bool) -> impl IntoView {
    let e = field_error(error, name);
    view! {
        <div class="field field--check">
            {move || e.get().map(|m| view! { <p class="field__error" id=format!("{name}-fehler")>{m}</p> })}
            <input id=name name=name type="checkbox" value="ja" checked=checked aria-describedby=format!("{name}-fehler") />
            <label for=name>{label}</label>
        </div>
    }
}

#[component]
fn RegisterForm(form: DirectiveForm) -> impl IntoView {
    let action = ServerAction::<SaveDirective>::new();
    let error = action_error(action.value());
    let editing = form.revision.is_some();
    let heading = if editing {
        format!("Weisung {} bearbeiten", form.number)
    } else {
        "Neue Weisung".to_string()
    };
    let legal: Vec<(String, String)> = form
        .legal_areas
        .iter()
        .map(|l| (l.clone(), l.clone()))
        .collect();
    let kind_error = field_error(error, "fristart");
    let relative = form.deadline_kind == "relativ";
    view! {
        <nav aria-label="Brotkrumennavigation" class="breadcrumbs">
            <ol>
                <li><a href="/weisungen">"Weisungen"</a></li>
                <li aria-current="page">{heading.clone()}</li>
            </ol>
        </nav>
        <h1>{heading}</h1>
        {move || error.get().map(|error| view! { <ErrorSummary error /> })}
        <ActionForm action>
            {form.revision.map(|r| view! { <input type="hidden" name="revision" value=r.to_string() /> })}
            {if editing {
                view! {
                    <input type="hidden" name="nummer" value=form.number.clone() />
                    <p><strong>"Nummer: "</strong>{form.number.clone()}</p>
                }.into_any()
            } else {
                text_field(error, "nummer", "Nummer", Some("JJJJMMNNN, z. B. 202509011"), form.number.clone()).into_any()
            }}
            {text_field(error, "titel", "Titel", None, form.title.clone())}
            {text_field(error, "vom", "Datum der Weisung (TT.MM.JJJJ)", None, form.issued_on.clone())}
            {text_field(error, "gueltig_ab", "Gültig ab (TT.MM.JJJJ)", None, form.valid_from.clone())}
            {text_field(error, "gueltig_bis", "Gültig bis (TT.MM.JJJJ, optional)", None, form.valid_until.clone())}
            {select_field(error, "rechtskreis", "Rechtskreis", None, legal, form.legal_area.clone())}
            {text_field(error, "geschaeftszeichen", "Geschäftszeichen", None, form.reference_code.clone())}
            <fieldset class="field">
                <legend>"Frist"</legend>
                {move || kind_error.get().map(|m| view! { <p class="field__error">{m}</p> })}
                <div class="field--check">
                    <input id="fristart-datum" type="radio" name="fristart" value="datum" checked=!relative />
                    <label for="fristart-datum">"an einem Datum"</label>
                </div>
                {text_field(error, "frist", "Frist (TT.MM.JJJJ)", None, form.deadline_on.clone())}
                <div class="field--check">
                    <input id="fristart-relativ" type="radio" name="fristart" value="relativ" checked=relative />
                    <label for="fristart-relativ">"vor einem Umstellungstermin"</label>
                </div>
                {text_field(error, "umstellung", "Umstellungstermin (TT.MM.JJJJ)", None, form.switchover_on.clone())}
                {text_field(error, "tage_vorher", "Tage vor dem Umstellungstermin", Some("z. B. 14 für „2 Wochen vorher“; die Frist wird berechnet und angezeigt."), form.days_before.clone())}
            </fieldset>
            <div class="field">
                <label for="auftrag">"Auftrag an die Agenturen"</label>
                {let e = field_error(error, "auftrag"); move || e.get().map(|m| view! { <p class="field__error" id="auftrag-fehler">{m}</p> })}
                <textarea id="auftrag" name="auftrag" rows="3" maxlength="2000" aria-describedby="auftrag-fehler">{form.deadline_text.clone()}</textarea>
            </div>
            {text_field(error, "geltungsbereich", "Gilt für", Some("RD- und Agentur-Kürzel, durch Komma getrennt (z. B. nord, muenchen); leer: alle Agenturen."), form.applies_to.clone())}
            <fieldset class="field">
                <legend>"Zielregel über das Routing (optional)"</legend>
                {select_field(error, "anliegen", "Anliegen", Some("keine Zielregel"), form.concerns.clone(), form.concern.clone())}
                {select_field(error, "bereich", "Bereich muss sein", Some("ohne diese Bedingung"), form.areas.clone(), form.area_is.clone())}
                {select_field(error, "postfach_bereich", "Zielpostfach des Bereichs der eigenen Dienststelle", Some("ohne diese Bedingung"), form.areas.clone(), form.mailbox_area.clone())}
                {checkbox(error, "benachrichtigung", "Mindestens eine Benachrichtigungsadresse ist hinterlegt", form.needs_address)}
                {text_field(error, "zielregel_frist", "Eigene Frist der Zielregel (TT.MM.JJJJ, optional)", Some("Leer: es gilt die Frist der Weisung."), form.rule_due.clone())}
                {checkbox(error, "nur_anliegen", "Aufträge zu dieser Weisung dürfen ausschließlich dieses Anliegen ändern", form.limited_to_concern)}
            </fieldset>
            <button type="submit" class="button">{if editing { "Änderungen speichern" } else { "Weisung anlegen" }}</button>
        </ActionForm>
    }
}
