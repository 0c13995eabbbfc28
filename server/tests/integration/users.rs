//! User administration: the Zentrale creates, changes, locks and resets accounts through
//! the server functions; one-time passwords must be changed first; nobody changes their
//! own roles and the last active Zentrale stays; every other role is refused.

use crate::both_databases;
use crate::common::{new_token, Backend, Client, TestApp, DEMO_PASSWORD};
use app::domain::user_admin::AccountChange;
use app::error::AppError;
use app::services::password::PasswordHasher;
use app::services::users::{apply, ChangeBy};
use serde_json::Value;

const NEW_PASSWORD: &str = "Eigenes-Passwort-2027";

async fn detail(zentrale: &Client, name: &str) -> Value {
    let (status, d) = zentrale
        .call_json("benutzer/konto", &[("benutzername", name)])
        .await;
    assert_eq!(status, 200, "{d}");
    d
}

async fn change(
    zentrale: &Client,
    name: &str,
    action: &str,
    extra: &[(&str, &str)],
) -> (u16, Value) {
    let revision = detail(zentrale, name).await["revision"].to_string();
    let mut form = vec![
        ("benutzername", name),
        ("revision", revision.as_str()),
        ("aktion", action),
    ];
    form.extend_from_slice(extra);
    zentrale.call_json("benutzer/aendern", &form).await
}

fn signed_in_name(me: &Value) -> Option<&str> {
    me["SignedIn"]["username"].as_str()
}

