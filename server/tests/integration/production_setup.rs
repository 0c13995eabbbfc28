//! README "Produktivbetrieb", step by step on an empty database: `init` with a one-time
//! password, the first sign-in and password change, the master-data import, the first
//! Anliegen, the accounts of an RD, RIM and an agency, and the first order from filing
//! to implementation. No demo data, no demo account.

use crate::both_databases;
use crate::catalogue::create as create_concern;
use crate::cli::{last_line, run};
use crate::common::{Backend, Client, TestApp, TestDb};
use crate::master_data::{confirm, upload_master_data};
use serde_json::Value;

const HEADER: &str = "RD-Kürzel;RD;Agentur-Kürzel;Agentur;Dienststelle-Nr.;Dienststelle;Dienststellenart;Postfach;Postfachname;Postfachart;Bereich-Kürzel;Bereich";
const ORGANISATION: [&str; 4] = [
    "nord;Regionaldirektion Nord;kiel;Agentur für Arbeit Kiel;kiel.kiel;Kiel;Hauptagentur;kiel.eingangszone@arbeitsagentur.de;Eingangszone Kiel;Funktionspostfach;ez;Eingangszone",
    "nord;Regionaldirektion Nord;kiel;Agentur für Arbeit Kiel;kiel.kiel;Kiel;Hauptagentur;kiel.arbeitgeber-service@arbeitsagentur.de;Arbeitgeber-Service Kiel;Funktionspostfach;ags;Arbeitgeber-Service",
    "nord;Regionaldirektion Nord;kiel;Agentur für Arbeit Kiel;kiel.ploen;Plön;Geschäftsstelle;kiel-ploen.eingangszone@arbeitsagentur.de;Eingangszone Plön;Funktionspostfach;ez;Eingangszone",
    "nord;Regionaldirektion Nord;kiel;Agentur für Arbeit Kiel;kiel.ploen;Plön;Geschäftsstelle;kiel-ploen.team-ez@arbeitsagentur.de;Team EZ Plön;Teampostfach;ez;Eingangszone",
];
const NEW_PASSWORD: &str = "Ein-eigenes-Passwort-2026";

