//! A mailbox administered by the Zentrale: deactivation is refused while live routing or
//! an open order uses it (with the list), the batch order moves those entries to a
//! successor through review and implementation, and then deactivation is versioned,
//! audited and keeps the mailbox out of new items; only the Zentrale may do any of it.

use crate::both_databases;
use crate::common::{Backend, Client, TestApp};
use crate::orders::{act, mailbox, order, rev};
use serde_json::Value;

const OLD: &str = "kiel-eckernfoerde.arbeitgeber-service@arbeitsagentur.de";
const SUCCESSOR: &str = "kiel.arbeitgeber-service@arbeitsagentur.de";
const WHY: &str = "Der Arbeitgeber-Service Eckernförde wird in der Hauptagentur zusammengeführt.";

async fn detail(c: &Client, address: &str) -> Value {
    let (status, m) = c
        .call_json("organisation/postfach", &[("adresse", address)])
        .await;
    assert_eq!(status, 200, "{m}");
    m
}

async fn set_status(c: &Client, address: &str, version: &str, action: &str) -> (u16, Value) {
    c.call_json(
        "organisation/postfach/status",
        &[
            ("adresse", address),
            ("version", version),
            ("aktion", action),
        ],
    )
    .await
}

async fn file_move(c: &Client, successor: &str) -> (u16, Value) {
    c.call_json(
        "organisation/postfach/umhaengen",
        &[
            ("adresse", OLD),
            ("nachfolger", successor),
            ("begruendung", WHY),
            ("wirksam_ab", "31.12.2099"),
        ],
    )
    .await
}

/// The newest version on the page says who did it (`by`) and holds `field`.
fn newest_version(m: &Value, (by, field): (&str, &str)) {
    let newest = &m["history"][0];
    assert!(newest["by"].as_str().unwrap().contains(by), "{m}");
    assert!(newest["fields"].as_str().unwrap().contains(field), "{m}");
}

async fn last_action(app: &TestApp) -> app::db::audit::AuditRow {
    let log = app::db::audit::of_object(&app.db, &format!("postfach:{OLD}"), 1)
        .await
        .unwrap();
    log.into_iter().next().expect("an audit record")
}

fn version(m: &Value) -> String {
    m["version"].as_i64().unwrap().to_string()
}

fn field_message(e: &Value, field: &str) -> String {
    e["Validation"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["field"] == field)
        .and_then(|f| f["message"].as_str())
        .unwrap_or_default()
        .to_string()
}

