//! The Postkörbe of a Dienststelle: everyone reads them; the Zentrale creates one for a
//! Bereich the Dienststelle has none of, renames it with a version check, and deactivates
//! it only once no live eAkte rule sends to it — a pre-filled order moves the rules to
//! another Postkorb of the agency first. An inactive Postkorb is refused as a target.
//! Every change is versioned and audited.

use crate::both_databases;
use crate::common::{Backend, Client, TestApp};
use crate::eakte_rules::{rule, set_postkorb};
use crate::orders::{act, file_empty_draft};
use serde_json::Value;

const BUSY: (&str, &str) = ("kiel.kiel", "lg");
const WHY: &str = "Die Leistungsgewährung Kiel wird in die Eingangszone verlegt.";

async fn detail(c: &Client, (office, area): (&str, &str)) -> (u16, Value) {
    c.call_json(
        "organisation/postkorb",
        &[("dienststelle", office), ("bereich", area)],
    )
    .await
}

async fn detail_ok(c: &Client, place: (&str, &str)) -> Value {
    let (status, d) = detail(c, place).await;
    assert_eq!(status, 200, "{d}");
    d
}

async fn create(c: &Client, office: &str, area: &str, name: &str) -> (u16, Value) {
    c.call_json(
        "organisation/postkorb/anlegen",
        &[("dienststelle", office), ("bereich", area), ("name", name)],
    )
    .await
}

async fn status(
    c: &Client,
    (office, area): (&str, &str),
    version: &str,
    action: &str,
) -> (u16, Value) {
    c.call_json(
        "organisation/postkorb/status",
        &[
            ("dienststelle", office),
            ("bereich", area),
            ("version", version),
            ("aktion", action),
        ],
    )
    .await
}

async fn rename(
    c: &Client,
    (office, area): (&str, &str),
    version: &str,
    name: &str,
) -> (u16, Value) {
    c.call_json(
        "organisation/postkorb/aendern",
        &[
            ("dienststelle", office),
            ("bereich", area),
            ("version", version),
            ("name", name),
        ],
    )
    .await
}

async fn file_move(c: &Client, target: &str) -> (u16, Value) {
    c.call_json(
        "organisation/postkorb/umzug",
        &[
            ("dienststelle", BUSY.0),
            ("bereich", BUSY.1),
            ("ziel", target),
            ("begruendung", WHY),
            ("wirksam_ab", "31.12.2099"),
        ],
    )
    .await
}

fn version(d: &Value) -> String {
    d["version"].as_i64().unwrap().to_string()
}

