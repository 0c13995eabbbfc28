//! The second configuration kind, "E-Mail-Kommunikation" (Weisung 202505010), through the
//! same orders as routing: filed by the agency, implemented by RIM without RD review,
//! versioned, refused where a lock must stay in place, refused when its base is stale.

use crate::both_databases;
use crate::common::{Backend, Client, TestApp};
use crate::csv_files::item_export_life;
use crate::directives::prefilled_draft_for;
use crate::orders::{act, draft, file_empty_draft, order, rev, KIEL};
use app::on_db;
use serde_json::Value;

both_databases!(
    an_agency_sets_its_ez_team_mailbox_to_internal_and_rim_implements_it,
    a_locked_building_mailbox_is_not_set_back_to_external,
    an_order_with_both_kinds_is_reviewed_and_a_stale_setting_is_refused,
    setting_versions_are_immutable_in_the_database,
    rim_exports_the_settings_to_implement,
    directive_202505010_measures_the_ez_mailboxes,
    a_prefilled_order_sets_the_open_ez_mailboxes_to_internal,
    an_earlier_setting_is_restored_through_a_new_draft,
    the_agency_shows_its_settings_at_a_date,
);

const KIEL_EZ_TEAM: &str = "kiel.team-eingangszone@arbeitsagentur.de";
const KIEL_BUILDING: &str = "kiel.liegenschaft@arbeitsagentur.de";

