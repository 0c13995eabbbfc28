use crate::both_databases;
use crate::common::{Backend, TestApp};
use serde_json::Value;

fn names(list: &Value, key: &str) -> Vec<String> {
    list[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect()
}

async fn agency_admin_sees_only_the_own_agency(backend: Backend) {
    let app = TestApp::start(backend).await;
    let c = app.signed_in("aa-kiel").await;
    let (status, o) = c.call_json("organisation/uebersicht", &[]).await;
    assert_eq!(status, 200);
    assert_eq!(names(&o, "regions"), ["Regionaldirektion Nord"]);
    assert_eq!(o["regions"][0]["agency_count"], 1);

    let (status, r) = c
        .call_json("organisation/regionaldirektion", &[("code", "nord")])
        .await;
    assert_eq!(status, 200);
    assert_eq!(names(&r, "agencies"), ["Agentur für Arbeit Kiel"]);

    let (status, a) = c
        .call_json("organisation/agentur", &[("code", "kiel")])
        .await;
    assert_eq!(status, 200);
    let office = a["offices"][0]["code"].as_str().unwrap().to_string();
    let (status, d) = c
        .call_json("organisation/dienststelle", &[("code", &office)])
        .await;
    assert_eq!(status, 200);
    assert!(d["mailboxes"].as_array().unwrap().len() >= 4);

    for (endpoint, code) in [
        ("organisation/agentur", "muenchen"),
        ("organisation/dienststelle", "muenchen.muenchen"),
        ("organisation/regionaldirektion", "bayern"),
        ("organisation/agentur", "flensburg"),
    ] {
        let (status, err) = c.call_json(endpoint, &[("code", code)]).await;
        assert_eq!(
            (status, err),
            (403, Value::String("Forbidden".into())),
            "{endpoint} {code}"
        );
    }
    let (status, _) = c
        .call_json("organisation/agentur", &[("code", "gibt-es-nicht")])
        .await;
    assert_eq!(status, 404);

    // Search never reaches outside the scope.
    let (_, o) = c
        .call_json("organisation/uebersicht", &[("query", "München")])
        .await;
    assert_eq!(o["hits"].as_array().unwrap().len(), 0);
    let (_, o) = c
        .call_json("organisation/uebersicht", &[("query", "Kiel")])
        .await;
    assert!(!o["hits"].as_array().unwrap().is_empty());
    // A mailbox hit leads to the mailbox's own page.
    let (_, o) = c
        .call_json(
            "organisation/uebersicht",
            &[("query", "kiel.team-eingangszone")],
        )
        .await;
    assert_eq!(o["hits"][0]["kind_label"], "Postfach", "{o}");
    assert_eq!(
        o["hits"][0]["href"],
        "/organisation/postfach/kiel.team-eingangszone@arbeitsagentur.de"
    );
}

async fn reviewers_and_rim_see_their_region(backend: Backend) {
    let app = TestApp::start(backend).await;
    for user in ["rd-nord", "rim-nord"] {
        let c = app.signed_in(user).await;
        let (_, o) = c.call_json("organisation/uebersicht", &[]).await;
        assert_eq!(names(&o, "regions"), ["Regionaldirektion Nord"], "{user}");
        let (_, r) = c
            .call_json("organisation/regionaldirektion", &[("code", "nord")])
            .await;
        let agencies = names(&r, "agencies");
        assert!(
            agencies.len() >= 10 && agencies.contains(&"Agentur für Arbeit Flensburg".to_string()),
            "{agencies:?}"
        );
        let (status, _) = c
            .call_json("organisation/agentur", &[("code", "muenchen")])
            .await;
        assert_eq!(status, 403, "{user}");
    }
    let c = app.signed_in("rd-bayern").await;
    let (status, _) = c
        .call_json("organisation/agentur", &[("code", "muenchen")])
        .await;
    assert_eq!(status, 200);
    let (status, _) = c
        .call_json("organisation/agentur", &[("code", "kiel")])
        .await;
    assert_eq!(status, 403);
}

async fn zentrale_sees_everything(backend: Backend) {
    let app = TestApp::start(backend).await;
    let c = app.signed_in("zentrale").await;
    let (_, o) = c.call_json("organisation/uebersicht", &[]).await;
    assert_eq!(o["regions"].as_array().unwrap().len(), 10);
    let total: i64 = o["regions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["agency_count"].as_i64().unwrap())
        .sum();
    assert!((150..=160).contains(&total));
    let (_, o) = c
        .call_json("organisation/uebersicht", &[("query", "münchen")])
        .await;
    assert!(!o["hits"].as_array().unwrap().is_empty());
    let (status, err) = c
        .call_json("organisation/uebersicht", &[("query", &"x".repeat(10_000))])
        .await;
    assert_eq!(status, 422, "{err}");
}

async fn pages_render_german_html_in_scope(backend: Backend) {
    let app = TestApp::start(backend).await;
    let anonymous = app.client();
    let res = anonymous.get("/organisation").await;
    assert_eq!(res.status(), 302);
    assert_eq!(res.headers()["location"], "/anmelden");

    let c = app.signed_in("aa-kiel").await;
    let res = c.get("/organisation/agentur/kiel").await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("<html lang=\"de\""));
    assert!(html.contains("Agentur für Arbeit Kiel"));
    assert!(html.contains("Zum Inhalt springen"));
    let res = c.get("/organisation/agentur/muenchen").await;
    assert_eq!(res.status(), 403);
    assert!(res.text().await.unwrap().contains("Keine Berechtigung"));
    let res = c.get("/gibt-es-nicht").await;
    assert_eq!(res.status(), 404);
    let res = c.get("/").await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("Agentur-Administrator/in") && html.contains("202509011"),
        "start page shows role and deadlines"
    );
}

