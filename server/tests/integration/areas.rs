//! The Bereiche administered by the Zentrale: created (checked like the form), renamed
//! with a version check, deactivated only once no active mailbox, Anliegen or Postkorb
//! uses it (then no longer offered in forms), reactivated; versioned and audited. Everyone
//! signed in reads them; nobody else changes them.

use crate::both_databases;
use crate::common::{invalid_fields, Backend, Client, TestApp};
use serde_json::Value;

async fn detail(c: &Client, code: &str) -> Value {
    let (status, d) = c.call_json("katalog/bereich", &[("kuerzel", code)]).await;
    assert_eq!(status, 200, "{d}");
    d
}

fn version(d: &Value) -> String {
    d["area"]["version"].as_i64().unwrap().to_string()
}

async fn set_status(c: &Client, code: &str, version: &str, action: &str) -> (u16, Value) {
    c.call_json(
        "katalog/bereich/status",
        &[("kuerzel", code), ("version", version), ("aktion", action)],
    )
    .await
}

async fn rename(c: &Client, code: &str, version: &str, name: &str) -> (u16, Value) {
    c.call_json(
        "katalog/bereich/aendern",
        &[("kuerzel", code), ("version", version), ("name", name)],
    )
    .await
}

async fn last_action(app: &TestApp, code: &str) -> app::db::audit::AuditRow {
    let log = app::db::audit::of_object(&app.db, &format!("bereich:{code}"), 1)
        .await
        .unwrap();
    log.into_iter().next().expect("an audit record")
}

async fn the_zentrale_creates_renames_and_deactivates_a_bereich(backend: Backend) {
    let app = TestApp::start(backend).await;
    let z = app.signed_in("zentrale").await;
    let (status, list) = z.call_json("katalog/bereiche", &[]).await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list["editable"], true);
    let ez = list["areas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["code"] == "ez")
        .unwrap();
    assert!(ez["mailboxes"].as_i64().unwrap() > 100, "{ez}");

    // A Bereich in use cannot be deactivated: the refusal says by what.
    let d = detail(&z, "ez").await;
    let (status, e) = set_status(&z, "ez", &version(&d), "deaktivieren").await;
    assert_eq!(status, 409, "{e}");
    assert!(e.to_string().contains("aktive Postfächer"), "{e}");
    assert_eq!(d["area"]["refusal"], e["Conflict"]);

    // Create: checked like the form; the code is taken once.
    let (status, e) = z
        .call_json(
            "katalog/bereich/anlegen",
            &[("kuerzel", "neu bereich"), ("name", " ")],
        )
        .await;
    assert_eq!(status, 422, "{e}");
    assert_eq!(invalid_fields(&e), ["kuerzel", "name"]);
    let (status, code) = z
        .call_json(
            "katalog/bereich/anlegen",
            &[("kuerzel", "Pruefung"), ("name", "Prüfdienst")],
        )
        .await;
    assert_eq!(status, 200, "{code}");
    assert_eq!(code, "pruefung");
    let (status, e) = z
        .call_json(
            "katalog/bereich/anlegen",
            &[("kuerzel", "pruefung"), ("name", "Doppelt")],
        )
        .await;
    assert_eq!(status, 422, "{e}");
    assert!(e.to_string().contains("schon vergeben"), "{e}");
    assert_eq!(
        last_action(&app, "pruefung").await.action,
        "bereich-angelegt"
    );
    let d = detail(&z, "pruefung").await;
    assert_eq!(d["area"]["version"], 1);
    assert_eq!(d["area"]["refusal"], Value::Null);

    // Rename with a version check; the old name stays in the versions.
    let v = version(&d);
    let (status, next) = rename(&z, "pruefung", &v, "Prüf- und Qualitätsdienst").await;
    assert_eq!(status, 200, "{next}");
    let (status, e) = rename(&z, "pruefung", &v, "Noch ein Name").await;
    assert_eq!(status, 409, "stale: {e}");
    assert!(e.to_string().contains("inzwischen geändert"), "{e}");
    let d = detail(&z, "pruefung").await;
    assert_eq!(d["area"]["name"], "Prüf- und Qualitätsdienst");
    assert_eq!(d["history"].as_array().unwrap().len(), 2, "{d}");
    assert!(
        last_action(&app, "pruefung")
            .await
            .detail
            .contains("Prüfdienst"),
        "before and after"
    );

    // Deactivated: no longer offered to new mailboxes or Anliegen.
    let (status, v) = set_status(&z, "pruefung", &version(&d), "deaktivieren").await;
    assert_eq!(status, 200, "{v}");
    let d = detail(&z, "pruefung").await;
    assert_eq!(d["area"]["active"], false);
    assert!(
        d["history"][0]["fields"]
            .as_str()
            .unwrap()
            .contains("Status: deaktiviert"),
        "{d}"
    );
    assert_eq!(
        last_action(&app, "pruefung").await.action,
        "bereich-deaktiviert"
    );
    let (_, catalogue) = z.call_json("katalog", &[]).await;
    assert!(
        !catalogue["areas"].to_string().contains("pruefung"),
        "{}",
        catalogue["areas"]
    );
    let (status, e) =
        crate::catalogue::create(&z, "ag-pruef", "Prüfung", "Arbeitgeber", "pruefung").await;
    assert_eq!(status, 422, "{e}");
    assert_eq!(invalid_fields(&e), ["bereich"]);
    let mut lines = crate::master_data::kiel_lines(&z).await;
    let ez = lines
        .iter()
        .find(|l| l.ends_with(";ez;Eingangszone"))
        .unwrap()
        .clone();
    let moved = ez
        .replace(";ez;Eingangszone", ";pruefung;Prüf- und Qualitätsdienst")
        .replacen("@", "-pruefung@", 1);
    lines.push(moved);
    let (_, p, (_, _, error_lines)) = crate::master_data::previewed(&z, &lines).await;
    assert_eq!(error_lines, 1, "{p}");
    assert_eq!(
        p["errors"][0]["message"],
        "Der Bereich „pruefung“ ist deaktiviert."
    );
    assert_eq!(
        set_status(&z, "pruefung", &version(&d), "deaktivieren")
            .await
            .0,
        409
    );
    let (status, v) = set_status(&z, "pruefung", &version(&d), "reaktivieren").await;
    assert_eq!(status, 200, "{v}");
    assert_eq!(detail(&z, "pruefung").await["area"]["active"], true);
    let (status, e) =
        crate::catalogue::create(&z, "ag-pruef", "Prüfung", "Arbeitgeber", "pruefung").await;
    assert_eq!(status, 200, "{e}");
}

