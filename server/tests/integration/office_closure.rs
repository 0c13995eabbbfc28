//! A Dienststelle closed with a successor: while other Dienststellen's live routing or
//! eAkte rules point to it, closing is refused and a pre-filled batch order moves them to
//! the successor through review and implementation; then the closure deactivates its
//! mailboxes, ends its own configuration, is versioned and audited, and the closed
//! Dienststelle drops out of order forms and new initial configurations. Only the Zentrale
//! may do it; the Hauptagentur and a Dienststelle with open orders are refused.

use crate::both_databases;
use crate::common::{Backend, Client, TestApp};
use crate::eakte_rules::{postkorb, rule, set_postkorb};
use crate::orders::{act, draft, file_empty_draft, order};
use app::on_db;
use serde_json::Value;

const CLOSING: &str = "kiel.eckernfoerde";
const SUCCESSOR: &str = "kiel.ploen";
const NOTIFIED: &str = "kiel-eckernfoerde.eingangszone@arbeitsagentur.de";
const WHY: &str = "Die Geschäftsstelle Eckernförde wird mit Plön zusammengelegt.";

async fn plan(c: &Client, office: &str, successor: Option<&str>) -> (u16, Value) {
    let mut form = vec![("dienststelle", office)];
    if let Some(s) = successor {
        form.push(("nachfolger", s));
    }
    c.call_json("organisation/dienststelle/schliessen/plan", &form)
        .await
}

async fn plan_ok(c: &Client, successor: Option<&str>) -> Value {
    let (status, p) = plan(c, CLOSING, successor).await;
    assert_eq!(status, 200, "{p}");
    p
}

async fn close(c: &Client, office: &str, version: &str) -> (u16, Value) {
    c.call_json(
        "organisation/dienststelle/schliessen",
        &[
            ("dienststelle", office),
            ("version", version),
            ("nachfolger", SUCCESSOR),
        ],
    )
    .await
}

