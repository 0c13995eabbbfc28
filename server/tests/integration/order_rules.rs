//! Order rules not covered by the life-cycle tests: one item per Dienststelle × Anliegen,
//! inactive Anliegen, the allowed mail domains setting, the decision reason's field and
//! the inbox's days waiting.

use crate::both_databases;
use crate::common::{Backend, Client, TestApp};
use crate::orders::{act, draft, mailbox, order, rev, KIEL};
use app::on_db;
use serde_json::Value;

/// Saves an item for Kiel's own Dienststelle with the Arbeitgeber-Service mailbox.
pub(crate) async fn save_item(
    app: &TestApp,
    c: &Client,
    number: &str,
    concern: &str,
    addresses: &str,
) -> (u16, Value) {
    let (m, a) = mailbox(app, KIEL.1).await;
    let o = order(c, number).await;
    c.call_json(
        "auftrag/position",
        &[
            ("nummer", number),
            ("revision", &rev(&o)),
            ("dienststelle", KIEL.0),
            ("anliegen", concern),
            ("postfach", &m),
            ("bereich", &a),
            ("adressen", addresses),
        ],
    )
    .await
}

fn first_error(e: &Value) -> (&str, &str) {
    let first = &e["Validation"][0];
    (
        first["field"].as_str().unwrap_or(""),
        first["message"].as_str().unwrap_or(""),
    )
}

async fn a_second_item_for_the_same_entry_replaces_the_first(backend: Backend) {
    let app = TestApp::start(backend).await;
    let c = app.signed_in("aa-kiel").await;
    let number = draft(&app, &c, &[]).await;
    let first = "kiel.team-a@arbeitsagentur.de";
    let second = "kiel.team-b@arbeitsagentur.de\nkiel.leitung@arbeitsagentur.de";
    assert_eq!(save_item(&app, &c, &number, "ag-egz", first).await.0, 200);
    assert_eq!(save_item(&app, &c, &number, "ag-egz", second).await.0, 200);
    let o = order(&c, &number).await;
    let items = o["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{o}");
    let shown = items[0].to_string();
    assert!(
        shown.contains("kiel.team-b@") && shown.contains("kiel.leitung@"),
        "{shown}"
    );
    assert!(!shown.contains("kiel.team-a@"), "{shown}");
    let db = &app.db;
    let stored: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.number = $1")
        .bind(&number).fetch_one(pool).await.unwrap());
    assert_eq!(stored, 1);
}

