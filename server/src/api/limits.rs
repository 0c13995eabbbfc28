//! Rate limit of the JSON API per client address (tower_governor): a runaway script
//! gets 429 problem responses with Retry-After instead of slowing everyone down.
//! Sign-in guessing is limited separately (login_attempts).

use super::problem;
use app::services::context::client_of;
use axum::http::Request;
use axum::http::{header, HeaderValue};
use axum::response::Response;
use axum::Router;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::key_extractor::KeyExtractor;
use tower_governor::{GovernorError, GovernorLayer};

/// Requests a client may send at once, and how many per second it regains.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ApiLimits {
    pub per_second: u32,
    pub burst: u32,
}

impl Default for ApiLimits {
    fn default() -> Self {
        ApiLimits {
            per_second: 50,
            burst: 100,
        }
    }
}

impl ApiLimits {
    /// KT_API_RATE (requests per second, default 50) and KT_API_BURST (default 100).
    pub fn from_env() -> Result<ApiLimits, String> {
        let default = ApiLimits::default();
        Ok(ApiLimits {
            per_second: positive("KT_API_RATE", default.per_second)?,
            burst: positive("KT_API_BURST", default.burst)?,
        })
    }

    /// Puts the limit in front of `router`; idle clients are forgotten every minute so
    /// the table of addresses does not grow without end.
    pub fn apply<S: Clone + Send + Sync + 'static>(self, router: Router<S>) -> Router<S> {
        let period = Duration::from_nanos(1_000_000_000 / u64::from(self.per_second.max(1)));
        let config = GovernorConfigBuilder::default()
            .key_extractor(ClientKey)
            .period(period)
            .burst_size(self.burst.max(1))
            .finish()
            .expect("period and burst are positive");
        let limiter = Arc::downgrade(config.limiter());
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                // The router is gone (a test server stopped): so is the task.
                let Some(limiter) = limiter.upgrade() else {
                    break;
                };
                limiter.retain_recent();
            }
        });
        router.layer(GovernorLayer::new(config).error_handler(too_many))
    }
}

/// Limits per client as `client_address` resolved it (behind trusted proxies), else
/// per TCP peer.
#[derive(Clone, Copy, Debug)]
struct ClientKey;

impl KeyExtractor for ClientKey {
    type Key = IpAddr;

    fn extract<T>(&self, req: &Request<T>) -> Result<IpAddr, GovernorError> {
        client_of(req.extensions()).ok_or(GovernorError::UnableToExtractKey)
    }
}

fn too_many(error: GovernorError) -> Response {
    match error {
        GovernorError::TooManyRequests { wait_time, headers } => {
            // Whole seconds, rounded up: a wait under a second must not read "0".
            let wait_time = wait_time.max(1);
            let mut res = problem::response(
                429,
                format!(
                    "Zu viele Anfragen von dieser Adresse. Bitte warten Sie {} Sekunde(n) und versuchen Sie es dann erneut.",
                    wait_time
                ),
                Vec::new(),
            );
            if let Some(headers) = headers {
                for (name, value) in headers.iter() {
                    if name != header::CONTENT_TYPE {
                        res.headers_mut().insert(name.clone(), value.clone());
                    }
                }
            }
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(wait_time));
            res
        }
        GovernorError::Other { code, .. } => problem::response(
            code.as_u16(),
            problem::title(code.as_u16()).into(),
            Vec::new(),
        ),
        GovernorError::UnableToExtractKey => {
            tracing::error!("rate limit: no client address (served without connect info)");
            problem::response(
                500,
                "Es ist ein interner Fehler aufgetreten.".into(),
                Vec::new(),
            )
        }
    }
}

fn positive(name: &str, default: u32) -> Result<u32, String> {
    match std::env::var(name) {
        Err(_) => Ok(default),
        Ok(v) => v
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("{name} muss eine positive ganze Zahl sein, nicht „{v}“.")),
    }
}
