//! The user-administration pages: list with search, new account, one account. Every
//! form is a plain form that works without JavaScript.

use super::{
    fetch_user, list_users, user_form_choices, ChangeUser, Choice, CreateUser, OneTimePassword,
    RoleChoices, ScopeChoices, UserDetail, UserListPage,
};
use crate::ui::errors::ErrorSummary;
use crate::ui::form::{action_error, described_by, field_error, Field};
use crate::ui::layout::LoadedPage;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn UsersPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            (q.get("suche"), q.get("rolle"), q.get("geltungsbereich"))
        },
        |(text, role, scope)| list_users(text, role, scope),
    );
    let current = move |key: &str| query.read_untracked().get(key).unwrap_or_default();
    view! {
        <LoadedPage title="Benutzer" data render=move |page: UserListPage| {
            let (text, role, scope) = (current("suche"), current("rolle"), current("geltungsbereich"));
            view! { <UserList page text role scope /> }
        } />
    }
}

#[component]
fn UserList(page: UserListPage, text: String, role: String, scope: String) -> impl IntoView {
    let count = page.users.len();
    view! {
        <h1>"Benutzer"</h1>
        <p><a class="button" href="/benutzer/neu">"Benutzer anlegen"</a></p>
        <form method="get" action="/benutzer" class="filter-form" role="search" aria-label="Benutzer suchen">
            <div class="field">
                <label for="suche">"Name oder Benutzername enthält"</label>
                <input id="suche" name="suche" type="search" maxlength=100 value=text />
            </div>
            <div class="field">
                <label for="rolle">"Rolle"</label>
                <select id="rolle" name="rolle">
                    <option value="" selected=role.is_empty()>"alle Rollen"</option>
                    {options(page.choices.roles.clone(), &role)}
                </select>
            </div>
            <ScopeSelect id="geltungsbereich" label="Geltungsbereich" scopes=page.choices.scopes.clone()
                selected=scope any=Some("überall") />
            <button type="submit" class="button">"Suchen"</button>
        </form>
        <p role="status">{match (count, page.truncated) {
            (0, _) => "Keine Benutzer gefunden.".to_string(),
            (n, true) => format!("Die ersten {n} Treffer; bitte grenzen Sie die Suche ein."),
            (1, false) => "1 Benutzer gefunden.".to_string(),
            (n, false) => format!("{n} Benutzer gefunden."),
        }}</p>
        {(count > 0).then(|| view! {
            <table>
                <caption>"Benutzerkonten"</caption>
                <thead><tr>
                    <th scope="col">"Benutzername"</th><th scope="col">"Name"</th>
                    <th scope="col">"Rollen"</th><th scope="col">"Status"</th>
                </tr></thead>
                <tbody>
                    {page.users.into_iter().map(|u| view! {
                        <tr>
                            <th scope="row"><a href=format!("/benutzer/{}", u.username)>{u.username.clone()}</a></th>
                            <td>{u.display_name}</td>
                            <td>{match u.roles.len() {
                                0 => view! { "keine Rolle" }.into_any(),
                                _ => view! { <ul class="plain-list">{u.roles.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul> }.into_any(),
                            }}</td>
                            <td>{u.status}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
    }
}

fn options(choices: Vec<Choice>, selected: &str) -> impl IntoView {
    choices
        .into_iter()
        .map(|c| {
            let is = c.value == selected;
            view! { <option value=c.value selected=is>{c.label}</option> }
        })
        .collect_view()
}

/// A select of the whole agency, every RD and every agency (grouped).
#[component]
fn ScopeSelect(
    id: &'static str,
    label: &'static str,
    scopes: ScopeChoices,
    selected: String,
    /// The first option, for "no filter"; None: "gesamte BA" comes first.
    any: Option<&'static str>,
    #[prop(optional, into)] error: Option<Signal<Option<String>>>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let error = error.unwrap_or_else(|| Signal::derive(|| None));
    let hint_id = format!("{id}-hinweis");
    let error_id = format!("{id}-fehler");
    let described = described_by(id, hint.is_some(), error);
    view! {
        <div class="field" class:field--error=move || error.get().is_some()>
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{h}</p> })}
            {move || error.get().map(|m| view! {
                <p class="field__error" id=error_id.clone()><span class="visually-hidden">"Fehler: "</span>{m}</p>
            })}
            <select id=id name="geltungsbereich" aria-describedby=described
                aria-invalid=move || error.get().is_some().then_some("true")>
                {match any {
                    Some(text) => view! { <option value="" selected=selected.is_empty()>{text}</option> }.into_any(),
                    None => view! { <option value="ba" selected=selected == "ba">"gesamte Bundesagentur (nur Zentrale)"</option> }.into_any(),
                }}
                <optgroup label="Regionaldirektionen (RD-Prüfer/in, RIM)">{options(scopes.regions, &selected)}</optgroup>
                <optgroup label="Agenturen (Agentur-Administrator/in)">{options(scopes.agencies, &selected)}</optgroup>
            </select>
        </div>
    }
}

#[component]
pub fn NewUserPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| user_form_choices());
    view! {
        <LoadedPage title="Benutzer anlegen" data render=move |choices: RoleChoices| view! { <NewUserForm choices /> } />
    }
}

#[component]
fn NewUserForm(choices: RoleChoices) -> impl IntoView {
    let create = ServerAction::<CreateUser>::new();
    let error = action_error(create.value());
    let created = move || create.value().get().and_then(Result::ok);
    view! {
        <h1>"Benutzer anlegen"</h1>
        <p>"Das neue Konto bekommt ein Einmalpasswort, das nur jetzt angezeigt wird. Geben Sie es der Person auf sicherem Weg; bei der ersten Anmeldung legt sie ihr eigenes Passwort fest. Weitere Rollen vergeben Sie danach auf der Seite des Kontos."</p>
        {move || created().map(|set| view! { <OneTimeNotice set /> })}
        {move || error.get().map(|error| view! { <ErrorSummary error /> })}
        <ActionForm action=create>
            <Field name="benutzername" label="Benutzername" autocomplete="off" maxlength=64
                hint="3 bis 64 Zeichen: Kleinbuchstaben, Ziffern, Punkt, Binde- oder Unterstrich"
                error=field_error(error, "benutzername") />
            <Field name="anzeigename" label="Name" autocomplete="off" maxlength=200 error=field_error(error, "anzeigename") />
            <div class="field" class:field--error=move || field_error(error, "email").get().is_some()>
                <label for="email">"E-Mail-Adresse (optional, für Benachrichtigungen)"</label>
                {move || field_error(error, "email").get().map(|m| view! {
                    <p class="field__error" id="email-fehler"><span class="visually-hidden">"Fehler: "</span>{m}</p>
                })}
                <input id="email" name="email" type="email" autocomplete="off" maxlength=254 />
            </div>
            <div class="field" class:field--error=move || field_error(error, "rolle").get().is_some()>
                <label for="rolle">"Rolle"</label>
                {move || field_error(error, "rolle").get().map(|m| view! {
                    <p class="field__error" id="rolle-fehler"><span class="visually-hidden">"Fehler: "</span>{m}</p>
                })}
                <select id="rolle" name="rolle">{options(choices.roles.clone(), "agentur-admin")}</select>
            </div>
            <ScopeSelect id="geltungsbereich" label="Geltungsbereich" scopes=choices.scopes.clone()
                selected=String::new() any=None error=field_error(error, "geltungsbereich")
                hint="Zentrale: gesamte Bundesagentur; RD-Prüfer/in und RIM: eine Regionaldirektion; Agentur-Administrator/in: eine Agentur" />
            <button type="submit" class="button">"Benutzer anlegen"</button>
        </ActionForm>
    }
}

/// The one showing of a one-time password.
#[component]
fn OneTimeNotice(set: OneTimePassword) -> impl IntoView {
    view! {
        <div class="notice notice--success" role="status">
            <p>{format!("Einmalpasswort für {} (gültig bis {}):", set.username, set.valid_until)}</p>
            <p><code class="address" id="einmalpasswort">{set.password}</code></p>
            <p>"Es wird nur dieses eine Mal angezeigt. Bei der ersten Anmeldung muss es geändert werden."</p>
            <p><a href=format!("/benutzer/{}", set.username)>"Zum Konto"</a></p>
        </div>
    }
}

#[component]
pub fn UserPage() -> impl IntoView {
    let params = use_params_map();
    let change = ServerAction::<ChangeUser>::new();
    let data = Resource::new(
        move || {
            (
                params.read().get("name").unwrap_or_default(),
                change.version().get(),
            )
        },
        |(name, _)| fetch_user(name),
    );
    view! {
        <LoadedPage title="Benutzerkonto" data render=move |u: UserDetail| view! { <Account u change /> } />
    }
}

#[component]
fn Account(u: UserDetail, change: ServerAction<ChangeUser>) -> impl IntoView {
    let error = action_error(change.value());
    let flashed = u.one_time.clone();
    let set = move || {
        change
            .value()
            .get()
            .and_then(Result::ok)
            .flatten()
            .or_else(|| flashed.clone())
    };
    // Copy handles: the forms' children are closures that render again.
    let name = StoredValue::new(u.username.clone());
    let revision = StoredValue::new(u.revision.to_string());
    view! {
        <p><a href="/benutzer">"Zurück zur Benutzerliste"</a></p>
        <h1>{format!("Benutzer {}", u.username)}</h1>
        {move || set().map(|set| view! { <OneTimeNotice set /> })}
        {move || error.get().map(|error| view! { <ErrorSummary error /> })}
        <dl class="facts">
            <dt>"Name"</dt><dd>{u.display_name.clone()}</dd>
            <dt>"E-Mail"</dt><dd>{u.email.clone().unwrap_or_else(|| "keine".into())}</dd>
            <dt>"Status"</dt><dd>{u.status.clone()}</dd>
            <dt>"Angelegt"</dt><dd>{u.created.clone()}</dd>
            <dt>"Passwort gesetzt"</dt><dd>{u.password_changed.clone()}</dd>
        </dl>
        {u.own.then(|| view! { <p class="notice">"Das ist Ihr eigenes Konto: Ihre Rollen und die Sperre ändert eine andere Person der Zentrale, Ihr Passwort ändern Sie unter „Passwort ändern“."</p> })}
        <Roles u=u.clone() change />
        {(!u.own).then(|| view! {
            <section class="panel" aria-labelledby="konto-aktionen">
                <h2 id="konto-aktionen">"Konto"</h2>
                <ActionForm action=change attr:class="inline-form">
                    <input type="hidden" name="benutzername" value=name.get_value() />
                    <input type="hidden" name="revision" value=revision.get_value() />
                    {if u.locked {
                        view! {
                            <input type="hidden" name="aktion" value="entsperren" />
                            <button type="submit" class="button">"Konto entsperren"</button>
                        }.into_any()
                    } else {
                        view! {
                            <input type="hidden" name="aktion" value="sperren" />
                            <button type="submit" class="button button--secondary">"Konto sperren"</button>
                        }.into_any()
                    }}
                </ActionForm>
                <ActionForm action=change attr:class="inline-form">
                    <input type="hidden" name="benutzername" value=name.get_value() />
                    <input type="hidden" name="revision" value=revision.get_value() />
                    <input type="hidden" name="aktion" value="passwort-zuruecksetzen" />
                    <button type="submit" class="button button--secondary">"Passwort zurücksetzen"</button>
                </ActionForm>
                <p class="small">"Sperren und Zurücksetzen beenden alle Sitzungen des Kontos; das Zurücksetzen widerruft auch seine API-Schlüssel."</p>
            </section>
        })}
        <History u />
    }
}

#[component]
fn Roles(u: UserDetail, change: ServerAction<ChangeUser>) -> impl IntoView {
    let revision = StoredValue::new(u.revision.to_string());
    let name = StoredValue::new(u.username.clone());
    view! {
        <section class="panel" aria-labelledby="rollen">
            <h2 id="rollen">"Rollen"</h2>
            {if u.roles.is_empty() {
                view! { <p>"Das Konto hat keine Rolle und sieht nach der Anmeldung nichts."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list">
                        {u.roles.clone().into_iter().map(|r| {
                            let label = format!("Rolle „{}“ entziehen", r.label);
                            view! {
                                <li>
                                    {r.label.clone()}" "
                                    {(!u.own).then(|| view! {
                                        <ActionForm action=change attr:class="inline-form">
                                            <input type="hidden" name="benutzername" value=name.get_value() />
                                            <input type="hidden" name="revision" value=revision.get_value() />
                                            <input type="hidden" name="aktion" value="rolle-entziehen" />
                                            <input type="hidden" name="rolle" value=r.role.clone() />
                                            <input type="hidden" name="geltungsbereich" value=r.scope.clone() />
                                            <button type="submit" class="button button--small button--secondary" aria-label=label>"Entziehen"</button>
                                        </ActionForm>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(!u.own).then(|| view! {
                <ActionForm action=change>
                    <input type="hidden" name="benutzername" value=name.get_value() />
                    <input type="hidden" name="revision" value=revision.get_value() />
                    <input type="hidden" name="aktion" value="rolle-geben" />
                    <div class="field">
                        <label for="rolle">"Weitere Rolle"</label>
                        <select id="rolle" name="rolle">{options(u.choices.roles.clone(), "")}</select>
                    </div>
                    <ScopeSelect id="geltungsbereich" label="Geltungsbereich der Rolle" scopes=u.choices.scopes.clone()
                        selected=String::new() any=None />
                    <button type="submit" class="button">"Rolle vergeben"</button>
                </ActionForm>
            })}
        </section>
    }
}

#[component]
fn History(u: UserDetail) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="verlauf">
            <h2 id="verlauf">"Verlauf"</h2>
            {if u.history.is_empty() {
                view! { <p>"Noch keine Einträge."</p> }.into_any()
            } else {
                view! {
                    <table>
                        <caption>"Protokoll dieses Kontos, neueste zuerst"</caption>
                        <thead><tr>
                            <th scope="col">"Zeitpunkt"</th><th scope="col">"Person"</th><th scope="col">"Aktion"</th>
                            <th scope="col">"Ergebnis"</th><th scope="col">"Einzelheiten"</th>
                        </tr></thead>
                        <tbody>
                            {u.history.into_iter().map(|h| view! {
                                <tr><td>{h.at}</td><td>{h.actor}</td><td>{h.action}</td><td>{h.outcome}</td><td>{h.detail}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}
