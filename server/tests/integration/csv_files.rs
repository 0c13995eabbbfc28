//! CSV exports (scope, filters, Excel layout, injection) and the CSV import (preview with
//! row errors, all-or-nothing confirmation) on both databases.

use crate::both_databases;
use crate::common::{Backend, Client, TestApp};
use crate::orders::{act, mailbox, order, rev, KIEL};
use app::domain::calendar::format_berlin;
use app::on_db;
use serde_json::Value;

pub(crate) const BOM: &[u8] = b"\xEF\xBB\xBF";
const FORMULA: &str = "=HYPERLINK(\"http://example.invalid\";\"Kiel\")";

/// (status, body bytes) of a GET.
pub(crate) async fn fetch(c: &Client, path: &str) -> (u16, Vec<u8>, String) {
    let res = c.get(path).await;
    let status = res.status().as_u16();
    let disposition = res
        .headers()
        .get("content-disposition")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, res.bytes().await.unwrap().to_vec(), disposition)
}

/// Header and rows of a downloaded CSV, checked for Excel's layout on the way.
pub(crate) fn table(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    assert!(bytes.starts_with(BOM), "UTF-8 with BOM");
    let text = std::str::from_utf8(&bytes[BOM.len()..]).unwrap();
    assert!(text.ends_with("\r\n"), "CRLF");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

pub(crate) fn column(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("{name} in {header:?}"))
}

/// The queue life every single-value kind's item export (`/export/{stem}.csv`) shares,
/// for Kiel's draft `number` holding one item of that kind: not listed as a draft;
/// listed once submitted, its cells read by `check_row` (status "Eingereicht", base
/// version 1, not implemented yet checked here); in none of the `others`; gone once RIM
/// implements it but listed under status=umgesetzt; neither shown to nor asked for
/// Kiel by RD Bayern; audited as `csv:{stem}`.
pub(crate) async fn item_export_life(
    app: &TestApp,
    (aa, rim): (&Client, &Client),
    number: &str,
    stem: &str,
    others: &[&str],
    check_row: impl Fn(&dyn Fn(&str) -> String),
) {
    let path = format!("/export/{stem}.csv");
    let listed = |bytes: &[u8]| table(bytes).1.iter().any(|r| r[0] == number);
    assert!(
        !listed(&fetch(rim, &path).await.1),
        "a draft is not to implement"
    );

    assert_eq!(
        crate::orders::act(aa, number, "einreichen", "").await.0,
        200
    );
    let (status, bytes, disposition) = fetch(rim, &path).await;
    assert_eq!(status, 200);
    assert!(disposition.contains(&format!("{stem}-")), "{disposition}");
    let (header, rows) = table(&bytes);
    let row = rows
        .iter()
        .find(|r| r[0] == number)
        .unwrap_or_else(|| panic!("{number} in {rows:?}"));
    let cell = |name: &str| row[column(&header, name)].clone();
    assert_eq!(cell("Status"), "Eingereicht");
    assert_eq!(cell("Agentur"), "Agentur für Arbeit Kiel");
    assert_eq!(cell("Basisversion"), "1");
    assert_eq!(cell("Umsetzung"), "");
    check_row(&cell);
    for other in others {
        assert!(!listed(&fetch(rim, other).await.1), "{other}");
    }

    assert_eq!(crate::orders::act(rim, number, "umsetzen", "").await.0, 200);
    assert!(!listed(&fetch(rim, &path).await.1));
    let (_, bytes, _) = fetch(rim, &format!("{path}?status=umgesetzt")).await;
    let (header, rows) = table(&bytes);
    let row = rows
        .iter()
        .find(|r| r[0] == number)
        .expect("implemented row");
    assert!(
        row[column(&header, "Umsetzung")].starts_with("umgesetzt am "),
        "{row:?}"
    );

    let bayern = app.signed_in("rd-bayern").await;
    assert!(!listed(
        &fetch(&bayern, &format!("{path}?status=alle")).await.1
    ));
    assert_eq!(fetch(&bayern, &format!("{path}?agentur=kiel")).await.0, 403);
    let audit = app::db::audit::recent(&app.db, 10).await.unwrap();
    let object = format!("csv:{stem}");
    assert!(audit.iter().any(|a| a.object == object), "{audit:?}");
}

