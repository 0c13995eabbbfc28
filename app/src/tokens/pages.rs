//! The API-token page: create (shown once), list, revoke.

use super::{list_tokens, CreateToken, CreatedToken, RevokeToken, TokenPage, TokenView};
use crate::ui::errors::ErrorSummary;
use crate::ui::form::{action_error, field_error};
use crate::ui::layout::LoadedPage;
use leptos::prelude::*;

#[component]
pub fn TokensPage() -> impl IntoView {
    let create = ServerAction::<CreateToken>::new();
    let revoke = ServerAction::<RevokeToken>::new();
    let data = Resource::new(
        move || (create.version().get(), revoke.version().get()),
        |_| list_tokens(),
    );
    view! {
        <LoadedPage title="API-Schlüssel" data render=move |p: TokenPage| view! { <Tokens p create revoke /> } />
    }
}

#[component]
fn Tokens(
    p: TokenPage,
    create: ServerAction<CreateToken>,
    revoke: ServerAction<RevokeToken>,
) -> impl IntoView {
    let error = action_error(create.value());
    let name_error = field_error(error, "name");
    let days_error = field_error(error, "tage");
    let password_error = field_error(error, "passwort");
    let flashed = p.created.clone();
    let created = move || {
        create
            .value()
            .get()
            .and_then(Result::ok)
            .or_else(|| flashed.clone())
    };
    view! {
        <h1>"API-Schlüssel"</h1>
        <p>
            "Mit einem persönlichen API-Schlüssel rufen Skripte die Schnittstelle "
            <code>"/api/v1"</code>
            " in Ihrem Namen auf – mit genau Ihren Rechten (Kopfzeile "
            <code>"Authorization: Bearer …"</code>
            "). Die Beschreibung der Schnittstelle: "
            <a href="/api/v1/openapi.json">"OpenAPI-Dokument"</a>
            "."
        </p>
        {move || created().map(|c| view! { <NewToken c /> })}
        <section class="panel" aria-labelledby="neuer-schluessel">
            <h2 id="neuer-schluessel">"Neuen Schlüssel anlegen"</h2>
            <ActionForm action=create>
                {move || error.get().map(|error| view! { <ErrorSummary error /> })}
                <div class="field">
                    <label for="name">"Name"</label>
                    <p class="field__hint" id="name-hinweis">"Wofür der Schlüssel ist, z. B. „RIM-Skript Umsetzung“"</p>
                    {move || name_error.get().map(|m| view! { <p class="field__error" id="name-fehler">{m}</p> })}
                    <input id="name" name="name" type="text" aria-describedby="name-hinweis name-fehler" />
                </div>
                <div class="field">
                    <label for="tage">"Gültig für (Tage)"</label>
                    <p class="field__hint" id="tage-hinweis">"1 bis 365"</p>
                    {move || days_error.get().map(|m| view! { <p class="field__error" id="tage-fehler">{m}</p> })}
                    <input id="tage" name="tage" type="text" inputmode="numeric" value="90" aria-describedby="tage-hinweis tage-fehler" />
                </div>
                <div class="field">
                    <label for="passwort">"Ihr Passwort"</label>
                    <p class="field__hint" id="passwort-hinweis">"Zur Bestätigung: der Schlüssel handelt mit all Ihren Rechten."</p>
                    {move || password_error.get().map(|m| view! { <p class="field__error" id="passwort-fehler">{m}</p> })}
                    <input id="passwort" name="passwort" type="password" autocomplete="current-password" maxlength=128 aria-describedby="passwort-hinweis passwort-fehler" />
                </div>
                <button type="submit" class="button">"Schlüssel anlegen"</button>
            </ActionForm>
        </section>
        <TokenTable tokens=p.tokens revoke />
    }
}

#[component]
fn NewToken(c: CreatedToken) -> impl IntoView {
    view! {
        <div class="notice notice--success" role="status">
            <p>{format!("Der Schlüssel „{}“ ist angelegt und gültig bis {}.", c.name, c.expires)}</p>
            <p><strong>"Kopieren Sie ihn jetzt – er wird nur dieses eine Mal angezeigt:"</strong></p>
            <p><code class="address" id="neuer-schluessel-wert">{c.secret}</code></p>
        </div>
    }
}

#[component]
fn TokenTable(tokens: Vec<TokenView>, revoke: ServerAction<RevokeToken>) -> impl IntoView {
    if tokens.is_empty() {
        return view! { <p>"Sie haben noch keinen API-Schlüssel."</p> }.into_any();
    }
    view! {
        <table>
            <caption>"Ihre Schlüssel"</caption>
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Beginnt mit"</th>
                    <th scope="col">"Angelegt"</th>
                    <th scope="col">"Gültig bis"</th>
                    <th scope="col">"Zuletzt benutzt"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Aktion"</th>
                </tr>
            </thead>
            <tbody>
                {tokens.into_iter().map(|t| {
                    let label = format!("Schlüssel „{}“ widerrufen", t.name);
                    view! {
                        <tr>
                            <th scope="row">{t.name.clone()}</th>
                            <td><code>{t.prefix}"…"</code></td>
                            <td>{t.created}</td>
                            <td>{t.expires}</td>
                            <td>{t.last_used.unwrap_or_else(|| "nie".into())}</td>
                            <td>{t.status}</td>
                            <td>
                                {t.active.then(|| view! {
                                    <ActionForm action=revoke attr:class="inline-form">
                                        <input type="hidden" name="id" value=t.id.to_string() />
                                        <button type="submit" class="button button--small button--secondary" aria-label=label.clone()>"Widerrufen"</button>
                                    </ActionForm>
                                })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }.into_any()
}
