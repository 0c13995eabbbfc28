//! The eAkte catalogue of the demo: Aktentyp "1001 Alg" with its Dokumenttypen, the
//! Dokumentarten, and which Bereiche have a Postkorb in every Dienststelle.

/// (code, name) of every Aktentyp.
pub const FILE_TYPES: &[(&str, &str)] = &[("1001", "Alg")];

/// (code, name) of every Dokumentart.
pub const DOCUMENT_KINDS: &[(&str, &str)] =
    &[("online", "Online-Dokument"), ("papier", "Papierdokument")];

/// (Aktentyp, code, name) of every Dokumenttyp.
pub const DOCUMENT_TYPES: &[(&str, &str, &str)] = &[
    ("1001", "101", "Antrag auf Arbeitslosengeld"),
    ("1001", "102", "Arbeitsbescheinigung"),
    ("1001", "103", "Veränderungsmitteilung"),
    ("1001", "104", "Bescheinigung über Nebeneinkommen"),
    ("1001", "105", "Arbeitsunfähigkeitsbescheinigung"),
    ("1001", "106", "Kündigung oder Aufhebungsvertrag"),
    ("1001", "107", "Mitteilung über Arbeitsaufnahme"),
    ("1001", "108", "Änderung der Bankverbindung"),
    ("1001", "109", "Widerspruch"),
    ("1001", "110", "Antwort auf Anhörung"),
    ("1001", "111", "Vollmacht"),
    ("1001", "112", "Nachweis Kranken- und Pflegeversicherung"),
    ("1001", "113", "Erstattung und Rückzahlung"),
    ("1001", "114", "Sonstiger Schriftverkehr"),
];

/// Bereiche with a Postkorb in every Dienststelle, and those only the Hauptagentur has.
pub const POSTKORB_AREAS: &[&str] = &["ez", "lg"];
pub const HEADQUARTERS_POSTKORB_AREAS: &[&str] = &["av", "os"];
