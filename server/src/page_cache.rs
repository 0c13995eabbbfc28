//! A short memory of rendered list pages, per user and address.
//!
//! The order lists are what people reload most, and most of a list page's cost is
//! rendering it. A kept page is shown again only while the database's data generation
//! (`app::db::generation`) is still the one read before it was rendered: any change
//! committed anywhere, by this instance or another, makes the next request render anew.
//! So the memory never shows older data than rendering would. Its time to live only
//! bounds what depends on the clock ("wartet seit 3 Tagen", deadline hints):
//! KT_PAGE_CACHE_SECONDS, default 10, at most 60; 0 turns it off.
//!
//! One more wait: the short memory of users, RDs and agencies (`db::cache`) may
//! still hold what another instance changed, for up to KT_CACHE_SECONDS. A page is
//! therefore kept only once its generation has been current for that long, so the page
//! memory never stretches that window.
//!
//! Each answer gets its own CSP nonce: the kept page's nonce is replaced by a fresh one
//! in the body and in the Content-Security-Policy header.

mod parts;

use app::auth::backend::AuthSession;
use app::db::cache::ttl_setting;
use app::db::generation::DataGeneration;
use app::db::Db;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The pages kept: the order lists (every filter and page of them).
const KEPT_PATHS: &[&str] = &["/auftraege"];

/// Says whether an answer came from the memory (for tests and operators).
pub const CACHE_HEADER: &str = "x-seiten-cache";

const DEFAULT_TTL: Duration = Duration::from_secs(10);

/// Bytes of pages kept at most (a list page is about 35 KB).
const CAPACITY_BYTES: u64 = 64 * 1024 * 1024;

/// A page larger than this is passed on but not kept (a list is 50 rows).
const MAX_PAGE_BYTES: usize = 2 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageCacheTtl(pub Duration);

impl Default for PageCacheTtl {
    fn default() -> Self {
        PageCacheTtl(DEFAULT_TTL)
    }
}

impl PageCacheTtl {
    pub const OFF: PageCacheTtl = PageCacheTtl(Duration::ZERO);

    /// Reads KT_PAGE_CACHE_SECONDS (whole seconds, 0 = off, at most 60).
    pub fn from_env() -> Result<Self, String> {
        Ok(ttl_setting("KT_PAGE_CACHE_SECONDS")?.map_or_else(Self::default, PageCacheTtl))
    }
}

#[derive(Hash, PartialEq, Eq, Clone)]
struct Key {
    user_id: i64,
    /// Path and query, as sent.
    address: String,
}

/// A rendered page, cut where its nonce stood.
struct Page {
    generation: String,
    headers: HeaderMap,
    /// The Content-Security-Policy header's value, cut at the nonce.
    policy: Vec<String>,
    body: Vec<Bytes>,
}

impl Page {
    fn size(&self) -> u32 {
        let bytes: usize = self.body.iter().map(Bytes::len).sum();
        u32::try_from(bytes).unwrap_or(u32::MAX)
    }

    fn answer(&self) -> Response {
        let nonce = leptos::nonce::Nonce::new().to_string();
        let body = parts::Parts::joined(&self.body, Bytes::from(nonce.clone()));
        let mut res = Response::new(Body::new(body));
        *res.headers_mut() = self.headers.clone();
        if let Ok(policy) = HeaderValue::from_str(&self.policy.join(&nonce)) {
            res.headers_mut()
                .insert(header::CONTENT_SECURITY_POLICY, policy);
        }
        res.headers_mut()
            .insert(cache_header(), HeaderValue::from_static("treffer"));
        res
    }
}

fn cache_header() -> HeaderName {
    HeaderName::from_static(CACHE_HEADER)
}

#[derive(Clone)]
pub struct PageCache {
    /// In an `Arc`: the middleware's state is cloned for every request, and a moka
    /// cache's own clone touches several shared counters.
    pages: Option<Arc<moka::sync::Cache<Key, Arc<Page>>>>,
    generation: DataGeneration,
    /// The newest generation seen and since when.
    newest: Arc<Mutex<Option<(String, Instant)>>>,
    /// KT_CACHE_SECONDS: how long a generation must have been current before a page
    /// rendered in it is kept.
    settle: Duration,
}

impl PageCache {
    /// `settle`: the short memory's time to live (`db::cache::Cache::ttl`).
    pub fn new(db: &Db, ttl: PageCacheTtl, settle: Duration) -> Self {
        let pages = (!ttl.0.is_zero()).then(|| {
            Arc::new(
                moka::sync::Cache::builder()
                    .time_to_live(ttl.0)
                    .max_capacity(CAPACITY_BYTES)
                    .weigher(|_: &Key, page: &Arc<Page>| page.size())
                    .build(),
            )
        });
        PageCache {
            pages,
            generation: DataGeneration::new(db),
            newest: Arc::default(),
            settle,
        }
    }

