//! The third configuration kind, the eAkte-Regelwerk (Weisung 202505010, 1): every
//! agency's rules for Aktentyp 1001 Alg, versioned like routing, shown live and at a
//! date next to the routing, each with its history.

use crate::both_databases;
use crate::common::{Backend, Client, TestApp};
use crate::orders::{act, draft, file_empty_draft, order, rev, KIEL};
use app::on_db;
use serde_json::Value;

both_databases!(
    every_agency_has_its_rule_set_for_1001_alg,
    the_agency_shows_its_eakte_rules_at_a_date_with_their_history,
    eakte_rule_versions_are_immutable_in_the_database,
    kiel_files_an_eakte_change_with_its_rim_and_rim_implements_it,
    an_order_with_routing_and_eakte_items_is_reviewed_and_a_stale_rule_is_refused,
    the_eakte_obligation_is_due_per_agency_and_follows_a_prefilled_order,
    the_zentrale_sets_the_umstellungstermin_per_agency_or_for_all,
);

async fn set_switchover(c: &Client, agency: Option<&str>, date: &str) -> (u16, Value) {
    let mut form = vec![("nummer", "202505010"), ("datum", date)];
    if let Some(a) = agency {
        form.push(("agentur", a));
    }
    c.call_json("weisung/umstellungstermin", &form).await
}

async fn the_zentrale_sets_the_umstellungstermin_per_agency_or_for_all(backend: Backend) {
    let app = TestApp::start(backend).await;
    let zentrale = app.signed_in("zentrale").await;
    let aa = app.signed_in("aa-kiel").await;
    let rd = app.signed_in("rd-nord").await;
    // Only the Zentrale; a wrong date is named on its field; only where a deadline
    // depends on it.
    assert_eq!(set_switchover(&aa, Some("kiel"), "01.09.2025").await.0, 403);
    assert_eq!(set_switchover(&rd, None, "01.09.2025").await.0, 403);
    let (status, e) = set_switchover(&zentrale, Some("kiel"), "31.02.2025").await;
    assert_eq!(status, 422, "{e}");
    assert_eq!(e["Validation"][0]["field"], "datum");
    assert_eq!(
        set_switchover(&zentrale, Some("gibt-es-nicht"), "01.09.2025")
            .await
            .0,
        404
    );
    let (status, e) = zentrale
        .call_json(
            "weisung/umstellungstermin",
            &[("nummer", "202509011"), ("datum", "01.09.2025")],
        )
        .await;
    assert_eq!(status, 409, "{e}");

    let (status, e) = set_switchover(&zentrale, Some("kiel"), "01.09.2025").await;
    assert_eq!(status, 200, "{e}");
    let kiel = eakte_section(&aa, "kiel").await;
    assert_eq!(kiel["agency_due"]["switchover"], "01.09.2025");
    assert_eq!(kiel["agency_due"]["due"], "18.08.2025");
    assert_eq!(kiel["can_set_switchover"], false, "not for the agency");
    assert_eq!(
        eakte_section(&zentrale, "kiel").await["can_set_switchover"],
        true
    );
    let audit = app::db::audit::recent(&app.db, 3).await.unwrap();
    assert!(
        audit.iter().any(|a| a.action == "umstellungstermin-gesetzt"
            && a.object == "weisung:202505010"
            && a.detail
                == "Umstellungstermin der Agentur für Arbeit Kiel: 16.06.2025 → 01.09.2025"),
        "{audit:?}"
    );

    // For every agency at once.
    let (status, e) = set_switchover(&zentrale, None, "15.03.2026").await;
    assert_eq!(status, 200, "{e}");
    for agency in ["kiel", "muenchen", "hamburg"] {
        assert_eq!(
            eakte_section(&zentrale, agency).await["agency_due"]["due"],
            "01.03.2026",
            "{agency}"
        );
    }
    let audit = app::db::audit::recent(&app.db, 3).await.unwrap();
    assert!(
        audit.iter().any(|a| a.action == "umstellungstermin-gesetzt"
            && a.detail.starts_with("Umstellungstermin aller Agenturen (")),
        "{audit:?}"
    );
}

