use crate::both_databases;
use crate::common::{Backend, TestApp, DEMO_PASSWORD};
use app::db::audit;
use serde_json::Value;

fn signed_in_as(v: &Value) -> Option<String> {
    v.get("SignedIn")
        .and_then(|m| m.get("username"))
        .and_then(|u| u.as_str())
        .map(str::to_string)
}

async fn login_logout_and_session_id_cycles(backend: Backend) {
    let app = TestApp::start(backend).await;
    let c = app.client();
    let (status, me) = c.call_json("sitzung", &[]).await;
    assert_eq!((status, me), (200, Value::String("SignedOut".into())));

    let res = c.login("aa-kiel", DEMO_PASSWORD).await;
    assert_eq!(res.status(), 200);
    assert!(
        res.headers().get("serverfnredirect").is_some(),
        "the app is told to go to the start page"
    );
    let set_cookie = res
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(set_cookie.starts_with("kt_sitzung="), "{set_cookie}");
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
        "{set_cookie}"
    );
    let first = c.cookies();
    let (_, me) = c.call_json("sitzung", &[]).await;
    assert_eq!(signed_in_as(&me).as_deref(), Some("aa-kiel"));

    // Signing in again (e.g. as someone else on the same browser) gets a new session id.
    assert_eq!(c.login("rd-nord", DEMO_PASSWORD).await.status(), 200);
    let second = c.cookies();
    assert_ne!(first, second, "session id must change on every login");
    let (_, me) = c.call_json("sitzung", &[]).await;
    assert_eq!(signed_in_as(&me).as_deref(), Some("rd-nord"));

    // The old session id is worthless now.
    let old = app.client();
    old.jar
        .add_cookie_str(&format!("{first}; Path=/"), &app.base.parse().unwrap());
    let (_, me) = old.call_json("sitzung", &[]).await;
    assert_eq!(signed_in_as(&me), None);

    let (status, _) = c.call_json("auftraege", &[]).await;
    assert_eq!(status, 200, "signed in, the list answers");
    let before_logout = c.cookies();
    let res = c.call("abmelden", &[]).await;
    assert_eq!(res.status(), 200);
    let (_, me) = c.call_json("sitzung", &[]).await;
    assert_eq!(signed_in_as(&me), None);

    // The cookie sent again after logout: the server forgot the session, not only this
    // client. A server function, the JSON API and a page all refuse it.
    let replay = app.client();
    replay.jar.add_cookie_str(
        &format!("{before_logout}; Path=/"),
        &app.base.parse().unwrap(),
    );
    assert_eq!(replay.cookies(), before_logout);
    let (status, _) = replay.call_json("auftraege", &[]).await;
    assert_eq!(status, 401);
    let api = replay
        .http
        .get(format!("{}/api/v1/auftraege", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 401);
    let page = replay.get("/auftraege").await;
    assert!(page.status().is_redirection(), "{}", page.status());
    let location = page.headers()["location"].to_str().unwrap();
    assert!(location.starts_with("/anmelden"), "{location}");
}

async fn wrong_password_and_unknown_user_get_the_same_answer(backend: Backend) {
    let app = TestApp::start(backend).await;
    let c = app.client();
    let (s1, e1) = c
        .call_json(
            "anmelden",
            &[("benutzername", "aa-kiel"), ("passwort", "falsch-falsch")],
        )
        .await;
    let (s2, e2) = c
        .call_json(
            "anmelden",
            &[
                ("benutzername", "gibt-es-nicht"),
                ("passwort", "falsch-falsch"),
            ],
        )
        .await;
    assert_eq!((s1, s2), (401, 401));
    assert_eq!(e1, e2);
    assert_eq!(e1, Value::String("InvalidCredentials".into()));
    assert!(c.cookies().is_empty(), "no session for a failed login");
}

async fn bad_input_gets_field_errors(backend: Backend) {
    let app = TestApp::start(backend).await;
    let c = app.client();
    let (status, err) = c
        .call_json("anmelden", &[("benutzername", ""), ("passwort", "")])
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        crate::common::invalid_fields(&err),
        ["benutzername", "passwort"]
    );
    let long = "x".repeat(10_000);
    let (status, err) = c
        .call_json("anmelden", &[("benutzername", &long), ("passwort", &long)])
        .await;
    assert_eq!(status, 422);
    assert!(err.to_string().contains("höchstens"), "{err}");
    // Nothing was recorded as a login attempt for malformed input.
    let rows = audit::recent(&app.db, 10).await.unwrap();
    assert!(rows.is_empty(), "{rows:?}");
}

/// A lock as `konfigurationstool user lock` makes it: outside the running server.
async fn lock_from_the_command_line(app: &TestApp, username: &str) {
    app::services::users::apply(
        &app.db,
        &app::services::password::PasswordHasher::default(),
        &app::services::users::ChangeBy::CommandLine,
        username,
        app::domain::user_admin::AccountChange::Lock,
        None,
    )
    .await
    .unwrap();
}

async fn a_locked_user_is_refused_and_their_sessions_end(backend: Backend) {
    let app = TestApp::start(backend).await;
    let c = app.signed_in("rim-nord").await;
    lock_from_the_command_line(&app, "rim-nord").await;
    crate::common::past_cache_window().await;
    let (_, me) = c.call_json("sitzung", &[]).await;
    assert_eq!(
        signed_in_as(&me),
        None,
        "a user locked outside the server loses the session within the cache's time to live"
    );
    let (status, err) = app
        .client()
        .call_json(
            "anmelden",
            &[("benutzername", "rim-nord"), ("passwort", DEMO_PASSWORD)],
        )
        .await;
    assert_eq!((status, err), (403, Value::String("AccountLocked".into())));
    // The wrong password on a locked account says nothing about the lock.
    let (status, _) = app
        .client()
        .call_json(
            "anmelden",
            &[("benutzername", "rim-nord"), ("passwort", "falsch-falsch")],
        )
        .await;
    assert_eq!(status, 401);
}

