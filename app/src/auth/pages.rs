//! Login and password-change pages. Both are plain forms that work without JavaScript.

use super::{ChangePassword, Login};
use crate::ui::errors::ErrorSummary;
use crate::ui::form::{action_error, field_error, Field};
use crate::ui::layout::Protected;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let action = ServerAction::<Login>::new();
    let error = action_error(action.value());
    let query = use_query_map();
    let notice = move || match query.read().get("grund").as_deref() {
        Some("abgelaufen") => Some("Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an."),
        Some("abgemeldet") => Some("Sie wurden abgemeldet."),
        _ => None,
    };
    view! {
        <Title text="Anmelden" />
        <section class="panel panel--narrow" aria-labelledby="titel">
            <h1 id="titel">"Anmelden"</h1>
            <p>"Melden Sie sich mit Ihrem Benutzernamen und Passwort an."</p>
            {move || notice().map(|n| view! { <p class="notice" role="status">{n}</p> })}
            {move || error.get().map(|error| view! { <ErrorSummary error /> })}
            <ActionForm action>
                <Field name="benutzername" label="Benutzername" autocomplete="username" maxlength=64
                    error=field_error(error, "benutzername") />
                <Field name="passwort" label="Passwort" kind="password" autocomplete="current-password" maxlength=128
                    error=field_error(error, "passwort") />
                <button type="submit" class="button">"Anmelden"</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn PasswordPage() -> impl IntoView {
    view! {
        <Title text="Passwort ändern" />
        <Protected content=|me| view! { <PasswordForm one_time=me.must_change_password /> } />
    }
}

#[component]
fn PasswordForm(one_time: bool) -> impl IntoView {
    let action = ServerAction::<ChangePassword>::new();
    let error = action_error(action.value());
    let done = action.value();
    let query = use_query_map();
    let succeeded = move || {
        matches!(done.get(), Some(Ok(())))
            || (done.get().is_none() && query.read().get("erfolg").is_some())
    };
    view! {
        <section class="panel panel--narrow" aria-labelledby="titel">
            <h1 id="titel">"Passwort ändern"</h1>
            {(one_time && !succeeded()).then(|| view! {
                <p class="notice" role="status">"Sie haben sich mit einem Einmalpasswort angemeldet. Bitte legen Sie jetzt Ihr eigenes Passwort fest; erst dann können Sie weiterarbeiten."</p>
            })}
            <p>"Das neue Passwort muss mindestens 12 Zeichen lang sein und darf Ihren Benutzernamen nicht enthalten. Ihre anderen Sitzungen werden dabei beendet."</p>
            {move || succeeded().then(|| view! {
                <p class="notice notice--success" role="status">"Ihr Passwort wurde geändert."</p>
                <p><a href="/">"Weiter zur Startseite"</a></p>
            })}
            {move || error.get().map(|error| view! { <ErrorSummary error /> })}
            <ActionForm action>
                <Field name="aktuelles_passwort" label=if one_time { "Einmalpasswort" } else { "Aktuelles Passwort" } kind="password"
                    autocomplete="current-password" maxlength=128 error=field_error(error, "aktuelles_passwort") />
                <Field name="neues_passwort" label="Neues Passwort" kind="password" autocomplete="new-password"
                    hint="Mindestens 12, höchstens 128 Zeichen." maxlength=128 error=field_error(error, "neues_passwort") />
                <Field name="bestaetigung" label="Neues Passwort wiederholen" kind="password"
                    autocomplete="new-password" maxlength=128 error=field_error(error, "bestaetigung") />
                <button type="submit" class="button">"Passwort ändern"</button>
            </ActionForm>
        </section>
    }
}
