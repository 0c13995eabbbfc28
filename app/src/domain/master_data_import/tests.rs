use super::*;
use crate::domain::csv_format::read;

const HEADER: &str = "RD-Kürzel;RD;Agentur-Kürzel;Agentur;Dienststelle-Nr.;Dienststelle;Dienststellenart;Postfach;Postfachname;Postfachart;Bereich-Kürzel;Bereich";
const EZ: &str = "nord;Regionaldirektion Nord;kiel;Agentur für Arbeit Kiel;kiel.kiel;Kiel;Hauptagentur;kiel.eingangszone@arbeitsagentur.de;Eingangszone Kiel;Funktionspostfach;ez;Eingangszone";
const DOMAINS: &[&str] = &["arbeitsagentur.de"];

fn table(rows: &[&str]) -> Table {
    let text = std::iter::once(HEADER)
        .chain(rows.iter().copied())
        .collect::<Vec<_>>()
        .join("\r\n");
    read(&text, &COLUMNS, &REQUIRED, 100).unwrap()
}

fn kiel() -> Current {
    Current::new([
        Object::Area {
            code: "ez".into(),
            name: "Eingangszone".into(),
        },
        Object::Region {
            code: "nord".into(),
            name: "Regionaldirektion Nord".into(),
        },
        Object::Agency {
            code: "kiel".into(),
            name: "Agentur für Arbeit Kiel".into(),
            region: "nord".into(),
        },
        Object::Office {
            code: "kiel.kiel".into(),
            name: "Kiel".into(),
            kind: OfficeKind::Headquarters,
            agency: "kiel".into(),
        },
        Object::Mailbox {
            address: "kiel.eingangszone@arbeitsagentur.de".into(),
            name: "Eingangszone Kiel".into(),
            kind: MailboxKind::Function,
            office: "kiel.kiel".into(),
            area: "ez".into(),
        },
    ])
}

fn messages(plan: &Plan) -> Vec<String> {
    plan.errors
        .iter()
        .map(|e| format!("{} {}: {}", e.line, e.column, e.message))
        .collect()
}

#[test]
fn the_export_read_back_changes_nothing() {
    let p = plan(&table(&[EZ]), &kiel(), DOMAINS);
    assert_eq!(
        p,
        Plan {
            unchanged: 5,
            ..Plan::default()
        }
    );
}

#[test]
fn an_empty_database_gets_every_object_parents_first() {
    let office_only = "nord;Regionaldirektion Nord;kiel;Agentur für Arbeit Kiel;kiel.preetz;Preetz;Geschäftsstelle;;;;;";
    let p = plan(&table(&[EZ, office_only]), &Current::default(), DOMAINS);
    assert!(p.errors.is_empty(), "{:?}", messages(&p));
    let levels: Vec<Level> = p.changes.iter().map(|c| c.after.level()).collect();
    assert_eq!(
        levels,
        [
            Level::Area,
            Level::Region,
            Level::Agency,
            Level::Office,
            Level::Office,
            Level::Mailbox
        ]
    );
    let preetz = &p.changes[4];
    assert_eq!((preetz.line, preetz.after.key()), (3, "kiel.preetz"));
    assert_eq!(
        preetz.fields,
        [
            ("Name", String::new(), "Preetz".to_string()),
            ("Art", String::new(), "Geschäftsstelle".to_string()),
            ("Agentur", String::new(), "kiel".to_string()),
        ]
    );
}

#[test]
fn renames_and_kinds_change_with_before_and_after() {
    let renamed = EZ
        .replace(
            ";Eingangszone Kiel;Funktionspostfach;",
            ";EZ Kiel;Organisationspostfach;",
        )
        .replace("KIEL", "kiel");
    let p = plan(&table(&[&renamed]), &kiel(), DOMAINS);
    assert_eq!(p.unchanged, 4);
    assert_eq!(p.changes.len(), 1);
    let c = &p.changes[0];
    assert_eq!(
        c.before.as_ref().map(Object::key),
        Some("kiel.eingangszone@arbeitsagentur.de")
    );
    assert_eq!(
        c.fields,
        [
            ("Name", "Eingangszone Kiel".into(), "EZ Kiel".into()),
            (
                "Art",
                "Funktionspostfach".into(),
                "Organisationspostfach".into()
            ),
        ]
    );
}

