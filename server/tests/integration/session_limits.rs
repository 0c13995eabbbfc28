//! The idle and absolute limits of a session, shortened to seconds by the same setting
//! the operator has (KT_SESSION_IDLE_MINUTES / KT_SESSION_MAX_HOURS), end to end
//! through the router: reading keeps a session alive, idling ends it, and the absolute
//! limit ends it however busy it is.

use crate::both_databases;
use crate::common::{Backend, TestApp};
use serde_json::Value;
use std::time::{Duration, Instant};

const SECOND: Duration = Duration::from_secs(1);

async fn reading_keeps_a_session_alive_and_idling_ends_it(backend: Backend) {
    let app = TestApp::start_with_session_limits(backend, 3 * SECOND, 60 * SECOND).await;
    let c = app.signed_in("aa-kiel").await;
    // Twice the idle limit, with a read every second: still signed in.
    let reading = Instant::now();
    while reading.elapsed() < 6 * SECOND {
        let (status, body) = c.call_json("start", &[]).await;
        assert_eq!(status, 200, "after {:?}: {body}", reading.elapsed());
        tokio::time::sleep(SECOND).await;
    }
    // Longer than the limit without a request: over. The browser drops the cookie at
    // its Max-Age; sent again, the server has ended the session too.
    let cookie = c.cookies();
    tokio::time::sleep(4 * SECOND + SECOND / 2).await;
    let (status, err) = c.call_json("start", &[]).await;
    assert_eq!(
        (status, err),
        (401, Value::String("NotAuthenticated".into()))
    );
    // Each a first request with the old cookie (the answer to it removes the cookie).
    let replayed = || {
        let other = app.client();
        let base = app.base.parse().unwrap();
        other
            .jar
            .add_cookie_str(&format!("{cookie}; Path=/"), &base);
        other
    };
    let (status, err) = replayed().call_json("start", &[]).await;
    assert_eq!((status, err), (401, Value::String("SessionExpired".into())));
    let res = replayed().get("/").await;
    assert_eq!(res.status(), 302);
    assert_eq!(res.headers()["location"], "/anmelden?grund=abgelaufen");
}

async fn the_absolute_limit_ends_a_busy_session(backend: Backend) {
    let app = TestApp::start_with_session_limits(backend, 3 * SECOND, 5 * SECOND).await;
    let c = app.signed_in("aa-kiel").await;
    let signed_in = Instant::now();
    // A read every half second, until the first refusal.
    let (after, status, body) = loop {
        let (status, body) = c.call_json("start", &[]).await;
        let after = signed_in.elapsed();
        if status != 200 {
            break (after, status, body);
        }
        assert!(
            after < 5 * SECOND + SECOND / 2,
            "still signed in after {after:?}"
        );
        tokio::time::sleep(SECOND / 2).await;
    };
    assert_eq!(
        (status, body),
        (401, Value::String("SessionExpired".into()))
    );
    // The sign-in time is kept to the second: the limit may come up to a second early.
    assert!(
        after > 3 * SECOND + SECOND / 2,
        "ended after only {after:?}"
    );
    let audit = app::db::audit::recent(&app.db, 20).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|r| r.action == "abmeldung" && r.detail == "Sitzung nach 5 Sekunden beendet"),
        "{audit:?}"
    );
    // Signing in again starts a new session with a new limit.
    let again = app.signed_in("aa-kiel").await;
    assert_eq!(again.call_json("start", &[]).await.0, 200);
}

both_databases!(
    reading_keeps_a_session_alive_and_idling_ends_it,
    the_absolute_limit_ends_a_busy_session,
);
