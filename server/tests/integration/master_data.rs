//! The master-data import: the export reads back unchanged; an edited file previews
//! what is new and what changes and is taken over whole (objects, versions, audit,
//! initial configuration) or not at all; only the Zentrale may import.

use crate::both_databases;
use crate::common::{Backend, Client, TestApp};
use crate::csv_files::{fetch, BOM};
use app::on_db;
use serde_json::Value;

const NEW_OFFICE: &str = "nord;Regionaldirektion Nord;kiel;Agentur für Arbeit Kiel;kiel.laboe;Laboe;Geschäftsstelle;kiel-laboe.arbeitgeber-service@arbeitsagentur.de;Arbeitgeber-Service Laboe;Funktionspostfach;ags;Arbeitgeber-Service";
const NEW_TEAM: &str = "nord;Regionaldirektion Nord;kiel;Agentur für Arbeit Kiel;kiel.laboe;Laboe;Geschäftsstelle;kiel-laboe.team-ags@arbeitsagentur.de;Team AG-S Laboe;Teampostfach;ags;Arbeitgeber-Service";
const KIEL_EZ: &str = "kiel.eingangszone@arbeitsagentur.de";

/// Uploads a master-data file; returns the preview's key.
pub(crate) async fn upload_master_data(
    c: &Client,
    bytes: Vec<u8>,
) -> Result<String, (u16, String)> {
    let form = reqwest::multipart::Form::new().part(
        "datei",
        reqwest::multipart::Part::bytes(bytes).file_name("stammdaten.csv"),
    );
    let res = c
        .http
        .post(format!("{}/organisation/stammdaten/hochladen", c.base))
        .header("origin", &c.base)
        .multipart(form)
        .send()
        .await
        .unwrap();
    if res.status() != 303 {
        return Err((res.status().as_u16(), res.text().await.unwrap()));
    }
    let location = res.headers()["location"].to_str().unwrap().to_string();
    Ok(location
        .strip_prefix("/organisation/stammdaten/")
        .unwrap_or_else(|| panic!("{location}"))
        .to_string())
}

pub(crate) async fn preview(c: &Client, token: &str) -> (u16, Value) {
    c.call_json("stammdaten/vorschau", &[("kennung", token)])
        .await
}

/// Uploads `lines` and previews them; the preview with its (created, changed, error lines).
pub(crate) async fn previewed(c: &Client, lines: &[String]) -> (String, Value, (u64, u64, u64)) {
    let token = upload_master_data(c, file(lines)).await.unwrap();
    let (status, p) = preview(c, &token).await;
    assert_eq!(status, 200, "{p}");
    let n = |k: &str| p[k].as_u64().unwrap_or(u64::MAX);
    let counts = (n("created"), n("changed"), n("error_lines"));
    (token, p, counts)
}

pub(crate) async fn confirm(c: &Client, token: &str) -> (u16, Value) {
    c.call_json("stammdaten/uebernehmen", &[("kennung", token)])
        .await
}

