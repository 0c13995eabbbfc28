use crate::both_databases;
use crate::common::{Backend, Client, TestApp};
use app::on_db;
use serde_json::Value;

pub(crate) const JUSTIFICATION: &str =
    "Umsetzung der Weisung 202509011: Anfrage Eingliederungszuschuss an den AG-S";

pub(crate) async fn mailbox(app: &TestApp, address: &str) -> (String, String) {
    let db = &app.db;
    let (m, a): (i64, i64) = on_db!(db, pool => sqlx::query_as("SELECT id, area_id FROM mailboxes WHERE address = $1")
        .bind(address).fetch_one(pool).await.unwrap());
    (m.to_string(), a.to_string())
}

pub(crate) async fn order(c: &Client, number: &str) -> Value {
    let (status, o) = c.call_json("auftrag", &[("nummer", number)]).await;
    assert_eq!(status, 200, "{o}");
    o
}

pub(crate) fn rev(o: &Value) -> String {
    o["revision"].as_i64().unwrap().to_string()
}

/// Files a draft for Kiel without items through the server function.
pub(crate) async fn file_empty_draft(c: &Client) -> (u16, Value) {
    let form = [
        ("agentur", "kiel"),
        ("begruendung", JUSTIFICATION),
        ("wirksam_ab", "31.12.2099"),
    ];
    c.call_json("auftrag/anlegen", &form).await
}

/// Files a draft for Kiel that restores `version` of an entry, named by its kind's
/// argument: ("eintrag" | "einstellung" | "regel", id).
pub(crate) async fn restoring_draft(
    c: &Client,
    (argument, entry): (&str, i64),
    version: &str,
) -> (u16, Value) {
    let entry = entry.to_string();
    let form = [
        ("agentur", "kiel"),
        ("begruendung", "Rückkehr zu einer früheren Version"),
        ("wirksam_ab", "31.12.2099"),
        (argument, entry.as_str()),
        ("version", version),
    ];
    c.call_json("auftrag/anlegen", &form).await
}

/// Files a draft for Kiel with one item per office given, returns its number.
pub(crate) async fn draft(app: &TestApp, c: &Client, offices: &[(&str, &str)]) -> String {
    let (status, number) = file_empty_draft(c).await;
    assert_eq!(status, 200, "{number}");
    let number = number.as_str().unwrap().to_string();
    assert!(
        number.starts_with("ÄA-") && number.len() == "ÄA-2026-000001".len(),
        "{number}"
    );
    for office in offices {
        add_item(app, c, &number, *office).await;
    }
    number
}

/// Adds (or replaces) the item of `office` to the order, with a fresh extra address so
/// that every order really changes something.
pub(crate) async fn add_item(
    app: &TestApp,
    c: &Client,
    number: &str,
    (office, address): (&str, &str),
) {
    let (m, a) = mailbox(app, address).await;
    let o = order(c, number).await;
    let extra = format!(
        "{address}\nzusatz-{}@arbeitsagentur.de",
        uuid::Uuid::new_v4().simple()
    );
    let (status, e) = c
        .call_json(
            "auftrag/position",
            &[
                ("nummer", number),
                ("revision", &rev(&o)),
                ("dienststelle", office),
                ("anliegen", "ag-egz"),
                ("postfach", &m),
                ("bereich", &a),
                ("adressen", &extra),
            ],
        )
        .await;
    assert_eq!(status, 200, "{e}");
}

pub(crate) async fn act(c: &Client, number: &str, action: &str, reason: &str) -> (u16, Value) {
    let o = order(c, number).await;
    c.call_json(
        "auftrag/aktion",
        &[
            ("nummer", number),
            ("revision", &rev(&o)),
            ("aktion", action),
            ("grund", reason),
        ],
    )
    .await
}

pub(crate) const KIEL: (&str, &str) = ("kiel.kiel", "kiel.arbeitgeber-service@arbeitsagentur.de");
pub(crate) const ECKERNFOERDE: (&str, &str) = (
    "kiel.eckernfoerde",
    "kiel-eckernfoerde.arbeitgeber-service@arbeitsagentur.de",
);

