use crate::both_databases;
use crate::common::{Backend, TestApp};

/// Endpoints that answer without a session by design: signing in, "who am I" (it says
/// only "not signed in"), signing out (nothing to do) and the operator's settings (the
/// accessibility statement is for everyone).
const PUBLIC: &[&str] = &[
    "/api/anmelden",
    "/api/sitzung",
    "/api/abmelden",
    "/api/betreiber",
];

/// Every argument any server function takes, so none fails on parsing before its check.
const ALL_ARGUMENTS: &[(&str, &str)] = &[
    ("code", "kiel"),
    ("query", "Kiel"),
    ("aktuelles_passwort", crate::common::DEMO_PASSWORD),
    ("neues_passwort", "Neues-Passwort-2027"),
    ("bestaetigung", "Neues-Passwort-2027"),
    ("stand", "01.10.2025"),
    ("eintrag", "1"),
    ("agentur", "kiel"),
    ("begruendung", "Eine ausreichend lange Begründung"),
    ("wirksam_ab", "31.12.2099"),
    ("nummer", "ÄA-2026-000001"),
    ("revision", "1"),
    ("dienststelle", "kiel.kiel"),
    ("anliegen", "ag-egz"),
    ("postfach", "1"),
    ("adresse", "kiel.eingangszone@arbeitsagentur.de"),
    ("nachfolger", "kiel.arbeitgeber-service@arbeitsagentur.de"),
    ("bereich", "1"),
    ("adressen", "a@arbeitsagentur.de"),
    ("position", "1"),
    ("aktion", "einreichen"),
    ("grund", "Eine ausreichend lange Begründung"),
    ("status", "eingereicht"),
    ("rd", "nord"),
    ("nach", "1"),
    ("weisung", "202509011"),
    ("version", "1"),
    ("person", "aa-kiel"),
    ("objekt", "auftrag:"),
    ("vor", "1"),
    ("vorbefuellen", "true"),
    ("titel", "Titel einer Weisung"),
    ("vom", "01.01.2099"),
    ("gueltig_ab", "01.01.2099"),
    ("gueltig_bis", ""),
    ("rechtskreis", "SGB III"),
    ("geschaeftszeichen", "KPI4"),
    ("fristart", "datum"),
    ("frist", "01.02.2099"),
    ("umstellung", ""),
    ("tage_vorher", ""),
    ("auftrag", "Ein ausreichend langer Auftrag"),
    ("postfach_bereich", ""),
    ("geltungsbereich", ""),
    ("id", "1"),
    ("kennung", "0123456789abcdef"),
    ("name", "Skript"),
    ("tage", "30"),
    ("art", "weiterleitung"),
    ("pruefung", "rd"),
    ("modus", "intern"),
    ("regel", "1"),
    ("datum", "01.01.2099"),
    ("postkorb", "1"),
    ("benutzername", "aa-kiel"),
    ("anzeigename", "Erika Mustermann"),
    ("email", ""),
    ("rolle", "rim"),
    ("suche", "kiel"),
    ("passwort", "x"),
    ("kuerzel", "ag-egz"),
    ("ziel", "kiel.kiel/ez"),
    ("aktentyp", "1001"),
    ("kundengruppe", "Arbeitgeber"),
    ("aktiv", "ja"),
    ("ebene", "rd"),
    ("uebergeordnet", "nord"),
    ("neuer_name", "Skript"),
];

async fn every_server_function_refuses_anonymous_callers(backend: Backend) {
    let app = TestApp::start(backend).await;
    let c = app.client();
    let paths: Vec<String> = server_fn::axum::server_fn_paths()
        .map(|(p, _)| p.to_string())
        .collect();
    assert!(paths.len() >= 9, "{paths:?}");
    for p in PUBLIC {
        assert!(paths.iter().any(|x| x == p), "{p} is registered");
    }
    for path in paths.iter().filter(|p| !PUBLIC.contains(&p.as_str())) {
        let endpoint = path.trim_start_matches("/api/");
        let res = c.call(endpoint, ALL_ARGUMENTS).await;
        assert_eq!(res.status(), 401, "{path} must refuse an anonymous call");
    }
}