/// Kiel's master-data export as lines (header first), without the BOM.
pub(crate) async fn kiel_lines(c: &Client) -> Vec<String> {
    let (status, bytes, _) = fetch(c, "/export/stammdaten.csv?agentur=kiel").await;
    assert_eq!(status, 200);
    String::from_utf8(bytes[BOM.len()..].to_vec())
        .unwrap()
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

fn file(lines: &[String]) -> Vec<u8> {
    lines.join("\r\n").into_bytes()
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    let db = &app.db;
    on_db!(db, pool => sqlx::query_scalar(sql).fetch_one(pool).await.unwrap())
}

async fn the_export_reads_back_unchanged(backend: Backend) {
    let app = TestApp::start(backend).await;
    let z = app.signed_in("zentrale").await;
    let lines = kiel_lines(&z).await;
    let (token, p, counts) = previewed(&z, &lines).await;
    assert_eq!(counts, (0, 0, 0), "{p}");
    // Every mailbox row names five objects; shared parents count once.
    assert!(p["unchanged"].as_u64().unwrap() > lines.len() as u64, "{p}");
    let (status, e) = confirm(&z, &token).await;
    assert_eq!(status, 409, "{e}");
    assert!(e.to_string().contains("ändert nichts"), "{e}");
}

async fn an_edited_file_is_taken_over_with_versions_audit_and_initial_configuration(
    backend: Backend,
) {
    let app = TestApp::start(backend).await;
    let z = app.signed_in("zentrale").await;
    let mut lines = kiel_lines(&z).await;
    let ez = lines.iter().position(|l| l.contains(KIEL_EZ)).unwrap();
    lines[ez] = lines[ez].replace(";Eingangszone Kiel;", ";Eingangszone Kiel (Empfang);");
    lines.push(NEW_OFFICE.into());
    lines.push(NEW_TEAM.into());
    let concerns = count(&app, "SELECT COUNT(*) FROM concerns").await;
    let routing_before = count(&app, "SELECT COUNT(*) FROM routing_entries").await;

    let (token, p, counts) = previewed(&z, &lines).await;
    assert_eq!(counts, (3, 1, 0), "{p}");
    let changes = p["changes"].as_array().unwrap();
    let renamed = changes
        .iter()
        .find(|c| c["key"] == KIEL_EZ)
        .expect("renamed mailbox");
    assert_eq!(renamed["new"], false);
    assert_eq!(renamed["fields"][0]["before"], "Eingangszone Kiel");
    assert_eq!(renamed["fields"][0]["after"], "Eingangszone Kiel (Empfang)");
    let levels: Vec<&str> = changes
        .iter()
        .filter(|c| c["new"] == true)
        .map(|c| c["level"].as_str().unwrap())
        .collect();
    assert_eq!(
        levels,
        ["Dienststelle", "Postfach", "Postfach"],
        "parents first"
    );

    let (status, outcome) = confirm(&z, &token).await;
    assert_eq!(status, 200, "{outcome}");
    assert_eq!(
        (outcome["created"].as_u64(), outcome["changed"].as_u64()),
        (Some(3), Some(1)),
        "{outcome}"
    );
    // Laboe gets every Anliegen whose Bereich its own or Kiel's Hauptagentur's
    // Funktions-/Organisationspostfächer serve; the Teampostfach gets its setting.
    let laboe = count(&app, "SELECT COUNT(*) FROM routing_entries e JOIN offices o ON o.id = e.office_id WHERE o.code = 'kiel.laboe'").await;
    assert!(laboe > 0 && laboe <= concerns, "{laboe} of {concerns}");
    assert_eq!(
        outcome["routing_entries"].as_i64(),
        Some(laboe),
        "{outcome}"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM routing_entries").await,
        routing_before + laboe
    );
    assert_eq!(outcome["mailbox_settings"], 1, "{outcome}");
    let own = count(&app, "SELECT COUNT(*) FROM routing_versions v JOIN routing_entries e ON e.id = v.entry_id
        JOIN offices o ON o.id = e.office_id JOIN concerns c ON c.id = e.concern_id
        JOIN mailboxes m ON m.id = v.mailbox_id
        WHERE o.code = 'kiel.laboe' AND c.code = 'ag-egz' AND m.address = 'kiel-laboe.arbeitgeber-service@arbeitsagentur.de'
          AND v.addresses = m.address AND v.version = 1").await;
    assert_eq!(
        own, 1,
        "the Anfrage EGZ goes to Laboe's own AG-S mailbox and notifies it"
    );

    // Versions: the seed's version 1 closed, version 2 live with the new name.
    let db = &app.db;
    let versions: Vec<(i64, String, Option<String>)> = on_db!(db, pool => {
        let rows: Vec<(i64, String, Option<time::OffsetDateTime>)> = sqlx::query_as(
            "SELECT v.version, v.fields, v.valid_until FROM master_data_versions v JOIN mailboxes m ON m.id = v.object_id
             WHERE v.level = 'postfach' AND m.address = $1 ORDER BY v.version")
            .bind(KIEL_EZ).fetch_all(pool).await.unwrap();
        rows.into_iter().map(|(v, f, u)| (v, f, u.map(|t| t.to_string()))).collect()
    });
    assert_eq!(versions.len(), 2, "{versions:?}");
    assert!(
        versions[0].1.contains("\"Eingangszone Kiel\"") && versions[0].2.is_some(),
        "{versions:?}"
    );
    assert!(
        versions[1].1.contains("Eingangszone Kiel (Empfang)") && versions[1].2.is_none(),
        "{versions:?}"
    );
    // Audit: one record per object, before and after, and one for the whole file.
    let details: Vec<String> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT detail FROM audit_log WHERE action = 'stammdaten-import' ORDER BY id")
        .fetch_all(pool).await.unwrap());
    assert_eq!(details.len(), 5, "{details:?}");
    assert!(
        details
            .iter()
            .any(|d| d.contains("„Eingangszone Kiel“ → „Eingangszone Kiel (Empfang)“")),
        "{details:?}"
    );
    assert!(
        details.last().unwrap().contains("3 neu, 1 geändert"),
        "{details:?}"
    );
    // The Dienststelle's page shows the versions, newest first, with who and why.
    let (status, office) = z
        .call_json("organisation/dienststelle", &[("code", "kiel.kiel")])
        .await;
    assert_eq!(status, 200, "{office}");
    let newest = &office["history"][0];
    assert_eq!(newest["object"], format!("Postfach {KIEL_EZ}"), "{office}");
    assert_eq!(newest["version"], 2);
    assert!(
        newest["by"]
            .as_str()
            .unwrap()
            .contains("Stammdatenimport „stammdaten.csv“"),
        "{newest}"
    );
    assert!(
        newest["fields"]
            .as_str()
            .unwrap()
            .contains("Name: Eingangszone Kiel (Empfang)"),
        "{newest}"
    );
    // The upload is used up.
    assert_eq!(confirm(&z, &token).await.0, 404);
}

async fn a_file_with_errors_stores_nothing(backend: Backend) {
    let app = TestApp::start(backend).await;
    let z = app.signed_in("zentrale").await;
    let mut lines = kiel_lines(&z).await;
    lines.push(NEW_OFFICE.into());
    // Kiel's Eingangszone moved to another Dienststelle, and a kind nobody knows.
    let ez = lines.iter().position(|l| l.contains(KIEL_EZ)).unwrap();
    lines[ez] = lines[ez].replace(
        ";kiel.kiel;Kiel;Hauptagentur;",
        ";kiel.laboe;Laboe;Geschäftsstelle;",
    );
    lines.push(NEW_TEAM.replace("Teampostfach", "Sammelpostfach"));
    let offices = count(&app, "SELECT COUNT(*) FROM offices").await;
    let token = upload_master_data(&z, file(&lines)).await.unwrap();
    let (_, p) = preview(&z, &token).await;
    assert_eq!(p["error_lines"], 2, "{p}");
    let errors = p["errors"].to_string();
    assert!(
        errors.contains("Ein Wechsel ist per Import nicht möglich"),
        "{errors}"
    );
    assert!(errors.contains("keine Postfachart"), "{errors}");
    let (status, e) = confirm(&z, &token).await;
    assert_eq!(status, 409, "{e}");
    assert!(e.to_string().contains("2 fehlerhafte Zeile(n)"), "{e}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM offices").await, offices);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'stammdaten-import'"
        )
        .await,
        0
    );
}

