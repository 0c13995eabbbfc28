//! RIM's CSV of eAkte items: what waits for implementation, with the rule, the old and
//! new Ziel-Postkorb and the new one's code; gone from that queue once implemented; only
//! in scope; audited.

use crate::both_databases;
use crate::common::{Backend, TestApp};
use crate::csv_files::item_export_life;
use crate::eakte_rules::{postkorb, rule, set_postkorb};
use crate::orders::file_empty_draft;

async fn rim_exports_the_eakte_rules_to_implement(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let rim = app.signed_in("rim-nord").await;
    let (entry, _) = rule(&app, "kiel", "Widerspruch", "online").await;
    let (_, number) = file_empty_draft(&aa).await;
    let number = number.as_str().unwrap().to_string();
    let kiel_ez = postkorb(&app, "Postkorb EZ Kiel").await;
    assert_eq!(set_postkorb(&aa, &number, entry, &kiel_ez).await.0, 200);
    // The other kinds' exports have no row for it.
    let others = ["/export/auftraege.csv", "/export/postfacheinstellungen.csv"];
    item_export_life(
        &app,
        (&aa, &rim),
        &number,
        "eakte-regeln",
        &others,
        |cell| {
            assert_eq!(cell("Aktentyp"), "1001 Alg");
            assert_eq!(cell("Dokumenttyp"), "Widerspruch");
            assert_eq!(cell("Dokumentart"), "Online-Dokument");
            assert_eq!(cell("Ziel-Postkorb alt"), "Postkorb LG Kiel");
            assert_eq!(cell("Ziel-Postkorb neu"), "Postkorb EZ Kiel");
            assert_eq!(cell("Postkorb-Kennung neu"), "kiel.kiel/ez");
        },
    )
    .await;
}

both_databases!(rim_exports_the_eakte_rules_to_implement);