async fn only_the_zentrale_changes_bereiche(backend: Backend) {
    let app = TestApp::start(backend).await;
    let z = app.signed_in("zentrale").await;
    let v = version(&detail(&z, "ez").await);
    for user in ["aa-kiel", "rd-nord", "rim-nord"] {
        let c = app.signed_in(user).await;
        let (status, list) = c.call_json("katalog/bereiche", &[]).await;
        assert_eq!(
            (status, list["editable"].as_bool()),
            (200, Some(false)),
            "{user}"
        );
        assert_eq!(detail(&c, "ez").await["editable"], false, "{user}");
        let (status, _) = c
            .call_json(
                "katalog/bereich/anlegen",
                &[("kuerzel", "x"), ("name", "X")],
            )
            .await;
        assert_eq!(status, 403, "{user}");
        assert_eq!(rename(&c, "ez", &v, "X").await.0, 403, "{user}");
        assert_eq!(
            set_status(&c, "ez", &v, "deaktivieren").await.0,
            403,
            "{user}"
        );
    }
    assert_eq!(app.client().call_json("katalog/bereiche", &[]).await.0, 401);
    let (status, _) = z
        .call_json("katalog/bereich", &[("kuerzel", "gibt-es-nicht")])
        .await;
    assert_eq!(status, 404);
    assert_eq!(set_status(&z, "ez", &v, "loeschen").await.0, 400);
}

both_databases!(
    the_zentrale_creates_renames_and_deactivates_a_bereich,
    only_the_zentrale_changes_bereiche,
);