/// Files a one-item draft (the agency's main office, Anliegen EGZ to `address`).
async fn file_order(app: &TestApp, c: &Client, agency: &str, address: &str) -> String {
    let (status, number) = c
        .call_json(
            "auftrag/anlegen",
            &[
                ("agentur", agency),
                ("begruendung", "Umstellung auf den Arbeitgeber-Service"),
                ("wirksam_ab", "31.12.2099"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{number}");
    let number = number.as_str().unwrap().to_string();
    let (m, a) = mailbox(app, address).await;
    let o = order(c, &number).await;
    let office = format!("{agency}.{agency}");
    // One more address, so the item changes something whatever the live routing says.
    let addresses = format!("{address}\nexport-test@arbeitsagentur.de");
    let (status, e) = c
        .call_json(
            "auftrag/position",
            &[
                ("nummer", &number),
                ("revision", &rev(&o)),
                ("dienststelle", &office),
                ("anliegen", "ag-egz"),
                ("postfach", &m),
                ("bereich", &a),
                ("adressen", &addresses),
            ],
        )
        .await;
    assert_eq!(status, 200, "{e}");
    number
}

async fn order_items_follow_scope_and_filters(backend: Backend) {
    let app = TestApp::start(backend).await;
    // A display name is free text that lands in the export: Excel must never run it.
    let db = &app.db;
    on_db!(db, pool => sqlx::query("UPDATE users SET display_name = $1 WHERE username = 'aa-kiel'")
        .bind(FORMULA).execute(pool).await.map(|_| ()).unwrap());
    let aa = app.signed_in("aa-kiel").await;
    let kiel = file_order(&app, &aa, "kiel", KIEL.1).await;
    assert_eq!(act(&aa, &kiel, "einreichen", "").await.0, 200);
    let rd = app.signed_in("rd-nord").await;
    assert_eq!(act(&rd, &kiel, "genehmigen", "").await.0, 200);
    file_order(&app, &aa, "kiel", KIEL.1).await; // a draft: not for RIM by default
    let muenchen = app.signed_in("aa-muenchen").await;
    file_order(
        &app,
        &muenchen,
        "muenchen",
        "muenchen.arbeitgeber-service@arbeitsagentur.de",
    )
    .await;

    let rim = app.signed_in("rim-nord").await;
    let (status, bytes, disposition) = fetch(&rim, "/export/auftraege.csv").await;
    assert_eq!(status, 200);
    assert!(
        disposition.starts_with("attachment; filename=\"auftragspositionen-"),
        "{disposition}"
    );
    let (header, rows) = table(&bytes);
    assert_eq!(header[0], "Auftragsnummer");
    assert_eq!(header.len(), 21);
    let (state, rd, date) = (
        column(&header, "Status"),
        column(&header, "RD"),
        column(&header, "Wirksam ab"),
    );
    assert!(
        !rows.is_empty(),
        "rim-nord has an approved order to implement"
    );
    for r in &rows {
        assert_eq!(r[state], "Genehmigt", "default: what RIM has to implement");
        assert!(r[rd].contains("Nord"), "{r:?}");
        assert!(
            time::Date::parse(
                &r[date],
                time::macros::format_description!("[day].[month].[year]")
            )
            .is_ok(),
            "TT.MM.JJJJ: {}",
            r[date]
        );
        assert!(r[column(&header, "Genehmigt von")].len() > 2);
    }
    // The Kiel order's row says exactly what the database holds.
    let number = column(&header, "Auftragsnummer");
    let row = rows
        .iter()
        .find(|r| r[number] == kiel)
        .expect("the approved order");
    let (submitted, decided): (time::OffsetDateTime, time::OffsetDateTime) = on_db!(db, pool => sqlx::query_as(
        "SELECT submitted_at, decided_at FROM orders WHERE number = $1")
        .bind(&kiel).fetch_one(pool).await.unwrap());
    let cell = |name: &str| row[column(&header, name)].as_str();
    assert_eq!(cell("Gestellt am"), format_berlin(submitted));
    assert_eq!(cell("Genehmigt am"), format_berlin(decided));
    assert_eq!(cell("Genehmigt von"), "Prüfung RD Nord");
    assert_eq!(cell("Dienststelle-Nr."), KIEL.0);
    assert_eq!(cell("Zielpostfach neu"), KIEL.1);
    assert_eq!(
        cell("Benachrichtigungsadressen neu"),
        format!("{}, export-test@arbeitsagentur.de", KIEL.1)
    );
    assert!(
        cell("Anliegen").contains("Eingliederungszuschuss"),
        "{row:?}"
    );
    assert!(!cell("Bereich neu").is_empty() && !cell("Bereich alt").is_empty());
    assert_eq!(cell("Basisversion"), "1");
    let filed_by = column(&header, "Gestellt von");
    assert!(
        rows.iter().any(|r| r[filed_by] == format!("'{FORMULA}")),
        "neutralised"
    );
    assert!(rows
        .iter()
        .all(|r| r.iter().all(|c| !c.starts_with(['=', '+', '-', '@']))));
    // Every state, still only Nord.
    let (_, bytes, _) = fetch(&rim, "/export/auftraege.csv?status=alle").await;
    let (_, all) = table(&bytes);
    assert!(all.len() > rows.len());
    assert!(
        all.iter().all(|r| r[rd].contains("Nord")),
        "rim-nord never sees Bayern"
    );
    // Filters narrow, never widen.
    let (_, bytes, _) = fetch(&rim, "/export/auftraege.csv?status=alle&bis=01.01.2000").await;
    assert!(table(&bytes).1.is_empty());
    for path in [
        "/export/auftraege.csv?rd=bayern",
        "/export/auftraege.csv?agentur=muenchen",
    ] {
        assert_eq!(fetch(&rim, path).await.0, 403, "{path}");
    }
    assert_eq!(
        fetch(&rim, "/export/auftraege.csv?status=quatsch").await.0,
        400
    );
    assert_eq!(
        fetch(&rim, "/export/auftraege.csv?von=32.13.2020").await.0,
        422
    );
    let zentrale = app.signed_in("zentrale").await;
    let (_, bytes, _) = fetch(&zentrale, "/export/auftraege.csv?status=alle").await;
    let (_, everything) = table(&bytes);
    assert!(everything.iter().any(|r| r[rd].contains("Bayern")));
    assert!(everything.iter().any(|r| r[rd].contains("Nord")));
    let (_, bytes, _) = fetch(&zentrale, "/export/auftraege.csv?status=alle&rd=bayern").await;
    assert!(table(&bytes).1.iter().all(|r| r[rd].contains("Bayern")));
    // Agency admins file orders; they do not export them. Nobody without a session.
    let aa = app.signed_in("aa-kiel").await;
    assert_eq!(fetch(&aa, "/export/auftraege.csv").await.0, 403);
    assert_eq!(fetch(&app.client(), "/export/auftraege.csv").await.0, 401);
}

async fn configuration_and_audit_exports(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let (status, bytes, _) = fetch(&aa, "/export/konfiguration.csv?agentur=kiel").await;
    assert_eq!(status, 200);
    let (header, rows) = table(&bytes);
    let agency = column(&header, "Agentur");
    let db = &app.db;
    let live: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM routing_versions v JOIN routing_entries e ON e.id = v.entry_id
         JOIN offices o ON o.id = e.office_id JOIN agencies a ON a.id = o.agency_id
         WHERE v.valid_until IS NULL AND a.code = 'kiel'").fetch_one(pool).await.unwrap());
    assert_eq!(rows.len() as i64, live, "one row per live entry");
    assert!(rows.iter().all(|r| r[agency].contains("Kiel")));
    // Without a filter: the scope decides (aa-kiel: Kiel only).
    let (_, bytes, _) = fetch(&aa, "/export/konfiguration.csv").await;
    assert_eq!(table(&bytes).1.len() as i64, live);
    assert_eq!(
        fetch(&aa, "/export/konfiguration.csv?agentur=muenchen")
            .await
            .0,
        403
    );
    assert_eq!(fetch(&aa, "/export/protokoll.csv").await.0, 403);

    let zentrale = app.signed_in("zentrale").await;
    let (status, bytes, _) = fetch(&zentrale, "/export/protokoll.csv").await;
    assert_eq!(status, 200);
    let (header, rows) = table(&bytes);
    let user = column(&header, "Benutzer");
    assert!(rows.iter().any(|r| r[user] == "aa-kiel"));
    // Exports are audited.
    assert!(rows
        .iter()
        .any(|r| r[column(&header, "Objekt")] == "csv:konfiguration"));
    let (_, bytes, _) = fetch(
        &zentrale,
        "/export/protokoll.csv?von=01.01.2000&bis=31.12.2000",
    )
    .await;
    assert!(table(&bytes).1.is_empty());
}

async fn master_data_export_lists_every_mailbox_in_scope(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let (status, bytes, _) = fetch(&aa, "/export/stammdaten.csv").await;
    assert_eq!(status, 200);
    assert!(bytes.starts_with(BOM), "Excel reads it as UTF-8");
    let (header, rows) = table(&bytes);
    assert_eq!(header, app::domain::master_data::MASTER_DATA_COLUMNS);
    let db = &app.db;
    let (mailboxes, empty_offices): (i64, i64) = on_db!(db, pool => sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM mailboxes m JOIN offices o ON o.id = m.office_id
                 JOIN agencies a ON a.id = o.agency_id WHERE a.code = 'kiel'),
                (SELECT COUNT(*) FROM offices o JOIN agencies a ON a.id = o.agency_id
                 WHERE a.code = 'kiel' AND NOT EXISTS (SELECT 1 FROM mailboxes m WHERE m.office_id = o.id))")
        .fetch_one(pool).await.unwrap());
    assert_eq!(
        rows.len() as i64,
        mailboxes + empty_offices,
        "aa-kiel: Kiel only"
    );
    let (agency, address, kind, area) = (
        column(&header, "Agentur-Kürzel"),
        column(&header, "Postfach"),
        column(&header, "Postfachart"),
        column(&header, "Bereich-Kürzel"),
    );
    assert!(rows.iter().all(|r| r[agency] == "kiel"));
    let ez = rows
        .iter()
        .find(|r| r[address] == "kiel.eingangszone@arbeitsagentur.de")
        .expect("Kiel's Eingangszone");
    assert_eq!(
        (ez[kind].as_str(), ez[area].as_str()),
        ("Funktionspostfach", "ez")
    );
    assert_eq!(
        fetch(&aa, "/export/stammdaten.csv?agentur=muenchen")
            .await
            .0,
        403
    );

    let zentrale = app.signed_in("zentrale").await;
    let (_, bytes, _) = fetch(&zentrale, "/export/stammdaten.csv?rd=bayern").await;
    let (header, rows) = table(&bytes);
    let region = column(&header, "RD-Kürzel");
    assert!(!rows.is_empty() && rows.iter().all(|r| r[region] == "bayern"));
    let (_, bytes, _) = fetch(&zentrale, "/export/protokoll.csv").await;
    let (header, rows) = table(&bytes);
    assert!(rows
        .iter()
        .any(|r| r[column(&header, "Objekt")] == "csv:stammdaten"));
}

/// Uploads a file as the upload form does; returns the redirect target.
pub(crate) async fn upload(c: &Client, agency: &str, name: &str, bytes: Vec<u8>) -> String {
    let form = reqwest::multipart::Form::new()
        .text("agentur", agency.to_string())
        .part(
            "datei",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
        );
    let res = c
        .http
        .post(format!("{}/import/hochladen", c.base))
        .header("origin", &c.base)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    res.headers()["location"].to_str().unwrap().to_string()
}

pub(crate) async fn preview(c: &Client, location: &str) -> (u16, Value) {
    let token = location.strip_prefix("/import/").unwrap();
    c.call_json("import/vorschau", &[("kennung", token)]).await
}

/// Kiel's configuration export with Kiel's main office's EGZ entry moved to the AG-S
/// mailbox and one more row changed; `broken`: a third row gets an invalid address and a
/// München row is appended.
async fn edited_export(c: &Client, broken: bool) -> Vec<u8> {
    let (_, bytes, _) = fetch(c, "/export/konfiguration.csv?agentur=kiel").await;
    let text = String::from_utf8(bytes[BOM.len()..].to_vec()).unwrap();
    let mut out = String::new();
    let (mut changed_addresses, mut broke) = (false, !broken);
    for (i, line) in text.split("\r\n").enumerate() {
        if line.is_empty() {
            continue;
        }
        let mut cells: Vec<String> = line.split(';').map(String::from).collect();
        if i > 0 && cells[2] == KIEL.0 && cells[4] == "Anfrage Eingliederungszuschuss" {
            cells[5] = "Arbeitgeber-Service".into();
            cells[6] = KIEL.1.into();
        } else if i > 0 && !changed_addresses && cells[2] == KIEL.0 {
            cells[8] = "neu@arbeitsagentur.de".into();
            changed_addresses = true;
        } else if i > 0 && !broke && cells[2] == KIEL.0 {
            cells[8] = "kein-at-zeichen".into();
            broke = true;
        }
        out.push_str(&cells.join(";"));
        out.push_str("\r\n");
    }
    if broken {
        out.push_str(MUNICH_ROW);
    }
    out.into_bytes()
}

const MUNICH_ROW: &str = "RD Bayern;München;muenchen.muenchen;x;Kurzarbeitergeld;Operativer Service;x@arbeitsagentur.de;;;;;\r\n";

async fn import_previews_and_files_all_or_nothing(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let file = edited_export(&aa, true).await;
    let location = upload(&aa, "kiel", "kiel.csv", file).await;
    assert!(location.starts_with("/import/"), "{location}");
    let (status, p) = preview(&aa, &location).await;
    assert_eq!(status, 200, "{p}");
    assert_eq!(p["changes"], 2, "{p}");
    assert_eq!(p["error_rows"], 2, "{p}");
    let errors: Vec<String> = p["rows"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| {
            r["errors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| format!("{}: {}", e[0], e[1]))
        })
        .collect();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("Benachrichtigungsadressen")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("außerhalb Ihres Zuständigkeitsbereichs")),
        "{errors:?}"
    );
    // Another user cannot see (or confirm) the upload.
    let other = app.signed_in("rd-nord").await;
    assert_eq!(preview(&other, &location).await.0, 404);
    let token = location.strip_prefix("/import/").unwrap().to_string();
    let confirm = |c: Client, token: String| async move {
        c.call_json(
            "import/uebernehmen",
            &[
                ("kennung", token.as_str()),
                ("begruendung", "Bereinigung nach Weisung 202509011"),
                ("wirksam_ab", "31.12.2099"),
            ],
        )
        .await
    };
    let orders_before = count_orders(&app).await;
    let (status, e) = confirm(aa.clone(), token.clone()).await;
    assert_eq!(status, 409, "{e}");
    assert_eq!(count_orders(&app).await, orders_before, "nothing stored");

    // The corrected file goes through: one draft with both items.
    let file = edited_export(&aa, false).await;
    let location = upload(&aa, "kiel", "kiel.csv", file).await;
    let (_, p) = preview(&aa, &location).await;
    assert_eq!(
        (p["changes"].as_u64(), p["error_rows"].as_u64()),
        (Some(2), Some(0)),
        "{p}"
    );
    let token = location.strip_prefix("/import/").unwrap().to_string();
    let (status, number) = confirm(aa.clone(), token.clone()).await;
    assert_eq!(status, 200, "{number}");
    let o = order(&aa, number.as_str().unwrap()).await;
    assert_eq!(o["items"].as_array().unwrap().len(), 2, "{o}");
    assert_eq!(o["state_code"], "entwurf");
    let (status, again) = confirm(aa.clone(), token).await;
    assert!(status == 404 || status == 409, "{status} {again}");
    assert_eq!(count_orders(&app).await, orders_before + 1);

    // A file exported at another version is refused for that row.
    let stale = String::from_utf8(edited_export(&aa, false).await)
        .unwrap()
        .replacen(";1;", ";7;", 1);
    let location = upload(&aa, "kiel", "alt.csv", stale.into_bytes()).await;
    let (_, p) = preview(&aa, &location).await;
    let text = p.to_string();
    assert!(text.contains("nach dem Export geändert"), "{text}");
}

async fn count_orders(app: &TestApp) -> i64 {
    let db = &app.db;
    on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM orders").fetch_one(pool).await.unwrap())
}

async fn waiting_uploads_are_bounded_per_user(backend: Backend) {
    use app::domain::upload::MAX_PENDING_UPLOADS;
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let file =
        b"Dienststelle-Nr.;Anliegen;Bereich;Zielpostfach;Benachrichtigungsadressen\r\n".to_vec();
    for k in 0..MAX_PENDING_UPLOADS {
        let location = upload(&aa, "kiel", &format!("{k}.csv"), file.clone()).await;
        assert!(location.starts_with("/import/"), "upload {k}: {location}");
    }
    assert_eq!(
        upload(&aa, "kiel", "eins-zu-viel.csv", file.clone()).await,
        "/import?fehler=zu-viele"
    );
    let page = aa
        .get("/import?fehler=zu-viele")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Zehn hochgeladene Dateien warten schon auf Ihre Übernahme."),
        "{page}"
    );
    // The bound is per person: another agency's administrator still uploads.
    let other = app.signed_in("aa-muenchen").await;
    let location = upload(&other, "muenchen", "muenchen.csv", file).await;
    assert!(location.starts_with("/import/"), "{location}");
}

