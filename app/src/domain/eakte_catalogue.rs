//! The catalogue of the eAkte-Regelwerk (Weisung 202505010): Aktentypen, their
//! Dokumenttypen and the Dokumentarten. Every agency has one rule per Dokumenttyp and
//! Dokumentart; a new Dokumenttyp or Dokumentart gets its rules' initial configuration,
//! and a deactivated one's rules end (their history stays readable).

use super::fields::FieldError;
use super::org_form::check_name;

/// The three kinds of entries of the catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CatalogueKind {
    FileType,
    DocumentType,
    DocumentKind,
}

impl CatalogueKind {
    pub const ALL: [CatalogueKind; 3] = [
        CatalogueKind::FileType,
        CatalogueKind::DocumentType,
        CatalogueKind::DocumentKind,
    ];

    /// The address's, the form's and the version table's name.
    pub fn code(self) -> &'static str {
        match self {
            CatalogueKind::FileType => "aktentyp",
            CatalogueKind::DocumentType => "dokumenttyp",
            CatalogueKind::DocumentKind => "dokumentart",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            CatalogueKind::FileType => "Aktentyp",
            CatalogueKind::DocumentType => "Dokumenttyp",
            CatalogueKind::DocumentKind => "Dokumentart",
        }
    }
}

/// A code of the catalogue ("1001", "101", "online"): 1 to 20 lower-case letters, digits
/// or hyphens, stored in lower case.
pub fn check_code(code: &str) -> Result<String, FieldError> {
    let code = code.trim().to_lowercase();
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
    if code.is_empty() {
        Err(FieldError::new(
            "kuerzel",
            "Bitte geben Sie das Kürzel ein.",
        ))
    } else if code.chars().count() > 20 || !code.chars().all(allowed) {
        Err(FieldError::new(
            "kuerzel",
            "Das Kürzel hat höchstens 20 Zeichen: Kleinbuchstaben, Ziffern und Bindestriche.",
        ))
    } else {
        Ok(code)
    }
}

/// A new entry as the form gives it, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewEntry {
    pub kind: CatalogueKind,
    /// The Aktentyp a Dokumenttyp belongs to.
    pub file_type: Option<String>,
    pub code: String,
    pub name: String,
}

/// Checks the form: a Dokumenttyp names one of the active Aktentypen.
pub fn check_new(
    kind: CatalogueKind,
    file_type: &str,
    code: &str,
    name: &str,
    active_file_types: &[String],
) -> Result<NewEntry, Vec<FieldError>> {
    let mut errors = Vec::new();
    let file_type = match kind {
        CatalogueKind::DocumentType => {
            let f = file_type.trim();
            if !active_file_types.iter().any(|a| a == f) {
                errors.push(FieldError::new(
                    "aktentyp",
                    "Bitte wählen Sie den aktiven Aktentyp, zu dem der Dokumenttyp gehört.",
                ));
            }
            Some(f.to_string())
        }
        _ => None,
    };
    let code = check_code(code).map_err(|e| errors.push(e)).ok();
    let name = check_name(name).map_err(|e| errors.push(e)).ok();
    match (code, name) {
        (Some(code), Some(name)) if errors.is_empty() => Ok(NewEntry {
            kind,
            file_type,
            code,
            name,
        }),
        _ => Err(errors),
    }
}

/// A Dokumenttyp's key in addresses and forms: "1001.101".
pub fn document_type_key(file_type: &str, code: &str) -> String {
    format!("{file_type}.{code}")
}

/// Why the entry cannot be deactivated, if anything stands in the way.
pub fn deactivation_refusal(
    kind: CatalogueKind,
    name: &str,
    active_document_types: usize,
    open_orders: &[String],
    directives: &[String],
) -> Option<String> {
    let what = kind.label();
    if !directives.is_empty() {
        return Some(format!(
            "Geltende Weisungen nennen {what} „{name}“ ({}). Deaktiviert werden kann erst, wenn sie nicht mehr gelten.",
            directives.join(", ")
        ));
    }
    if active_document_types > 0 {
        return Some(format!(
            "Der Aktentyp „{name}“ hat noch {active_document_types} aktive Dokumenttypen; deaktivieren Sie sie zuerst."
        ));
    }
    if !open_orders.is_empty() {
        return Some(format!(
            "Offene Aufträge ändern noch eAkte-Regeln von {what} „{name}“ ({}). Sie müssen erst umgesetzt, abgelehnt oder zurückgezogen werden.",
            open_orders.join(", ")
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for k in CatalogueKind::ALL {
            assert_eq!(CatalogueKind::from_code(k.code()), Some(k));
        }
        assert_eq!(CatalogueKind::from_code("postkorb"), None);
    }

    #[test]
    fn codes_are_short_and_plain() {
        assert_eq!(check_code(" Online "), Ok("online".into()));
        assert_eq!(check_code("1001"), Ok("1001".into()));
        assert!(check_code("").is_err());
        assert!(check_code("a.b").is_err(), "dots separate Dokumenttyp keys");
        assert!(check_code(&"x".repeat(21)).is_err());
    }

    #[test]
    fn a_document_type_needs_an_active_file_type() {
        let active = vec!["1001".to_string()];
        let new = check_new(CatalogueKind::DocumentType, "1001", "120", "Neu", &active).unwrap();
        assert_eq!(new.file_type.as_deref(), Some("1001"));
        let errors = check_new(CatalogueKind::DocumentType, "2002", "", "", &active).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["aktentyp", "kuerzel", "name"]);
        assert_eq!(
            check_new(CatalogueKind::DocumentKind, "", "fax", "Fax", &[])
                .unwrap()
                .file_type,
            None
        );
    }

    #[test]
    fn document_type_keys_join_with_a_dot() {
        assert_eq!(document_type_key("1001", "101"), "1001.101");
    }

    #[test]
    fn refusals_name_what_blocks() {
        let k = CatalogueKind::DocumentKind;
        assert!(
            deactivation_refusal(k, "Online", 0, &[], &["202505010".into()])
                .unwrap()
                .contains("202505010")
        );
        assert!(
            deactivation_refusal(CatalogueKind::FileType, "Alg", 3, &[], &[])
                .unwrap()
                .contains("3 aktive Dokumenttypen")
        );
        assert!(deactivation_refusal(k, "Online", 0, &["ÄA-1".into()], &[])
            .unwrap()
            .contains("ÄA-1"));
        assert_eq!(deactivation_refusal(k, "Online", 0, &[], &[]), None);
    }
}
