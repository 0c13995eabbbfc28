//! The catalogue of the eAkte-Regelwerk: everyone reads Aktentypen, Dokumenttypen and
//! Dokumentarten; the Zentrale creates them (a new Dokumenttyp or Dokumentart gets a rule in
//! every agency), renames them with a version check, deactivates them (their rules end;
//! refused while a directive in force names them, open orders change their rules, or an
//! Aktentyp has active Dokumenttypen) and reactivates them (their rules come back).

use crate::both_databases;
use crate::common::{Backend, Client, TestApp};
use crate::eakte_rules::{postkorb, rule, set_postkorb};
use crate::orders::file_empty_draft;
use app::on_db;
use serde_json::Value;

async fn entry(c: &Client, kind: &str, code: &str) -> (u16, Value) {
    c.call_json("katalog/eakte/eintrag", &[("art", kind), ("kuerzel", code)])
        .await
}

async fn entry_ok(c: &Client, kind: &str, code: &str) -> Value {
    let (status, e) = entry(c, kind, code).await;
    assert_eq!(status, 200, "{e}");
    e
}

async fn create(c: &Client, kind: &str, file_type: &str, code: &str, name: &str) -> (u16, Value) {
    c.call_json(
        "katalog/eakte/anlegen",
        &[
            ("art", kind),
            ("aktentyp", file_type),
            ("kuerzel", code),
            ("name", name),
        ],
    )
    .await
}

async fn status(c: &Client, kind: &str, code: &str, version: &str, action: &str) -> (u16, Value) {
    c.call_json(
        "katalog/eakte/status",
        &[
            ("art", kind),
            ("kuerzel", code),
            ("version", version),
            ("aktion", action),
        ],
    )
    .await
}

async fn rename(c: &Client, kind: &str, code: &str, version: &str, name: &str) -> (u16, Value) {
    c.call_json(
        "katalog/eakte/aendern",
        &[
            ("art", kind),
            ("kuerzel", code),
            ("version", version),
            ("name", name),
        ],
    )
    .await
}

fn version(e: &Value) -> String {
    e["entry"]["version"].as_i64().unwrap().to_string()
}

async fn agencies(app: &TestApp) -> i64 {
    let db = &app.db;
    on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM agencies").fetch_one(pool).await.unwrap())
}

