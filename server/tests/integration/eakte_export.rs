//! RIM's CSV of eAkte items: what waits for implementation, with the rule, the old and
//! new Ziel-Postkorb and the new one's code; gone from that queue once implemented; only
//! in scope; audited.

use crate::both_databases;
use crate::common::{Backend, TestApp};
use crate::csv_files::{column, fetch, table};
use crate::eakte_rules::{postkorb, rule, set_postkorb};
use crate::orders::{act, file_empty_draft};

const PATH: &str = "/export/eakte-regeln.csv";

async fn rim_exports_the_eakte_rules_to_implement(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let rim = app.signed_in("rim-nord").await;
    let (entry, _) = rule(&app, "kiel", "Widerspruch", "online").await;
    let (_, number) = file_empty_draft(&aa).await;
    let number = number.as_str().unwrap().to_string();
    let kiel_ez = postkorb(&app, "Postkorb EZ Kiel").await;
    assert_eq!(set_postkorb(&aa, &number, entry, &kiel_ez).await.0, 200);
    let (_, bytes, _) = fetch(&rim, PATH).await;
    assert!(
        table(&bytes).1.iter().all(|r| r[0] != number),
        "a draft is not to implement"
    );

    assert_eq!(act(&aa, &number, "einreichen", "").await.0, 200);
    let (status, bytes, disposition) = fetch(&rim, PATH).await;
    assert_eq!(status, 200);
    assert!(disposition.contains("eakte-regeln-"), "{disposition}");
    let (header, rows) = table(&bytes);
    let row = rows
        .iter()
        .find(|r| r[0] == number)
        .unwrap_or_else(|| panic!("{number} in {rows:?}"));
    let cell = |name: &str| row[column(&header, name)].as_str();
    assert_eq!(cell("Status"), "Eingereicht");
    assert_eq!(cell("Agentur"), "Agentur für Arbeit Kiel");
    assert_eq!(cell("Aktentyp"), "1001 Alg");
    assert_eq!(cell("Dokumenttyp"), "Widerspruch");
    assert_eq!(cell("Dokumentart"), "Online-Dokument");
    assert_eq!(cell("Ziel-Postkorb alt"), "Postkorb LG Kiel");
    assert_eq!(cell("Ziel-Postkorb neu"), "Postkorb EZ Kiel");
    assert_eq!(cell("Postkorb-Kennung neu"), "kiel.kiel/ez");
    assert_eq!(cell("Basisversion"), "1");
    assert_eq!(cell("Umsetzung"), "");
    // The other kinds' exports have no row for it.
    for other in ["/export/auftraege.csv", "/export/postfacheinstellungen.csv"] {
        let (_, bytes, _) = fetch(&rim, other).await;
        assert!(table(&bytes).1.iter().all(|r| r[0] != number), "{other}");
    }

    assert_eq!(act(&rim, &number, "umsetzen", "").await.0, 200);
    let (_, bytes, _) = fetch(&rim, PATH).await;
    assert!(table(&bytes).1.iter().all(|r| r[0] != number));
    let (_, bytes, _) = fetch(&rim, &format!("{PATH}?status=umgesetzt")).await;
    let (header, rows) = table(&bytes);
    let row = rows
        .iter()
        .find(|r| r[0] == number)
        .expect("implemented row");
    assert!(
        row[column(&header, "Umsetzung")].starts_with("umgesetzt am "),
        "{row:?}"
    );

    // Only in scope: RD Bayern does not see Kiel's items, nor may it ask for Kiel; an
    // agency admin exports nothing.
    let bayern = app.signed_in("rd-bayern").await;
    let (_, bytes, _) = fetch(&bayern, &format!("{PATH}?status=alle")).await;
    assert!(table(&bytes).1.iter().all(|r| r[0] != number));
    assert_eq!(fetch(&bayern, &format!("{PATH}?agentur=kiel")).await.0, 403);
    let audit = app::db::audit::recent(&app.db, 10).await.unwrap();
    assert!(
        audit.iter().any(|a| a.object == "csv:eakte-regeln"),
        "{audit:?}"
    );
}

both_databases!(rim_exports_the_eakte_rules_to_implement);
