//! Regionaldirektionen, Agenturen and Dienststellen created and renamed by the Zentrale
//! on their pages: checked like the form, unique codes, parents that exist, one
//! Hauptagentur per agency, a version check on renaming, versions and audit records.
//! An RD renames agencies and Dienststellen and adds Dienststellen in its own region;
//! nobody else may.

use crate::both_databases;
use crate::common::{invalid_fields, Backend, Client, TestApp};
use serde_json::Value;

async fn create(c: &Client, level: &str, parent: &str, code: &str, name: &str) -> (u16, Value) {
    create_kind(c, level, parent, code, name, "geschaeftsstelle").await
}

async fn create_kind(
    c: &Client,
    level: &str,
    parent: &str,
    code: &str,
    name: &str,
    kind: &str,
) -> (u16, Value) {
    c.call_json(
        "organisation/anlegen",
        &[
            ("ebene", level),
            ("uebergeordnet", parent),
            ("kuerzel", code),
            ("name", name),
            ("art", kind),
        ],
    )
    .await
}

async fn rename(c: &Client, level: &str, code: &str, version: &str, name: &str) -> (u16, Value) {
    c.call_json(
        "organisation/umbenennen",
        &[
            ("ebene", level),
            ("kuerzel", code),
            ("version", version),
            ("neuer_name", name),
        ],
    )
    .await
}

async fn page(c: &Client, endpoint: &str, code: &str) -> Value {
    let (status, p) = c.call_json(endpoint, &[("code", code)]).await;
    assert_eq!(status, 200, "{p}");
    p
}

fn version(p: &Value) -> String {
    p["version"].as_i64().unwrap().to_string()
}

async fn last_action(app: &TestApp, object: &str) -> String {
    let log = app::db::audit::of_object(&app.db, object, 1).await.unwrap();
    log.into_iter().next().expect("an audit record").action
}

