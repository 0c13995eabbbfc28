//! Directives and compliance: the dashboards per role follow the orders through their
//! life cycle; the pre-filled order; the Anliegen limit of a directive.

use crate::both_databases;
use crate::common::{Backend, Client, TestApp};
use crate::orders::{act, draft, order, rev, KIEL};
use serde_json::Value;

const EGZ: &str = "202509011";
/// Kiel's four Dienststellen all still route the Anliegen to the Eingangszone.
const KIEL_OFFICES: usize = 4;

async fn directive(c: &Client, args: &[(&str, &str)]) -> (u16, Value) {
    let mut form = vec![("nummer", EGZ)];
    form.extend_from_slice(args);
    c.call_json("weisung", &form).await
}

/// (status code, number of Dienststellen with it) at Kiel's level, as aa-kiel sees it.
async fn kiel_tally(aa: &Client) -> Value {
    let (status, d) = directive(aa, &[]).await;
    assert_eq!(status, 200, "{d}");
    assert!(d["level"]["Offices"].is_object(), "{}", d["level"]);
    d["tally"].clone()
}

fn counts(t: &Value) -> (u64, u64, u64, u64) {
    let n = |k: &str| t[k].as_u64().unwrap();
    (n("met"), n("underway"), n("open"), n("overdue"))
}

/// Files the pre-filled draft for Kiel answering `directive` and returns its number.
pub(crate) async fn prefilled_draft(aa: &Client, directive: &str) -> String {
    prefilled_draft_for(aa, directive, "").await
}

/// A pre-filled draft for Kiel with the items of one obligation (`pflicht`: its kind's
/// code; empty for all of them).
pub(crate) async fn prefilled_draft_for(aa: &Client, directive: &str, pflicht: &str) -> String {
    let (status, number) = aa
        .call_json(
            "auftrag/anlegen",
            &[
                ("agentur", "kiel"),
                (
                    "begruendung",
                    &format!("Umsetzung der Weisung {directive} in allen Dienststellen"),
                ),
                ("wirksam_ab", "31.12.2099"),
                ("weisung", directive),
                ("vorbefuellen", "true"),
                ("pflicht", pflicht),
            ],
        )
        .await;
    assert_eq!(status, 200, "{number}");
    number.as_str().unwrap().to_string()
}

