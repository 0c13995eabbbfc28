//! The Postkörbe of a Dienststelle (everyone reads; the Zentrale creates, renames,
//! deactivates, reactivates and moves their rules with a pre-filled order).

use super::model::{OfficePostkoerbe, PostkorbDetail};
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "organisation/postkoerbe")]
pub async fn fetch_office_postkoerbe(dienststelle: String) -> Result<OfficePostkoerbe, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(
        crate::services::postkorb_admin::of_office(&ctx, &dienststelle).await,
    )
}

#[server(prefix = "/api", endpoint = "organisation/postkorb")]
pub async fn fetch_postkorb(
    dienststelle: String,
    bereich: String,
) -> Result<PostkorbDetail, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(
        crate::services::postkorb_admin::detail(&ctx, &dienststelle, &bereich).await,
    )
}

/// The Postkorb's page.
pub fn postkorb_href(office: &str, area: &str) -> String {
    format!(
        "/organisation/dienststelle/{}/postkorb/{}",
        office.trim(),
        area.trim()
    )
}

/// Creates the Dienststelle's Postkorb of a Bereich; goes to its page.
#[server(prefix = "/api", endpoint = "organisation/postkorb/anlegen")]
pub async fn create_postkorb(
    dienststelle: String,
    bereich: String,
    name: String,
) -> Result<String, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let area = crate::services::access::respond(
        crate::services::postkorb_admin::create(&ctx, &dienststelle, &bereich, &name).await,
    )?;
    leptos_axum::redirect(&format!(
        "{}?angelegt=1",
        postkorb_href(&dienststelle, &area)
    ));
    Ok(area)
}

/// Renames the Postkorb seen at `version`; the page loads anew with the new version.
#[server(prefix = "/api", endpoint = "organisation/postkorb/aendern")]
pub async fn rename_postkorb(
    dienststelle: String,
    bereich: String,
    version: String,
    name: String,
) -> Result<i64, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let version = crate::services::access::respond(
        crate::services::postkorb_admin::rename(&ctx, &dienststelle, &bereich, &version, &name)
            .await,
    )?;
    leptos_axum::redirect(&format!(
        "{}?gespeichert={version}",
        postkorb_href(&dienststelle, &bereich)
    ));
    Ok(version)
}

/// "deaktivieren" or "reaktivieren" the Postkorb seen at `version`.
#[server(prefix = "/api", endpoint = "organisation/postkorb/status")]
pub async fn set_postkorb_status(
    dienststelle: String,
    bereich: String,
    version: String,
    aktion: String,
) -> Result<i64, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let version = crate::services::access::respond(
        crate::services::postkorb_admin::set_active(
            &ctx,
            &dienststelle,
            &bereich,
            &version,
            &aktion,
        )
        .await,
    )?;
    leptos_axum::redirect(&format!(
        "{}?gespeichert={version}",
        postkorb_href(&dienststelle, &bereich)
    ));
    Ok(version)
}

/// Files the order that sends the Postkorb's rules to `ziel`; goes to the batch.
#[server(prefix = "/api", endpoint = "organisation/postkorb/umzug")]
pub async fn file_postkorb_move(
    dienststelle: String,
    bereich: String,
    ziel: String,
    begruendung: String,
    wirksam_ab: String,
) -> Result<String, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let input = crate::services::postkorb_admin::MoveInput {
        office: &dienststelle,
        area: &bereich,
        target: &ziel,
        justification: &begruendung,
        effective_date: &wirksam_ab,
    };
    let number = crate::services::access::respond(
        crate::services::postkorb_admin::file_move(&ctx, input).await,
    )?;
    leptos_axum::redirect(&crate::orders::batch::batch_href(&number));
    Ok(number)
}
