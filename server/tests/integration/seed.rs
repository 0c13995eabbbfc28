use crate::both_databases;
use crate::common::{Backend, TestDb};
use app::db::Db;
use app::on_db;
use app::services::password::PasswordHasher;

async fn count(db: &Db, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {table}");
    on_db!(db, pool => sqlx::query_scalar::<_, i64>(&sql).fetch_one(pool).await.unwrap())
}

async fn counts(db: &Db) -> Vec<(&'static str, i64)> {
    let mut out = Vec::new();
    for t in [
        "regions",
        "agencies",
        "offices",
        "areas",
        "concerns",
        "mailboxes",
        "directives",
        "users",
        "role_assignments",
        "routing_entries",
        "routing_versions",
    ] {
        out.push((t, count(db, t).await));
    }
    out
}

async fn migrations_from_empty_and_idempotent_seed(backend: Backend) {
    let t = TestDb::new(backend).await;
    t.db.migrate().await.unwrap();
    // Migrating again is a no-op.
    t.db.migrate().await.unwrap();
    assert_eq!(
        count(&t.db, "regions").await,
        0,
        "migrations create no data"
    );

    let first = server::seed::seed_demo(&t.db, &PasswordHasher::new(2))
        .await
        .unwrap();
    assert_eq!(first.users_created, 6);
    let after_first = counts(&t.db).await;
    let get = |name: &str| after_first.iter().find(|(t, _)| *t == name).unwrap().1;
    assert_eq!(get("regions"), 10);
    assert!((150..=160).contains(&get("agencies")), "{after_first:?}");
    assert!((560..=640).contains(&get("offices")), "{after_first:?}");
    assert!(get("concerns") >= 30);
    assert!(get("mailboxes") >= 4 * get("offices"));
    assert_eq!(get("directives"), 3);
    assert_eq!(get("users"), 6);
    assert_eq!(get("routing_entries"), get("offices") * get("concerns"));
    let db = &t.db;
    // RD Bayern's Veränderungsmitteilungen went to the EZ as version 2 (202505010, 3).
    let moved: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM routing_versions v JOIN routing_entries e ON e.id = v.entry_id
         JOIN concerns c ON c.id = e.concern_id JOIN offices o ON o.id = e.office_id
         JOIN agencies ag ON ag.id = o.agency_id JOIN regions r ON r.id = ag.region_id
         JOIN areas a ON a.id = v.area_id
         WHERE v.version = 2 AND c.code = 'an-veraenderung' AND r.code = 'bayern' AND a.code = 'ez'")
        .fetch_one(pool).await.unwrap());
    assert!(moved > 50, "{moved}");
    assert_eq!(
        get("routing_versions"),
        get("routing_entries") + moved,
        "version 1 for every entry, version 2 for Bayern's Veränderungsmitteilungen"
    );
    let egz_in_ez: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM routing_versions v JOIN routing_entries e ON e.id = v.entry_id
         JOIN concerns c ON c.id = e.concern_id JOIN areas a ON a.id = v.area_id
         WHERE c.code = 'ag-egz' AND a.code = 'ez'").fetch_one(pool).await.unwrap());
    assert!(
        egz_in_ez > 100 && egz_in_ez < get("offices"),
        "some, not all, still route to the EZ: {egz_in_ez}"
    );

    let second = server::seed::seed_demo(&t.db, &PasswordHasher::new(2))
        .await
        .unwrap();
    assert_eq!(second.users_created, 0);
    assert_eq!(
        counts(&t.db).await,
        after_first,
        "seeding twice changes nothing"
    );
}

async fn mailboxes_are_realistic_and_directives_carry_their_deadlines(backend: Backend) {
    let t = TestDb::new(backend).await;
    t.db.migrate().await.unwrap();
    server::seed::seed_demo(&t.db, &PasswordHasher::new(2))
        .await
        .unwrap();
    let db = &t.db;
    let (bad, kinds): (i64, i64) = on_db!(db, pool => sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM mailboxes WHERE address NOT LIKE '%@arbeitsagentur.de'),
                (SELECT COUNT(DISTINCT kind) FROM mailboxes)").fetch_one(pool).await.unwrap());
    assert_eq!(bad, 0);
    assert_eq!(
        kinds, 4,
        "Funktions-, Organisations-, Team- und Liegenschaftspostfächer"
    );
    let deadlines: Vec<(String, time::Date)> = on_db!(db, pool => sqlx::query_as(
        "SELECT number, deadline_on FROM directives ORDER BY number").fetch_all(pool).await.unwrap());
    let fmt = time::macros::format_description!("[day].[month].[year]");
    let shown: Vec<(String, String)> = deadlines
        .into_iter()
        .map(|(n, d)| (n, d.format(&fmt).unwrap()))
        .collect();
    assert_eq!(
        shown,
        vec![
            ("202505010".to_string(), "17.06.2025".to_string()),
            ("202509011".to_string(), "06.10.2025".to_string()),
            ("202606014".to_string(), "20.07.2026".to_string()),
        ]
    );
}

