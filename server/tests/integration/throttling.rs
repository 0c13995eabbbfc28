//! Sign-in throttling: per account and client, per account, per client; counted before
//! the password is checked; the client read from X-Forwarded-For only behind a trusted
//! proxy (KT_TRUSTED_PROXIES).

use crate::both_databases;
use crate::common::{Backend, Client, TestApp, DEMO_PASSWORD};
use app::db::audit::{self, AuditRow};
use app::domain::login_rules::{ACCOUNT_FROM_CLIENT_LIMIT, ACCOUNT_LIMIT};
use serde_json::Value;
use std::sync::Arc;
use std::time::Instant;

async fn sign_in(c: &Client, username: &str, password: &str) -> u16 {
    let form = [("benutzername", username), ("passwort", password)];
    c.call_json("anmelden", &form).await.0
}

async fn audit_rows(app: &TestApp) -> Vec<AuditRow> {
    audit::recent(&app.db, 500).await.unwrap()
}

async fn throttling_per_account_and_client_answers_429(backend: Backend) {
    let app = TestApp::start(backend).await;
    let c = app.client();
    for _ in 0..ACCOUNT_FROM_CLIENT_LIMIT {
        assert_eq!(sign_in(&c, "rd-bayern", "falsch-falsch").await, 401);
    }
    // Even the right password is not checked now.
    let (status, err) = c
        .call_json(
            "anmelden",
            &[("benutzername", "rd-bayern"), ("passwort", DEMO_PASSWORD)],
        )
        .await;
    assert_eq!(status, 429);
    assert_eq!(err, Value::String("TooManyAttempts".into()));
    // Another user from the same client is still let in.
    assert_eq!(c.login("rd-nord", DEMO_PASSWORD).await.status(), 200);
    let rows = audit_rows(&app).await;
    assert!(rows.iter().any(|r| r.outcome == "gedrosselt"
        && r.object == "benutzer:rd-bayern"
        && r.detail == "TooManyForAccountFromClient"));
}

async fn throttling_per_client_answers_429(backend: Backend) {
    let app = TestApp::start(backend).await;
    let c = app.client();
    for i in 0..20 {
        let name = format!("unbekannt-{i}");
        assert_eq!(sign_in(&c, &name, "falsch-falsch").await, 401);
    }
    assert_eq!(sign_in(&c, "zentrale", DEMO_PASSWORD).await, 429);
}

/// Twenty guesses at once get exactly the budget's five password checks: each attempt
/// is counted before its password is checked, and the requests really overlapped.
async fn parallel_guesses_share_one_budget(backend: Backend) {
    let app = TestApp::start(backend).await;
    let c = Arc::new(app.client());
    let start = Arc::new(tokio::sync::Barrier::new(20));
    let guesses = (0..20).map(|_| {
        let (c, start) = (c.clone(), start.clone());
        tokio::spawn(async move {
            start.wait().await;
            let began = Instant::now();
            let status = sign_in(&c, "rd-bayern", "falsch-falsch").await;
            (status, began, Instant::now())
        })
    });
    let mut answers = Vec::new();
    for guess in guesses.collect::<Vec<_>>() {
        answers.push(guess.await.unwrap());
    }
    let most_in_flight = answers
        .iter()
        .map(|(_, began, _)| {
            let in_flight = |(_, b, e): &&(u16, Instant, Instant)| b <= began && began < e;
            answers.iter().filter(in_flight).count()
        })
        .max()
        .unwrap();
    assert!(
        most_in_flight > ACCOUNT_FROM_CLIENT_LIMIT as usize,
        "only {most_in_flight} guesses overlapped"
    );
    let checked = answers.iter().filter(|a| a.0 == 401).count();
    let refused = answers.iter().filter(|a| a.0 == 429).count();
    assert_eq!(
        (checked, refused),
        (
            ACCOUNT_FROM_CLIENT_LIMIT as usize,
            20 - ACCOUNT_FROM_CLIENT_LIMIT as usize
        )
    );
    let rows = audit_rows(&app).await;
    let failed = rows
        .iter()
        .filter(|r| r.outcome == "fehlgeschlagen")
        .count();
    assert_eq!(failed, ACCOUNT_FROM_CLIENT_LIMIT as usize);
}