const CLAIM: &str = "Antrag auf Arbeitslosengeld";

pub(crate) async fn set_postkorb(
    c: &Client,
    number: &str,
    entry: i64,
    postkorb: &str,
) -> (u16, Value) {
    let o = order(c, number).await;
    c.call_json(
        "auftrag/eakte-regel",
        &[
            ("nummer", number),
            ("revision", &rev(&o)),
            ("regel", &entry.to_string()),
            ("postkorb", postkorb),
        ],
    )
    .await
}

/// The id of a Postkorb by its name.
pub async fn postkorb(app: &TestApp, name: &str) -> String {
    let db = &app.db;
    let id: i64 = on_db!(db, pool => sqlx::query_scalar("SELECT id FROM postkoerbe WHERE name = $1")
        .bind(name).fetch_one(pool).await.unwrap());
    id.to_string()
}

fn field_message(e: &Value, field: &str) -> String {
    assert_eq!(e["Validation"][0]["field"], field, "{e}");
    e["Validation"][0]["message"].as_str().unwrap().to_string()
}

async fn kiel_files_an_eakte_change_with_its_rim_and_rim_implements_it(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let rim = app.signed_in("rim-nord").await;
    let (entry, version) = rule(&app, "kiel", CLAIM, "online").await;
    assert_eq!(version, 1);
    let (status, number) = file_empty_draft(&aa).await;
    assert_eq!(status, 200, "{number}");
    let number = number.as_str().unwrap().to_string();

    // The choices: Kiel's 28 rules and Kiel's Postkörbe, none of München's.
    let (status, choices) = aa
        .call_json("auftrag/eakte-auswahl", &[("nummer", &number)])
        .await;
    assert_eq!(status, 200, "{choices}");
    assert_eq!(choices["rules"].as_array().unwrap().len(), 28);
    let postkoerbe = choices["postkoerbe"].to_string();
    assert!(
        postkoerbe.contains("Postkorb EZ Kiel (Eingangszone, Kiel)"),
        "{postkoerbe}"
    );
    assert!(!postkoerbe.contains("München"));

    // Refused: a Postkorb of another agency, no change, a rule of another agency.
    let munich_ez = postkorb(&app, "Postkorb EZ München").await;
    let (status, e) = set_postkorb(&aa, &number, entry, &munich_ez).await;
    assert_eq!(status, 422, "{e}");
    assert!(field_message(&e, "postkorb").contains("anderen Agentur"));
    let kiel_lg = postkorb(&app, "Postkorb LG Kiel").await;
    let (status, e) = set_postkorb(&aa, &number, entry, &kiel_lg).await;
    assert_eq!(status, 422, "{e}");
    assert!(field_message(&e, "postkorb").contains("würde nichts ändern"));
    let (munich_rule, _) = rule(&app, "muenchen", CLAIM, "online").await;
    let kiel_ez = postkorb(&app, "Postkorb EZ Kiel").await;
    let (status, e) = set_postkorb(&aa, &number, munich_rule, &kiel_ez).await;
    assert_eq!(status, 422, "{e}");
    assert!(field_message(&e, "regel").contains("Regel der Agentur"));
    assert_eq!(
        set_postkorb(&aa, &number, entry, "kein-postkorb").await.0,
        422
    );
    // München may not touch Kiel's draft.
    let muenchen = app.signed_in("aa-muenchen").await;
    let revision = rev(&order(&aa, &number).await);
    let form = [
        ("nummer", number.as_str()),
        ("revision", &revision),
        ("regel", &entry.to_string()),
        ("postkorb", &kiel_ez),
    ];
    assert_eq!(
        muenchen.call_json("auftrag/eakte-regel", &form).await.0,
        403
    );
    assert_eq!(
        muenchen
            .call_json("auftrag/eakte-auswahl", &[("nummer", &number)])
            .await
            .0,
        403
    );

    let (status, e) = set_postkorb(&aa, &number, entry, &kiel_ez).await;
    assert_eq!(status, 200, "{e}");
    let o = order(&aa, &number).await;
    let item = &o["eakte"][0];
    assert_eq!(
        item["subject"],
        format!("1001 Alg · {CLAIM} · Online-Dokument")
    );
    assert_eq!(
        (item["before"].as_str(), item["after"].as_str()),
        (Some("Postkorb LG Kiel"), Some("Postkorb EZ Kiel"))
    );

    // The directive names no RD review: RIM implements what the agency filed.
    assert_eq!(act(&aa, &number, "einreichen", "").await.0, 200);
    let o = order(&rim, &number).await;
    assert_eq!(o["review"], "ohne RD-Prüfung, direkt zur Umsetzung");
    let (status, e) = act(&rim, &number, "umsetzen", "").await;
    assert_eq!(status, 200, "{e}");
    assert_eq!(rule(&app, "kiel", CLAIM, "online").await, (entry, 2));
    let audit = app::db::audit::recent(&app.db, 5).await.unwrap();
    assert!(
        audit.iter().any(|a| a.action == "version-angelegt"
            && a.object == format!("eakte-regel:{entry}")
            && a.detail
                .contains("vorher Postkorb LG Kiel, nachher Postkorb EZ Kiel")),
        "{audit:?}"
    );
    let (status, h) = aa
        .call_json("eakte-regel", &[("eintrag", &entry.to_string())])
        .await;
    assert_eq!(status, 200, "{h}");
    assert_eq!(h["versions"][0]["order"], number.as_str());
    assert_eq!(h["versions"][0]["postkorb"], "Postkorb EZ Kiel (Kiel)");
    assert!(h["versions"][0]["by"]
        .as_str()
        .unwrap()
        .contains("umgesetzt von"));
    let rules = agency_rules(&aa, "kiel", "").await;
    assert_eq!(
        postkorb_of(&rules, CLAIM, "Online-Dokument"),
        "Postkorb EZ Kiel"
    );

    // An item that was saved can be removed again.
    let (status, second) = file_empty_draft(&aa).await;
    assert_eq!(status, 200);
    let second = second.as_str().unwrap().to_string();
    let (paper, _) = rule(&app, "kiel", CLAIM, "papier").await;
    assert_eq!(set_postkorb(&aa, &second, paper, &kiel_ez).await.0, 200);
    let o = order(&aa, &second).await;
    let id = o["eakte"][0]["id"].as_i64().unwrap().to_string();
    let form = [
        ("nummer", second.as_str()),
        ("revision", &rev(&o)),
        ("art", "eakte-regelwerk"),
        ("position", &id),
    ];
    let (status, e) = aa.call_json("auftrag/art-position-entfernen", &form).await;
    assert_eq!(status, 200, "{e}");
    assert_eq!(order(&aa, &second).await["eakte"], serde_json::json!([]));
}