async fn file_move(c: &Client) -> (u16, Value) {
    c.call_json(
        "organisation/dienststelle/schliessen/umzug",
        &[
            ("dienststelle", CLOSING),
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

/// Kiel's live configuration points to Eckernförde from elsewhere: a Hauptagentur entry
/// notifies its Eingangszone, and a Kiel eAkte rule sends to its Postkorb.
async fn point_to_the_closing_office(app: &TestApp) {
    let aa = app.signed_in("aa-kiel").await;
    let (status, number) = file_empty_draft(&aa).await;
    assert_eq!(status, 200, "{number}");
    let number = number.as_str().unwrap().to_string();
    let notified = format!("kiel.arbeitgeber-service@arbeitsagentur.de\n{NOTIFIED}");
    let (status, e) = crate::order_rules::save_item(app, &aa, &number, "ag-egz", &notified).await;
    assert_eq!(status, 200, "{e}");
    let (entry, _) = rule(app, "kiel", "Antrag auf Arbeitslosengeld", "online").await;
    let ez = postkorb(app, "Postkorb EZ Eckernförde").await;
    let (status, e) = set_postkorb(&aa, &number, entry, &ez).await;
    assert_eq!(status, 200, "{e}");
    implement(app, &aa, &number).await;
}

pub(crate) async fn implement(app: &TestApp, author: &Client, number: &str) {
    let o = order(author, number).await;
    if o["state_code"] == "entwurf" {
        assert_eq!(act(author, number, "einreichen", "").await.0, 200);
    }
    let rd = app.signed_in("rd-nord").await;
    if order(&rd, number).await["state_code"] == "eingereicht" {
        let (status, e) = act(&rd, number, "genehmigen", "").await;
        assert_eq!(status, 200, "{e}");
    }
    let rim = app.signed_in("rim-nord").await;
    let (status, e) = act(&rim, number, "umsetzen", "").await;
    assert_eq!(status, 200, "{e}");
}

async fn live_routing_of(app: &TestApp, office: &str) -> i64 {
    let db = &app.db;
    on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM routing_versions v JOIN routing_entries e ON e.id = v.entry_id
         JOIN offices o ON o.id = e.office_id WHERE o.code = $1 AND v.valid_until IS NULL")
        .bind(office).fetch_one(pool).await.unwrap())
}

async fn entries_of(app: &TestApp, office: &str) -> i64 {
    let db = &app.db;
    on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM routing_entries e JOIN offices o ON o.id = e.office_id WHERE o.code = $1")
        .bind(office).fetch_one(pool).await.unwrap())
}

async fn a_dienststelle_closes_once_its_move_order_is_implemented(backend: Backend) {
    let app = TestApp::start(backend).await;
    let z = app.signed_in("zentrale").await;
    let p = plan_ok(&z, None).await;
    assert_eq!(p["refusal"], Value::Null, "{p}");
    assert_eq!(p["may_close"], false, "no successor chosen yet");
    assert_eq!(p["mailbox_count"], 4, "{p}");
    let successors: Vec<&str> = p["successors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s[0].as_str().unwrap())
        .collect();
    assert_eq!(successors, ["kiel.kiel", "kiel.ploen", "kiel.preetz"]);

    point_to_the_closing_office(&app).await;
    let p = plan_ok(&z, Some(SUCCESSOR)).await;
    assert_eq!(p["successor"], SUCCESSOR);
    let moves = p["moves"].as_array().unwrap();
    assert_eq!(moves.len(), 2, "{p}");
    let routing = moves.iter().find(|m| m["kind"] == "Routing").unwrap();
    assert!(
        routing["before"].as_str().unwrap().contains(NOTIFIED),
        "{routing}"
    );
    let after = routing["after"].as_str().unwrap();
    assert!(
        after.contains("kiel-ploen.eingangszone@arbeitsagentur.de") && !after.contains(NOTIFIED),
        "{routing}"
    );
    let eakte = moves.iter().find(|m| m["kind"] == "eAkte-Regel").unwrap();
    assert_eq!(eakte["before"], "Postkorb EZ Eckernförde");
    assert_eq!(eakte["after"], "Postkorb EZ Plön");
    assert_eq!(
        (p["may_file_move"].as_bool(), p["may_close"].as_bool()),
        (Some(true), Some(false))
    );
    let (status, e) = close(&z, CLOSING, &version(&p)).await;
    assert_eq!(status, 409, "{e}");
    assert!(e.to_string().contains("2 gültige Einträge"), "{e}");

    // The move: one Kiel order with both items, on its way to the RD.
    let (status, batch) = file_move(&z).await;
    assert_eq!(status, 200, "{batch}");
    let batch = batch.as_str().unwrap().to_string();
    let (_, b) = z.call_json("sammelauftrag", &[("nummer", &batch)]).await;
    let orders = b["orders"].as_array().unwrap();
    assert_eq!(orders.len(), 1, "{b}");
    assert_eq!(orders[0]["items"].as_i64(), Some(2), "{b}");
    assert_eq!(orders[0]["state_code"], "eingereicht");
    let number = orders[0]["number"].as_str().unwrap().to_string();
    let p = plan_ok(&z, Some(SUCCESSOR)).await;
    assert!(
        p["moves"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["open_order"] == number.as_str()),
        "{p}"
    );
    assert_eq!(p["may_file_move"], false, "nothing left to move: {p}");
    let (status, e) = file_move(&z).await;
    assert_eq!(status, 409, "{e}");
    assert_eq!(close(&z, CLOSING, &version(&p)).await.0, 409);

    implement(&app, &z, &number).await;
    let p = plan_ok(&z, Some(SUCCESSOR)).await;
    assert_eq!(p["moves"], serde_json::json!([]), "{p}");
    assert_eq!(p["may_close"], true, "{p}");
    let (status, e) = close(&z, CLOSING, "99").await;
    assert_eq!(status, 409, "stale: {e}");
    assert!(e.to_string().contains("inzwischen geändert"), "{e}");
    let own_entries = entries_of(&app, CLOSING).await;
    assert!(live_routing_of(&app, CLOSING).await > 0);
    let (status, e) = close(&z, CLOSING, &version(&p)).await;
    assert_eq!(status, 200, "{e}");

    // Closed: versioned, audited, its mailboxes inactive, its own routing ended.
    let (_, office) = z
        .call_json("organisation/dienststelle", &[("code", CLOSING)])
        .await;
    assert_eq!(
        office["closed_into"],
        serde_json::json!([SUCCESSOR, "Plön"])
    );
    assert_eq!(office["may_close"], false);
    assert!(office["mailboxes"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["active"] == false));
    let closing_version = office["history"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["object"].as_str().unwrap().starts_with("Dienststelle"))
        .unwrap();
    assert!(
        closing_version["by"]
            .as_str()
            .unwrap()
            .contains("Dienststelle geschlossen, Nachfolgerin Plön"),
        "{closing_version}"
    );
    let fields = closing_version["fields"].as_str().unwrap();
    assert!(
        fields.contains("Status: geschlossen") && fields.contains("Nachfolgerin: kiel.ploen"),
        "{fields}"
    );
    let log = app::db::audit::of_object(&app.db, &format!("dienststelle:{CLOSING}"), 1)
        .await
        .unwrap();
    assert_eq!(log[0].action, "dienststelle-geschlossen");
    assert!(
        log[0].detail.contains("4 Postfächer deaktiviert"),
        "{}",
        log[0].detail
    );
    assert_eq!(live_routing_of(&app, CLOSING).await, 0);
    let (_, agency) = z
        .call_json("organisation/agentur", &[("code", "kiel")])
        .await;
    assert!(
        agency.to_string().contains("\"closed_into\":\"Plön\""),
        "{agency}"
    );

    // Gone from order forms and from new initial configurations; nothing new in it.
    let kiel_id: i64 = {
        let db = &app.db;
        on_db!(db, pool => sqlx::query_scalar("SELECT id FROM agencies WHERE code = 'kiel'")
            .fetch_one(pool).await.unwrap())
    };
    let offered = app::db::orders::agency_offices(&app.db, kiel_id)
        .await
        .unwrap();
    assert!(offered.iter().all(|(_, code, _)| code != CLOSING));
    let (status, e) =
        crate::catalogue::create(&z, "ag-neu", "Neues Anliegen", "Arbeitgeber", "ags").await;
    assert_eq!(status, 200, "{e}");
    assert_eq!(entries_of(&app, CLOSING).await, own_entries);
    let (_, mailbox) = z
        .call_json("organisation/postfach", &[("adresse", NOTIFIED)])
        .await;
    let mailbox_version = mailbox["version"].as_i64().unwrap().to_string();
    let (status, e) = z
        .call_json(
            "organisation/postfach/status",
            &[
                ("adresse", NOTIFIED),
                ("version", &mailbox_version),
                ("aktion", "reaktivieren"),
            ],
        )
        .await;
    assert_eq!(status, 409, "{e}");
    assert!(e.to_string().contains("geschlossen"), "{e}");
    // The master-data import creates no mailbox in it either.
    let mut lines = crate::master_data::kiel_lines(&z).await;
    let closed = lines.iter().find(|l| l.contains(NOTIFIED)).unwrap().clone();
    lines.push(closed.replace("kiel-eckernfoerde.eingangszone@", "kiel-eckernfoerde.neu@"));
    let (_, p, (created, _, error_lines)) = crate::master_data::previewed(&z, &lines).await;
    assert_eq!((created, error_lines), (1, 1), "{p}");
    assert_eq!(p["errors"][0]["column"], "Dienststelle-Nr.", "{p}");
    assert!(p["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("geschlossen"));
    let p = plan_ok(&z, Some(SUCCESSOR)).await;
    assert_eq!(p["refusal"], "Die Dienststelle ist bereits geschlossen.");
    assert_eq!(close(&z, CLOSING, &version(&p)).await.0, 409);
}

async fn only_the_zentrale_closes_and_open_orders_or_the_hauptagentur_are_refused(
    backend: Backend,
) {
    let app = TestApp::start(backend).await;
    let z = app.signed_in("zentrale").await;
    let version = version(&plan_ok(&z, Some(SUCCESSOR)).await);
    for user in ["aa-kiel", "rd-nord", "rim-nord"] {
        let c = app.signed_in(user).await;
        assert_eq!(plan(&c, CLOSING, Some(SUCCESSOR)).await.0, 403, "{user}");
        assert_eq!(close(&c, CLOSING, &version).await.0, 403, "{user}");
        assert_eq!(file_move(&c).await.0, 403, "{user}");
    }
    assert_eq!(plan(&app.client(), CLOSING, None).await.0, 401);
    assert_eq!(plan(&z, "gibt.es-nicht", None).await.0, 404);

    // The Hauptagentur cannot be closed alone; successors come from the same agency.
    let (status, p) = plan(&z, "kiel.kiel", Some(SUCCESSOR)).await;
    assert_eq!(status, 200, "{p}");
    assert!(
        p["refusal"].as_str().unwrap().contains("Hauptagentur"),
        "{p}"
    );
    let (status, e) = close(&z, "kiel.kiel", &version).await;
    assert_eq!(status, 409, "{e}");
    for (successor, refusal) in [
        (CLOSING, "andere Dienststelle"),
        ("muenchen.muenchen", "derselben Agentur"),
    ] {
        let p = plan_ok(&z, Some(successor)).await;
        assert!(
            p["refusal"].as_str().unwrap_or_default().contains(refusal),
            "{successor}: {p}"
        );
        assert_eq!(p["may_close"], false);
    }

    // An open order that changes one of its entries blocks the closure.
    let aa = app.signed_in("aa-kiel").await;
    let number = draft(
        &app,
        &aa,
        &[(
            CLOSING,
            "kiel-eckernfoerde.arbeitgeber-service@arbeitsagentur.de",
        )],
    )
    .await;
    let p = plan_ok(&z, Some(SUCCESSOR)).await;
    assert_eq!(p["open_orders"], serde_json::json!([number]), "{p}");
    assert_eq!(p["may_close"], false);
    let (status, e) = close(&z, CLOSING, &version).await;
    assert_eq!(status, 409, "{e}");
    assert!(
        e.to_string()
            .contains(&format!("ein offener Auftrag ({number})")),
        "{e}"
    );
    // Withdrawn, it no longer does.
    assert_eq!(act(&aa, &number, "zurueckziehen", "").await.0, 200);
    assert_eq!(plan_ok(&z, Some(SUCCESSOR)).await["may_close"], true);
}

both_databases!(
    a_dienststelle_closes_once_its_move_order_is_implemented,
    only_the_zentrale_closes_and_open_orders_or_the_hauptagentur_are_refused,
);
