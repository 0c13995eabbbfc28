//! CSV downloads and the CSV upload: thin axum handlers around the same services the
//! server functions use (each builds the request's `Ctx`).

use app::error::AppError;
use app::services::context::Ctx;
use app::services::export::{self, Download, ItemQuery, PeriodQuery, ScopeQuery};
use app::services::AppState;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Query, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;

/// The largest upload: the import's own limit plus room for the form's other fields.
pub const UPLOAD_LIMIT: usize = app::domain::import::MAX_BYTES + 64 * 1024;

/// The download routes (behind the session layer, with the normal body limit).
pub fn downloads<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    AppState: axum::extract::FromRef<S>,
{
    Router::new()
        .route("/export/auftraege.csv", get(order_items))
        .route("/export/postfacheinstellungen.csv", get(setting_items))
        .route("/export/eakte-regeln.csv", get(eakte_items))
        .route("/export/konfiguration.csv", get(configuration))
        .route("/export/stammdaten.csv", get(master_data))
        .route("/export/protokoll.csv", get(audit_log))
}

/// The upload route, with its own body limit.
pub fn upload<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    AppState: axum::extract::FromRef<S>,
{
    Router::new()
        .route("/import/hochladen", post(stage_upload))
        // Read by the multipart parser, so a larger file becomes a message, not a bare 413.
        .layer(DefaultBodyLimit::max(UPLOAD_LIMIT))
}

async fn order_items(
    State(state): State<AppState>,
    Query(query): Query<ItemQuery>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    download(export::order_items(&Ctx::from_parts(&parts, state), &query).await)
}

async fn setting_items(
    State(state): State<AppState>,
    Query(query): Query<ItemQuery>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    download(export::setting_items(&Ctx::from_parts(&parts, state), &query).await)
}

async fn eakte_items(
    State(state): State<AppState>,
    Query(query): Query<ItemQuery>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    download(export::eakte_items(&Ctx::from_parts(&parts, state), &query).await)
}

async fn configuration(
    State(state): State<AppState>,
    Query(query): Query<ScopeQuery>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    download(export::configuration(&Ctx::from_parts(&parts, state), &query).await)
}

async fn master_data(
    State(state): State<AppState>,
    Query(query): Query<ScopeQuery>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    download(export::master_data(&Ctx::from_parts(&parts, state), &query).await)
}

async fn audit_log(
    State(state): State<AppState>,
    Query(query): Query<PeriodQuery>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    download(export::audit_log(&Ctx::from_parts(&parts, state), &query).await)
}

pub(crate) fn download(result: Result<Download, AppError>) -> Response {
    match result {
        Ok(d) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{}\"", d.file_name),
                ),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            Body::from_stream(d.body),
        )
            .into_response(),
        Err(e) => error_text(&e),
    }
}

/// The error's status with its German message as text (field messages included).
pub fn error_text(e: &AppError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut text = e.to_string();
    for f in e.field_errors() {
        text.push('\n');
        text.push_str(&f.message);
    }
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

async fn stage_upload(State(state): State<AppState>, req: Request) -> Response {
    use app::domain::upload::UploadProblem;
    let problem =
        |p: UploadProblem| Redirect::to(&format!("/import?fehler={}", p.code())).into_response();
    let (parts, body) = req.into_parts();
    let Ok(mut form) = Multipart::from_request(Request::from_parts(parts.clone(), body), &()).await
    else {
        return problem(UploadProblem::NoFile);
    };
    let (mut agency, mut file_name, mut bytes) = (String::new(), String::new(), Vec::new());
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return problem(UploadProblem::TooLarge)
            }
            Err(_) => return problem(UploadProblem::NoFile),
        };
        match field.name() {
            Some("agentur") => agency = field.text().await.unwrap_or_default(),
            Some("datei") => {
                file_name = field.file_name().unwrap_or_default().to_string();
                match field.bytes().await {
                    Ok(b) => bytes = b.to_vec(),
                    Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                        return problem(UploadProblem::TooLarge)
                    }
                    Err(_) => return problem(UploadProblem::NoFile),
                }
            }
            _ => {}
        }
    }
    if file_name.is_empty() && bytes.is_empty() {
        return problem(UploadProblem::NoFile);
    }
    let staged =
        app::services::import::stage(&Ctx::from_parts(&parts, state), &agency, &file_name, &bytes)
            .await;
    match staged {
        Ok(Ok(token)) => Redirect::to(&format!("/import/{token}")).into_response(),
        Ok(Err(p)) => problem(p),
        Err(AppError::NotAuthenticated | AppError::SessionExpired) => {
            Redirect::to("/anmelden").into_response()
        }
        Err(e) => error_text(&e),
    }
}