async fn the_zentrale_manages_the_eakte_catalogue(backend: Backend) {
    let app = TestApp::start(backend).await;
    let z = app.signed_in("zentrale").await;
    let agencies = agencies(&app).await;

    let (s, c) = z.call_json("katalog/eakte", &[]).await;
    assert_eq!(s, 200, "{c}");
    assert_eq!(c["editable"], true);
    assert_eq!(c["file_types"].as_array().unwrap().len(), 1, "{c}");
    let types = c["document_types"].as_array().unwrap().len() as i64;
    let online = c["document_kinds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["code"] == "online")
        .unwrap()
        .clone();
    assert_eq!(online["live_rules"].as_i64(), Some(agencies * types));

    // A new Dokumenttyp: checked, then a rule per agency and Dokumentart.
    let (s, e) = create(&z, "dokumenttyp", "9999", "a.b", " ").await;
    assert_eq!(s, 422, "{e}");
    let fields: Vec<&str> = e["Validation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["aktentyp", "kuerzel", "name"], "{e}");
    let (s, e) = create(&z, "dokumenttyp", "1001", "120", "Antrag auf Insolvenzgeld").await;
    assert_eq!(s, 200, "{e}");
    assert_eq!(e, "1001.120");
    assert_eq!(
        create(&z, "dokumenttyp", "1001", "120", "Doppelt").await.0,
        422
    );
    let d = entry_ok(&z, "dokumenttyp", "1001.120").await;
    assert_eq!(d["entry"]["live_rules"].as_i64(), Some(agencies * 2), "{d}");
    assert_eq!(d["entry"]["file_type"], "1001");
    assert_eq!(d["entry"]["version"], 1);
    let log = app::db::audit::of_object(&app.db, "dokumenttyp:1001.120", 1)
        .await
        .unwrap();
    assert!(
        log[0].detail.contains(&format!(
            "Ausgangskonfiguration für {} eAkte-Regeln",
            agencies * 2
        )),
        "{}",
        log[0].detail
    );

    // Renamed with a version check.
    let (s, e) = rename(&z, "dokumenttyp", "1001.120", "1", "Insolvenzgeld-Antrag").await;
    assert_eq!(s, 200, "{e}");
    assert_eq!(
        rename(&z, "dokumenttyp", "1001.120", "1", "Veraltet")
            .await
            .0,
        409
    );

    // Deactivated, its rules end; reactivated, they come back.
    let d = entry_ok(&z, "dokumenttyp", "1001.120").await;
    assert_eq!(d["refusal"], Value::Null, "{d}");
    let (s, e) = status(&z, "dokumenttyp", "1001.120", &version(&d), "deaktivieren").await;
    assert_eq!(s, 200, "{e}");
    let d = entry_ok(&z, "dokumenttyp", "1001.120").await;
    assert_eq!(d["entry"]["live_rules"], 0);
    assert_eq!(d["entry"]["active"], false);
    assert!(d["history"][0]["fields"]
        .as_str()
        .unwrap()
        .contains("Status: deaktiviert"));
    let log = app::db::audit::of_object(&app.db, "dokumenttyp:1001.120", 1)
        .await
        .unwrap();
    assert_eq!(log[0].action, "dokumenttyp-deaktiviert");
    assert!(
        log[0]
            .detail
            .contains(&format!("{} eAkte-Regeln beendet", agencies * 2)),
        "{}",
        log[0].detail
    );
    let (s, e) = status(&z, "dokumenttyp", "1001.120", &version(&d), "reaktivieren").await;
    assert_eq!(s, 200, "{e}");
    let d = entry_ok(&z, "dokumenttyp", "1001.120").await;
    assert_eq!(d["entry"]["live_rules"].as_i64(), Some(agencies * 2));

    // A new Dokumentart: a rule per agency and active Dokumenttyp.
    let (s, e) = create(&z, "dokumentart", "", "fax", "Telefax").await;
    assert_eq!(s, 200, "{e}");
    let d = entry_ok(&z, "dokumentart", "fax").await;
    assert_eq!(
        d["entry"]["live_rules"].as_i64(),
        Some(agencies * (types + 1))
    );
}

async fn deactivation_is_refused_while_directives_orders_or_children_use_it(backend: Backend) {
    let app = TestApp::start(backend).await;
    let z = app.signed_in("zentrale").await;

    // Weisung 202505010 names Aktentyp 1001 and the Dokumentart "online".
    let d = entry_ok(&z, "dokumentart", "online").await;
    assert!(d["refusal"].as_str().unwrap().contains("202505010"), "{d}");
    let (s, e) = status(&z, "dokumentart", "online", &version(&d), "deaktivieren").await;
    assert_eq!(s, 409, "{e}");
    let d = entry_ok(&z, "aktentyp", "1001").await;
    assert!(d["refusal"].as_str().unwrap().contains("202505010"), "{d}");

    // An open order that changes a rule of the Dokumenttyp blocks it.
    let aa = app.signed_in("aa-kiel").await;
    let (s, number) = file_empty_draft(&aa).await;
    assert_eq!(s, 200, "{number}");
    let number = number.as_str().unwrap().to_string();
    let (rule_id, _) = rule(&app, "kiel", "Antrag auf Arbeitslosengeld", "papier").await;
    let ez = postkorb(&app, "Postkorb EZ Kiel").await;
    let (s, e) = set_postkorb(&aa, &number, rule_id, &ez).await;
    assert_eq!(s, 200, "{e}");
    let d = entry_ok(&z, "dokumenttyp", "1001.101").await;
    assert!(d["refusal"].as_str().unwrap().contains(&number), "{d}");
    let (s, e) = status(&z, "dokumenttyp", "1001.101", &version(&d), "deaktivieren").await;
    assert_eq!(s, 409, "{e}");
    assert_eq!(
        entry_ok(&z, "dokumenttyp", "1001.101").await["entry"]["active"],
        true
    );

    // Everyone reads; only the Zentrale writes.
    for user in ["aa-kiel", "rd-nord", "rim-nord"] {
        let c = app.signed_in(user).await;
        let (s, list) = c.call_json("katalog/eakte", &[]).await;
        assert_eq!(s, 200, "{user}: {list}");
        assert_eq!(list["editable"], false, "{user}");
        assert_eq!(
            entry_ok(&c, "dokumenttyp", "1001.101").await["editable"],
            false
        );
        assert_eq!(
            create(&c, "dokumentart", "", "x", "X").await.0,
            403,
            "{user}"
        );
        assert_eq!(
            rename(&c, "dokumentart", "online", "0", "X").await.0,
            403,
            "{user}"
        );
        assert_eq!(
            status(&c, "dokumentart", "online", "0", "deaktivieren")
                .await
                .0,
            403,
            "{user}"
        );
    }
    assert_eq!(app.client().call_json("katalog/eakte", &[]).await.0, 401);
    assert_eq!(entry(&z, "postkorb", "kiel.kiel/ez").await.0, 404);
    assert_eq!(entry(&z, "dokumenttyp", "1001.999").await.0, 404);
    assert_eq!(create(&z, "postkorb", "", "x", "X").await.0, 422);
}

both_databases!(
    the_zentrale_manages_the_eakte_catalogue,
    deactivation_is_refused_while_directives_orders_or_children_use_it,
);
