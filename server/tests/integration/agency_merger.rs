//! An agency merged into a successor: its Dienststellen move (the Hauptagentur as a
//! Geschäftsstelle), the routing its Geschäftsstellen send to the old Hauptagentur moves
//! to the successor's through an order filed with the merger, its eAkte rules end, role
//! assignments follow, everything is versioned and audited, and the closed agency is
//! offered nowhere and changes no more. Only the Zentrale may merge; open orders, a
//! successor without a Hauptagentur and routing nothing can take over are refused.

use crate::both_databases;
use crate::common::{invalid_fields, Backend, Client, TestApp};
use crate::office_closure::implement;
use crate::orders::{act, file_empty_draft, order};
use app::on_db;
use serde_json::Value;

const CLOSING: &str = "neumuenster";
const SUCCESSOR: &str = "kiel";
const WHY: &str = "Die Agentur Neumünster wird mit Kiel zusammengelegt.";

async fn plan(c: &Client, agency: &str, successor: Option<&str>) -> (u16, Value) {
    let mut form = vec![("agentur", agency)];
    if let Some(s) = successor {
        form.push(("nachfolger", s));
    }
    c.call_json("organisation/agentur/zusammenlegen/plan", &form)
        .await
}

async fn plan_ok(c: &Client, agency: &str, successor: Option<&str>) -> Value {
    let (status, p) = plan(c, agency, successor).await;
    assert_eq!(status, 200, "{p}");
    p
}

async fn merge(
    c: &Client,
    agency: &str,
    version: &str,
    successor: &str,
    why: &str,
) -> (u16, Value) {
    c.call_json(
        "organisation/agentur/zusammenlegen",
        &[
            ("agentur", agency),
            ("version", version),
            ("nachfolger", successor),
            ("begruendung", why),
            ("wirksam_ab", "31.12.2099"),
        ],
    )
    .await
}

fn version(p: &Value) -> String {
    p["version"].as_i64().unwrap().to_string()
}

async fn scalar(app: &TestApp, sql: &str, code: &str) -> i64 {
    let db = &app.db;
    on_db!(db, pool => sqlx::query_scalar(sql).bind(code).fetch_one(pool).await.unwrap())
}

async fn create_admin(z: &Client, username: &str, scope: &str) -> (u16, Value) {
    z.call_json(
        "benutzer/anlegen",
        &[
            ("benutzername", username),
            ("anzeigename", "Agentur-Admin Neumünster"),
            ("email", ""),
            ("rolle", "agentur-admin"),
            ("geltungsbereich", scope),
        ],
    )
    .await
}

