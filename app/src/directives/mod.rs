//! Directives (Weisungen) and their compliance: the register, the dashboards per role and
//! drill-down from all RDs to agencies to Dienststellen.

pub mod model;
pub mod pages;

pub use model::*;
// save_directive takes one argument per form field.
#[allow(clippy::too_many_arguments)]
pub mod register;

use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "weisungen")]
pub async fn fetch_directives() -> Result<DirectiveList, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(crate::services::directives::list(&ctx).await)
}

#[server(prefix = "/api", endpoint = "weisung")]
pub async fn fetch_directive(
    nummer: String,
    rd: Option<String>,
    agentur: Option<String>,
) -> Result<DirectiveDetail, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(
        crate::services::directives::detail(&ctx, &nummer, rd.as_deref(), agentur.as_deref()).await,
    )
}

pub fn directive_href(number: &str) -> String {
    format!("/weisungen/{number}")
}

/// Sets the Umstellungstermin (`datum`, TT.MM.JJJJ) of one agency (`agentur`) or, without
/// one, of every agency, for the directive's deadlines relative to it (Zentrale only).
#[server(prefix = "/api", endpoint = "weisung/umstellungstermin")]
pub async fn set_switchover(
    nummer: String,
    agentur: Option<String>,
    datum: String,
) -> Result<(), AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(
        crate::services::switchovers::set(&ctx, &nummer, agentur.as_deref(), &datum).await,
    )?;
    let back = match agentur.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        Some(a) => format!("{}?agentur={a}#stand-eakte", directive_href(&nummer)),
        None => format!("{}#stand-eakte", directive_href(&nummer)),
    };
    leptos_axum::redirect(&back);
    Ok(())
}
