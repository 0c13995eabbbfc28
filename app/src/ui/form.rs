//! Labelled form fields whose error message is tied to the input for assistive tech.

use crate::domain::fields::FieldError;
use crate::error::AppError;
use leptos::ev::SubmitEvent;
use leptos::form::FromFormData;
use leptos::prelude::*;

/// The action of an island's form. Islands do not see the router's context, so in the
/// browser the error the server sent back to a plain form post (`__err` in the address)
/// is read from the address here; the island then shows what the server rendered.
pub fn island_action<S>() -> ServerAction<S>
where
    S: server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    #[cfg(feature = "hydrate")]
    {
        use leptos_router::location::{BrowserUrl, LocationProvider};
        if let Ok(url) = BrowserUrl::current() {
            url.provide_server_action_error();
        }
    }
    ServerAction::new()
}

/// The last error of a server action, as a signal.
pub fn action_error<T: Clone + Send + Sync + 'static>(
    value: impl Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
) -> Signal<Option<AppError>> {
    Signal::derive(move || value.get().and_then(|r| r.err()))
}

/// The message for one field from an action's last error.
pub fn field_error(
    error: Signal<Option<AppError>>,
    field: impl Into<String>,
) -> Signal<Option<String>> {
    let field = field.into();
    Signal::derive(move || error.get().and_then(|e| e.field_error(&field)))
}

/// What an input is described by: its hint (`NAME-hinweis`, if it has one) and its
/// error (`NAME-fehler`, while one is shown).
pub fn described_by(
    name: &str,
    has_hint: bool,
    error: Signal<Option<String>>,
) -> impl Fn() -> Option<String> + Send + Sync + Clone + 'static {
    let hint_id = format!("{name}-hinweis");
    let error_id = format!("{name}-fehler");
    move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(hint_id.clone());
        }
        if error.get().is_some() {
            ids.push(error_id.clone());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

#[component]
pub fn Field(
    /// id and name of the input (the server function's argument name)
    name: &'static str,
    label: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(into, optional)] value: Signal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(default = 256)] maxlength: usize,
) -> impl IntoView {
    let error_id = format!("{name}-fehler");
    let hint_id = format!("{name}-hinweis");
    let described_by = described_by(name, hint.is_some(), error);
    view! {
        <div class="field" class:field--error=move || error.get().is_some()>
            <label for=name>{label}</label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{h}</p> })}
            {move || error.get().map(|m| view! {
                <p class="field__error" id=error_id.clone()>
                    <span class="visually-hidden">"Fehler: "</span>{m}
                </p>
            })}
            <input
                id=name
                name=name
                type=kind
                autocomplete=autocomplete
                aria-required="true"
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described_by
                maxlength=maxlength
                // The attribute for the page as the server sends it (forms work without
                // JavaScript), the property for changes after hydration.
                value=move || value.get()
                prop:value=move || value.get()
            />
        </div>
    }
}

/// A choice among `options` (value, label), with its error.
pub fn choice(
    error: Signal<Option<AppError>>,
    (name, label): (&'static str, &'static str),
    options: Vec<(String, String)>,
    selected: String,
) -> AnyView {
    let e = field_error(error, name);
    let error_id = format!("{name}-fehler");
    view! {
        <div class="field">
            <label for=name>{label}</label>
            {let id = error_id.clone(); move || e.get().map(|m| view! { <p class="field__error" id=id.clone()>{m}</p> })}
            <select id=name name=name aria-describedby=error_id>
                {options.into_iter().map(|(value, text)| {
                    let is = value == selected;
                    view! { <option value=value selected=is>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
    .into_any()
}

/// What a form shows: the errors the browser found before sending, else the server's
/// last answer.
pub fn shown_error(
    server: Signal<Option<AppError>>,
    checked: RwSignal<Option<AppError>>,
) -> Signal<Option<AppError>> {
    Signal::derive(move || checked.get().or_else(|| server.get()))
}

/// A submit handler (for `on:submit:capture`, so it runs before the ActionForm sends)
/// that runs the shared domain checks on the form's data. If they find errors the form
/// is not sent and the errors are shown as the server would show them; the server checks
/// again either way. Without JavaScript this never runs and the server answers.
pub fn precheck<Data: FromFormData>(
    checked: RwSignal<Option<AppError>>,
    check: impl Fn(Data) -> Vec<FieldError> + 'static,
) -> impl Fn(SubmitEvent) + 'static {
    move |ev: SubmitEvent| {
        // Data the browser cannot read is the server's to refuse.
        let Ok(data) = Data::from_event(&ev) else {
            checked.set(None);
            return;
        };
        let errors = check(data);
        if errors.is_empty() {
            checked.set(None);
        } else {
            ev.prevent_default();
            checked.set(Some(AppError::Validation(errors)));
        }
    }
}