/// (entry id, live version, live mode) of a mailbox's setting.
pub(crate) async fn live(app: &TestApp, address: &str) -> (i64, i64, String) {
    let db = &app.db;
    on_db!(db, pool => sqlx::query_as(
        "SELECT e.id, v.version, v.email_mode FROM mailbox_setting_entries e
         JOIN mailboxes m ON m.id = e.mailbox_id
         JOIN mailbox_setting_versions v ON v.entry_id = e.id AND v.valid_until IS NULL
         WHERE m.address = $1")
        .bind(address).fetch_one(pool).await.unwrap())
}

async fn empty_draft(c: &Client) -> String {
    let (status, number) = file_empty_draft(c).await;
    assert_eq!(status, 200, "{number}");
    number.as_str().unwrap().to_string()
}

async fn set(c: &Client, number: &str, entry: i64, mode: &str) -> (u16, Value) {
    let o = order(c, number).await;
    c.call_json(
        "auftrag/einstellung",
        &[
            ("nummer", number),
            ("revision", &rev(&o)),
            ("eintrag", &entry.to_string()),
            ("modus", mode),
        ],
    )
    .await
}

fn field_message(e: &Value, field: &str) -> String {
    assert_eq!(e["Validation"][0]["field"], field, "{e}");
    e["Validation"][0]["message"].as_str().unwrap().to_string()
}

async fn an_agency_sets_its_ez_team_mailbox_to_internal_and_rim_implements_it(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let rim = app.signed_in("rim-nord").await;
    let (entry, version, mode) = live(&app, KIEL_EZ_TEAM).await;
    assert_eq!((version, mode.as_str()), (1, "extern"));

    let number = empty_draft(&aa).await;
    // The choices offer Kiel's mailboxes with the setting, none of München's.
    let (status, choices) = aa
        .call_json("auftrag/einstellung-auswahl", &[("nummer", &number)])
        .await;
    assert_eq!(status, 200, "{choices}");
    let labels: Vec<&str> = choices["mailboxes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["label"].as_str().unwrap())
        .collect();
    assert!(
        labels
            .iter()
            .any(|l| l.contains(KIEL_EZ_TEAM) && l.ends_with("derzeit Extern")),
        "{labels:?}"
    );
    assert!(!labels.iter().any(|l| l.contains("muenchen")), "{labels:?}");
    assert!(
        !labels.iter().any(|l| l.contains("Funktionspostfach")),
        "{labels:?}"
    );
    let (muenchen, _, _) = live(&app, "muenchen.liegenschaft@arbeitsagentur.de").await;
    let (status, e) = set(&aa, &number, muenchen, "intern").await;
    assert_eq!(status, 422, "{e}");
    assert_eq!(
        field_message(&e, "eintrag"),
        "Bitte wählen Sie ein Postfach der Agentur."
    );
    assert_eq!(set(&aa, &number, entry, "egal").await.0, 422);

    let (status, e) = set(&aa, &number, entry, "intern").await;
    assert_eq!(status, 200, "{e}");
    let o = order(&aa, &number).await;
    let item = &o["settings"][0];
    assert_eq!(
        (item["before"].as_str(), item["after"].as_str()),
        (Some("Extern"), Some("Intern"))
    );
    assert!(item["subject"].as_str().unwrap().contains("Teampostfach"));

    // Weisung 202505010 names no RD review: RIM implements what was submitted.
    assert_eq!(act(&aa, &number, "einreichen", "").await.0, 200);
    let o = order(&rim, &number).await;
    assert_eq!(o["review"], "ohne RD-Prüfung, direkt zur Umsetzung");
    assert_eq!(o["allowed_actions"], serde_json::json!(["umsetzen"]));
    let (status, e) = act(&rim, &number, "umsetzen", "").await;
    assert_eq!(status, 200, "{e}");
    assert_eq!(live(&app, KIEL_EZ_TEAM).await, (entry, 2, "intern".into()));
    let audit = app::db::audit::recent(&app.db, 5).await.unwrap();
    assert!(
        audit.iter().any(|a| a.action == "version-angelegt"
            && a.object == format!("postfach-einstellung:{KIEL_EZ_TEAM}")
            && a.detail.contains("vorher Extern, nachher Intern")),
        "{audit:?}"
    );

    // The Dienststelle shows the live value and links its history; only in scope.
    let (status, office) = aa
        .call_json("organisation/dienststelle", &[("code", "kiel.kiel")])
        .await;
    assert_eq!(status, 200, "{office}");
    let team = office["mailboxes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["address"] == KIEL_EZ_TEAM)
        .unwrap();
    let href = format!("/postfach-einstellung/{entry}");
    assert_eq!(
        team["email"],
        serde_json::json!(["Intern (Version 2)", href])
    );
    let (status, h) = aa
        .call_json("postfach-einstellung", &[("eintrag", &entry.to_string())])
        .await;
    assert_eq!(status, 200, "{h}");
    assert_eq!(h["versions"][0]["version"], 2);
    assert_eq!(h["versions"][0]["order"], number.as_str());
    assert!(
        h["versions"][0]["by"]
            .as_str()
            .unwrap()
            .contains("umgesetzt von RIM Nord"),
        "{h}"
    );
    assert_eq!(
        h["versions"][1]["valid_until"],
        h["versions"][0]["valid_from"]
    );
    let muenchen = app.signed_in("aa-muenchen").await;
    let (status, _) = muenchen
        .call_json("postfach-einstellung", &[("eintrag", &entry.to_string())])
        .await;
    assert_eq!(status, 403);
}

async fn a_locked_building_mailbox_is_not_set_back_to_external(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    // Locked centrally on 01.07.2025 (demo data): version 2, "Intern".
    let (entry, version, mode) = live(&app, KIEL_BUILDING).await;
    assert_eq!((version, mode.as_str()), (2, "intern"));
    let number = empty_draft(&aa).await;
    let (status, e) = set(&aa, &number, entry, "extern").await;
    assert_eq!(status, 422, "{e}");
    assert_eq!(
        field_message(&e, "modus"),
        "Liegenschaftspostfächer sind seit dem 01.07.2025 auf „Intern“ gesperrt; die Sperre ist nach Weisung 202505010 beizubehalten."
    );
    let (status, e) = set(&aa, &number, entry, "intern").await;
    assert_eq!(status, 422, "{e}");
    assert!(field_message(&e, "modus").contains("bereits auf „Intern“"));
    assert_eq!(order(&aa, &number).await["settings"], serde_json::json!([]));

    // An item that was saved can be removed again, like a routing item.
    let (team, _, _) = live(&app, KIEL_EZ_TEAM).await;
    assert_eq!(set(&aa, &number, team, "intern").await.0, 200);
    let o = order(&aa, &number).await;
    let id = o["settings"][0]["id"].as_i64().unwrap().to_string();
    let (status, e) = aa
        .call_json(
            "auftrag/art-position-entfernen",
            &[
                ("nummer", &number),
                ("revision", &rev(&o)),
                ("art", "e-mail-kommunikation"),
                ("position", &id),
            ],
        )
        .await;
    assert_eq!(status, 200, "{e}");
    assert_eq!(order(&aa, &number).await["settings"], serde_json::json!([]));
    let audit = app::db::audit::recent(&app.db, 1).await.unwrap();
    assert_eq!(
        (audit[0].action.as_str(), audit[0].detail.as_str()),
        (
            "position-entfernt",
            format!("E-Mail-Kommunikation der Postfächer: Position {id}").as_str()
        )
    );
}

async fn an_order_with_both_kinds_is_reviewed_and_a_stale_setting_is_refused(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let rd = app.signed_in("rd-nord").await;
    let rim = app.signed_in("rim-nord").await;
    let (entry, _, _) = live(&app, KIEL_EZ_TEAM).await;
    // One order with a routing item and a setting item: routing needs the RD, so it does.
    let mixed = draft(&app, &aa, &[KIEL]).await;
    assert_eq!(set(&aa, &mixed, entry, "intern").await.0, 200);
    assert_eq!(
        order(&aa, &mixed).await["settings"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(act(&aa, &mixed, "einreichen", "").await.0, 200);
    assert_eq!(
        order(&rd, &mixed).await["review"],
        "mit Prüfung durch die Regionaldirektion"
    );
    assert_eq!(act(&rim, &mixed, "umsetzen", "").await.0, 409);
    assert_eq!(act(&rd, &mixed, "genehmigen", "").await.0, 200);

    // Meanwhile a second order sets the same mailbox and is implemented first.
    let other = empty_draft(&aa).await;
    assert_eq!(set(&aa, &other, entry, "intern").await.0, 200);
    let o = order(&aa, &other).await;
    assert!(o["overlapping"].to_string().contains(&mixed), "{o}");
    assert_eq!(act(&aa, &other, "einreichen", "").await.0, 200);
    assert_eq!(act(&rim, &other, "umsetzen", "").await.0, 200);

    // The first order's base is stale: all or nothing, so the routing item stays too.
    let (status, e) = act(&rim, &mixed, "umsetzen", "").await;
    assert_eq!(status, 409, "{e}");
    assert!(
        e.to_string()
            .contains(&format!("E-Mail-Kommunikation {KIEL_EZ_TEAM}")),
        "{e}"
    );
    assert_eq!(crate::orders::live_version(&app, KIEL.0).await, 1);
    let o = order(&aa, &mixed).await;
    assert_eq!(o["settings"][0]["stale"], true);
    assert_eq!(o["can_refresh"], true);
    // Refreshing drops the item that changes nothing any more and returns the order.
    let (status, e) = aa
        .call_json(
            "auftrag/aktualisieren",
            &[("nummer", &mixed), ("revision", &rev(&o))],
        )
        .await;
    assert_eq!(status, 200, "{e}");
    let o = order(&aa, &mixed).await;
    assert_eq!(o["settings"], serde_json::json!([]));
    assert_eq!(o["state_code"], "zur-ueberarbeitung");
}

async fn setting_versions_are_immutable_in_the_database(backend: Backend) {
    let app = TestApp::start(backend).await;
    let db = &app.db;
    let (entry, _, _) = live(&app, KIEL_BUILDING).await;
    let changed = on_db!(db, pool => sqlx::query(
        "UPDATE mailbox_setting_versions SET email_mode = 'intern' WHERE entry_id = $1 AND version = 1")
        .bind(entry).execute(pool).await.map(|r| r.rows_affected()));
    assert!(changed.is_err(), "a closed version was changed");
    let deleted = on_db!(db, pool => sqlx::query(
        "DELETE FROM mailbox_setting_versions WHERE entry_id = $1")
        .bind(entry).execute(pool).await.map(|r| r.rows_affected()));
    assert!(deleted.is_err(), "versions were deleted");
    let second_live = on_db!(db, pool => sqlx::query(
        "INSERT INTO mailbox_setting_versions (entry_id, version, email_mode, valid_from, note)
         VALUES ($1, 3, 'extern', $2, 'zweite gültige')")
        .bind(entry).bind(time::OffsetDateTime::now_utc()).execute(pool).await.map(|r| r.rows_affected()));
    assert!(second_live.is_err(), "a second live version was written");
}

/// RIM's CSV of setting items: what waits for implementation (submitted without RD
/// review), with the old and new value; gone from that queue once implemented; in scope.
async fn rim_exports_the_settings_to_implement(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let rim = app.signed_in("rim-nord").await;
    let (entry, _, _) = live(&app, KIEL_EZ_TEAM).await;
    let number = empty_draft(&aa).await;
    assert_eq!(set(&aa, &number, entry, "intern").await.0, 200);
    // The routing export has no row for it: the order holds no routing item.
    let others = ["/export/auftraege.csv"];
    let stem = "postfacheinstellungen";
    item_export_life(&app, (&aa, &rim), &number, stem, &others, |cell| {
        assert_eq!(cell("Postfach"), KIEL_EZ_TEAM);
        assert_eq!(cell("Postfachart"), "Teampostfach");
        assert_eq!(cell("E-Mail-Kommunikation alt"), "Extern");
        assert_eq!(cell("E-Mail-Kommunikation neu"), "Intern");
    })
    .await;
}

/// The directive's obligation "EZ team and organisation mailboxes on Intern by
/// 01.07.2025": RD Bayern has done it (seed), RD Nord is overdue; Kiel's
/// order is named (the mailbox stays overdue: the due day has passed), RIM's
/// implementation makes it "erfüllt". Counted as mailboxes.
async fn directive_202505010_measures_the_ez_mailboxes(backend: Backend) {
    let app = TestApp::start(backend).await;
    let zentrale = app.signed_in("zentrale").await;
    let (status, d) = zentrale
        .call_json("weisung", &[("nummer", "202505010")])
        .await;
    assert_eq!(status, 200, "{d}");
    let s = &d["setting"];
    assert_eq!(
        s["rule"],
        "Team- und Organisationspostfächer des Bereichs „Eingangszone“: E-Mail-Kommunikation „Intern“"
    );
    assert_eq!(s["due"], "01.07.2025");
    assert_eq!(s["due_passed"], true);
    let groups: Vec<(&str, &str)> = s["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["code"].as_str().unwrap(),
                g["tally"]["status_code"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(groups.contains(&("bayern", "erfuellt")), "{groups:?}");
    assert!(groups.contains(&("nord", "ueberfaellig")), "{groups:?}");
    // The header counts every obligation (Dienststellen for task 3's routing rule);
    // each section its own.
    assert_eq!(
        d["summary"]["counted"],
        "Dienststellen, Postfächer und eAkte-Regeln"
    );
    assert_eq!(
        d["summary"]["tally"]["total"].as_i64().unwrap(),
        d["tally"]["total"].as_i64().unwrap()
            + s["tally"]["total"].as_i64().unwrap()
            + d["eakte"]["tally"]["total"].as_i64().unwrap()
            + d["locks"][0]["tally"]["total"].as_i64().unwrap()
    );

    let aa = app.signed_in("aa-kiel").await;
    let kiel = |c: Client| async move {
        let (status, d) = c
            .call_json("weisung", &[("nummer", "202505010"), ("agentur", "kiel")])
            .await;
        assert_eq!(status, 200, "{d}");
        let rows = d["setting"]["mailboxes"].as_array().unwrap().clone();
        assert!(!rows.is_empty(), "{d}");
        rows.into_iter()
            .find(|m| m["address"] == KIEL_EZ_TEAM)
            .unwrap_or_else(|| panic!("{KIEL_EZ_TEAM} in {d}"))
    };
    let team = kiel(aa.clone()).await;
    assert_eq!(
        (team["status_code"].as_str(), team["live"].as_str()),
        (Some("ueberfaellig"), Some("Extern"))
    );
    let (entry, _, _) = live(&app, KIEL_EZ_TEAM).await;
    let number = empty_draft(&aa).await;
    assert_eq!(set(&aa, &number, entry, "intern").await.0, 200);
    assert_eq!(
        kiel(aa.clone()).await["status_code"],
        "ueberfaellig",
        "a draft is not on its way"
    );
    assert_eq!(act(&aa, &number, "einreichen", "").await.0, 200);
    let team = kiel(aa.clone()).await;
    assert_eq!(
        team["status_code"], "ueberfaellig",
        "on its way after the due day"
    );
    assert_eq!(team["order"], number.as_str());
    let rim = app.signed_in("rim-nord").await;
    assert_eq!(act(&rim, &number, "umsetzen", "").await.0, 200);
    let team = kiel(aa.clone()).await;
    assert_eq!(
        (team["status_code"].as_str(), team["live"].as_str()),
        (Some("erfuellt"), Some("Intern"))
    );
    // The register counts the mailboxes in the user's scope (and Dienststellen and eAkte
    // rules, none of them met in Kiel).
    let (_, list) = aa.call_json("weisungen", &[]).await;
    let summary = list["directives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["number"] == "202505010")
        .unwrap()
        .clone();
    assert_eq!(
        summary["counted"],
        "Dienststellen, Postfächer und eAkte-Regeln"
    );
    // One more met than before the central lock counted: Kiel's locked Liegenschaftspostfach.
    assert_eq!(summary["tally"]["met"], 2, "{summary}");
}

/// Kiel's EZ mailbox is overdue with 202505010: the directive page offers the pre-filled
/// order, the form previews the one setting item, the draft holds it; once submitted the
/// mailbox is underway and nothing is left to pre-fill.
async fn a_prefilled_order_sets_the_open_ez_mailboxes_to_internal(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let (_, d) = aa
        .call_json("weisung", &[("nummer", "202505010"), ("agentur", "kiel")])
        .await;
    assert_eq!(d["setting"]["can_prefill"], true, "{d}");
    // Task 3's routing rule (Veränderungsmitteilungen to the EZ) is open in Kiel too.
    assert_eq!(d["can_prefill"], true, "{d}");
    let (status, form) = aa
        .call_json(
            "auftrag/formular",
            &[
                ("weisung", "202505010"),
                ("agentur", "kiel"),
                ("pflicht", "e-mail-kommunikation"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{form}");
    let prefill = &form["prefill"];
    let items = prefill["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{prefill}");
    assert!(items[0]["office"].as_str().unwrap().contains(KIEL_EZ_TEAM));
    assert_eq!(items[0]["proposed"], "E-Mail-Kommunikation Extern → Intern");
    assert_eq!(prefill["what"], "für die Postfächer");
    assert!(prefill["justification"]
        .as_str()
        .unwrap()
        .contains("E-Mail-Kommunikation der EZ-Postfächer auf „Intern“"));

    assert_eq!(prefill["obligation"], "e-mail-kommunikation");
    let number = prefilled_draft_for(&aa, "202505010", "e-mail-kommunikation").await;
    let o = order(&aa, &number).await;
    assert_eq!(o["items"].as_array().unwrap().len(), 0, "no routing item");
    assert_eq!(o["eakte"], serde_json::json!([]), "only the one obligation");
    let settings = o["settings"].as_array().unwrap();
    assert_eq!(settings.len(), 1, "{o}");
    assert_eq!(
        (
            settings[0]["before"].as_str(),
            settings[0]["after"].as_str()
        ),
        (Some("Extern"), Some("Intern"))
    );
    let audit = app::db::audit::recent(&app.db, 5).await.unwrap();
    assert!(
        audit.iter().any(|a| a.action == "auftrag-angelegt"
            && a.detail.contains("vorbefüllt zur Weisung 202505010")
            && a.detail.contains(KIEL_EZ_TEAM)),
        "{audit:?}"
    );
    assert_eq!(act(&aa, &number, "einreichen", "").await.0, 200);
    let (_, d) = aa
        .call_json("weisung", &[("nummer", "202505010"), ("agentur", "kiel")])
        .await;
    assert_eq!(d["setting"]["can_prefill"], false, "nothing left open: {d}");
    let (status, e) = aa
        .call_json(
            "auftrag/anlegen",
            &[
                ("agentur", "kiel"),
                ("begruendung", "Noch einmal"),
                ("wirksam_ab", "31.12.2099"),
                ("weisung", "202505010"),
                ("vorbefuellen", "true"),
                ("pflicht", "e-mail-kommunikation"),
            ],
        )
        .await;
    assert_eq!(status, 409, "{e}");
}

/// Files a draft for Kiel that restores `version` of the setting `entry`.
async fn restoring_draft(c: &Client, entry: i64, version: &str) -> (u16, Value) {
    crate::orders::restoring_draft(c, ("einstellung", entry), version).await
}

/// An earlier setting comes back through a new draft that is filed, implemented and
/// versioned like any change. A version a keep-in-place lock forbids is refused with the
/// directive named; one equal to the live value has nothing to restore.
async fn an_earlier_setting_is_restored_through_a_new_draft(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let rim = app.signed_in("rim-nord").await;
    let (entry, ..) = live(&app, KIEL_EZ_TEAM).await;
    let number = empty_draft(&aa).await;
    assert_eq!(set(&aa, &number, entry, "intern").await.0, 200);
    assert_eq!(act(&aa, &number, "einreichen", "").await.0, 200);
    assert_eq!(act(&rim, &number, "umsetzen", "").await.0, 200);

    // The history offers version 1 (Extern) to whoever may file for Kiel, not RIM.
    let history = |c: Client| async move {
        let (status, h) = c
            .call_json("postfach-einstellung", &[("eintrag", &entry.to_string())])
            .await;
        assert_eq!(status, 200, "{h}");
        h["versions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| (v["version"].as_i64().unwrap(), v["can_restore"] == true))
            .collect::<Vec<_>>()
    };
    assert_eq!(history(aa.clone()).await, [(2, false), (1, true)]);
    assert_eq!(history(rim.clone()).await, [(2, false), (1, false)]);

    let (status, form) = aa
        .call_json(
            "auftrag/formular",
            &[("einstellung", &entry.to_string()), ("version", "1")],
        )
        .await;
    assert_eq!(status, 200, "{form}");
    let r = &form["restoring"];
    assert_eq!(r["kind"], "e-mail-kommunikation");
    assert_eq!(
        r["subject"],
        "E-Mail-Kommunikation von „Team Eingangszone Kiel“"
    );
    assert!(r["summary"]
        .as_str()
        .unwrap()
        .ends_with("Extern – externe E-Mails werden angenommen"));
    crate::history::restores_version_1_for_kiel(&form);

    let (status, restored) = restoring_draft(&aa, entry, "1").await;
    assert_eq!(status, 200, "{restored}");
    let restored = restored.as_str().unwrap().to_string();
    let o = order(&aa, &restored).await;
    let items = o["settings"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{o}");
    assert_eq!(
        (items[0]["before"].as_str(), items[0]["after"].as_str()),
        (Some("Intern"), Some("Extern"))
    );
    assert_eq!(items[0]["base_version"], 2);
    assert_eq!(act(&aa, &restored, "einreichen", "").await.0, 200);
    assert_eq!(act(&rim, &restored, "umsetzen", "").await.0, 200);
    assert_eq!(live(&app, KIEL_EZ_TEAM).await, (entry, 3, "extern".into()));
    let audit = app::db::audit::recent(&app.db, 10).await.unwrap();
    assert!(
        audit.iter().any(|a| a.action == "auftrag-angelegt"
            && a.object == format!("auftrag:{restored}")
            && a.detail
                .contains("stellt Version 1 der E-Mail-Kommunikation")),
        "{audit:?}"
    );

    // Version 1 is Extern again, as live: nothing to restore.
    let (status, e) = restoring_draft(&aa, entry, "1").await;
    assert_eq!(status, 409, "{e}");
    assert!(
        e.to_string().contains("es gibt nichts wiederherzustellen"),
        "{e}"
    );

    // Kiel's Liegenschaftspostfach was locked on 01.07.2025: version 1 (Extern) may not
    // come back, in the form or as a draft.
    let (building, ..) = live(&app, KIEL_BUILDING).await;
    let (_, h) = aa
        .call_json(
            "postfach-einstellung",
            &[("eintrag", &building.to_string())],
        )
        .await;
    assert!(h["versions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|v| v["can_restore"] == false));
    assert!(
        h["lock"].as_str().unwrap().contains("Weisung 202505010"),
        "{h}"
    );
    let (status, e) = aa
        .call_json(
            "auftrag/formular",
            &[("einstellung", &building.to_string()), ("version", "1")],
        )
        .await;
    assert_eq!(status, 409, "{e}");
    assert!(
        e.to_string().contains("Weisung 202505010 beizubehalten"),
        "{e}"
    );
    let (status, e) = restoring_draft(&aa, building, "1").await;
    assert_eq!(status, 409, "{e}");

    // Only in scope, one restore at a time, and only versions that exist.
    let muenchen = app.signed_in("aa-muenchen").await;
    assert_eq!(restoring_draft(&muenchen, entry, "2").await.0, 403);
    let (status, _) = aa
        .call_json(
            "auftrag/anlegen",
            &[
                ("agentur", "kiel"),
                ("begruendung", "Beides auf einmal"),
                ("wirksam_ab", "31.12.2099"),
                ("eintrag", "1"),
                ("einstellung", &entry.to_string()),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(restoring_draft(&aa, entry, "9").await.0, 404);
}

/// The agency's configuration page shows the mailboxes' setting live (with the open
/// order) or as it was at the end of a day, like its routing.
async fn the_agency_shows_its_settings_at_a_date(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let at = |stand: &'static str| {
        let aa = aa.clone();
        async move {
            let mut form = vec![("code", "kiel")];
            if !stand.is_empty() {
                form.push(("stand", stand));
            }
            let (status, r) = aa.call_json("routing/agentur", &form).await;
            assert_eq!(status, 200, "{r}");
            r["settings"].as_array().unwrap().clone()
        }
    };
    let of = |rows: &[Value], address: &str| {
        let row = rows
            .iter()
            .find(|r| r["mailbox_address"] == address)
            .unwrap_or_else(|| panic!("{address} in {rows:?}"));
        (
            row["mode"].as_str().unwrap().to_string(),
            row["version"].as_i64().unwrap(),
            row["open_order"].as_str().map(str::to_string),
        )
    };
    let (entry, ..) = live(&app, KIEL_EZ_TEAM).await;
    let number = empty_draft(&aa).await;
    assert_eq!(set(&aa, &number, entry, "intern").await.0, 200);
    assert_eq!(act(&aa, &number, "einreichen", "").await.0, 200);

    let now = at("").await;
    assert_eq!(of(&now, KIEL_BUILDING), ("Intern".into(), 2, None));
    assert_eq!(of(&now, KIEL_EZ_TEAM), ("Extern".into(), 1, Some(number)));
    assert!(
        now.iter().all(|r| r["kind_label"] != "Funktionspostfach"),
        "Funktionspostfächer have no such setting"
    );
    // Before the central lock on 01.07.2025 the Liegenschaftspostfach was Extern.
    let june = at("15.06.2025").await;
    assert_eq!(of(&june, KIEL_BUILDING), ("Extern".into(), 1, None));
    assert_eq!(of(&june, KIEL_EZ_TEAM), ("Extern".into(), 1, None));
    let july = at("15.07.2025").await;
    assert_eq!(of(&july, KIEL_BUILDING), ("Intern".into(), 2, None));
    // Before the setting was recorded (02.01.2025) there is nothing to show.
    assert!(at("01.01.2025").await.is_empty());
}