async fn audit_log_is_append_only(backend: Backend) {
    let t = TestDb::new(backend).await;
    t.db.migrate().await.unwrap();
    let entry = app::db::audit::AuditEntry {
        actor_id: None,
        actor_name: "x".into(),
        client: "127.0.0.1".into(),
        request_id: "r".into(),
        action: "anmeldung".into(),
        object: "benutzer:x".into(),
        outcome: "fehlgeschlagen".into(),
        detail: String::new(),
    };
    app::db::audit::append(&t.db, &entry).await.unwrap();
    let db = &t.db;
    let update = on_db!(db, pool => sqlx::query("UPDATE audit_log SET outcome = 'erfolg'").execute(pool).await.map(|_| ()));
    assert!(update.is_err(), "UPDATE must be refused");
    let delete =
        on_db!(db, pool => sqlx::query("DELETE FROM audit_log").execute(pool).await.map(|_| ()));
    assert!(delete.is_err(), "DELETE must be refused");
    assert_eq!(count(&t.db, "audit_log").await, 1);
}

/// The demo orders: every state, in RD Nord and RD Bayern, consistent with the rules the
/// services enforce, and visible to the right people through the server functions.
async fn demo_orders_cover_every_state_in_nord_and_bayern(backend: Backend) {
    let app = crate::common::TestApp::start(backend).await;
    let db = &app.db;
    let written = server::seed::seed_demo_orders(db).await.unwrap();
    assert!(written >= 10, "{written}");
    assert_eq!(
        server::seed::seed_demo_orders(db).await.unwrap(),
        0,
        "only once"
    );
    let per_state: Vec<(String, String, i64)> = on_db!(db, pool => sqlx::query_as(
        "SELECT r.code, o.state, COUNT(*) FROM orders o JOIN regions r ON r.id = o.region_id
         JOIN agencies a ON a.id = o.agency_id AND a.region_id = o.region_id
         GROUP BY r.code, o.state ORDER BY r.code, o.state").fetch_all(pool).await.unwrap());
    let states: std::collections::BTreeSet<&str> =
        per_state.iter().map(|(_, s, _)| s.as_str()).collect();
    assert_eq!(states.len(), 7, "every state: {per_state:?}");
    for region in ["nord", "bayern"] {
        assert!(
            per_state.iter().filter(|(r, _, _)| r == region).count() >= 4,
            "{region}: {per_state:?}"
        );
    }
    // Implemented orders made their items live as version 2, pointing back to the order.
    let (implemented_items, live_from_orders): (i64, i64) = on_db!(db, pool => sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.state = 'umgesetzt'),
                (SELECT COUNT(*) FROM routing_versions v JOIN orders o ON o.id = v.order_id
                  WHERE o.state = 'umgesetzt' AND v.version = 2 AND v.valid_until IS NULL)")
        .fetch_one(pool).await.unwrap());
    assert!(implemented_items > 0);
    assert_eq!(implemented_items, live_from_orders);
    // Every decided order was decided by someone else than its author (the CHECK holds),
    // and every item really changes something.
    let rd = app.signed_in("rd-nord").await;
    // The RD reviews the routing order; Kiel's eAkte order went straight to RIM.
    let (_, inbox) = rd
        .call_json("auftraege", &[("status", "zur-pruefung")])
        .await;
    let inbox = inbox["rows"].as_array().unwrap().clone();
    assert_eq!(inbox.len(), 1, "{inbox:?}");
    let rim = app.signed_in("rim-nord").await;
    let (_, queue) = rim
        .call_json("auftraege", &[("status", "zur-umsetzung")])
        .await;
    let eakte_order = queue["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["directive"] == "202505010")
        .unwrap_or_else(|| panic!("Kiel's eAkte order in {queue}"))
        .clone();
    let (_, o) = rim
        .call_json(
            "auftrag",
            &[("nummer", eakte_order["number"].as_str().unwrap())],
        )
        .await;
    assert_eq!(o["eakte"].as_array().unwrap().len(), 7, "{o}");
    assert_eq!(o["allowed_actions"], serde_json::json!(["umsetzen"]));
    let (status, o) = rd
        .call_json(
            "auftrag",
            &[("nummer", inbox[0]["number"].as_str().unwrap())],
        )
        .await;
    assert_eq!(status, 200, "{o}");
    assert!(o["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| !i["changes"].as_array().unwrap().is_empty()));
    assert_eq!(
        o["allowed_actions"],
        serde_json::json!(["genehmigen", "ablehnen", "zurueckgeben"])
    );
    let bayern = app.signed_in("rd-bayern").await;
    let (_, inbox) = bayern
        .call_json("auftraege", &[("status", "eingereicht")])
        .await;
    let inbox = inbox["rows"].as_array().unwrap().clone();
    assert_eq!(inbox.len(), 1);
    assert_eq!(inbox[0]["directive"], "202509011");
}

both_databases!(
    demo_orders_cover_every_state_in_nord_and_bayern,
    migrations_from_empty_and_idempotent_seed,
    mailboxes_are_realistic_and_directives_carry_their_deadlines,
    audit_log_is_append_only,
);
