//! Two server instances on one PostgreSQL, each with a short memory of a minute
//! (KT_CACHE_SECONDS=60): sessions work on both, a logout, lock or password change on one
//! is refused on the other as soon as the database's announcement arrives (not after the
//! minute), and filing on both at once gives unique numbers and no errors.

use crate::common::{within_limit, Backend, Client, TestApp, DEMO_PASSWORD};
use crate::orders::file_empty_draft;
use app::db::cache::Cache;
use std::collections::HashSet;
use std::time::{Duration, Instant};

const A_MINUTE: Duration = Duration::from_secs(60);

/// The same browser (cookies) talking to the server at `base`.
fn at(c: &Client, base: &str) -> Client {
    Client {
        base: base.to_string(),
        http: c.http.clone(),
        jar: c.jar.clone(),
    }
}

async fn signed_in_name(c: &Client) -> Option<String> {
    let (status, me) = c.call_json("sitzung", &[]).await;
    assert_eq!(status, 200, "{me}");
    me["SignedIn"]["username"].as_str().map(str::to_string)
}

/// How long until `c`'s session is no longer accepted (at most two seconds).
async fn refused_after(c: &Client) -> Duration {
    let start = Instant::now();
    while signed_in_name(c).await.is_some() {
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "still accepted after {:?} (memory of a minute)",
            start.elapsed()
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    start.elapsed()
}

/// Waits until `cache` answers from memory again (its listener is connected).
async fn listening(cache: &Cache) {
    let start = Instant::now();
    while !cache.is_trusted() {
        assert!(start.elapsed() < Duration::from_secs(10), "no listener");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

async fn two_instances() -> (TestApp, String) {
    let a = TestApp::start_with_cache(Backend::Postgres, Cache::new(A_MINUTE)).await;
    let b_cache = Cache::new(A_MINUTE);
    let b = a.another_instance(b_cache.clone()).await;
    listening(&a.state.cache).await;
    listening(&b_cache).await;
    (a, b)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ended_session_is_refused_on_the_other_instance_at_once() {
    within_limit(async {
        let (a, b) = two_instances().await;
        // Signed in on A, the session works on B, and B now remembers it for a minute.
        let kiel = a.signed_in("aa-kiel").await;
        let kiel_b = at(&kiel, &b);
        for _ in 0..2 {
            assert_eq!(signed_in_name(&kiel_b).await.as_deref(), Some("aa-kiel"));
        }
        // Logout on A; the old cookie (kept aside: the logout clears the jar) on B.
        let old_cookie = kiel.cookies();
        assert_eq!(kiel.call("abmelden", &[]).await.status(), 200);
        let replay = || {
            reqwest::Client::new()
                .get(format!("{b}/api/v1/anliegen"))
                .header("cookie", old_cookie.clone())
                .send()
        };
        let start = Instant::now();
        while replay().await.unwrap().status() == 200 {
            assert!(
                start.elapsed() < Duration::from_secs(2),
                "old cookie still accepted on B"
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        assert_eq!(replay().await.unwrap().status(), 401);
        println!("logout on A refused on B after {:?}", start.elapsed());

        // A lock by the Zentrale on A ends the user's session on B.
        let rim = a.signed_in("rim-nord").await;
        let rim_b = at(&rim, &b);
        assert_eq!(signed_in_name(&rim_b).await.as_deref(), Some("rim-nord"));
        let zentrale = a.signed_in("zentrale").await;
        let (_, detail) = zentrale
            .call_json("benutzer/konto", &[("benutzername", "rim-nord")])
            .await;
        let revision = detail["revision"].to_string();
        let (status, answer) = zentrale
            .call_json(
                "benutzer/aendern",
                &[
                    ("benutzername", "rim-nord"),
                    ("revision", revision.as_str()),
                    ("aktion", "sperren"),
                ],
            )
            .await;
        assert_eq!(status, 200, "{answer}");
        let took = refused_after(&rim_b).await;
        println!("lock on A refused on B after {took:?}");

        // A password change in one session on A ends the user's other session on B, and
        // the changing session goes on on B too.
        let first = a.signed_in("rd-nord").await;
        let second = a.signed_in("rd-nord").await;
        let (first_b, second_b) = (at(&first, &b), at(&second, &b));
        assert_eq!(signed_in_name(&second_b).await.as_deref(), Some("rd-nord"));
        assert_eq!(signed_in_name(&first_b).await.as_deref(), Some("rd-nord"));
        let new_password = "Neues-Passwort-2026!";
        let (status, answer) = first
            .call_json(
                "passwort",
                &[
                    ("aktuelles_passwort", DEMO_PASSWORD),
                    ("neues_passwort", new_password),
                    ("bestaetigung", new_password),
                ],
            )
            .await;
        assert_eq!(status, 200, "{answer}");
        let took = refused_after(&second_b).await;
        println!("password change on A ended the other session on B after {took:?}");
        assert_eq!(signed_in_name(&first_b).await.as_deref(), Some("rd-nord"));
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filing_on_both_instances_at_once_gives_unique_numbers_and_no_errors() {
    within_limit(async {
        let (a, b) = two_instances().await;
        let kiel = a.signed_in("aa-kiel").await;
        let kiel_b = at(&kiel, &b);
        let mut filings = tokio::task::JoinSet::new();
        for i in 0..40 {
            let c = if i % 2 == 0 {
                kiel.clone()
            } else {
                kiel_b.clone()
            };
            filings.spawn(async move { file_empty_draft(&c).await });
        }
        let mut numbers = HashSet::new();
        while let Some(done) = filings.join_next().await {
            let (status, number) = done.unwrap();
            assert_eq!(status, 200, "{number}");
            assert!(
                numbers.insert(number.as_str().unwrap().to_string()),
                "{number} twice"
            );
        }
        assert_eq!(numbers.len(), 40);
    })
    .await
}