async fn the_zentrale_creates_renames_and_deactivates_a_postkorb(backend: Backend) {
    let app = TestApp::start(backend).await;
    let z = app.signed_in("zentrale").await;
    let aa = app.signed_in("aa-kiel").await;

    // Everyone reads; only the Zentrale is offered the Bereiche for a new one.
    let (s, list) = aa
        .call_json("organisation/postkoerbe", &[("dienststelle", "kiel.ploen")])
        .await;
    assert_eq!(s, 200, "{list}");
    assert_eq!(list["postkoerbe"].as_array().unwrap().len(), 2, "{list}");
    assert_eq!(list["free_areas"], serde_json::json!([]));
    let (_, list) = z
        .call_json("organisation/postkoerbe", &[("dienststelle", "kiel.ploen")])
        .await;
    let free = list["free_areas"].as_array().unwrap();
    assert!(
        free.iter()
            .any(|a| a[0] == "av" && a[2] == "Postkorb AV Plön"),
        "{list}"
    );
    assert!(!free.iter().any(|a| a[0] == "ez"), "{list}");

    // Create: checked, once per Bereich, only by the Zentrale.
    assert_eq!(
        create(&aa, "kiel.ploen", "av", "Postkorb AV Plön").await.0,
        403
    );
    let (s, e) = create(&z, "kiel.ploen", "ez", " ").await;
    assert_eq!(s, 422, "{e}");
    let fields: Vec<&str> = e["Validation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["bereich", "name"], "{e}");
    let (s, e) = create(&z, "kiel.ploen", "av", "Postkorb AV Plön").await;
    assert_eq!(s, 200, "{e}");
    let new = ("kiel.ploen", "av");
    let d = detail_ok(&z, new).await;
    assert_eq!(d["postkorb"]["code"], "kiel.ploen/av");
    assert_eq!(d["version"], 1);
    assert_eq!(d["postkorb"]["active"], true);
    assert_eq!(create(&z, "kiel.ploen", "av", "Doppelt").await.0, 422);

    // Rename with a version check.
    let (s, e) = rename(&z, new, "1", "Postkorb Arbeitsvermittlung Plön").await;
    assert_eq!(s, 200, "{e}");
    let (s, e) = rename(&z, new, "1", "Veraltet").await;
    assert_eq!(s, 409, "{e}");
    assert!(e.to_string().contains("inzwischen geändert"), "{e}");
    let d = detail_ok(&z, new).await;
    assert_eq!(d["postkorb"]["name"], "Postkorb Arbeitsvermittlung Plön");
    assert_eq!(d["history"].as_array().unwrap().len(), 2, "{d}");

    // The Leistungsgewährung's Postkorb is every Kiel rule's target: refused, listed.
    let d = detail_ok(&z, BUSY).await;
    let rules = d["rules"].as_array().unwrap().len();
    assert!(rules > 0, "{d}");
    let refusal = d["refusal"].as_str().unwrap();
    assert!(
        refusal.contains(&format!("{rules} gültigen eAkte-Regeln")),
        "{refusal}"
    );
    assert!(d["move_targets"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t[0] == "kiel.ploen/av"));
    let (s, e) = status(&z, BUSY, &version(&d), "deaktivieren").await;
    assert_eq!(s, 409, "{e}");
    assert_eq!(
        detail_ok(&z, BUSY).await["version"],
        0,
        "a refusal writes nothing"
    );

    // The move order sends them to the Eingangszone's Postkorb; RIM implements it.
    assert_eq!(file_move(&aa, "kiel.kiel/ez").await.0, 403);
    let (s, e) = file_move(&z, "muenchen.muenchen/ez").await;
    assert_eq!(s, 422, "another agency's Postkorb: {e}");
    let (s, batch) = file_move(&z, "kiel.kiel/ez").await;
    assert_eq!(s, 200, "{batch}");
    let (_, b) = z
        .call_json("sammelauftrag", &[("nummer", batch.as_str().unwrap())])
        .await;
    let order = b["orders"][0]["number"].as_str().unwrap().to_string();
    assert_eq!(b["orders"][0]["items"].as_i64(), Some(rules as i64), "{b}");
    assert_eq!(
        file_move(&z, "kiel.kiel/ez").await.0,
        409,
        "all in an open order"
    );
    let rim = app.signed_in("rim-nord").await;
    let (s, e) = act(&rim, &order, "umsetzen", "").await;
    assert_eq!(s, 200, "{e}");

    let d = detail_ok(&z, BUSY).await;
    assert_eq!(d["rules"], serde_json::json!([]), "{d}");
    assert_eq!(d["refusal"], Value::Null);
    let (s, e) = status(&z, BUSY, "99", "deaktivieren").await;
    assert_eq!(s, 409, "stale: {e}");
    let (s, e) = status(&z, BUSY, &version(&d), "deaktivieren").await;
    assert_eq!(s, 200, "{e}");
    let d = detail_ok(&z, BUSY).await;
    assert_eq!(d["postkorb"]["active"], false);
    assert!(d["history"][0]["fields"]
        .as_str()
        .unwrap()
        .contains("Status: deaktiviert"));
    let log = app::db::audit::of_object(&app.db, "postkorb:kiel.kiel/lg", 1)
        .await
        .unwrap();
    assert_eq!(log[0].action, "postkorb-deaktiviert");

    // Inactive: no longer a target of the eAkte-Regelwerk.
    let (s, number) = file_empty_draft(&aa).await;
    assert_eq!(s, 200, "{number}");
    let (entry, _) = rule(&app, "kiel", "Antrag auf Arbeitslosengeld", "papier").await;
    let inactive_id = crate::eakte_rules::postkorb(&app, "Postkorb LG Kiel").await;
    let (s, e) = set_postkorb(&aa, number.as_str().unwrap(), entry, &inactive_id).await;
    assert_eq!(s, 422, "{e}");
    let (s, e) = status(&z, BUSY, &version(&d), "reaktivieren").await;
    assert_eq!(s, 200, "{e}");
    let (s, e) = set_postkorb(&aa, number.as_str().unwrap(), entry, &inactive_id).await;
    assert_eq!(s, 200, "reactivated: {e}");

    // The Dienststelle's page shows the Postkörbe' versions with its own.
    let (_, office) = z
        .call_json("organisation/dienststelle", &[("code", "kiel.ploen")])
        .await;
    assert!(
        office["history"]
            .to_string()
            .contains("Postkorb kiel.ploen/av"),
        "{office}"
    );
}

async fn only_the_zentrale_changes_postkoerbe(backend: Backend) {
    let app = TestApp::start(backend).await;
    let z = app.signed_in("zentrale").await;
    let version = version(&detail_ok(&z, BUSY).await);
    for user in ["aa-kiel", "rd-nord", "rim-nord"] {
        let c = app.signed_in(user).await;
        let d = detail_ok(&c, BUSY).await;
        assert_eq!(d["may_manage"], false, "{user}");
        assert_eq!(d["move_targets"], serde_json::json!([]), "{user}");
        assert_eq!(rename(&c, BUSY, &version, "X Y").await.0, 403, "{user}");
        assert_eq!(
            status(&c, BUSY, &version, "deaktivieren").await.0,
            403,
            "{user}"
        );
        assert_eq!(file_move(&c, "kiel.kiel/ez").await.0, 403, "{user}");
    }
    assert_eq!(detail(&app.client(), BUSY).await.0, 401);
    assert_eq!(detail(&z, ("kiel.kiel", "gibt-es-nicht")).await.0, 404);
    assert_eq!(status(&z, BUSY, &version, "loeschen").await.0, 400);
}

both_databases!(
    the_zentrale_creates_renames_and_deactivates_a_postkorb,
    only_the_zentrale_changes_postkoerbe,
);
