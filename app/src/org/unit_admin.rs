//! The Zentrale creates Regionaldirektionen, Agenturen and Dienststellen and renames
//! them on their pages: the server functions and the two forms every level shares.

use crate::domain::fields::FieldError;
use crate::domain::org_form::{check_name, check_new};
use crate::error::AppError;
use crate::ui::errors::ErrorSummary;
use crate::ui::form::{action_error, field_error, island_action, precheck, shown_error, Field};
use leptos::prelude::*;

/// Creates a unit of `ebene` ("rd", "agentur", "dienststelle") under `uebergeordnet` (the
/// RD of an agency, the agency of a Dienststelle); `art` is a Dienststelle's kind. Goes to
/// the new unit's page.
#[server(prefix = "/api", endpoint = "organisation/anlegen")]
pub async fn create_org_unit(
    ebene: String,
    uebergeordnet: String,
    kuerzel: String,
    name: String,
    art: Option<String>,
) -> Result<String, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let input = crate::services::org_admin::NewUnit {
        level: &ebene,
        parent: &uebergeordnet,
        code: &kuerzel,
        name: &name,
        kind: art.as_deref().unwrap_or_default(),
    };
    let href =
        crate::services::access::respond(crate::services::org_admin::create(&ctx, input).await)?;
    leptos_axum::redirect(&format!("{href}?gespeichert=1"));
    Ok(href)
}

/// The rename form's field is "neuer_name": its page may hold another form's "name".
fn on_new_name(mut e: FieldError) -> FieldError {
    if e.field == "name" {
        e.field = "neuer_name".into();
    }
    e
}

/// Renames the unit seen at `version`; the page's address then carries the new version.
#[server(prefix = "/api", endpoint = "organisation/umbenennen")]
pub async fn rename_org_unit(
    ebene: String,
    kuerzel: String,
    version: String,
    neuer_name: String,
) -> Result<i64, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let renamed = crate::services::org_admin::rename(&ctx, &ebene, &kuerzel, &version, &neuer_name)
        .await
        .map_err(|e| match e {
            AppError::Validation(errors) => {
                AppError::Validation(errors.into_iter().map(on_new_name).collect())
            }
            other => other,
        });
    let version = crate::services::access::respond(renamed)?;
    // Only the unit's own page: never an address from the form.
    let page = match ebene.trim() {
        "rd" => "rd",
        "agentur" => "agentur",
        _ => "dienststelle",
    };
    leptos_axum::redirect(&format!(
        "/organisation/{page}/{}?gespeichert={version}",
        kuerzel.trim()
    ));
    Ok(version)
}

/// "deaktivieren" or "reaktivieren" the RD seen at `version`; its page then carries the new
/// version.
#[server(prefix = "/api", endpoint = "organisation/rd/status")]
pub async fn change_region_status(
    kuerzel: String,
    version: String,
    aktion: String,
) -> Result<i64, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let version = crate::services::access::respond(
        crate::services::region_status::set_active(&ctx, &kuerzel, &version, &aktion).await,
    )?;
    leptos_axum::redirect(&format!(
        "/organisation/rd/{}?gespeichert={version}",
        kuerzel.trim()
    ));
    Ok(version)
}

