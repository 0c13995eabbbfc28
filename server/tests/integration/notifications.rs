//! Notifications in the app and by e-mail, checked against a real SMTP server (aiosmtpd,
//! started by the test): order events reach the right people once; deadline reminders
//! go out 14 and 3 days before, once per stage, even with two server instances.

use crate::both_databases;
use crate::common::{Backend, Client, TestApp};
use crate::orders::{act, draft, KIEL};
use app::on_db;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use time::OffsetDateTime;

/// The SMTP sink process and what it has received so far.
struct SmtpSink {
    port: u16,
    received: Arc<Mutex<Vec<Value>>>,
    child: Child,
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl SmtpSink {
    fn start() -> SmtpSink {
        let script = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/integration/smtp_sink.py"
        );
        let mut child = Command::new("python3")
            .arg(script)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 für den SMTP-Empfänger");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let first = lines.next().and_then(Result::ok).unwrap_or_default();
        let port = first.trim().parse().unwrap_or_else(|_| {
            panic!("SMTP-Empfänger startet nicht („{first}“): aiosmtpd fehlt? .ci/setup installiert es (pip install aiosmtpd).")
        });
        let received = Arc::new(Mutex::new(Vec::new()));
        let sink = received.clone();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                sink.lock()
                    .unwrap()
                    .push(serde_json::from_str(&line).unwrap());
            }
        });
        SmtpSink {
            port,
            received,
            child,
        }
    }

    /// Waits until `n` messages have arrived (at most 20 s), then a moment more, so a
    /// duplicate would show; returns them all.
    async fn expect(&self, n: usize) -> Vec<Value> {
        for _ in 0..200 {
            if self.received.lock().unwrap().len() >= n {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        tokio::time::sleep(Duration::from_millis(700)).await;
        self.received.lock().unwrap().clone()
    }
}

fn config(port: u16) -> server::mail::MailConfig {
    server::mail::MailConfig::new(
        &format!("smtp://127.0.0.1:{port}"),
        "Konfigurationstool <konfigurationstool@arbeitsagentur.de>",
        "https://kt.example",
        Duration::from_millis(50),
    )
    .unwrap()
}

/// Two senders, as two server instances would run.
fn two_senders(app: &TestApp, port: u16) -> Vec<tokio::task::JoinHandle<()>> {
    (0..2)
        .map(|_| server::mail::spawn_sender(app.db.clone(), config(port)))
        .collect()
}

fn recipients(mails: &[Value]) -> Vec<String> {
    let mut to: Vec<String> = mails
        .iter()
        .flat_map(|m| {
            m["to"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap().to_string())
        })
        .collect();
    to.sort();
    to
}

async fn unread(c: &Client) -> i64 {
    let (status, me) = c.call_json("sitzung", &[]).await;
    assert_eq!(status, 200, "{me}");
    me["SignedIn"]["unread"].as_i64().unwrap()
}

async fn order_events_reach_reviewers_and_the_author_once(backend: Backend) {
    let sink = SmtpSink::start();
    let app = TestApp::start_mailing(backend).await;
    let senders = two_senders(&app, sink.port);
    let aa = app.signed_in("aa-kiel").await;
    let rd = app.signed_in("rd-nord").await;
    let bayern = app.signed_in("rd-bayern").await;

    let number = draft(&app, &aa, &[KIEL]).await;
    assert_eq!(act(&aa, &number, "einreichen", "").await.0, 200);
    let mails = sink.expect(1).await;
    assert_eq!(
        recipients(&mails),
        ["rd-nord@demo.invalid"],
        "only the region's reviewers"
    );
    assert_eq!(
        mails[0]["subject"],
        format!("Neuer Auftrag zur Prüfung: {number}")
    );
    let body = mails[0]["body"].as_str().unwrap();
    assert!(body.contains("Agentur für Arbeit Kiel"), "{body}");
    assert!(
        body.contains(&format!(
            "https://kt.example/auftraege/{}",
            number.trim_start_matches("ÄA-")
        )),
        "{body}"
    );

    // The same event in the app, with the unread count; nobody else is told.
    assert_eq!(unread(&rd).await, 1);
    assert_eq!(unread(&bayern).await, 0);
    assert_eq!(unread(&aa).await, 0);
    let (_, inbox) = rd.call_json("benachrichtigungen", &[]).await;
    let first = &inbox["notifications"][0];
    assert_eq!(
        first["link"],
        format!("/auftraege/{}", number.trim_start_matches("ÄA-"))
    );
    assert_eq!(first["unread"], true);
    let id = first["id"].as_i64().unwrap().to_string();
    // Another user cannot mark it read.
    let (_, n) = aa
        .call_json("benachrichtigungen/gelesen", &[("id", &id)])
        .await;
    assert_eq!(n, 0);
    assert_eq!(unread(&rd).await, 1);
    let (_, n) = rd
        .call_json("benachrichtigungen/gelesen", &[("id", &id)])
        .await;
    assert_eq!(n, 1);
    assert_eq!(unread(&rd).await, 0);

    let reason = "Bitte die Benachrichtigungsadresse des Teams ergänzen.";
    assert_eq!(act(&rd, &number, "zurueckgeben", reason).await.0, 200);
    let mails = sink.expect(2).await;
    assert_eq!(
        recipients(&mails),
        ["aa-kiel@demo.invalid", "rd-nord@demo.invalid"]
    );
    let decided = mails
        .iter()
        .find(|m| m["to"][0] == "aa-kiel@demo.invalid")
        .unwrap();
    assert_eq!(
        decided["subject"],
        format!("Auftrag {number} zur Überarbeitung zurückgegeben")
    );
    assert!(decided["body"].as_str().unwrap().contains(reason));
    assert_eq!(unread(&aa).await, 1);
    // Resubmitting is news again.
    assert_eq!(act(&aa, &number, "einreichen", "").await.0, 200);
    assert_eq!(sink.expect(3).await.len(), 3);
    for s in senders {
        s.abort();
    }
}

/// Files a directive like 202509011 whose deadline is `days` days from today (Berlin).
async fn directive_due_in(app: &TestApp, number: &str, days: i64) {
    let today = app::domain::calendar::today_berlin(OffsetDateTime::now_utc());
    let deadline = today + time::Duration::days(days);
    let db = &app.db;
    on_db!(db, pool => sqlx::query(
        "INSERT INTO directives (number, title, issued_on, valid_from, reference_code, deadline_on,
                                 deadline_text, legal_area, target_rule, limited_to_concern)
         VALUES ($1, 'Prüfweisung Eingliederungszuschuss', $2, $2, 'KPI4', $3, 'Routing anpassen', 'SGB III', $4, TRUE)")
        .bind(number).bind(today).bind(deadline).bind(server::seed::EGZ_RULE)
        .execute(pool).await.map(|_| ()).unwrap());
}

async fn deadline_reminders_go_out_once_per_stage_to_agencies_not_yet_compliant(backend: Backend) {
    let sink = SmtpSink::start();
    let app = TestApp::start_mailing(backend).await;
    let senders = two_senders(&app, sink.port);
    directive_due_in(&app, "202611901", 10).await;
    let zentrale = app.signed_in("zentrale").await;
    // Which demo agencies are still open: Kiel is; München decides the second address.
    let (_, muenchen) = zentrale
        .call_json(
            "weisung",
            &[("nummer", "202611901"), ("agentur", "muenchen")],
        )
        .await;
    let muenchen_open = muenchen["tally"]["open"].as_u64().unwrap() > 0;
    let mut expected = vec!["aa-kiel@demo.invalid".to_string()];
    if muenchen_open {
        expected.push("aa-muenchen@demo.invalid".into());
    }

    // Two instances run the pass at the same moment: each agency is told once.
    let now = OffsetDateTime::now_utc();
    let (a, b) = tokio::join!(
        app::services::reminders::run(&app.db, true, now),
        app::services::reminders::run(&app.db, true, now)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a + b, expected.len());
    let mails = sink.expect(expected.len()).await;
    assert_eq!(
        recipients(&mails),
        expected,
        "only admins of agencies still open"
    );
    let kiel = mails
        .iter()
        .find(|m| m["to"][0] == "aa-kiel@demo.invalid")
        .unwrap();
    assert!(kiel["subject"]
        .as_str()
        .unwrap()
        .starts_with("Frist der Weisung 202611901 endet in 10 Tagen"));
    assert!(kiel["body"].as_str().unwrap().contains("4 Dienststellen"));

    // The next day is still the 14-day stage: nothing new.
    let tomorrow = now + time::Duration::days(1);
    assert_eq!(
        app::services::reminders::run(&app.db, true, tomorrow)
            .await
            .unwrap(),
        0
    );
    // Three days before: the second reminder, once.
    let later = now + time::Duration::days(7);
    assert_eq!(
        app::services::reminders::run(&app.db, true, later)
            .await
            .unwrap(),
        expected.len()
    );
    assert_eq!(
        app::services::reminders::run(&app.db, true, later)
            .await
            .unwrap(),
        0
    );
    let mails = sink.expect(2 * expected.len()).await;
    assert_eq!(mails.len(), 2 * expected.len());
    // After the deadline, no more reminders.
    let after = now + time::Duration::days(11);
    assert_eq!(
        app::services::reminders::run(&app.db, true, after)
            .await
            .unwrap(),
        0
    );

    // An agency with an order on the way is not reminded: Kiel submits for all four.
    directive_due_in(&app, "202611902", 3).await;
    let aa = app.signed_in("aa-kiel").await;
    let number = crate::directives::prefilled_draft(&aa, "202611902").await;
    assert_eq!(act(&aa, &number, "einreichen", "").await.0, 200);
    let told = app::services::reminders::run(&app.db, true, now)
        .await
        .unwrap();
    assert_eq!(told, expected.len() - 1, "Kiel has its order on the way");
    let (_, inbox) = aa.call_json("benachrichtigungen", &[]).await;
    let titles: Vec<&str> = inbox["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["title"].as_str().unwrap())
        .collect();
    assert!(
        !titles.iter().any(|t| t.contains("202611902")),
        "{titles:?}"
    );
    assert_eq!(titles.iter().filter(|t| t.contains("202611901")).count(), 2);
    for s in senders {
        s.abort();
    }
}

async fn an_unreachable_mail_server_is_retried_and_never_blocks_a_request(backend: Backend) {
    let app = TestApp::start_mailing(backend).await;
    // Nothing listens on this port yet.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let failing = server::mail::spawn_sender(app.db.clone(), config(port));
    let aa = app.signed_in("aa-kiel").await;
    let number = draft(&app, &aa, &[KIEL]).await;
    let started = std::time::Instant::now();
    assert_eq!(act(&aa, &number, "einreichen", "").await.0, 200);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "the request does not wait for SMTP"
    );
    let db = &app.db;
    let mut state: (i64, Option<String>, bool) = (0, None, false);
    for _ in 0..100 {
        state = on_db!(db, pool => sqlx::query_as(
            "SELECT attempts, last_error, sent_at IS NOT NULL FROM mail_outbox ORDER BY id LIMIT 1")
            .fetch_one(pool).await.unwrap());
        if state.1.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(state.0 >= 1 && state.1.is_some() && !state.2, "{state:?}");
    failing.abort();

    // The mail server is back; the retry (brought forward here) delivers it.
    let sink = SmtpSink::start();
    on_db!(db, pool => sqlx::query("UPDATE mail_outbox SET next_attempt_at = $1")
        .bind(OffsetDateTime::now_utc()).execute(pool).await.map(|_| ()).unwrap());
    let sender = server::mail::spawn_sender(app.db.clone(), config(sink.port));
    let mails = sink.expect(1).await;
    assert_eq!(recipients(&mails), ["rd-nord@demo.invalid"]);
    let sent: bool = on_db!(db, pool => sqlx::query_scalar(
        "SELECT sent_at IS NOT NULL FROM mail_outbox ORDER BY id LIMIT 1").fetch_one(pool).await.unwrap());
    assert!(sent);
    sender.abort();
}

async fn without_smtp_nothing_is_queued_but_the_app_still_tells(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let rd = app.signed_in("rd-nord").await;
    let number = draft(&app, &aa, &[KIEL]).await;
    assert_eq!(act(&aa, &number, "einreichen", "").await.0, 200);
    assert_eq!(unread(&rd).await, 1);
    let db = &app.db;
    let queued: i64 = on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox")
        .fetch_one(pool).await.unwrap());
    assert_eq!(queued, 0);
}

both_databases!(
    order_events_reach_reviewers_and_the_author_once,
    deadline_reminders_go_out_once_per_stage_to_agencies_not_yet_compliant,
    an_unreachable_mail_server_is_retried_and_never_blocks_a_request,
    without_smtp_nothing_is_queued_but_the_app_still_tells,
);
