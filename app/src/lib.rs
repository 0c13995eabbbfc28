//! Konfigurationstool: the Leptos application (pages, server functions, domain core).

pub mod audit;
pub mod auth;
pub mod catalogue;
pub mod directives;
pub mod domain;
pub mod eakte;
pub mod error;
pub mod export;
pub mod kinds;
pub mod mailbox_settings;
pub mod notifications;
pub mod orders;
pub mod org;
pub mod routing;
pub mod site;
pub mod start;
pub mod tokens;
pub mod ui;
pub mod users;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod services;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The HTML document around the app, rendered on the server. The stylesheet is linked
/// here, not in the hydrated app: its name carries the release's hash (server's
/// static_files), which only the server knows.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_security_headers();
    let stylesheet = format!("/{}/{}.css", options.site_pkg_dir, options.output_name);
    view! {
        <!DOCTYPE html>
        <html lang="de">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="stylesheet" href=stylesheet />
                <AutoReload options=options.clone() />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Content-Security-Policy with this response's nonce, so only our own hydration script
/// runs inline.
#[cfg(feature = "ssr")]
fn set_security_headers() {
    use axum::http::{header, HeaderValue};
    let (Some(nonce), Some(res)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    let csp = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(v) = HeaderValue::from_str(&csp) {
        res.insert_header(header::CONTENT_SECURITY_POLICY, v);
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Link rel="icon" href="data:," />
        <Meta name="description" content="Konfigurationstool für das Routing des Postfachservice der Bundesagentur für Arbeit" />
        <Title formatter=|t: String| if t.is_empty() { "Konfigurationstool".to_string() } else { format!("{t} – Konfigurationstool") } />
        <Router>
            <ui::layout::Layout>
                <Routes fallback=|| view! { <ui::errors::NotFoundPage /> }>
                    <Route path=path!("/") view=start::StartPage ssr=SsrMode::Async />
                    <Route path=path!("/anmelden") view=auth::pages::LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/passwort") view=auth::pages::PasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/barrierefreiheit") view=site::pages::AccessibilityPage ssr=SsrMode::Async />
                    <Route path=path!("/organisation") view=org::pages::OverviewPage ssr=SsrMode::Async />
                    <Route path=path!("/organisation/stammdaten") view=org::master_data_pages::MasterDataPage ssr=SsrMode::Async />
                    <Route path=path!("/organisation/stammdaten/:kennung") view=org::master_data_pages::MasterDataPreviewPage ssr=SsrMode::Async />
                    <Route path=path!("/organisation/rd/:code") view=org::pages::RegionPage ssr=SsrMode::Async />
                    <Route path=path!("/organisation/agentur/:code") view=org::pages::AgencyPage ssr=SsrMode::Async />
                    <Route path=path!("/organisation/agentur/:code/zusammenlegen") view=org::agency_merger_pages::AgencyMergerPage ssr=SsrMode::Async />
                    <Route path=path!("/organisation/dienststelle/:code") view=org::pages::OfficePage ssr=SsrMode::Async />
                    <Route path=path!("/organisation/dienststelle/:code/schliessen") view=org::office_closure_pages::OfficeClosurePage ssr=SsrMode::Async />
                    <Route path=path!("/organisation/dienststelle/:code/postkoerbe") view=org::postkorb_pages::OfficePostkoerbePage ssr=SsrMode::Async />
                    <Route path=path!("/organisation/dienststelle/:code/postkorb/:bereich") view=org::postkorb_pages::PostkorbPage ssr=SsrMode::Async />
                    <Route path=path!("/organisation/postfach/:adresse") view=org::mailbox_pages::MailboxPage ssr=SsrMode::Async />
                    <Route path=path!("/auftraege") view=orders::pages::OrdersPage ssr=SsrMode::Async />
                    <Route path=path!("/auftraege/neu") view=orders::pages::NewOrderPage ssr=SsrMode::Async />
                    <Route path=path!("/auftraege/:nummer") view=orders::pages::OrderPage ssr=SsrMode::Async />
                    <Route path=path!("/sammelauftraege/:nummer") view=orders::batch::BatchPage ssr=SsrMode::Async />
                    <Route path=path!("/routing/dienststelle/:code") view=routing::pages::OfficeRoutingPage ssr=SsrMode::Async />
                    <Route path=path!("/routing/agentur/:code") view=routing::pages::AgencyRoutingPage ssr=SsrMode::Async />
                    <Route path=path!("/katalog") view=catalogue::pages::CataloguePage ssr=SsrMode::Async />
                    <Route path=path!("/katalog/anliegen/:kuerzel") view=catalogue::pages::ConcernPage ssr=SsrMode::Async />
                    <Route path=path!("/katalog/anliegen/:kuerzel/abloesen") view=catalogue::retirement_pages::ConcernRetirementPage ssr=SsrMode::Async />
                    <Route path=path!("/katalog/eakte") view=catalogue::eakte_pages::EakteCataloguePage ssr=SsrMode::Async />
                    <Route path=path!("/katalog/eakte/:art/:kuerzel") view=catalogue::eakte_pages::EakteEntryPage ssr=SsrMode::Async />
                    <Route path=path!("/katalog/bereiche") view=catalogue::area_pages::AreaListPage ssr=SsrMode::Async />
                    <Route path=path!("/katalog/bereich/:kuerzel") view=catalogue::area_pages::AreaPage ssr=SsrMode::Async />
                    <Route path=path!("/weisungen") view=directives::pages::DirectivesPage ssr=SsrMode::Async />
                    <Route path=path!("/weisungen/neu") view=directives::register::NewDirectivePage ssr=SsrMode::Async />
                    <Route path=path!("/weisungen/:nummer") view=directives::pages::DirectivePage ssr=SsrMode::Async />
                    <Route path=path!("/weisungen/:nummer/bearbeiten") view=directives::register::EditDirectivePage ssr=SsrMode::Async />
                    <Route path=path!("/benachrichtigungen") view=notifications::pages::NotificationsPage ssr=SsrMode::Async />
                    <Route path=path!("/export") view=export::pages::ExportPage ssr=SsrMode::Async />
                    <Route path=path!("/import") view=export::import::ImportPage ssr=SsrMode::Async />
                    <Route path=path!("/import/:kennung") view=export::import::PreviewPage ssr=SsrMode::Async />
                    <Route path=path!("/api-schluessel") view=tokens::pages::TokensPage ssr=SsrMode::Async />
                    <Route path=path!("/arten") view=kinds::pages::KindsPage ssr=SsrMode::Async />
                    <Route path=path!("/protokoll") view=audit::pages::AuditLogPage ssr=SsrMode::Async />
                    <Route path=path!("/benutzer") view=users::pages::UsersPage ssr=SsrMode::Async />
                    <Route path=path!("/benutzer/neu") view=users::pages::NewUserPage ssr=SsrMode::Async />
                    <Route path=path!("/benutzer/:name") view=users::pages::UserPage ssr=SsrMode::Async />
                    <Route path=path!("/routing/eintrag/:id") view=routing::pages::EntryHistoryPage ssr=SsrMode::Async />
                    <Route path=path!("/postfach-einstellung/:eintrag") view=mailbox_settings::history::SettingHistoryPage ssr=SsrMode::Async />
                    <Route path=path!("/eakte-regel/:eintrag") view=eakte::history::EakteHistoryPage ssr=SsrMode::Async />
                </Routes>
            </ui::layout::Layout>
        </Router>
    }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Pages are rendered on the server and work as plain HTML; only the islands (the
    // forms that check their input before sending) hydrate.
    leptos::mount::hydrate_islands();
    // A mark that the page now answers to its scripts (end-to-end tests wait for it). The
    // loader hydrates the islands right after this returns, in promise continuations
    // only, so a zero timeout runs once all of them are hydrated.
    leptos::prelude::set_timeout(
        || {
            if let Some(root) = leptos::prelude::document().document_element() {
                let _ = root.set_attribute("data-hydriert", "ja");
            }
        },
        std::time::Duration::ZERO,
    );
}
