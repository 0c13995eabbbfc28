//! Change orders: list, read, draft, items, and every step of the life cycle. Every
//! answer about one order carries its revision as `ETag`; every change names it in
//! `If-Match` (preconditions.rs). Filing honours `Idempotency-Key`.

pub mod model;

use super::dates::{for_service, in_iso};
use super::preconditions::{etag, if_match, stale, Precondition};
use super::problem;
use super::{signed_in, signed_in_with};
use app::domain::kind::Kind;
use app::error::AppError;
use app::services::context::Ctx;
use app::services::orders::{self as service, DraftInput, ItemInput};
use app::services::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use model::*;

/// One page (50) of the orders the caller may see, newest first (the queues: oldest
/// submitted first).
#[utoipa::path(get, path = "/api/v1/auftraege", operation_id = "auftraege", tag = "Aufträge", params(Listenabfrage),
    responses((status = 200, body = Auftragsliste)),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn list(
    State(state): State<AppState>,
    q: Result<Query<Listenabfrage>, QueryRejection>,
    req: Request,
) -> Response {
    super::json_reply(
        super::with_query(state, q, req, async |ctx, q| {
            let status = q.status.map(Statusfilter::code);
            service::list_page(ctx, status.as_deref(), q.rd.as_deref(), q.nach)
                .await
                .map(Auftragsliste::from)
        })
        .await,
    )
}

/// File a new draft for an agency. With `Idempotency-Key`, a retry with the same key
/// and fields gets the first order (header `Idempotent-Replayed: true`) instead of a
/// second one; the same key with other fields is refused (422). Keys are kept 24 hours.
#[utoipa::path(post, path = "/api/v1/auftraege", operation_id = "auftrag_anlegen", tag = "Aufträge", request_body = NeuerAuftrag,
    params(("Idempotency-Key" = Option<String>, Header,
        description = "1–255 sichtbare ASCII-Zeichen, z. B. eine UUID")),
    responses((status = 201, body = Angelegt,
        headers(("Location" = String), ("ETag" = String), ("Idempotent-Replayed" = String)))),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn create(State(state): State<AppState>, req: Request) -> Response {
    let (ctx, parts, d) = match signed_in_with::<NeuerAuftrag>(state, req).await {
        Ok(p) => p,
        Err(problem) => return problem,
    };
    let key = match idempotency_key(&parts.headers) {
        Ok(key) => key,
        Err(e) => return problem::from_error(&e),
    };
    let effective_date = for_service(&d.wirksam_ab);
    let input = DraftInput {
        agency_code: &d.agentur,
        justification: &d.begruendung,
        effective_date: &effective_date,
        directive: d.weisung.as_deref().unwrap_or(""),
        idempotency_key: key.as_deref(),
        ..Default::default()
    };
    let (nummer, replayed) = match service::file_once(&ctx, input).await {
        Ok(filed) => filed,
        Err(e) => return problem::from_error(&in_iso(e)),
    };
    let mut res = (
        StatusCode::CREATED,
        Json(Angelegt {
            nummer: nummer.clone(),
        }),
    )
        .into_response();
    let h = res.headers_mut();
    // Percent-encoded: a header is ASCII, an order number starts with "Ä".
    let encoded = percent_encoding::utf8_percent_encode(&nummer, PATH_SEGMENT);
    if let Ok(location) = HeaderValue::from_str(&format!("/api/v1/auftraege/{encoded}")) {
        h.insert(header::LOCATION, location);
    }
    // A new draft is at revision 1; a replayed one may have changed since: read it.
    if replayed {
        h.insert("idempotent-replayed", HeaderValue::from_static("true"));
    } else {
        h.insert(header::ETAG, etag(1));
    }
    res
}

/// What a path segment must encode (RFC 3986: everything but unreserved characters).
const PATH_SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The `Idempotency-Key` header, if sent: 1–255 visible ASCII characters.
fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, AppError> {
    let mut values = headers.get_all("idempotency-key").iter();
    let value = match (values.next(), values.next()) {
        (None, _) => return Ok(None),
        (Some(v), None) => v.to_str().ok().map(str::to_string),
        (Some(_), Some(_)) => None,
    };
    value
        .filter(|k| (1..=255).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_graphic()))
        .map(Some)
        .ok_or_else(|| {
            AppError::Validation(vec![app::domain::fields::FieldError::new(
                "Idempotency-Key",
                "Der Schlüssel muss aus 1 bis 255 sichtbaren ASCII-Zeichen bestehen (einmal gesendet).",
            )])
        })
}

