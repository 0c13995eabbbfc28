//! The axum router: Leptos pages and server functions behind sessions and auth, static
//! files, /healthz, and the middleware stack.

use crate::api::limits::ApiLimits;
use crate::security;
use app::auth::backend::Backend;
use app::db::sessions::{CachedSessions, SessionStoreAny};
use app::domain::session_limits::SessionLimits;
use app::services::access::session_cookie_name;
use app::services::AppState;
use app::{shell, App};
use axum::body::Body;
use axum::extract::{FromRef, Request, State};
use axum::http::{HeaderName, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{middleware, Json, Router};
use axum_login::AuthManagerLayerBuilder;
use leptos::prelude::*;
use leptos_axum::{
    generate_route_list, handle_server_fns_with_context, AxumRouteListing, LeptosRoutes,
};
use std::sync::Arc;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

/// Largest request body accepted (forms and server-function calls are small).
pub const BODY_LIMIT: usize = 64 * 1024;

/// The state of the pages and server functions. Behind an `Arc`: axum clones a route's
/// whole service, its state and Leptos' handler closures included, for every request
/// (before, a fifth of a kept list page's time went into these clones and their drops).
#[derive(Clone)]
pub struct ServerState(Arc<Shared>);

pub struct Shared {
    pub leptos_options: LeptosOptions,
    pub app: AppState,
}

impl std::ops::Deref for ServerState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl FromRef<ServerState> for LeptosOptions {
    fn from_ref(state: &ServerState) -> Self {
        state.leptos_options.clone()
    }
}

impl FromRef<ServerState> for AppState {
    fn from_ref(state: &ServerState) -> Self {
        state.app.clone()
    }
}

pub fn build(state: AppState, leptos_options: LeptosOptions) -> Router {
    build_with(state, leptos_options, Settings::default())
}

/// What the environment sets for the router when served.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// The API's rate limit (KT_API_RATE / KT_API_BURST).
    pub limits: ApiLimits,
    /// /metrics (KT_METRICS_TOKEN; off by default).
    pub metrics: crate::metrics::Metrics,
    /// Whose X-Forwarded-For names the client (KT_TRUSTED_PROXIES; nobody by default).
    pub trusted_proxies: crate::client_address::TrustedProxies,
    /// How long sessions live (KT_SESSION_IDLE_MINUTES / KT_SESSION_MAX_HOURS).
    pub sessions: SessionLimits,
}

