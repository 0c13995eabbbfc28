//! Every /api/v1 route × every demo role: allowed, 403 or 404 exactly as the policy
//! says. Writes are tried by every refused role first (and must change nothing), then
//! by the one role allowed to make them, so the order moves through its whole life.

use crate::api::{api, Api, ROUTES};
use crate::both_databases;
use crate::common::{Backend, TestApp};
use crate::orders::{mailbox, KIEL};
use app::on_db;
use reqwest::Method;
use serde_json::{json, Value};
use server::api::limits::ApiLimits;
use std::collections::BTreeSet;

const USERS: [&str; 6] = [
    "zentrale",
    "aa-kiel",
    "aa-muenchen",
    "rd-nord",
    "rd-bayern",
    "rim-nord",
];

/// Who may see Kiel's orders and routing: the Zentrale, Kiel's admin, Nord's roles.
const KIEL_READERS: &[&str] = &["zentrale", "aa-kiel", "rd-nord", "rim-nord"];
const EXPORTERS: &[&str] = &["zentrale", "rd-nord", "rd-bayern", "rim-nord"];

struct Matrix {
    clients: Vec<(&'static str, Api)>,
    /// (method, route template) every call was made on, to prove the whole API is covered.
    covered: BTreeSet<(String, String)>,
    app: TestApp,
}

impl Matrix {
    fn client(&self, user: &str) -> &Api {
        &self.clients.iter().find(|(u, _)| *u == user).unwrap().1
    }

    async fn call(
        &mut self,
        user: &str,
        method: Method,
        template: &str,
        path: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        self.covered
            .insert((method.as_str().to_lowercase(), template.to_string()));
        let (status, kind, value) = self.client(user).send(method, path, body).await;
        if status >= 400 {
            assert_eq!(kind, "application/problem+json", "{user} {path}: {value}");
        }
        (status, value)
    }

    /// Every user: `allowed` get `ok`, everyone else 403.
    async fn read(&mut self, template: &str, path: &str, allowed: &[&str], ok: u16) {
        for user in USERS {
            let (status, body) = self.call(user, Method::GET, template, path, None).await;
            let expected = if allowed.contains(&user) { ok } else { 403 };
            assert_eq!(status, expected, "GET {path} as {user}: {body}");
        }
    }

    /// Everyone but `allowed` is refused with 403 and the order's revision stays; then
    /// `allowed` succeeds with `ok`.
    async fn write(
        &mut self,
        method: Method,
        template: &str,
        path: &str,
        body: Value,
        (allowed, ok): (&str, u16),
        number: Option<&str>,
    ) -> Value {
        let before = match number {
            Some(n) => self.revision(n).await,
            None => self.order_count().await,
        };
        for user in USERS.into_iter().filter(|u| *u != allowed) {
            let (status, answer) = self
                .call(user, method.clone(), template, path, Some(body.clone()))
                .await;
            assert_eq!(status, 403, "{method} {path} as {user}: {answer}");
        }
        let after = match number {
            Some(n) => self.revision(n).await,
            None => self.order_count().await,
        };
        assert_eq!(before, after, "refused calls changed nothing: {path}");
        let (status, answer) = self
            .call(allowed, method.clone(), template, path, Some(body))
            .await;
        assert_eq!(status, ok, "{method} {path} as {allowed}: {answer}");
        answer
    }

    async fn detail(&self, number: &str) -> Value {
        let (status, _, o) = self
            .client("zentrale")
            .send(Method::GET, &format!("/api/v1/auftraege/{number}"), None)
            .await;
        assert_eq!(status, 200, "{o}");
        o
    }

    async fn revision(&self, number: &str) -> i64 {
        self.detail(number).await["revision"].as_i64().unwrap()
    }

    async fn order_count(&self) -> i64 {
        let db = &self.app.db;
        on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM orders").fetch_one(pool).await.unwrap())
    }

