//! Restoring earlier versions, an agency's configuration on a date, the order header
//! (justification, date, directive), the keyset-paginated order list and the audit log.

use crate::both_databases;
use crate::common::{Backend, Client, TestApp};
use crate::orders::{act, draft, live_version, order, rev, KIEL};
use app::on_db;
use serde_json::Value;

async fn egz_entry(app: &TestApp, office: &str) -> i64 {
    let db = &app.db;
    on_db!(db, pool => sqlx::query_scalar(
        "SELECT e.id FROM routing_entries e JOIN offices o ON o.id = e.office_id
         JOIN concerns c ON c.id = e.concern_id WHERE o.code = $1 AND c.code = 'ag-egz'")
        .bind(office).fetch_one(pool).await.unwrap())
}

/// (mailbox_id, area_id, addresses) of one version of an entry.
async fn version_values(app: &TestApp, entry: i64, version: i64) -> (i64, i64, String) {
    let db = &app.db;
    on_db!(db, pool => sqlx::query_as(
        "SELECT mailbox_id, area_id, addresses FROM routing_versions WHERE entry_id = $1 AND version = $2")
        .bind(entry).bind(version).fetch_one(pool).await.unwrap())
}

/// Submits, approves and implements an order.
async fn implemented(aa: &Client, rd: &Client, rim: &Client, number: &str) {
    assert_eq!(act(aa, number, "einreichen", "").await.0, 200);
    assert_eq!(act(rd, number, "genehmigen", "").await.0, 200);
    let (status, e) = act(rim, number, "umsetzen", "").await;
    assert_eq!(status, 200, "{e}");
}

async fn order_count(app: &TestApp) -> i64 {
    let db = &app.db;
    on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM orders").fetch_one(pool).await.unwrap())
}

async fn restoring_an_earlier_version_files_a_reviewable_draft(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let rd = app.signed_in("rd-nord").await;
    let rim = app.signed_in("rim-nord").await;
    let entry = egz_entry(&app, "kiel.kiel").await;
    let first = draft(&app, &aa, &[KIEL]).await;
    implemented(&aa, &rd, &rim, &first).await;
    assert_eq!(live_version(&app, "kiel.kiel").await, 2);

    // The history offers restoring to those who may file for the agency.
    let (_, h) = aa
        .call_json("routing/verlauf", &[("eintrag", &entry.to_string())])
        .await;
    assert_eq!(h["can_restore"], true);
    let (_, h) = rd
        .call_json("routing/verlauf", &[("eintrag", &entry.to_string())])
        .await;
    assert_eq!(h["can_restore"], false);

    let (status, form) = aa
        .call_json(
            "auftrag/formular",
            &[("eintrag", &entry.to_string()), ("version", "1")],
        )
        .await;
    assert_eq!(status, 200, "{form}");
    restores_version_1_for_kiel(&form);

    let args = |justification: &'static str| {
        vec![
            ("agentur", String::new()),
            ("begruendung", justification.to_string()),
            ("wirksam_ab", "31.12.2099".to_string()),
            ("eintrag", entry.to_string()),
            ("version", "1".to_string()),
        ]
    };
    let call = |c: &Client, a: Vec<(&'static str, String)>| {
        let c = c.clone();
        async move {
            let form: Vec<(&str, &str)> = a.iter().map(|(k, v)| (*k, v.as_str())).collect();
            c.call_json("auftrag/anlegen", &form).await
        }
    };
    // Someone from another agency can neither see the form nor file it.
    let other = app.signed_in("aa-muenchen").await;
    let before = order_count(&app).await;
    let (status, _) = other
        .call_json(
            "auftrag/formular",
            &[("eintrag", &entry.to_string()), ("version", "1")],
        )
        .await;
    assert_eq!(status, 403);
    let (status, _) = call(&other, args("Zurück auf die Ausgangskonfiguration")).await;
    assert_eq!(status, 403);
    assert_eq!(order_count(&app).await, before, "nothing filed");

    let (status, number) = call(&aa, args("Zurück auf die Ausgangskonfiguration")).await;
    assert_eq!(status, 200, "{number}");
    let number = number.as_str().unwrap().to_string();
    let o = order(&aa, &number).await;
    assert_eq!(o["state_code"], "entwurf");
    let items = o["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["base_version"], 2);
    let v1 = version_values(&app, entry, 1).await;
    let v2 = version_values(&app, entry, 2).await;
    let addresses = items[0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == "Benachrichtigungsadressen")
        .expect("the restore changes the addresses back")
        .clone();
    assert_eq!(addresses["after"], v1.2.replace('\n', ", "));
    assert_eq!(addresses["before"], v2.2.replace('\n', ", "));

    // It goes through review like any order and becomes version 3 with version 1's values.
    implemented(&aa, &rd, &rim, &number).await;
    assert_eq!(live_version(&app, "kiel.kiel").await, 3);
    assert_eq!(version_values(&app, entry, 3).await, v1);

    // Restoring what is already live changes nothing and is refused.
    let (status, e) = call(&aa, args("Noch einmal die Ausgangskonfiguration")).await;
    assert_eq!(status, 409, "{e}");
    assert!(e.to_string().contains("ändert nichts"), "{e}");
    // A version that does not exist.
    let (status, _) = aa
        .call_json(
            "auftrag/formular",
            &[("eintrag", &entry.to_string()), ("version", "9")],
        )
        .await;
    assert_eq!(status, 404);
}

async fn an_agency_configuration_as_it_was_on_a_date(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let rd = app.signed_in("rd-nord").await;
    let rim = app.signed_in("rim-nord").await;
    let rows = |v: &Value| v["rows"].as_array().unwrap().clone();
    let (status, live) = aa.call_json("routing/agentur", &[("code", "kiel")]).await;
    assert_eq!(status, 200, "{live}");
    let db = &app.db;
    let expected: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM routing_entries e JOIN offices o ON o.id = e.office_id
         JOIN agencies a ON a.id = o.agency_id WHERE a.code = 'kiel'").fetch_one(pool).await.unwrap());
    assert_eq!(rows(&live).len() as i64, expected);
    assert!(rows(&live).iter().all(|r| r["version"] == 1));

    let number = draft(&app, &aa, &[KIEL]).await;
    implemented(&aa, &rd, &rim, &number).await;
    let entry = egz_entry(&app, "kiel.kiel").await;
    let version_of = |v: &Value| {
        rows(v)
            .iter()
            .find(|r| r["entry_id"] == entry)
            .map(|r| r["version"].as_i64().unwrap())
    };
    let (_, now) = aa.call_json("routing/agentur", &[("code", "kiel")]).await;
    assert_eq!(version_of(&now), Some(2));
    let today = time::OffsetDateTime::now_utc();
    let fmt = time::macros::format_description!("[day].[month].[year]");
    let yesterday = (today - time::Duration::days(1)).format(fmt).unwrap();
    let (status, then) = aa
        .call_json(
            "routing/agentur",
            &[("code", "kiel"), ("stand", &yesterday)],
        )
        .await;
    assert_eq!(status, 200, "{then}");
    assert_eq!(then["as_of"], yesterday.as_str());
    assert_eq!(version_of(&then), Some(1), "yesterday version 1 was live");
    assert_eq!(rows(&then).len() as i64, expected);
    let (_, before_tool) = aa
        .call_json(
            "routing/agentur",
            &[("code", "kiel"), ("stand", "01.01.2024")],
        )
        .await;
    assert!(rows(&before_tool).is_empty());
    let (status, _) = aa
        .call_json("routing/agentur", &[("code", "kiel"), ("stand", "gestern")])
        .await;
    assert_eq!(status, 422);
    let (status, _) = aa
        .call_json("routing/agentur", &[("code", "muenchen")])
        .await;
    assert_eq!(
        status, 403,
        "another agency's configuration is out of scope"
    );
    let (status, _) = rd.call_json("routing/agentur", &[("code", "kiel")]).await;
    assert_eq!(status, 200, "the region's reviewer sees it");
}

async fn the_order_header_is_edited_with_a_version_check(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let rd = app.signed_in("rd-nord").await;
    let number = draft(&app, &aa, &[KIEL]).await;
    let o = order(&aa, &number).await;
    let seen = rev(&o);
    let header = |revision: &str, directive: &str| {
        vec![
            ("nummer", number.clone()),
            ("revision", revision.to_string()),
            (
                "begruendung",
                "Weisung 202509011 umsetzen, Arbeitgeber-Service".to_string(),
            ),
            ("wirksam_ab", "01.01.2099".to_string()),
            ("weisung", directive.to_string()),
        ]
    };
    let send = |c: &Client, a: Vec<(&'static str, String)>| {
        let c = c.clone();
        async move {
            let form: Vec<(&str, &str)> = a.iter().map(|(k, v)| (*k, v.as_str())).collect();
            c.call_json("auftrag/angaben", &form).await
        }
    };
    let (status, e) = send(&aa, header(&seen, "202509011")).await;
    assert_eq!(status, 200, "{e}");
    let o = order(&aa, &number).await;
    assert_eq!(o["directive"]["number"], "202509011");
    assert_eq!(o["directive"]["deadline"], "06.10.2025");
    assert_eq!(o["effective_date"], "01.01.2099");

    // Someone who saw the old revision is refused, nothing is overwritten.
    let (status, e) = send(&aa, header(&seen, "")).await;
    assert_eq!(status, 409, "{e}");
    assert!(e.to_string().contains("inzwischen geändert"), "{e}");
    assert_eq!(
        order(&aa, &number).await["directive"]["number"],
        "202509011"
    );

    let current = rev(&order(&aa, &number).await);
    let (status, e) = send(&aa, header(&current, "209912999")).await;
    assert_eq!(status, 422, "{e}");
    assert!(e.to_string().contains("Weisung"), "{e}");
    let (status, _) = send(&rd, header(&current, "")).await;
    assert_eq!(status, 403, "the reviewer does not edit orders");

    // The inbox shows the directive with its deadline.
    assert_eq!(act(&aa, &number, "einreichen", "").await.0, 200);
    let (_, list) = rd
        .call_json("auftraege", &[("status", "eingereicht")])
        .await;
    let row = list["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["number"] == number.as_str())
        .expect("in the inbox")
        .clone();
    assert_eq!(row["directive"], "202509011");
    assert_eq!(row["deadline"], "06.10.2025");
    assert!(
        row["days_left"].as_i64().unwrap() < 0,
        "the deadline has passed"
    );
    // Submitted: the header is locked.
    let current = rev(&order(&aa, &number).await);
    let (status, _) = send(&aa, header(&current, "")).await;
    assert_eq!(status, 409);

    let changes = app::db::audit::recent(&app.db, 100)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.action == "auftrag-angaben-geaendert")
        .count();
    assert_eq!(
        changes, 1,
        "only the successful change is recorded as a change"
    );
}

/// Inserts `n` submitted orders for an agency, one minute apart.
async fn bulk_submitted(app: &TestApp, agency: &str, author: &str, n: i64) {
    let db = &app.db;
    let start = time::OffsetDateTime::now_utc() - time::Duration::days(30);
    on_db!(db, pool => {
        let mut tx = pool.begin().await.unwrap();
        let (agency_id, region_id): (i64, i64) = sqlx::query_as("SELECT id, region_id FROM agencies WHERE code = $1")
            .bind(agency).fetch_one(&mut *tx).await.unwrap();
        let author_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE username = $1")
            .bind(author).fetch_one(&mut *tx).await.unwrap();
        for k in 0..n {
            // Submission order differs from id order: odd ones were submitted earlier.
            let submitted = start + time::Duration::minutes(if k % 2 == 1 { k } else { 2 * n + k });
            sqlx::query("INSERT INTO orders (number, agency_id, region_id, author_id, state, justification, effective_date,
                         revision, created_at, updated_at, submitted_at)
                         VALUES ($1, $2, $3, $4, 'eingereicht', 'Massentest der Liste', $5, 1, $6, $6, $6)")
                .bind(format!("T-{agency}-{k}")).bind(agency_id).bind(region_id).bind(author_id)
                .bind(time::macros::date!(2099-12-31)).bind(submitted)
                .execute(&mut *tx).await.unwrap();
        }
        tx.commit().await.unwrap();
    });
}

async fn the_order_list_pages_by_keyset_and_filters_by_region(backend: Backend) {
    let app = TestApp::start(backend).await;
    bulk_submitted(&app, "kiel", "aa-kiel", 120).await;
    bulk_submitted(&app, "muenchen", "aa-muenchen", 30).await;
    let zentrale = app.signed_in("zentrale").await;
    let rd = app.signed_in("rd-nord").await;

    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let mut args = vec![
            ("status", "eingereicht".to_string()),
            ("rd", "nord".to_string()),
        ];
        if let Some(c) = &cursor {
            args.push(("nach", c.clone()));
        }
        let form: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (status, page) = zentrale.call_json("auftraege", &form).await;
        assert_eq!(status, 200, "{page}");
        pages += 1;
        let rows = page["rows"].as_array().unwrap();
        assert!(rows.len() <= 50);
        assert!(rows
            .iter()
            .all(|r| r["agency"] == "Agentur für Arbeit Kiel"));
        seen.extend(
            rows.iter()
                .map(|r| r["number"].as_str().unwrap().to_string()),
        );
        assert!(
            !page["regions"].as_array().unwrap().is_empty(),
            "the Zentrale may filter by RD"
        );
        match page["next"].as_i64() {
            Some(n) => cursor = Some(n.to_string()),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen.len(), 120, "every order exactly once");
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 120);
    // The inbox is oldest submission first: the odd ones (submitted earlier) come first.
    let index = |number: &str| number.rsplit('-').next().unwrap().parse::<i64>().unwrap();
    assert!(
        seen[..60].iter().all(|n| index(n) % 2 == 1),
        "{:?}",
        &seen[..5]
    );
    assert!(seen[60..].iter().all(|n| index(n) % 2 == 0));

    // The region's reviewer never sees Bayern, with or without asking for it.
    for rd_filter in ["", "bayern"] {
        let (status, page) = rd
            .call_json("auftraege", &[("status", "eingereicht"), ("rd", rd_filter)])
            .await;
        assert_eq!(status, 200);
        assert!(page["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["agency"] != "Agentur für Arbeit München"));
        assert_eq!(page["regions"], serde_json::json!([]));
    }
    let (status, _) = zentrale.call_json("auftraege", &[("rd", "atlantis")]).await;
    assert_eq!(status, 400);
}

async fn the_audit_log_is_for_the_zentrale_and_filters_and_pages(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let rd = app.signed_in("rd-nord").await;
    let zentrale = app.signed_in("zentrale").await;
    for c in [&aa, &rd] {
        let (status, _) = c.call_json("protokoll", &[]).await;
        assert_eq!(status, 403);
    }
    let number = draft(&app, &aa, &[KIEL]).await;
    for k in 0..150 {
        let entry = app::db::audit::AuditEntry {
            actor_id: None,
            actor_name: "massentest".into(),
            client: "test".into(),
            request_id: format!("r{k}"),
            action: "test".into(),
            object: format!("test:{k}"),
            outcome: "erfolg".into(),
            detail: String::new(),
        };
        app::db::audit::append(&app.db, &entry).await.unwrap();
    }
    let (status, page) = zentrale.call_json("protokoll", &[]).await;
    assert_eq!(status, 200, "{page}");
    let lines = page["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 100);
    let older = page["older"].as_i64().expect("more entries");
    let (_, page2) = zentrale
        .call_json("protokoll", &[("vor", &older.to_string())])
        .await;
    let lines2 = page2["lines"].as_array().unwrap();
    assert!(!lines2.is_empty());
    assert!(lines2.iter().all(|l| l["id"].as_i64().unwrap() < older));

    let (_, by_person) = zentrale
        .call_json("protokoll", &[("person", "aa-kiel")])
        .await;
    let by_person = by_person["lines"].as_array().unwrap().clone();
    assert!(!by_person.is_empty());
    assert!(by_person.iter().all(|l| l["actor"] == "aa-kiel"));
    assert!(by_person.iter().any(|l| l["action"] == "anmeldung"));

    let object = format!("auftrag:{number}");
    let (_, by_object) = zentrale
        .call_json("protokoll", &[("objekt", "auftrag:ÄA-")])
        .await;
    let by_object = by_object["lines"].as_array().unwrap().clone();
    assert!(by_object.iter().any(|l| l["object"] == object.as_str()));
    assert!(by_object
        .iter()
        .all(|l| l["object"].as_str().unwrap().starts_with("auftrag:ÄA-")));
    let (_, by_action) = zentrale
        .call_json(
            "protokoll",
            &[("aktion", "auftrag-angelegt"), ("person", "aa-kiel")],
        )
        .await;
    assert_eq!(by_action["lines"].as_array().unwrap().len(), 1);
    // A wildcard is just a character.
    let (_, wild) = zentrale.call_json("protokoll", &[("objekt", "%")]).await;
    assert!(wild["lines"].as_array().unwrap().is_empty());
}

both_databases!(
    restoring_an_earlier_version_files_a_reviewable_draft,
    an_agency_configuration_as_it_was_on_a_date,
    the_order_header_is_edited_with_a_version_check,
    the_order_list_pages_by_keyset_and_filters_by_region,
    the_audit_log_is_for_the_zentrale_and_filters_and_pages,
);

/// The new-order form restores version 1 and files it only for Kiel, the entry's agency.
pub(crate) fn restores_version_1_for_kiel(form: &serde_json::Value) {
    assert_eq!(form["restoring"]["version"], 1, "{form}");
    assert_eq!(
        form["agencies"],
        serde_json::json!([["kiel", "Agentur für Arbeit Kiel"]])
    );
    assert!(form["justification"]
        .as_str()
        .unwrap()
        .starts_with("Wiederherstellung von Version 1"));
}
