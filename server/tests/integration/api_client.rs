//! The whole life cycle as an outside client would run it, knowing only its own user
//! names and the API's answers: every code and id it sends was read from an earlier
//! answer (the agency, the Dienststelle, the Anliegen, the mailbox, the Bereich, the
//! order number, each ETag). The test fails if it would have to know one from
//! elsewhere, because there is nowhere else it reads from.

use crate::api::{api, Answer, Api};
use crate::both_databases;
use crate::common::{Backend, TestApp};
use reqwest::Method;
use serde_json::{json, Value};

async fn get(api: &Api, path: &str) -> Answer {
    let a = api.request(Method::GET, path, None, &[]).await;
    assert_eq!(a.status, 200, "GET {path}: {}", a.body);
    a
}

/// The order with its ETag.
async fn order(api: &Api, location: &str) -> (Value, String) {
    let a = get(api, location).await;
    let etag = a
        .header("etag")
        .expect("every order has an ETag")
        .to_string();
    assert_eq!(etag, format!("\"{}\"", a.body["revision"]));
    (a.body, etag)
}

async fn step(api: &Api, location: &str, action: &str) -> Value {
    let (o, etag) = order(api, location).await;
    let codes: Vec<&str> = o["aktionen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert!(codes.contains(&action), "{action} offered: {codes:?}");
    let a = api
        .request(
            Method::POST,
            &format!("{location}/aktionen/{action}"),
            Some(json!({})),
            &[("if-match", etag)],
        )
        .await;
    assert_eq!(a.status, 200, "{action}: {}", a.body);
    assert!(a.header("etag").is_some(), "{action}: the new ETag");
    a.body
}

async fn outside_client_runs_the_whole_life_cycle(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = api(&app, "aa-kiel").await;
    let rd = api(&app, "rd-nord").await;
    let rim = api(&app, "rim-nord").await;

    // Which agency, Dienststelle and entry: from the catalogues and the live routing.
    let agencies = get(&aa, "/api/v1/agenturen").await.body;
    let agency = agencies[0]["kuerzel"].as_str().unwrap().to_string();
    let offices = get(&aa, &format!("/api/v1/agenturen/{agency}/dienststellen"))
        .await
        .body;
    let office = offices
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["art"] == "geschaeftsstelle")
        .expect("a Geschäftsstelle")["kuerzel"]
        .as_str()
        .unwrap()
        .to_string();
    let routing = get(&aa, &format!("/api/v1/routing/dienststellen/{office}"))
        .await
        .body;
    let entry = routing["eintraege"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["offener_auftrag"].is_null())
        .expect("an entry without an open order")
        .clone();
    let concern = entry["anliegen"].as_str().unwrap().to_string();
    let concerns = get(&aa, "/api/v1/anliegen").await.body;
    assert!(concerns
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["kuerzel"] == concern.as_str()));
    // Another mailbox that may receive the Dienststelle's Anliegen, with its Bereich.
    let mailboxes = get(&aa, &format!("/api/v1/dienststellen/{office}/postfaecher"))
        .await
        .body;
    let target = mailboxes
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["routing_ziel"] == true && m["id"] != entry["postfach"])
        .expect("a second routing target")
        .clone();
    let areas = get(&aa, "/api/v1/bereiche").await.body;
    assert!(areas
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["id"] == target["bereich"]));

    // File, with an idempotency key; add the item against the ETag; submit.
    let filed = aa
        .request(
            Method::POST,
            "/api/v1/auftraege",
            Some(json!({"agentur": agency, "begruendung": "Umstellung durch ein Skript", "wirksam_ab": "2099-12-31"})),
            &[("idempotency-key", uuid::Uuid::new_v4().to_string())],
        )
        .await;
    assert_eq!(filed.status, 201, "{}", filed.body);
    let location = filed.header("location").unwrap().to_string();
    assert!(location.starts_with("/api/v1/auftraege/"), "{location}");
    let etag = filed.header("etag").unwrap().to_string();
    let address = "skript@arbeitsagentur.de";
    let saved = aa
        .request(
            Method::POST,
            &format!("{location}/positionen"),
            Some(json!({
                "dienststelle": office, "anliegen": concern, "postfach": target["id"],
                "bereich": target["bereich"], "adressen": [target["adresse"], address]
            })),
            &[("if-match", etag.clone())],
        )
        .await;
    assert_eq!(saved.status, 204, "{}", saved.body);
    assert_ne!(
        saved.header("etag").unwrap(),
        etag,
        "the change raised the revision"
    );
    let (o, _) = order(&aa, &location).await;
    assert_eq!(o["positionen"][0]["eintrag"], entry["id"], "{o}");
    assert_eq!(o["wirksam_ab"], "2099-12-31");
    assert_eq!(
        o["nummer"], filed.body["nummer"],
        "Location names the filed order"
    );
    assert_eq!(
        step(&aa, &location, "einreichen").await["status"],
        "eingereicht"
    );

    // The RD finds it in its queue, approves; RIM finds it in its queue, implements.
    let queue = get(&rd, "/api/v1/auftraege?status=zur-pruefung").await.body;
    let number = o["nummer"].as_str().unwrap();
    assert!(queue["auftraege"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["nummer"] == number));
    assert_eq!(
        step(&rd, &location, "genehmigen").await["status"],
        "genehmigt"
    );
    let queue = get(&rim, "/api/v1/auftraege?status=zur-umsetzung")
        .await
        .body;
    assert!(queue["auftraege"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["nummer"] == number));
    assert_eq!(
        step(&rim, &location, "umsetzen").await["status"],
        "umgesetzt"
    );

    // The new version is live, and its history names the order.
    let routing = get(&aa, &format!("/api/v1/routing/dienststellen/{office}"))
        .await
        .body;
    let live = routing["eintraege"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == entry["id"])
        .unwrap()
        .clone();
    assert_eq!(live["postfach"], target["id"], "{live}");
    assert_eq!(live["version"], entry["version"].as_i64().unwrap() + 1);
    assert!(live["adressen"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a == address));
    let history = get(&aa, &format!("/api/v1/routing/eintraege/{}", entry["id"]))
        .await
        .body;
    assert_eq!(history["versionen"][0]["auftrag"], number, "{history}");
    let since = history["versionen"][0]["gueltig_ab"].as_str().unwrap();
    assert!(
        since.ends_with("+01:00") || since.ends_with("+02:00"),
        "RFC 3339 in Berlin time: {since}"
    );
}