async fn a_kind_that_live_routing_cannot_keep_is_refused_on_its_row(backend: Backend) {
    let app = TestApp::start(backend).await;
    let z = app.signed_in("zentrale").await;
    let mut lines = kiel_lines(&z).await;
    // Kiel's Eingangszone receives and is notified in live routing: not a Teampostfach.
    let ez = lines.iter().position(|l| l.contains(KIEL_EZ)).unwrap();
    lines[ez] = lines[ez].replace(";Funktionspostfach;", ";Teampostfach;");
    // The Team Eingangszone is used nowhere: it may become an Organisationspostfach.
    let team = lines
        .iter()
        .position(|l| l.contains("kiel.team-eingangszone@"))
        .unwrap();
    lines[team] = lines[team].replace(";Teampostfach;", ";Organisationspostfach;");
    let (token, p, (_, changed, error_lines)) = previewed(&z, &lines).await;
    assert_eq!((changed, error_lines), (2, 1), "{p}");
    assert_eq!(p["errors"][0]["line"], ez as u64 + 1);
    assert_eq!(p["errors"][0]["column"], "Postfachart");
    assert!(
        p["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("ein Teampostfach darf nicht benachrichtigt werden"),
        "{p}"
    );
    let (status, e) = confirm(&z, &token).await;
    assert_eq!(status, 409, "{e}");
    assert!(e.to_string().contains("1 fehlerhafte Zeile(n)"), "{e}");
    let kind: String = {
        let db = &app.db;
        on_db!(db, pool => sqlx::query_scalar("SELECT kind FROM mailboxes WHERE address = $1")
            .bind(KIEL_EZ).fetch_one(pool).await.unwrap())
    };
    assert_eq!(kind, "funktion");
}

async fn only_the_zentrale_imports_and_sees_its_upload(backend: Backend) {
    let app = TestApp::start(backend).await;
    let z = app.signed_in("zentrale").await;
    let lines = kiel_lines(&z).await;
    for user in ["aa-kiel", "rd-nord", "rim-nord"] {
        let c = app.signed_in(user).await;
        let (status, _) = upload_master_data(&c, file(&lines)).await.unwrap_err();
        assert_eq!(status, 403, "{user}");
    }
    let token = upload_master_data(&z, file(&lines)).await.unwrap();
    let aa = app.signed_in("aa-kiel").await;
    assert_eq!(preview(&aa, &token).await.0, 403);
    assert_eq!(confirm(&aa, &token).await.0, 403);
    // An unknown key finds nothing.
    assert_eq!(preview(&z, "unbekannt").await.0, 404);
    // Without a file the form comes back with the problem.
    let res = z
        .http
        .post(format!("{}/organisation/stammdaten/hochladen", z.base))
        .header("origin", &z.base)
        .multipart(reqwest::multipart::Form::new().text("x", "y"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        "/organisation/stammdaten?fehler=keine-datei"
    );
}

both_databases!(
    the_export_reads_back_unchanged,
    an_edited_file_is_taken_over_with_versions_audit_and_initial_configuration,
    a_file_with_errors_stores_nothing,
    a_kind_that_live_routing_cannot_keep_is_refused_on_its_row,
    only_the_zentrale_imports_and_sees_its_upload,
);