/// Stores a Dienststelle of Kiel renamed on 01.06.2025 (12:00 in Berlin), with both
/// versions, as an import would have left it.
async fn renamed_office(app: &TestApp) {
    use time::macros::datetime;
    let db = &app.db;
    app::on_db!(db, pool => {
        let agency: i64 = sqlx::query_scalar("SELECT id FROM agencies WHERE code = 'kiel'")
            .fetch_one(pool).await.unwrap();
        let id: i64 = sqlx::query_scalar("INSERT INTO offices (code, name, kind, agency_id)
                VALUES ('kiel.stichtag', 'Stichtag neu', 'geschaeftsstelle', $1) RETURNING id")
            .bind(agency).fetch_one(pool).await.unwrap();
        let renamed = datetime!(2025-06-01 10:00 UTC);
        for (version, name, from, until) in [
            (1_i64, "Stichtag alt", datetime!(2025-01-01 00:00 UTC), Some(renamed)),
            (2, "Stichtag neu", renamed, None),
        ] {
            sqlx::query("INSERT INTO master_data_versions (level, object_id, version, fields, valid_from, valid_until, note)
                    VALUES ('dienststelle', $1, $2, $3, $4, $5, 'Stammdatenimport')")
                .bind(id).bind(version)
                .bind(format!(r#"{{"Name":"{name}","Art":"Geschäftsstelle"}}"#))
                .bind(from).bind(until)
                .execute(pool).await.unwrap();
        }
    });
}

async fn master_data_are_shown_as_they_stood_on_a_day(backend: Backend) {
    let app = TestApp::start(backend).await;
    renamed_office(&app).await;
    let c = app.signed_in("aa-kiel").await;
    let at = |stand: &'static str| {
        let c = &c;
        async move {
            c.call_json(
                "organisation/dienststelle",
                &[("code", "kiel.stichtag"), ("stand", stand)],
            )
            .await
        }
    };
    let standing = |o: &Value| -> Vec<(i64, String)> {
        o["standing"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                (
                    v["version"].as_i64().unwrap(),
                    v["fields"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let (status, o) = at("01.03.2025").await;
    assert_eq!(status, 200, "{o}");
    assert_eq!(o["as_of"], "01.03.2025");
    assert_eq!(
        standing(&o),
        [(1, "Art: Geschäftsstelle; Name: Stichtag alt".to_string())]
    );
    // The end of the day of the rename shows the new name.
    let (_, o) = at("01.06.2025").await;
    assert_eq!(
        standing(&o),
        [(2, "Art: Geschäftsstelle; Name: Stichtag neu".to_string())]
    );
    let (_, o) = at("31.12.2024").await;
    assert_eq!(
        (o["as_of"].as_str(), standing(&o).len()),
        (Some("31.12.2024"), 0)
    );
    let (status, e) = at("gestern").await;
    assert_eq!(status, 422, "{e}");
    assert_eq!(e["Validation"][0]["field"], "stand");
    let (_, o) = c
        .call_json("organisation/dienststelle", &[("code", "kiel.stichtag")])
        .await;
    assert_eq!(
        (o["as_of"].clone(), o["standing"].clone()),
        (Value::Null, serde_json::json!([]))
    );
    assert_eq!(o["history"].as_array().unwrap().len(), 2);

    // Agencies and RDs show their own versions too.
    let (_, a) = c
        .call_json("organisation/agentur", &[("code", "kiel")])
        .await;
    assert_eq!(a["history"][0]["object"], "Agentur kiel", "{a}");
    let (_, r) = c
        .call_json("organisation/regionaldirektion", &[("code", "nord")])
        .await;
    assert_eq!(r["history"][0]["object"], "RD nord", "{r}");
}

both_databases!(
    master_data_are_shown_as_they_stood_on_a_day,
    agency_admin_sees_only_the_own_agency,
    reviewers_and_rim_see_their_region,
    zentrale_sees_everything,
    pages_render_german_html_in_scope,
    an_unknown_address_is_a_german_404_page,
);

/// The not-found page has the whole layout (which reads the application state).
async fn an_unknown_address_is_a_german_404_page(backend: Backend) {
    let app = TestApp::start(backend).await;
    let c = app.signed_in("aa-kiel").await;
    let res = c.get("/gibt-es-nicht").await;
    assert_eq!(res.status(), 404);
    let body = res.text().await.unwrap();
    assert!(body.contains("<html lang=\"de\""), "{body}");
    assert!(body.contains("Nicht gefunden"), "{body}");
    assert!(
        body.contains("Administration Agentur Kiel"),
        "the signed-in user: {body}"
    );
}
