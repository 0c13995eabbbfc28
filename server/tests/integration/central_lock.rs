//! Weisung 202505010, 2.2: every Liegenschaftspostfach is locked centrally and the lock
//! kept. The directive measures the lock; the Zentrale files one batch order that gives
//! each agency with mailboxes not yet locked one order, straight to its RIM; nobody else
//! may; RIM implements; nothing is filed twice.

use crate::both_databases;
use crate::common::{Backend, TestApp};
use crate::mailbox_settings::live;
use crate::orders::{act, order};
use app::on_db;
use serde_json::Value;

both_databases!(
    the_zentrale_locks_every_building_mailbox_in_one_batch,
    only_the_zentrale_files_a_batch_and_only_with_a_valid_header,
);

const HEIDE_BUILDING: &str = "heide.liegenschaft@arbeitsagentur.de";

/// The directive's lock section as the Zentrale sees it at the top level.
async fn lock_section(c: &crate::common::Client) -> Value {
    let (status, d) = c.call_json("weisung", &[("nummer", "202505010")]).await;
    assert_eq!(status, 200, "{d}");
    assert_eq!(d["locks"].as_array().map(Vec::len), Some(1), "{d}");
    d
}

fn tally(d: &Value) -> (i64, i64, i64, i64) {
    let t = &d["locks"][0]["tally"];
    let n = |k: &str| t[k].as_i64().unwrap();
    (n("total"), n("met"), n("underway"), n("overdue"))
}

fn file_form<'a>(justification: &'a str, date: &'a str) -> [(&'a str, &'a str); 3] {
    [
        ("weisung", "202505010"),
        ("begruendung", justification),
        ("wirksam_ab", date),
    ]
}

const WHY: &str =
    "Zentrale Sperrung der noch offenen Liegenschaftspostfächer nach Weisung 202505010";