    /// Whether `generation` has been current for at least `settle`.
    fn settled(&self, generation: &str) -> bool {
        let now = Instant::now();
        let mut newest = self.newest.lock().unwrap_or_else(|p| p.into_inner());
        match newest.as_ref() {
            Some((seen, since)) if seen == generation => now.duration_since(*since) >= self.settle,
            _ => {
                *newest = Some((generation.to_string(), now));
                self.settle.is_zero()
            }
        }
    }
}

/// Middleware: answers a kept page's request from memory when nothing has changed since
/// it was rendered, else renders it and keeps it.
pub async fn serve(
    State(cache): State<PageCache>,
    auth: AuthSession,
    req: Request,
    next: Next,
) -> Response {
    let Some(pages) = cache.pages.as_ref() else {
        return next.run(req).await;
    };
    let kept = req.method() == Method::GET && KEPT_PATHS.contains(&req.uri().path());
    let (true, Some(user)) = (kept, auth.user.as_ref()) else {
        return next.run(req).await;
    };
    // Read before rendering: what the page shows is at least this new.
    let Some(generation) = cache.generation.current().await else {
        return next.run(req).await;
    };
    let key = Key {
        user_id: user.id,
        address: req
            .uri()
            .path_and_query()
            .map_or_else(|| req.uri().path().to_string(), |p| p.as_str().to_string()),
    };
    if let Some(page) = pages.get(&key).filter(|p| p.generation == generation) {
        return page.answer();
    }
    let settled = cache.settled(&generation);
    let mut res = next.run(req).await;
    if !settled {
        res.headers_mut().insert(cache_header(), rendered());
        return res;
    }
    keep(pages, key, generation, res).await
}

/// The header value of a page rendered for this request.
fn rendered() -> HeaderValue {
    HeaderValue::from_static("neu")
}

/// Keeps a successful page and passes it on.
async fn keep(
    pages: &moka::sync::Cache<Key, Arc<Page>>,
    key: Key,
    generation: String,
    res: Response,
) -> Response {
    let policy = res
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let nonce = policy.as_deref().and_then(policy_nonce).map(str::to_string);
    let keepable =
        res.status() == StatusCode::OK && !res.headers().contains_key(header::SET_COOKIE);
    let (Some(policy), Some(nonce), true) = (policy, nonce, keepable) else {
        return res;
    };
    let (mut parts, body) = res.into_parts();
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::error!(error = %e, "page unreadable");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    if bytes.len() > MAX_PAGE_BYTES {
        return Response::from_parts(parts, Body::from(bytes));
    }
    let policy = policy.split(nonce.as_str()).map(str::to_string).collect();
    let page = Page {
        generation,
        headers: parts.headers.clone(),
        policy,
        body: split_bytes(&bytes, nonce.as_bytes()),
    };
    pages.insert(key, Arc::new(page));
    parts.headers.insert(cache_header(), rendered());
    Response::from_parts(parts, Body::from(bytes))
}

/// The nonce in a Content-Security-Policy value ("… 'nonce-ABC' …").
fn policy_nonce(policy: &str) -> Option<&str> {
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let len = policy[start..].find('\'')?;
    Some(&policy[start..start + len]).filter(|n| !n.is_empty())
}

/// `bytes` cut at every occurrence of `separator` (which is dropped).
fn split_bytes(bytes: &Bytes, separator: &[u8]) -> Vec<Bytes> {
    let mut parts = Vec::new();
    let mut from = 0;
    let mut i = 0;
    while i + separator.len() <= bytes.len() {
        if &bytes[i..i + separator.len()] == separator {
            parts.push(bytes.slice(from..i));
            i += separator.len();
            from = i;
        } else {
            i += 1;
        }
    }
    parts.push(bytes.slice(from..));
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_nonce_in_the_policy() {
        let policy = "default-src 'self'; script-src 'self' 'nonce-aB3_-x' 'wasm-unsafe-eval'";
        assert_eq!(policy_nonce(policy), Some("aB3_-x"));
        assert_eq!(policy_nonce("default-src 'none'"), None);
        assert_eq!(policy_nonce("script-src 'nonce-'"), None);
    }

    #[test]
    fn cuts_at_every_nonce() {
        let body =
            Bytes::from_static(b"<script nonce=\"N1\">a</script><p>N</p><script nonce=\"N1\">");
        let parts = split_bytes(&body, b"N1");
        assert_eq!(parts.len(), 3);
        assert_eq!(
            parts.join(&b"X"[..]),
            b"<script nonce=\"X\">a</script><p>N</p><script nonce=\"X\">"
        );
        assert_eq!(split_bytes(&Bytes::from_static(b"abc"), b"N1").len(), 1);
    }
}