async fn an_agency_merges_with_the_order_that_moves_its_routing(backend: Backend) {
    let app = TestApp::start(backend).await;
    let z = app.signed_in("zentrale").await;
    let (status, e) = create_admin(&z, "aa-neumuenster", "agentur:neumuenster").await;
    assert_eq!(status, 200, "{e}");
    let p = plan_ok(&z, CLOSING, None).await;
    assert_eq!(
        (p["refusal"].clone(), p["may_merge"].clone()),
        (Value::Null, Value::Bool(false))
    );
    let successors: Vec<&str> = p["successors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s[0].as_str().unwrap())
        .collect();
    assert!(successors.contains(&SUCCESSOR) && !successors.contains(&CLOSING));

    let p = plan_ok(&z, CLOSING, Some(SUCCESSOR)).await;
    assert_eq!(
        p["successor"],
        serde_json::json!([SUCCESSOR, "Agentur für Arbeit Kiel"])
    );
    assert_eq!(p["may_merge"], true, "{p}");
    let moves = p["moves"].as_array().unwrap();
    assert_eq!(moves.len(), 20, "two Geschäftsstellen × ten Anliegen: {p}");
    let kug = moves
        .iter()
        .find(|m| m["entry"] == "Rendsburg · Kurzarbeitergeld")
        .unwrap_or_else(|| panic!("{p}"));
    assert!(
        kug["before"]
            .as_str()
            .unwrap()
            .contains("neumuenster.operativer-service@"),
        "{kug}"
    );
    assert!(
        kug["after"]
            .as_str()
            .unwrap()
            .contains("kiel.operativer-service@"),
        "{kug}"
    );
    assert_eq!(p["offices"].as_array().unwrap().len(), 3, "{p}");
    assert_eq!(
        p["offices"][0],
        serde_json::json!(["Neumünster", "Hauptagentur", "Geschäftsstelle"])
    );
    assert!(p["users"].to_string().contains("aa-neumuenster"), "{p}");
    let rules = p["eakte_rules"].as_i64().unwrap();
    assert!(rules > 0, "{p}");

    // The move order's header is checked; a stale page is refused.
    let (status, e) = merge(&z, CLOSING, &version(&p), SUCCESSOR, "").await;
    assert_eq!(status, 422, "{e}");
    assert_eq!(invalid_fields(&e), ["begruendung"]);
    let (status, e) = merge(&z, CLOSING, "99", SUCCESSOR, WHY).await;
    assert_eq!(status, 409, "{e}");
    assert!(e.to_string().contains("inzwischen geändert"), "{e}");
    let (status, batch) = merge(&z, CLOSING, &version(&p), SUCCESSOR, WHY).await;
    assert_eq!(status, 200, "{batch}");
    let batch = batch.as_str().unwrap().to_string();

    // Closed, versioned and audited; its Dienststellen are Kiel's now.
    let (_, closed) = z
        .call_json("organisation/agentur", &[("code", CLOSING)])
        .await;
    assert_eq!(
        closed["closed_into"],
        serde_json::json!([SUCCESSOR, "Agentur für Arbeit Kiel"])
    );
    assert_eq!(
        (closed["may_merge"].clone(), closed["may_manage"].clone()),
        (Value::Bool(false), Value::Bool(false))
    );
    assert_eq!(closed["offices"], serde_json::json!([]));
    let fields = closed["history"][0]["fields"].as_str().unwrap();
    assert!(
        fields.contains("Status: geschlossen") && fields.contains("Nachfolgerin: kiel"),
        "{fields}"
    );
    let (_, kiel) = z
        .call_json("organisation/agentur", &[("code", SUCCESSOR)])
        .await;
    let former_hq = kiel["offices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["code"] == "neumuenster.neumuenster")
        .unwrap_or_else(|| panic!("{kiel}"));
    assert_eq!(former_hq["kind_label"], "Geschäftsstelle");
    let (_, office) = z
        .call_json(
            "organisation/dienststelle",
            &[("code", "neumuenster.rendsburg")],
        )
        .await;
    let moved = office["history"][0]["fields"].as_str().unwrap();
    assert!(moved.contains("Agentur: kiel;"), "{moved}");
    let log = app::db::audit::of_object(&app.db, &format!("agentur:{CLOSING}"), 1)
        .await
        .unwrap();
    assert_eq!(log[0].action, "agentur-zusammengelegt");
    assert!(
        log[0].detail.contains("3 Dienststellen übergegangen"),
        "{}",
        log[0].detail
    );
    assert!(
        log[0]
            .detail
            .contains(&format!("{rules} eAkte-Regeln beendet")),
        "{}",
        log[0].detail
    );

    // Its eAkte rules ended; the role went over to Kiel.
    const LIVE_RULES: &str = "SELECT COUNT(*) FROM eakte_rule_versions v
        JOIN eakte_rule_entries e ON e.id = v.entry_id JOIN agencies a ON a.id = e.agency_id
        WHERE a.code = $1 AND v.valid_until IS NULL";
    assert_eq!(scalar(&app, LIVE_RULES, CLOSING).await, 0);
    const ROLE_IN: &str =
        "SELECT COUNT(*) FROM role_assignments ra JOIN users u ON u.id = ra.user_id
        JOIN agencies a ON a.id = ra.agency_id WHERE u.username = 'aa-neumuenster' AND a.code = $1";
    assert_eq!(scalar(&app, ROLE_IN, SUCCESSOR).await, 1);
    assert_eq!(scalar(&app, ROLE_IN, CLOSING).await, 0);
    let account = app::db::audit::of_object(&app.db, "benutzer:aa-neumuenster", 1)
        .await
        .unwrap();
    assert_eq!(account[0].action, "rolle-uebertragen");
    assert!(
        account[0]
            .detail
            .contains("gilt nun für „Agentur für Arbeit Kiel“"),
        "{}",
        account[0].detail
    );

    // The move order: one Kiel order with the twenty entries, to the RD; implemented, the
    // Geschäftsstellen route to Kiel's Hauptagentur.
    let (_, b) = z.call_json("sammelauftrag", &[("nummer", &batch)]).await;
    let orders = b["orders"].as_array().unwrap();
    assert_eq!(orders.len(), 1, "{b}");
    assert_eq!(
        (
            orders[0]["items"].as_i64(),
            orders[0]["state_code"].as_str()
        ),
        (Some(20), Some("eingereicht")),
        "{b}"
    );
    let number = orders[0]["number"].as_str().unwrap().to_string();
    assert_eq!(
        order(&z, &number).await["agency"],
        "Agentur für Arbeit Kiel"
    );
    implement(&app, &z, &number).await;
    const TO_OLD_HQ: &str = "SELECT COUNT(*) FROM routing_versions v
        JOIN routing_entries e ON e.id = v.entry_id JOIN offices o ON o.id = e.office_id
        JOIN mailboxes m ON m.id = v.mailbox_id JOIN offices h ON h.id = m.office_id
        WHERE v.valid_until IS NULL AND h.code = $1 AND o.id <> h.id";
    assert_eq!(scalar(&app, TO_OLD_HQ, "neumuenster.neumuenster").await, 0);

    // Offered nowhere, changed no more; Kiel's export (with the moved Dienststellen) reads back.
    let (_, region) = z
        .call_json("organisation/regionaldirektion", &[("code", "nord")])
        .await;
    let listed = region["agencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["code"] == CLOSING)
        .unwrap_or_else(|| panic!("{region}"));
    assert_eq!(listed["closed_into"], "Agentur für Arbeit Kiel");
    let (status, e) = create_admin(&z, "aa-neumuenster-2", "agentur:neumuenster").await;
    assert_eq!(status, 422, "{e}");
    assert!(e.to_string().contains("geschlossen"), "{e}");
    let (status, e) = z
        .call_json(
            "organisation/anlegen",
            &[
                ("ebene", "dienststelle"),
                ("uebergeordnet", CLOSING),
                ("kuerzel", "neumuenster.neu"),
                ("name", "Neu"),
                ("art", "geschaeftsstelle"),
            ],
        )
        .await;
    assert_eq!(status, 409, "{e}");
    let (status, e) = z
        .call_json(
            "organisation/umbenennen",
            &[
                ("ebene", "agentur"),
                ("kuerzel", CLOSING),
                ("version", &closed["version"].to_string()),
                ("neuer_name", "Agentur Neumünster (alt)"),
            ],
        )
        .await;
    assert_eq!(status, 409, "{e}");
    let lines = crate::master_data::kiel_lines(&z).await;
    assert!(lines
        .iter()
        .any(|l| l.contains(";neumuenster.neumuenster;")));
    let (_, p, counts) = crate::master_data::previewed(&z, &lines).await;
    assert_eq!(counts, (0, 0, 0), "{p}");
    let hq = lines
        .iter()
        .find(|l| l.contains(";kiel.kiel;Kiel;Hauptagentur;"))
        .unwrap();
    let mut in_closed = lines.clone();
    in_closed.push(
        hq.replace(
            ";kiel;Agentur für Arbeit Kiel;kiel.kiel;Kiel;Hauptagentur;",
            ";neumuenster;Agentur für Arbeit Neumünster;neumuenster.neu;Neu;Geschäftsstelle;",
        )
        .replacen("kiel.", "neumuenster-neu.", 1),
    );
    let (_, p, (_, _, errors)) = crate::master_data::previewed(&z, &in_closed).await;
    assert_eq!(errors, 1, "{p}");
    assert_eq!(p["errors"][0]["column"], "Agentur-Kürzel", "{p}");
    let p = plan_ok(&z, CLOSING, Some(SUCCESSOR)).await;
    assert_eq!(p["refusal"], "Die Agentur ist bereits geschlossen.");
    assert_eq!(
        merge(&z, CLOSING, &version(&p), SUCCESSOR, WHY).await.0,
        409
    );
}

async fn only_the_zentrale_merges_and_what_stands_in_the_way_is_refused(backend: Backend) {
    let app = TestApp::start(backend).await;
    let z = app.signed_in("zentrale").await;
    let seen = version(&plan_ok(&z, CLOSING, Some(SUCCESSOR)).await);
    for user in ["aa-kiel", "rd-nord", "rim-nord"] {
        let c = app.signed_in(user).await;
        assert_eq!(plan(&c, CLOSING, Some(SUCCESSOR)).await.0, 403, "{user}");
        assert_eq!(
            merge(&c, CLOSING, &seen, SUCCESSOR, WHY).await.0,
            403,
            "{user}"
        );
    }
    assert_eq!(plan(&app.client(), CLOSING, None).await.0, 401);
    assert_eq!(plan(&z, "gibt-es-nicht", None).await.0, 404);
    for (successor, refusal) in [
        (CLOSING, "andere Agentur"),
        ("gibt-es-nicht", "gibt es nicht"),
    ] {
        let p = plan_ok(&z, CLOSING, Some(successor)).await;
        assert!(
            p["refusal"].as_str().unwrap_or_default().contains(refusal),
            "{successor}: {p}"
        );
        assert_eq!(p["may_merge"], false);
    }

    // A successor needs a Hauptagentur, and one with the mailboxes to take the routing over.
    let (status, e) = z
        .call_json(
            "organisation/anlegen",
            &[
                ("ebene", "agentur"),
                ("uebergeordnet", "nord"),
                ("kuerzel", "holstein"),
                ("name", "Agentur für Arbeit Holstein"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{e}");
    let p = plan_ok(&z, CLOSING, Some("holstein")).await;
    assert!(
        p["refusal"]
            .as_str()
            .unwrap_or_default()
            .contains("keine Hauptagentur"),
        "{p}"
    );
    let (status, e) = z
        .call_json(
            "organisation/anlegen",
            &[
                ("ebene", "dienststelle"),
                ("uebergeordnet", "holstein"),
                ("kuerzel", "holstein.haupt"),
                ("name", "Holstein"),
                ("art", "hauptagentur"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{e}");
    let p = plan_ok(&z, CLOSING, Some("holstein")).await;
    assert_eq!(p["refusal"], Value::Null, "{p}");
    assert_eq!(p["stuck"].as_array().unwrap().len(), 20, "{p}");
    assert_eq!(p["may_merge"], false);
    let (status, e) = merge(&z, CLOSING, &seen, "holstein", WHY).await;
    assert_eq!(status, 409, "{e}");
    assert!(
        e.to_string()
            .contains("für 20 Routing-Einträge an die Hauptagentur"),
        "{e}"
    );

    // An open order of the closing agency blocks the merger until it is withdrawn.
    let aa = app.signed_in("aa-kiel").await;
    let (status, number) = file_empty_draft(&aa).await;
    assert_eq!(status, 200, "{number}");
    let number = number.as_str().unwrap().to_string();
    let p = plan_ok(&z, SUCCESSOR, Some(CLOSING)).await;
    assert_eq!(p["open_orders"], serde_json::json!([number]), "{p}");
    assert_eq!(p["may_merge"], false);
    let (status, e) = merge(&z, SUCCESSOR, &version(&p), CLOSING, WHY).await;
    assert_eq!(status, 409, "{e}");
    assert!(
        e.to_string().contains(&format!(
            "ein Auftrag der Agentur ({number}) ist noch offen"
        )),
        "{e}"
    );
    assert_eq!(act(&aa, &number, "zurueckziehen", "").await.0, 200);
    assert_eq!(
        plan_ok(&z, SUCCESSOR, Some(CLOSING)).await["may_merge"],
        true
    );
}

both_databases!(
    an_agency_merges_with_the_order_that_moves_its_routing,
    only_the_zentrale_merges_and_what_stands_in_the_way_is_refused,
);