async fn cross_origin_writes_are_refused(backend: Backend) {
    let app = TestApp::start(backend).await;
    let http = reqwest::Client::new();
    for (origin, site) in [
        (Some("http://evil.example"), None),
        (None, Some("cross-site")),
        (Some("null"), None),
    ] {
        let mut req = http.post(format!("{}/api/anmelden", app.base)).form(&[
            ("benutzername", "aa-kiel"),
            ("passwort", crate::common::DEMO_PASSWORD),
        ]);
        if let Some(o) = origin {
            req = req.header("origin", o);
        }
        if let Some(s) = site {
            req = req.header("sec-fetch-site", s);
        }
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), 403);
        assert!(res.headers().get("set-cookie").is_none());
        assert!(res.text().await.unwrap().contains("Anfrage abgelehnt"));
    }
}

async fn no_state_change_on_get_and_bodies_are_limited(backend: Backend) {
    let app = TestApp::start(backend).await;
    let c = app.client();
    let (status, err) = c.call_json("organisation/agentur", &[]).await;
    assert_eq!(
        (status, err),
        (400, serde_json::Value::String("BadRequest".into())),
        "missing arguments are a 400"
    );
    let res = c.get("/api/anmelden?benutzername=aa-kiel&passwort=x").await;
    assert_eq!(res.status(), 405);
    let big = "x".repeat(200 * 1024);
    let res = c
        .call("anmelden", &[("benutzername", &big), ("passwort", "x")])
        .await;
    assert_eq!(res.status(), 413);
}

async fn pages_carry_security_headers_and_a_nonce(backend: Backend) {
    let app = TestApp::start(backend).await;
    let res = app.client().get("/anmelden").await;
    assert_eq!(res.status(), 200);
    let h = res.headers().clone();
    let csp = h["content-security-policy"].to_str().unwrap().to_string();
    for directive in [
        "frame-ancestors 'none'",
        "'wasm-unsafe-eval'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ] {
        assert!(csp.contains(directive), "{directive} missing in {csp}");
    }
    assert_eq!(h["cross-origin-opener-policy"], "same-origin");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "same-origin");
    assert!(h.get("x-request-id").is_some());
    assert!(
        h.get("strict-transport-security").is_none(),
        "no HSTS over plain http"
    );
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap()
        .to_string();
    let html = res.text().await.unwrap();
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the hydration script carries the nonce"
    );
    // Another request, another nonce.
    let res2 = app.client().get("/anmelden").await;
    assert!(!res2.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains(&nonce));
}

async fn readyz_reports_the_database_and_healthz_only_the_process(backend: Backend) {
    let app = TestApp::start(backend).await;
    let res = app.client().get("/readyz").await;
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    let name = if backend == Backend::Sqlite {
        "sqlite"
    } else {
        "postgres"
    };
    assert_eq!(
        body,
        serde_json::json!({ "status": "ok", "database": name })
    );
    app.db.close().await;
    let res = app.client().get("/readyz").await;
    assert_eq!(res.status(), 503);
    // Liveness does not depend on the database.
    let res = app.client().get("/healthz").await;
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body, serde_json::json!({ "status": "ok" }));
}

async fn over_https_cookies_are_secure_and_hsts_is_sent(backend: Backend) {
    let app = TestApp::start_with(backend, true).await;
    let c = app.client();
    let res = c.login("zentrale", crate::common::DEMO_PASSWORD).await;
    assert_eq!(res.status(), 200);
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("__Host-kt_sitzung="), "{cookie}");
    for part in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(part), "{part} missing in {cookie}");
    }
    assert!(
        !cookie.contains("Domain="),
        "__Host- cookies carry no Domain"
    );
    assert!(res.headers()["strict-transport-security"]
        .to_str()
        .unwrap()
        .contains("max-age="));
}

async fn internal_errors_show_a_correlation_id_and_no_details(backend: Backend) {
    let app = TestApp::start(backend).await;
    let c = app.signed_in("zentrale").await;
    // A broken query (the table is gone) while sessions still work.
    let db = &app.db;
    app::on_db!(db, pool => { sqlx::query("ALTER TABLE offices RENAME TO offices_weg").execute(pool).await.unwrap(); });
    let res = c.call("organisation/uebersicht", &[]).await;
    assert_eq!(res.status(), 500);
    let request_id = res.headers()["x-request-id"].to_str().unwrap().to_string();
    let body: serde_json::Value = res.json().await.unwrap();
    let expected = serde_json::json!({ "Internal": { "correlation_id": request_id } });
    assert_eq!(
        body, expected,
        "only the correlation id reaches the user, no internals"
    );
    let message = format!(
        "{}",
        app::error::AppError::Internal {
            correlation_id: request_id.clone()
        }
    );
    assert!(
        message.starts_with("Ein interner Fehler ist aufgetreten.")
            && message.ends_with(&request_id)
    );
}

