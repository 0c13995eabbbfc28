//! `/metrics` in Prometheus text format: requests by route, method and status, their
//! latency as histograms, the database pools' use, the mail outbox's depth and the
//! active sessions.
//!
//! Off unless `KT_METRICS_TOKEN` is set (then 404, as if there were no such page); with
//! it, a scrape must send `Authorization: Bearer <token>`. The figures say how busy the
//! service is and who is signed in, so they are not for everyone who can reach it.

use app::services::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::time::Instant;

/// Seconds: from half a millisecond (a page) to ten seconds (a large export's first bytes).
const BUCKETS: [f64; 14] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// A token shorter than this is refused at start: it must not be guessable.
pub const MIN_TOKEN_CHARS: usize = 32;

/// The route label of requests that matched no route (so any path an attacker sends
/// cannot create a new series).
const UNMATCHED: &str = "-";

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: String,
    method: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
    method: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PoolLabels {
    pool: &'static str,
    state: &'static str,
}

fn latency_histogram() -> Histogram {
    Histogram::new(BUCKETS.iter().copied())
}

/// The route a response was answered by, put there by `mark_route`.
#[derive(Clone)]
struct Route(Arc<str>);

struct Inner {
    /// SHA-256 of the token: compared in full, so the time taken says nothing about it.
    token: Option<[u8; 32]>,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram, fn() -> Histogram>,
    pools: Family<PoolLabels, Gauge>,
    outbox: Gauge,
    sessions: Gauge,
    memory_trusted: Gauge,
    registry: Registry,
}

#[derive(Clone)]
pub struct Metrics(Arc<Inner>);

impl Metrics {
    /// `token`: KT_METRICS_TOKEN; `None` turns /metrics off.
    pub fn new(token: Option<&str>) -> Self {
        let requests = Family::<RequestLabels, Counter>::default();
        let latency = Family::<RouteLabels, Histogram, fn() -> Histogram>::new_with_constructor(
            latency_histogram,
        );
        let pools = Family::<PoolLabels, Gauge>::default();
        let (outbox, sessions) = (Gauge::default(), Gauge::default());
        let memory_trusted = Gauge::default();
        let mut registry = Registry::with_prefix("kt");
        registry.register(
            "http_requests",
            "Beantwortete Anfragen nach Route, Methode und Status",
            requests.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "Zeit bis zu den Kopfzeilen der Antwort",
            latency.clone(),
        );
        registry.register(
            "db_connections",
            "Verbindungen der Pools (daten, sitzungen) nach Zustand (in_benutzung, frei, hoechstens)",
            pools.clone(),
        );
        registry.register(
            "mail_outbox_pending",
            "E-Mails im Postausgang, noch nicht versandt",
            outbox.clone(),
        );
        registry.register(
            "sessions_active",
            "Sitzungen, die noch nicht abgelaufen sind",
            sessions.clone(),
        );
        registry.register(
            "memory_trusted",
            "1, wenn das kurze Gedächtnis antworten darf (PostgreSQL: Zuhörer für Änderungen anderer Instanzen verbunden)",
            memory_trusted.clone(),
        );
        Metrics(Arc::new(Inner {
            token: token.map(|t| Sha256::digest(t.as_bytes()).into()),
            requests,
            latency,
            pools,
            outbox,
            sessions,
            memory_trusted,
            registry,
        }))
    }

    /// Reads KT_METRICS_TOKEN (at least 32 characters) or leaves /metrics off.
    pub fn from_env() -> Result<Self, String> {
        match std::env::var("KT_METRICS_TOKEN")
            .ok()
            .filter(|t| !t.is_empty())
        {
            Some(t) if t.chars().count() < MIN_TOKEN_CHARS => Err(format!(
                "KT_METRICS_TOKEN ist zu kurz: mindestens {MIN_TOKEN_CHARS} Zeichen."
            )),
            token => Ok(Self::new(token.as_deref())),
        }
    }