async fn an_order_with_routing_and_eakte_items_is_reviewed_and_a_stale_rule_is_refused(
    backend: Backend,
) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let rd = app.signed_in("rd-nord").await;
    let rim = app.signed_in("rim-nord").await;
    let (entry, _) = rule(&app, "kiel", "Widerspruch", "online").await;
    let kiel_ez = postkorb(&app, "Postkorb EZ Kiel").await;
    // Routing needs the RD, so the whole order does.
    let mixed = draft(&app, &aa, &[KIEL]).await;
    assert_eq!(set_postkorb(&aa, &mixed, entry, &kiel_ez).await.0, 200);
    assert_eq!(act(&aa, &mixed, "einreichen", "").await.0, 200);
    assert_eq!(
        order(&rd, &mixed).await["review"],
        "mit Prüfung durch die Regionaldirektion"
    );
    assert_eq!(act(&rim, &mixed, "umsetzen", "").await.0, 409);
    assert_eq!(act(&rd, &mixed, "genehmigen", "").await.0, 200);

    // A second order changes the same rule and is implemented first.
    let (_, other) = file_empty_draft(&aa).await;
    let other = other.as_str().unwrap().to_string();
    let kiel_os = postkorb(&app, "Postkorb OS Kiel").await;
    assert_eq!(set_postkorb(&aa, &other, entry, &kiel_os).await.0, 200);
    assert!(order(&aa, &other).await["overlapping"]
        .to_string()
        .contains(&mixed));
    assert_eq!(act(&aa, &other, "einreichen", "").await.0, 200);
    assert_eq!(act(&rim, &other, "umsetzen", "").await.0, 200);

    // All or nothing: the stale rule holds the routing item back too.
    let (status, e) = act(&rim, &mixed, "umsetzen", "").await;
    assert_eq!(status, 409, "{e}");
    assert!(
        e.to_string()
            .contains("eAkte-Regel 1001 Alg · Widerspruch · Online-Dokument"),
        "{e}"
    );
    assert_eq!(crate::orders::live_version(&app, KIEL.0).await, 1);
    let o = order(&aa, &mixed).await;
    assert_eq!(o["eakte"][0]["stale"], true);
    assert_eq!(o["eakte"][0]["before"], "Postkorb OS Kiel");
    // Refreshing keeps the item (it still changes the rule), on the live version.
    let (status, e) = aa
        .call_json(
            "auftrag/aktualisieren",
            &[("nummer", &mixed), ("revision", &rev(&o))],
        )
        .await;
    assert_eq!(status, 200, "{e}");
    let o = order(&aa, &mixed).await;
    assert_eq!(o["eakte"][0]["stale"], false);
    assert_eq!(o["eakte"][0]["base_version"], 2);
    assert_eq!(o["state_code"], "zur-ueberarbeitung");
    assert_eq!(act(&aa, &mixed, "einreichen", "").await.0, 200);
    assert_eq!(act(&rd, &mixed, "genehmigen", "").await.0, 200);
    assert_eq!(act(&rim, &mixed, "umsetzen", "").await.0, 200);
    assert_eq!(
        rule(&app, "kiel", "Widerspruch", "online").await,
        (entry, 3)
    );
    assert_eq!(crate::orders::live_version(&app, KIEL.0).await, 2);
}