/// Signs in with a one-time password and replaces it; the client then works normally.
async fn first_sign_in(app: &TestApp, username: &str, one_time: &str) -> Client {
    let c = app.client();
    assert_eq!(
        c.login(username, one_time).await.status(),
        200,
        "{username}"
    );
    let (status, e) = c.call_json("organisation/uebersicht", &[]).await;
    assert_eq!(status, 403, "only the password change is open: {e}");
    let (status, e) = c
        .call_json(
            "passwort",
            &[
                ("aktuelles_passwort", one_time),
                ("neues_passwort", NEW_PASSWORD),
                ("bestaetigung", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(status, 200, "{e}");
    c
}

async fn create_account(z: &Client, username: &str, role: &str, scope: &str) -> String {
    let (status, created) = z
        .call_json(
            "benutzer/anlegen",
            &[
                ("benutzername", username),
                ("anzeigename", username),
                ("email", ""),
                ("rolle", role),
                ("geltungsbereich", scope),
            ],
        )
        .await;
    assert_eq!(status, 200, "{created}");
    created["password"].as_str().unwrap().to_string()
}

async fn act(c: &Client, number: &str, action: &str) -> Value {
    let (status, o) = c.call_json("auftrag", &[("nummer", number)]).await;
    assert_eq!(status, 200, "{o}");
    let revision = o["revision"].to_string();
    let (status, e) = c
        .call_json(
            "auftrag/aktion",
            &[
                ("nummer", number),
                ("revision", &revision),
                ("aktion", action),
                ("grund", ""),
            ],
        )
        .await;
    assert_eq!(status, 200, "{action}: {e}");
    e
}

async fn an_empty_installation_reaches_its_first_order(backend: Backend) {
    let test_db = TestDb::new(backend).await;
    let env = [("DATABASE_URL", test_db.url.as_str())];
    let (ok, out) = run(
        &[
            "init",
            "admin",
            "--name",
            "Zentrale Administration",
            "--one-time-password",
        ],
        &env,
        None,
    );
    assert!(ok, "{out}");
    let one_time = last_line(&out).to_string();
    let app = TestApp::start_on(test_db).await;
    let db = &app.db;
    let users: i64 = app::on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(pool).await.unwrap());
    assert_eq!(users, 1, "no demo accounts");

    let z = first_sign_in(&app, "admin", &one_time).await;
    let file: Vec<String> = std::iter::once(HEADER)
        .chain(ORGANISATION)
        .map(String::from)
        .collect();
    let token = upload_master_data(&z, file.join("\r\n").into_bytes())
        .await
        .unwrap();
    let (status, outcome) = confirm(&z, &token).await;
    assert_eq!(status, 200, "{outcome}");
    // RD, agency, two Dienststellen, two Bereiche, four mailboxes; no Anliegen yet.
    assert_eq!(outcome["created"], 10, "{outcome}");
    assert_eq!(outcome["routing_entries"], 0, "{outcome}");
    assert_eq!(
        outcome["mailbox_settings"], 1,
        "the Teampostfach: {outcome}"
    );

    let (status, routed) = create_concern(
        &z,
        "ag-egz",
        "Anfrage Eingliederungszuschuss",
        "Arbeitgeber",
        "ags",
    )
    .await;
    assert_eq!(status, 200, "{routed}");
    assert_eq!(
        routed, 2,
        "Kiel's own AG-S mailbox, and Plön's Hauptagentur's"
    );

    let rd = create_account(&z, "pruefer-nord", "rd-pruefer", "rd:nord").await;
    let rim = create_account(&z, "rim-nord", "rim", "rd:nord").await;
    let aa = create_account(&z, "admin-kiel", "agentur-admin", "agentur:kiel").await;

    let aa = first_sign_in(&app, "admin-kiel", &aa).await;
    let (status, number) = aa
        .call_json(
            "auftrag/anlegen",
            &[
                ("agentur", "kiel"),
                ("begruendung", "Erster Auftrag der neuen Installation"),
                ("wirksam_ab", "31.12.2099"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{number}");
    let number = number.as_str().unwrap().to_string();
    let db = &app.db;
    let (mailbox, area): (i64, i64) = app::on_db!(db, pool => sqlx::query_as(
        "SELECT id, area_id FROM mailboxes WHERE address = 'kiel.arbeitgeber-service@arbeitsagentur.de'")
        .fetch_one(pool).await.unwrap());
    let (status, o) = aa.call_json("auftrag", &[("nummer", &number)]).await;
    assert_eq!(status, 200, "{o}");
    let (status, e) = aa
        .call_json(
            "auftrag/position",
            &[
                ("nummer", &number),
                ("revision", &o["revision"].to_string()),
                ("dienststelle", "kiel.ploen"),
                ("anliegen", "ag-egz"),
                ("postfach", &mailbox.to_string()),
                ("bereich", &area.to_string()),
                (
                    "adressen",
                    "kiel.arbeitgeber-service@arbeitsagentur.de\nkiel.leitung@arbeitsagentur.de",
                ),
            ],
        )
        .await;
    assert_eq!(status, 200, "{e}");
    act(&aa, &number, "einreichen").await;
    let rd = first_sign_in(&app, "pruefer-nord", &rd).await;
    act(&rd, &number, "genehmigen").await;
    let rim = first_sign_in(&app, "rim-nord", &rim).await;
    act(&rim, &number, "umsetzen").await;
    let (_, o) = aa.call_json("auftrag", &[("nummer", &number)]).await;
    assert_eq!(o["state_code"], "umgesetzt", "{o}");
}

both_databases!(an_empty_installation_reaches_its_first_order);
