//! Revert for the eAkte-Regelwerk, as for routing and the mailbox setting: an earlier
//! rule version comes back through a new draft, filed, implemented and versioned like
//! any change; only who may file for the agency is offered it.

use crate::both_databases;
use crate::common::{Backend, Client, TestApp};
use crate::eakte_rules::{postkorb, rule, set_postkorb};
use crate::orders::{act, file_empty_draft, order};
use serde_json::Value;

const CLAIM: &str = "Widerspruch";

/// Files a draft for Kiel that restores `version` of the rule `entry`.
async fn restoring_draft(c: &Client, entry: i64, version: &str) -> (u16, Value) {
    crate::orders::restoring_draft(c, ("regel", entry), version).await
}

/// (version, offered for restore) per version, newest first, as `c` sees the history.
async fn restorable(c: &Client, entry: i64) -> Vec<(i64, bool)> {
    let (status, h) = c
        .call_json("eakte-regel", &[("eintrag", &entry.to_string())])
        .await;
    assert_eq!(status, 200, "{h}");
    h["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["version"].as_i64().unwrap(), v["can_restore"] == true))
        .collect()
}

async fn an_earlier_rule_is_restored_through_a_new_draft(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let rim = app.signed_in("rim-nord").await;
    let (entry, _) = rule(&app, "kiel", CLAIM, "online").await;
    let (_, number) = file_empty_draft(&aa).await;
    let number = number.as_str().unwrap().to_string();
    let kiel_ez = postkorb(&app, "Postkorb EZ Kiel").await;
    assert_eq!(set_postkorb(&aa, &number, entry, &kiel_ez).await.0, 200);
    assert_eq!(act(&aa, &number, "einreichen", "").await.0, 200);
    assert_eq!(act(&rim, &number, "umsetzen", "").await.0, 200);

    // Version 1 (LG) is offered to whoever may file for Kiel, not to RIM.
    assert_eq!(restorable(&aa, entry).await, [(2, false), (1, true)]);
    assert_eq!(restorable(&rim, entry).await, [(2, false), (1, false)]);
    let entry_id = entry.to_string();
    let (status, form) = aa
        .call_json(
            "auftrag/formular",
            &[("regel", entry_id.as_str()), ("version", "1")],
        )
        .await;
    assert_eq!(status, 200, "{form}");
    let r = &form["restoring"];
    assert_eq!(r["kind"], "eakte-regelwerk");
    assert_eq!(
        r["subject"],
        format!("eAkte-Regel 1001 Alg · {CLAIM} · Online-Dokument")
    );
    assert_eq!(r["summary"], "Ziel-Postkorb Postkorb LG Kiel (Kiel)");
    assert_eq!(form["agencies"][0][0], "kiel");
    // Another agency's admin may neither see the form nor file the draft.
    let muenchen = app.signed_in("aa-muenchen").await;
    let form_args = [("regel", entry_id.as_str()), ("version", "1")];
    assert_eq!(
        muenchen.call_json("auftrag/formular", &form_args).await.0,
        403
    );
    // One version per draft: a rule and a mailbox setting at once is a bad request.
    let (status, _) = aa
        .call_json(
            "auftrag/formular",
            &[
                ("regel", entry_id.as_str()),
                ("einstellung", "1"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(status, 400);

    let (status, restored) = restoring_draft(&aa, entry, "1").await;
    assert_eq!(status, 200, "{restored}");
    let restored = restored.as_str().unwrap().to_string();
    let o = order(&aa, &restored).await;
    let items = o["eakte"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{o}");
    assert_eq!(
        (items[0]["before"].as_str(), items[0]["after"].as_str()),
        (Some("Postkorb EZ Kiel"), Some("Postkorb LG Kiel"))
    );
    assert_eq!(items[0]["base_version"], 2);
    assert_eq!(act(&aa, &restored, "einreichen", "").await.0, 200);
    assert_eq!(act(&rim, &restored, "umsetzen", "").await.0, 200);
    assert_eq!(rule(&app, "kiel", CLAIM, "online").await, (entry, 3));
    let audit = app::db::audit::recent(&app.db, 10).await.unwrap();
    assert!(
        audit.iter().any(|a| a.action == "auftrag-angelegt"
            && a.object == format!("auftrag:{restored}")
            && a.detail.contains(&format!(
                "stellt Version 1 der eAkte-Regel 1001 Alg · {CLAIM} · Online-Dokument wieder her"
            ))),
        "{audit:?}"
    );

    // Version 1 is live again in substance: nothing to restore, in the form or as a draft.
    assert_eq!(
        restorable(&aa, entry).await,
        [(3, false), (2, true), (1, false)]
    );
    let (status, e) = restoring_draft(&aa, entry, "1").await;
    assert_eq!(status, 409, "{e}");
    assert!(
        e.to_string().contains("es gibt nichts wiederherzustellen"),
        "{e}"
    );
    assert_eq!(restoring_draft(&aa, entry, "9").await.0, 404);
}

both_databases!(an_earlier_rule_is_restored_through_a_new_draft);
