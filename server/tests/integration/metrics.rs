//! /metrics: off without a token, refused without the right one, and with it the
//! requests by route and status, their latency, the pools, the outbox and the sessions
//! – each figure checked against what happened or what the database holds.

use crate::both_databases;
use crate::common::{Backend, TestApp};
use app::on_db;

const TOKEN: &str = "messung-2026-ein-langes-geheimnis-fuer-tests";

/// The value of the series `name{labels}` (labels as written), if it is there.
fn value(text: &str, series: &str) -> Option<f64> {
    text.lines().find_map(|line| {
        line.strip_prefix(series)?
            .strip_prefix(' ')?
            .trim()
            .parse()
            .ok()
    })
}

async fn metrics_count_what_happened_and_need_the_token(backend: Backend) {
    let app = TestApp::start_with_metrics(backend, TOKEN).await;
    let scrape = |token: Option<&'static str>| {
        let mut req = app.client().http.get(format!("{}/metrics", app.base));
        if let Some(t) = token {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        async move {
            let res = req.send().await.unwrap();
            let status = res.status().as_u16();
            let kind = res
                .headers()
                .get("content-type")
                .map(|v| v.to_str().unwrap().to_string())
                .unwrap_or_default();
            (status, kind, res.text().await.unwrap())
        }
    };
    assert_eq!(scrape(None).await.0, 401);
    assert_eq!(scrape(Some("messung-2026-falsch")).await.0, 401);

    let aa = app.signed_in("aa-kiel").await;
    for _ in 0..3 {
        assert_eq!(aa.get("/auftraege").await.status(), 200);
    }
    assert_eq!(aa.get("/gibt-es-nicht/abc").await.status(), 404);
    let (status, kind, text) = scrape(Some(TOKEN)).await;
    assert_eq!(status, 200, "{text}");
    assert!(kind.starts_with("application/openmetrics-text"), "{kind}");
    assert!(text.trim_end().ends_with("# EOF"));

    let list = r#"route="/auftraege",method="GET""#;
    assert_eq!(
        value(
            &text,
            &format!("kt_http_requests_total{{{list},status=\"200\"}}")
        ),
        Some(3.0),
        "{text}"
    );
    assert_eq!(
        value(
            &text,
            &format!("kt_http_request_duration_seconds_count{{{list}}}")
        ),
        Some(3.0)
    );
    // An unknown path adds no series of its own.
    assert!(!text.contains("gibt-es-nicht"));
    assert!(value(
        &text,
        r#"kt_http_requests_total{route="-",method="GET",status="404"}"#
    )
    .is_some_and(|n| n >= 1.0));
    // A server function under its own name (the sign-in).
    let sign_in = r#"kt_http_requests_total{route="/api/anmelden",method="POST",status="#;
    assert_eq!(
        text.lines().filter(|l| l.starts_with(sign_in)).count(),
        1,
        "{text}"
    );

    let most = value(
        &text,
        r#"kt_db_connections{pool="daten",state="hoechstens"}"#,
    )
    .unwrap();
    let busy = value(
        &text,
        r#"kt_db_connections{pool="daten",state="in_benutzung"}"#,
    )
    .unwrap();
    assert!(most >= 1.0 && busy <= most, "{text}");
    let db = &app.db;
    let pending: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL").fetch_one(pool).await.unwrap());
    assert_eq!(value(&text, "kt_mail_outbox_pending"), Some(pending as f64));
    // aa-kiel is signed in; the scrape itself has no session.
    assert_eq!(value(&text, "kt_sessions_active"), Some(1.0));

    // Without KT_METRICS_TOKEN there is no such page.
    let off = TestApp::start(backend).await;
    let res = off.client().get("/metrics").await;
    assert_eq!(res.status(), 404);
}

both_databases!(metrics_count_what_happened_and_need_the_token);
