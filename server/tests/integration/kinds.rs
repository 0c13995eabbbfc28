//! The workflow of a configuration kind: whether an RD reviews its changes is a setting
//! of the Zentrale. Without review RIM implements a submitted order directly, and four
//! eyes still hold, in the policy and in the database.

use crate::both_databases;
use crate::common::{Backend, TestApp};
use crate::csv_files::fetch;
use crate::orders::{act, draft, live_version, order, KIEL};
use app::domain::kind::{Kind, Review};
use app::error::AppError;
use app::on_db;
use app::services::kinds::set_review;
use app::services::orders::list;

both_databases!(
    without_rd_review_rim_implements_what_was_submitted,
    the_database_refuses_an_implementation_that_skips_four_eyes,
);

async fn numbers_in(app: &TestApp, username: &str, status: &str) -> Vec<String> {
    let ctx = app.ctx_for(username, "liste").await;
    let page = list(&ctx, Some(status), None, None).await.expect("listed");
    page.rows.into_iter().map(|r| r.number).collect()
}

async fn titles_for(app: &TestApp, username: &str) -> Vec<String> {
    let db = &app.db;
    on_db!(db, pool => sqlx::query_scalar(
        "SELECT n.title FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = $1")
        .bind(username).fetch_all(pool).await.unwrap())
}

async fn without_rd_review_rim_implements_what_was_submitted(backend: Backend) {
    let app = TestApp::start(backend).await;
    let zentrale = app.ctx_for("zentrale", "einstellung").await;
    let agency = app.ctx_for("aa-kiel", "einstellung").await;

    // Only the Zentrale sets the workflow, and the change is audited.
    let refused = set_review(&agency, Kind::Routing, Review::None).await;
    assert!(matches!(refused, Err(AppError::Forbidden)), "{refused:?}");
    set_review(&zentrale, Kind::Routing, Review::None)
        .await
        .expect("set by the Zentrale");
    let audit = app::db::audit::recent(&app.db, 1).await.unwrap();
    assert_eq!(
        (audit[0].action.as_str(), audit[0].object.as_str()),
        ("art-pruefung-geaendert", "art:weiterleitung")
    );
    assert!(
        audit[0].detail.contains("→ ohne RD-Prüfung"),
        "{}",
        audit[0].detail
    );

    let aa = app.signed_in("aa-kiel").await;
    let rd = app.signed_in("rd-nord").await;
    let rim = app.signed_in("rim-nord").await;
    let direct = draft(&app, &aa, &[KIEL]).await;
    assert_eq!(act(&aa, &direct, "einreichen", "").await.0, 200);
    let o = order(&rim, &direct).await;
    assert_eq!(o["state_code"], "eingereicht");
    assert_eq!(o["review"], "ohne RD-Prüfung, direkt zur Umsetzung");
    assert_eq!(o["allowed_actions"], serde_json::json!(["umsetzen"]));

    // RIM is told and finds it in its queue; the RD has nothing to decide.
    assert!(titles_for(&app, "rim-nord")
        .await
        .contains(&format!("Neuer Auftrag zur Umsetzung: {direct}")));
    assert!(!titles_for(&app, "rd-nord")
        .await
        .iter()
        .any(|t| t.ends_with(&direct)));
    assert!(numbers_in(&app, "rim-nord", "zur-umsetzung")
        .await
        .contains(&direct));
    assert!(!numbers_in(&app, "rd-nord", "zur-pruefung")
        .await
        .contains(&direct));
    let (status, e) = act(&rd, &direct, "genehmigen", "").await;
    assert_eq!(status, 409, "{e}");
    // RIM's export of what to implement holds it too (the default: "zur-umsetzung").
    let (status, csv, _) = fetch(&rim, "/export/auftraege.csv").await;
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&csv).contains(&direct));
    let (_, csv, _) = fetch(&rim, "/export/auftraege.csv?status=genehmigt").await;
    assert!(!String::from_utf8_lossy(&csv).contains(&direct));

    // A later change of the setting does not move orders under way.
    set_review(&zentrale, Kind::Routing, Review::Rd)
        .await
        .unwrap();
    assert_eq!(act(&rim, &direct, "umsetzen", "").await.0, 200);
    assert_eq!(live_version(&app, KIEL.0).await, 2);
    let o = order(&aa, &direct).await;
    assert_eq!(o["state_code"], "umgesetzt");

    // Orders submitted from now on go to the RD again.
    let reviewed = draft(&app, &aa, &[KIEL]).await;
    assert_eq!(act(&aa, &reviewed, "einreichen", "").await.0, 200);
    assert_eq!(act(&rim, &reviewed, "umsetzen", "").await.0, 409);
    assert!(numbers_in(&app, "rd-nord", "zur-pruefung")
        .await
        .contains(&reviewed));
    assert!(!numbers_in(&app, "rim-nord", "zur-umsetzung")
        .await
        .contains(&reviewed));
    assert_eq!(act(&rd, &reviewed, "genehmigen", "").await.0, 200);
    assert!(numbers_in(&app, "rim-nord", "zur-umsetzung")
        .await
        .contains(&reviewed));
}

async fn the_database_refuses_an_implementation_that_skips_four_eyes(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let number = draft(&app, &aa, &[KIEL]).await;
    assert_eq!(act(&aa, &number, "einreichen", "").await.0, 200);
    let db = &app.db;
    // Implemented by its own author: refused by the database, whatever the code says.
    let own = on_db!(db, pool => sqlx::query(
        "UPDATE orders SET implemented_by = author_id WHERE number = $1")
        .bind(&number).execute(pool).await.map(|r| r.rows_affected()));
    assert!(own.is_err(), "the author implemented the order");
    // Implemented although it needs review and no one decided it.
    let unreviewed = on_db!(db, pool => sqlx::query(
        "UPDATE orders SET state = 'umgesetzt' WHERE number = $1")
        .bind(&number).execute(pool).await.map(|r| r.rows_affected()));
    assert!(unreviewed.is_err(), "an order skipped its review");
    // The same order without review may be implemented by someone else.
    let rim_id: i64 = on_db!(db, pool => sqlx::query_scalar("SELECT id FROM users WHERE username = 'rim-nord'")
        .fetch_one(pool).await.unwrap());
    let direct = on_db!(db, pool => sqlx::query(
        "UPDATE orders SET review_required = $1, state = 'umgesetzt', implemented_by = $2 WHERE number = $3")
        .bind(false).bind(rim_id).bind(&number).execute(pool).await.map(|r| r.rows_affected()));
    assert_eq!(direct.ok(), Some(1));
}
