//! The Anliegen catalogue: the Zentrale creates an Anliegen (checked like the form, with
//! its initial routing in every Dienststelle), changes and deactivates it with a version
//! check, versions and audit; everyone else reads only.

use crate::both_databases;
use crate::common::{invalid_fields, Backend, Client, TestApp};
use app::on_db;
use serde_json::Value;

pub(crate) async fn create(
    c: &Client,
    code: &str,
    name: &str,
    group: &str,
    area: &str,
) -> (u16, Value) {
    c.call_json(
        "katalog/anliegen/anlegen",
        &[
            ("kuerzel", code),
            ("name", name),
            ("kundengruppe", group),
            ("bereich", area),
        ],
    )
    .await
}

pub(crate) async fn concern(c: &Client, code: &str) -> Value {
    let (status, h) = c.call_json("katalog/anliegen", &[("kuerzel", code)]).await;
    assert_eq!(status, 200, "{h}");
    h
}

pub(crate) async fn change(
    c: &Client,
    code: &str,
    version: &str,
    name: &str,
    active: bool,
) -> (u16, Value) {
    let mut form = vec![
        ("kuerzel", code),
        ("version", version),
        ("name", name),
        ("kundengruppe", "Arbeitgeber"),
        ("bereich", "ags"),
    ];
    if active {
        form.push(("aktiv", "ja"));
    }
    c.call_json("katalog/anliegen/aendern", &form).await
}

async fn count(app: &TestApp, sql: &str, code: &str) -> i64 {
    let db = &app.db;
    on_db!(db, pool => sqlx::query_scalar(sql).bind(code).fetch_one(pool).await.unwrap())
}

const ENTRIES: &str = "SELECT COUNT(*) FROM routing_entries e JOIN concerns c ON c.id = e.concern_id WHERE c.code = $1";

