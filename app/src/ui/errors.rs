//! How errors reach the user: a titled panel with the German message, and the matching
//! HTTP status on the server-rendered page.

use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;

fn title_for(error: &AppError) -> &'static str {
    match error {
        AppError::NotFound => "Nicht gefunden",
        AppError::Forbidden | AppError::Refused(_) => "Keine Berechtigung",
        AppError::NotAuthenticated | AppError::SessionExpired => "Anmeldung erforderlich",
        AppError::Validation(_) => "Eingaben prüfen",
        _ => "Es ist ein Fehler aufgetreten",
    }
}

/// Sets the response status during server rendering; does nothing in the browser.
pub fn set_page_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(code) = axum::http::StatusCode::from_u16(status) {
            res.set_status(code);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

#[component]
pub fn ErrorPanel(error: AppError) -> impl IntoView {
    set_page_status(error.status());
    let title = title_for(&error);
    view! {
        <Title text=title />
        <section class="panel panel--error" role="alert" aria-labelledby="fehler-titel">
            <h1 id="fehler-titel">{title}</h1>
            <p>{error.to_string()}</p>
            <p><a href="/">"Zur Startseite"</a></p>
        </section>
    }
}

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! { <ErrorPanel error=AppError::NotFound /> }
}

/// A list of field errors at the top of a form, each linked to its field. Takes focus
/// when it appears so screen-reader users hear it at once.
#[component]
pub fn ErrorSummary(
    error: AppError,
    /// Its heading's id: pages with several forms give each summary its own.
    #[prop(default = "fehler-zusammenfassung")]
    id: &'static str,
) -> impl IntoView {
    let fields = error.field_errors().to_vec();
    let node = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = node.get() {
            let _ = el.focus();
        }
    });
    view! {
        // autofocus: a page the server sends back with errors (no JavaScript, or a form
        // outside an island) focuses the summary as the Effect does in an island.
        <div class="error-summary" role="alert" tabindex="-1" autofocus node_ref=node aria-labelledby=id>
            <h2 id=id>
                {if fields.is_empty() { error.to_string() } else { "Bitte prüfen Sie Ihre Eingaben.".to_string() }}
            </h2>
            {(!fields.is_empty()).then(|| view! {
                <ul>
                    {fields.into_iter().map(|f| view! {
                        <li><a href=format!("#{}", f.field)>{f.message}</a></li>
                    }).collect_view()}
                </ul>
            })}
        </div>
    }
}