async fn unreadable_uploads_are_turned_away(backend: Backend) {
    let app = TestApp::start(backend).await;
    let aa = app.signed_in("aa-kiel").await;
    let utf16 = b"\xFF\xFED\x00i\x00".to_vec();
    assert_eq!(
        upload(&aa, "kiel", "a.csv", utf16).await,
        "/import?fehler=utf16"
    );
    assert_eq!(
        upload(&aa, "kiel", "a.xlsx", b"PK\x03\x04...".to_vec()).await,
        "/import?fehler=keine-textdatei"
    );
    assert_eq!(
        upload(&aa, "muenchen", "a.csv", b"x".to_vec()).await,
        "/import?fehler=agentur"
    );
    let comma = b"Dienststelle-Nr.,Anliegen,Bereich,Zielpostfach,Benachrichtigungsadressen\r\nA,B,C,D,E\r\n".to_vec();
    let location = upload(&aa, "kiel", "komma.csv", comma).await;
    let (_, p) = preview(&aa, &location).await;
    assert!(
        p["file_error"].as_str().unwrap().contains("Semikolon"),
        "{p}"
    );
    // Windows-1252 as German Excel writes it: read, umlauts intact.
    let ansi = b"Dienststelle-Nr.;Anliegen;Bereich;Zielpostfach;Benachrichtigungsadressen\r\nkiel.kiel;Weiterbildung Besch\xE4ftigter;Gibt\xE9s nicht;x@arbeitsagentur.de;\r\n".to_vec();
    let location = upload(&aa, "kiel", "ansi.csv", ansi).await;
    let (_, p) = preview(&aa, &location).await;
    assert!(
        p.to_string()
            .contains("Den Bereich „Gibtés nicht“ gibt es nicht."),
        "{p}"
    );
    let big = vec![b'a'; app::domain::import::MAX_BYTES + 10];
    assert_eq!(
        upload(&aa, "kiel", "gross.csv", big).await,
        "/import?fehler=zu-gross"
    );
}

both_databases!(
    waiting_uploads_are_bounded_per_user,
    master_data_export_lists_every_mailbox_in_scope,
    order_items_follow_scope_and_filters,
    configuration_and_audit_exports,
    import_previews_and_files_all_or_nothing,
    unreadable_uploads_are_turned_away,
);
