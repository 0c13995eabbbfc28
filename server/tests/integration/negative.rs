//! Negative tests over every route the router has, enumerated from it, not listed by
//! hand: the plain routes (CSV downloads, uploads) from `export::listed`, the JSON API
//! from its OpenAPI document (built from the same routes), the server functions from
//! their registry. Without a session each answers 401; a state-changing route asked
//! with GET answers 405.

use crate::both_databases;
use crate::common::{Backend, TestApp};
use reqwest::Method;
use utoipa::openapi::path::Operation;

/// The API's routes that are open by design: signing in and out.
const PUBLIC_API: &[(&str, &str)] = &[("POST", "/api/v1/sitzung"), ("DELETE", "/api/v1/sitzung")];

/// Every API operation: method, path with its parameters filled in, and whether it
/// names a way to sign in (`security`).
fn api_operations() -> Vec<(Method, String, bool)> {
    let document = server::api::document();
    let mut found = Vec::new();
    for (path, item) in &document.paths.paths {
        let operations: [(Method, &Option<Operation>); 5] = [
            (Method::GET, &item.get),
            (Method::POST, &item.post),
            (Method::PUT, &item.put),
            (Method::PATCH, &item.patch),
            (Method::DELETE, &item.delete),
        ];
        for (method, operation) in operations {
            if let Some(op) = operation {
                found.push((method, filled(path), op.security.is_some()));
            }
        }
    }
    found
}

/// A path with each `{parameter}` replaced by "1" (the router matches any segment).
fn filled(path: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in path.chars() {
        match c {
            '{' => inside = true,
            '}' => {
                inside = false;
                out.push('1');
            }
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

fn changes_state(method: &Method) -> bool {
    [Method::POST, Method::PUT, Method::PATCH, Method::DELETE].contains(method)
}

async fn every_plain_route_refuses_without_a_session(backend: Backend) {
    let app = TestApp::start(backend).await;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let routes = server::export::listed();
    assert!(routes.len() >= 8, "{routes:?}");
    for (method, path) in routes {
        let res = http
            .request(method.clone(), format!("{}{path}", app.base))
            .header("origin", &app.base)
            .header("accept", "text/html")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401, "{method} {path}");
        let page = res.text().await.unwrap();
        assert!(page.contains("melden Sie sich"), "{method} {path}: {page}");
        assert!(
            page.contains("href=\"/anmelden\""),
            "{method} {path}: {page}"
        );
    }
}

async fn every_api_route_refuses_without_credentials(backend: Backend) {
    let app = TestApp::start(backend).await;
    let http = reqwest::Client::new();
    let operations = api_operations();
    assert!(operations.len() >= 20, "{operations:?}");
    let open: Vec<(String, String)> = operations
        .iter()
        .filter(|(_, _, secured)| !secured)
        .map(|(m, p, _)| (m.to_string(), p.clone()))
        .collect();
    let expected: Vec<(String, String)> = PUBLIC_API
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(open, expected, "only signing in and out are open");
    for (method, path, _) in operations.iter().filter(|(_, _, secured)| *secured) {
        let mut req = http.request(method.clone(), format!("{}{path}", app.base));
        if changes_state(method) {
            req = req.json(&serde_json::json!({}));
        }
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), 401, "{method} {path}");
        let kind = res.headers()["content-type"].to_str().unwrap().to_string();
        assert_eq!(kind, "application/problem+json", "{method} {path}");
        let body = res.text().await.unwrap();
        assert!(body.contains("melden Sie sich"), "{method} {path}: {body}");
    }
}

/// Signed in (so a refusal is not just the missing session), every route that changes
/// something answers GET with 405 unless the same path also reads.
async fn state_changing_routes_refuse_get(backend: Backend) {
    let app = TestApp::start(backend).await;
    let z = app.signed_in("zentrale").await;
    let api = api_operations();
    let reads = |path: &str| api.iter().any(|(m, p, _)| *m == Method::GET && p == path);
    let mut writes: Vec<String> = api
        .iter()
        .filter(|(m, p, _)| changes_state(m) && !reads(p))
        .map(|(_, p, _)| p.clone())
        .collect();
    for (method, path) in server::export::listed() {
        if changes_state(&method) {
            writes.push(path.to_string());
        }
    }
    writes.extend(server_fn::axum::server_fn_paths().map(|(p, _)| p.to_string()));
    writes.sort();
    writes.dedup();
    assert!(writes.len() >= 30, "{writes:?}");
    for path in &writes {
        let res = z.get(path).await;
        assert_eq!(res.status(), 405, "GET {path}");
    }
}

both_databases!(
    every_plain_route_refuses_without_a_session,
    every_api_route_refuses_without_credentials,
    state_changing_routes_refuse_get,
);