async fn a_database_outage_gives_a_german_message_not_an_empty_page(backend: Backend) {
    let app = TestApp::start(backend).await;
    let c = app.signed_in("zentrale").await;
    app.db.close().await;
    // The page answers in German text ...
    let res = c.get("/organisation").await;
    assert_eq!(res.status(), 500);
    let request_id = res.headers()["x-request-id"].to_str().unwrap().to_string();
    let text = res.text().await.unwrap();
    assert!(
        text.contains("Ein interner Fehler ist aufgetreten"),
        "{text}"
    );
    assert!(text.contains(&request_id), "{text}");
    // ... the server function with the error the form shows as that German sentence:
    // the correlation id and nothing else – whether its session was still in memory
    // (SQLite) or could not be read either (PostgreSQL: without the listener for other
    // instances' changes the memory answers nothing).
    let res = c.call("organisation/uebersicht", &[]).await;
    assert_eq!(res.status(), 500);
    let request_id = res.headers()["x-request-id"].to_str().unwrap().to_string();
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(
        body,
        serde_json::json!({ "Internal": { "correlation_id": request_id } })
    );
}

/// Sends an upload's head and the first line of its multipart body (announcing 8 MB),
/// then waits for the answer without sending the rest: the server has to answer from the
/// head alone. Returns the answer's head.
async fn answer_before_the_body(base: &str, path: &str, cookie: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let host = base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
    let cookie = if cookie.is_empty() {
        String::new()
    } else {
        format!("Cookie: {cookie}\r\n")
    };
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nOrigin: {base}\r\n{cookie}\
         Content-Type: multipart/form-data; boundary=grenze\r\nContent-Length: 8000000\r\n\r\n\
         --grenze\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = vec![0u8; 4096];
    let n = tokio::time::timeout(std::time::Duration::from_secs(5), stream.read(&mut answer))
        .await
        .expect("the server waited for the body instead of answering from the head")
        .unwrap();
    String::from_utf8_lossy(&answer[..n]).to_lowercase()
}

async fn uploads_are_refused_before_their_body_is_read(backend: Backend) {
    let app = TestApp::start(backend).await;
    const IMPORT: &str = "/import/hochladen";
    let master_data = app::org::master_data_pages::UPLOAD_PATH;
    // Without a session: 401 (negative.rs reads the page that leads to the sign-in).
    for path in [IMPORT, master_data] {
        let answer = answer_before_the_body(&app.base, path, "").await;
        assert!(answer.starts_with("http/1.1 401"), "{path}: {answer}");
    }
    // Signed in, but without the right: refused. The RD reviewer files no orders, the
    // agency administrator reads in no master data.
    let rd = app.signed_in("rd-nord").await;
    let answer = answer_before_the_body(&app.base, IMPORT, &rd.cookies()).await;
    assert!(answer.starts_with("http/1.1 403"), "{answer}");
    let aa = app.signed_in("aa-kiel").await;
    let answer = answer_before_the_body(&app.base, master_data, &aa.cookies()).await;
    assert!(answer.starts_with("http/1.1 403"), "{answer}");
    // Whoever may upload is read to the end (the server waits for the body).
    let z = app.signed_in("zentrale").await;
    let waits = tokio::time::timeout(
        std::time::Duration::from_millis(500),
        answer_before_the_body(&app.base, master_data, &z.cookies()),
    )
    .await;
    assert!(waits.is_err(), "the Zentrale's upload is read, not refused");
}

both_databases!(
    uploads_are_refused_before_their_body_is_read,
    a_database_outage_gives_a_german_message_not_an_empty_page,
    over_https_cookies_are_secure_and_hsts_is_sent,
    internal_errors_show_a_correlation_id_and_no_details,
    every_server_function_refuses_anonymous_callers,
    cross_origin_writes_are_refused,
    no_state_change_on_get_and_bodies_are_limited,
    pages_carry_security_headers_and_a_nonce,
    readyz_reports_the_database_and_healthz_only_the_process,
);