async fn deactivation_waits_until_the_batch_order_has_moved_every_entry(backend: Backend) {
    let app = TestApp::start(backend).await;
    let z = app.signed_in("zentrale").await;
    let m = detail(&z, OLD).await;
    assert_eq!(m["active"], true);
    assert_eq!(
        (m["may_manage"].as_bool(), m["may_move"].as_bool()),
        (Some(true), Some(true))
    );
    let uses = m["uses"].as_array().unwrap().len();
    assert!(uses >= 2, "the Arbeitgeber Anliegen of Eckernförde: {m}");
    assert!(m["uses"]
        .as_array()
        .unwrap()
        .iter()
        .all(|u| u["office"] == "Eckernförde"
            && u["href"].as_str().unwrap().starts_with("/routing/eintrag/")));
    assert!(m["successors"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s[0] == SUCCESSOR));
    assert!(
        !m["successors"].to_string().contains(OLD),
        "not its own successor"
    );
    assert!(
        !m["successors"].to_string().contains("liegenschaft"),
        "{}",
        m["successors"]
    );

    // Refused with the reason while live routing uses it.
    let (status, e) = set_status(&z, OLD, &version(&m), "deaktivieren").await;
    assert_eq!(status, 409, "{e}");
    assert!(
        e.to_string()
            .contains(&format!("{uses} gültigen Routing-Einträgen")),
        "{e}"
    );

    // The successor must be able to take every Anliegen.
    let (status, e) = file_move(&z, "kiel.liegenschaft@arbeitsagentur.de").await;
    assert_eq!(status, 422, "{e}");
    assert!(
        field_message(&e, "nachfolger").contains("nicht alle Anliegen"),
        "{e}"
    );
    let (status, e) = file_move(&z, "heide.arbeitgeber-service@arbeitsagentur.de").await;
    assert_eq!(status, 422, "another agency: {e}");
    let (status, e) = file_move(&z, OLD).await;
    assert_eq!(status, 422, "{e}");
    let (status, e) = file_move(&z, "").await;
    assert_eq!(
        field_message(&e, "nachfolger"),
        "Bitte wählen Sie das Postfach, das die Einträge übernimmt.",
        "{status} {e}"
    );

    // The batch: one order for Kiel with one item per entry, submitted to the RD.
    let (status, number) = file_move(&z, SUCCESSOR).await;
    assert_eq!(status, 200, "{number}");
    let number = number.as_str().unwrap().to_string();
    assert!(number.starts_with("SA-"), "{number}");
    let (_, batch) = z.call_json("sammelauftrag", &[("nummer", &number)]).await;
    let orders = batch["orders"].as_array().unwrap();
    assert_eq!(orders.len(), 1, "{batch}");
    assert_eq!(orders[0]["agency"], "Agentur für Arbeit Kiel");
    assert_eq!(orders[0]["items"].as_i64(), Some(uses as i64));
    assert_eq!(orders[0]["state_code"], "eingereicht");
    let order_number = orders[0]["number"].as_str().unwrap().to_string();
    let rd = app.signed_in("rd-nord").await;
    let o = order(&rd, &order_number).await;
    assert_eq!(o["justification"], WHY);
    assert_eq!(o["batch"], number.as_str());
    let items = o["items"].as_array().unwrap();
    assert_eq!(items.len(), uses);
    for item in items {
        let text = item.to_string();
        assert!(text.contains(SUCCESSOR), "{text}");
    }

    // Every use names the order on its way; deactivation stays refused until it is
    // implemented (live routing still uses the mailbox).
    let m = detail(&z, OLD).await;
    assert!(
        m["uses"]
            .as_array()
            .unwrap()
            .iter()
            .all(|u| u["open_order"] == order_number.as_str()),
        "{m}"
    );
    assert_eq!(
        set_status(&z, OLD, &version(&m), "deaktivieren").await.0,
        409
    );
    assert_eq!(act(&rd, &order_number, "genehmigen", "").await.0, 200);
    let rim = app.signed_in("rim-nord").await;
    let (status, e) = act(&rim, &order_number, "umsetzen", "").await;
    assert_eq!(status, 200, "{e}");

    let m = detail(&z, OLD).await;
    assert_eq!(m["uses"], serde_json::json!([]), "{m}");
    assert_eq!(m["refusal"], Value::Null);
    let (status, e) = set_status(&z, OLD, "99", "deaktivieren").await;
    assert_eq!(status, 409, "stale version: {e}");
    assert!(e.to_string().contains("inzwischen geändert"), "{e}");
    let (status, v) = set_status(&z, OLD, &version(&m), "deaktivieren").await;
    assert_eq!(status, 200, "{v}");
    let m = detail(&z, OLD).await;
    assert_eq!(m["active"], false);
    assert_eq!(m["version"], v);
    newest_version(&m, ("Postfach deaktiviert", "Status: deaktiviert"));
    assert_eq!(last_action(&app).await.action, "postfach-deaktiviert");
    assert_eq!(
        set_status(&z, OLD, &version(&m), "deaktivieren").await.0,
        409
    );

    // A deactivated mailbox is neither a target nor notified, nor offered.
    let aa = app.signed_in("aa-kiel").await;
    let (status, draft) = crate::orders::file_empty_draft(&aa).await;
    assert_eq!(status, 200, "{draft}");
    let draft = draft.as_str().unwrap();
    let (m_id, a_id) = mailbox(&app, OLD).await;
    let o = order(&aa, draft).await;
    let (status, e) = aa
        .call_json(
            "auftrag/position",
            &[
                ("nummer", draft),
                ("revision", &rev(&o)),
                ("dienststelle", "kiel.eckernfoerde"),
                ("anliegen", "ag-egz"),
                ("postfach", &m_id),
                ("bereich", &a_id),
                ("adressen", ""),
            ],
        )
        .await;
    assert_eq!(status, 422, "{e}");
    assert_eq!(
        field_message(&e, "postfach"),
        "Dieses Zielpostfach ist deaktiviert."
    );
    let (status, e) = crate::order_rules::save_item(&app, &aa, draft, "ag-egz", OLD).await;
    assert_eq!(status, 422, "{e}");
    assert!(
        field_message(&e, "adressen").contains("ist deaktiviert"),
        "{e}"
    );
    let (_, office) = z
        .call_json(
            "organisation/dienststelle",
            &[("code", "kiel.eckernfoerde")],
        )
        .await;
    let listed = office["mailboxes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["address"] == OLD)
        .unwrap();
    assert_eq!(listed["active"], false);

    // Reactivation brings it back.
    let (status, v) = set_status(&z, OLD, &version(&m), "reaktivieren").await;
    assert_eq!(status, 200, "{v}");
    assert_eq!(detail(&z, OLD).await["active"], true);
    let (status, e) = crate::order_rules::save_item(&app, &aa, draft, "ag-egz", OLD).await;
    assert_eq!(status, 200, "{e}");
}

async fn only_the_zentrale_deactivates_or_moves(backend: Backend) {
    let app = TestApp::start(backend).await;
    let z = app.signed_in("zentrale").await;
    let version = version(&detail(&z, OLD).await);
    for user in ["aa-kiel", "rd-nord", "rim-nord"] {
        let c = app.signed_in(user).await;
        let m = detail(&c, OLD).await;
        assert_eq!(
            (m["may_manage"].as_bool(), m["may_move"].as_bool()),
            (Some(false), Some(false)),
            "{user}"
        );
        assert_eq!(m["successors"], serde_json::json!([]), "{user}");
        assert_eq!(
            set_status(&c, OLD, &version, "deaktivieren").await.0,
            403,
            "{user}"
        );
        assert_eq!(file_move(&c, SUCCESSOR).await.0, 403, "{user}");
    }
    // Outside the scope: an agency admin of Kiel does not see Heide's mailboxes.
    let aa = app.signed_in("aa-kiel").await;
    let (status, _) = aa
        .call_json(
            "organisation/postfach",
            &[("adresse", "heide.arbeitgeber-service@arbeitsagentur.de")],
        )
        .await;
    assert_eq!(status, 403);
    let (status, _) = z
        .call_json(
            "organisation/postfach",
            &[("adresse", "gibt-es-nicht@arbeitsagentur.de")],
        )
        .await;
    assert_eq!(status, 404);
    let anonymous = app.client();
    assert_eq!(
        anonymous
            .call_json("organisation/postfach", &[("adresse", OLD)])
            .await
            .0,
        401
    );
    assert_eq!(set_status(&z, OLD, &version, "loeschen").await.0, 400);
}

async fn change(c: &Client, version: &str, name: &str, kind: &str, area: &str) -> (u16, Value) {
    c.call_json(
        "organisation/postfach/aendern",
        &[
            ("adresse", OLD),
            ("version", version),
            ("name", name),
            ("art", kind),
            ("bereich", area),
        ],
    )
    .await
}

async fn the_zentrale_changes_name_kind_and_bereich_within_the_rules(backend: Backend) {
    let app = TestApp::start(backend).await;
    let z = app.signed_in("zentrale").await;
    let m = detail(&z, OLD).await;
    let (v, name) = (version(&m), m["name"].as_str().unwrap().to_string());
    assert_eq!(
        (m["kind_code"].as_str(), m["area_code"].as_str()),
        (Some("funktion"), Some("ags"))
    );
    assert!(m["areas"].as_array().unwrap().len() >= 5, "{m}");

    let (status, e) = change(&z, &v, " ", "privat", "gibt-es-nicht").await;
    assert_eq!(status, 422, "{e}");
    let fields: Vec<&str> = e["Validation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["name", "art", "bereich"]);
    let (status, e) = change(&z, &v, &name, "funktion", "ags").await;
    assert_eq!(status, 409, "{e}");
    assert!(e.to_string().contains("unverändert"), "{e}");
    // Live routing notifies it and routes to it: neither Team nor Liegenschaft will do.
    let (status, e) = change(&z, &v, &name, "team", "ags").await;
    assert_eq!(status, 409, "{e}");
    assert!(
        e.to_string()
            .contains("ein Teampostfach darf nicht benachrichtigt werden"),
        "{e}"
    );
    let (status, e) = change(&z, &v, &name, "liegenschaft", "ags").await;
    assert_eq!(status, 409, "{e}");
    assert!(e.to_string().contains("keine Anliegen empfangen"), "{e}");

    let (status, next) = change(&z, &v, "AG-S Eckernförde", "organisation", "ags").await;
    assert_eq!(status, 200, "{next}");
    let m = detail(&z, OLD).await;
    assert_eq!(m["name"], "AG-S Eckernförde");
    assert_eq!(m["kind_label"], "Organisationspostfach");
    assert_eq!(m["version"], next);
    newest_version(&m, ("Postfach geändert", "Art: Organisationspostfach"));
    let log = [last_action(&app).await];
    assert_eq!(log[0].action, "postfach-geaendert");
    assert!(
        log[0]
            .detail
            .contains(&format!("Name: „{name}“ → „AG-S Eckernförde“")),
        "{}",
        log[0].detail
    );
    // An Organisationspostfach has the setting "E-Mail-Kommunikation" from now on.
    let (_, office) = z
        .call_json(
            "organisation/dienststelle",
            &[("code", "kiel.eckernfoerde")],
        )
        .await;
    let listed = office["mailboxes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["address"] == OLD)
        .unwrap();
    assert!(
        listed["email"][0].as_str().unwrap().starts_with("Extern"),
        "{listed}"
    );
    // The form seen before is stale now.
    let (status, e) = change(&z, &v, "Noch ein Name", "organisation", "ags").await;
    assert_eq!(status, 409, "{e}");
    assert!(e.to_string().contains("inzwischen geändert"), "{e}");
    let aa = app.signed_in("aa-kiel").await;
    assert_eq!(
        change(&aa, &version(&m), "X", "funktion", "ags").await.0,
        403
    );
}

async fn create(c: &Client, address: &str, name: &str, kind: &str) -> (u16, Value) {
    c.call_json(
        "organisation/postfach/anlegen",
        &[
            ("dienststelle", "kiel.ploen"),
            ("adresse", address),
            ("name", name),
            ("art", kind),
            ("bereich", "ez"),
        ],
    )
    .await
}

async fn the_zentrale_creates_a_mailbox_with_version_audit_and_setting(backend: Backend) {
    let app = TestApp::start(backend).await;
    let z = app.signed_in("zentrale").await;
    let (_, office) = z
        .call_json("organisation/dienststelle", &[("code", "kiel.ploen")])
        .await;
    assert!(
        office["areas"].as_array().unwrap().len() >= 5,
        "the form's Bereiche"
    );
    let (status, e) = create(&z, "neu@example.org", " ", "team").await;
    assert_eq!(status, 422, "{e}");
    let fields: Vec<&str> = e["Validation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["adresse", "name"]);
    let (status, e) = create(&z, &OLD.to_uppercase(), "Doppelt", "team").await;
    assert_eq!(status, 422, "{e}");
    assert!(
        field_message(&e, "adresse").contains("hat schon ein Postfach"),
        "{e}"
    );

    let (status, address) = create(
        &z,
        " Kiel-Ploen.Team-Neu@Arbeitsagentur.de ",
        "Team Neu Plön",
        "team",
    )
    .await;
    assert_eq!(status, 200, "{address}");
    assert_eq!(address, "kiel-ploen.team-neu@arbeitsagentur.de");
    let m = detail(&z, "kiel-ploen.team-neu@arbeitsagentur.de").await;
    assert_eq!(
        (
            m["name"].as_str(),
            m["kind_label"].as_str(),
            m["active"].as_bool()
        ),
        (Some("Team Neu Plön"), Some("Teampostfach"), Some(true))
    );
    assert_eq!(m["version"], 1);
    newest_version(&m, ("Postfach angelegt", "Dienststelle: kiel.ploen"));
    let log =
        app::db::audit::of_object(&app.db, "postfach:kiel-ploen.team-neu@arbeitsagentur.de", 1)
            .await
            .unwrap();
    assert_eq!(log[0].action, "postfach-angelegt");
    // A Teampostfach has its "E-Mail-Kommunikation" from the start.
    let (_, office) = z
        .call_json("organisation/dienststelle", &[("code", "kiel.ploen")])
        .await;
    let listed = office["mailboxes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["address"] == "kiel-ploen.team-neu@arbeitsagentur.de")
        .unwrap();
    assert!(
        listed["email"][0].as_str().unwrap().starts_with("Extern"),
        "{listed}"
    );
    let aa = app.signed_in("aa-kiel").await;
    let (_, office) = aa
        .call_json("organisation/dienststelle", &[("code", "kiel.ploen")])
        .await;
    assert_eq!(office["areas"], serde_json::json!([]));
    assert_eq!(
        create(&aa, "kiel-ploen.x@arbeitsagentur.de", "X", "team")
            .await
            .0,
        403
    );
}

both_databases!(
    the_zentrale_creates_a_mailbox_with_version_audit_and_setting,
    the_zentrale_changes_name_kind_and_bereich_within_the_rules,
    deactivation_waits_until_the_batch_order_has_moved_every_entry,
    only_the_zentrale_deactivates_or_moves,
);
