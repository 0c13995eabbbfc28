//! CSV downloads and the CSV upload: thin axum handlers around the same services the
//! server functions use (each builds the request's `Ctx`).

use crate::plain_routes::PlainRoutes;
use app::error::AppError;
use app::services::context::Ctx;
use app::services::export::{self, Download, ItemQuery, PeriodQuery, ScopeQuery};
use app::services::AppState;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Query, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

/// The largest upload: the import's own limit plus room for the form's other fields.
pub const UPLOAD_LIMIT: usize = app::domain::import::MAX_BYTES + 64 * 1024;

/// The download routes (behind the session layer, with the normal body limit).
pub fn downloads<S>() -> PlainRoutes<S>
where
    S: Clone + Send + Sync + 'static,
    AppState: axum::extract::FromRef<S>,
{
    PlainRoutes::new()
        .get("/export/auftraege.csv", order_items)
        .get("/export/postfacheinstellungen.csv", setting_items)
        .get("/export/eakte-regeln.csv", eakte_items)
        .get("/export/konfiguration.csv", configuration)
        .get("/export/stammdaten.csv", master_data)
        .get("/export/protokoll.csv", audit_log)
}

/// The upload route, with its own body limit.
pub fn upload<S>() -> PlainRoutes<S>
where
    S: Clone + Send + Sync + 'static,
    AppState: axum::extract::FromRef<S>,
{
    PlainRoutes::new()
        .post("/import/hochladen", stage_upload)
        .post(app::org::master_data_pages::UPLOAD_PATH, stage_master_data)
        // Read by the multipart parser, so a larger file becomes a message, not a bare 413.
        .map_router(|r| r.layer(DefaultBodyLimit::max(UPLOAD_LIMIT)))
}

/// Every download and upload route: method and path.
pub fn listed() -> Vec<(axum::http::Method, &'static str)> {
    let downloads = downloads::<AppState>();
    let upload = upload::<AppState>();
    [downloads.listed(), upload.listed()].concat()
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
        Err(e @ (AppError::NotAuthenticated | AppError::SessionExpired)) => signed_out(&e),
        Err(e) => error_text(&e),
    }
}

/// 401 for a link or form followed without a session: a page that leads to the sign-in
/// (these routes are not pages of the app, which would redirect there).
fn signed_out(e: &AppError) -> Response {
    let page = crate::security::plain_page(
        "Anmeldung nötig",
        &e.to_string(),
        ("/anmelden", "Zur Anmeldung"),
    );
    (StatusCode::UNAUTHORIZED, axum::response::Html(page)).into_response()
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

/// A multipart upload: its text fields by name, the file's name and bytes.
struct Upload {
    fields: Vec<(String, String)>,
    file_name: String,
    bytes: Vec<u8>,
}

impl Upload {
    fn field(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    }
}

async fn read_upload(
    parts: &axum::http::request::Parts,
    body: Body,
) -> Result<Upload, app::domain::upload::UploadProblem> {
    use app::domain::upload::UploadProblem;
    let too_large = |status: StatusCode| {
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            UploadProblem::TooLarge
        } else {
            UploadProblem::NoFile
        }
    };
    let mut form = Multipart::from_request(Request::from_parts(parts.clone(), body), &())
        .await
        .map_err(|_| UploadProblem::NoFile)?;
    let mut upload = Upload {
        fields: Vec::new(),
        file_name: String::new(),
        bytes: Vec::new(),
    };
    while let Some(field) = form.next_field().await.map_err(|e| too_large(e.status()))? {
        match field.name().map(str::to_string) {
            Some(name) if name == "datei" => {
                upload.file_name = field.file_name().unwrap_or_default().to_string();
                upload.bytes = field
                    .bytes()
                    .await
                    .map_err(|e| too_large(e.status()))?
                    .to_vec();
            }
            Some(name) => upload
                .fields
                .push((name, field.text().await.unwrap_or_default())),
            None => {}
        }
    }
    if upload.file_name.is_empty() && upload.bytes.is_empty() {
        return Err(UploadProblem::NoFile);
    }
    Ok(upload)
}

/// Where a staged upload goes: its preview, the form again with the problem, or (401)
/// a page that leads to the sign-in.
fn staged_response(
    staged: Result<Result<String, app::domain::upload::UploadProblem>, AppError>,
    form: &str,
) -> Response {
    match staged {
        Ok(Ok(token)) => Redirect::to(&format!("{form}/{token}")).into_response(),
        Ok(Err(p)) => Redirect::to(&format!("{form}?fehler={}", p.code())).into_response(),
        Err(e @ (AppError::NotAuthenticated | AppError::SessionExpired)) => signed_out(&e),
        Err(e) => error_text(&e),
    }
}

// Both uploads settle who may send one before a byte of the body is read.

async fn stage_upload(State(state): State<AppState>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let ctx = Ctx::from_parts(&parts, state);
    if let Err(e) = app::services::import::may_stage(&ctx) {
        return staged_response(Err(e), "/import");
    }
    let staged = match read_upload(&parts, body).await {
        Ok(u) => {
            app::services::import::stage(&ctx, u.field("agentur"), &u.file_name, &u.bytes).await
        }
        Err(p) => Ok(Err(p)),
    };
    staged_response(staged, "/import")
}

async fn stage_master_data(State(state): State<AppState>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let ctx = Ctx::from_parts(&parts, state);
    if let Err(e) = ctx.catalogue_admin("stammdaten").await {
        return staged_response(Err(e), "/organisation/stammdaten");
    }
    let staged = match read_upload(&parts, body).await {
        Ok(u) => app::services::master_data::stage(&ctx, &u.file_name, &u.bytes).await,
        Err(p) => Ok(Err(p)),
    };
    staged_response(staged, "/organisation/stammdaten")
}