async fn an_inactive_concern_is_refused_and_not_offered(backend: Backend) {
    let app = TestApp::start(backend).await;
    let c = app.signed_in("aa-kiel").await;
    let number = draft(&app, &c, &[]).await;
    let db = &app.db;
    on_db!(db, pool => {
        sqlx::query("UPDATE concerns SET active = $1 WHERE code = 'ag-egz'")
            .bind(false).execute(pool).await.unwrap();
    });
    let (status, e) = save_item(&app, &c, &number, "ag-egz", "kiel.team@arbeitsagentur.de").await;
    assert_eq!(status, 422, "{e}");
    assert_eq!(
        first_error(&e),
        ("anliegen", "Dieses Anliegen ist nicht mehr aktiv.")
    );
    let (status, choices) = c.call_json("auftrag/auswahl", &[("nummer", &number)]).await;
    assert_eq!(status, 200, "{choices}");
    let offered: Vec<&str> = choices["concerns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c[0].as_str().unwrap())
        .collect();
    assert!(
        !offered.is_empty() && !offered.contains(&"ag-egz"),
        "{offered:?}"
    );
}

async fn allowed_mail_domains_follow_the_setting(backend: Backend) {
    let app = TestApp::start_with_mail_domains(backend, " Jobcenter-GE.de, example.org ").await;
    let c = app.signed_in("aa-kiel").await;
    let number = draft(&app, &c, &[]).await;
    let (status, e) = save_item(&app, &c, &number, "ag-egz", "kiel.team@arbeitsagentur.de").await;
    assert_eq!(status, 422, "{e}");
    assert_eq!(
        first_error(&e),
        (
            "adressen",
            "Die Adresse „kiel.team@arbeitsagentur.de“ liegt nicht in einer zugelassenen Domain (jobcenter-ge.de, example.org)."
        )
    );
    let (status, e) = save_item(&app, &c, &number, "ag-egz", "team@JOBCENTER-GE.DE").await;
    assert_eq!(status, 200, "{e}");
    assert!(order(&c, &number)
        .await
        .to_string()
        .contains("team@jobcenter-ge.de"));
    // The item form learns the same list, for its hint and its check before sending.
    let (_, choices) = c.call_json("auftrag/auswahl", &[("nummer", &number)]).await;
    assert_eq!(
        choices["mail_domains"],
        serde_json::json!(["jobcenter-ge.de", "example.org"])
    );
}

async fn the_item_form_learns_which_offices_a_mailbox_serves(backend: Backend) {
    let app = TestApp::start(backend).await;
    let c = app.signed_in("aa-kiel").await;
    let number = draft(&app, &c, &[]).await;
    let (_, choices) = c.call_json("auftrag/auswahl", &[("nummer", &number)]).await;
    let serves = |address: &str| -> Vec<String> {
        let m = choices["mailboxes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["label"].as_str().unwrap().ends_with(address))
            .unwrap_or_else(|| panic!("{address} fehlt: {choices}"));
        serde_json::from_value(m["serves"].clone()).unwrap()
    };
    let mut offices: Vec<String> = choices["offices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o[0].as_str().unwrap().to_string())
        .collect();
    offices.sort();
    // The Hauptagentur's mailboxes serve every Dienststelle, a Geschäftsstelle's only its
    // own; Liegenschaft mailboxes are not offered at all.
    let db = &app.db;
    let listed: Vec<(String, String, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT m.address, o.code, o.kind FROM mailboxes m JOIN offices o ON o.id = m.office_id
         JOIN agencies a ON a.id = o.agency_id WHERE a.code = 'kiel' AND m.kind <> 'liegenschaft'")
        .fetch_all(pool).await.unwrap());
    assert_eq!(listed.len(), choices["mailboxes"].as_array().unwrap().len());
    for (address, office, kind) in listed {
        let mut served = serves(&address);
        served.sort();
        let expected = if kind == "hauptagentur" {
            offices.clone()
        } else {
            vec![office]
        };
        assert_eq!(served, expected, "{address}");
    }
    assert_eq!(
        serves("kiel-ploen.arbeitgeber-service@arbeitsagentur.de"),
        ["kiel.ploen"]
    );
    assert_eq!(
        choices["mail_domains"],
        serde_json::json!(["arbeitsagentur.de"])
    );
}

async fn a_missing_decision_reason_is_reported_on_its_field(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let rd = app.signed_in("rd-nord").await;
    let number = draft(&app, &aa, &[KIEL]).await;
    assert_eq!(act(&aa, &number, "einreichen", "").await.0, 200);
    for action in ["ablehnen", "zurueckgeben"] {
        let (status, e) = act(&rd, &number, action, "zu kurz").await;
        assert_eq!(status, 422, "{e}");
        let field = format!("grund-{action}");
        assert_eq!(
            first_error(&e),
            (
                field.as_str(),
                "Die Begründung der Entscheidung muss mindestens 10 Zeichen lang sein."
            )
        );
    }
    assert_eq!(order(&rd, &number).await["state_code"], "eingereicht");
}

async fn the_inbox_shows_days_waiting_oldest_first(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let rd = app.signed_in("rd-nord").await;
    let number = draft(&app, &aa, &[KIEL]).await;
    assert_eq!(act(&aa, &number, "einreichen", "").await.0, 200);
    let three_days_ago = time::OffsetDateTime::now_utc() - time::Duration::hours(3 * 24 + 5);
    let db = &app.db;
    on_db!(db, pool => {
        sqlx::query("UPDATE orders SET submitted_at = $1 WHERE number = $2")
            .bind(three_days_ago).bind(&number).execute(pool).await.unwrap();
    });
    let (status, list) = rd
        .call_json("auftraege", &[("status", "eingereicht"), ("rd", "")])
        .await;
    assert_eq!(status, 200, "{list}");
    let rows = list["rows"].as_array().unwrap();
    let ours = rows
        .iter()
        .find(|r| r["number"] == number.as_str())
        .unwrap_or_else(|| panic!("{number} fehlt im Eingang: {list}"));
    assert_eq!(ours["days_waiting"], 3, "{ours}");
    let waiting: Vec<i64> = rows
        .iter()
        .map(|r| r["days_waiting"].as_i64().unwrap())
        .collect();
    assert!(
        waiting.windows(2).all(|w| w[0] >= w[1]),
        "oldest first: {waiting:?}"
    );
    // Only submitted orders wait; a draft has no count.
    let draft_number = draft(&app, &aa, &[]).await;
    let (_, drafts) = aa
        .call_json("auftraege", &[("status", "entwurf"), ("rd", "")])
        .await;
    let drafts = drafts["rows"].as_array().unwrap();
    assert!(
        drafts.iter().any(|r| r["number"] == draft_number.as_str()),
        "{drafts:?}"
    );
    assert!(
        drafts.iter().all(|r| r["days_waiting"].is_null()),
        "{drafts:?}"
    );
}

both_databases!(
    a_second_item_for_the_same_entry_replaces_the_first,
    an_inactive_concern_is_refused_and_not_offered,
    allowed_mail_domains_follow_the_setting,
    the_item_form_learns_which_offices_a_mailbox_serves,
    a_missing_decision_reason_is_reported_on_its_field,
    the_inbox_shows_days_waiting_oldest_first,
);
