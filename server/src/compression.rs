//! HTML, JSON and CSV answers are compressed (Brotli or gzip, as `Accept-Encoding`
//! offers, with `Vary: Accept-Encoding`). Everything is rendered before it is sent
//! (`SsrMode::Async`), so compressing never holds back a stream. Static files under /pkg
//! are left to their own service (precompressed files, issue 23).

use axum::http::{header, Extensions, HeaderMap, StatusCode, Version};
use tower_http::compression::predicate::{Predicate, SizeAbove};
use tower_http::compression::{CompressionLayer, CompressionLevel};

/// The text the server writes itself.
const COMPRESSED: [&str; 4] = [
    "text/html",
    "application/json",
    "application/problem+json",
    "text/csv",
];

/// Below this a compressed answer is hardly smaller (and TLS frames it anyway).
const MIN_BYTES: u16 = 512;

/// Brotli quality 4 (about gzip's speed at a better ratio; 11, the default, costs
/// milliseconds per page), gzip at the same level.
const QUALITY: i32 = 4;

fn is_text(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|kind| COMPRESSED.iter().any(|c| kind.starts_with(c)))
}

pub fn layer() -> CompressionLayer<impl Predicate> {
    let text = |_: StatusCode, _: Version, headers: &HeaderMap, _: &Extensions| is_text(headers);
    CompressionLayer::new()
        .quality(CompressionLevel::Precise(QUALITY))
        .compress_when(SizeAbove::new(MIN_BYTES).and(text))
}

#[cfg(test)]
mod tests {
    use super::is_text;
    use axum::http::{header, HeaderMap, HeaderValue};

    #[test]
    fn only_the_servers_own_text_is_compressed() {
        let with = |kind: &'static str| {
            let mut h = HeaderMap::new();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
            is_text(&h)
        };
        assert!(with("text/html; charset=utf-8"));
        assert!(with("application/problem+json"));
        assert!(with("text/csv; charset=utf-8"));
        assert!(!with("application/wasm"), "a static file: its own service");
        assert!(!with("image/png"));
        assert!(!is_text(&HeaderMap::new()));
    }
}