/// An order with its items (each diffed against the live configuration) and the actions
/// the caller may take; `ETag` is its revision.
#[utoipa::path(get, path = "/api/v1/auftraege/{nummer}", operation_id = "auftrag", tag = "Aufträge",
    params(("nummer" = String, Path, description = "ÄA-JJJJ-NNNNNN")),
    responses((status = 200, body = Auftrag, headers(("ETag" = String)))),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn get(
    State(state): State<AppState>,
    Path(nummer): Path<String>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    let ctx = match signed_in(&parts, state) {
        Ok(ctx) => ctx,
        Err(problem) => return problem,
    };
    match service::record(&ctx, &nummer).await {
        Ok(record) => {
            let tag = etag(record.order.revision);
            let mut res = Json(Auftrag::from(record)).into_response();
            res.headers_mut().insert(header::ETAG, tag);
            res
        }
        Err(e) => problem::from_error(&e),
    }
}

/// Change justification, effective date and directive of a draft.
#[utoipa::path(put, path = "/api/v1/auftraege/{nummer}", operation_id = "kopf_aendern", tag = "Aufträge", request_body = Kopf,
    params(("nummer" = String, Path), ("If-Match" = String, Header, description = "ETag des Auftrags")),
    responses((status = 204, description = "Geändert", headers(("ETag" = String)))),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn update(
    State(state): State<AppState>,
    Path(nummer): Path<String>,
    req: Request,
) -> Response {
    let (ctx, parts, h) = match signed_in_with::<Kopf>(state, req).await {
        Ok(p) => p,
        Err(problem) => return problem,
    };
    // A body that does not match the document is refused before the precondition is
    // looked at, like one that does not parse.
    let effective_date = match h.checked() {
        Ok(date) => date,
        Err(e) => return problem::from_error(&e),
    };
    changed(&ctx, &nummer, &parts.headers, async |revision| {
        let directive = h.weisung.as_deref().unwrap_or("");
        service::update_header(
            &ctx,
            &nummer,
            revision,
            &h.begruendung,
            &effective_date,
            directive,
        )
        .await
        .map_err(in_iso)
    })
    .await
}

/// Add an item, or replace the item for the same Dienststelle × Anliegen.
#[utoipa::path(post, path = "/api/v1/auftraege/{nummer}/positionen", operation_id = "position_speichern", tag = "Aufträge",
    request_body = NeuePosition,
    params(("nummer" = String, Path), ("If-Match" = String, Header, description = "ETag des Auftrags")),
    responses((status = 204, description = "Gespeichert", headers(("ETag" = String)))),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn save_item(
    State(state): State<AppState>,
    Path(nummer): Path<String>,
    req: Request,
) -> Response {
    let (ctx, parts, i) = match signed_in_with::<NeuePosition>(state, req).await {
        Ok(p) => p,
        Err(problem) => return problem,
    };
    if let Err(e) = i.checked() {
        return problem::from_error(&e);
    }
    changed(&ctx, &nummer, &parts.headers, async |revision| {
        let input = ItemInput {
            office_code: i.dienststelle,
            concern_code: i.anliegen,
            mailbox_id: i.postfach,
            area_id: i.bereich,
            addresses: i.adressen.join("\n"),
        };
        service::save_item(&ctx, &nummer, revision, input).await
    })
    .await
}