/// Without a trusted proxy, X-Forwarded-For is whatever the client says: ignored.
async fn a_forged_forwarded_for_is_ignored(backend: Backend) {
    let app = TestApp::start(backend).await;
    for i in 0..ACCOUNT_FROM_CLIENT_LIMIT {
        let c = app.client_forwarded_for(&format!("198.51.100.{i}"));
        assert_eq!(sign_in(&c, "aa-kiel", "falsch-falsch").await, 401);
    }
    let c = app.client_forwarded_for("198.51.100.99");
    assert_eq!(sign_in(&c, "aa-kiel", DEMO_PASSWORD).await, 429);
    let rows = audit_rows(&app).await;
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r.client == "127.0.0.1"), "{rows:?}");
}

/// Behind a trusted proxy each client has its own budget: the guesser is held back, the
/// owner signs in, another client still gets its own checks; the audit names each.
async fn behind_a_trusted_proxy_clients_have_their_own_budget(backend: Backend) {
    let app = TestApp::start_behind_proxies(backend, "127.0.0.1/32, ::1").await;
    let guesser = app.client_forwarded_for("203.0.113.66");
    for _ in 0..ACCOUNT_FROM_CLIENT_LIMIT {
        assert_eq!(sign_in(&guesser, "aa-kiel", "falsch-falsch").await, 401);
    }
    assert_eq!(sign_in(&guesser, "aa-kiel", DEMO_PASSWORD).await, 429);

    let owner = app.client_forwarded_for("198.51.100.7");
    assert_eq!(sign_in(&owner, "aa-kiel", DEMO_PASSWORD).await, 200);
    let (_, me) = owner.call_json("sitzung", &[]).await;
    assert!(me.to_string().contains("aa-kiel"), "{me}");

    let colleague = app.client_forwarded_for("198.51.100.8");
    assert_eq!(sign_in(&colleague, "aa-kiel", "falsch-falsch").await, 401);

    let rows = audit_rows(&app).await;
    let outcome_of = |client: &str| -> Vec<&str> {
        let of_client = rows.iter().filter(|r| r.client == client);
        of_client.map(|r| r.outcome.as_str()).collect()
    };
    assert!(outcome_of("203.0.113.66").contains(&"gedrosselt"));
    assert_eq!(outcome_of("198.51.100.7"), ["erfolg"]);
    assert_eq!(outcome_of("198.51.100.8"), ["fehlgeschlagen"]);
    assert!(outcome_of("127.0.0.1").is_empty(), "{rows:?}");
}

/// Guessing spread over many clients meets the much higher limit of the account.
async fn the_account_limit_holds_across_many_clients(backend: Backend) {
    let app = TestApp::start_behind_proxies(backend, "127.0.0.1").await;
    let clients = ACCOUNT_LIMIT / ACCOUNT_FROM_CLIENT_LIMIT;
    for i in 0..clients {
        let c = app.client_forwarded_for(&format!("203.0.113.{i}"));
        for _ in 0..ACCOUNT_FROM_CLIENT_LIMIT {
            assert_eq!(sign_in(&c, "rd-nord", "falsch-falsch").await, 401);
        }
    }
    let owner = app.client_forwarded_for("198.51.100.7");
    assert_eq!(sign_in(&owner, "rd-nord", DEMO_PASSWORD).await, 429);
    // Other accounts are untouched.
    assert_eq!(sign_in(&owner, "rd-bayern", DEMO_PASSWORD).await, 200);
    let rows = audit_rows(&app).await;
    assert!(rows
        .iter()
        .any(|r| r.outcome == "gedrosselt" && r.detail == "TooManyForAccount"));
}

both_databases!(
    throttling_per_account_and_client_answers_429,
    throttling_per_client_answers_429,
    parallel_guesses_share_one_budget,
    a_forged_forwarded_for_is_ignored,
    behind_a_trusted_proxy_clients_have_their_own_budget,
    the_account_limit_holds_across_many_clients,
);
