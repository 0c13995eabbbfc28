//! The JSON API /api/v1: the OpenAPI document against the router, personal API tokens
//! (expiry, revocation, locked accounts), problem+json errors, and the whole order life
//! cycle through the API alone.

use crate::both_databases;
use crate::common::{Backend, TestApp, DEMO_PASSWORD};
use crate::orders::{mailbox, KIEL};
use app::on_db;
use serde_json::{json, Value};
use server::api::limits::ApiLimits;

/// Every route of the API (method, path); the document must list exactly these.
pub(crate) const ROUTES: &[(&str, &str)] = &[
    ("post", "/api/v1/session"),
    ("delete", "/api/v1/session"),
    ("get", "/api/v1/orders"),
    ("post", "/api/v1/orders"),
    ("get", "/api/v1/orders/{nummer}"),
    ("put", "/api/v1/orders/{nummer}"),
    ("post", "/api/v1/orders/{nummer}/positionen"),
    ("delete", "/api/v1/orders/{nummer}/positionen/{id}"),
    ("post", "/api/v1/orders/{nummer}/aktionen/{aktion}"),
    ("get", "/api/v1/routing/dienststellen/{code}"),
    ("get", "/api/v1/routing/agenturen/{code}"),
    ("get", "/api/v1/routing/eintraege/{id}"),
    ("get", "/api/v1/weisungen"),
    ("get", "/api/v1/weisungen/{nummer}"),
    ("get", "/api/v1/exporte/auftraege"),
    ("get", "/api/v1/exporte/konfiguration"),
    ("get", "/api/v1/exporte/protokoll"),
];

/// A client without cookies that sends a bearer token.
pub(crate) struct Api {
    base: String,
    http: reqwest::Client,
    token: String,
}

impl Api {
    pub(crate) async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> (u16, String, Value) {
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        let kind = res
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        let text = res.text().await.unwrap();
        (
            status,
            kind,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }
    async fn get(&self, path: &str) -> (u16, Value) {
        let (s, _, v) = self.send(reqwest::Method::GET, path, None).await;
        (s, v)
    }
    async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        let (s, _, v) = self.send(reqwest::Method::POST, path, Some(body)).await;
        (s, v)
    }
}

/// The bearer token an `Api` client sends.
pub(crate) fn token(api: &Api) -> &str {
    &api.token
}

/// A token created in the UI (server function) by `user`.
async fn token_of(app: &TestApp, user: &str, days: &str) -> String {
    let c = app.signed_in(user).await;
    crate::common::new_token(&c, "Integrationstest", days).await
}

pub(crate) async fn api(app: &TestApp, user: &str) -> Api {
    Api {
        base: app.base.clone(),
        http: reqwest::Client::new(),
        token: token_of(app, user, "30").await,
    }
}

async fn order(api: &Api, number: &str) -> (u16, Value) {
    api.get(&format!("/api/v1/orders/{number}")).await
}

async fn act(
    api: &Api,
    number: &str,
    action: &str,
    revision: &Value,
    reason: &str,
) -> (u16, Value) {
    api.post(
        &format!("/api/v1/orders/{number}/aktionen/{action}"),
        json!({"revision": revision, "grund": reason}),
    )
    .await
}

async fn openapi_document_lists_every_route(backend: Backend) {
    let app = TestApp::start(backend).await;
    let res = reqwest::get(format!("{}/api/v1/openapi.json", app.base))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let doc: Value = res.json().await.unwrap();
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3."),
        "{}",
        doc["openapi"]
    );
    assert!(doc["info"]["title"].is_string());
    let mut documented = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            assert!(
                op["responses"].as_object().is_some_and(|r| !r.is_empty()),
                "{method} {path}: responses"
            );
            assert!(
                op["responses"]["429"].is_object(),
                "{method} {path}: the rate limit's 429"
            );
            documented.push((method.clone(), path.clone()));
        }
    }
    let mut expected: Vec<(String, String)> = ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    documented.sort();
    expected.sort();
    assert_eq!(
        documented, expected,
        "document and router list the same routes"
    );
    // Every documented operation is routed: without credentials it answers 401 (or a
    // problem about the body), never 404/405 from the router.
    let http = reqwest::Client::new();
    for (method, path) in &expected {
        let concrete = path
            .replace("{nummer}", "ÄA-2026-000001")
            .replace("{id}", "1")
            .replace("{aktion}", "einreichen")
            .replace("{code}", "kiel");
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
        assert!(status != 404 && status != 405, "{method} {path}: {status}");
        let kind = res
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_string());
        assert!(
            status == 204 || kind.is_some_and(|k| k.contains("json")),
            "{method} {path}"
        );
    }
    // Schemas referenced by the operations exist.
    for name in [
        "OrderList",
        "OrderDetail",
        "Problem",
        "NewDraft",
        "Transition",
    ] {
        assert!(
            doc["components"]["schemas"][name].is_object(),
            "schema {name}"
        );
    }
}