async fn without_the_memory_a_lock_counts_at_once(backend: Backend) {
    let app = TestApp::start_uncached(backend).await;
    let c = app.signed_in("rim-nord").await;
    let (_, me) = c.call_json("sitzung", &[]).await;
    assert_eq!(signed_in_as(&me).as_deref(), Some("rim-nord"));
    lock_from_the_command_line(&app, "rim-nord").await;
    let (_, me) = c.call_json("sitzung", &[]).await;
    assert_eq!(signed_in_as(&me), None, "KT_CACHE_SECONDS=0: no delay");
}

async fn an_ended_session_is_reported_as_expired(backend: Backend) {
    let app = TestApp::start(backend).await;
    let c = app.signed_in("aa-muenchen").await;
    // The server forgets the session, as after 30 minutes idle.
    match &app.sessions {
        app::db::Db::Sqlite(pool) => {
            sqlx::query("DELETE FROM tower_sessions")
                .execute(pool)
                .await
                .unwrap();
        }
        app::db::Db::Postgres(pool) => {
            sqlx::query("DELETE FROM tower_sessions.session")
                .execute(pool)
                .await
                .unwrap();
        }
    }
    crate::common::past_cache_window().await;
    // Each of these is the first request a browser makes with its stale cookie.
    let stale = c.cookies();
    let with_stale_cookie = || {
        let other = app.client();
        other
            .jar
            .add_cookie_str(&format!("{stale}; Path=/"), &app.base.parse().unwrap());
        other
    };
    let res = with_stale_cookie().get("/").await;
    assert_eq!(res.status(), 302);
    assert_eq!(res.headers()["location"], "/anmelden?grund=abgelaufen");
    let (_, me) = with_stale_cookie().call_json("sitzung", &[]).await;
    assert_eq!(me, Value::String("Expired".into()));
    let (status, err) = with_stale_cookie().call_json("start", &[]).await;
    assert_eq!((status, err), (401, Value::String("SessionExpired".into())));
}

async fn password_change_checks_and_ends_other_sessions(backend: Backend) {
    let app = TestApp::start(backend).await;
    let here = app.signed_in("aa-kiel").await;
    let elsewhere = app.signed_in("aa-kiel").await;
    let new = "Neues-Passwort-2027";
    let (status, err) = here
        .call_json(
            "passwort",
            &[
                ("aktuelles_passwort", "falsch"),
                ("neues_passwort", new),
                ("bestaetigung", new),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(err["Validation"][0]["field"], "aktuelles_passwort");
    let (status, err) = here
        .call_json(
            "passwort",
            &[
                ("aktuelles_passwort", DEMO_PASSWORD),
                ("neues_passwort", "kurz"),
                ("bestaetigung", "anders"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        crate::common::invalid_fields(&err),
        ["neues_passwort", "bestaetigung"]
    );

    let res = here
        .call(
            "passwort",
            &[
                ("aktuelles_passwort", DEMO_PASSWORD),
                ("neues_passwort", new),
                ("bestaetigung", new),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    let (_, me) = here.call_json("sitzung", &[]).await;
    assert_eq!(
        signed_in_as(&me).as_deref(),
        Some("aa-kiel"),
        "this session continues"
    );
    let (_, me) = elsewhere.call_json("sitzung", &[]).await;
    assert_eq!(signed_in_as(&me), None, "other sessions end");
    assert_eq!(
        app.client().login("aa-kiel", DEMO_PASSWORD).await.status(),
        401
    );
    assert_eq!(app.client().login("aa-kiel", new).await.status(), 200);
}

async fn audit_records_logins_logouts_and_denials_without_passwords(backend: Backend) {
    let app = TestApp::start(backend).await;
    let c = app.client();
    c.login("aa-kiel", "ganz-falsches-Passwort").await;
    c.login("aa-kiel", DEMO_PASSWORD).await;
    c.call("organisation/agentur", &[("code", "muenchen")])
        .await;
    c.call("abmelden", &[]).await;
    let rows = audit::recent(&app.db, 50).await.unwrap();
    let seen: Vec<(String, String)> = rows
        .iter()
        .rev()
        .map(|r| (r.action.clone(), r.outcome.clone()))
        .collect();
    assert_eq!(
        seen,
        [
            ("anmeldung", "fehlgeschlagen"),
            ("anmeldung", "erfolg"),
            ("zugriff", "verweigert"),
            ("abmeldung", "erfolg"),
        ]
        .map(|(a, o)| (a.to_string(), o.to_string()))
    );
    for r in &rows {
        assert_eq!(r.actor_name, "aa-kiel");
        assert_eq!(r.client, "127.0.0.1");
        assert_ne!(r.request_id, "-", "every record carries the request id");
        let all = format!("{} {} {}", r.object, r.detail, r.actor_name);
        assert!(
            !all.contains(DEMO_PASSWORD) && !all.contains("ganz-falsches"),
            "no password in the log"
        );
    }
    assert_eq!(
        rows.iter().find(|r| r.action == "zugriff").unwrap().object,
        "agentur:muenchen"
    );
}

both_databases!(
    without_the_memory_a_lock_counts_at_once,
    login_logout_and_session_id_cycles,
    wrong_password_and_unknown_user_get_the_same_answer,
    bad_input_gets_field_errors,
    a_locked_user_is_refused_and_their_sessions_end,
    an_ended_session_is_reported_as_expired,
    password_change_checks_and_ends_other_sessions,
    audit_records_logins_logouts_and_denials_without_passwords,
);
