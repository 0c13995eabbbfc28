//! An Anliegen retired into a successor: while it is routed, deactivating it is refused and
//! the refusal lists its routing; where the successor routes otherwise, a pre-filled batch
//! order sets the successor's routing to the retiring one's through review and
//! implementation; then the deactivation ends its own routing, is versioned and audited,
//! and new order items for it are refused. Reactivation restores its routing. A directive
//! in force that names it also blocks; only the Zentrale may retire.

use crate::both_databases;
use crate::catalogue::{change, concern};
use crate::common::{Backend, Client, TestApp};
use crate::office_closure::implement;
use crate::orders::file_empty_draft;
use app::on_db;
use serde_json::Value;

const RETIRING: &str = "ag-eq";
const SUCCESSOR: &str = "ag-weiterbildung";
const NOTIFIED: &str = "kiel.leitung@arbeitsagentur.de";
const WHY: &str = "Die Einstiegsqualifizierung geht in der Weiterbildung auf.";

async fn plan(c: &Client, code: &str, successor: Option<&str>) -> (u16, Value) {
    let mut form = vec![("kuerzel", code)];
    if let Some(s) = successor {
        form.push(("nachfolger", s));
    }
    c.call_json("katalog/anliegen/abloesen/plan", &form).await
}

async fn plan_ok(c: &Client, code: &str, successor: Option<&str>) -> Value {
    let (status, p) = plan(c, code, successor).await;
    assert_eq!(status, 200, "{p}");
    p
}

async fn retire(c: &Client, code: &str, version: &str) -> (u16, Value) {
    c.call_json(
        "katalog/anliegen/abloesen",
        &[
            ("kuerzel", code),
            ("version", version),
            ("nachfolger", SUCCESSOR),
        ],
    )
    .await
}

async fn file_move(c: &Client, code: &str) -> (u16, Value) {
    c.call_json(
        "katalog/anliegen/abloesen/umzug",
        &[
            ("kuerzel", code),
            ("nachfolger", SUCCESSOR),
            ("begruendung", WHY),
            ("wirksam_ab", "31.12.2099"),
        ],
    )
    .await
}

fn version(p: &Value) -> String {
    p["version"].as_i64().unwrap().to_string()
}

async fn live_routing_of(app: &TestApp, concern: &str) -> i64 {
    let db = &app.db;
    on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM routing_versions v JOIN routing_entries e ON e.id = v.entry_id
         JOIN concerns c ON c.id = e.concern_id WHERE c.code = $1 AND v.valid_until IS NULL")
        .bind(concern).fetch_one(pool).await.unwrap())
}