/// `build` with the settings given.
pub fn build_with(state: AppState, leptos_options: LeptosOptions, settings: Settings) -> Router {
    let Settings {
        limits,
        metrics,
        trusted_proxies,
        sessions,
    } = settings;
    // Other instances' changes to what the short memory holds (PostgreSQL).
    app::db::cache_events::listen(&state.db, &state.cache);
    let server_state = ServerState(Arc::new(Shared {
        leptos_options: leptos_options.clone(),
        app: state.clone(),
    }));
    let session_layer = SessionManagerLayer::new(CachedSessions::new(
        SessionStoreAny::new(state.sessions.clone()),
        &state.cache,
    ))
    .with_name(session_cookie_name(state.https))
    .with_secure(state.https)
    .with_http_only(true)
    .with_same_site(SameSite::Lax)
    .with_path("/")
    .with_expiry(Expiry::OnInactivity(sessions.idle))
    // Activity is recorded by security::absolute_session_limit, at most once a minute.
    .with_always_save(false);
    let auth_layer = AuthManagerLayerBuilder::new(
        Backend::new(state.db.clone(), state.hasher.clone(), &state.cache),
        session_layer,
    )
    .build();

    let routes = route_list();
    // Captured by Leptos' handler closures, which are cloned with every request.
    let context_state = Arc::new(state.clone());
    let shell_options = Arc::new(leptos_options.clone());
    let pages_and_functions = Router::new()
        .merge(crate::export::downloads().into_router())
        .merge(crate::api::router(state.clone(), limits))
        .leptos_routes_with_context(
            &server_state,
            routes,
            move || provide_context(AppState::clone(&context_state)),
            move || shell(LeptosOptions::clone(&shell_options)),
        )
        .route("/api/{*fn_name}", post(server_fn_handler))
        // The not-found page renders the layout too, which reads the state.
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            ServerState,
            _,
        >(
            {
                let state = Arc::new(state.clone());
                move || provide_context(AppState::clone(&state))
            },
            shell,
        ))
        .layer(middleware::from_fn(crate::input::refuse_control_characters))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(middleware::from_fn(crate::api::problem::errors_as_problems))
        // Uploads have their own, larger limit.
        .merge(crate::export::upload().into_router())
        .layer(middleware::from_fn_with_state(
            sessions,
            security::absolute_session_limit,
        ))
        .layer(auth_layer)
        .with_state(server_state);

    let site_pkg = format!(
        "{}/{}",
        leptos_options.site_root, leptos_options.site_pkg_dir
    );
    let request_id = HeaderName::from_static(app::services::request::REQUEST_ID_HEADER);
    let router = Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz).with_state(state.clone()))
        .route(
            "/metrics",
            get(crate::metrics::scrape).with_state((metrics.clone(), state.clone())),
        )
        // The operator's own pages, linked from every page's footer.
        .route("/impressum", get(imprint).with_state(state.clone()))
        .route("/datenschutz", get(privacy).with_state(state.clone()))
        .nest(
            "/pkg",
            Router::new()
                .fallback_service(crate::static_files::service(site_pkg.as_ref()))
                .layer(middleware::from_fn(crate::static_files::caching)),
        )
        .merge(pages_and_functions)
        .route_layer(middleware::from_fn(crate::metrics::mark_route))
        .layer(middleware::from_fn(security::same_origin_writes))
        // A panic becomes a bare 500, which the next layer turns into the German message.
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            security::panic_response,
        ))
        .layer(middleware::from_fn(security::friendly_server_errors))
        .layer(middleware::from_fn_with_state(
            state.https,
            security::headers,
        ))
        .layer(crate::compression::layer())
        .layer(middleware::from_fn_with_state(
            metrics,
            crate::metrics::record,
        ))
        .layer(middleware::from_fn(security::scope_request_id))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(TraceLayer::new_for_http().make_span_with(security::request_span))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .layer(middleware::from_fn(security::safe_request_id));
    if trusted_proxies.is_empty() {
        router
    } else {
        // Outermost, so that every layer and handler sees the same client.
        router.layer(middleware::from_fn_with_state(
            trusted_proxies,
            crate::client_address::resolve,
        ))
    }
}

async fn server_fn_handler(
    State(state): State<ServerState>,
    req: Request<Body>,
) -> impl IntoResponse {
    let app_state = state.app.clone();
    handle_server_fns_with_context(move || provide_context(app_state.clone()), req).await
}

/// Liveness: the process answers. As cheap as a request can be (no database, no
/// session), so a probe every second costs nothing and a slow database never gets the
/// process restarted.
async fn healthz() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok" }))
}

/// Readiness: 200 with the backend name when the database answers, 503 otherwise (a load
/// balancer sends no requests until then).
async fn readyz(State(state): State<AppState>) -> Response {
    let database = state.db.backend_name();
    match state.db.ping().await {
        Ok(()) => Json(serde_json::json!({ "status": "ok", "database": database })).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "readiness check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({ "status": "error", "database": database })),
            )
                .into_response()
        }
    }
}

/// The application's routes, generated once per process. While Leptos generates a route
/// list it suppresses resource loading process-wide, and a resource first polled in that
/// moment never loads (leptos-rs/leptos#4773): a page rendering for another server in the
/// same process (as in the integration tests) would hang for good.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

async fn imprint(State(state): State<AppState>) -> axum::response::Redirect {
    axum::response::Redirect::to(&state.site.imprint_url)
}

async fn privacy(State(state): State<AppState>) -> axum::response::Redirect {
    axum::response::Redirect::to(&state.site.privacy_url)
}
