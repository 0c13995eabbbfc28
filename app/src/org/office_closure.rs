//! Closing a Dienststelle with a successor (Zentrale): the plan for a chosen successor,
//! the batch order that moves what other Dienststellen still point to, and the closure.

use super::model::OfficeClosurePlan;
use crate::error::AppError;
use leptos::prelude::*;

#[server(
    prefix = "/api",
    endpoint = "organisation/dienststelle/schliessen/plan"
)]
pub async fn fetch_office_closure(
    dienststelle: String,
    nachfolger: Option<String>,
) -> Result<OfficeClosurePlan, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(
        crate::services::office_closure::closure_page(&ctx, &dienststelle, nachfolger.as_deref())
            .await,
    )
}

/// Files the batch order that moves other Dienststellen's live entries to `nachfolger`;
/// goes to the batch.
#[server(
    prefix = "/api",
    endpoint = "organisation/dienststelle/schliessen/umzug"
)]
pub async fn file_office_move(
    dienststelle: String,
    nachfolger: String,
    begruendung: String,
    wirksam_ab: String,
) -> Result<String, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let input = crate::services::office_closure::MoveInput {
        code: &dienststelle,
        successor: &nachfolger,
        justification: &begruendung,
        effective_date: &wirksam_ab,
    };
    let number = crate::services::access::respond(
        crate::services::office_closure::file_move(&ctx, input).await,
    )?;
    leptos_axum::redirect(&crate::orders::batch::batch_href(&number));
    Ok(number)
}

/// Closes the Dienststelle seen at `version` with its successor; goes to its page.
#[server(prefix = "/api", endpoint = "organisation/dienststelle/schliessen")]
pub async fn close_office(
    dienststelle: String,
    version: String,
    nachfolger: String,
) -> Result<(), AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let input = crate::services::office_closure::CloseInput {
        code: &dienststelle,
        version: &version,
        successor: &nachfolger,
    };
    crate::services::access::respond(crate::services::office_closure::close(&ctx, input).await)?;
    leptos_axum::redirect(&format!(
        "/organisation/dienststelle/{}?geschlossen=1",
        dienststelle.trim()
    ));
    Ok(())
}
