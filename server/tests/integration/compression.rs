//! Answers are compressed as the client accepts: Brotli or gzip for pages, JSON and
//! problems, the same content once decoded; nothing for a client that accepts neither,
//! for tiny answers, or for static files (their own service).

use crate::both_databases;
use crate::common::{Backend, TestApp};
use std::io::Read;

async fn fetch(
    app: &TestApp,
    path: &str,
    accept: Option<&str>,
) -> (reqwest::header::HeaderMap, Vec<u8>) {
    let mut req = reqwest::Client::new().get(format!("{}{path}", app.base));
    if let Some(a) = accept {
        req = req.header("accept-encoding", a);
    }
    let res = req.send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    let headers = res.headers().clone();
    (headers, res.bytes().await.unwrap().to_vec())
}

fn encoding(h: &reqwest::header::HeaderMap) -> Option<&str> {
    h.get("content-encoding").map(|v| v.to_str().unwrap())
}

async fn answers_are_compressed_as_the_client_accepts(backend: Backend) {
    let app = TestApp::start(backend).await;
    // The OpenAPI document: the same bytes every time, so decoded = plain.
    let (h, plain) = fetch(&app, "/api/v1/openapi.json", None).await;
    assert_eq!(encoding(&h), None);
    let (h, br) = fetch(&app, "/api/v1/openapi.json", Some("br, gzip")).await;
    assert_eq!(encoding(&h), Some("br"));
    assert!(h["vary"]
        .to_str()
        .unwrap()
        .to_lowercase()
        .contains("accept-encoding"));
    let mut decoded = Vec::new();
    brotli::Decompressor::new(&br[..], 4096)
        .read_to_end(&mut decoded)
        .unwrap();
    assert_eq!(decoded, plain);
    assert!(
        br.len() * 4 < plain.len(),
        "{} of {} bytes",
        br.len(),
        plain.len()
    );
    let (h, gz) = fetch(&app, "/api/v1/openapi.json", Some("gzip")).await;
    assert_eq!(encoding(&h), Some("gzip"));
    let mut decoded = Vec::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_end(&mut decoded)
        .unwrap();
    assert_eq!(decoded, plain);

    // A page: compressed, with its security headers and a fresh nonce as ever.
    let (h, page) = fetch(&app, "/anmelden", Some("br")).await;
    assert_eq!(encoding(&h), Some("br"));
    assert!(h["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("nonce-"));
    let mut html = String::new();
    brotli::Decompressor::new(&page[..], 4096)
        .read_to_string(&mut html)
        .unwrap();
    assert!(html.contains("<h1") && html.contains("Anmelden"), "{html}");

    // A streamed CSV export: compressed to its end (the stream is polled once more after
    // its last chunk), decoded the same file as without compression.
    let rim = app.signed_in("rim-nord").await;
    let csv = |accept: Option<&'static str>| {
        let mut req = rim
            .http
            .get(format!("{}/export/konfiguration.csv", app.base));
        if let Some(a) = accept {
            req = req.header("accept-encoding", a);
        }
        async move {
            let res = req.send().await.unwrap();
            assert_eq!(res.status(), 200);
            let enc = res
                .headers()
                .get("content-encoding")
                .map(|v| v.to_str().unwrap().to_string());
            (enc, res.bytes().await.unwrap().to_vec())
        }
    };
    let (enc, plain) = csv(None).await;
    assert_eq!(enc, None);
    assert!(plain.len() > 4096, "a file of several chunks");
    let (enc, gz) = csv(Some("gzip")).await;
    assert_eq!(enc.as_deref(), Some("gzip"));
    let mut decoded = Vec::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_end(&mut decoded)
        .unwrap();
    assert_eq!(decoded, plain);
    let (enc, br) = csv(Some("br")).await;
    assert_eq!(enc.as_deref(), Some("br"));
    let mut decoded = Vec::new();
    brotli::Decompressor::new(&br[..], 4096)
        .read_to_end(&mut decoded)
        .unwrap();
    assert_eq!(decoded, plain);

    // Tiny answers stay as they are.
    let (h, _) = fetch(&app, "/healthz", Some("br, gzip")).await;
    assert_eq!(encoding(&h), None);
}

both_databases!(answers_are_compressed_as_the_client_accepts);