pub(crate) async fn live_version(app: &TestApp, office: &str) -> i64 {
    let db = &app.db;
    on_db!(db, pool => sqlx::query_scalar(
        "SELECT v.version FROM routing_versions v JOIN routing_entries e ON e.id = v.entry_id
         JOIN offices o ON o.id = e.office_id JOIN concerns c ON c.id = e.concern_id
         WHERE o.code = $1 AND c.code = 'ag-egz' AND v.valid_until IS NULL")
        .bind(office).fetch_one(pool).await.unwrap())
}

async fn whole_life_cycle_send_back_resubmit_approve_implement(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let rd = app.signed_in("rd-nord").await;
    let rim = app.signed_in("rim-nord").await;
    let number = draft(&app, &aa, &[KIEL, ECKERNFOERDE]).await;
    let o = order(&aa, &number).await;
    assert_eq!(o["state_code"], "entwurf");
    assert_eq!(o["items"].as_array().unwrap().len(), 2);
    assert!(o["items"][0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["field"] == "Benachrichtigungsadressen"));
    assert_eq!(
        o["allowed_actions"],
        serde_json::json!(["einreichen", "zurueckziehen"])
    );

    // The reviewer cannot act on a draft, the agency cannot approve.
    assert_eq!(act(&rd, &number, "genehmigen", "").await.0, 409);
    assert_eq!(act(&aa, &number, "einreichen", "").await.0, 200);
    let (status, e) = act(&aa, &number, "genehmigen", "").await;
    assert_eq!(status, 403, "{e}");
    // Sending back needs a reason.
    assert_eq!(act(&rd, &number, "zurueckgeben", "").await.0, 422);
    assert_eq!(
        act(
            &rd,
            &number,
            "zurueckgeben",
            "Bitte die Adresse des Teams ergänzen."
        )
        .await
        .0,
        200
    );
    let o = order(&aa, &number).await;
    assert_eq!(
        (o["state_code"].as_str(), o["editable"].as_bool()),
        (Some("zur-ueberarbeitung"), Some(true))
    );
    assert_eq!(
        o["decision_reason"],
        "Bitte die Adresse des Teams ergänzen."
    );
    assert_eq!(act(&aa, &number, "einreichen", "").await.0, 200);
    let o = order(&rd, &number).await;
    assert_eq!(
        o["allowed_actions"],
        serde_json::json!(["genehmigen", "ablehnen", "zurueckgeben"])
    );
    assert_eq!(act(&rd, &number, "genehmigen", "").await.0, 200);
    assert_eq!(
        act(&aa, &number, "zurueckziehen", "").await.0,
        409,
        "no withdrawal after approval"
    );
    assert_eq!(live_version(&app, "kiel.kiel").await, 1);
    let (status, e) = act(&rim, &number, "umsetzen", "").await;
    assert_eq!(status, 200, "{e}");
    assert_eq!(live_version(&app, "kiel.kiel").await, 2);
    assert_eq!(live_version(&app, "kiel.eckernfoerde").await, 2);
    let o = order(&aa, &number).await;
    assert_eq!(o["state_code"], "umgesetzt");
    assert_eq!(o["allowed_actions"], serde_json::json!([]));
    // The history names the order, who filed it and who implemented it.
    let db = &app.db;
    let (entry, filer, implementer): (i64, String, String) = on_db!(db, pool => sqlx::query_as(
        "SELECT e.id, (SELECT display_name FROM users WHERE username = 'aa-kiel'),
                (SELECT display_name FROM users WHERE username = 'rim-nord')
         FROM routing_entries e JOIN offices o ON o.id = e.office_id JOIN concerns c ON c.id = e.concern_id
         WHERE o.code = 'kiel.kiel' AND c.code = 'ag-egz'")
        .fetch_one(pool).await.unwrap());
    let (status, h) = aa
        .call_json("routing/verlauf", &[("eintrag", &entry.to_string())])
        .await;
    assert_eq!(status, 200, "{h}");
    let newest = &h["versions"][0];
    assert_eq!(newest["number"], 2, "{h}");
    assert_eq!(newest["order_number"], number.as_str());
    assert_eq!(newest["author"], filer.as_str());
    assert_eq!(newest["implemented_by"], implementer.as_str());
    assert_eq!(newest["note"], JUSTIFICATION);
    assert_eq!(h["versions"][1]["implemented_by"], Value::Null);

    // Every step left an audit record, with the actor, the request and what changed.
    let records = app::db::audit::recent(&app.db, 200).await.unwrap();
    let order_records: Vec<_> = records
        .iter()
        .filter(|r| r.object == format!("auftrag:{number}"))
        .collect();
    assert!(order_records
        .iter()
        .all(|r| !r.request_id.is_empty() && !r.actor_name.is_empty()));
    let implemented = order_records[0];
    assert_eq!(implemented.actor_name, "rim-nord");
    assert!(
        implemented.detail.contains("Genehmigt → Umgesetzt"),
        "{}",
        implemented.detail
    );
    let sent_back = order_records
        .iter()
        .find(|r| r.action == "auftrag-zurueckgeben")
        .unwrap();
    assert!(
        sent_back
            .detail
            .contains("Eingereicht → Zur Überarbeitung; Grund:"),
        "{}",
        sent_back.detail
    );
    // Each new version has its own record with the values before and after.
    let versions: Vec<_> = records
        .iter()
        .filter(|r| r.action == "version-angelegt" && r.detail.contains(number.as_str()))
        .collect();
    assert_eq!(versions.len(), 2, "one per item");
    for v in &versions {
        assert_eq!(v.request_id, implemented.request_id, "same request");
        assert!(v.object.starts_with("eintrag:kiel."), "{}", v.object);
        assert!(v.detail.contains("Version 1 → 2"), "{}", v.detail);
        assert!(v.detail.contains("vorher Zielpostfach"), "{}", v.detail);
        assert!(
            v.detail.contains("zusatz-"),
            "the new address is named: {}",
            v.detail
        );
    }
    let actions: Vec<String> = order_records
        .iter()
        .map(|r| r.action.clone())
        .rev()
        .collect();
    assert_eq!(
        actions,
        [
            "auftrag-angelegt",
            "position-gespeichert",
            "position-gespeichert",
            "auftrag-einreichen",
            "zugriff", // the agency admin's refused attempt to approve
            "auftrag-zurueckgeben",
            "auftrag-einreichen",
            "auftrag-genehmigen",
            "auftrag-umsetzen",
        ]
    );
}

async fn stale_base_is_refused_for_the_whole_order_and_can_be_refreshed(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let rd = app.signed_in("rd-nord").await;
    let rim = app.signed_in("rim-nord").await;
    let first = draft(&app, &aa, &[KIEL]).await;
    let second = draft(&app, &aa, &[KIEL, ECKERNFOERDE]).await;
    let third = draft(&app, &aa, &[KIEL]).await;
    for n in [&first, &second] {
        assert_eq!(act(&aa, n, "einreichen", "").await.0, 200);
        assert_eq!(act(&rd, n, "genehmigen", "").await.0, 200);
    }
    let o = order(&rd, &second).await;
    assert_eq!(
        o["overlapping"][0][0],
        first.as_str(),
        "the reviewer sees the other open order"
    );
    assert_eq!(act(&rim, &first, "umsetzen", "").await.0, 200);
    let (status, e) = act(&rim, &second, "umsetzen", "").await;
    assert_eq!(status, 409);
    assert!(
        e.to_string()
            .contains("Kiel × Anfrage Eingliederungszuschuss"),
        "{e}"
    );
    // All or nothing: Eckernförde did not move either.
    assert_eq!(live_version(&app, "kiel.eckernfoerde").await, 1);
    let o = order(&aa, &second).await;
    assert_eq!(o["state_code"], "genehmigt");
    let stale: Vec<bool> = o["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["stale"].as_bool().unwrap())
        .collect();
    assert_eq!(stale.iter().filter(|s| **s).count(), 1);

    // A draft that went stale is brought onto the live version by its author.
    let o = order(&aa, &third).await;
    assert_eq!(o["items"][0]["stale"], true);
    let (status, n) = aa
        .call_json(
            "auftrag/aktualisieren",
            &[("nummer", third.as_str()), ("revision", &rev(&o))],
        )
        .await;
    assert_eq!((status, n), (200, serde_json::json!(1)));
    let o = order(&aa, &third).await;
    assert_eq!(o["items"][0]["stale"], false);
    assert_eq!(o["items"][0]["base_version"], 2);

    // The approved order that went stale: RIM cannot refresh it, the author can, and it
    // goes back to the author, because the approval was given against another base.
    let o = order(&rim, &second).await;
    assert_eq!(o["can_refresh"], false);
    let (status, _) = rim
        .call_json(
            "auftrag/aktualisieren",
            &[("nummer", second.as_str()), ("revision", &rev(&o))],
        )
        .await;
    assert_eq!(status, 403);
    let o = order(&aa, &second).await;
    assert_eq!(o["can_refresh"], true);
    let (status, n) = aa
        .call_json(
            "auftrag/aktualisieren",
            &[("nummer", second.as_str()), ("revision", &rev(&o))],
        )
        .await;
    assert_eq!((status, n), (200, serde_json::json!(1)));
    let o = order(&rd, &second).await;
    assert_eq!(o["state_code"], "zur-ueberarbeitung");
    assert_eq!(o["decided_by"], Value::Null);
    assert!(
        o["decision_reason"]
            .as_str()
            .is_some_and(|r| r.contains("Grundlage hat sich nach der Genehmigung geändert")),
        "{o}"
    );
    assert!(o["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["stale"] == false));
    // Refreshed items are reviewed again: no approval until the author resubmits.
    assert_eq!(act(&rd, &second, "genehmigen", "").await.0, 409);
    assert_eq!(act(&aa, &second, "einreichen", "").await.0, 200);
    assert_eq!(act(&rd, &second, "genehmigen", "").await.0, 200);
    let (status, e) = act(&rim, &second, "umsetzen", "").await;
    assert_eq!(status, 200, "{e}");
    assert_eq!(live_version(&app, "kiel.kiel").await, 3);
    assert_eq!(live_version(&app, "kiel.eckernfoerde").await, 2);
}

async fn two_concurrent_approvals_exactly_one_wins_100_times(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let rd1 = app.signed_in("rd-nord").await;
    let rd2 = app.signed_in("rd-nord").await;
    for round in 0..100 {
        let number = draft(&app, &aa, &[KIEL]).await;
        assert_eq!(act(&aa, &number, "einreichen", "").await.0, 200);
        let revision = rev(&order(&rd1, &number).await);
        let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(2));
        let call = |c: &Client, action: &'static str| {
            let args = [
                ("nummer", number.clone()),
                ("revision", revision.clone()),
                ("aktion", action.to_string()),
                ("grund", "Begründung der Entscheidung".to_string()),
            ];
            let http = c.http.clone();
            let url = format!("{}/api/auftrag/aktion", c.base);
            let origin = c.base.clone();
            let barrier = barrier.clone();
            // Both wait at the barrier, then send: each returns when it was sent and
            // when its answer was read, to show the two were in flight together.
            tokio::spawn(async move {
                barrier.wait().await;
                let sent = std::time::Instant::now();
                let res = http
                    .post(url)
                    .header("origin", origin)
                    .form(&args)
                    .send()
                    .await
                    .unwrap();
                let answer = (res.status().as_u16(), res.text().await.unwrap());
                (answer, sent, std::time::Instant::now())
            })
        };
        let (a, b) = (call(&rd1, "genehmigen"), call(&rd2, "ablehnen"));
        let ((a, a_sent, a_done), (b, b_sent, b_done)) = (a.await.unwrap(), b.await.unwrap());
        assert!(
            a_sent < b_done && b_sent < a_done,
            "round {round}: the two decisions did not overlap"
        );
        let mut statuses = [a.0, b.0];
        statuses.sort();
        assert_eq!(statuses, [200, 409], "round {round}: {a:?} {b:?}");
        // rd1 approves, rd2 rejects: the loser's message, the winner's state.
        let (loser, winning_state) = if a.0 == 409 {
            (&a.1, "abgelehnt")
        } else {
            (&b.1, "genehmigt")
        };
        assert!(
            loser.contains("bereits von Prüfung RD Nord entschieden"),
            "round {round}: {loser}"
        );
        // Exactly the winner's decision is recorded, once.
        let o = order(&aa, &number).await;
        assert_eq!(o["state_code"], winning_state, "round {round}");
        let decisions = app::db::audit::recent(&app.db, 20)
            .await
            .unwrap()
            .into_iter()
            .filter(|r| {
                r.object == format!("auftrag:{number}")
                    && matches!(r.action.as_str(), "auftrag-genehmigen" | "auftrag-ablehnen")
            })
            .count();
        assert_eq!(decisions, 1, "round {round}");
        // withdraw the draft-like leftovers so entries stay unburdened
        let _ = act(&aa, &number, "zurueckziehen", "").await;
    }
}

async fn concurrent_implementations_on_one_entry_one_succeeds(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let rd = app.signed_in("rd-nord").await;
    let rim1 = app.signed_in("rim-nord").await;
    let rim2 = app.signed_in("rim-nord").await;
    for _ in 0..10 {
        let a = draft(&app, &aa, &[KIEL]).await;
        let b = draft(&app, &aa, &[KIEL]).await;
        for n in [&a, &b] {
            act(&aa, n, "einreichen", "").await;
            act(&rd, n, "genehmigen", "").await;
        }
        let before = live_version(&app, "kiel.kiel").await;
        let (ra, rb) = tokio::join!(
            act(&rim1, &a, "umsetzen", ""),
            act(&rim2, &b, "umsetzen", "")
        );
        let mut statuses = [ra.0, rb.0];
        statuses.sort();
        assert_eq!(statuses, [200, 409], "{ra:?} {rb:?}");
        assert_eq!(live_version(&app, "kiel.kiel").await, before + 1);
    }
}

async fn other_agencies_can_neither_read_nor_change_orders(backend: Backend) {
    let app = TestApp::start(backend).await;
    let kiel = app.signed_in("aa-kiel").await;
    let muenchen = app.signed_in("aa-muenchen").await;
    let rd_bayern = app.signed_in("rd-bayern").await;
    let number = draft(&app, &kiel, &[KIEL]).await;
    assert_eq!(
        muenchen
            .call_json("auftrag", &[("nummer", &number)])
            .await
            .0,
        403
    );
    let o = order(&kiel, &number).await;
    let (m, a) = mailbox(&app, KIEL.1).await;
    let args = [
        ("nummer", number.as_str()),
        ("revision", &rev(&o)),
        ("dienststelle", "kiel.plon"),
        ("anliegen", "ag-egz"),
        ("postfach", &m),
        ("bereich", &a),
        ("adressen", "x@arbeitsagentur.de"),
    ];
    assert_eq!(muenchen.call_json("auftrag/position", &args).await.0, 403);
    // Every other server function on the draft refuses München too, while it is a draft
    // (so a refusal is about scope, not state), and nothing changes.
    let item_id = o["items"][0]["id"].as_i64().unwrap().to_string();
    let revision = rev(&o);
    let calls: [(&str, Vec<(&str, &str)>); 4] = [
        (
            "auftrag/angaben",
            vec![
                ("nummer", number.as_str()),
                ("revision", revision.as_str()),
                ("begruendung", JUSTIFICATION),
                ("wirksam_ab", "30.12.2099"),
            ],
        ),
        (
            "auftrag/position-entfernen",
            vec![
                ("nummer", number.as_str()),
                ("revision", revision.as_str()),
                ("position", item_id.as_str()),
            ],
        ),
        (
            "auftrag/aktualisieren",
            vec![("nummer", number.as_str()), ("revision", revision.as_str())],
        ),
        ("auftrag/auswahl", vec![("nummer", number.as_str())]),
    ];
    for (endpoint, args) in &calls {
        let (status, body) = muenchen.call_json(endpoint, args).await;
        assert_eq!(status, 403, "{endpoint}: {body}");
        assert!(
            !body.to_string().contains("kiel"),
            "{endpoint} leaks: {body}"
        );
    }
    let unchanged = order(&kiel, &number).await;
    assert_eq!(unchanged["revision"], o["revision"]);
    assert_eq!(unchanged["items"].as_array().unwrap().len(), 1);
    // Nor do München's lists or forms show or restore Kiel's orders and entries.
    let (status, list) = muenchen
        .call_json("auftraege", &[("status", "entwurf")])
        .await;
    assert_eq!(status, 200, "{list}");
    assert!(!list.to_string().contains(&number), "{list}");
    let db = &app.db;
    let kiel_entry: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT e.id FROM routing_entries e JOIN offices o ON o.id = e.office_id WHERE o.code = 'kiel.kiel' LIMIT 1")
        .fetch_one(pool).await.unwrap());
    let (status, form) = muenchen
        .call_json(
            "auftrag/formular",
            &[("eintrag", &kiel_entry.to_string()), ("version", "1")],
        )
        .await;
    assert!(matches!(status, 403 | 404), "{status}: {form}");
    assert_eq!(
        muenchen
            .call_json(
                "auftrag/aktion",
                &[
                    ("nummer", number.as_str()),
                    ("revision", &rev(&o)),
                    ("aktion", "einreichen")
                ]
            )
            .await
            .0,
        403
    );
    assert_eq!(act(&kiel, &number, "einreichen", "").await.0, 200);
    let o = order(&kiel, &number).await;
    assert_eq!(
        rd_bayern
            .call_json(
                "auftrag/aktion",
                &[
                    ("nummer", number.as_str()),
                    ("revision", &rev(&o)),
                    ("aktion", "genehmigen")
                ]
            )
            .await
            .0,
        403
    );
    // München cannot file for Kiel either.
    assert_eq!(
        muenchen
            .call_json(
                "auftrag/anlegen",
                &[
                    ("agentur", "kiel"),
                    ("begruendung", JUSTIFICATION),
                    ("wirksam_ab", "31.12.2099")
                ]
            )
            .await
            .0,
        403
    );
}

async fn item_rules_are_checked_on_the_server(backend: Backend) {
    let app = TestApp::start(backend).await;
    let c = app.signed_in("aa-kiel").await;
    let number = draft(&app, &c, &[]).await;
    let o = order(&c, &number).await;
    let (m, a) = mailbox(&app, KIEL.1).await;
    let (m_muc, a_muc) = mailbox(&app, "muenchen.arbeitgeber-service@arbeitsagentur.de").await;
    let (_, ez_area) = mailbox(&app, "kiel.eingangszone@arbeitsagentur.de").await;
    // Plön is a sibling Geschäftsstelle of Eckernförde; Liegenschaft mailboxes never route.
    let (m_ploen, a_ploen) =
        mailbox(&app, "kiel-ploen.arbeitgeber-service@arbeitsagentur.de").await;
    let (m_building, a_building) = mailbox(&app, "kiel.liegenschaft@arbeitsagentur.de").await;
    let r = rev(&o);
    let item = |office: &'static str, mb: String, area: String, addr: &'static str| {
        vec![
            ("nummer", number.clone()),
            ("revision", r.clone()),
            ("dienststelle", office.to_string()),
            ("anliegen", "ag-egz".to_string()),
            ("postfach", mb),
            ("bereich", area),
            ("adressen", addr.to_string()),
        ]
    };
    let cases = [
        (
            item(
                "muenchen.muenchen",
                m.clone(),
                a.clone(),
                "a@arbeitsagentur.de",
            ),
            "dienststelle",
        ),
        (
            item("kiel.kiel", m_muc, a_muc, "a@arbeitsagentur.de"),
            "postfach",
        ),
        (
            item("kiel.eckernfoerde", m_ploen, a_ploen, "a@arbeitsagentur.de"),
            "postfach",
        ),
        (
            item("kiel.kiel", m_building, a_building, "a@arbeitsagentur.de"),
            "postfach",
        ),
        (
            item("kiel.kiel", m.clone(), ez_area, "a@arbeitsagentur.de"),
            "bereich",
        ),
        (
            item("kiel.kiel", m.clone(), a.clone(), "a@gmail.com"),
            "adressen",
        ),
        (item("kiel.kiel", m.clone(), a.clone(), ""), "adressen"),
        (
            item(
                "kiel.kiel",
                m.clone(),
                a.clone(),
                "a@arbeitsagentur.de\nA@arbeitsagentur.de",
            ),
            "adressen",
        ),
    ];
    for (args, field) in cases {
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (status, e) = c.call_json("auftrag/position", &args).await;
        assert_eq!(status, 422, "{args:?}: {e}");
        assert_eq!(e["Validation"][0]["field"], field, "{args:?}: {e}");
    }
    // An empty order cannot be submitted; a stale revision is refused.
    assert_eq!(act(&c, &number, "einreichen", "").await.0, 409);
    // The Hauptagentur's mailbox serves a Geschäftsstelle; a draft whose effective date
    // has passed while it waited is not submitted.
    let args = item(
        "kiel.eckernfoerde",
        m.clone(),
        a.clone(),
        "a@arbeitsagentur.de",
    );
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, e) = c.call_json("auftrag/position", &args).await;
    assert_eq!(status, 200, "{e}");
    let db = &app.db;
    let past = time::macros::date!(2000 - 01 - 01);
    on_db!(db, pool => {
        sqlx::query("UPDATE orders SET effective_date = $1 WHERE number = $2")
            .bind(past).bind(&number).execute(pool).await.unwrap();
    });
    let (status, e) = act(&c, &number, "einreichen", "").await;
    assert_eq!(status, 409, "{e}");
    assert!(e.to_string().contains("nicht in der Vergangenheit"), "{e}");
    let (status, e) = c
        .call_json(
            "auftrag/aktion",
            &[
                ("nummer", number.as_str()),
                ("revision", "0"),
                ("aktion", "zurueckziehen"),
            ],
        )
        .await;
    assert_eq!(status, 409, "{e}");
    let (status, e) = c
        .call_json(
            "auftrag/anlegen",
            &[
                ("agentur", "kiel"),
                ("begruendung", "kurz"),
                ("wirksam_ab", "01.01.2000"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        crate::common::invalid_fields(&e),
        ["begruendung", "wirksam_ab"]
    );
}

/// The number comes from the database's id in the insert itself, by the same rule as
/// `order_number`, also past six digits.
async fn order_numbers_come_from_the_database_id(backend: Backend) {
    let app = TestApp::start(backend).await;
    let c = app.signed_in("aa-kiel").await;
    let db = &app.db;
    let year = app::domain::calendar::today_berlin(time::OffsetDateTime::now_utc()).year();
    let number = draft(&app, &c, &[]).await;
    let id: i64 = on_db!(db, pool => sqlx::query_scalar("SELECT id FROM orders WHERE number = $1")
        .bind(&number).fetch_one(pool).await.unwrap());
    assert_eq!(number, app::domain::order::order_number(year, id));
    // Move the next id to 1 000 000 the way each database counts.
    match db {
        app::db::Db::Sqlite(pool) => sqlx::query("UPDATE orders SET id = 999999 WHERE id = $1")
            .bind(id)
            .execute(pool)
            .await
            .map(drop),
        app::db::Db::Postgres(pool) => {
            sqlx::query("SELECT setval(pg_get_serial_sequence('orders', 'id'), 999999)")
                .execute(pool)
                .await
                .map(drop)
        }
    }
    .unwrap();
    let (status, next) = file_empty_draft(&c).await;
    assert_eq!(status, 200, "{next}");
    assert_eq!(next, format!("ÄA-{year}-1000000").as_str());
}

both_databases!(
    order_numbers_come_from_the_database_id,
    whole_life_cycle_send_back_resubmit_approve_implement,
    stale_base_is_refused_for_the_whole_order_and_can_be_refreshed,
    two_concurrent_approvals_exactly_one_wins_100_times,
    concurrent_implementations_on_one_entry_one_succeeds,
    other_agencies_can_neither_read_nor_change_orders,
    item_rules_are_checked_on_the_server,
);