async fn compliance_follows_the_order_through_its_life_cycle(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let rd = app.signed_in("rd-nord").await;
    let rim = app.signed_in("rim-nord").await;
    // The deadline (06.10.2025) has passed: open Dienststellen are overdue.
    let (status, d) = directive(&aa, &[]).await;
    assert_eq!(status, 200, "{d}");
    assert_eq!(d["summary"]["deadline"], "06.10.2025");
    assert_eq!(d["summary"]["deadline_passed"], true);
    assert_eq!(d["limited_to_concern"], true);
    assert_eq!(d["concern"], "Anfrage Eingliederungszuschuss");
    assert_eq!(d["offices"].as_array().unwrap().len(), KIEL_OFFICES);
    assert_eq!(counts(&d["tally"]), (0, 0, 0, KIEL_OFFICES as u64));
    assert_eq!(d["can_prefill"], true);

    // The start page lists the directive with every open Dienststelle.
    let (_, start) = aa.call_json("start", &[]).await;
    let mine = &start["agency_directives"][0];
    assert_eq!(mine["summary"]["number"], EGZ);
    assert_eq!(mine["open_offices"].as_array().unwrap().len(), KIEL_OFFICES);

    // The form previews exactly the changes that make them comply.
    let (status, form) = aa
        .call_json("auftrag/formular", &[("weisung", EGZ), ("agentur", "kiel")])
        .await;
    assert_eq!(status, 200, "{form}");
    let items = form["prefill"]["items"].as_array().unwrap();
    assert_eq!(items.len(), KIEL_OFFICES);
    assert!(items.iter().all(|i| i["proposed"]
        .as_str()
        .unwrap()
        .contains("Arbeitgeber-Service")));

    let number = prefilled_draft(&aa, EGZ).await;
    let o = order(&aa, &number).await;
    assert_eq!(o["items"].as_array().unwrap().len(), KIEL_OFFICES);
    assert_eq!(
        counts(&kiel_tally(&aa).await),
        (0, 0, 0, 4),
        "a draft counts for nothing"
    );

    assert_eq!(act(&aa, &number, "einreichen", "").await.0, 200);
    assert_eq!(
        counts(&kiel_tally(&aa).await),
        (0, 0, 0, 4),
        "submitted after the deadline: still overdue"
    );
    let (_, d) = directive(&aa, &[]).await;
    assert!(d["offices"]
        .as_array()
        .unwrap()
        .iter()
        .all(|o| o["order"] == number.as_str() && o["status_code"] == "ueberfaellig"));
    assert_eq!(d["can_prefill"], false, "the order is on its way");
    let (_, start) = aa.call_json("start", &[]).await;
    let mine = &start["agency_directives"][0];
    assert_eq!(mine["open_offices"].as_array().unwrap().len(), 0);

    let reason = "Bitte die Benachrichtigungsadressen prüfen.";
    assert_eq!(act(&rd, &number, "zurueckgeben", reason).await.0, 200);
    let (_, d) = directive(&aa, &[]).await;
    assert_eq!(counts(&d["tally"]), (0, 0, 0, 4), "sent back");
    assert!(
        d["offices"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["order"].is_null()),
        "sent back: no order on its way"
    );
    assert_eq!(d["can_prefill"], true);
    assert_eq!(act(&aa, &number, "einreichen", "").await.0, 200);
    assert_eq!(act(&rd, &number, "genehmigen", "").await.0, 200);
    assert_eq!(
        counts(&kiel_tally(&aa).await),
        (0, 0, 0, 4),
        "approved after the deadline: still overdue"
    );

    // The RD's dashboard shows its agencies, Kiel among the worst.
    let (status, region) = directive(&rd, &[]).await;
    assert_eq!(status, 200, "{region}");
    assert_eq!(region["level"]["Agencies"]["region_code"], "nord");
    let groups = region["groups"].as_array().unwrap();
    let kiel = groups.iter().find(|g| g["code"] == "kiel").unwrap();
    assert_eq!(kiel["tally"]["status_code"], "ueberfaellig");
    let ranks: Vec<&str> = groups
        .iter()
        .map(|g| g["tally"]["status_code"].as_str().unwrap())
        .collect();
    let rank = |s: &str| {
        ["ueberfaellig", "offen", "unterwegs", "erfuellt"]
            .iter()
            .position(|x| *x == s)
    };
    assert!(
        ranks.windows(2).all(|w| rank(w[0]) <= rank(w[1])),
        "{ranks:?}"
    );

    let (status, e) = act(&rim, &number, "umsetzen", "").await;
    assert_eq!(status, 200, "{e}");
    assert_eq!(
        counts(&kiel_tally(&aa).await),
        (4, 0, 0, 0),
        "implemented: met"
    );
    let (_, d) = directive(&aa, &[]).await;
    assert_eq!(d["tally"]["percent_met"], 100);
    assert_eq!(d["can_prefill"], false);
    let (status, _) = aa
        .call_json(
            "auftrag/anlegen",
            &[
                ("agentur", "kiel"),
                ("begruendung", "Nichts mehr offen, trotzdem versucht"),
                ("wirksam_ab", "31.12.2099"),
                ("weisung", EGZ),
                ("vorbefuellen", "true"),
            ],
        )
        .await;
    assert_eq!(status, 409, "nothing left to pre-fill");

    // The Zentrale sees all RDs side by side and drills down to Kiel.
    let zentrale = app.signed_in("zentrale").await;
    let (_, all) = directive(&zentrale, &[]).await;
    assert_eq!(all["level"], "Regions");
    assert_eq!(all["groups"].as_array().unwrap().len(), 10);
    let (_, nord) = directive(&zentrale, &[("rd", "nord")]).await;
    let kiel = nord["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["code"] == "kiel")
        .unwrap()
        .clone();
    assert_eq!(kiel["tally"]["status_code"], "erfuellt");
    assert_eq!(kiel["href"], "/weisungen/202509011?agentur=kiel");
}

async fn a_rejected_order_leaves_the_dienststelle_open(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let rd = app.signed_in("rd-nord").await;
    let number = draft(&app, &aa, &[KIEL]).await;
    assert_eq!(act(&aa, &number, "einreichen", "").await.0, 200);
    // Past the deadline all four stay overdue; one has its order named.
    assert_eq!(counts(&kiel_tally(&aa).await), (0, 0, 0, 4));
    assert_eq!(offices_with_an_order(&aa).await, 1);
    // The reviewer's start page counts the inbox; the directive is overdue in the region.
    let (_, start) = rd.call_json("start", &[]).await;
    let texts: Vec<&str> = start["attention"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["text"].as_str().unwrap())
        .collect();
    assert!(
        texts.contains(&"1 eingereichter Auftrag wartet auf die Prüfung."),
        "{texts:?}"
    );
    // 202509011 (Dienststellen) and 202505010 (EZ mailboxes, 01.07.2025) are overdue.
    assert!(
        texts.contains(&"2 Weisungen sind in Ihrem Bereich überfällig."),
        "{texts:?}"
    );
    assert_eq!(
        act(
            &rd,
            &number,
            "ablehnen",
            "Bitte erst mit dem AG-S abstimmen."
        )
        .await
        .0,
        200
    );
    assert_eq!(counts(&kiel_tally(&aa).await), (0, 0, 0, 4));
    assert_eq!(
        offices_with_an_order(&aa).await,
        0,
        "rejected: none on its way"
    );
}

async fn offices_with_an_order(aa: &Client) -> usize {
    let (_, d) = directive(aa, &[]).await;
    let offices = d["offices"].as_array().unwrap();
    offices.iter().filter(|o| !o["order"].is_null()).count()
}

async fn compliance_is_scoped(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    assert_eq!(directive(&aa, &[("agentur", "muenchen")]).await.0, 403);
    assert_eq!(directive(&aa, &[("rd", "bayern")]).await.0, 403);
    // Its own RD shows only Kiel.
    let (status, nord) = directive(&aa, &[("rd", "nord")]).await;
    assert_eq!(status, 200, "{nord}");
    let codes: Vec<&str> = nord["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["kiel"]);
    let (_, list) = aa.call_json("weisungen", &[]).await;
    assert_eq!(list["can_manage"], false);
    let list = list["directives"].clone();
    let egz = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["number"] == EGZ)
        .unwrap();
    assert_eq!(egz["tally"]["total"], KIEL_OFFICES as u64);
    // Directives without a routing rule are listed, but not measured.
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["tally"].is_null()));
    // Someone else's agency cannot be pre-filled, nor a directive that does not exist.
    let (status, _) = aa
        .call_json(
            "auftrag/formular",
            &[("weisung", EGZ), ("agentur", "muenchen")],
        )
        .await;
    assert_eq!(status, 403);
    assert_eq!(
        aa.call_json("weisung", &[("nummer", "209901001")]).await.0,
        404
    );
    assert_eq!(
        app.client()
            .call_json("weisung", &[("nummer", EGZ)])
            .await
            .0,
        401
    );
}