async fn the_zentrale_builds_a_region_with_an_agency_and_its_dienststellen(backend: Backend) {
    let app = TestApp::start(backend).await;
    let z = app.signed_in("zentrale").await;
    let (_, overview) = z.call_json("organisation/uebersicht", &[]).await;
    assert_eq!(overview["may_manage"], true);

    let (status, e) = create(&z, "rd", "", "neu rd", " ").await;
    assert_eq!(status, 422, "{e}");
    assert_eq!(invalid_fields(&e), ["kuerzel", "name"]);
    let (status, href) = create(&z, "rd", "", "Kueste", "Regionaldirektion Küste").await;
    assert_eq!(status, 200, "{href}");
    assert_eq!(href, "/organisation/rd/kueste");
    let (status, e) = create(&z, "rd", "", "kueste", "Doppelt").await;
    assert_eq!(status, 422, "{e}");
    assert!(e.to_string().contains("schon vergeben"), "{e}");
    assert_eq!(last_action(&app, "rd:kueste").await, "rd-angelegt");

    assert_eq!(
        create(&z, "agentur", "gibt-es-nicht", "a", "A").await.0,
        404
    );
    let (status, href) = create(&z, "agentur", "kueste", "husum", "Agentur für Arbeit Husum").await;
    assert_eq!(
        (status, href.as_str()),
        (200, Some("/organisation/agentur/husum"))
    );
    let rd = page(&z, "organisation/regionaldirektion", "kueste").await;
    assert_eq!(rd["agencies"][0]["code"], "husum", "{rd}");
    assert_eq!(rd["history"][0]["version"], 1, "{rd}");

    let (status, _) = create_kind(
        &z,
        "dienststelle",
        "husum",
        "husum.husum",
        "Husum",
        "hauptagentur",
    )
    .await;
    assert_eq!(status, 200);
    let (status, e) = create_kind(
        &z,
        "dienststelle",
        "husum",
        "husum.zwei",
        "Zwei",
        "hauptagentur",
    )
    .await;
    assert_eq!(status, 422, "{e}");
    assert_eq!(invalid_fields(&e), ["art"]);
    assert!(e.to_string().contains("bereits eine Hauptagentur"), "{e}");
    assert_eq!(
        create_kind(&z, "dienststelle", "husum", "husum.x", "X", "filiale")
            .await
            .0,
        422
    );
    let (status, _) = create(&z, "dienststelle", "husum", "husum.tonning", "Tönning").await;
    assert_eq!(status, 200);
    let agency = page(&z, "organisation/agentur", "husum").await;
    let offices: Vec<&str> = agency["offices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["kind_label"].as_str().unwrap())
        .collect();
    assert_eq!(offices, ["Hauptagentur", "Geschäftsstelle"]);
    assert_eq!(agency["may_manage"], true);

    // Renaming: a version check; the seeded RD gets its "before" version first.
    let (status, next) = rename(
        &z,
        "agentur",
        "husum",
        &version(&agency),
        "Agentur für Arbeit Nordfriesland",
    )
    .await;
    assert_eq!(status, 200, "{next}");
    assert_eq!(next, 2);
    let (status, e) = rename(&z, "agentur", "husum", &version(&agency), "Noch einer").await;
    assert_eq!(status, 409, "stale: {e}");
    let agency = page(&z, "organisation/agentur", "husum").await;
    assert_eq!(agency["name"], "Agentur für Arbeit Nordfriesland");
    assert_eq!(
        last_action(&app, "agentur:husum").await,
        "agentur-umbenannt"
    );
    let (status, e) = rename(&z, "agentur", "husum", &version(&agency), " ").await;
    assert_eq!(status, 422, "{e}");
    assert_eq!(invalid_fields(&e), ["neuer_name"]);
    let (status, e) = rename(
        &z,
        "agentur",
        "husum",
        &version(&agency),
        "Agentur für Arbeit Nordfriesland",
    )
    .await;
    assert_eq!(status, 409, "unchanged: {e}");

    let nord = page(&z, "organisation/regionaldirektion", "nord").await;
    let (before, versions) = (
        nord["version"].as_i64().unwrap(),
        nord["history"].as_array().unwrap().len(),
    );
    let (status, next) = rename(
        &z,
        "rd",
        "nord",
        &version(&nord),
        "Regionaldirektion Nord (neu)",
    )
    .await;
    assert_eq!(status, 200, "{next}");
    assert!(next.as_i64().unwrap() > before, "{next}");
    let nord = page(&z, "organisation/regionaldirektion", "nord").await;
    assert_eq!(nord["name"], "Regionaldirektion Nord (neu)");
    assert!(
        nord["history"].as_array().unwrap().len() > versions,
        "{nord}"
    );
    let office = page(&z, "organisation/dienststelle", "kiel.ploen").await;
    let (status, _) = rename(
        &z,
        "dienststelle",
        "kiel.ploen",
        &version(&office),
        "Plön (Holstein)",
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        page(&z, "organisation/dienststelle", "kiel.ploen").await["name"],
        "Plön (Holstein)"
    );
}

async fn an_rd_renames_and_adds_dienststellen_in_its_region_only(backend: Backend) {
    let app = TestApp::start(backend).await;
    let rd = app.signed_in("rd-nord").await;
    let kiel = page(&rd, "organisation/agentur", "kiel").await;
    assert_eq!(kiel["may_manage"], true);
    let (status, v) = rename(
        &rd,
        "agentur",
        "kiel",
        &version(&kiel),
        "Agentur für Arbeit Kiel (Förde)",
    )
    .await;
    assert_eq!(status, 200, "{v}");
    assert_eq!(last_action(&app, "agentur:kiel").await, "agentur-umbenannt");
    let (status, _) = create(&rd, "dienststelle", "kiel", "kiel.laboe", "Laboe").await;
    assert_eq!(status, 200);
    let office = page(&rd, "organisation/dienststelle", "kiel.laboe").await;
    assert_eq!(office["may_manage"], true);
    assert_eq!(
        office["may_close"], false,
        "closing stays with the Zentrale"
    );
    // Not an RD, not an agency, nothing outside the region.
    assert_eq!(create(&rd, "rd", "", "x", "X").await.0, 403);
    assert_eq!(create(&rd, "agentur", "nord", "x", "X").await.0, 403);
    let nord = page(&rd, "organisation/regionaldirektion", "nord").await;
    assert_eq!(nord["may_manage"], false);
    assert_eq!(rename(&rd, "rd", "nord", &version(&nord), "X").await.0, 403);
    assert_eq!(
        create(&rd, "dienststelle", "muenchen", "muenchen.x", "X")
            .await
            .0,
        403
    );
    let z = app.signed_in("zentrale").await;
    let muenchen = page(&z, "organisation/agentur", "muenchen").await;
    assert_eq!(
        rename(&rd, "agentur", "muenchen", &version(&muenchen), "X")
            .await
            .0,
        403
    );
}

async fn agency_admins_and_rim_manage_no_organisation(backend: Backend) {
    let app = TestApp::start(backend).await;
    let z = app.signed_in("zentrale").await;
    let kiel = version(&page(&z, "organisation/agentur", "kiel").await);
    for user in ["aa-kiel", "rim-nord"] {
        let c = app.signed_in(user).await;
        assert_eq!(create(&c, "rd", "", "x", "X").await.0, 403, "{user}");
        assert_eq!(
            create(&c, "dienststelle", "kiel", "kiel.x", "X").await.0,
            403,
            "{user}"
        );
        assert_eq!(
            rename(&c, "agentur", "kiel", &kiel, "X").await.0,
            403,
            "{user}"
        );
        let agency = page(&c, "organisation/agentur", "kiel").await;
        assert_eq!(agency["may_manage"], false, "{user}");
    }
    let anonymous = app.client();
    assert_eq!(create(&anonymous, "rd", "", "x", "X").await.0, 401);
    assert_eq!(create(&z, "postfach", "", "x", "X").await.0, 400);
    assert_eq!(rename(&z, "bereich", "ez", "0", "X").await.0, 400);
    assert_eq!(
        rename(&z, "agentur", "gibt-es-nicht", "0", "X").await.0,
        404
    );
    assert_eq!(
        create(&z, "dienststelle", "gibt-es-nicht", "x.y", "X")
            .await
            .0,
        404
    );
}

async fn set_status(c: &Client, code: &str, version: &str, action: &str) -> (u16, Value) {
    c.call_json(
        "organisation/rd/status",
        &[("kuerzel", code), ("version", version), ("aktion", action)],
    )
    .await
}

async fn an_rd_is_deactivated_only_once_nothing_depends_on_it(backend: Backend) {
    let app = TestApp::start(backend).await;
    let z = app.signed_in("zentrale").await;
    // Nord has agencies, a reviewer and RIM: refused, with what depends on it.
    let nord = page(&z, "organisation/regionaldirektion", "nord").await;
    assert_eq!(
        (nord["active"].as_bool(), nord["may_set_status"].as_bool()),
        (Some(true), Some(true))
    );
    let refusal = nord["refusal"].as_str().unwrap_or_else(|| panic!("{nord}"));
    assert!(
        refusal.contains("geöffnete Agenturen gehören zu ihr") && refusal.contains("(rd-nord)"),
        "{refusal}"
    );
    let (status, e) = set_status(&z, "nord", &version(&nord), "deaktivieren").await;
    assert_eq!(status, 409, "{e}");
    assert!(
        e.to_string().contains("entziehen Sie die Rolle zuerst"),
        "{e}"
    );
    for user in ["rd-nord", "aa-kiel", "rim-nord"] {
        let c = app.signed_in(user).await;
        assert_eq!(
            set_status(&c, "nord", &version(&nord), "deaktivieren")
                .await
                .0,
            403,
            "{user}"
        );
        let p = page(&c, "organisation/regionaldirektion", "nord").await;
        assert_eq!(
            (p["may_set_status"].as_bool(), p["refusal"].as_str()),
            (Some(false), None),
            "{user}"
        );
    }

    // A new RD without agencies: deactivated, versioned, audited, offered nowhere.
    let (status, e) = create(&z, "rd", "", "kueste", "Regionaldirektion Küste").await;
    assert_eq!(status, 200, "{e}");
    let kueste = page(&z, "organisation/regionaldirektion", "kueste").await;
    assert_eq!(kueste["refusal"], Value::Null, "{kueste}");
    assert_eq!(set_status(&z, "kueste", "99", "deaktivieren").await.0, 409);
    assert_eq!(
        set_status(&z, "kueste", &version(&kueste), "weg").await.0,
        400
    );
    let (status, v) = set_status(&z, "kueste", &version(&kueste), "deaktivieren").await;
    assert_eq!(status, 200, "{v}");
    let off = page(&z, "organisation/regionaldirektion", "kueste").await;
    assert_eq!(
        (off["active"].as_bool(), off["may_manage"].as_bool()),
        (Some(false), Some(false))
    );
    let fields = off["history"][0]["fields"].as_str().unwrap();
    assert!(fields.contains("Status: deaktiviert"), "{fields}");
    let log = app::db::audit::of_object(&app.db, "rd:kueste", 1)
        .await
        .unwrap();
    assert_eq!(log[0].action, "regionaldirektion-deaktiviert");
    let (status, e) = create(&z, "agentur", "kueste", "sylt", "Agentur für Arbeit Sylt").await;
    assert_eq!(status, 409, "{e}");
    assert!(e.to_string().contains("deaktiviert"), "{e}");
    assert_eq!(
        rename(&z, "rd", "kueste", &version(&off), "Küste alt")
            .await
            .0,
        409
    );
    let (status, e) = z
        .call_json(
            "benutzer/anlegen",
            &[
                ("benutzername", "rd-kueste"),
                ("anzeigename", "RD Küste"),
                ("email", ""),
                ("rolle", "rd-pruefer"),
                ("geltungsbereich", "rd:kueste"),
            ],
        )
        .await;
    assert_eq!(status, 422, "{e}");
    assert!(e.to_string().contains("ist deaktiviert"), "{e}");
    assert_eq!(
        set_status(&z, "kueste", &version(&off), "deaktivieren")
            .await
            .0,
        409
    );

    // Reactivated, it takes agencies again; then it is refused once more.
    let (status, v) = set_status(&z, "kueste", &version(&off), "reaktivieren").await;
    assert_eq!(status, 200, "{v}");
    let (status, e) = create(&z, "agentur", "kueste", "sylt", "Agentur für Arbeit Sylt").await;
    assert_eq!(status, 200, "{e}");
    let on = page(&z, "organisation/regionaldirektion", "kueste").await;
    assert!(
        on["refusal"]
            .as_str()
            .unwrap_or_default()
            .contains("eine geöffnete Agentur gehört zu ihr (Agentur für Arbeit Sylt)"),
        "{on}"
    );
}

both_databases!(
    the_zentrale_builds_a_region_with_an_agency_and_its_dienststellen,
    an_rd_renames_and_adds_dienststellen_in_its_region_only,
    agency_admins_and_rim_manage_no_organisation,
    an_rd_is_deactivated_only_once_nothing_depends_on_it,
);
