//! Four eyes by contribution: nobody decides or implements an order they filed, edited
//! or submitted, in the policy (no button, 403 with the reason) and in the database
//! (a trigger refuses the write whatever code makes it).

use crate::both_databases;
use crate::common::{Backend, Client, TestApp, DEMO_PASSWORD};
use crate::orders::{act, add_item, draft, order, ECKERNFOERDE, KIEL};
use app::domain::policy::{Assignment, Role, Scope};
use app::on_db;
use serde_json::json;

/// A Kiel admin who also holds `second` for RD Nord, signed in.
async fn kiel_admin_also(app: &TestApp, username: &str, second: Role) -> Client {
    let db = &app.db;
    let hash = app::services::password::PasswordHasher::new(1)
        .hash(DEMO_PASSWORD)
        .await
        .unwrap();
    let kiel = app::db::org::agency_by_code(db, "kiel")
        .await
        .unwrap()
        .unwrap();
    let nord = app::db::org::region_by_code(db, "nord")
        .await
        .unwrap()
        .unwrap()
        .0;
    let at_kiel = Scope::Agency {
        region_id: kiel.region_id,
        agency_id: kiel.id,
    };
    let grants = [
        Assignment::new(Role::AgencyAdmin, at_kiel).unwrap(),
        Assignment::new(second, Scope::Region { region_id: nord }).unwrap(),
    ];
    let user = app::db::users::NewUser {
        username,
        display_name: "Doppelte Rolle",
        password_hash: &hash,
        assignments: &grants,
        email: None,
    };
    app::db::users::create(db, &user).await.unwrap().unwrap();
    app.signed_in(username).await
}

async fn user_id(app: &TestApp, username: &str) -> i64 {
    let row = app::db::users::find_by_username(&app.db, username).await;
    row.unwrap().expect("user exists").id
}

/// A decision or implementation written straight into the database, past the policy.
async fn write_past_the_policy(app: &TestApp, number: &str, column: &str, by: i64) -> bool {
    let (state, at) = match column {
        "decided_by" => ("genehmigt", "decided_at"),
        _ => ("umgesetzt", "implemented_at"),
    };
    let sql = format!("UPDATE orders SET {column} = $1, {at} = $2, state = $3 WHERE number = $4");
    let now = time::OffsetDateTime::now_utc();
    let db = &app.db;
    on_db!(db, pool => sqlx::query(&sql).bind(by).bind(now).bind(state).bind(number)
        .execute(pool).await.is_ok())
}

async fn four_eyes_holds_for_a_user_with_both_roles(backend: Backend) {
    let app = TestApp::start(backend).await;
    let both = kiel_admin_also(&app, "doppelt", Role::RdReviewer).await;
    let number = draft(&app, &both, &[KIEL]).await;
    assert_eq!(act(&both, &number, "einreichen", "").await.0, 200);
    let o = order(&both, &number).await;
    assert_eq!(
        o["allowed_actions"],
        json!(["zurueckziehen"]),
        "no approve button for the own order"
    );
    let (status, e) = act(&both, &number, "genehmigen", "").await;
    assert_eq!(status, 403);
    assert!(e.to_string().contains("Vier-Augen-Prinzip"), "{e}");
    // The database refuses it, too.
    let author = user_id(&app, "doppelt").await;
    let bypass = on_db!(&app.db, pool => sqlx::query("UPDATE orders SET decided_by = $1, state = 'genehmigt' WHERE number = $2")
        .bind(author).bind(&number).execute(pool).await.map(|_| ()));
    assert!(bypass.is_err(), "four eyes is a database constraint");
    let other = app.signed_in("rd-nord").await;
    assert_eq!(act(&other, &number, "genehmigen", "").await.0, 200);
}

/// A colleague who added an item to someone else's draft reviews it no more than its
/// author could.
async fn whoever_edited_an_order_does_not_decide_it(backend: Backend) {
    let app = TestApp::start(backend).await;
    let author = app.signed_in("aa-kiel").await;
    let colleague = kiel_admin_also(&app, "doppelt", Role::RdReviewer).await;
    let number = draft(&app, &author, &[KIEL]).await;
    add_item(&app, &colleague, &number, ECKERNFOERDE).await;
    assert_eq!(act(&author, &number, "einreichen", "").await.0, 200);

    assert_eq!(
        order(&colleague, &number).await["allowed_actions"],
        json!([])
    );
    let (status, e) = act(&colleague, &number, "genehmigen", "").await;
    assert_eq!(status, 403);
    assert!(e.to_string().contains("bearbeitet oder eingereicht"), "{e}");
    let colleague_id = user_id(&app, "doppelt").await;
    assert!(
        !write_past_the_policy(&app, &number, "decided_by", colleague_id).await,
        "the database refuses a decision by an editor"
    );
    let reviewer = app.signed_in("rd-nord").await;
    assert_eq!(act(&reviewer, &number, "genehmigen", "").await.0, 200);
}

/// Submitting a colleague's draft is a hand in it too.
async fn whoever_submitted_an_order_does_not_decide_it(backend: Backend) {
    let app = TestApp::start(backend).await;
    let author = app.signed_in("aa-kiel").await;
    let colleague = kiel_admin_also(&app, "doppelt", Role::RdReviewer).await;
    let number = draft(&app, &author, &[KIEL]).await;
    assert_eq!(act(&colleague, &number, "einreichen", "").await.0, 200);
    let (status, e) = act(&colleague, &number, "ablehnen", "Nicht nötig").await;
    assert_eq!(status, 403, "{e}");
    let audit = app::db::audit::recent(&app.db, 50).await.unwrap();
    assert!(audit
        .iter()
        .any(|r| r.actor_name == "doppelt" && r.action == "auftrag-einreichen"));
}

/// An editor with the RIM role does not implement the order either.
async fn whoever_edited_an_order_does_not_implement_it(backend: Backend) {
    let app = TestApp::start(backend).await;
    let author = app.signed_in("aa-kiel").await;
    let colleague = kiel_admin_also(&app, "admin-rim", Role::Rim).await;
    let number = draft(&app, &author, &[KIEL]).await;
    add_item(&app, &colleague, &number, ECKERNFOERDE).await;
    assert_eq!(act(&author, &number, "einreichen", "").await.0, 200);
    let reviewer = app.signed_in("rd-nord").await;
    assert_eq!(act(&reviewer, &number, "genehmigen", "").await.0, 200);

    let (status, e) = act(&colleague, &number, "umsetzen", "").await;
    assert_eq!(status, 403);
    assert!(e.to_string().contains("nicht umsetzen"), "{e}");
    let colleague_id = user_id(&app, "admin-rim").await;
    assert!(
        !write_past_the_policy(&app, &number, "implemented_by", colleague_id).await,
        "the database refuses an implementation by an editor"
    );
    let rim = app.signed_in("rim-nord").await;
    assert_eq!(act(&rim, &number, "umsetzen", "").await.0, 200);
}

both_databases!(
    four_eyes_holds_for_a_user_with_both_roles,
    whoever_edited_an_order_does_not_decide_it,
    whoever_submitted_an_order_does_not_decide_it,
    whoever_edited_an_order_does_not_implement_it,
);