/// The live notification addresses of the Anliegen in Kiel's Hauptagentur.
async fn kiel_addresses(app: &TestApp, concern: &str) -> String {
    let db = &app.db;
    on_db!(db, pool => sqlx::query_scalar(
        "SELECT v.addresses FROM routing_versions v JOIN routing_entries e ON e.id = v.entry_id
         JOIN concerns c ON c.id = e.concern_id JOIN offices o ON o.id = e.office_id
         WHERE c.code = $1 AND o.code = 'kiel.kiel' AND v.valid_until IS NULL")
        .bind(concern).fetch_one(pool).await.unwrap())
}

/// Kiel routes the retiring Anliegen differently from its successor: it also notifies
/// the Leitung.
async fn route_kiel_differently(app: &TestApp) {
    let aa = app.signed_in("aa-kiel").await;
    let (status, number) = file_empty_draft(&aa).await;
    assert_eq!(status, 200, "{number}");
    let number = number.as_str().unwrap().to_string();
    let notified = format!("kiel.arbeitgeber-service@arbeitsagentur.de\n{NOTIFIED}");
    let (status, e) = crate::order_rules::save_item(app, &aa, &number, RETIRING, &notified).await;
    assert_eq!(status, 200, "{e}");
    implement(app, &aa, &number).await;
}

async fn an_anliegen_is_retired_once_its_successor_routes_the_same_way(backend: Backend) {
    let app = TestApp::start(backend).await;
    let z = app.signed_in("zentrale").await;
    let routed = live_routing_of(&app, RETIRING).await;
    assert!(routed > 0);

    // Without a successor: refused, and the refusal lists every routed Dienststelle.
    let p = plan_ok(&z, RETIRING, None).await;
    assert_eq!(p["live_entries"].as_i64(), Some(routed), "{p}");
    assert_eq!(p["rows"].as_array().unwrap().len() as i64, routed);
    assert_eq!(p["may_retire"], false);
    let refusal = p["refusal"].as_str().unwrap();
    assert!(
        refusal.contains(&format!("in {routed} Dienststellen geroutet")),
        "{refusal}"
    );
    let h = concern(&z, RETIRING).await;
    let v = h["concern"]["version"].as_i64().unwrap().to_string();
    let (status, e) = change(&z, RETIRING, &v, "Einstiegsqualifizierung", false).await;
    assert_eq!(status, 409, "{e}");
    assert!(e.to_string().contains("Anliegen ablösen"), "{e}");

    // With a successor that already routes the same way everywhere but in Kiel.
    route_kiel_differently(&app).await;
    let p = plan_ok(&z, RETIRING, Some(SUCCESSOR)).await;
    assert_eq!(p["successor"][0], SUCCESSOR);
    assert_eq!(p["carried"].as_i64(), Some(routed - 1), "{p}");
    let rows = p["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "{p}");
    assert!(rows[0]["office"].as_str().unwrap().contains("Kiel"), "{p}");
    assert!(rows[0]["routing"].as_str().unwrap().contains(NOTIFIED));
    assert!(!rows[0]["successor_routing"]
        .as_str()
        .unwrap()
        .contains(NOTIFIED));
    assert_eq!(rows[0]["state"], "wird umgestellt");
    assert_eq!(
        (p["may_file_move"].as_bool(), p["may_retire"].as_bool()),
        (Some(true), Some(false))
    );
    let (status, e) = retire(&z, RETIRING, &version(&p)).await;
    assert_eq!(status, 409, "{e}");
    assert!(e.to_string().contains("In 1 Dienststellen"), "{e}");

    // The move: one Kiel order for the successor's entry, on its way to the RD.
    let (status, batch) = file_move(&z, RETIRING).await;
    assert_eq!(status, 200, "{batch}");
    let batch = batch.as_str().unwrap().to_string();
    let (_, b) = z.call_json("sammelauftrag", &[("nummer", &batch)]).await;
    let orders = b["orders"].as_array().unwrap();
    assert_eq!(orders.len(), 1, "{b}");
    assert_eq!(orders[0]["items"].as_i64(), Some(1), "{b}");
    assert_eq!(orders[0]["state_code"], "eingereicht");
    let number = orders[0]["number"].as_str().unwrap().to_string();
    let p = plan_ok(&z, RETIRING, Some(SUCCESSOR)).await;
    assert_eq!(p["rows"][0]["open_order"], number.as_str(), "{p}");
    assert_eq!(p["may_file_move"], false, "nothing left to move: {p}");
    assert!(
        p["refusal"].as_str().unwrap().contains(&number),
        "the open order blocks: {p}"
    );
    assert_eq!(file_move(&z, RETIRING).await.0, 409);
    assert_eq!(retire(&z, RETIRING, &version(&p)).await.0, 409);

    implement(&app, &z, &number).await;
    assert!(kiel_addresses(&app, SUCCESSOR).await.contains(NOTIFIED));
    let p = plan_ok(&z, RETIRING, Some(SUCCESSOR)).await;
    assert_eq!(p["rows"], serde_json::json!([]), "{p}");
    assert_eq!(p["carried"].as_i64(), Some(routed));
    assert_eq!(p["may_retire"], true, "{p}");
    let (status, e) = retire(&z, RETIRING, "99").await;
    assert_eq!(status, 409, "stale: {e}");
    assert!(e.to_string().contains("inzwischen geändert"), "{e}");
    let (status, e) = retire(&z, RETIRING, &version(&p)).await;
    assert_eq!(status, 200, "{e}");

    // Retired: inactive with its successor, versioned, audited, its routing ended.
    let h = concern(&z, RETIRING).await;
    assert_eq!(h["concern"]["active"], false);
    assert_eq!(
        h["concern"]["successor"],
        serde_json::json!([SUCCESSOR, "Weiterbildung Beschäftigter"])
    );
    let fields = h["versions"][0]["fields"].as_str().unwrap();
    assert!(
        fields.contains("Aktiv: nein") && fields.contains("Nachfolger: ag-weiterbildung"),
        "{fields}"
    );
    let log = app::db::audit::of_object(&app.db, &format!("anliegen:{RETIRING}"), 1)
        .await
        .unwrap();
    assert_eq!(log[0].action, "anliegen-abgeloest");
    assert!(
        log[0]
            .detail
            .contains(&format!("{routed} Routing-Einträge beendet")),
        "{}",
        log[0].detail
    );
    assert_eq!(live_routing_of(&app, RETIRING).await, 0);
    let aa = app.signed_in("aa-kiel").await;
    let (_, number) = file_empty_draft(&aa).await;
    let (status, e) = crate::order_rules::save_item(
        &app,
        &aa,
        number.as_str().unwrap(),
        RETIRING,
        "kiel.arbeitgeber-service@arbeitsagentur.de",
    )
    .await;
    assert_eq!(status, 422, "{e}");
    assert!(e.to_string().contains("nicht mehr aktiv"), "{e}");
    let p = plan_ok(&z, RETIRING, Some(SUCCESSOR)).await;
    assert_eq!(p["refusal"], "Das Anliegen ist bereits deaktiviert.");

    // Reactivated, it routes again as it did, the successor link gone.
    let v = h["concern"]["version"].as_i64().unwrap().to_string();
    let (status, e) = change(&z, RETIRING, &v, "Einstiegsqualifizierung", true).await;
    assert_eq!(status, 200, "{e}");
    assert_eq!(live_routing_of(&app, RETIRING).await, routed);
    assert!(kiel_addresses(&app, RETIRING).await.contains(NOTIFIED));
    let h = concern(&z, RETIRING).await;
    assert_eq!(h["concern"]["successor"], Value::Null);
}

async fn directives_and_roles_are_checked(backend: Backend) {
    let app = TestApp::start(backend).await;
    let z = app.signed_in("zentrale").await;
    let p = plan_ok(&z, RETIRING, Some(SUCCESSOR)).await;
    let version = version(&p);
    for user in ["aa-kiel", "rd-nord", "rim-nord"] {
        let c = app.signed_in(user).await;
        assert_eq!(plan(&c, RETIRING, Some(SUCCESSOR)).await.0, 403, "{user}");
        assert_eq!(retire(&c, RETIRING, &version).await.0, 403, "{user}");
        assert_eq!(file_move(&c, RETIRING).await.0, 403, "{user}");
    }
    assert_eq!(plan(&app.client(), RETIRING, None).await.0, 401);
    assert_eq!(plan(&z, "gibt-es-nicht", None).await.0, 404);

    // Directive 202509011 asks for routing of the EGZ: it cannot be retired.
    let p = plan_ok(&z, "ag-egz", Some(SUCCESSOR)).await;
    assert_eq!(p["directives"], serde_json::json!(["202509011"]), "{p}");
    assert!(p["refusal"].as_str().unwrap().contains("202509011"), "{p}");
    assert_eq!(p["may_retire"], false);
    let (status, e) = retire(&z, "ag-egz", &version).await;
    assert_eq!(status, 409, "{e}");
    assert!(e.to_string().contains("Weisungen"), "{e}");

    for (successor, refusal) in [
        (RETIRING, "nicht sich selbst"),
        ("gibt-es-nicht", "gibt es nicht"),
    ] {
        let p = plan_ok(&z, RETIRING, Some(successor)).await;
        assert!(
            p["refusal"].as_str().unwrap_or_default().contains(refusal),
            "{successor}: {p}"
        );
        assert_eq!(p["may_retire"], false);
        assert_eq!(p["successor"], Value::Null);
    }
    let (status, e) = z
        .call_json(
            "katalog/anliegen/abloesen",
            &[
                ("kuerzel", RETIRING),
                ("version", &version),
                ("nachfolger", ""),
            ],
        )
        .await;
    assert_eq!(status, 422, "{e}");
    assert_eq!(concern(&z, RETIRING).await["concern"]["active"], true);
}

both_databases!(
    an_anliegen_is_retired_once_its_successor_routes_the_same_way,
    directives_and_roles_are_checked,
);
