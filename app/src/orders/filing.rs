//! Filing a new draft: the form (blank, restoring an earlier version, or pre-filled for
//! a directive) and its submission.

use super::NewOrderForm;
use crate::error::AppError;
use leptos::prelude::*;

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
    let restore = crate::services::orders::RestoreRequest {
        routing: eintrag,
        setting: einstellung,
        eakte: regel,
        version,
    };
    let prefill = weisung
        .as_deref()
        .zip(agentur.as_deref())
        .map(|(w, a)| (w, a, pflicht.as_deref()));
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
    use crate::services::orders::{create_draft, DraftInput, RestoreRequest};
    let input = DraftInput {
        agency_code: &agentur,
        justification: &begruendung,
        effective_date: &wirksam_ab,
        directive: weisung.as_deref().unwrap_or(""),
        restore: RestoreRequest {
            routing: eintrag,
            setting: einstellung,
            eakte: regel,
            version,
        },
        prefill: vorbefuellen.unwrap_or(false),
        prefill_only: pflicht.as_deref(),
        ..Default::default()
    };
    let number = crate::services::access::respond(create_draft(&ctx, input).await)?;
    leptos_axum::redirect(&super::order_href(&number));
    Ok(number)
}