async fn the_zentrale_creates_an_anliegen_with_its_initial_routing(backend: Backend) {
    let app = TestApp::start(backend).await;
    let z = app.signed_in("zentrale").await;
    let (status, e) = create(&z, "ag lkz", " ", "Arbeitgeber", "gibt-es-nicht").await;
    assert_eq!(status, 422, "{e}");
    assert_eq!(invalid_fields(&e), ["kuerzel", "name", "bereich"]);
    let (status, e) = create(&z, "ag-egz", "Doppelt", "Arbeitgeber", "ags").await;
    assert_eq!(status, 422, "{e}");
    assert!(e.to_string().contains("schon vergeben"), "{e}");

    let (status, routed) = create(
        &z,
        "AG-LKZ",
        "Anfrage Lohnkostenzuschuss",
        "Arbeitgeber",
        "ags",
    )
    .await;
    assert_eq!(status, 200, "{routed}");
    let offices = count(&app, "SELECT COUNT(*) FROM offices WHERE code <> $1", "").await;
    let entries = count(&app, ENTRIES, "ag-lkz").await;
    assert_eq!(routed.as_i64(), Some(entries));
    assert_eq!(
        entries, offices,
        "every demo Dienststelle has an AG-S mailbox of its own"
    );
    // Each entry goes to its Dienststelle's own Arbeitgeber-Service and notifies it.
    let own = count(&app, "SELECT COUNT(*) FROM routing_versions v JOIN routing_entries e ON e.id = v.entry_id
        JOIN concerns c ON c.id = e.concern_id JOIN mailboxes m ON m.id = v.mailbox_id
        WHERE c.code = $1 AND m.office_id = e.office_id AND v.addresses = m.address AND m.kind = 'funktion'", "ag-lkz").await;
    assert_eq!(own, entries);
    let h = concern(&z, "ag-lkz").await;
    assert_eq!(h["concern"]["name"], "Anfrage Lohnkostenzuschuss");
    assert_eq!(h["versions"].as_array().unwrap().len(), 1, "{h}");
    let log = app::db::audit::of_object(&app.db, "anliegen:ag-lkz", 5)
        .await
        .unwrap();
    assert_eq!(log[0].action, "anliegen-anlegen");
    // An agency can order for it at once.
    let aa = app.signed_in("aa-kiel").await;
    let (status, number) = crate::orders::file_empty_draft(&aa).await;
    assert_eq!(status, 200, "{number}");
    let (status, e) = crate::order_rules::save_item(
        &app,
        &aa,
        number.as_str().unwrap(),
        "ag-lkz",
        "kiel.leitung@arbeitsagentur.de",
    )
    .await;
    assert_eq!(status, 200, "{e}");
}

async fn changes_are_versioned_checked_and_deactivation_is_refused_while_routed(backend: Backend) {
    let app = TestApp::start(backend).await;
    let z = app.signed_in("zentrale").await;
    let h = concern(&z, "ag-egz").await;
    assert_eq!(h["concern"]["version"], 0, "seeded, never changed");
    assert_eq!(
        change(&z, "ag-egz", "0", "Anfrage Eingliederungszuschuss", true)
            .await
            .0,
        409,
        "unchanged"
    );
    let (status, e) = change(&z, "ag-egz", "0", "Eingliederungszuschuss (EGZ)", true).await;
    assert_eq!(status, 200, "{e}");
    let (status, e) = change(&z, "ag-egz", "0", "Veraltet", true).await;
    assert_eq!(status, 409, "{e}");
    assert!(e.to_string().contains("inzwischen geändert"), "{e}");
    let h = concern(&z, "ag-egz").await;
    let versions = h["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2, "{h}");
    assert!(
        versions[0]["fields"]
            .as_str()
            .unwrap()
            .contains("Name: Eingliederungszuschuss (EGZ)"),
        "{h}"
    );
    assert!(
        versions[1]["fields"]
            .as_str()
            .unwrap()
            .contains("Name: Anfrage Eingliederungszuschuss"),
        "{h}"
    );
    assert_eq!(
        versions[1]["by"],
        "System (Bestand vor der ersten Änderung)"
    );

    // Still routed and named by a directive in force: the change form cannot deactivate it.
    let (status, e) = change(&z, "ag-egz", "2", "Eingliederungszuschuss (EGZ)", false).await;
    assert_eq!(status, 409, "{e}");
    assert!(e.to_string().contains("202509011"), "{e}");
    assert_eq!(concern(&z, "ag-egz").await["concern"]["active"], true);
    let log = app::db::audit::of_object(&app.db, "anliegen:ag-egz", 5)
        .await
        .unwrap();
    assert_eq!(log.len(), 1);
    assert!(
        log[0]
            .detail
            .contains("Name: Anfrage Eingliederungszuschuss")
            && log[0].detail.contains("Name: Eingliederungszuschuss (EGZ)"),
        "{}",
        log[0].detail
    );
}

async fn everyone_reads_only_the_zentrale_writes(backend: Backend) {
    let app = TestApp::start(backend).await;
    for user in ["aa-kiel", "rd-nord", "rim-nord"] {
        let c = app.signed_in(user).await;
        let (status, view) = c.call_json("katalog", &[]).await;
        assert_eq!(status, 200, "{view}");
        assert_eq!(view["editable"], false);
        assert!(view["concerns"].as_array().unwrap().len() >= 30);
        assert_eq!(
            create(&c, "neu", "Neu", "Arbeitgeber", "ags").await.0,
            403,
            "{user}"
        );
        assert_eq!(
            change(&c, "ag-egz", "0", "Anders", true).await.0,
            403,
            "{user}"
        );
    }
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM concerns WHERE code = $1", "neu").await,
        0
    );
    let (status, _) = app.client().call_json("katalog", &[]).await;
    assert_eq!(status, 401);
}

both_databases!(
    the_zentrale_creates_an_anliegen_with_its_initial_routing,
    changes_are_versioned_checked_and_deactivation_is_refused_while_routed,
    everyone_reads_only_the_zentrale_writes,
);
