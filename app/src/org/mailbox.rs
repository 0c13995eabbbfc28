//! One mailbox's page: who uses it, and for the Zentrale deactivation, reactivation and
//! the batch order that moves its routing to a successor.

use super::model::MailboxDetail;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "organisation/postfach")]
pub async fn fetch_mailbox(adresse: String) -> Result<MailboxDetail, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(crate::services::mailbox_admin::detail(&ctx, &adresse).await)
}

/// "deaktivieren" or "reaktivieren" the mailbox seen at `version`; answers the new
/// version, which the page's address then carries (the page loads anew).
#[server(prefix = "/api", endpoint = "organisation/postfach/status")]
pub async fn change_mailbox_status(
    adresse: String,
    version: String,
    aktion: String,
) -> Result<i64, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let version = crate::services::access::respond(
        crate::services::mailbox_admin::set_active(&ctx, &adresse, &version, &aktion).await,
    )?;
    leptos_axum::redirect(&format!(
        "{}?gespeichert={version}",
        super::model::mailbox_href(adresse.trim())
    ));
    Ok(version)
}

/// Files the batch order that moves every live routing entry using the mailbox to
/// `nachfolger`; goes to the batch.
#[server(prefix = "/api", endpoint = "organisation/postfach/umhaengen")]
pub async fn move_mailbox_routing(
    adresse: String,
    nachfolger: String,
    begruendung: String,
    wirksam_ab: String,
) -> Result<String, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let input = crate::services::mailbox_admin::MoveInput {
        address: &adresse,
        successor: &nachfolger,
        justification: &begruendung,
        effective_date: &wirksam_ab,
    };
    let number = crate::services::access::respond(
        crate::services::mailbox_admin::file_move(&ctx, input).await,
    )?;
    leptos_axum::redirect(&crate::orders::batch::batch_href(&number));
    Ok(number)
}

/// Changes name, kind ("art", `MailboxKind::code`) and Bereich of the mailbox seen at
/// `version`; the page's address then carries the new version.
#[server(prefix = "/api", endpoint = "organisation/postfach/aendern")]
pub async fn change_mailbox(
    adresse: String,
    version: String,
    name: String,
    art: String,
    bereich: String,
) -> Result<i64, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let input = crate::services::mailbox_admin::EditInput {
        address: &adresse,
        version: &version,
        name: &name,
        kind: &art,
        area: &bereich,
    };
    let version =
        crate::services::access::respond(crate::services::mailbox_admin::edit(&ctx, input).await)?;
    leptos_axum::redirect(&format!(
        "{}?gespeichert={version}",
        super::model::mailbox_href(adresse.trim())
    ));
    Ok(version)
}

/// Creates a mailbox in the Dienststelle `dienststelle` ("art": `MailboxKind::code`)
/// and goes to its page.
#[server(prefix = "/api", endpoint = "organisation/postfach/anlegen")]
pub async fn create_mailbox(
    dienststelle: String,
    adresse: String,
    name: String,
    art: String,
    bereich: String,
) -> Result<String, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let input = crate::services::mailbox_admin::NewMailbox {
        office: &dienststelle,
        address: &adresse,
        name: &name,
        kind: &art,
        area: &bereich,
    };
    let address = crate::services::access::respond(
        crate::services::mailbox_admin::create(&ctx, input).await,
    )?;
    leptos_axum::redirect(&format!(
        "{}?angelegt=1",
        super::model::mailbox_href(&address)
    ));
    Ok(address)
}