#[test]
fn codes_labels_and_case_are_read_leniently() {
    let lenient = EZ
        .replace(";kiel.kiel;", ";KIEL.kiel;")
        .replace(";Hauptagentur;", ";hauptagentur;")
        .replace(";Funktionspostfach;", ";funktion;")
        .replace("kiel.eingangszone@", "Kiel.Eingangszone@");
    let p = plan(&table(&[&lenient]), &kiel(), DOMAINS);
    assert!(p.errors.is_empty() && p.changes.is_empty(), "{p:?}");
}

#[test]
fn nothing_moves_to_another_parent() {
    let moved = EZ.replace(
        ";kiel.kiel;Kiel;Hauptagentur;",
        ";kiel.ploen;Plön;Geschäftsstelle;",
    );
    let p = plan(&table(&[&moved]), &kiel(), DOMAINS);
    assert_eq!(
        messages(&p),
        ["2 Postfach: Postfach „kiel.eingangszone@arbeitsagentur.de“ gehört zu Dienststelle „kiel.kiel“, nicht zu „kiel.ploen“. Ein Wechsel ist per Import nicht möglich: die gültige Konfiguration hängt daran."]
    );
    // The new Dienststelle itself would be fine.
    assert!(p.changes.iter().any(|c| c.after.key() == "kiel.ploen"));
}

#[test]
fn rows_that_contradict_each_other_are_refused_on_the_later_row() {
    let other_name = EZ.replace("Agentur für Arbeit Kiel", "Agentur Kiel");
    let p = plan(&table(&[EZ, &other_name]), &kiel(), DOMAINS);
    assert_eq!(
        messages(&p),
        ["3 Agentur-Kürzel: Agentur „kiel“ steht in Zeile 2 anders: Name „Agentur Kiel“ statt „Agentur für Arbeit Kiel“."]
    );
}

#[test]
fn bad_cells_are_named_by_column() {
    let bad = "nord;;Kiel Stadt;Agentur;kiel.kiel;Kiel;Außenstelle;x@gmail.com;Name;Sammelpostfach;ez;Eingangszone";
    let p = plan(&table(&[bad]), &kiel(), DOMAINS);
    let columns: Vec<&str> = p.errors.iter().map(|e| e.column).collect();
    assert_eq!(
        columns,
        [
            "RD",
            "Agentur-Kürzel",
            "Dienststellenart",
            "Postfach",
            "Postfachart"
        ]
    );
    assert_eq!(p.error_lines(), 1);
    assert!(p.changes.is_empty() && p.unchanged == 0);
    // Half a mailbox is not a Dienststelle without mailboxes.
    let half = "nord;Regionaldirektion Nord;kiel;Agentur für Arbeit Kiel;kiel.kiel;Kiel;Hauptagentur;;Eingangszone Kiel;;;";
    let p = plan(&table(&[half]), &kiel(), DOMAINS);
    let columns: Vec<&str> = p.errors.iter().map(|e| e.column).collect();
    assert_eq!(
        columns,
        ["Postfach", "Postfachart", "Bereich-Kürzel", "Bereich"]
    );
}

#[test]
fn codes_are_checked() {
    assert_eq!(parse_code(" Kiel.Kiel "), Ok("kiel.kiel".into()));
    assert!(parse_code("kiel kiel")
        .unwrap_err()
        .contains("kein gültiges Kürzel"));
    assert!(parse_code("").is_err());
    assert!(parse_code(&"a".repeat(65)).is_err());
}

