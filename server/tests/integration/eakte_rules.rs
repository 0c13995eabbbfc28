//! The third configuration kind, the eAkte-Regelwerk (Weisung 202505010, 1): every
//! agency's rules for Aktentyp 1001 Alg, versioned like routing, shown live and at a
//! date next to the routing, each with its history.

use crate::both_databases;
use crate::common::{Backend, TestApp};
use app::on_db;
use serde_json::Value;

both_databases!(
    every_agency_has_its_rule_set_for_1001_alg,
    the_agency_shows_its_eakte_rules_at_a_date_with_their_history,
    eakte_rule_versions_are_immutable_in_the_database,
);

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

async fn agency_rules(c: &crate::common::Client, agency: &str, stand: &str) -> Vec<Value> {
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