/// (entry id, version) of an agency's live rule for a Dokumenttyp and Dokumentart.
pub async fn rule(app: &TestApp, agency: &str, document_type: &str, kind: &str) -> (i64, i64) {
    let db = &app.db;
    on_db!(db, pool => sqlx::query_as(
        "SELECT e.id, v.version FROM eakte_rule_entries e
         JOIN agencies a ON a.id = e.agency_id
         JOIN eakte_document_types dt ON dt.id = e.document_type_id
         JOIN eakte_rule_versions v ON v.entry_id = e.id AND v.valid_until IS NULL
         WHERE a.code = $1 AND dt.name = $2 AND e.document_kind = $3")
        .bind(agency).bind(document_type).bind(kind).fetch_one(pool).await.unwrap())
}

async fn agency_rules(c: &Client, agency: &str, stand: &str) -> Vec<Value> {
    let mut form = vec![("code", agency)];
    if !stand.is_empty() {
        form.push(("stand", stand));
    }
    let (status, r) = c.call_json("routing/agentur", &form).await;
    assert_eq!(status, 200, "{r}");
    r["eakte_rules"].as_array().unwrap().clone()
}

fn postkorb_of(rows: &[Value], document_type: &str, kind: &str) -> String {
    rows.iter()
        .find(|r| r["document_type"] == document_type && r["document_kind"] == kind)
        .unwrap_or_else(|| panic!("{document_type}/{kind} in {rows:?}"))["postkorb"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn every_agency_has_its_rule_set_for_1001_alg(backend: Backend) {
    let app = TestApp::start(backend).await;
    let db = &app.db;
    let (agencies, document_types, rules, without_live): (i64, i64, i64, i64) = on_db!(db, pool => sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM agencies),
                (SELECT COUNT(*) FROM eakte_document_types WHERE file_type = '1001'),
                (SELECT COUNT(*) FROM eakte_rule_entries),
                (SELECT COUNT(*) FROM eakte_rule_entries e WHERE NOT EXISTS (
                    SELECT 1 FROM eakte_rule_versions v WHERE v.entry_id = e.id AND v.valid_until IS NULL))")
        .fetch_one(pool).await.unwrap());
    assert!((10..=20).contains(&document_types), "{document_types}");
    // Every Dokumenttyp as Online- and as Papierdokument, in every agency, each live.
    assert_eq!(rules, agencies * document_types * 2);
    assert_eq!(without_live, 0);
    // Every rule sends to a Postkorb of its own agency.
    let foreign: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM eakte_rule_versions v JOIN eakte_rule_entries e ON e.id = v.entry_id
         JOIN postkoerbe p ON p.id = v.postkorb_id JOIN offices o ON o.id = p.office_id
         WHERE o.agency_id <> e.agency_id").fetch_one(pool).await.unwrap());
    assert_eq!(foreign, 0);
}

async fn the_agency_shows_its_eakte_rules_at_a_date_with_their_history(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let zentrale = app.signed_in("zentrale").await;
    let claim = "Antrag auf Arbeitslosengeld";

    // Kiel: online documents still land in the Leistungsgewährung.
    let kiel = agency_rules(&aa, "kiel", "").await;
    assert_eq!(
        postkorb_of(&kiel, claim, "Online-Dokument"),
        "Postkorb LG Kiel"
    );
    assert_eq!(
        postkorb_of(&kiel, claim, "Papierdokument"),
        "Postkorb LG Kiel"
    );
    assert!(kiel.iter().all(|r| r["file_type"] == "1001 Alg"));

    // München moved its online documents to the Eingangszone on 02.06.2025.
    let before = agency_rules(&zentrale, "muenchen", "01.06.2025").await;
    assert_eq!(
        postkorb_of(&before, claim, "Online-Dokument"),
        "Postkorb LG München"
    );
    let after = agency_rules(&zentrale, "muenchen", "03.06.2025").await;
    assert_eq!(
        postkorb_of(&after, claim, "Online-Dokument"),
        "Postkorb EZ München"
    );
    assert_eq!(
        postkorb_of(&after, claim, "Papierdokument"),
        "Postkorb LG München"
    );
    // Before the tool knew the rules, there are none.
    assert!(agency_rules(&zentrale, "muenchen", "01.12.2024")
        .await
        .is_empty());

    let (entry, version) = rule(&app, "muenchen", claim, "online").await;
    assert_eq!(version, 2);
    let (status, h) = zentrale
        .call_json("eakte-regel", &[("eintrag", &entry.to_string())])
        .await;
    assert_eq!(status, 200, "{h}");
    assert_eq!(h["rule"], format!("1001 Alg · {claim} · Online-Dokument"));
    let versions = h["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0]["version"], 2);
    assert_eq!(versions[0]["valid_until"], Value::Null);
    assert_eq!(versions[0]["postkorb"], "Postkorb EZ München (München)");
    assert_eq!(versions[1]["valid_until"], "02.06.2025 10:00");

    // Kiel sees neither München's history nor its rules.
    let (status, _) = aa
        .call_json("eakte-regel", &[("eintrag", &entry.to_string())])
        .await;
    assert_eq!(status, 403);
    let (status, _) = aa
        .call_json("routing/agentur", &[("code", "muenchen")])
        .await;
    assert_eq!(status, 403);
    // The page renders the section with its links.
    let page = aa.get("/routing/agentur/kiel").await.text().await.unwrap();
    assert!(
        page.contains(r#"<h2 id="eakte-regelwerk">eAkte-Regelwerk</h2>"#),
        "{page}"
    );
    assert!(page.contains("/eakte-regel/"));
}

async fn eakte_rule_versions_are_immutable_in_the_database(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (entry, _) = rule(&app, "kiel", "Widerspruch", "online").await;
    let db = &app.db;
    let changed = on_db!(db, pool => sqlx::query(
        "UPDATE eakte_rule_versions SET postkorb_id = postkorb_id + 1 WHERE entry_id = $1")
        .bind(entry).execute(pool).await.map(|_| ()));
    assert!(changed.is_err(), "a version's Postkorb was changed");
    let deleted = on_db!(db, pool => sqlx::query("DELETE FROM eakte_rule_versions WHERE entry_id = $1")
        .bind(entry).execute(pool).await.map(|_| ()));
    assert!(deleted.is_err(), "a version was deleted");
    let second_live = on_db!(db, pool => sqlx::query(
        "INSERT INTO eakte_rule_versions (entry_id, version, postkorb_id, valid_from, valid_until, order_id, author_id, note)
         SELECT entry_id, 2, postkorb_id, valid_from, NULL, NULL, NULL, 'zweite' FROM eakte_rule_versions WHERE entry_id = $1")
        .bind(entry).execute(pool).await.map(|_| ()));
    assert!(second_live.is_err(), "a second live version was written");
}

async fn eakte_section(c: &Client, agency: &str) -> Value {
    let mut form = vec![("nummer", "202505010")];
    if !agency.is_empty() {
        form.push(("agentur", agency));
    }
    let (status, d) = c.call_json("weisung", &form).await;
    assert_eq!(status, 200, "{d}");
    d["eakte"].clone()
}

fn statuses(section: &Value) -> Vec<String> {
    section["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status_code"].as_str().unwrap().to_string())
        .collect()
}

/// Weisung 202505010, task 1: every agency's online rules of 1001 Alg to its EZ Postkorb,
/// 2 weeks before the agency's own Umstellungstermin. RD Bayern is done in time, Kiel is
/// overdue; with a later Umstellungstermin Kiel is open, its pre-filled order is on its way
/// once submitted, and RIM's implementation makes the obligation "erfüllt".
async fn the_eakte_obligation_is_due_per_agency_and_follows_a_prefilled_order(backend: Backend) {
    let app = TestApp::start(backend).await;
    let zentrale = app.signed_in("zentrale").await;
    let aa = app.signed_in("aa-kiel").await;
    let rim = app.signed_in("rim-nord").await;

    let all = eakte_section(&zentrale, "").await;
    assert_eq!(
        all["rule"],
        "Aktentyp „1001 Alg“, Dokumentart „Online-Dokument“: Ziel-Postkorb der „Eingangszone“, spätestens 2 Wochen vor dem Umstellungstermin der Agentur"
    );
    assert_eq!(all["agency_due"], Value::Null, "each agency has its own");
    let groups = all["groups"].to_string();
    assert!(groups.contains(r#""code":"bayern""#), "{groups}");
    let status_of = |code: &str| {
        all["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["code"] == code)
            .unwrap()["tally"]["status_code"]
            .clone()
    };
    assert_eq!(status_of("bayern"), "erfuellt");
    assert_eq!(status_of("nord"), "ueberfaellig");

    // München: Umstellungstermin 30.06.2025, due 16.06.2025, done on 02.06.2025.
    let munich = eakte_section(&zentrale, "muenchen").await;
    assert_eq!(munich["agency_due"]["due"], "16.06.2025");
    assert_eq!(munich["agency_due"]["switchover"], "30.06.2025");
    assert!(statuses(&munich).iter().all(|s| s == "erfuellt"));
    // Kiel: Umstellungstermin 16.06.2025, due 02.06.2025, not done.
    let kiel = eakte_section(&aa, "kiel").await;
    assert_eq!(kiel["agency_due"]["due"], "02.06.2025");
    assert_eq!(kiel["agency_due"]["due_passed"], true);
    assert_eq!(kiel["rules"].as_array().unwrap().len(), 14);
    assert!(statuses(&kiel).iter().all(|s| s == "ueberfaellig"));
    assert_eq!(kiel["can_prefill"], true);
    assert_eq!(kiel["rules"][0]["live"], "Postkorb LG Kiel");

    // The start page shows what is open and one pre-filled order per obligation.
    let (_, start) = aa.call_json("start", &[]).await;
    let panel = start["agency_directives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["summary"]["number"] == "202505010")
        .unwrap_or_else(|| panic!("202505010 on {start}"))
        .clone();
    assert_eq!(
        panel["summary"]["counted"],
        "Dienststellen, Postfächer und eAkte-Regeln"
    );
    let open = panel["open_other"].to_string();
    assert!(
        open.contains(&format!("eAkte-Regel 1001 Alg · {CLAIM} · Online-Dokument")),
        "{open}"
    );
    assert!(
        open.contains("kiel.team-eingangszone@arbeitsagentur.de"),
        "{open}"
    );
    let hrefs: Vec<&str> = panel["prefills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["href"].as_str().unwrap())
        .collect();
    assert_eq!(
        hrefs,
        [
            "/auftraege/neu?weisung=202505010&agentur=kiel&pflicht=weiterleitung",
            "/auftraege/neu?weisung=202505010&agentur=kiel&pflicht=e-mail-kommunikation",
            "/auftraege/neu?weisung=202505010&agentur=kiel&pflicht=eakte-regelwerk"
        ]
    );

    // The Zentrale moves Kiel's Umstellungstermin: the deadline follows, per agency.
    set_switchover(&zentrale, Some("kiel"), "31.12.2099").await;
    let kiel = eakte_section(&aa, "kiel").await;
    assert_eq!(kiel["agency_due"]["due"], "17.12.2099");
    assert!(statuses(&kiel).iter().all(|s| s == "offen"), "{kiel}");
    assert_eq!(
        eakte_section(&zentrale, "muenchen").await["agency_due"]["due"],
        "16.06.2025"
    );

    // The pre-filled order holds one item per open rule, and only eAkte items.
    let (status, form) = aa
        .call_json(
            "auftrag/formular",
            &[
                ("weisung", "202505010"),
                ("agentur", "kiel"),
                ("pflicht", "eakte-regelwerk"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{form}");
    let lines = form["prefill"]["items"].as_array().unwrap();
    assert_eq!(lines.len(), 14, "{form}");
    assert_eq!(
        lines[0]["proposed"],
        "Ziel-Postkorb Postkorb LG Kiel → Postkorb EZ Kiel"
    );
    assert_eq!(form["prefill"]["what"], "für die eAkte-Regeln");
    let number = crate::directives::prefilled_draft_for(&aa, "202505010", "eakte-regelwerk").await;
    let o = order(&aa, &number).await;
    assert_eq!(o["eakte"].as_array().unwrap().len(), 14);
    assert_eq!(o["settings"], serde_json::json!([]));
    assert!(
        statuses(&eakte_section(&aa, "kiel").await)
            .iter()
            .all(|s| s == "offen"),
        "a draft is not on its way"
    );
    assert_eq!(act(&aa, &number, "einreichen", "").await.0, 200);
    let kiel = eakte_section(&aa, "kiel").await;
    assert!(statuses(&kiel).iter().all(|s| s == "unterwegs"), "{kiel}");
    assert_eq!(kiel["rules"][0]["order"], number.as_str());
    assert_eq!(kiel["can_prefill"], false, "nothing left without an order");
    let (_, start) = aa.call_json("start", &[]).await;
    assert!(
        !start.to_string().contains("pflicht=eakte-regelwerk"),
        "{start}"
    );
    assert_eq!(act(&rim, &number, "umsetzen", "").await.0, 200);
    let kiel = eakte_section(&aa, "kiel").await;
    assert!(statuses(&kiel).iter().all(|s| s == "erfuellt"), "{kiel}");
    assert_eq!(kiel["tally"]["status_code"], "erfuellt");
    assert_eq!(kiel["rules"][0]["live"], "Postkorb EZ Kiel");
    // Paper documents stay where they were.
    assert_eq!(
        postkorb_of(
            &agency_rules(&aa, "kiel", "").await,
            CLAIM,
            "Papierdokument"
        ),
        "Postkorb LG Kiel"
    );
}