async fn whole_life_cycle_through_the_api(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = api(&app, "aa-kiel").await;
    let rd = api(&app, "rd-nord").await;
    let rim = api(&app, "rim-nord").await;
    let (status, created) = aa
        .post("/api/v1/orders", json!({"agentur": "kiel", "begruendung": "Umstellung über die API", "wirksam_ab": "31.12.2099"}))
        .await;
    assert_eq!(status, 201, "{created}");
    let number = created["nummer"].as_str().unwrap().to_string();
    let (m, a) = mailbox(&app, KIEL.1).await;
    let (_, o) = order(&aa, &number).await;
    let (status, _, e) = aa
        .send(
            reqwest::Method::POST,
            &format!("/api/v1/orders/{number}/positionen"),
            Some(json!({
                "revision": o["revision"], "dienststelle": KIEL.0, "anliegen": "ag-egz",
                "postfach": m.parse::<i64>().unwrap(), "bereich": a.parse::<i64>().unwrap(),
                "adressen": [KIEL.1, "api-test@arbeitsagentur.de"]
            })),
        )
        .await;
    assert_eq!(status, 204, "{e}");
    let (_, o) = order(&aa, &number).await;
    assert_eq!(o["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        act(&aa, &number, "einreichen", &o["revision"], "").await,
        (200, json!({"status": "eingereicht"}))
    );
    let (_, o) = order(&rd, &number).await;
    // A reason that is too short is named by the request's field.
    let (status, p) = act(&rd, &number, "ablehnen", &o["revision"], "zu kurz").await;
    assert_eq!(status, 422, "{p}");
    assert_eq!(p["errors"][0]["field"], "grund", "{p}");
    // The author cannot decide (four eyes); a stale revision is refused.
    let (status, p) = act(&aa, &number, "genehmigen", &o["revision"], "").await;
    assert_eq!(status, 403, "{p}");
    let (status, p) = act(
        &rd,
        &number,
        "genehmigen",
        &json!(o["revision"].as_i64().unwrap() - 1),
        "",
    )
    .await;
    assert_eq!(status, 409, "{p}");
    assert_eq!(
        act(&rd, &number, "genehmigen", &o["revision"], "").await.0,
        200
    );
    let (status, list) = rim.get("/api/v1/orders?status=genehmigt").await;
    assert_eq!(status, 200);
    assert!(list["rows"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["number"] == number.as_str()));
    let (_, o) = order(&rim, &number).await;
    assert_eq!(
        act(&rim, &number, "umsetzen", &o["revision"], "").await,
        (200, json!({"status": "umgesetzt"}))
    );
    // München's admin sees nothing of it.
    let other = api(&app, "aa-muenchen").await;
    assert_eq!(order(&other, &number).await.0, 403);

    // Reading: the new version is live, its history names the order, the CSV says so.
    let (status, routing) = aa
        .get(&format!("/api/v1/routing/dienststellen/{}", KIEL.0))
        .await;
    assert_eq!(status, 200, "{routing}");
    let row = routing["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["concern"]
                .as_str()
                .is_some_and(|c| c.contains("Eingliederungszuschuss"))
        })
        .unwrap()
        .clone();
    assert!(
        row.to_string().contains("api-test@arbeitsagentur.de"),
        "{row}"
    );
    let (status, before) = aa
        .get(&format!(
            "/api/v1/routing/dienststellen/{}?stand=01.01.2020",
            KIEL.0
        ))
        .await;
    assert_eq!(status, 200);
    assert!(!before.to_string().contains("api-test@arbeitsagentur.de"));
    assert_eq!(aa.get("/api/v1/routing/agenturen/kiel").await.0, 200);
    assert_eq!(
        other
            .get(&format!("/api/v1/routing/dienststellen/{}", KIEL.0))
            .await
            .0,
        403
    );
    let (status, directives) = aa.get("/api/v1/weisungen").await;
    assert_eq!(status, 200);
    assert!(directives.to_string().contains("202509011"));
    assert_eq!(aa.get("/api/v1/weisungen/202509011").await.0, 200);
    assert_eq!(aa.get("/api/v1/weisungen/202509011?rd=bayern").await.0, 403);
    let (status, kind, csv) = rim
        .send(
            reqwest::Method::GET,
            "/api/v1/exporte/auftraege?status=umgesetzt",
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert!(kind.starts_with("text/csv"));
    assert!(csv.as_str().unwrap().contains(&number), "{csv}");
    assert_eq!(rim.get("/api/v1/exporte/auftraege?rd=bayern").await.0, 403);
    assert_eq!(rim.get("/api/v1/exporte/protokoll").await.0, 403);
}

async fn tokens_expire_are_revoked_and_die_with_the_account(backend: Backend) {
    let app = TestApp::start(backend).await;
    let owner = app.signed_in("aa-kiel").await;
    let token = crate::common::new_token(&owner, "Skript", "30").await;
    assert!(token.starts_with("kt_"));
    let client = Api {
        base: app.base.clone(),
        http: reqwest::Client::new(),
        token: token.clone(),
    };
    assert_eq!(client.get("/api/v1/orders").await.0, 200);
    // Stored only as a hash.
    let db = &app.db;
    let stored: String = on_db!(db, pool => sqlx::query_scalar("SELECT token_hash FROM api_tokens").fetch_one(pool).await.unwrap());
    assert_ne!(stored, token);
    assert_eq!(stored, app::domain::token::hash(&token));
    // The list shows it, without the secret.
    let (_, page) = owner.call_json("schluessel", &[]).await;
    let listed = &page["tokens"][0];
    assert_eq!(listed["status"], "gültig");
    assert!(!page.to_string().contains(&token));
    // Someone else cannot revoke it; its owner can.
    let id = listed["id"].as_i64().unwrap().to_string();
    let (status, _) = app
        .signed_in("rd-nord")
        .await
        .call_json("schluessel/widerrufen", &[("id", &id)])
        .await;
    assert_eq!(status, 404);
    assert_eq!(client.get("/api/v1/orders").await.0, 200);
    assert_eq!(
        owner
            .call_json("schluessel/widerrufen", &[("id", &id)])
            .await
            .0,
        200
    );
    let (status, kind, p) = client
        .send(reqwest::Method::GET, "/api/v1/orders", None)
        .await;
    assert_eq!((status, kind.as_str()), (401, "application/problem+json"));
    assert!(p["detail"].as_str().unwrap().contains("widerrufen"));

    // Expired.
    let second = token_of(&app, "aa-kiel", "1").await;
    let client = Api {
        base: app.base.clone(),
        http: reqwest::Client::new(),
        token: second,
    };
    assert_eq!(client.get("/api/v1/orders").await.0, 200);
    let past = time::OffsetDateTime::now_utc() - time::Duration::minutes(1);
    on_db!(db, pool => sqlx::query("UPDATE api_tokens SET expires_at = $1").bind(past).execute(pool).await.map(|_| ()).unwrap());
    assert_eq!(client.get("/api/v1/orders").await.0, 401);
    let (_, page) = owner.call_json("schluessel", &[]).await;
    assert!(page.to_string().contains("abgelaufen"));

    // A locked account's token stops working.
    let third = token_of(&app, "aa-kiel", "30").await;
    let client = Api {
        base: app.base.clone(),
        http: reqwest::Client::new(),
        token: third,
    };
    assert_eq!(client.get("/api/v1/orders").await.0, 200);
    on_db!(db, pool => sqlx::query("UPDATE users SET locked = $1 WHERE username = 'aa-kiel'").bind(true).execute(pool).await.map(|_| ()).unwrap());
    crate::common::past_cache_window().await;
    assert_eq!(client.get("/api/v1/orders").await.0, 401);
    // Garbage is refused before any lookup.
    let junk = Api {
        base: app.base.clone(),
        http: reqwest::Client::new(),
        token: "kt_nix".into(),
    };
    assert_eq!(junk.get("/api/v1/orders").await.0, 401);
    // Invalid input is explained per field.
    let (status, e) = owner
        .call_json("schluessel/anlegen", &[("name", ""), ("tage", "999")])
        .await;
    assert!(status == 422 || status == 401, "{status} {e}");
}

async fn errors_are_problem_details(backend: Backend) {
    let app = TestApp::start(backend).await;
    let http = reqwest::Client::new();
    let res = http
        .get(format!("{}/api/v1/orders", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let p: Value = res.json().await.unwrap();
    assert_eq!(p["title"], "Nicht angemeldet");
    assert_eq!(p["status"], 401);
    assert_eq!(p["type"], "about:blank");
    let aa = api(&app, "aa-kiel").await;
    let (status, kind, p) = aa
        .send(
            reqwest::Method::POST,
            "/api/v1/orders",
            Some(json!({"agentur": "kiel", "begruendung": "kurz", "wirksam_ab": "gestern"})),
        )
        .await;
    assert_eq!(
        (status, kind.as_str()),
        (422, "application/problem+json"),
        "{p}"
    );
    let fields: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"begruendung") && fields.contains(&"wirksam_ab"),
        "{p}"
    );
    let (status, _, p) = aa
        .send(
            reqwest::Method::POST,
            "/api/v1/orders",
            Some(json!({"agentur": 5})),
        )
        .await;
    assert_eq!(status, 422, "{p}");
    assert_eq!(p["title"], "Ungültige Eingaben");
    let res = http
        .post(format!("{}/api/v1/orders", app.base))
        .bearer_auth(&aa.token)
        .body("agentur=kiel")
        .header("content-type", "application/x-www-form-urlencoded")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 415);
    let (status, _, p) = aa
        .send(
            reqwest::Method::POST,
            "/api/v1/orders/ÄA-2026-000001/aktionen/zaubern",
            Some(json!({"revision": 1})),
        )
        .await;
    assert_eq!(status, 404, "{p}");
    let (status, _, p) = aa
        .send(reqwest::Method::GET, "/api/v1/gibt-es-nicht", None)
        .await;
    assert_eq!((status, p["title"].as_str()), (404, Some("Nicht gefunden")));
    let (status, _, _) = aa.send(reqwest::Method::POST, "/api/v1/orders", Some(json!({"agentur": "muenchen", "begruendung": "Fremde Agentur anlegen", "wirksam_ab": "31.12.2099"}))).await;
    assert_eq!(status, 403);
}

