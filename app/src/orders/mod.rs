//! Change orders: filing, editing, review, implementation.

pub mod pages;

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The order's page (see `domain::order::order_path`).
pub fn order_href(number: &str) -> String {
    crate::domain::order::order_path(number)
}

/// The order number a page path stands for ("2026-000001" → "ÄA-2026-000001").
pub fn number_from_path(segment: &str) -> String {
    let s = crate::ui::decode_param(segment);
    if s.starts_with("ÄA-") {
        s
    } else {
        format!("ÄA-{s}")
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ItemView {
    pub id: i64,
    pub entry_id: i64,
    pub office: String,
    pub concern: String,
    pub base_version: i64,
    pub live_version: i64,
    /// The item was made against a version that is no longer live.
    pub stale: bool,
    pub changes: Vec<crate::routing::FieldChange>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OrderDetail {
    pub number: String,
    pub agency: String,
    pub author: String,
    pub state_code: crate::domain::order::OrderState,
    pub state_label: String,
    pub justification: String,
    pub effective_date: String,
    /// Today in Berlin (TT.MM.JJJJ): the earliest effective date the header form accepts.
    pub today: String,
    pub revision: i64,
    pub decided_by: Option<String>,
    pub decision_reason: Option<String>,
    /// The directive the order answers.
    pub directive: Option<DirectiveRef>,
    /// (number, label) of the directives the header form offers (only when editable).
    #[cfg_attr(feature = "ssr", schema(value_type = Vec<Vec<String>>))]
    pub directive_choices: Vec<(String, String)>,
    pub items: Vec<ItemView>,
    /// Other open orders touching the same entries: (number, state label).
    #[cfg_attr(feature = "ssr", schema(value_type = Vec<Vec<String>>))]
    pub overlapping: Vec<(String, String)>,
    /// Codes of the actions the current user may take now.
    pub allowed_actions: Vec<String>,
    pub editable: bool,
    /// Stale items exist and the user may bring them onto the live version.
    pub can_refresh: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DirectiveRef {
    pub number: String,
    /// "202509011 – Title"
    pub label: String,
    /// TT.MM.JJJJ
    pub deadline: String,
}

/// An earlier version the new draft will restore.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Restoring {
    pub entry_id: i64,
    pub version: i64,
    pub agency_code: String,
    pub agency_name: String,
    pub office: String,
    pub concern: String,
    /// The restored values in one line.
    pub summary: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewOrderForm {
    /// (code, name) of the agencies the user may file for.
    pub agencies: Vec<(String, String)>,
    /// (number, label with deadline)
    pub directives: Vec<(String, String)>,
    /// TT.MM.JJJJ, the default effective date.
    pub today: String,
    /// Suggested justification (when restoring).
    pub justification: String,
    pub restoring: Option<Restoring>,
    /// Items that make the agency comply with a directive.
    pub prefill: Option<Prefill>,
}

/// A draft pre-filled with the changes a directive asks for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefill {
    pub directive: String,
    pub agency_code: String,
    pub agency_name: String,
    /// The Anliegen the items change.
    pub concern: String,
    pub justification: String,
    pub items: Vec<PrefillLine>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrefillLine {
    pub office: String,
    /// Mailbox and notification addresses in one line.
    pub proposed: String,
}

#[server(prefix = "/api", endpoint = "auftrag/formular")]
pub async fn fetch_new_order_form(
    eintrag: Option<i64>,
    version: Option<i64>,
    weisung: Option<String>,
    agentur: Option<String>,
) -> Result<NewOrderForm, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let restore = eintrag.zip(version);
    let prefill = weisung.as_deref().zip(agentur.as_deref());
    crate::services::access::respond(
        crate::services::orders::new_order_form(&ctx, restore, prefill).await,
    )
}

#[server(prefix = "/api", endpoint = "auftrag/anlegen")]
pub async fn create_order(
    agentur: String,
    begruendung: String,
    wirksam_ab: String,
    weisung: Option<String>,
    eintrag: Option<i64>,
    version: Option<i64>,
    vorbefuellen: Option<bool>,
) -> Result<String, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    use crate::services::orders::{create_draft, DraftInput};
    let input = DraftInput {
        agency_code: &agentur,
        justification: &begruendung,
        effective_date: &wirksam_ab,
        directive: weisung.as_deref().unwrap_or(""),
        restore: eintrag.zip(version),
        prefill: vorbefuellen.unwrap_or(false),
        ..Default::default()
    };
    let number = crate::services::access::respond(create_draft(&ctx, input).await)?;
    leptos_axum::redirect(&order_href(&number));
    Ok(number)
}

/// Justification, effective date and directive of a draft (or returned order).
#[server(prefix = "/api", endpoint = "auftrag/angaben")]
pub async fn update_order(
    nummer: String,
    revision: i64,
    begruendung: String,
    wirksam_ab: String,
    weisung: Option<String>,
) -> Result<(), AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(
        crate::services::orders::update_header(
            &ctx,
            &nummer,
            revision,
            &begruendung,
            &wirksam_ab,
            weisung.as_deref().unwrap_or(""),
        )
        .await,
    )?;
    leptos_axum::redirect(&order_href(&nummer));
    Ok(())
}

#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "auftrag/position")]
pub async fn save_order_item(
    nummer: String,
    revision: i64,
    dienststelle: String,
    anliegen: String,
    postfach: i64,
    bereich: i64,
    adressen: String,
) -> Result<(), AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    use crate::services::orders::{save_item, ItemInput};
    let input = ItemInput {
        office_code: dienststelle,
        concern_code: anliegen,
        mailbox_id: postfach,
        area_id: bereich,
        addresses: adressen,
    };
    crate::services::access::respond(save_item(&ctx, &nummer, revision, input).await)?;
    leptos_axum::redirect(&order_href(&nummer));
    Ok(())
}

