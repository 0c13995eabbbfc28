//! The frame of every page: skip link, header with navigation, main landmark, footer.

use crate::auth::{provide_auth, use_auth, Me, MeState};
use crate::error::AppError;
use crate::ui::errors::ErrorPanel;
use leptos::prelude::*;
use leptos_router::components::{Redirect, A};

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    provide_auth();
    let auth = use_auth();
    view! {
        <a class="skip-link" href="#inhalt">"Zum Inhalt springen"</a>
        <header class="site-header">
            <div class="site-header__inner">
                <a class="brand" href="/">
                    <span class="brand__org">"Bundesagentur für Arbeit"</span>
                    <span class="brand__app">"Konfigurationstool Postfachservice"</span>
                </a>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        match auth.me.await {
                            Ok(MeState::SignedIn(me)) => view! { <UserNav me /> }.into_any(),
                            _ => ().into_any(),
                        }
                    })}
                </Transition>
            </div>
        </header>
        <main id="inhalt" class="content" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <p>"Konfigurationstool – Routing des Postfachservice im Mitarbeiter-Client"</p>
            <nav aria-label="Rechtliches">
                <ul class="footer-links">
                    <li><a href="/barrierefreiheit">"Erklärung zur Barrierefreiheit"</a></li>
                    <li><a href="/impressum">"Impressum"</a></li>
                    <li><a href="/datenschutz">"Datenschutz"</a></li>
                </ul>
            </nav>
        </footer>
    }
}

#[component]
fn UserNav(me: Me) -> impl IntoView {
    let logout = use_auth().logout;
    view! {
        <nav class="main-nav" aria-label="Hauptnavigation">
            {if me.must_change_password {
                // Until the one-time password is replaced, nothing else is open.
                view! { <ul><li><A href="/passwort">"Passwort ändern"</A></li></ul> }.into_any()
            } else {
                view! { <FullNav me=me.clone() /> }.into_any()
            }}
        </nav>
        <div class="user-box">
            <span class="user-box__name">
                <span class="visually-hidden">"Angemeldet als "</span>
                {me.display_name.clone()}
                " (" {me.username.clone()} ")"
            </span>
            <ActionForm action=logout attr:class="inline-form">
                <button type="submit" class="button button--secondary">"Abmelden"</button>
            </ActionForm>
        </div>
    }
}

#[component]
fn FullNav(me: Me) -> impl IntoView {
    view! {
            <ul>
                <li><A href="/" exact=true>"Start"</A></li>
                <li><A href="/organisation">"Organisation"</A></li>
                <li><A href="/auftraege">"Aufträge"</A></li>
                <li><A href="/weisungen">"Weisungen"</A></li>
                <li><A href="/katalog">"Katalog"</A></li>
                <li><A href="/export">"Export"</A></li>
                {me.has_role("agentur-admin").then(|| view! { <li><A href="/import">"CSV-Import"</A></li> })}
                {me.has_role("zentrale").then(|| view! { <li><A href="/arten">"Arten"</A></li> })}
                {me.has_role("zentrale").then(|| view! { <li><A href="/benutzer">"Benutzer"</A></li> })}
                {me.has_role("zentrale").then(|| view! { <li><A href="/protokoll">"Protokoll"</A></li> })}
                <li><A href="/benachrichtigungen">{notifications_label(me.unread)}</A></li>
                <li><A href="/passwort">"Passwort ändern"</A></li>
                <li><A href="/api-schluessel">"API-Schlüssel"</A></li>
            </ul>
    }
}

/// "Benachrichtigungen (2 ungelesen)": the count is part of the link's name.
fn notifications_label(unread: i64) -> String {
    match unread {
        0 => "Benachrichtigungen".into(),
        n => format!("Benachrichtigungen ({n} ungelesen)"),
    }
}

/// Renders `content` for a signed-in user; sends everyone else to the login page (with
/// a note when the session has ended), and a user with a one-time password to the
/// password page.
#[component]
pub fn Protected<F, V>(content: F) -> impl IntoView
where
    F: Fn(Me) -> V + Send + Sync + Clone + 'static,
    V: IntoView + 'static,
{
    let auth = use_auth();
    let location = leptos_router::hooks::use_location();
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Wird geladen …"</p> }>
            {move || {
                let content = content.clone();
                let path = location.pathname.get_untracked();
                Suspend::new(async move {
                    match auth.me.await {
                        Ok(MeState::SignedIn(me)) if me.must_change_password && path != "/passwort" => {
                            view! { <Redirect path="/passwort?grund=einmalpasswort" /> }.into_any()
                        }
                        Ok(MeState::SignedIn(me)) => content(me).into_any(),
                        Ok(MeState::Expired) => view! { <Redirect path="/anmelden?grund=abgelaufen" /> }.into_any(),
                        Ok(MeState::SignedOut) => view! { <Redirect path="/anmelden" /> }.into_any(),
                        Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// A page for signed-in users that shows one loaded value, or the error panel.
#[component]
pub fn LoadedPage<T, F, V>(
    title: &'static str,
    data: Resource<Result<T, AppError>>,
    render: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <leptos_meta::Title text=title />
        <Protected content=move |_me| {
            let render = render.clone();
            view! {
                <Suspense fallback=|| view! { <p class="loading">"Wird geladen …"</p> }>
                    {
                        let render = render.clone();
                        move || {
                            let render = render.clone();
                            Suspend::new(async move {
                                match data.await {
                                    Ok(value) => render(value).into_any(),
                                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                                }
                            })
                        }
                    }
                </Suspense>
            }
        } />
    }
}
