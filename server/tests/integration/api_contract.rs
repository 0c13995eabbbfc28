//! The OpenAPI document as a contract: it is OpenAPI 3.1, lists exactly the routes the
//! router serves (each documented operation is routed, each undocumented method on a
//! documented path is 405), every parameter sits where the path says, every operation
//! documents its error statuses as problem+json, enumerations are enums and every
//! reference resolves. CI also runs a validator and a fuzzer against it
//! (end2end/contract/run.sh).

use crate::api::ROUTES;
use crate::both_databases;
use crate::common::{Backend, TestApp};
use serde_json::{json, Value};
use std::collections::BTreeSet;

const METHODS: [&str; 5] = ["get", "post", "put", "delete", "patch"];

fn placeholders(path: &str) -> BTreeSet<String> {
    path.split('/')
        .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
        .map(str::to_string)
        .collect()
}

fn refs(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v.as_str()) {
                    ("$ref", Some(r)) => found.push(r.to_string()),
                    _ => refs(v, found),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, found)),
        _ => {}
    }
}

fn enum_values(doc: &Value, schema: &str) -> BTreeSet<String> {
    doc["components"]["schemas"][schema]["enum"]
        .as_array()
        .unwrap_or_else(|| {
            panic!(
                "{schema} is an enum: {}",
                doc["components"]["schemas"][schema]
            )
        })
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

async fn the_document_is_a_contract_the_router_keeps(backend: Backend) {
    // Over a hundred requests at once: above the default rate limit, which is not what
    // this test is about.
    let limits = server::api::limits::ApiLimits {
        per_second: 10_000,
        burst: 10_000,
    };
    let app = TestApp::start_limited(backend, limits).await;
    let doc: Value = reqwest::get(format!("{}/api/v1/openapi.json", app.base))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            documented.insert((method.clone(), path.clone()));
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            let in_path: BTreeSet<String> = params
                .iter()
                .filter(|p| p["in"] == "path")
                .map(|p| p["name"].as_str().unwrap().to_string())
                .collect();
            assert_eq!(
                in_path,
                placeholders(path),
                "{method} {path}: path parameters"
            );
            for p in &params {
                assert!(
                    ["path", "query", "header"].contains(&p["in"].as_str().unwrap()),
                    "{method} {path}: {p}"
                );
                if p["in"] == "path" {
                    assert_eq!(p["required"], true, "{method} {path}: {p}");
                }
            }
            let responses = op["responses"].as_object().unwrap();
            assert!(
                responses.keys().any(|s| s.starts_with('2')),
                "{method} {path}: a success"
            );
            let mut expected = vec!["400", "401", "403", "404", "422", "429", "500"];
            if op["requestBody"].is_object() {
                expected.extend(["409", "413", "415"]);
            }
            if params.iter().any(|p| p["name"] == "If-Match") {
                expected.extend(["409", "412", "428"]);
            }
            for status in expected {
                assert_eq!(
                    responses[status]["content"]["application/problem+json"]["schema"]["$ref"],
                    "#/components/schemas/Problem",
                    "{method} {path}: {status}"
                );
            }
        }
    }
    let routes: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(
        documented, routes,
        "the document lists exactly the API's routes"
    );

    // Changes to an order name the revision in If-Match.
    for (method, path) in &routes {
        let op = &doc["paths"][path][method];
        let precondition = op["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|p| p["name"] == "If-Match" && p["in"] == "header" && p["required"] == true);
        let changes_an_order = path.starts_with("/api/v1/auftraege/{nummer}") && method != "get";
        assert_eq!(precondition, changes_an_order, "{method} {path}: If-Match");
    }

    // Enumerations are enums, with the domain's values.
    let filters: BTreeSet<String> = app::domain::order::StatusFilter::all()
        .map(|f| f.code().to_string())
        .collect();
    assert_eq!(enum_values(&doc, "Statusfilter"), filters);
    let actions: BTreeSet<String> = app::domain::order::Action::ALL
        .iter()
        .map(|a| a.code().to_string())
        .collect();
    assert_eq!(enum_values(&doc, "Aktion"), actions);
    let states: BTreeSet<String> = app::domain::order::OrderState::ALL
        .iter()
        .map(|s| s.code().to_string())
        .collect();
    assert_eq!(enum_values(&doc, "Auftragsstatus"), states);
    let aktion = doc["paths"]["/api/v1/auftraege/{nummer}/aktionen/{aktion}"]["post"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "aktion")
        .unwrap()
        .clone();
    assert_eq!(
        aktion["schema"]["$ref"], "#/components/schemas/Aktion",
        "{aktion}"
    );

    // Every reference resolves; no page view model leaks into the contract.
    let mut found = Vec::new();
    refs(&doc, &mut found);
    for r in &found {
        let name = r.strip_prefix("#/components/schemas/").unwrap();
        assert!(doc["components"]["schemas"][name].is_object(), "{r}");
    }
    let schemas: Vec<&String> = doc["components"]["schemas"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    for view_model in [
        "OrderDetail",
        "OrderList",
        "OfficeRouting",
        "DirectiveDetail",
        "ItemView",
    ] {
        assert!(
            !schemas.iter().any(|s| *s == view_model),
            "{view_model} in {schemas:?}"
        );
    }
    // One naming language: no property of any schema, and no parameter, is named in
    // the English of the view models.
    let english = [
        "number",
        "agency",
        "author",
        "state",
        "item",
        "rows",
        "label",
        "effective",
        "justification",
        "office",
        "concern",
        "mailbox",
        "area",
        "address",
        "valid",
        "today",
        "editable",
        "directive",
        "deadline",
        "submitted",
        "decided",
        "reason",
        "entry",
        "region",
        "kind",
        "choices",
        "next",
        "code",
    ];
    let mut names: Vec<String> = Vec::new();
    for schema in doc["components"]["schemas"].as_object().unwrap().values() {
        if let Some(props) = schema["properties"].as_object() {
            names.extend(props.keys().cloned());
        }
    }
    for item in doc["paths"].as_object().unwrap().values() {
        for op in item.as_object().unwrap().values() {
            for p in op["parameters"].as_array().into_iter().flatten() {
                names.push(p["name"].as_str().unwrap().to_string());
            }
        }
    }
    for name in &names {
        let lower = name.to_lowercase();
        assert!(
            !english
                .iter()
                .any(|e| lower.split('_').any(|part| part == *e)),
            "{name} is not German"
        );
    }

    // The router serves what the document lists: without credentials each documented
    // operation is refused as unauthenticated (signing in: the empty body is invalid;
    // signing out: nothing to end), never 404/405; every other method is 405.
    let http = reqwest::Client::new();
    let paths: BTreeSet<&String> = routes.iter().map(|(_, p)| p).collect();
    for path in paths {
        let concrete = path
            .replace("{nummer}", "ÄA-2026-000001")
            .replace("{id}", "1")
            .replace("{aktion}", "einreichen")
            .replace("{kuerzel}", "kiel");
        for method in METHODS {
            let res = http
                .request(
                    method.to_uppercase().parse().unwrap(),
                    format!("{}{concrete}", app.base),
                )
                .json(&json!({}))
                .send()
                .await
                .unwrap();
            let status = res.status().as_u16();
            let kind = res
                .headers()
                .get("content-type")
                .map(|v| v.to_str().unwrap().to_string())
                .unwrap_or_default();
            let expected = match (method, path.as_str()) {
                _ if !routes.contains(&(method.to_string(), path.clone())) => 405,
                ("post", "/api/v1/sitzung") => 422,
                ("delete", "/api/v1/sitzung") => 204,
                _ => 401,
            };
            assert_eq!(status, expected, "{method} {path}");
            if status >= 400 {
                assert_eq!(kind, "application/problem+json", "{method} {path}");
            }
        }
    }
}

both_databases!(the_document_is_a_contract_the_router_keeps);
