//! Bad input at the edge of the API: credentials that fail are refused whatever else the
//! request carries, and a client's request id is taken over only as a UUID (it reaches
//! logs, the audit log and error pages).

use crate::both_databases;
use crate::common::{Backend, TestApp, DEMO_PASSWORD};
use app::on_db;
use serde_json::json;

async fn credentials_that_fail_get_401_whatever_else_comes_along(backend: Backend) {
    let app = TestApp::start(backend).await;
    let c = app.signed_in("rim-nord").await;
    let orders = format!("{}/api/v1/auftraege", app.base);
    let res = c.http.get(&orders).send().await.unwrap();
    assert_eq!(res.status(), 200, "the session cookie alone signs in");
    for authorization in [
        "Bearer kt_gibt-es-nicht",
        "bearer kt_gibt-es-nicht",
        "Bearer ",
        "Basic cmltLW5vcmQ6RGVtby1QYXNzd29ydC0yMDI2",
        "kt_ohne-schema",
    ] {
        let res = c
            .http
            .get(&orders)
            .header("authorization", authorization)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401, "{authorization}");
        assert_eq!(
            res.headers()["content-type"],
            "application/problem+json",
            "{authorization}"
        );
    }
    // Two Authorization headers are refused too, even if one of them would do.
    let res = c
        .http
        .get(&orders)
        .header("authorization", "Bearer kt_a")
        .header("authorization", "Bearer kt_b")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
}

async fn hostile_request_ids_are_neither_kept_nor_echoed(backend: Backend) {
    let app = TestApp::start(backend).await;
    let http = reqwest::Client::new();
    let hostile = "<script>alert(1)</script>";
    let res = http
        .get(format!("{}/healthz", app.base))
        .header("x-request-id", hostile)
        .send()
        .await
        .unwrap();
    let answered = res.headers()["x-request-id"].to_str().unwrap().to_string();
    assert_ne!(answered, hostile);
    assert!(uuid::Uuid::try_parse(&answered).is_ok(), "{answered}");
    // A UUID from the client is kept, so it can follow its request through the logs.
    let own = "0f8fad5b-d9cb-469f-a165-70867728950e";
    let res = http
        .get(format!("{}/healthz", app.base))
        .header("x-request-id", own)
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["x-request-id"], own);

    // A sign-in with a hostile id is audited under a fresh one.
    let res = http
        .post(format!("{}/api/v1/sitzung", app.base))
        .header("x-request-id", hostile)
        .json(&json!({"benutzername": "rim-nord", "passwort": DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let db = &app.db;
    let (stored, fresh): (i64, i64) = on_db!(db, pool => sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM audit_log WHERE request_id LIKE '%script%'),
                (SELECT COUNT(*) FROM audit_log WHERE actor_name = 'rim-nord' AND action = 'anmeldung')")
        .fetch_one(pool).await.unwrap());
    assert_eq!(stored, 0);
    assert!(fresh >= 1, "the sign-in is audited");
}

async fn control_characters_are_refused_on_their_field(backend: Backend) {
    let app = TestApp::start(backend).await;
    let api = crate::api::api(&app, "aa-kiel").await;
    let (status, _, p) = api
        .send(
            reqwest::Method::POST,
            "/api/v1/auftraege",
            Some(json!({"agentur": "kiel", "begruendung": "Umstellung\u{0} mit NUL", "wirksam_ab": "2099-12-31"})),
        )
        .await;
    assert_eq!(status, 422, "{p}");
    assert_eq!(p["errors"][0]["field"], "begruendung", "{p}");
    assert!(
        p["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("Steuerzeichen"),
        "{p}"
    );
    let (status, _, p) = api
        .send(reqwest::Method::GET, "/api/v1/auftraege?status=%1B", None)
        .await;
    assert_eq!(
        (status, p["errors"][0]["field"].as_str()),
        (422, Some("status")),
        "{p}"
    );

    // A form's server function refuses it on the field too; tab and line breaks pass.
    let aa = app.signed_in("aa-kiel").await;
    let file = async |why: &str| {
        aa.call_json(
            "auftrag/anlegen",
            &[
                ("agentur", "kiel"),
                ("begruendung", why),
                ("wirksam_ab", "31.12.2099"),
            ],
        )
        .await
    };
    let (status, e) = file("Umstellung \u{7} mit Klingel").await;
    assert_eq!(status, 422, "{e}");
    assert_eq!(crate::common::invalid_fields(&e), ["begruendung"]);
    let (status, e) = file("Umstellung\r\nzweite Zeile\tmit Tab").await;
    assert_eq!(status, 200, "{e}");
    let db = &app.db;
    let stored: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM orders WHERE justification LIKE '%Klingel%' OR justification LIKE '%NUL%'")
        .fetch_one(pool).await.unwrap());
    assert_eq!(stored, 0);
}

async fn errors_are_german_and_never_a_librarys_message(backend: Backend) {
    let app = TestApp::start(backend).await;
    let api = crate::api::api(&app, "aa-kiel").await;
    let (status, _, p) = api
        .send(
            reqwest::Method::POST,
            "/api/v1/auftraege",
            Some(json!({"agentur": 5})),
        )
        .await;
    assert_eq!(status, 422, "{p}");
    assert_eq!(p["errors"][0]["field"], "agentur", "{p}");
    let (status, _, p) = api
        .send(
            reqwest::Method::POST,
            "/api/v1/auftraege",
            Some(json!({"agentur": "kiel", "wirksam_ab": "2099-12-31"})),
        )
        .await;
    assert_eq!(status, 422, "{p}");
    assert_eq!(
        (
            p["errors"][0]["field"].as_str(),
            p["errors"][0]["message"].as_str()
        ),
        (Some("begruendung"), Some("Dieses Feld fehlt.")),
        "{p}"
    );
    let (status, _, p) = api
        .send(
            reqwest::Method::GET,
            "/api/v1/auftraege?status=zaubern",
            None,
        )
        .await;
    assert_eq!(status, 400, "{p}");
    let text = p.to_string();
    for english in [
        "Failed to",
        "invalid type",
        "unknown variant",
        "missing field",
        "expected",
    ] {
        assert!(!text.contains(english), "{text}");
    }
    let res = reqwest::Client::new()
        .post(format!("{}/api/v1/auftraege", app.base))
        .bearer_auth(crate::api::token(&api))
        .header("content-type", "application/json")
        .body("{nicht json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let text = res.text().await.unwrap();
    assert!(
        text.contains("kein gültiges JSON") && !text.contains("expected"),
        "{text}"
    );
}

both_databases!(
    errors_are_german_and_never_a_librarys_message,
    credentials_that_fail_get_401_whatever_else_comes_along,
    hostile_request_ids_are_neither_kept_nor_echoed,
    control_characters_are_refused_on_their_field,
);
