use crate::both_databases;
use crate::common::{Backend, TestApp};
use app::on_db;
use serde_json::Value;

async fn entry_of(app: &TestApp, office: &str, concern: &str) -> i64 {
    let db = &app.db;
    on_db!(db, pool => sqlx::query_scalar(
        "SELECT e.id FROM routing_entries e JOIN offices o ON o.id = e.office_id
         JOIN concerns c ON c.id = e.concern_id WHERE o.code = $1 AND c.code = $2")
        .bind(office).bind(concern).fetch_one(pool).await.unwrap())
}

/// Writes version 2 of an entry directly (as an implemented order will), closing version 1.
async fn write_version_2(app: &TestApp, entry: i64, at: time::OffsetDateTime) {
    let db = &app.db;
    on_db!(db, pool => {
        let mut tx = pool.begin().await.unwrap();
        sqlx::query("UPDATE routing_versions SET valid_until = $1 WHERE entry_id = $2 AND valid_until IS NULL")
            .bind(at).bind(entry).execute(&mut *tx).await.unwrap();
        sqlx::query(
            "INSERT INTO routing_versions (entry_id, version, mailbox_id, area_id, addresses, valid_from, note)
             SELECT $1, 2, m.id, m.area_id, m.address || '\nkiel.zusatz@arbeitsagentur.de', $2, 'Test'
             FROM mailboxes m WHERE m.address = 'kiel.arbeitgeber-service@arbeitsagentur.de'")
            .bind(entry).bind(at).execute(&mut *tx).await.unwrap();
        tx.commit().await.unwrap();
    });
}

async fn live_routing_history_and_point_in_time(backend: Backend) {
    let app = TestApp::start(backend).await;
    let c = app.signed_in("aa-kiel").await;
    let (status, r) = c
        .call_json("routing/dienststelle", &[("code", "kiel.kiel")])
        .await;
    assert_eq!(status, 200, "{r}");
    let rows = r["rows"].as_array().unwrap();
    assert!(rows.len() >= 30);
    assert!(rows.iter().all(|row| row["version"] == 1));
    let egz = rows
        .iter()
        .find(|row| row["concern"] == "Anfrage Eingliederungszuschuss")
        .unwrap();
    assert!(egz["mailbox_address"]
        .as_str()
        .unwrap()
        .ends_with("@arbeitsagentur.de"));

    let entry = entry_of(&app, "kiel.kiel", "ag-egz").await;
    let t1 = time::macros::datetime!(2025-10-02 10:00 UTC);
    write_version_2(&app, entry, t1).await;

    // Live now: version 2; on 01.10.2025 (Berlin): version 1; before the tool existed: nothing.
    let version_of = |r: &Value| {
        r["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|row| row["entry_id"] == entry)
            .map(|row| row["version"].as_i64().unwrap())
    };
    let (_, now) = c
        .call_json("routing/dienststelle", &[("code", "kiel.kiel")])
        .await;
    assert_eq!(version_of(&now), Some(2));
    let (_, then) = c
        .call_json(
            "routing/dienststelle",
            &[("code", "kiel.kiel"), ("stand", "01.10.2025")],
        )
        .await;
    assert_eq!(then["as_of"], "01.10.2025");
    assert_eq!(version_of(&then), Some(1));
    let (_, that_day) = c
        .call_json(
            "routing/dienststelle",
            &[("code", "kiel.kiel"), ("stand", "2025-10-02")],
        )
        .await;
    assert_eq!(version_of(&that_day), Some(2));
    let (_, before) = c
        .call_json(
            "routing/dienststelle",
            &[("code", "kiel.kiel"), ("stand", "01.01.2024")],
        )
        .await;
    assert_eq!(before["rows"].as_array().unwrap().len(), 0);
    let (status, _) = c
        .call_json(
            "routing/dienststelle",
            &[("code", "kiel.kiel"), ("stand", "gestern")],
        )
        .await;
    assert_eq!(status, 422);

    let id = entry.to_string();
    let (status, h) = c.call_json("routing/verlauf", &[("eintrag", &id)]).await;
    assert_eq!(status, 200, "{h}");
    assert_eq!(h["versions"].as_array().unwrap().len(), 2);
    assert_eq!(h["versions"][0]["number"], 2, "newest first");
    assert_eq!(
        h["versions"][1]["valid_until"],
        h["versions"][0]["valid_from"]
    );
    let changes = h["comparison"]["changes"].as_array().unwrap();
    let fields: Vec<&str> = changes
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert!(fields.contains(&"Benachrichtigungsadressen"), "{changes:?}");
    let (_, same) = c
        .call_json(
            "routing/verlauf",
            &[("eintrag", &id), ("von", "2"), ("bis", "2")],
        )
        .await;
    assert_eq!(same["comparison"], Value::Null);
}

async fn routing_is_scoped(backend: Backend) {
    let app = TestApp::start(backend).await;
    let c = app.signed_in("aa-kiel").await;
    let (status, _) = c
        .call_json("routing/dienststelle", &[("code", "muenchen.muenchen")])
        .await;
    assert_eq!(status, 403);
    let entry = entry_of(&app, "muenchen.muenchen", "ag-egz")
        .await
        .to_string();
    let (status, _) = c.call_json("routing/verlauf", &[("eintrag", &entry)]).await;
    assert_eq!(status, 403);
    let (status, _) = c
        .call_json("routing/verlauf", &[("eintrag", "999999999")])
        .await;
    assert_eq!(status, 404);
    let rd = app.signed_in("rd-bayern").await;
    let (status, _) = rd
        .call_json("routing/verlauf", &[("eintrag", &entry)])
        .await;
    assert_eq!(status, 200);
}

async fn versions_are_immutable_and_one_is_live(backend: Backend) {
    let app = TestApp::start(backend).await;
    let entry = entry_of(&app, "kiel.kiel", "an-termin").await;
    let db = &app.db;
    let change = on_db!(db, pool => sqlx::query("UPDATE routing_versions SET note = 'anders' WHERE entry_id = $1")
        .bind(entry).execute(pool).await.map(|_| ()));
    assert!(change.is_err(), "a written version never changes");
    let delete = on_db!(db, pool => sqlx::query("DELETE FROM routing_versions WHERE entry_id = $1")
        .bind(entry).execute(pool).await.map(|_| ()));
    assert!(delete.is_err(), "versions are never deleted");
    let second_live = on_db!(db, pool => sqlx::query(
        "INSERT INTO routing_versions (entry_id, version, mailbox_id, area_id, addresses, valid_from, note)
         SELECT entry_id, 2, mailbox_id, area_id, addresses, valid_from, 'x' FROM routing_versions WHERE entry_id = $1")
        .bind(entry).execute(pool).await.map(|_| ()));
    assert!(second_live.is_err(), "exactly one live version per entry");
}

both_databases!(
    live_routing_history_and_point_in_time,
    routing_is_scoped,
    versions_are_immutable_and_one_is_live,
);
