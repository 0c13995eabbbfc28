//! Optimistic concurrency and idempotent filing through the API: an order's ETag is its
//! revision, a change without If-Match is 428 and with a stale one 412 (nothing
//! written); a retried filing with the same Idempotency-Key gets the first order, also
//! when both requests run at once.

use crate::api::{api, Answer, Api};
use crate::both_databases;
use crate::common::{Backend, TestApp};
use app::on_db;
use reqwest::Method;
use serde_json::json;

async fn order_count(app: &TestApp) -> i64 {
    let db = &app.db;
    on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM orders").fetch_one(pool).await.unwrap())
}

async fn file(api: &Api, why: &str, key: Option<&str>) -> Answer {
    file_for(api, "kiel", why, key).await
}

async fn file_for(api: &Api, agency: &str, why: &str, key: Option<&str>) -> Answer {
    let headers: Vec<(&str, String)> = key
        .map(|k| ("idempotency-key", k.to_string()))
        .into_iter()
        .collect();
    api.request(
        Method::POST,
        "/api/v1/auftraege",
        Some(json!({"agentur": agency, "begruendung": why, "wirksam_ab": "2099-12-31"})),
        &headers,
    )
    .await
}

async fn header(api: &Api, location: &str, etag: Option<&str>, why: &str) -> Answer {
    let headers: Vec<(&str, String)> = etag
        .map(|e| ("if-match", e.to_string()))
        .into_iter()
        .collect();
    api.request(
        Method::PUT,
        location,
        Some(json!({"begruendung": why, "wirksam_ab": "2099-12-31"})),
        &headers,
    )
    .await
}

async fn stale_or_missing_if_match_is_refused(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = api(&app, "aa-kiel").await;
    let filed = file(&aa, "Vorbedingungen prüfen", None).await;
    assert_eq!(filed.status, 201, "{}", filed.body);
    let location = filed.header("location").unwrap().to_string();
    let first = filed.header("etag").unwrap().to_string();
    let read = aa.request(Method::GET, &location, None, &[]).await;
    assert_eq!(read.header("etag"), Some(first.as_str()));

    let changed = header(&aa, &location, Some(&first), "Erste Änderung des Kopfes").await;
    assert_eq!(changed.status, 204, "{}", changed.body);
    let second = changed.header("etag").unwrap().to_string();
    assert_ne!(second, first);

    // A colleague's edit with the first ETag is refused, and nothing is written.
    let stale = header(
        &aa,
        &location,
        Some(&first),
        "Veraltete Änderung des Kopfes",
    )
    .await;
    assert_eq!(stale.status, 412, "{}", stale.body);
    assert_eq!(
        stale.header("content-type"),
        Some("application/problem+json")
    );
    let missing = header(&aa, &location, None, "Änderung ohne Vorbedingung").await;
    assert_eq!(missing.status, 428, "{}", missing.body);
    let weak = header(
        &aa,
        &location,
        Some(&format!("W/{second}")),
        "Schwaches ETag passt nie",
    )
    .await;
    assert_eq!(weak.status, 412, "{}", weak.body);
    let now = aa.request(Method::GET, &location, None, &[]).await;
    assert_eq!(now.body["begruendung"], "Erste Änderung des Kopfes");
    assert_eq!(now.header("etag"), Some(second.as_str()));

    // Steps and item removal keep the same rule; `*` means "whatever is current".
    let step = aa
        .request(
            Method::POST,
            &format!("{location}/aktionen/einreichen"),
            Some(json!({})),
            &[("if-match", first.clone())],
        )
        .await;
    assert_eq!(step.status, 412, "{}", step.body);
    let removal = aa
        .request(
            Method::DELETE,
            &format!("{location}/positionen/1"),
            None,
            &[],
        )
        .await;
    assert_eq!(removal.status, 428, "{}", removal.body);
    let removal = aa
        .request(
            Method::DELETE,
            &format!("{location}/positionen/1"),
            None,
            &[("if-match", first.clone())],
        )
        .await;
    assert_eq!(removal.status, 412, "{}", removal.body);
    let any = header(&aa, &location, Some("*"), "Änderung mit If-Match: *").await;
    assert_eq!(any.status, 204, "{}", any.body);
    let after_any = aa.request(Method::GET, &location, None, &[]).await;
    assert_eq!(
        any.header("etag"),
        after_any.header("etag"),
        "the ETag of a change is the order's"
    );

    // Submitted meanwhile: an edit against the draft's ETag is stale (412), not "not
    // allowed in this state" (409) – the client has to read the order again to know.
    let draft_etag = after_any.header("etag").unwrap().to_string();
    let submit = aa
        .request(
            Method::POST,
            &format!("{location}/aktionen/einreichen"),
            Some(json!({})),
            &[("if-match", draft_etag.clone())],
        )
        .await;
    // An order without items cannot be submitted; withdraw it instead.
    assert!(
        submit.status == 409 || submit.status == 422,
        "{}",
        submit.body
    );
    let withdraw = aa
        .request(
            Method::POST,
            &format!("{location}/aktionen/zurueckziehen"),
            Some(json!({})),
            &[("if-match", draft_etag.clone())],
        )
        .await;
    assert_eq!(withdraw.status, 200, "{}", withdraw.body);
    let late = header(&aa, &location, Some(&draft_etag), "Zu spät für den Entwurf").await;
    assert_eq!(late.status, 412, "{}", late.body);
    let current = withdraw.header("etag").unwrap().to_string();
    let refused = header(
        &aa,
        &location,
        Some(&current),
        "Zurückgezogen, nicht mehr änderbar",
    )
    .await;
    assert_eq!(refused.status, 409, "{}", refused.body);
}

