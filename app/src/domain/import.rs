//! Reading an edited configuration export back: which columns count, and how each row's
//! names become the ids of a Dienststelle, Anliegen, Bereich and Zielpostfach. The rules
//! for what an item may change are the order rules (services::orders), not repeated here.

use super::csv_format::Table;
use std::collections::HashMap;

/// The columns the import reads, by their export header names (others are ignored).
pub const COLUMNS: [&str; 6] = [
    "Dienststelle-Nr.",
    "Anliegen",
    "Bereich",
    "Zielpostfach",
    "Benachrichtigungsadressen",
    "Version",
];
/// All but "Version", which, where present, guards against editing an old export.
pub const REQUIRED: [&str; 5] = [COLUMNS[0], COLUMNS[1], COLUMNS[2], COLUMNS[3], COLUMNS[4]];
pub const MAX_ROWS: usize = 20_000;
pub const MAX_BYTES: usize = 8 * 1024 * 1024;

/// Where the order rules' field names point in the file.
pub fn column_of_field(field: &str) -> &'static str {
    match field {
        "dienststelle" => COLUMNS[0],
        "anliegen" => COLUMNS[1],
        "bereich" => COLUMNS[2],
        "adressen" => COLUMNS[4],
        _ => COLUMNS[3],
    }
}

/// What the names in a file may refer to, keyed case-insensitively.
#[derive(Clone, Debug, Default)]
pub struct Catalogue {
    /// Dienststelle code → agency id.
    pub offices: HashMap<String, (String, i64)>,
    /// Anliegen code or name → code.
    pub concerns: HashMap<String, String>,
    /// Bereich code, short name or name → id.
    pub areas: HashMap<String, i64>,
    /// Mailbox address → id.
    pub mailboxes: HashMap<String, i64>,
}

fn key(s: &str) -> String {
    s.trim().to_lowercase()
}

impl Catalogue {
    pub fn add_office(&mut self, code: &str, agency_id: i64) {
        self.offices
            .insert(key(code), (code.to_string(), agency_id));
    }
    pub fn add_concern(&mut self, code: &str, name: &str) {
        self.concerns.insert(key(code), code.to_string());
        self.concerns.insert(key(name), code.to_string());
    }
    pub fn add_area(&mut self, id: i64, names: &[&str]) {
        for n in names {
            self.areas.insert(key(n), id);
        }
    }
    pub fn add_mailbox(&mut self, id: i64, address: &str) {
        self.mailboxes.insert(key(address), id);
    }
}

/// A row whose names all resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub line: u64,
    pub office_code: String,
    pub concern_code: String,
    pub area_id: i64,
    pub mailbox_id: i64,
    /// As written; the order rules parse and check them.
    pub addresses: String,
    /// The version the file was exported at, if the column is there.
    pub version: Option<i64>,
}

/// A German message for one cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellError {
    pub line: u64,
    pub column: &'static str,
    pub message: String,
}

impl CellError {
    pub fn new(line: u64, column: &'static str, message: impl Into<String>) -> Self {
        CellError {
            line,
            column,
            message: message.into(),
        }
    }
}

