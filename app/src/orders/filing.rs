//! Filing a new draft: the form (blank, restoring an earlier version, or pre-filled for
//! a directive) and its submission.

use super::NewOrderForm;
use crate::error::AppError;
use leptos::prelude::*;

/// The version a new draft restores: of a routing entry (`eintrag`), a mailbox's setting
/// (`einstellung`) or an eAkte rule (`regel`), at most one of them.
#[cfg(feature = "ssr")]
fn restore_of(
    (eintrag, einstellung, regel): (Option<i64>, Option<i64>, Option<i64>),
    version: Option<i64>,
) -> Result<Option<crate::services::orders::Restore>, AppError> {
    use crate::domain::kind::Kind;
    let (kind, entry_id) = match (eintrag, einstellung, regel) {
        (Some(e), None, None) => (Kind::Routing, e),
        (None, Some(e), None) => (Kind::MailboxSetting, e),
        (None, None, Some(e)) => (Kind::EakteRule, e),
        (None, None, None) => return Ok(None),
        _ => return Err(AppError::BadRequest),
    };
    Ok(version.map(|version| crate::services::orders::Restore {
        kind,
        entry_id,
        version,
    }))
}

/// The one obligation (by the code of its kind) a pre-filled draft is limited to.
#[cfg(feature = "ssr")]
fn obligation_of(pflicht: Option<&str>) -> Result<Option<crate::domain::kind::Kind>, AppError> {
    match pflicht.map(str::trim).filter(|p| !p.is_empty()) {
        None => Ok(None),
        Some(code) => crate::domain::kind::Kind::from_code(code)
            .map(Some)
            .ok_or(AppError::BadRequest),
    }
}

#[server(prefix = "/api", endpoint = "auftrag/formular")]
pub async fn fetch_new_order_form(
    eintrag: Option<i64>,
    einstellung: Option<i64>,
    regel: Option<i64>,
    version: Option<i64>,
    weisung: Option<String>,
    agentur: Option<String>,
    pflicht: Option<String>,
) -> Result<NewOrderForm, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    // Anonymous callers hear 401, not which argument combinations are wrong.
    crate::services::access::respond(ctx.user().map(|_| ()))?;
    let restore =
        crate::services::access::respond(restore_of((eintrag, einstellung, regel), version))?;
    let only = crate::services::access::respond(obligation_of(pflicht.as_deref()))?;
    let prefill = weisung
        .as_deref()
        .zip(agentur.as_deref())
        .map(|(w, a)| (w, a, only));
    crate::services::access::respond(
        crate::services::orders::new_order_form(&ctx, restore, prefill).await,
    )
}

// One argument per form field, so the plain HTML form posts to it as is (the lint is
// allowed for this module in orders/mod.rs: the macro's client half does not carry an
// item attribute).
#[server(prefix = "/api", endpoint = "auftrag/anlegen")]
pub async fn create_order(
    agentur: String,
    begruendung: String,
    wirksam_ab: String,
    weisung: Option<String>,
    eintrag: Option<i64>,
    einstellung: Option<i64>,
    regel: Option<i64>,
    version: Option<i64>,
    vorbefuellen: Option<bool>,
    pflicht: Option<String>,
) -> Result<String, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    use crate::services::orders::{create_draft, DraftInput};
    crate::services::access::respond(ctx.user().map(|_| ()))?;
    let restore =
        crate::services::access::respond(restore_of((eintrag, einstellung, regel), version))?;
    let prefill_only = crate::services::access::respond(obligation_of(pflicht.as_deref()))?;
    let input = DraftInput {
        agency_code: &agentur,
        justification: &begruendung,
        effective_date: &wirksam_ab,
        directive: weisung.as_deref().unwrap_or(""),
        restore,
        prefill: vorbefuellen.unwrap_or(false),
        prefill_only,
        ..Default::default()
    };
    let number = crate::services::access::respond(create_draft(&ctx, input).await)?;
    leptos_axum::redirect(&super::order_href(&number));
    Ok(number)
}