async fn a_retried_filing_gets_the_first_order(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = api(&app, "aa-kiel").await;
    let before = order_count(&app).await;
    let key = uuid::Uuid::new_v4().to_string();
    let first = file(&aa, "Einmal anlegen, zweimal senden", Some(&key)).await;
    assert_eq!(first.status, 201, "{}", first.body);
    assert_eq!(first.header("idempotent-replayed"), None);
    let retry = file(&aa, "Einmal anlegen, zweimal senden", Some(&key)).await;
    assert_eq!(retry.status, 201, "{}", retry.body);
    assert_eq!(retry.body["nummer"], first.body["nummer"]);
    assert_eq!(retry.header("idempotent-replayed"), Some("true"));
    assert_eq!(order_count(&app).await, before + 1);

    // The same key for other fields is refused on the header.
    let other = file(&aa, "Andere Angaben, gleicher Schlüssel", Some(&key)).await;
    assert_eq!(other.status, 422, "{}", other.body);
    assert_eq!(other.body["errors"][0]["field"], "Idempotency-Key");
    // Keys are per user; a key that is no visible ASCII is refused.
    let other_user = api(&app, "aa-muenchen").await;
    let theirs = file_for(
        &other_user,
        "muenchen",
        "Einmal anlegen, zweimal senden",
        Some(&key),
    )
    .await;
    assert_eq!(theirs.status, 201, "{}", theirs.body);
    assert_ne!(theirs.body["nummer"], first.body["nummer"]);
    let bad = file(&aa, "Ungültiger Schlüssel", Some("mit leerzeichen")).await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert_eq!(bad.body["errors"][0]["field"], "Idempotency-Key");
    assert_eq!(order_count(&app).await, before + 2);

    // Two requests with one key at the same time: one order, both answers name it.
    let key = uuid::Uuid::new_v4().to_string();
    let (a, b) = tokio::join!(
        file(&aa, "Gleichzeitig gesendet", Some(&key)),
        file(&aa, "Gleichzeitig gesendet", Some(&key))
    );
    assert_eq!((a.status, b.status), (201, 201), "{} {}", a.body, b.body);
    assert_eq!(a.body["nummer"], b.body["nummer"]);
    assert_eq!(order_count(&app).await, before + 3);
    let replays: Vec<Option<&str>> = [&a, &b]
        .iter()
        .map(|x| x.header("idempotent-replayed"))
        .collect();
    assert!(replays.contains(&None), "one of them filed it: {replays:?}");
}

both_databases!(
    stale_or_missing_if_match_is_refused,
    a_retried_filing_gets_the_first_order,
);