    /// `action` on `number` with the current revision.
    async fn transition(&mut self, number: &str, action: &str, allowed: &str) {
        let revision = self.revision(number).await;
        let answer = self
            .write(
                Method::POST,
                "/api/v1/auftraege/{nummer}/aktionen/{aktion}",
                &format!("/api/v1/auftraege/{number}/aktionen/{action}"),
                json!({"revision": revision, "grund": "Bitte die Adressen noch einmal prüfen."}),
                (allowed, 200),
                Some(number),
            )
            .await;
        assert!(answer["status"].is_string(), "{answer}");
    }
}

/// The first demo routing order (reviewed by the RD) of an agency in a state.
async fn demo_order(app: &TestApp, agency: &str, state: &str) -> String {
    let db = &app.db;
    on_db!(db, pool => sqlx::query_scalar(
        "SELECT o.number FROM orders o JOIN agencies a ON a.id = o.agency_id
         WHERE a.code = $1 AND o.state = $2 AND o.review_required ORDER BY o.id LIMIT 1")
        .bind(agency).bind(state).fetch_one(pool).await.unwrap())
}

async fn kiel_entry(app: &TestApp) -> i64 {
    let db = &app.db;
    on_db!(db, pool => sqlx::query_scalar(
        "SELECT e.id FROM routing_entries e JOIN offices f ON f.id = e.office_id
         WHERE f.code = $1 ORDER BY e.id LIMIT 1")
        .bind(KIEL.0).fetch_one(pool).await.unwrap())
}

async fn every_route_for_every_role(backend: Backend) {
    // Hundreds of calls in a few seconds from one address: above the default rate limit,
    // which is not what this test is about (api::limits_answer_with_problems is).
    let limits = ApiLimits {
        per_second: 10_000,
        burst: 10_000,
    };
    let app = TestApp::start_limited(backend, limits).await;
    // Orders of Kiel and München in every state.
    server::seed::seed_demo_orders(&app.db).await.unwrap();
    let mut clients = Vec::new();
    for user in USERS {
        clients.push((user, api(&app, user).await));
    }
    let mut m = Matrix {
        clients,
        covered: BTreeSet::new(),
        app,
    };
    let submitted = demo_order(&m.app, "kiel", "eingereicht").await;
    let entry = kiel_entry(&m.app).await;

    // Reading.
    m.read("/api/v1/auftraege", "/api/v1/auftraege", &USERS, 200)
        .await;
    let (_, munich_list) = m
        .call(
            "aa-muenchen",
            Method::GET,
            "/api/v1/auftraege",
            "/api/v1/auftraege?status=alle",
            None,
        )
        .await;
    assert!(
        !munich_list.to_string().contains("Kiel"),
        "München's list holds no Kiel order: {munich_list}"
    );
    let order_path = format!("/api/v1/auftraege/{submitted}");
    m.read("/api/v1/auftraege/{nummer}", &order_path, KIEL_READERS, 200)
        .await;
    m.read(
        "/api/v1/routing/dienststellen/{kuerzel}",
        &format!("/api/v1/routing/dienststellen/{}", KIEL.0),
        KIEL_READERS,
        200,
    )
    .await;
    m.read(
        "/api/v1/routing/agenturen/{kuerzel}",
        "/api/v1/routing/agenturen/kiel",
        KIEL_READERS,
        200,
    )
    .await;
    m.read(
        "/api/v1/routing/eintraege/{id}",
        &format!("/api/v1/routing/eintraege/{entry}"),
        KIEL_READERS,
        200,
    )
    .await;
    m.read("/api/v1/weisungen", "/api/v1/weisungen", &USERS, 200)
        .await;
    // The catalogues: everyone reads Anliegen, Bereiche and the eAkte catalogue, and the
    // agencies of their scope; an agency's lists only who sees the agency.
    for list in [
        "/api/v1/anliegen",
        "/api/v1/bereiche",
        "/api/v1/eakte-katalog",
        "/api/v1/agenturen",
    ] {
        m.read(list, list, &USERS, 200).await;
    }
    let (_, agencies) = m
        .call(
            "aa-muenchen",
            Method::GET,
            "/api/v1/agenturen",
            "/api/v1/agenturen",
            None,
        )
        .await;
    assert_eq!(agencies.as_array().unwrap().len(), 1, "{agencies}");
    assert_eq!(agencies[0]["kuerzel"], "muenchen");
    for (template, path) in [
        (
            "/api/v1/agenturen/{kuerzel}/dienststellen",
            "/api/v1/agenturen/kiel/dienststellen".to_string(),
        ),
        (
            "/api/v1/agenturen/{kuerzel}/postkoerbe",
            "/api/v1/agenturen/kiel/postkoerbe".to_string(),
        ),
        (
            "/api/v1/dienststellen/{kuerzel}/postfaecher",
            format!("/api/v1/dienststellen/{}/postfaecher", KIEL.0),
        ),
    ] {
        m.read(template, &path, KIEL_READERS, 200).await;
    }
    m.read(
        "/api/v1/weisungen/{nummer}",
        "/api/v1/weisungen/202509011",
        &USERS,
        200,
    )
    .await;
    m.read(
        "/api/v1/exporte/auftraege",
        "/api/v1/exporte/auftraege",
        EXPORTERS,
        200,
    )
    .await;
    m.read(
        "/api/v1/exporte/konfiguration",
        "/api/v1/exporte/konfiguration",
        &USERS,
        200,
    )
    .await;
    m.read(
        "/api/v1/exporte/protokoll",
        "/api/v1/exporte/protokoll",
        &["zentrale"],
        200,
    )
    .await;

    // What does not exist is 404 for everyone, whatever the role.
    for user in USERS {
        for (template, path) in [
            (
                "/api/v1/auftraege/{nummer}",
                "/api/v1/auftraege/ÄA-1999-999999",
            ),
            (
                "/api/v1/routing/dienststellen/{kuerzel}",
                "/api/v1/routing/dienststellen/gibt-es-nicht",
            ),
            (
                "/api/v1/routing/agenturen/{kuerzel}",
                "/api/v1/routing/agenturen/gibt-es-nicht",
            ),
            (
                "/api/v1/routing/eintraege/{id}",
                "/api/v1/routing/eintraege/999999999",
            ),
            ("/api/v1/weisungen/{nummer}", "/api/v1/weisungen/999999999"),
            (
                "/api/v1/agenturen/{kuerzel}/dienststellen",
                "/api/v1/agenturen/gibt-es-nicht/dienststellen",
            ),
            (
                "/api/v1/agenturen/{kuerzel}/postkoerbe",
                "/api/v1/agenturen/gibt-es-nicht/postkoerbe",
            ),
            (
                "/api/v1/dienststellen/{kuerzel}/postfaecher",
                "/api/v1/dienststellen/gibt-es-nicht/postfaecher",
            ),
        ] {
            let (status, body) = m.call(user, Method::GET, template, path, None).await;
            assert_eq!(status, 404, "GET {path} as {user}: {body}");
        }
        let (status, body) = m
            .call(
                user,
                Method::POST,
                "/api/v1/auftraege/{nummer}/aktionen/{aktion}",
                "/api/v1/auftraege/ÄA-1999-999999/aktionen/genehmigen",
                Some(json!({"revision": 1, "grund": ""})),
            )
            .await;
        assert_eq!(status, 404, "action on a missing order as {user}: {body}");
    }

    // Writing: only Kiel's admin files and edits Kiel's drafts.
    let created = m
        .write(
            Method::POST,
            "/api/v1/auftraege",
            "/api/v1/auftraege",
            json!({"agentur": "kiel", "begruendung": "Rollenmatrix der API prüfen", "wirksam_ab": "2099-12-31"}),
            ("aa-kiel", 201),
            None,
        )
        .await;
    let number = created["nummer"].as_str().unwrap().to_string();
    let order_path = format!("/api/v1/auftraege/{number}");
    let revision = m.revision(&number).await;
    m.write(
        Method::PUT,
        "/api/v1/auftraege/{nummer}",
        &order_path,
        json!({"revision": revision, "begruendung": "Rollenmatrix der API, überarbeitet", "wirksam_ab": "2099-12-31"}),
        ("aa-kiel", 204),
        Some(&number),
    )
    .await;
    let (m_id, a_id) = mailbox(&m.app, KIEL.1).await;
    let item = json!({
        "dienststelle": KIEL.0, "anliegen": "ag-egz",
        "postfach": m_id.parse::<i64>().unwrap(), "bereich": a_id.parse::<i64>().unwrap(),
        "adressen": [KIEL.1, "rollen@arbeitsagentur.de"]
    });
    let items_path = format!("{order_path}/positionen");
    // Saved, removed, saved again.
    for remove in [true, false] {
        let mut body = item.clone();
        body["revision"] = json!(m.revision(&number).await);
        m.write(
            Method::POST,
            "/api/v1/auftraege/{nummer}/positionen",
            &items_path,
            body,
            ("aa-kiel", 204),
            Some(&number),
        )
        .await;
        if remove {
            let detail = m.detail(&number).await;
            let item_id = detail["positionen"][0]["id"].as_i64().unwrap();
            m.write(
                Method::DELETE,
                "/api/v1/auftraege/{nummer}/positionen/{id}",
                &format!("{items_path}/{item_id}"),
                json!({"revision": detail["revision"]}),
                ("aa-kiel", 204),
                Some(&number),
            )
            .await;
        }
    }

    // The life: submit, send back, resubmit, approve, implement; each by its one role.
    m.transition(&number, "einreichen", "aa-kiel").await;
    m.transition(&number, "zurueckgeben", "rd-nord").await;
    m.transition(&number, "einreichen", "aa-kiel").await;
    m.transition(&number, "genehmigen", "rd-nord").await;
    m.transition(&number, "umsetzen", "rim-nord").await;
    assert_eq!(m.detail(&number).await["status"], "umgesetzt");
    // Rejecting the demo's submitted order; withdrawing a fresh draft.
    m.transition(&submitted, "ablehnen", "rd-nord").await;
    let (status, created) = m
        .call(
            "aa-kiel",
            Method::POST,
            "/api/v1/auftraege",
            "/api/v1/auftraege",
            Some(json!({"agentur": "kiel", "begruendung": "Wird gleich zurückgezogen", "wirksam_ab": "2099-12-31"})),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    m.transition(
        created["nummer"].as_str().unwrap(),
        "zurueckziehen",
        "aa-kiel",
    )
    .await;

    // Sessions: every demo user signs in and out.
    for user in USERS {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap();
        let base = &m.app.base;
        let res = http
            .post(format!("{base}/api/v1/sitzung"))
            .json(&json!({"benutzername": user, "passwort": crate::common::DEMO_PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 204, "sign-in {user}");
        let res = http
            .delete(format!("{base}/api/v1/sitzung"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 204, "sign-out {user}");
    }
    m.covered.insert(("post".into(), "/api/v1/sitzung".into()));
    m.covered
        .insert(("delete".into(), "/api/v1/sitzung".into()));

    let all: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(method, path)| (method.to_string(), path.to_string()))
        .collect();
    assert_eq!(m.covered, all, "every API route was called by every role");
}

both_databases!(every_route_for_every_role);