#[server(prefix = "/api", endpoint = "auftrag/position-entfernen")]
pub async fn remove_order_item(
    nummer: String,
    revision: i64,
    position: i64,
) -> Result<(), AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(
        crate::services::orders::remove_item(&ctx, &nummer, revision, position).await,
    )?;
    leptos_axum::redirect(&order_href(&nummer));
    Ok(())
}

/// einreichen | genehmigen | ablehnen | zurueckgeben | umsetzen | zurueckziehen
#[server(prefix = "/api", endpoint = "auftrag/aktion")]
pub async fn order_action(
    nummer: String,
    revision: i64,
    aktion: String,
    grund: Option<String>,
) -> Result<String, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    use crate::services::orders::transition;
    let action = crate::domain::order::Action::from_code(&aktion).ok_or(AppError::BadRequest)?;
    let state = crate::services::access::respond(
        transition(
            &ctx,
            &nummer,
            revision,
            action,
            grund.as_deref().unwrap_or(""),
        )
        .await,
    )?;
    leptos_axum::redirect(&order_href(&nummer));
    Ok(state.label().to_string())
}

#[server(prefix = "/api", endpoint = "auftrag/aktualisieren")]
pub async fn refresh_order(nummer: String, revision: i64) -> Result<usize, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let n = crate::services::access::respond(
        crate::services::orders::refresh_stale(&ctx, &nummer, revision).await,
    )?;
    leptos_axum::redirect(&order_href(&nummer));
    Ok(n)
}

#[server(prefix = "/api", endpoint = "auftrag")]
pub async fn fetch_order(nummer: String) -> Result<OrderDetail, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(crate::services::orders::detail(&ctx, &nummer).await)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OrderListRow {
    pub number: String,
    pub agency: String,
    pub author: String,
    pub state_label: String,
    pub effective_date: String,
    pub submitted: Option<String>,
    /// Whole days since submission, for the review inbox.
    pub days_waiting: Option<i64>,
    pub items: i64,
    /// Number of the directive the order answers, its deadline (TT.MM.JJJJ) and the
    /// days left until it (negative when overdue).
    pub directive: Option<String>,
    pub deadline: Option<String>,
    pub days_left: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OrderList {
    pub rows: Vec<OrderListRow>,
    /// The user may file orders for at least one agency.
    pub can_file: bool,
    /// (code, name) of the RDs to filter by, for users who see more than one.
    #[cfg_attr(feature = "ssr", schema(value_type = Vec<Vec<String>>))]
    pub regions: Vec<(String, String)>,
    /// Cursor of the next page, if there is one.
    pub next: Option<i64>,
    pub first_page: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailboxChoice {
    pub id: i64,
    pub label: String,
    pub area_id: i64,
    /// Codes of the Dienststellen this mailbox may serve (`domain::org::mailbox_may_serve`).
    pub serves: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemChoices {
    pub offices: Vec<(String, String)>,
    pub concerns: Vec<(String, String)>,
    pub mailboxes: Vec<MailboxChoice>,
    pub areas: Vec<(i64, String)>,
    /// The domains notification addresses may use.
    pub mail_domains: Vec<String>,
}

#[server(prefix = "/api", endpoint = "auftraege")]
pub async fn fetch_orders(
    status: Option<String>,
    rd: Option<String>,
    nach: Option<i64>,
) -> Result<OrderList, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(
        crate::services::orders::list(&ctx, status.as_deref(), rd.as_deref(), nach).await,
    )
}

#[server(prefix = "/api", endpoint = "auftrag/auswahl")]
pub async fn fetch_item_choices(nummer: String) -> Result<ItemChoices, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(crate::services::orders::item_choices(&ctx, &nummer).await)
}