/// Refusals from below the handlers are problem details too: the body limit's 413, the
/// router's 405 and the rate limit's 429 (with Retry-After, and in the document).
async fn limits_answer_with_problems(backend: Backend) {
    let app = TestApp::start_limited(
        backend,
        ApiLimits {
            per_second: 1,
            burst: 3,
        },
    )
    .await;
    let http = reqwest::Client::new();
    let orders = format!("{}/api/v1/orders", app.base);
    let big = json!({"agentur": "kiel", "begruendung": "x".repeat(100 * 1024), "wirksam_ab": "31.12.2099"});
    // On its own connection: the server answers before reading the whole body and then
    // closes that connection, which a pooled client could otherwise reuse for the next
    // request (seen once as a failed PATCH).
    let res = reqwest::Client::new()
        .post(&orders)
        .json(&big)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let p: Value = res.json().await.unwrap();
    assert_eq!(p["title"], "Anfrage zu groß");
    assert!(p["detail"].as_str().unwrap().contains("64 KB"), "{p}");
    let res = http.patch(&orders).send().await.unwrap();
    assert_eq!(res.status(), 405);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    assert!(res.headers().contains_key("allow"));
    // A burst of 3 at one request per second runs out within a few quick requests (a
    // loaded test machine may refill a token or two meanwhile).
    let mut refused = None;
    for _ in 0..20 {
        let res = http.get(&orders).send().await.unwrap();
        if res.status() == 429 {
            refused = Some(res);
            break;
        }
        assert_eq!(res.status(), 401, "anonymous, within the limit");
    }
    let res = refused.expect("the burst runs out");
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let wait: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(wait >= 1, "{wait}");
    let p: Value = res.json().await.unwrap();
    assert_eq!(p["status"], 429);
    assert_eq!(p["title"], "Zu viele Anfragen");
    // Pages and server functions are not limited by the API's budget.
    let res = http
        .get(format!("{}/anmelden", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    // After the wait, the API answers again.
    tokio::time::sleep(std::time::Duration::from_millis(1100 * wait)).await;
    assert_eq!(status(http.get(&orders)).await, 401);
}

async fn session_sign_in_and_out(backend: Backend) {
    let app = TestApp::start(backend).await;
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let res = http
        .post(format!("{}/api/v1/session", app.base))
        .json(&json!({"benutzername": "rim-nord", "passwort": "falsch"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let res = http
        .post(format!("{}/api/v1/session", app.base))
        .json(&json!({"benutzername": "rim-nord", "passwort": DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let orders = format!("{}/api/v1/orders", app.base);
    assert_eq!(status(http.get(&orders)).await, 200);
    assert_eq!(
        status(http.delete(format!("{}/api/v1/session", app.base))).await,
        204
    );
    assert_eq!(status(http.get(&orders)).await, 401);
}

async fn status(req: reqwest::RequestBuilder) -> u16 {
    req.send().await.unwrap().status().as_u16()
}

both_databases!(
    openapi_document_lists_every_route,
    whole_life_cycle_through_the_api,
    tokens_expire_are_revoked_and_die_with_the_account,
    errors_are_problem_details,
    session_sign_in_and_out,
    limits_answer_with_problems,
);
