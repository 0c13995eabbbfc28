//! The JSON API /api/v1: personal API tokens (expiry, revocation, locked accounts),
//! problem+json errors, limits, sessions; the client every API test uses. The contract
//! is in api_contract.rs, the life cycle as an outside client in api_client.rs.

use crate::both_databases;
use crate::common::{Backend, TestApp, DEMO_PASSWORD};
use app::on_db;
use serde_json::{json, Value};
use server::api::limits::ApiLimits;

/// Every route of the API (method, path); the document must list exactly these.
pub(crate) const ROUTES: &[(&str, &str)] = &[
    ("post", "/api/v1/sitzung"),
    ("delete", "/api/v1/sitzung"),
    ("get", "/api/v1/agenturen"),
    ("get", "/api/v1/agenturen/{kuerzel}/dienststellen"),
    ("get", "/api/v1/agenturen/{kuerzel}/postkoerbe"),
    ("get", "/api/v1/dienststellen/{kuerzel}/postfaecher"),
    ("get", "/api/v1/anliegen"),
    ("get", "/api/v1/bereiche"),
    ("get", "/api/v1/eakte-katalog"),
    ("get", "/api/v1/auftraege"),
    ("post", "/api/v1/auftraege"),
    ("get", "/api/v1/auftraege/{nummer}"),
    ("put", "/api/v1/auftraege/{nummer}"),
    ("post", "/api/v1/auftraege/{nummer}/positionen"),
    ("delete", "/api/v1/auftraege/{nummer}/positionen/{id}"),
    ("post", "/api/v1/auftraege/{nummer}/aktionen/{aktion}"),
    ("get", "/api/v1/routing/dienststellen/{kuerzel}"),
    ("get", "/api/v1/routing/agenturen/{kuerzel}"),
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

/// An answer: status, headers and the body (JSON, or the text as a string).
pub(crate) struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Answer {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

impl Api {
    /// A `revision` in a test's body is sent as `If-Match` (where the API takes it), so
    /// the role matrix can name it as the forms do.
    pub(crate) async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> (u16, String, Value) {
        let mut headers = Vec::new();
        let body = body.map(|mut b| {
            if let Some(revision) = b.as_object_mut().and_then(|o| o.remove("revision")) {
                headers.push(("if-match", format!("\"{revision}\"")));
            }
            b
        });
        let a = self.request(method, path, body, &headers).await;
        let kind = a.header("content-type").unwrap_or_default().to_string();
        (a.status, kind, a.body)
    }

    /// A request with extra headers, answered with its headers.
    pub(crate) async fn request(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
        headers: &[(&str, String)],
    ) -> Answer {
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token);
        for (name, value) in headers {
            req = req.header(*name, value);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let text = res.text().await.unwrap();
        Answer {
            status,
            headers,
            body: serde_json::from_str(&text).unwrap_or(Value::String(text)),
        }
    }

    async fn get(&self, path: &str) -> (u16, Value) {
        let (s, _, v) = self.send(reqwest::Method::GET, path, None).await;
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
    assert_eq!(client.get("/api/v1/auftraege").await.0, 200);
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
    assert_eq!(client.get("/api/v1/auftraege").await.0, 200);
    assert_eq!(
        owner
            .call_json("schluessel/widerrufen", &[("id", &id)])
            .await
            .0,
        200
    );
    let (status, kind, p) = client
        .send(reqwest::Method::GET, "/api/v1/auftraege", None)
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
    assert_eq!(client.get("/api/v1/auftraege").await.0, 200);
    let past = time::OffsetDateTime::now_utc() - time::Duration::minutes(1);
    on_db!(db, pool => sqlx::query("UPDATE api_tokens SET expires_at = $1").bind(past).execute(pool).await.map(|_| ()).unwrap());
    assert_eq!(client.get("/api/v1/auftraege").await.0, 401);
    let (_, page) = owner.call_json("schluessel", &[]).await;
    assert!(page.to_string().contains("abgelaufen"));

    // A locked account's token stops working.
    let third = token_of(&app, "aa-kiel", "30").await;
    let client = Api {
        base: app.base.clone(),
        http: reqwest::Client::new(),
        token: third,
    };
    assert_eq!(client.get("/api/v1/auftraege").await.0, 200);
    on_db!(db, pool => sqlx::query("UPDATE users SET locked = $1 WHERE username = 'aa-kiel'").bind(true).execute(pool).await.map(|_| ()).unwrap());
    crate::common::past_cache_window().await;
    assert_eq!(client.get("/api/v1/auftraege").await.0, 401);
    // Garbage is refused before any lookup.
    let junk = Api {
        base: app.base.clone(),
        http: reqwest::Client::new(),
        token: "kt_nix".into(),
    };
    assert_eq!(junk.get("/api/v1/auftraege").await.0, 401);
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
        .get(format!("{}/api/v1/auftraege", app.base))
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
            "/api/v1/auftraege",
            Some(json!({"agentur": "kiel", "begruendung": "kurz", "wirksam_ab": "31.12.2099"})),
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
            "/api/v1/auftraege",
            Some(json!({"agentur": 5})),
        )
        .await;
    assert_eq!(status, 422, "{p}");
    assert_eq!(p["title"], "Ungültige Eingaben");
    let res = http
        .post(format!("{}/api/v1/auftraege", app.base))
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
            "/api/v1/auftraege/ÄA-2026-000001/aktionen/zaubern",
            Some(json!({"revision": 1})),
        )
        .await;
    assert_eq!(status, 404, "{p}");
    let (status, _, p) = aa
        .send(reqwest::Method::GET, "/api/v1/gibt-es-nicht", None)
        .await;
    assert_eq!((status, p["title"].as_str()), (404, Some("Nicht gefunden")));
    let (status, _, _) = aa.send(reqwest::Method::POST, "/api/v1/auftraege", Some(json!({"agentur": "muenchen", "begruendung": "Fremde Agentur anlegen", "wirksam_ab": "2099-12-31"}))).await;
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
    let orders = format!("{}/api/v1/auftraege", app.base);
    let big = json!({"agentur": "kiel", "begruendung": "x".repeat(100 * 1024), "wirksam_ab": "2099-12-31"});
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
        .post(format!("{}/api/v1/sitzung", app.base))
        .json(&json!({"benutzername": "rim-nord", "passwort": "falsch"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let res = http
        .post(format!("{}/api/v1/sitzung", app.base))
        .json(&json!({"benutzername": "rim-nord", "passwort": DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let orders = format!("{}/api/v1/auftraege", app.base);
    assert_eq!(status(http.get(&orders)).await, 200);
    assert_eq!(
        status(http.delete(format!("{}/api/v1/sitzung", app.base))).await,
        204
    );
    assert_eq!(status(http.get(&orders)).await, 401);
}

async fn status(req: reqwest::RequestBuilder) -> u16 {
    req.send().await.unwrap().status().as_u16()
}

both_databases!(
    tokens_expire_are_revoked_and_die_with_the_account,
    errors_are_problem_details,
    session_sign_in_and_out,
    limits_answer_with_problems,
);
