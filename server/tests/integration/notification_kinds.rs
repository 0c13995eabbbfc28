//! Weisung 202509011: notification addresses must be Funktions- or Organisationspostfächer.
//! A Team- or Liegenschaftspostfach is refused (form, API and CSV import alike); an
//! address the mailbox catalogue does not know is allowed but flagged for the reviewer.

use crate::both_databases;
use crate::common::{Backend, Client, TestApp};
use crate::csv_files::{fetch, preview, upload, BOM};
use crate::order_rules::save_item;
use crate::orders::{act, draft, order, KIEL};
use app::on_db;
use serde_json::Value;

const TEAM: &str = "kiel.team-eingangszone@arbeitsagentur.de";
const BUILDING: &str = "kiel.liegenschaft@arbeitsagentur.de";
const SERVICE_CENTER: &str = "kiel.service-center@arbeitsagentur.de";
const UNKNOWN: &str = "kiel.widerspruchsstelle@arbeitsagentur.de";

async fn save(app: &TestApp, c: &Client, number: &str, addresses: &str) -> (u16, Value) {
    save_item(app, c, number, "ag-egz", addresses).await
}

fn address_error(e: &Value) -> String {
    let errors = e["Validation"].as_array().expect("validation errors");
    assert_eq!(errors.len(), 1, "{e}");
    assert_eq!(errors[0]["field"], "adressen", "{e}");
    errors[0]["message"].as_str().unwrap().to_string()
}

async fn team_and_building_mailboxes_are_refused_with_their_kind(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let number = draft(&app, &aa, &[]).await;
    let (status, e) = save(&app, &aa, &number, &format!("{}\n{TEAM}", KIEL.1)).await;
    assert_eq!(status, 422, "{e}");
    assert_eq!(
        address_error(&e),
        format!(
            "„{TEAM}“ ist ein Teampostfach. Benachrichtigungsadressen müssen Funktions- oder \
             Organisationspostfächer sein (Weisung 202509011)."
        )
    );
    // Case does not hide a mailbox from the catalogue.
    let shouted = BUILDING
        .to_uppercase()
        .replace("ARBEITSAGENTUR.DE", "arbeitsagentur.de");
    let (status, e) = save(&app, &aa, &number, &shouted).await;
    assert_eq!(status, 422, "{e}");
    assert!(
        address_error(&e).contains("ist ein Liegenschaftspostfach"),
        "{e}"
    );
    assert!(order(&aa, &number).await["items"]
        .as_array()
        .unwrap()
        .is_empty());
    // Funktions- and Organisationspostfächer go through.
    let (status, e) = save(&app, &aa, &number, &format!("{}\n{SERVICE_CENTER}", KIEL.1)).await;
    assert_eq!(status, 200, "{e}");
}

async fn unknown_addresses_are_flagged_for_author_and_reviewer(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let number = draft(&app, &aa, &[]).await;
    let addresses = format!("{}\n{SERVICE_CENTER}\n{UNKNOWN}", KIEL.1);
    let (status, e) = save(&app, &aa, &number, &addresses).await;
    assert_eq!(status, 200, "{e}");
    let flagged = |o: &Value| o["items"][0]["unknown_addresses"].clone();
    assert_eq!(
        flagged(&order(&aa, &number).await),
        serde_json::json!([UNKNOWN])
    );
    assert_eq!(act(&aa, &number, "einreichen", "").await.0, 200);
    let rd = app.signed_in("rd-nord").await;
    assert_eq!(
        flagged(&order(&rd, &number).await),
        serde_json::json!([UNKNOWN])
    );
    // The page shows the flag beside the new addresses.
    let page = rd
        .get(&format!("/auftraege/{number}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(&format!(
            "Nicht im Postfachverzeichnis, bitte prüfen: {UNKNOWN}"
        )),
        "flag missing from the review page"
    );
}

async fn an_address_already_live_is_not_flagged_again(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let first = draft(&app, &aa, &[]).await;
    assert_eq!(save(&app, &aa, &first, UNKNOWN).await.0, 200);
    assert_eq!(act(&aa, &first, "einreichen", "").await.0, 200);
    let rd = app.signed_in("rd-nord").await;
    assert_eq!(act(&rd, &first, "genehmigen", "").await.0, 200);
    let rim = app.signed_in("rim-nord").await;
    assert_eq!(act(&rim, &first, "umsetzen", "").await.0, 200);
    // The next order keeps the now live address: only what it adds is flagged.
    let second = draft(&app, &aa, &[]).await;
    let (status, e) = save(&app, &aa, &second, &format!("{UNKNOWN}\n{}", KIEL.1)).await;
    assert_eq!(status, 200, "{e}");
    let o = order(&aa, &second).await;
    assert_eq!(
        o["items"][0]["unknown_addresses"],
        serde_json::json!([]),
        "{o}"
    );
}

async fn the_csv_import_refuses_a_team_mailbox_on_its_row(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let (_, bytes, _) = fetch(&aa, "/export/konfiguration.csv?agentur=kiel").await;
    let text = String::from_utf8(bytes[BOM.len()..].to_vec()).unwrap();
    let mut lines: Vec<String> = text.split("\r\n").map(String::from).collect();
    let row = lines
        .iter()
        .position(|l| l.contains(&format!(";{};", KIEL.0)))
        .expect("a Kiel row");
    let mut cells: Vec<String> = lines[row].split(';').map(String::from).collect();
    cells[8] = TEAM.into();
    lines[row] = cells.join(";");
    let location = upload(&aa, "kiel", "kiel.csv", lines.join("\r\n").into_bytes()).await;
    let (status, p) = preview(&aa, &location).await;
    assert_eq!(status, 200, "{p}");
    assert_eq!(p["error_rows"], 1, "{p}");
    assert!(p.to_string().contains("ist ein Teampostfach"), "{p}");
}

/// The demo's live routing keeps the rule it teaches: no entry notifies a Team- or
/// Liegenschaftspostfach.
async fn the_seeded_routing_notifies_only_allowed_kinds(backend: Backend) {
    let app = TestApp::start(backend).await;
    let db = &app.db;
    let (live, wrong): (Vec<String>, Vec<String>) = on_db!(db, pool => (
        sqlx::query_scalar("SELECT DISTINCT addresses FROM routing_versions WHERE valid_until IS NULL")
            .fetch_all(pool).await.unwrap(),
        sqlx::query_scalar("SELECT address FROM mailboxes WHERE kind IN ('team', 'liegenschaft')")
            .fetch_all(pool).await.unwrap(),
    ));
    let wrong: std::collections::HashSet<String> = wrong.into_iter().collect();
    assert!(wrong.contains(TEAM) && wrong.contains(BUILDING));
    let notified: Vec<&str> = live.iter().flat_map(|a| a.lines()).collect();
    assert!(notified.len() > 100, "{}", notified.len());
    let offending: Vec<&&str> = notified.iter().filter(|a| wrong.contains(**a)).collect();
    assert!(offending.is_empty(), "{offending:?}");
}

both_databases!(
    team_and_building_mailboxes_are_refused_with_their_kind,
    unknown_addresses_are_flagged_for_author_and_reviewer,
    an_address_already_live_is_not_flagged_again,
    the_csv_import_refuses_a_team_mailbox_on_its_row,
    the_seeded_routing_notifies_only_allowed_kinds,
);