/// Remove an item of the kind "Weiterleitung" (an `id` of `positionen`) from a draft.
#[utoipa::path(delete, path = "/api/v1/auftraege/{nummer}/positionen/{id}", operation_id = "position_entfernen", tag = "Aufträge",
    params(("nummer" = String, Path), ("id" = i64, Path),
        ("If-Match" = String, Header, description = "ETag des Auftrags")),
    responses((status = 204, description = "Entfernt", headers(("ETag" = String)))),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn remove_item(
    State(state): State<AppState>,
    Path((nummer, id)): Path<(String, String)>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    let ctx = match signed_in(&parts, state) {
        Ok(ctx) => ctx,
        Err(problem) => return problem,
    };
    // Parsed after the credentials: an anonymous caller learns nothing from the path.
    let Ok(id) = id.parse::<i64>() else {
        return problem::from_error(&AppError::NotFound);
    };
    changed(&ctx, &nummer, &parts.headers, async |revision| {
        service::remove_item(&ctx, &nummer, revision, Kind::Routing, id).await
    })
    .await
}

/// A step of the life cycle. Four eyes and the caller's scope apply.
#[utoipa::path(post, path = "/api/v1/auftraege/{nummer}/aktionen/{aktion}", operation_id = "schritt", tag = "Aufträge",
    request_body = Schritt,
    params(("nummer" = String, Path), ("aktion" = app::domain::order::Action, Path),
        ("If-Match" = String, Header, description = "ETag des Auftrags")),
    responses((status = 200, body = NeuerStatus, headers(("ETag" = String)))),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn act(
    State(state): State<AppState>,
    Path((nummer, aktion)): Path<(String, String)>,
    req: Request,
) -> Response {
    let (ctx, parts, t) = match signed_in_with::<Schritt>(state, req).await {
        Ok(p) => p,
        Err(problem) => return problem,
    };
    let Some(action) = app::domain::order::Action::from_code(&aktion) else {
        return problem::response(
            404,
            format!("Die Aktion „{aktion}“ gibt es nicht."),
            Vec::new(),
        );
    };
    let step = async |revision| {
        service::transition(&ctx, &nummer, revision, action, &t.grund)
            .await
            .map_err(reason_field_as_sent)
    };
    match against_revision(&ctx, &nummer, &parts.headers, step).await {
        Ok((status, revision)) => {
            let mut res = Json(NeuerStatus { status }).into_response();
            res.headers_mut().insert(header::ETAG, etag(revision));
            res
        }
        Err(problem) => problem,
    }
}

/// Runs a change against the revision `If-Match` names. The order must be visible (else
/// 403/404) and still at that revision (else 412; `*`: whatever it is now) – checked
/// before the change's own rules, so a stale client hears "stale", not "not allowed in
/// this state". The change checks the revision again in its transaction (412 if another
/// change came in between). Returns the change's answer and the new revision: every
/// change raises it by exactly one, so the ETag is never read after the commit (where
/// it could already be a colleague's).
// The error is the response itself, returned at once by the handler.
#[allow(clippy::result_large_err)]
async fn against_revision<T>(
    ctx: &Ctx,
    nummer: &str,
    headers: &HeaderMap,
    change: impl AsyncFnOnce(i64) -> Result<T, AppError>,
) -> Result<(T, i64), Response> {
    let current = service::revision(ctx, nummer)
        .await
        .map_err(|e| problem::from_error(&e))?;
    let revision = match if_match(headers)? {
        Precondition::Revision(r) if r != current => return Err(stale()),
        Precondition::Revision(r) => r,
        Precondition::Any => current,
    };
    match change(revision).await {
        Ok(answer) => Ok((answer, revision + 1)),
        Err(e) if service::is_stale_order(&e) => Err(stale()),
        Err(e) => Err(problem::from_error(&e)),
    }
}

/// A change answered with 204 and the new `ETag`.
async fn changed(
    ctx: &Ctx,
    nummer: &str,
    headers: &HeaderMap,
    change: impl AsyncFnOnce(i64) -> Result<(), AppError>,
) -> Response {
    match against_revision(ctx, nummer, headers, change).await {
        Ok(((), revision)) => {
            let mut res = StatusCode::NO_CONTENT.into_response();
            res.headers_mut().insert(header::ETAG, etag(revision));
            res
        }
        Err(problem) => problem,
    }
}

/// The forms name each action's reason field (`grund-ablehnen`, …); API clients send it
/// as `grund`, and problems name the fields of the request.
fn reason_field_as_sent(e: AppError) -> AppError {
    match e {
        AppError::Validation(errors) => AppError::Validation(
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