/// Resolves every row of a table read with `COLUMNS`. `order_agency` is the agency the
/// draft is for; `may_file` says whether the user may file for another agency (to tell
/// "another agency of yours" from "outside your scope").
pub fn resolve(
    table: &Table,
    cat: &Catalogue,
    order_agency: i64,
    may_file: impl Fn(i64) -> bool,
) -> Vec<Result<Resolved, Vec<CellError>>> {
    let mut seen: HashMap<(String, String), u64> = HashMap::new();
    table
        .rows
        .iter()
        .map(|row| {
            let line = row.line;
            let mut errors = Vec::new();
            let mut need = |col: usize, what: &str| {
                let v = row.cell(col).trim();
                if v.is_empty() {
                    errors.push(CellError::new(line, COLUMNS[col], format!("Bitte {what} angeben.")));
                }
                v
            };
            let office = need(0, "die Dienststelle-Nr.");
            let concern = need(1, "das Anliegen");
            let area = need(2, "den Bereich");
            let mailbox = need(3, "das Zielpostfach (E-Mail-Adresse)");
            let office = match cat.offices.get(&key(office)) {
                _ if office.is_empty() => None,
                None => {
                    errors.push(CellError::new(line, COLUMNS[0], format!("Die Dienststelle „{office}“ gibt es nicht.")));
                    None
                }
                Some((_, agency)) if *agency != order_agency && !may_file(*agency) => {
                    errors.push(CellError::new(line, COLUMNS[0], format!("Die Dienststelle „{office}“ liegt außerhalb Ihres Zuständigkeitsbereichs.")));
                    None
                }
                Some((_, agency)) if *agency != order_agency => {
                    errors.push(CellError::new(line, COLUMNS[0], format!("Die Dienststelle „{office}“ gehört zu einer anderen Agentur als der dieses Auftrags; bitte laden Sie je Agentur eine eigene Datei hoch.")));
                    None
                }
                Some((code, _)) => Some(code.clone()),
            };
            let concern = match cat.concerns.get(&key(concern)) {
                _ if concern.is_empty() => None,
                None => {
                    errors.push(CellError::new(line, COLUMNS[1], format!("Das Anliegen „{concern}“ gibt es nicht.")));
                    None
                }
                Some(code) => Some(code.clone()),
            };
            let area = match cat.areas.get(&key(area)) {
                _ if area.is_empty() => None,
                None => {
                    errors.push(CellError::new(line, COLUMNS[2], format!("Den Bereich „{area}“ gibt es nicht.")));
                    None
                }
                Some(id) => Some(*id),
            };
            let mailbox = match cat.mailboxes.get(&key(mailbox)) {
                _ if mailbox.is_empty() => None,
                None => {
                    errors.push(CellError::new(line, COLUMNS[3], format!("Das Zielpostfach „{mailbox}“ gibt es nicht.")));
                    None
                }
                Some(id) => Some(*id),
            };
            let version = match row.cell(5).trim() {
                "" => None,
                v => match v.parse::<i64>() {
                    Ok(n) if n >= 1 => Some(n),
                    _ => {
                        errors.push(CellError::new(line, COLUMNS[5], format!("„{v}“ ist keine Versionsnummer.")));
                        None
                    }
                },
            };
            if let (Some(o), Some(c)) = (&office, &concern) {
                if let Some(first) = seen.get(&(o.clone(), c.clone())) {
                    errors.push(CellError::new(line, COLUMNS[0], format!(
                        "Doppelte Zeile: Dienststelle „{o}“ und dieses Anliegen stehen schon in Zeile {first}."
                    )));
                } else {
                    seen.insert((o.clone(), c.clone()), line);
                }
            }
            match (office, concern, area, mailbox) {
                (Some(office_code), Some(concern_code), Some(area_id), Some(mailbox_id)) if errors.is_empty() => Ok(Resolved {
                    line,
                    office_code,
                    concern_code,
                    area_id,
                    mailbox_id,
                    addresses: row.cell(4).to_string(),
                    version,
                }),
                _ => Err(errors),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::csv_format::read;

    fn catalogue() -> Catalogue {
        let mut c = Catalogue::default();
        c.add_office("KIEL-HA", 1);
        c.add_office("FL-HA", 2);
        c.add_office("M-HA", 9);
        c.add_concern("ag-egz", "Anfrage Eingliederungszuschuss");
        c.add_area(3, &["ags", "AG-S", "Arbeitgeber-Service"]);
        c.add_mailbox(11, "ags.kiel@arbeitsagentur.de");
        c
    }

    fn rows(text: &str) -> Vec<Result<Resolved, Vec<CellError>>> {
        let table = read(text, &COLUMNS, &REQUIRED, MAX_ROWS).unwrap();
        resolve(&table, &catalogue(), 1, |a| a == 1 || a == 2)
    }

    const HEAD: &str =
        "Dienststelle-Nr.;Anliegen;Bereich;Zielpostfach;Benachrichtigungsadressen;Version\r\n";

    #[test]
    fn names_resolve_case_insensitively() {
        let r = rows(&format!("{HEAD}kiel-ha;anfrage eingliederungszuschuss;AG-S;AGS.Kiel@arbeitsagentur.de;a@arbeitsagentur.de;2\r\n"));
        assert_eq!(
            r[0],
            Ok(Resolved {
                line: 2,
                office_code: "KIEL-HA".into(),
                concern_code: "ag-egz".into(),
                area_id: 3,
                mailbox_id: 11,
                addresses: "a@arbeitsagentur.de".into(),
                version: Some(2),
            })
        );
    }

    #[test]
    fn each_bad_cell_gets_its_own_message() {
        let r = rows(&format!(
            "{HEAD}XX;ag-egz;ags;ags.kiel@arbeitsagentur.de;;\r\n\
             M-HA;ag-egz;ags;ags.kiel@arbeitsagentur.de;;\r\n\
             FL-HA;ag-egz;ags;ags.kiel@arbeitsagentur.de;;\r\n\
             KIEL-HA;nix;Keller;x@y.de;;drei\r\n\
             ;;;;;\r\n\
             KIEL-HA;ag-egz;ags;ags.kiel@arbeitsagentur.de;;\r\n\
             KIEL-HA;ag-egz;ags;ags.kiel@arbeitsagentur.de;;\r\n"
        ));
        let messages = |i: usize| -> Vec<(u64, &str, String)> {
            r[i].clone()
                .unwrap_err()
                .into_iter()
                .map(|e| (e.line, e.column, e.message))
                .collect()
        };
        assert_eq!(
            messages(0),
            vec![(
                2,
                "Dienststelle-Nr.",
                "Die Dienststelle „XX“ gibt es nicht.".to_string()
            )]
        );
        assert!(messages(1)[0]
            .2
            .contains("außerhalb Ihres Zuständigkeitsbereichs"));
        assert!(messages(2)[0].2.contains("anderen Agentur"));
        let cols: Vec<&str> = messages(3).iter().map(|m| m.1).collect();
        assert_eq!(cols, vec!["Anliegen", "Bereich", "Zielpostfach", "Version"]);
        assert!(
            r[4].is_ok(),
            "the blank line is skipped, line 7 is the first of the pair"
        );
        assert_eq!(messages(5), vec![(8, "Dienststelle-Nr.", "Doppelte Zeile: Dienststelle „KIEL-HA“ und dieses Anliegen stehen schon in Zeile 7.".to_string())]);
    }

    #[test]
    fn empty_cells_are_asked_for() {
        let r = rows(&format!("{HEAD}KIEL-HA;;ags;;;\r\n"));
        let cols: Vec<&str> = r[0].clone().unwrap_err().iter().map(|e| e.column).collect();
        assert_eq!(cols, vec!["Anliegen", "Zielpostfach"]);
    }
}