/// Adds an item for "an-nachweise" (not the directive's Anliegen) to an order.
async fn add_nachweise_item(aa: &Client, number: &str, mailbox: &str, area: &str) -> (u16, Value) {
    let o = order(aa, number).await;
    aa.call_json(
        "auftrag/position",
        &[
            ("nummer", number),
            ("revision", &rev(&o)),
            ("dienststelle", "kiel.kiel"),
            ("anliegen", "an-nachweise"),
            ("postfach", mailbox),
            ("bereich", area),
            ("adressen", "kiel.leistung-team2@arbeitsagentur.de"),
        ],
    )
    .await
}

async fn orders_answering_a_limited_directive_touch_only_its_anliegen(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let number = prefilled_draft(&aa, EGZ).await;
    let (m, a) = crate::orders::mailbox(&app, "kiel.leistungsgewaehrung@arbeitsagentur.de").await;
    let (status, e) = add_nachweise_item(&aa, &number, &m, &a).await;
    assert_eq!(status, 422, "{e}");
    assert!(
        e.to_string().contains("Weisung 202509011")
            && e.to_string().contains("Anfrage Eingliederungszuschuss"),
        "{e}"
    );

    // An order with another Anliegen cannot be turned into an answer to the directive.
    let (status, other) = aa
        .call_json(
            "auftrag/anlegen",
            &[
                ("agentur", "kiel"),
                ("begruendung", "Nachweise künftig an die Leistungsgewährung"),
                ("wirksam_ab", "31.12.2099"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let other = other.as_str().unwrap().to_string();
    let (status, e) = add_nachweise_item(&aa, &other, &m, &a).await;
    assert_eq!(status, 200, "{e}");
    let o = order(&aa, &other).await;
    let (status, e) = aa
        .call_json(
            "auftrag/angaben",
            &[
                ("nummer", &other),
                ("revision", &rev(&o)),
                ("begruendung", "Nachweise künftig an die Leistungsgewährung"),
                ("wirksam_ab", "31.12.2099"),
                ("weisung", EGZ),
            ],
        )
        .await;
    assert_eq!(status, 422, "{e}");
    assert!(e.to_string().contains("Weisung 202509011"), "{e}");
}

/// The register form as the Zentrale sends it, with a relative deadline and a rule.
fn register_form<'a>(number: &'a str, revision: Option<&'a str>) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("nummer", number),
        ("titel", "Arbeitgeberanfragen zur Eingliederung bündeln"),
        ("vom", "02.11.2026"),
        ("gueltig_ab", "02.11.2026"),
        ("gueltig_bis", ""),
        ("rechtskreis", "SGB III"),
        ("geschaeftszeichen", "KPI4 – 6801.4"),
        ("fristart", "relativ"),
        ("frist", ""),
        ("umstellung", "01.03.2099"),
        ("tage_vorher", "14"),
        (
            "auftrag",
            "Anliegen an den Arbeitgeber-Service der Dienststelle routen.",
        ),
        ("anliegen", "ag-egz"),
        ("bereich", "ags"),
        ("postfach_bereich", ""),
        ("benachrichtigung", "ja"),
        ("nur_anliegen", "ja"),
        ("geltungsbereich", "nord, muenchen"),
    ];
    if let Some(r) = revision {
        form.push(("revision", r));
    }
    form
}

/// Before its deadline an order on its way counts as "unterwegs"; once the deadline
/// passes, only the live configuration counts, and the order stays named.
async fn an_order_on_its_way_counts_until_the_deadline(backend: Backend) {
    let app = TestApp::start(backend).await;
    let zentrale = app.signed_in("zentrale").await;
    let aa = app.signed_in("aa-kiel").await;
    let future = "209902001";
    let (status, n) = zentrale
        .call_json("weisung/speichern", &register_form(future, None))
        .await;
    assert_eq!(status, 200, "{n}");
    let tally = |number: &'static str| {
        let aa = aa.clone();
        async move {
            let (status, d) = aa.call_json("weisung", &[("nummer", number)]).await;
            assert_eq!(status, 200, "{d}");
            counts(&d["tally"])
        }
    };
    assert_eq!(
        tally(future).await,
        (0, 0, 4, 0),
        "before the deadline: open"
    );
    let number = prefilled_draft(&aa, future).await;
    assert_eq!(act(&aa, &number, "einreichen", "").await.0, 200);
    assert_eq!(tally(future).await, (0, 4, 0, 0), "submitted: underway");
    let (_, start) = aa.call_json("start", &[]).await;
    let panel = start["agency_directives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["summary"]["number"] == future)
        .unwrap()
        .clone();
    assert_eq!(panel["open_offices"].as_array().unwrap().len(), 0);
    assert_eq!(panel["can_prefill"], false);
    // The same order answers 202509011 too (same rule), whose deadline has passed.
    assert_eq!(tally(EGZ).await, (0, 0, 0, 4), "past the deadline: overdue");
}

async fn the_zentrale_maintains_the_register(backend: Backend) {
    let app = TestApp::start(backend).await;
    let zentrale = app.signed_in("zentrale").await;
    let aa = app.signed_in("aa-kiel").await;
    let (status, n) = zentrale
        .call_json("weisung/speichern", &register_form("209902001", None))
        .await;
    assert_eq!(status, 200, "{n}");
    let (_, d) = zentrale
        .call_json("weisung", &[("nummer", "209902001")])
        .await;
    assert_eq!(
        d["summary"]["deadline"], "15.02.2099",
        "14 days before 01.03.2099"
    );
    assert_eq!(
        d["deadline_rule"],
        "2 Wochen vor dem Umstellungstermin 01.03.2099 → 15.02.2099"
    );
    assert_eq!(
        d["applies_to"],
        "Agentur für Arbeit München, Regionaldirektion Nord"
    );
    assert_eq!(d["conditions"].as_array().unwrap().len(), 2);
    assert_eq!(d["can_edit"], true);
    // Only RD Nord and München are measured: 2 RDs at the top level.
    assert_eq!(d["groups"].as_array().unwrap().len(), 2);
    // It applies to Kiel, and Kiel's admin sees it, not to every agency.
    assert_eq!(
        aa.call_json("weisung", &[("nummer", "209902001")]).await.0,
        200
    );
    let bayern = app.signed_in("rd-bayern").await;
    let (_, list) = bayern.call_json("weisungen", &[]).await;
    assert!(
        list["directives"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["number"] == "209902001"),
        "München is in Bayern"
    );

    // Only the Zentrale maintains it.
    assert_eq!(
        aa.call_json("weisung/speichern", &register_form("209902002", None))
            .await
            .0,
        403
    );
    assert_eq!(aa.call_json("weisung/formular", &[]).await.0, 403);
    // Numbers are unique; fields are checked with German messages.
    let (status, e) = zentrale
        .call_json("weisung/speichern", &register_form("209902001", None))
        .await;
    assert_eq!(status, 422);
    assert!(e.to_string().contains("gibt es bereits"), "{e}");
    let mut bad = register_form("2099", None);
    bad.retain(|(k, _)| *k != "geltungsbereich");
    bad.push(("geltungsbereich", "atlantis"));
    let (status, e) = zentrale.call_json("weisung/speichern", &bad).await;
    assert_eq!(status, 422);
    assert!(
        e.to_string().contains("JJJJMMNNN") && e.to_string().contains("atlantis"),
        "{e}"
    );

    // Editing checks the revision the user saw.
    let (_, form) = zentrale
        .call_json("weisung/formular", &[("nummer", "209902001")])
        .await;
    assert_eq!(form["days_before"], "14");
    assert_eq!(form["applies_to"], "muenchen, nord");
    let mut changed = register_form("209902001", Some("1"));
    changed.retain(|(k, _)| *k != "geltungsbereich");
    changed.push(("geltungsbereich", ""));
    assert_eq!(
        zentrale.call_json("weisung/speichern", &changed).await.0,
        200
    );
    let (status, e) = zentrale.call_json("weisung/speichern", &changed).await;
    assert_eq!(status, 409, "{e}");
    let (_, d) = zentrale
        .call_json("weisung", &[("nummer", "209902001")])
        .await;
    assert_eq!(d["applies_to"], "alle Agenturen");
    assert_eq!(d["groups"].as_array().unwrap().len(), 10);
    let audit: Vec<String> = app::db::audit::recent(&app.db, 50)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.object == "weisung:209902001" && r.outcome == "erfolg")
        .map(|r| r.action)
        .collect();
    assert_eq!(audit, ["weisung-geaendert", "weisung-angelegt"]);
}

both_databases!(
    the_zentrale_maintains_the_register,
    an_order_on_its_way_counts_until_the_deadline,
    compliance_follows_the_order_through_its_life_cycle,
    a_rejected_order_leaves_the_dienststelle_open,
    compliance_is_scoped,
    orders_answering_a_limited_directive_touch_only_its_anliegen,
);
