//! Change orders: list, read, draft, items, and every transition of the life cycle.

use super::{json_body, problem::Problem, reply};
use app::domain::kind::Kind;
use app::orders::{OrderDetail, OrderList};
use app::services::context::Ctx;
use app::services::orders::{self as service, DraftInput, ItemInput};
use app::services::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Deserialize, IntoParams)]
pub struct ListQuery {
    /// Status-Code: entwurf, eingereicht, genehmigt, abgelehnt, zur-ueberarbeitung, umgesetzt, zurueckgezogen; oder eine Warteschlange: zur-pruefung, zur-umsetzung
    pub status: Option<String>,
    /// RD-Kürzel (nur wer mehrere RDs sieht)
    pub rd: Option<String>,
    /// Cursor: `next` der vorigen Seite
    pub nach: Option<i64>,
}

/// One page (50) of the orders the caller may see, newest first (the inbox: oldest first).
#[utoipa::path(get, path = "/api/v1/orders", tag = "Aufträge", params(ListQuery),
    responses(
        (status = 200, body = OrderList),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn list(
    State(state): State<AppState>,
    q: Result<Query<ListQuery>, QueryRejection>,
    req: Request,
) -> Response {
    super::json_reply(
        super::with_query(state, q, req, async |ctx, q| {
            service::list(ctx, q.status.as_deref(), q.rd.as_deref(), q.nach).await
        })
        .await,
    )
}

#[derive(Deserialize, ToSchema)]
pub struct NewDraft {
    /// Agentur-Kürzel, z. B. `kiel`
    pub agentur: String,
    pub begruendung: String,
    /// TT.MM.JJJJ
    pub wirksam_ab: String,
    /// Nummer der Weisung, auf die der Auftrag antwortet
    pub weisung: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct Created {
    /// ÄA-JJJJ-NNNNNN
    pub nummer: String,
}

/// File a new draft for an agency.
#[utoipa::path(post, path = "/api/v1/orders", tag = "Aufträge", request_body = NewDraft,
    responses(
        (status = 201, body = Created),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn create(State(state): State<AppState>, req: Request) -> Response {
    let (parts, d) = match json_body::<NewDraft>(req).await {
        Ok(p) => p,
        Err(problem) => return problem,
    };
    let input = DraftInput {
        agency_code: &d.agentur,
        justification: &d.begruendung,
        effective_date: &d.wirksam_ab,
        directive: d.weisung.as_deref().unwrap_or(""),
        ..Default::default()
    };
    let result = service::create_draft(&Ctx::from_parts(&parts, state), input).await;
    reply(StatusCode::CREATED, result.map(|nummer| Created { nummer }))
}

/// An order with its items (each diffed against the live configuration) and the actions
/// the caller may take.
#[utoipa::path(get, path = "/api/v1/orders/{nummer}", tag = "Aufträge",
    params(("nummer" = String, Path, description = "ÄA-JJJJ-NNNNNN")),
    responses(
        (status = 200, body = OrderDetail),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn get(
    State(state): State<AppState>,
    Path(nummer): Path<String>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    reply(
        StatusCode::OK,
        service::detail(&Ctx::from_parts(&parts, state), &nummer).await,
    )
}

#[derive(Deserialize, ToSchema)]
pub struct Header {
    /// The revision read with the order (optimistic check)
    pub revision: i64,
    pub begruendung: String,
    pub wirksam_ab: String,
    pub weisung: Option<String>,
}

/// Change justification, effective date and directive of a draft.
#[utoipa::path(put, path = "/api/v1/orders/{nummer}", tag = "Aufträge", request_body = Header,
    params(("nummer" = String, Path)),
    responses(
        (status = 204, description = "Geändert"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn update(
    State(state): State<AppState>,
    Path(nummer): Path<String>,
    req: Request,
) -> Response {
    let (parts, h) = match json_body::<Header>(req).await {
        Ok(p) => p,
        Err(problem) => return problem,
    };
    let ctx = Ctx::from_parts(&parts, state);
    let work = service::update_header(
        &ctx,
        &nummer,
        h.revision,
        &h.begruendung,
        &h.wirksam_ab,
        h.weisung.as_deref().unwrap_or(""),
    );
    no_content(work.await)
}

#[derive(Deserialize, ToSchema)]
pub struct Item {
    pub revision: i64,
    /// Dienststellen-Kürzel
    pub dienststelle: String,
    /// Anliegen-Kürzel
    pub anliegen: String,
    /// Postfach-ID
    pub postfach: i64,
    /// Bereichs-ID
    pub bereich: i64,
    /// 1–5 Adressen
    pub adressen: Vec<String>,
}

/// Add an item, or replace the item for the same Dienststelle × Anliegen.
#[utoipa::path(post, path = "/api/v1/orders/{nummer}/positionen", tag = "Aufträge", request_body = Item,
    params(("nummer" = String, Path)),
    responses(
        (status = 204, description = "Gespeichert"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn save_item(
    State(state): State<AppState>,
    Path(nummer): Path<String>,
    req: Request,
) -> Response {
    let (parts, i) = match json_body::<Item>(req).await {
        Ok(p) => p,
        Err(problem) => return problem,
    };
    let input = ItemInput {
        office_code: i.dienststelle,
        concern_code: i.anliegen,
        mailbox_id: i.postfach,
        area_id: i.bereich,
        addresses: i.adressen.join("\n"),
    };
    no_content(
        service::save_item(&Ctx::from_parts(&parts, state), &nummer, i.revision, input).await,
    )
}

#[derive(Deserialize, IntoParams)]
pub struct RevisionQuery {
    pub revision: i64,
}

/// Remove an item from a draft.
#[utoipa::path(delete, path = "/api/v1/orders/{nummer}/positionen/{id}", tag = "Aufträge",
    params(("nummer" = String, Path), ("id" = i64, Path), RevisionQuery),
    responses(
        (status = 204, description = "Entfernt"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn remove_item(
    State(state): State<AppState>,
    Path((nummer, id)): Path<(String, i64)>,
    q: Result<Query<RevisionQuery>, QueryRejection>,
    req: Request,
) -> Response {
    let removed = super::with_query(state, q, req, async |ctx, q| {
        service::remove_item(ctx, &nummer, q.revision, Kind::Routing, id).await
    })
    .await;
    match removed {
        Ok(result) => no_content(result),
        Err(problem) => problem,
    }
}

#[derive(Deserialize, ToSchema)]
pub struct Transition {
    pub revision: i64,
    /// Required for ablehnen and zurueckgeben
    #[serde(default)]
    pub grund: String,
}

#[derive(Serialize, ToSchema)]
pub struct NewState {
    /// The order's state after the action
    pub status: String,
}

/// A step of the life cycle: einreichen, zurueckziehen, genehmigen, ablehnen,
/// zurueckgeben, umsetzen. Four eyes and the caller's scope apply.
#[utoipa::path(post, path = "/api/v1/orders/{nummer}/aktionen/{aktion}", tag = "Aufträge",
    request_body = Transition,
    params(("nummer" = String, Path), ("aktion" = String, Path)),
    responses(
        (status = 200, body = NewState),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn act(
    State(state): State<AppState>,
    Path((nummer, aktion)): Path<(String, String)>,
    req: Request,
) -> Response {
    let Some(action) = app::domain::order::Action::from_code(&aktion) else {
        return super::problem::response(
            404,
            format!("Die Aktion „{aktion}“ gibt es nicht."),
            Vec::new(),
        );
    };
    let (parts, t) = match json_body::<Transition>(req).await {
        Ok(p) => p,
        Err(problem) => return problem,
    };
    let ctx = Ctx::from_parts(&parts, state);
    let result = service::transition(&ctx, &nummer, t.revision, action, &t.grund)
        .await
        .map_err(reason_field_as_sent);
    reply(
        StatusCode::OK,
        result.map(|s| NewState {
            status: s.code().to_string(),
        }),
    )
}

/// The forms name each action's reason field (`grund-ablehnen`, …); API clients sent it
/// as `grund`, and problems name the fields of the request.
fn reason_field_as_sent(e: app::error::AppError) -> app::error::AppError {
    match e {
        app::error::AppError::Validation(errors) => app::error::AppError::Validation(
            errors
                .into_iter()
                .map(|mut f| {
                    if f.field.starts_with("grund-") {
                        f.field = "grund".into();
                    }
                    f
                })
                .collect(),
        ),
        other => other,
    }
}

fn no_content(result: Result<(), app::error::AppError>) -> Response {
    match result {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => super::problem::from_error(&e),
    }
}

use axum::response::IntoResponse;
