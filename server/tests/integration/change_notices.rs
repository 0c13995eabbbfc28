//! Weisung 202505010, task 3: online Veränderungsmitteilungen are handled in the
//! Eingangszone from 01.07.2025. A routing obligation with a day of its own, next to the
//! directive's eAkte deadline: measured per Dienststelle, pre-filled, reviewed, implemented,
//! and reminded of against its own day, like each of the directive's obligations.

use crate::both_databases;
use crate::common::{Backend, Client, TestApp};
use crate::directives::prefilled_draft_for;
use crate::orders::act;
use serde_json::Value;
use time::macros::datetime;

const DIRECTIVE: &str = "202505010";

async fn at_agency(c: &Client, agency: &str) -> Value {
    let (status, d) = c
        .call_json("weisung", &[("nummer", DIRECTIVE), ("agentur", agency)])
        .await;
    assert_eq!(status, 200, "{d}");
    d
}

fn counts(t: &Value) -> (u64, u64, u64, u64) {
    let n = |k: &str| t[k].as_u64().unwrap();
    (n("met"), n("underway"), n("open"), n("overdue"))
}

async fn online_change_notices_go_to_the_entrance_zone_from_july(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let rd = app.signed_in("rd-nord").await;
    let rim = app.signed_in("rim-nord").await;
    let zentrale = app.signed_in("zentrale").await;

    // The rule has its own day; the directive's deadline stays the eAkte one.
    let kiel = at_agency(&aa, "kiel").await;
    assert_eq!(kiel["concern"], "Veränderungsmitteilung");
    assert!(
        kiel["rule_due"]
            .as_str()
            .unwrap()
            .starts_with("01.07.2025 (seit "),
        "{}",
        kiel["rule_due"]
    );
    assert_eq!(kiel["summary"]["deadline"], "17.06.2025");
    assert_eq!(kiel["limited_to_concern"], false);
    // Kiel still routes them to the Leistungsgewährung: past 01.07.2025, overdue.
    assert_eq!(counts(&kiel["tally"]), (0, 0, 0, 4));
    assert_eq!(kiel["can_prefill"], true);
    // RD Bayern moved them on 23.06.2025: München is done.
    let muenchen = at_agency(&zentrale, "muenchen").await;
    let (met, underway, open, overdue) = counts(&muenchen["tally"]);
    assert!(
        met > 0 && (underway, open, overdue) == (0, 0, 0),
        "{}",
        muenchen["tally"]
    );

    // The routing obligation's pre-filled order: one item per Dienststelle, each to its
    // own Eingangszone; routing is reviewed by the RD, then RIM implements it.
    let number = prefilled_draft_for(&aa, DIRECTIVE, "weiterleitung").await;
    let (_, order) = aa.call_json("auftrag", &[("nummer", &number)]).await;
    let items = order["items"].as_array().unwrap();
    assert_eq!(items.len(), 4, "{order}");
    assert!(
        items
            .iter()
            .all(|i| i["concern"] == "Veränderungsmitteilung"),
        "{items:?}"
    );
    assert_eq!(
        order["eakte"].as_array().map_or(0, Vec::len),
        0,
        "only routing"
    );
    assert_eq!(act(&aa, &number, "einreichen", "").await.0, 200);
    // On its way, but past its day: still overdue, with the order named.
    let kiel = at_agency(&aa, "kiel").await;
    assert_eq!(counts(&kiel["tally"]), (0, 0, 0, 4));
    assert!(kiel["offices"]
        .as_array()
        .unwrap()
        .iter()
        .all(|o| o["order"] == number.as_str()));
    assert_eq!(act(&rd, &number, "genehmigen", "").await.0, 200);
    let (status, e) = act(&rim, &number, "umsetzen", "").await;
    assert_eq!(status, 200, "{e}");
    let kiel = at_agency(&aa, "kiel").await;
    assert_eq!(counts(&kiel["tally"]), (4, 0, 0, 0), "implemented: met");
    assert_eq!(kiel["can_prefill"], false);
}

/// Reminders count down to each obligation's own deadline: the routing rule's and the
/// mailbox setting's 01.07.2025 (not the directive's 17.06.2025), and the eAkte rules'
/// day per agency (Kiel: 2 weeks before its Umstellungstermin 16.06.2025). They go only
/// to agencies with something open and no order on the way, once per obligation.
async fn reminders_count_down_to_each_obligations_own_deadline(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let titles = || {
        let aa = aa.clone();
        async move {
            let (_, inbox) = aa.call_json("benachrichtigungen", &[]).await;
            let mut titles: Vec<String> = inbox["notifications"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| format!("{}: {}", n["title"], n["body"]))
                .collect();
            titles.sort();
            titles
        }
    };
    // 3 days before Kiel's eAkte deadline (02.06.2025): its 14 online rules are open
    // (the test database has no demo orders). München's deadline is 16.06.
    let eakte_due = datetime!(2025-05-30 10:00 UTC);
    let told = app::services::reminders::run(&app.db, false, eakte_due)
        .await
        .unwrap();
    assert_eq!(told, 1, "aa-kiel, for the eAkte-Regelwerk only");
    let seen = titles().await;
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert!(
        seen[0].starts_with(
            "\"Frist der Weisung 202505010 endet in 3 Tagen (02.06.2025) – eAkte-Regelwerk\""
        ) && seen[0].contains("Kiel 14 eAkte-Regeln erfüllen"),
        "{seen:?}"
    );

    // 10 days before 01.07.2025: routing (4 Dienststellen) and the EZ team mailbox;
    // München is done with both.
    let july_due = datetime!(2025-06-21 10:00 UTC);
    let told = app::services::reminders::run(&app.db, false, july_due)
        .await
        .unwrap();
    assert_eq!(told, 2, "aa-kiel, once per obligation");
    let seen = titles().await;
    assert_eq!(seen.len(), 3, "{seen:?}");
    assert!(
        seen.iter().any(|t| t
            .starts_with("\"Frist der Weisung 202505010 endet in 10 Tagen (01.07.2025)\"")
            && t.contains("4 Dienststellen erfüllen")),
        "{seen:?}"
    );
    assert!(
        seen.iter().any(|t| t.starts_with(
            "\"Frist der Weisung 202505010 endet in 10 Tagen (01.07.2025) – E-Mail-Kommunikation\""
        ) && t.contains("1 Postfach erfüllt")),
        "{seen:?}"
    );
    // The same stage again: nothing new.
    assert_eq!(
        app::services::reminders::run(&app.db, false, july_due)
            .await
            .unwrap(),
        0
    );
}

both_databases!(
    online_change_notices_go_to_the_entrance_zone_from_july,
    reminders_count_down_to_each_obligations_own_deadline,
);