async fn the_zentrale_locks_every_building_mailbox_in_one_batch(backend: Backend) {
    let app = TestApp::start(backend).await;
    let zentrale = app.signed_in("zentrale").await;
    let rim = app.signed_in("rim-nord").await;

    // The demo: the central lock of 01.07.2025 missed Heide's and Neumünster's.
    let d = lock_section(&zentrale).await;
    assert_eq!(
        d["locks"][0]["rule"],
        "Liegenschaftspostfächer: E-Mail-Kommunikation „Intern“"
    );
    assert_eq!(d["locks"][0]["due"], "01.07.2025");
    let (total, met, underway, overdue) = tally(&d);
    assert_eq!((underway, overdue), (0, 2), "{}", d["locks"][0]["tally"]);
    assert_eq!(met + overdue, total);
    assert_eq!(d["can_lock_centrally"], true);
    assert_eq!(d["batches"], serde_json::json!([]));
    let (heide_entry, version, mode) = live(&app, HEIDE_BUILDING).await;
    assert_eq!((version, mode.as_str()), (1, "extern"));

    let (status, number) = zentrale
        .call_json("sammelauftrag/anlegen", &file_form(WHY, "31.12.2099"))
        .await;
    assert_eq!(status, 200, "{number}");
    let number = number.as_str().unwrap().to_string();
    assert!(
        number.starts_with("SA-") && number.ends_with("-0001"),
        "{number}"
    );

    // One order per agency, each submitted straight to RIM Nord, authored by the Zentrale.
    let (status, batch) = zentrale
        .call_json("sammelauftrag", &[("nummer", &number)])
        .await;
    assert_eq!(status, 200, "{batch}");
    let orders = batch["orders"].as_array().unwrap();
    let parts: Vec<(&str, i64, &str)> = orders
        .iter()
        .map(|o| {
            (
                o["agency"].as_str().unwrap(),
                o["items"].as_i64().unwrap(),
                o["state_code"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        parts,
        [
            ("Agentur für Arbeit Heide", 1, "eingereicht"),
            ("Agentur für Arbeit Neumünster", 1, "eingereicht"),
        ]
    );
    assert_eq!(batch["directive"][0], "202505010");
    assert_eq!(
        (batch["implemented"].as_i64(), batch["hidden"].as_i64()),
        (Some(0), Some(0))
    );
    let heide = orders[0]["number"].as_str().unwrap().to_string();
    let o = order(&rim, &heide).await;
    assert_eq!(o["author"], "Zentrale Administration");
    assert_eq!(o["review"], "ohne RD-Prüfung, direkt zur Umsetzung");
    assert_eq!(o["allowed_actions"], serde_json::json!(["umsetzen"]));
    assert_eq!(o["directive"]["number"], "202505010");
    assert_eq!(o["batch"], number.as_str());
    let (_, inbox) = rim.call_json("benachrichtigungen", &[]).await;
    let told = inbox["notifications"].as_array().unwrap();
    assert!(
        told.iter().any(|n| n["link"]
            .as_str()
            .unwrap()
            .contains(heide.trim_start_matches("ÄA-"))),
        "{inbox}"
    );

    // Past the lock day an order on its way does not make them met: still overdue, now
    // with the order named; the directive names the batch; nothing is left to file.
    let d = lock_section(&zentrale).await;
    assert_eq!(tally(&d), (total, met, 0, 2));
    let (_, heide_level) = zentrale
        .call_json("weisung", &[("nummer", "202505010"), ("agentur", "heide")])
        .await;
    let building = heide_level["locks"][0]["mailboxes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["address"] == HEIDE_BUILDING)
        .unwrap()
        .clone();
    assert_eq!(
        (building["status_code"].as_str(), building["order"].as_str()),
        (Some("ueberfaellig"), Some(heide.as_str())),
        "{building}"
    );
    assert_eq!(d["can_lock_centrally"], false);
    assert_eq!(d["batches"][0]["number"], number.as_str());
    let (status, e) = zentrale
        .call_json("sammelauftrag/anlegen", &file_form(WHY, "31.12.2099"))
        .await;
    assert_eq!(status, 409, "{e}");
    assert!(e.to_string().contains("nichts zu sperren"), "{e}");

    // RIM implements Heide's part: its Liegenschaftspostfach is locked by that order.
    let (status, e) = act(&rim, &heide, "umsetzen", "").await;
    assert_eq!(status, 200, "{e}");
    assert_eq!(
        live(&app, HEIDE_BUILDING).await,
        (heide_entry, 2, "intern".into())
    );
    let d = lock_section(&zentrale).await;
    assert_eq!(tally(&d), (total, met + 1, 0, 1));
    let (_, batch) = zentrale
        .call_json("sammelauftrag", &[("nummer", &number)])
        .await;
    assert_eq!(batch["implemented"], 1);

    // Others see the batch's orders in their scope only.
    let aa = app.signed_in("aa-kiel").await;
    assert_eq!(
        aa.call_json("sammelauftrag", &[("nummer", &number)])
            .await
            .0,
        404
    );
    let (status, seen) = rim.call_json("sammelauftrag", &[("nummer", &number)]).await;
    assert_eq!(status, 200, "{seen}");
    assert_eq!(seen["orders"].as_array().unwrap().len(), 2);

    let audit = app::db::audit::recent(&app.db, 40).await.unwrap();
    assert!(
        audit.iter().any(|a| a.action == "version-angelegt"
            && a.object == format!("postfach-einstellung:{HEIDE_BUILDING}")
            && a.detail.contains(&format!("Version 1 → 2 ({heide})"))),
        "{audit:?}"
    );
    assert!(
        audit.iter().any(|a| a.action == "sammelauftrag-angelegt"
            && a.object == format!("sammelauftrag:{number}")
            && a.detail == "Weisung 202505010: 2 Aufträge für 2 Postfächer"),
        "{audit:?}"
    );
    assert_eq!(
        audit
            .iter()
            .filter(|a| a.action == "auftrag-einreichen" && a.actor_name == "zentrale")
            .count(),
        2,
        "{audit:?}"
    );
}

async fn only_the_zentrale_files_a_batch_and_only_with_a_valid_header(backend: Backend) {
    let app = TestApp::start(backend).await;
    for user in ["aa-kiel", "rd-nord", "rim-nord"] {
        let c = app.signed_in(user).await;
        let (status, e) = c
            .call_json("sammelauftrag/anlegen", &file_form(WHY, "31.12.2099"))
            .await;
        assert_eq!(status, 403, "{user}: {e}");
        let d = c.call_json("weisung", &[("nummer", "202505010")]).await.1;
        assert_eq!(d["can_lock_centrally"], false, "{user}");
    }
    let zentrale = app.signed_in("zentrale").await;
    let (status, e) = zentrale
        .call_json("sammelauftrag/anlegen", &file_form("kurz", "01.01.2020"))
        .await;
    assert_eq!(status, 422, "{e}");
    assert_eq!(
        crate::common::invalid_fields(&e),
        ["begruendung", "wirksam_ab"],
        "{e}"
    );
    // A directive without a lock has no batch.
    let (status, e) = zentrale
        .call_json(
            "sammelauftrag/anlegen",
            &[
                ("weisung", "202509011"),
                ("begruendung", WHY),
                ("wirksam_ab", "31.12.2099"),
            ],
        )
        .await;
    assert_eq!(status, 409, "{e}");
    // Nothing was filed by any of it.
    let db = &app.db;
    let batches: i64 = on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM order_batches").fetch_one(pool).await.unwrap());
    assert_eq!(batches, 0);
    assert_eq!(
        zentrale
            .call_json("sammelauftrag", &[("nummer", "SA-2026-0001")])
            .await
            .0,
        404
    );
}
