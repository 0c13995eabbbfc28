use super::*;
use proptest::prelude::*;

fn written(rows: &[Vec<&str>]) -> Vec<u8> {
    let mut w = CsvWriter::new();
    for r in rows {
        w.row(r);
    }
    w.take()
}

#[test]
fn excel_layout_bom_semicolon_crlf_quotes_only_where_needed() {
    let bytes = written(&[
        vec!["Auftragsnummer", "Dienststelle"],
        vec!["ÄA-2026-000001", "Kiel; Hauptagentur"],
        vec!["mit \"Zitat\"", "zwei\nZeilen"],
    ]);
    assert!(bytes.starts_with(BOM));
    let text = std::str::from_utf8(&bytes[BOM.len()..]).unwrap();
    assert_eq!(
        text,
        "Auftragsnummer;Dienststelle\r\nÄA-2026-000001;\"Kiel; Hauptagentur\"\r\n\"mit \"\"Zitat\"\"\";\"zwei\nZeilen\"\r\n"
    );
}

#[test]
fn formula_starts_are_neutralised() {
    for cell in [
        "=HYPERLINK(\"x\")",
        "+49",
        "-1",
        "@SUM(A1)",
        "\tx",
        "\rx",
        "\nx",
    ] {
        assert_eq!(neutralise(cell), format!("'{cell}"), "{cell:?}");
    }
    assert_eq!(neutralise("'zitiert"), "''zitiert");
    assert_eq!(neutralise("Kiel"), "Kiel");
    assert_eq!(neutralise("a=b"), "a=b");
    assert_eq!(neutralise(""), "");
    let bytes = written(&[vec!["=1+1", "@x"]]);
    assert_eq!(&bytes[BOM.len()..], b"'=1+1;'@x\r\n");
}

#[test]
fn reads_by_header_name_in_any_order() {
    let text =
        "Anliegen;dienststelle-nr.;Sonstiges\r\nag-egz;KIEL-HA;x\r\n;;\r\nag-kug;KIEL-GS;y\r\n";
    let table = read(
        text,
        &["Dienststelle-Nr", "Anliegen", "Version"],
        &["Dienststelle-Nr", "Anliegen"],
        10,
    )
    .unwrap();
    assert_eq!(table.columns, vec![Some(1), Some(0), None]);
    assert_eq!(table.rows.len(), 2, "the empty row is skipped");
    assert_eq!(table.rows[0].cell(0), "KIEL-HA");
    assert_eq!(table.rows[1].cell(1), "ag-kug");
    assert_eq!(table.rows[1].cell(2), "", "absent column reads empty");
    assert_eq!(table.rows[1].line, 4);
}

#[test]
fn file_errors_in_german() {
    assert_eq!(decode(b"").unwrap_err(), FileError::Empty);
    assert_eq!(decode(b"PK\x03\x04rest").unwrap_err(), FileError::NotText);
    assert_eq!(decode(b"\xFF\xFEA\x00").unwrap_err(), FileError::Utf16);
    assert_eq!(
        read(
            "Dienststelle-Nr,Anliegen\nA,B\n",
            &["Dienststelle-Nr", "Anliegen"],
            &["Dienststelle-Nr", "Anliegen"],
            10
        )
        .unwrap_err(),
        FileError::WrongSeparator(',')
    );
    let missing = read(
        "Dienststelle-Nr;X\n",
        &["Dienststelle-Nr", "Anliegen"],
        &["Dienststelle-Nr", "Anliegen"],
        10,
    )
    .unwrap_err();
    assert_eq!(missing, FileError::MissingColumns(vec!["Anliegen"]));
    assert!(missing.message().contains("fehlen Spalten: Anliegen"));
    assert_eq!(
        read("A\n1\n2\n3\n", &["A"], &["A"], 2).unwrap_err(),
        FileError::TooManyRows(2)
    );
    assert!(FileError::WrongSeparator('\t')
        .message()
        .contains("Tabulator"));
}

#[test]
fn windows_1252_from_german_excel() {
    // "Müller;Straße" as Excel writes it with German settings.
    let bytes = b"Name;Ort\r\nM\xFCller;Stra\xDFe\r\n";
    let text = decode(bytes).unwrap();
    let table = read(&text, &["Name", "Ort"], &["Name"], 10).unwrap();
    assert_eq!(table.rows[0].cell(0), "Müller");
    assert_eq!(table.rows[0].cell(1), "Straße");
}

/// Cells as the product can hold them: any text but NUL (which no text file contains).
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "[^\u{0}]{0,20}",
        "[=+@'\t\r\n-][^\u{0}]{0,10}",
        "[ ;\"\r\n,a-zäöüß]{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Export → import gives back every cell unchanged.
    #[test]
    fn every_string_round_trips(rows in prop::collection::vec(prop::collection::vec(cell(), 3), 1..8)) {
        let columns = ["A", "B", "C"];
        let mut w = CsvWriter::new();
        w.row(columns);
        for r in &rows {
            w.row(r);
        }
        let bytes = w.take();
        let text = decode(&bytes).unwrap();
        let table = read(&text, &columns, &columns, 100).unwrap();
        let expected: Vec<&Vec<String>> = rows.iter().filter(|r| r.iter().any(|c| !c.trim().is_empty())).collect();
        prop_assert_eq!(table.rows.len(), expected.len());
        for (got, want) in table.rows.iter().zip(expected) {
            for (i, cell) in want.iter().enumerate() {
                prop_assert_eq!(got.cell(i), cell.as_str());
            }
        }
    }

    /// No written cell starts with a formula character.
    #[test]
    fn no_cell_can_start_a_formula(c in cell()) {
        let out = neutralise(&c);
        let first = out.chars().next();
        prop_assert!(first.is_none_or(|f| !FORMULA_START.contains(&f)));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// Arbitrary bytes give rows or a file error, never a panic.
    #[test]
    fn parser_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(text) = decode(&bytes) {
            let _ = read(&text, &["A", "B"], &["A"], 50);
        }
    }

    #[test]
    fn parser_never_panics_on_csv_like_text(text in "[A;B\"\r\n'=x,\t]{0,200}") {
        let _ = read(&text, &["A", "B"], &["A"], 50);
    }
}