/// An eAkte item names its rule, Dokumenttyp, Dokumentart and Postkörbe by what the
/// catalogues and the agency's configuration list.
async fn items_of_the_eakte_kind_name_what_the_catalogues_list(backend: Backend) {
    let app = TestApp::start(backend).await;
    server::seed::seed_demo_orders(&app.db).await.unwrap();
    let db = &app.db;
    let number: String = app::on_db!(db, pool => sqlx::query_scalar(
        "SELECT o.number FROM orders o WHERE EXISTS (SELECT 1 FROM order_eakte_items i WHERE i.order_id = o.id)
         ORDER BY o.id LIMIT 1").fetch_one(pool).await.unwrap());
    let zentrale = api(&app, "zentrale").await;
    let encoded: String = form_urlencoded::byte_serialize(number.as_bytes()).collect();
    let o = get(&zentrale, &format!("/api/v1/auftraege/{encoded}"))
        .await
        .body;
    let item = &o["eakte_regeln"][0];
    let agency = o["agentur"].as_str().unwrap();
    let catalogue = get(&zentrale, "/api/v1/eakte-katalog").await.body;
    let listed = |list: &str, code: &Value| {
        catalogue[list]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["kuerzel"] == *code)
    };
    assert!(listed("dokumenttypen", &item["dokumenttyp"]), "{item}");
    assert!(listed("dokumentarten", &item["dokumentart"]), "{item}");
    let baskets = get(&zentrale, &format!("/api/v1/agenturen/{agency}/postkoerbe"))
        .await
        .body;
    for field in ["postkorb", "postkorb_vorher"] {
        assert!(
            baskets
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["id"] == item[field]),
            "{field}: {item}"
        );
    }
    let config = get(&zentrale, &format!("/api/v1/routing/agenturen/{agency}"))
        .await
        .body;
    let rule = config["eakte_regeln"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == item["eintrag"])
        .expect("the item's rule is in the agency's configuration")
        .clone();
    assert_eq!(rule["postkorb"], item["postkorb_vorher"]);
    assert_eq!(rule["dokumenttyp"], item["dokumenttyp"]);
}

both_databases!(
    outside_client_runs_the_whole_life_cycle,
    items_of_the_eakte_kind_name_what_the_catalogues_list,
);