    fn allows(&self, headers: &HeaderMap) -> bool {
        let Some(expected) = self.0.token else {
            return false;
        };
        let given = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or_default();
        let given: [u8; 32] = Sha256::digest(given.as_bytes()).into();
        given == expected
    }
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics")
            .field("on", &self.0.token.is_some())
            .finish()
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new(None)
    }
}

/// Inside the router: names the matched route on the response, for `record`.
pub async fn mark_route(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| Arc::<str>::from(m.as_str()));
    let path = req.uri().path().to_string();
    let mut res = next.run(req).await;
    if let Some(route) = route {
        // Server functions share one wildcard route; an answered one is named by its
        // path (a fixed set), an unknown one stays under the wildcard.
        let answered = !res.status().is_client_error() && !res.status().is_server_error();
        let named = if route.contains("{*") && answered {
            Arc::from(path.as_str())
        } else {
            route
        };
        res.extensions_mut().insert(Route(named));
    }
    res
}

/// Around everything: counts the answer and the time until its headers.
pub async fn record(State(metrics): State<Metrics>, req: Request, next: Next) -> Response {
    let method = req.method().as_str().to_string();
    let started = Instant::now();
    let res = next.run(req).await;
    let route = res
        .extensions()
        .get::<Route>()
        .map_or(UNMATCHED, |r| &*r.0)
        .to_string();
    let inner = &metrics.0;
    inner
        .latency
        .get_or_create(&RouteLabels {
            route: route.clone(),
            method: method.clone(),
        })
        .observe(started.elapsed().as_secs_f64());
    inner
        .requests
        .get_or_create(&RequestLabels {
            route,
            method,
            status: res.status().as_u16(),
        })
        .inc();
    res
}

/// GET /metrics.
pub async fn scrape(
    State((metrics, state)): State<(Metrics, AppState)>,
    headers: HeaderMap,
) -> Response {
    if metrics.0.token.is_none() {
        return StatusCode::NOT_FOUND.into_response();
    }
    if !metrics.allows(&headers) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
            "Für /metrics ist KT_METRICS_TOKEN als Bearer-Token nötig.",
        )
            .into_response();
    }
    let inner = &metrics.0;
    for (pool, db) in [("daten", &state.db), ("sitzungen", &state.sessions)] {
        let (size, idle, max) = db.pool_use();
        let set = |state: &'static str, value: u32| {
            inner
                .pools
                .get_or_create(&PoolLabels { pool, state })
                .set(i64::from(value));
        };
        set("in_benutzung", size.saturating_sub(idle));
        set("frei", idle);
        set("hoechstens", max);
    }
    // A figure that cannot be read is left out rather than shown as 0.
    match app::db::notifications::outbox_depth(&state.db).await {
        Ok(n) => {
            inner.outbox.set(n);
        }
        Err(e) => tracing::warn!(error = %e, "metrics: outbox unreadable"),
    }
    match app::db::sessions::count_active(&state.sessions).await {
        Ok(n) => {
            inner.sessions.set(n);
        }
        Err(e) => tracing::warn!(error = %e, "metrics: sessions unreadable"),
    }
    inner
        .memory_trusted
        .set(i64::from(state.cache.is_trusted()));
    let mut text = String::new();
    if prometheus_client::encoding::text::encode(&mut text, &inner.registry).is_err() {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    let kind = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(kind)),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        text,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_exact_token_is_let_in() {
        let m = Metrics::new(Some("ein-langes-geheimnis-fuer-die-messung-2026"));
        let with = |value: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::AUTHORIZATION, HeaderValue::from_str(value).unwrap());
            m.allows(&h)
        };
        assert!(with("Bearer ein-langes-geheimnis-fuer-die-messung-2026"));
        assert!(!with("Bearer ein-langes-geheimnis-fuer-die-messung-202"));
        assert!(!with("ein-langes-geheimnis-fuer-die-messung-2026"));
        assert!(!m.allows(&HeaderMap::new()));
        assert!(!Metrics::new(None).allows(&HeaderMap::new()), "off: nobody");
    }
}