async fn the_zentrale_creates_an_account_that_must_change_its_one_time_password(backend: Backend) {
    let app = TestApp::start(backend).await;
    let zentrale = app.signed_in("zentrale").await;
    let (status, err) = zentrale
        .call_json(
            "benutzer/anlegen",
            &[
                ("benutzername", "A"),
                ("anzeigename", " "),
                ("email", "keine-adresse"),
                ("rolle", "rim"),
                ("geltungsbereich", "agentur:kiel"),
            ],
        )
        .await;
    assert_eq!(status, 422, "{err}");
    assert_eq!(
        crate::common::invalid_fields(&err),
        ["benutzername", "anzeigename", "email", "geltungsbereich"]
    );
    let (status, taken) = zentrale
        .call_json(
            "benutzer/anlegen",
            &[
                ("benutzername", "aa-kiel"),
                ("anzeigename", "Noch einmal"),
                ("email", ""),
                ("rolle", "agentur-admin"),
                ("geltungsbereich", "agentur:kiel"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert!(taken.to_string().contains("bereits vergeben"), "{taken}");

    let (status, created) = zentrale
        .call_json(
            "benutzer/anlegen",
            &[
                ("benutzername", "aa-kiel-2"),
                ("anzeigename", "Erika Mustermann"),
                ("email", "erika.mustermann@arbeitsagentur.de"),
                ("rolle", "agentur-admin"),
                ("geltungsbereich", "agentur:kiel"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{created}");
    let one_time = created["password"].as_str().unwrap().to_string();
    assert_eq!(one_time.len(), 19, "{one_time}");
    // Stored only as a hash; the audit record never carries it.
    let row = app::db::users::find_by_username(&app.db, "aa-kiel-2")
        .await
        .unwrap()
        .unwrap();
    assert!(row.must_change_password && row.password_hash.starts_with("$argon2id$"));
    let log = app::db::audit::of_object(&app.db, "benutzer:aa-kiel-2", 10)
        .await
        .unwrap();
    assert_eq!(log[0].action, "benutzer-angelegt");
    assert_eq!(log[0].actor_name, "zentrale");
    assert!(
        log[0].detail.contains("Agentur für Arbeit Kiel"),
        "{:?}",
        log[0]
    );
    assert!(!log.iter().any(|l| l.detail.contains(&one_time)));

    // Signed in with it, nothing but the password change is open.
    let person = app.client();
    assert_eq!(person.login("aa-kiel-2", &one_time).await.status(), 200);
    let (_, me) = person.call_json("sitzung", &[]).await;
    assert_eq!(me["SignedIn"]["must_change_password"], true, "{me}");
    let (status, err) = person.call_json("schluessel", &[]).await;
    assert_eq!(
        (status, err),
        (403, Value::String("PasswordChangeRequired".into()))
    );
    let page = person.get("/auftraege").await;
    assert_eq!(page.status(), 302);
    assert_eq!(
        page.headers()["location"],
        "/passwort?grund=einmalpasswort",
        "the page sends the person on"
    );
    let (status, _) = person
        .call_json(
            "passwort",
            &[
                ("aktuelles_passwort", &one_time),
                ("neues_passwort", NEW_PASSWORD),
                ("bestaetigung", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let (_, me) = person.call_json("sitzung", &[]).await;
    assert_eq!(me["SignedIn"]["must_change_password"], false, "{me}");
    assert_eq!(person.call_json("schluessel", &[]).await.0, 200);
    // The one-time password is gone with the change.
    assert_eq!(
        app.client().login("aa-kiel-2", &one_time).await.status(),
        401
    );

    // The list finds the account by name, role and scope, and shows its roles.
    for filter in [
        vec![("suche", "mustermann")],
        vec![
            ("rolle", "agentur-admin"),
            ("geltungsbereich", "agentur:kiel"),
        ],
        vec![("geltungsbereich", "rd:nord")],
    ] {
        let (status, list) = zentrale.call_json("benutzer", &filter).await;
        assert_eq!(status, 200, "{list}");
        let users = list["users"].as_array().unwrap();
        let found = users.iter().find(|u| u["username"] == "aa-kiel-2");
        let found = found.unwrap_or_else(|| panic!("{filter:?}: {list}"));
        assert_eq!(
            found["roles"][0],
            "Agentur-Administrator/in – Agentur für Arbeit Kiel"
        );
        assert_eq!(found["status"], "aktiv");
    }
    let (_, list) = zentrale
        .call_json("benutzer", &[("geltungsbereich", "rd:bayern")])
        .await;
    assert!(!list.to_string().contains("aa-kiel-2"), "{list}");
    let (_, list) = zentrale
        .call_json("benutzer", &[("rolle", "zentrale")])
        .await;
    let names: Vec<_> = list["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].clone())
        .collect();
    assert_eq!(names, [Value::from("zentrale")]);
}

async fn roles_locks_and_resets_are_audited_and_take_effect_at_once(backend: Backend) {
    let app = TestApp::start(backend).await;
    let zentrale = app.signed_in("zentrale").await;
    let kiel = app.signed_in("aa-kiel").await;
    let token = new_token(&kiel, "Skript", "30").await;
    let bearer = |t: &str| {
        reqwest::Client::new()
            .get(format!("{}/api/v1/auftraege", app.base))
            .bearer_auth(t.to_string())
            .send()
    };
    assert_eq!(bearer(&token).await.unwrap().status(), 200);

    // Grant: the session sees the new role on its next request.
    let (status, _) = change(
        &zentrale,
        "aa-kiel",
        "rolle-geben",
        &[("rolle", "rd-pruefer"), ("geltungsbereich", "rd:nord")],
    )
    .await;
    assert_eq!(status, 200);
    let (_, me) = kiel.call_json("sitzung", &[]).await;
    assert_eq!(me["SignedIn"]["roles"].as_array().unwrap().len(), 2, "{me}");
    let (status, err) = change(
        &zentrale,
        "aa-kiel",
        "rolle-geben",
        &[("rolle", "rd-pruefer"), ("geltungsbereich", "rd:nord")],
    )
    .await;
    assert_eq!(status, 409, "{err}");
    let (status, err) = change(
        &zentrale,
        "aa-kiel",
        "rolle-geben",
        &[("rolle", "rim"), ("geltungsbereich", "agentur:kiel")],
    )
    .await;
    assert_eq!(status, 422, "{err}");
    // A stale revision is refused, whatever the change.
    let (status, err) = zentrale
        .call_json(
            "benutzer/aendern",
            &[
                ("benutzername", "aa-kiel"),
                ("revision", "1"),
                ("aktion", "sperren"),
            ],
        )
        .await;
    assert_eq!(status, 409);
    assert!(err.to_string().contains("inzwischen"), "{err}");
    let (status, _) = change(
        &zentrale,
        "aa-kiel",
        "rolle-entziehen",
        &[("rolle", "rd-pruefer"), ("geltungsbereich", "rd:nord")],
    )
    .await;
    assert_eq!(status, 200);
    let (_, me) = kiel.call_json("sitzung", &[]).await;
    assert_eq!(me["SignedIn"]["roles"].as_array().unwrap().len(), 1, "{me}");

    // Reset: the sessions and the API tokens end; the one-time password signs in once.
    let (status, set) = change(&zentrale, "aa-kiel", "passwort-zuruecksetzen", &[]).await;
    assert_eq!(status, 200, "{set}");
    let one_time = set["password"].as_str().unwrap().to_string();
    assert_eq!(
        signed_in_name(&kiel.call_json("sitzung", &[]).await.1),
        None
    );
    assert_eq!(bearer(&token).await.unwrap().status(), 401);
    assert_eq!(
        app.client().login("aa-kiel", DEMO_PASSWORD).await.status(),
        401
    );
    let again = app.client();
    assert_eq!(again.login("aa-kiel", &one_time).await.status(), 200);

    // Lock: the session ends at once, and signing in is refused.
    let (status, _) = change(&zentrale, "aa-kiel", "sperren", &[]).await;
    assert_eq!(status, 200);
    assert_eq!(
        signed_in_name(&again.call_json("sitzung", &[]).await.1),
        None
    );
    let (status, err) = app
        .client()
        .call_json(
            "anmelden",
            &[("benutzername", "aa-kiel"), ("passwort", &one_time)],
        )
        .await;
    assert_eq!((status, err), (403, Value::String("AccountLocked".into())));
    let (status, err) = change(&zentrale, "aa-kiel", "sperren", &[]).await;
    assert_eq!(status, 409, "{err}");
    let (status, _) = change(&zentrale, "aa-kiel", "entsperren", &[]).await;
    assert_eq!(status, 200);

    let d = detail(&zentrale, "aa-kiel").await;
    let actions: Vec<&str> = d["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action"].as_str().unwrap())
        .collect();
    for expected in [
        "rolle-erteilt",
        "rolle-entzogen",
        "passwort-zurueckgesetzt",
        "benutzer-gesperrt",
        "benutzer-entsperrt",
    ] {
        assert!(actions.contains(&expected), "{expected}: {actions:?}");
    }
    let granted = d["history"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["action"] == "rolle-erteilt")
        .unwrap();
    assert!(
        granted["detail"]
            .as_str()
            .unwrap()
            .contains("vorher: Agentur-Administrator/in (Agentur für Arbeit Kiel); nachher:"),
        "{granted}"
    );
    let reset = d["history"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["action"] == "passwort-zurueckgesetzt")
        .unwrap();
    assert!(
        reset["detail"]
            .as_str()
            .unwrap()
            .contains("1 API-Schlüssel widerrufen"),
        "{reset}"
    );
    assert!(
        !d.to_string().contains(&one_time),
        "the password is shown once, not in the history"
    );
}

async fn nobody_administers_their_own_account_and_the_last_zentrale_stays(backend: Backend) {
    let app = TestApp::start(backend).await;
    let zentrale = app.signed_in("zentrale").await;
    for (action, extra) in [
        ("sperren", vec![]),
        ("passwort-zuruecksetzen", vec![]),
        (
            "rolle-entziehen",
            vec![("rolle", "zentrale"), ("geltungsbereich", "ba")],
        ),
        (
            "rolle-geben",
            vec![("rolle", "rim"), ("geltungsbereich", "rd:nord")],
        ),
    ] {
        let (status, err) = change(&zentrale, "zentrale", action, &extra).await;
        assert_eq!(status, 403, "{action}: {err}");
        assert!(err.to_string().contains("eigene"), "{action}: {err}");
    }
    // The operator at the command line goes through the same rules.
    let hasher = PasswordHasher::default();
    let by = ChangeBy::CommandLine;
    let zentrale_role = app::domain::policy::Assignment::new(
        app::domain::policy::Role::Zentrale,
        app::domain::policy::Scope::All,
    )
    .unwrap();
    for last in [AccountChange::Lock, AccountChange::Revoke(zentrale_role)] {
        match apply(&app.db, &hasher, &by, "zentrale", last, None).await {
            Err(AppError::Conflict(m)) => assert!(m.contains("letzte aktive"), "{m}"),
            other => panic!("{last:?}: {other:?}"),
        }
    }
    // With a second Zentrale, the first may go, and then the second is the last.
    let (status, _) = change(
        &zentrale,
        "rd-nord",
        "rolle-geben",
        &[("rolle", "zentrale"), ("geltungsbereich", "ba")],
    )
    .await;
    assert_eq!(status, 200);
    let (status, err) = change(&zentrale, "rd-nord", "sperren", &[]).await;
    assert_eq!(status, 200, "{err}");
    let (status, err) = change(&zentrale, "rd-nord", "entsperren", &[]).await;
    assert_eq!(status, 200, "{err}");
    apply(&app.db, &hasher, &by, "zentrale", AccountChange::Lock, None)
        .await
        .unwrap();
    assert!(matches!(
        apply(&app.db, &hasher, &by, "rd-nord", AccountChange::Lock, None).await,
        Err(AppError::Conflict(_))
    ));
    let log = app::db::audit::of_object(&app.db, "benutzer:zentrale", 1)
        .await
        .unwrap();
    assert_eq!(
        (log[0].action.as_str(), log[0].actor_name.as_str()),
        ("benutzer-gesperrt", "kommandozeile")
    );
}

async fn every_other_role_is_refused_user_administration(backend: Backend) {
    let app = TestApp::start(backend).await;
    let calls: [(&str, &[(&str, &str)]); 5] = [
        ("benutzer", &[]),
        ("benutzer/auswahl", &[]),
        ("benutzer/konto", &[("benutzername", "aa-kiel")]),
        (
            "benutzer/anlegen",
            &[
                ("benutzername", "eindringling"),
                ("anzeigename", "X"),
                ("email", ""),
                ("rolle", "zentrale"),
                ("geltungsbereich", "ba"),
            ],
        ),
        (
            "benutzer/aendern",
            &[
                ("benutzername", "zentrale"),
                ("revision", "1"),
                ("aktion", "sperren"),
            ],
        ),
    ];
    for user in ["aa-kiel", "rd-nord", "rim-nord", "aa-muenchen", "rd-bayern"] {
        let c = app.signed_in(user).await;
        for (endpoint, form) in calls {
            let (status, err) = c.call_json(endpoint, form).await;
            assert_eq!(status, 403, "{user} {endpoint}: {err}");
        }
    }
    let zentrale = app.signed_in("zentrale").await;
    for (endpoint, form) in &calls[..3] {
        assert_eq!(
            zentrale.call_json(endpoint, form).await.0,
            200,
            "{endpoint}"
        );
    }
    assert!(app::db::users::find_by_username(&app.db, "eindringling")
        .await
        .unwrap()
        .is_none());
    let denials = app::db::audit::page(
        &app.db,
        &app::db::audit::AuditFilter {
            action: "zugriff".into(),
            ..Default::default()
        },
        100,
    )
    .await
    .unwrap();
    assert!(
        denials.len() >= 25,
        "every refusal is audited: {}",
        denials.len()
    );
}

async fn an_expired_one_time_password_no_longer_signs_in(backend: Backend) {
    let app = TestApp::start(backend).await;
    let zentrale = app.signed_in("zentrale").await;
    let (_, set) = change(&zentrale, "rim-nord", "passwort-zuruecksetzen", &[]).await;
    let one_time = set["password"].as_str().unwrap().to_string();
    let eight_days_ago = time::OffsetDateTime::now_utc() - time::Duration::days(8);
    let db = &app.db;
    app::on_db!(db, pool => sqlx::query("UPDATE users SET password_changed_at = $1 WHERE username = 'rim-nord'")
        .bind(eight_days_ago).execute(pool).await.map(|_| ())).unwrap();
    let (status, err) = app
        .client()
        .call_json(
            "anmelden",
            &[("benutzername", "rim-nord"), ("passwort", &one_time)],
        )
        .await;
    assert_eq!(
        (status, err),
        (403, Value::String("OneTimePasswordExpired".into()))
    );
}

async fn a_password_change_ends_other_sessions_and_api_tokens(backend: Backend) {
    let app = TestApp::start(backend).await;
    let here = app.signed_in("rim-nord").await;
    let elsewhere = app.signed_in("rim-nord").await;
    let token = new_token(&here, "RIM-Skript", "30").await;
    let (status, _) = here
        .call_json(
            "passwort",
            &[
                ("aktuelles_passwort", DEMO_PASSWORD),
                ("neues_passwort", NEW_PASSWORD),
                ("bestaetigung", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        signed_in_name(&here.call_json("sitzung", &[]).await.1),
        Some("rim-nord")
    );
    assert_eq!(
        signed_in_name(&elsewhere.call_json("sitzung", &[]).await.1),
        None
    );
    let res = reqwest::Client::new()
        .get(format!("{}/api/v1/auftraege", app.base))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401, "the token ended with the old password");
    let (_, page) = here.call_json("schluessel", &[]).await;
    assert_eq!(page["tokens"][0]["status"], "widerrufen", "{page}");
}

async fn a_new_api_token_needs_the_password_and_guessing_it_is_throttled(backend: Backend) {
    let app = TestApp::start(backend).await;
    let c = app.signed_in("aa-muenchen").await;
    let (status, err) = c
        .call_json("schluessel/anlegen", &[("name", "Skript"), ("tage", "30")])
        .await;
    assert_eq!(status, 422, "{err}");
    assert_eq!(crate::common::invalid_fields(&err), ["passwort"]);
    for _ in 0..5 {
        let (status, err) = c
            .call_json(
                "schluessel/anlegen",
                &[
                    ("name", "Skript"),
                    ("tage", "30"),
                    ("passwort", "geraten-geraten"),
                ],
            )
            .await;
        assert_eq!(status, 422, "{err}");
        assert!(err.to_string().contains("falsch"), "{err}");
    }
    // Now even the right password is not checked: guesses count like sign-ins.
    let (status, err) = c
        .call_json(
            "schluessel/anlegen",
            &[
                ("name", "Skript"),
                ("tage", "30"),
                ("passwort", DEMO_PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        (status, err),
        (429, Value::String("TooManyAttempts".into()))
    );
    let (_, page) = c.call_json("schluessel", &[]).await;
    assert_eq!(page["tokens"], Value::Array(vec![]), "no token was made");
    let log = app::db::audit::page(
        &app.db,
        &app::db::audit::AuditFilter {
            action: "passwort-bestaetigung".into(),
            ..Default::default()
        },
        20,
    )
    .await
    .unwrap();
    assert_eq!(log.len(), 6, "five failures and the throttled try: {log:?}");
    assert!(log.iter().all(|l| !l.detail.contains("geraten")));
}

/// Two administrators lock the last two Zentrale accounts at the same moment: exactly one
/// lock goes through, whatever the interleaving (PostgreSQL serialises these changes, the
/// SQLite writer holds the file).
async fn two_simultaneous_locks_never_leave_no_active_zentrale(backend: Backend) {
    let app = TestApp::start(backend).await;
    let hasher = PasswordHasher::default();
    let by = ChangeBy::CommandLine;
    let zentrale = app::domain::policy::Assignment::new(
        app::domain::policy::Role::Zentrale,
        app::domain::policy::Scope::All,
    )
    .unwrap();
    apply(
        &app.db,
        &hasher,
        &by,
        "rd-nord",
        AccountChange::Grant(zentrale),
        None,
    )
    .await
    .unwrap();
    for round in 0..20 {
        let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(2));
        let lock = |name: &'static str| {
            let (db, hasher, barrier) = (app.db.clone(), hasher.clone(), barrier.clone());
            tokio::spawn(async move {
                barrier.wait().await;
                apply(
                    &db,
                    &hasher,
                    &ChangeBy::CommandLine,
                    name,
                    AccountChange::Lock,
                    None,
                )
                .await
            })
        };
        let (a, b) = (lock("zentrale"), lock("rd-nord"));
        let results = [a.await.unwrap(), b.await.unwrap()];
        let locked: Vec<_> = results.iter().filter(|r| r.is_ok()).collect();
        assert_eq!(locked.len(), 1, "round {round}: {results:?}");
        assert!(
            results
                .iter()
                .any(|r| matches!(r, Err(AppError::Conflict(m)) if m.contains("letzte aktive"))),
            "round {round}: {results:?}"
        );
        for name in ["zentrale", "rd-nord"] {
            // Unlock whichever was locked for the next round.
            let _ = apply(&app.db, &hasher, &by, name, AccountChange::Unlock, None).await;
        }
    }
}

both_databases!(
    two_simultaneous_locks_never_leave_no_active_zentrale,
    a_new_api_token_needs_the_password_and_guessing_it_is_throttled,
    the_zentrale_creates_an_account_that_must_change_its_one_time_password,
    roles_locks_and_resets_are_audited_and_take_effect_at_once,
    nobody_administers_their_own_account_and_the_last_zentrale_stays,
    every_other_role_is_refused_user_administration,
    an_expired_one_time_password_no_longer_signs_in,
    a_password_change_ends_other_sessions_and_api_tokens,
);
