//! The client's files as a browser gets them after `konfigurationstool assets`: under
//! content-hashed names, precompressed as `Accept-Encoding` allows, cached for a year;
//! pages link those names; plain names are revalidated.

use crate::both_databases;
use crate::common::{Backend, TestApp};
use leptos::config::LeptosOptions;
use std::io::Read;

async fn hashed_precompressed_files_are_cached_for_a_year(backend: Backend) {
    let app = TestApp::start(backend).await;
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir(&pkg).unwrap();
    let wasm: Vec<u8> = (0..200_000u32)
        .flat_map(|i| (i % 251).to_le_bytes())
        .collect();
    std::fs::write(pkg.join("konfigurationstool.wasm"), &wasm).unwrap();
    std::fs::write(
        pkg.join("konfigurationstool.js"),
        "export default 1;\n".repeat(300),
    )
    .unwrap();
    std::fs::write(
        pkg.join("konfigurationstool.css"),
        "main { margin: 0 }\n".repeat(300),
    )
    .unwrap();
    let release = server::static_files::prepare(&pkg, "konfigurationstool").unwrap();
    let linked = server::static_files::linked_name(&pkg, "konfigurationstool");
    assert_eq!(linked, release);
    let options = LeptosOptions::builder()
        .output_name(linked.as_str())
        .site_root(site.path().to_string_lossy().as_ref())
        .build();
    let router = server::router::build_with(app.state.clone(), options, Default::default());
    let base = crate::common::serve_router(router).await;
    let http = reqwest::Client::new();
    let get = |path: String, accept: &'static str| {
        let req = http
            .get(format!("{base}{path}"))
            .header("accept-encoding", accept);
        async move {
            let res = req.send().await.unwrap();
            let header = |name: &str| {
                res.headers()
                    .get(name)
                    .map(|v| v.to_str().unwrap().to_string())
                    .unwrap_or_default()
            };
            let (status, encoding, caching, kind) = (
                res.status().as_u16(),
                header("content-encoding"),
                header("cache-control"),
                header("content-type"),
            );
            (
                status,
                encoding,
                caching,
                kind,
                res.bytes().await.unwrap().to_vec(),
            )
        }
    };
    let path = format!("/pkg/{release}.wasm");
    let (status, encoding, caching, kind, br) = get(path.clone(), "gzip, br").await;
    assert_eq!((status, encoding.as_str()), (200, "br"));
    assert_eq!(caching, "public, max-age=31536000, immutable");
    assert_eq!(kind, "application/wasm");
    let mut decoded = Vec::new();
    brotli::Decompressor::new(&br[..], 4096)
        .read_to_end(&mut decoded)
        .unwrap();
    assert_eq!(decoded, wasm);
    assert!(
        br.len() * 10 < wasm.len(),
        "{} of {} bytes",
        br.len(),
        wasm.len()
    );
    let (_, encoding, _, _, gz) = get(path.clone(), "gzip").await;
    assert_eq!(encoding, "gzip");
    let mut decoded = Vec::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_end(&mut decoded)
        .unwrap();
    assert_eq!(decoded, wasm);
    let (_, encoding, caching, _, plain) = get(path, "identity").await;
    assert_eq!((encoding.as_str(), plain), ("", wasm));
    assert!(caching.contains("immutable"));

    // The plain name (a development build) is revalidated on every use.
    let (status, _, caching, _, _) = get("/pkg/konfigurationstool.css".into(), "br").await;
    assert_eq!((status, caching.as_str()), (200, "no-cache"));

    // Pages link the hashed names, the stylesheet as well as the client.
    let (status, _, _, _, page) = get("/anmelden".into(), "identity").await;
    assert_eq!(status, 200);
    let html = String::from_utf8(page).unwrap();
    for link in [format!("/pkg/{release}.css"), format!("/pkg/{release}.js")] {
        assert!(html.contains(&link), "{link} in {html}");
    }
    assert!(!html.contains("/pkg/konfigurationstool.css"));
}

both_databases!(hashed_precompressed_files_are_cached_for_a_year);