/// The form that creates a unit of `level` under `parent`; a Dienststelle also asks for
/// its kind.
#[island]
pub fn NewUnitForm(
    #[prop(into)] level: String,
    #[prop(into)] parent: String,
    #[prop(into)] heading: String,
    #[prop(into)] button: String,
) -> impl IntoView {
    let action = island_action::<CreateOrgUnit>();
    let checked = RwSignal::new(None);
    let error = shown_error(action_error(action.value()), checked);
    let check = |d: CreateOrgUnit| -> Vec<FieldError> {
        check_new(&d.kuerzel, &d.name).err().unwrap_or_default()
    };
    let (labelled_by, id) = (format!("neu-{level}"), format!("neu-{level}"));
    view! {
        <section class="panel" aria-labelledby=labelled_by>
            <h2 id=id>{heading}</h2>
            {move || error.get().map(|error| view! { <ErrorSummary error /> })}
            <ActionForm action on:submit:capture=precheck(checked, check)>
                <input type="hidden" name="ebene" value=level.clone() />
                <input type="hidden" name="uebergeordnet" value=parent />
                <Field name="kuerzel" label="Kürzel" maxlength=64 error=field_error(error, "kuerzel")
                    hint="Kleinbuchstaben, Ziffern, Punkt und Bindestrich; wird später nicht geändert." />
                <Field name="name" label="Name" maxlength=200 error=field_error(error, "name") />
                {(level == "dienststelle").then(|| {
                    let e = field_error(error, "art");
                    view! {
                        <div class="field">
                            <label for="art">"Art"</label>
                            {move || e.get().map(|m| view! { <p class="field__error" id="art-fehler">{m}</p> })}
                            <select id="art" name="art" aria-describedby="art-fehler">
                                <option value="geschaeftsstelle">"Geschäftsstelle"</option>
                                <option value="hauptagentur">"Hauptagentur"</option>
                            </select>
                        </div>
                    }
                })}
                <button type="submit" class="button">{button}</button>
            </ActionForm>
        </section>
    }
}

/// The form that renames a unit seen at `version`.
#[island]
pub fn RenameUnitForm(
    #[prop(into)] level: String,
    #[prop(into)] code: String,
    version: i64,
    #[prop(into)] name: String,
) -> impl IntoView {
    let action = island_action::<RenameOrgUnit>();
    let checked = RwSignal::new(None);
    let error = shown_error(action_error(action.value()), checked);
    let check = |d: RenameOrgUnit| -> Vec<FieldError> {
        check_name(&d.neuer_name)
            .err()
            .into_iter()
            .map(on_new_name)
            .collect()
    };
    view! {
        <section class="panel" aria-labelledby="umbenennen-titel">
            <h2 id="umbenennen-titel">"Umbenennen"</h2>
            {move || error.get().map(|error| view! { <ErrorSummary error id="umbenennen-fehler" /> })}
            <ActionForm action on:submit:capture=precheck(checked, check)>
                <input type="hidden" name="ebene" value=level />
                <input type="hidden" name="kuerzel" value=code />
                <input type="hidden" name="version" value=version.to_string() />
                <Field name="neuer_name" label="Neuer Name" maxlength=200 error=field_error(error, "neuer_name") value=name
                    hint="Der alte Name bleibt in den Versionen erhalten." />
                <button type="submit" class="button">"Namen speichern"</button>
            </ActionForm>
        </section>
    }
}

/// The RD's status: deactivate (with what still depends on it, if anything) or reactivate.
#[component]
pub fn RegionStatusForm(
    #[prop(into)] code: String,
    version: i64,
    active: bool,
    refusal: Option<String>,
) -> impl IntoView {
    let action = ServerAction::<ChangeRegionStatus>::new();
    let error = shown_error(action_error(action.value()), RwSignal::new(None));
    let form = move |aktion: &'static str, button: &'static str| {
        view! {
            <ActionForm action>
                <input type="hidden" name="kuerzel" value=code.clone() />
                <input type="hidden" name="version" value=version.to_string() />
                <input type="hidden" name="aktion" value=aktion />
                <button type="submit" class="button">{button}</button>
            </ActionForm>
        }
    };
    let body = match (active, refusal) {
        (true, Some(refusal)) => view! { <p id="rd-status-ablehnung">{refusal}</p> }.into_any(),
        (true, None) => view! {
            <p>"Eine deaktivierte Regionaldirektion wird für neue Agenturen, Rollen und Weisungen nicht mehr angeboten. Sie bleibt mit ihrem Verlauf erhalten."</p>
            {form("deaktivieren", "Regionaldirektion deaktivieren")}
        }
        .into_any(),
        (false, _) => view! {
            <p>"Die Regionaldirektion ist deaktiviert. Nach der Reaktivierung kann sie wieder gewählt werden."</p>
            {form("reaktivieren", "Regionaldirektion reaktivieren")}
        }
        .into_any(),
    };
    view! {
        <section class="panel" aria-labelledby="rd-status">
            <h2 id="rd-status">"Status"</h2>
            {move || error.get().map(|error| view! { <ErrorSummary error id="rd-status-fehler" /> })}
            {body}
        </section>
    }
}