#[test]
fn no_new_mailbox_in_a_closed_dienststelle_or_a_deactivated_bereich() {
    let new = EZ
        .replace("kiel.eingangszone@", "kiel.neu@")
        .replace(";Eingangszone Kiel;", ";Neu Kiel;");
    let places = InactivePlaces {
        closed_offices: vec!["kiel.kiel".to_string()],
        inactive_areas: vec!["ez".to_string()],
        ..InactivePlaces::default()
    };
    let mut p = plan(&table(&[EZ, &new]), &kiel(), DOMAINS);
    refuse_inactive_places(&mut p, &places);
    assert_eq!(
        messages(&p),
        [
            "3 Dienststelle-Nr.: Die Dienststelle „kiel.kiel“ ist geschlossen; ihr werden keine Postfächer angelegt.",
            "3 Bereich-Kürzel: Der Bereich „ez“ ist deaktiviert."
        ]
    );
    // The unchanged rows of what exists stay readable: the export reads back.
    let mut p = plan(&table(&[EZ]), &kiel(), DOMAINS);
    refuse_inactive_places(&mut p, &places);
    assert_eq!(p.errors, []);
}

#[test]
fn a_closed_agency_gets_no_new_dienststelle_and_no_new_name() {
    let places = InactivePlaces {
        closed_agencies: vec!["kiel".to_string()],
        ..InactivePlaces::default()
    };
    let new_office = EZ
        .replace(
            ";kiel.kiel;Kiel;Hauptagentur;",
            ";kiel.neu;Neu;Geschäftsstelle;",
        )
        .replace("kiel.eingangszone@", "kiel.neu@");
    let mut p = plan(&table(&[EZ, &new_office]), &kiel(), DOMAINS);
    refuse_inactive_places(&mut p, &places);
    assert_eq!(
        messages(&p),
        ["3 Agentur-Kürzel: Die Agentur „kiel“ ist geschlossen; ihr werden keine Dienststellen angelegt."]
    );
    let renamed = EZ.replace(
        ";Agentur für Arbeit Kiel;",
        ";Agentur für Arbeit Kiel-Nord;",
    );
    let mut p = plan(&table(&[&renamed]), &kiel(), DOMAINS);
    refuse_inactive_places(&mut p, &places);
    assert_eq!(
        messages(&p),
        ["2 Agentur-Kürzel: Die Agentur „kiel“ ist geschlossen; sie wird nicht mehr geändert."]
    );
    // What stands unchanged still reads back.
    let mut p = plan(&table(&[EZ]), &kiel(), DOMAINS);
    refuse_inactive_places(&mut p, &places);
    assert_eq!(p.errors, []);
}

#[test]
fn a_deactivated_rd_gets_no_new_agency_and_no_new_name() {
    let places = InactivePlaces {
        inactive_regions: vec!["nord".to_string()],
        ..InactivePlaces::default()
    };
    let new_agency = EZ
        .replace(
            ";kiel;Agentur für Arbeit Kiel;kiel.kiel;",
            ";plon;Agentur für Arbeit Plön;plon.plon;",
        )
        .replace("kiel.eingangszone@", "plon.eingangszone@");
    let mut p = plan(&table(&[EZ, &new_agency]), &kiel(), DOMAINS);
    refuse_inactive_places(&mut p, &places);
    assert_eq!(
        messages(&p),
        ["3 RD-Kürzel: Die Regionaldirektion „nord“ ist deaktiviert; ihr werden keine Agenturen angelegt."]
    );
    let renamed = EZ.replace(";Regionaldirektion Nord;", ";Regionaldirektion Nordost;");
    let mut p = plan(&table(&[&renamed]), &kiel(), DOMAINS);
    refuse_inactive_places(&mut p, &places);
    assert_eq!(
        messages(&p),
        ["2 RD-Kürzel: Die Regionaldirektion „nord“ ist deaktiviert; sie wird nicht mehr geändert."]
    );
}
