//! Organisation and catalogue vocabulary: Regionaldirektion, Agentur, Dienststelle,
//! Bereich, Postfach.

use serde::{Deserialize, Serialize};

/// Where an object sits in the organisation tree. The policy decides on this alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrgLocation {
    /// The whole organisation (catalogue, directives, users).
    Central,
    /// A Regionaldirektion.
    Region { region_id: i64 },
    /// An Agentur für Arbeit or anything inside it (Dienststelle, Postfach).
    Agency { region_id: i64, agency_id: i64 },
}

/// Type of a Postfach in the staff client.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MailboxKind {
    Function,
    Organisation,
    Team,
    Building,
}

impl MailboxKind {
    pub const ALL: [MailboxKind; 4] = [
        MailboxKind::Function,
        MailboxKind::Organisation,
        MailboxKind::Team,
        MailboxKind::Building,
    ];

    /// Stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            MailboxKind::Function => "funktion",
            MailboxKind::Organisation => "organisation",
            MailboxKind::Team => "team",
            MailboxKind::Building => "liegenschaft",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Weisung 202509011: only Funktions- and Organisationspostfächer may be notified.
    pub fn may_be_notified(self) -> bool {
        matches!(self, MailboxKind::Function | MailboxKind::Organisation)
    }

    /// German label shown to users.
    pub fn label(self) -> &'static str {
        match self {
            MailboxKind::Function => "Funktionspostfach",
            MailboxKind::Organisation => "Organisationspostfach",
            MailboxKind::Team => "Teampostfach",
            MailboxKind::Building => "Liegenschaftspostfach",
        }
    }
}

/// A code as the organisation uses it: 1–64 of a–z, 0–9, ".", "-", "_" (stored in lower case).
pub fn parse_code(input: &str) -> Result<String, String> {
    let s = input.trim().to_lowercase();
    if s.is_empty() {
        return Err("Bitte das Kürzel angeben.".into());
    }
    if s.chars().count() > 64
        || !s
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'))
    {
        return Err(format!(
            "„{}“ ist kein gültiges Kürzel (höchstens 64 Zeichen: Kleinbuchstaben a–z, Ziffern, Punkt, Bindestrich, Unterstrich).",
            input.trim()
        ));
    }
    Ok(s)
}

/// Kind of a Dienststelle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OfficeKind {
    Headquarters,
    Branch,
}

impl OfficeKind {
    pub fn code(self) -> &'static str {
        match self {
            OfficeKind::Headquarters => "hauptagentur",
            OfficeKind::Branch => "geschaeftsstelle",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "hauptagentur" => Some(OfficeKind::Headquarters),
            "geschaeftsstelle" => Some(OfficeKind::Branch),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            OfficeKind::Headquarters => "Hauptagentur",
            OfficeKind::Branch => "Geschäftsstelle",
        }
    }
}

/// Where a mailbox sits: its Dienststelle, that Dienststelle's agency and kind, and the
/// mailbox's own kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MailboxPlace {
    pub office_id: i64,
    pub agency_id: i64,
    pub office_kind: OfficeKind,
    pub kind: MailboxKind,
}

/// Whether a mailbox may receive an Anliegen of the Dienststelle `office_id` (agency
/// `agency_id`): a mailbox of that Dienststelle itself or of its agency's Hauptagentur,
/// never a building (Liegenschaft) mailbox. The demo seed routes by the same rule.
pub fn mailbox_may_serve(office_id: i64, agency_id: i64, mailbox: MailboxPlace) -> bool {
    let own_office = mailbox.office_id == office_id;
    let agency_main =
        mailbox.agency_id == agency_id && mailbox.office_kind == OfficeKind::Headquarters;
    mailbox.kind != MailboxKind::Building && (own_office || agency_main)
}

/// Turns a German place name into the lower-case ASCII slug used in codes, URLs and
/// mailbox addresses: "Bad Oldesloe" → "bad-oldesloe", "Münster" → "muenster".
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            'a'..='z' | '0'..='9' => out.push(c),
            _ => {
                if !out.is_empty() && !out.ends_with('-') {
                    out.push('-');
                }
            }
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(
        office_id: i64,
        agency_id: i64,
        office_kind: OfficeKind,
        kind: MailboxKind,
    ) -> MailboxPlace {
        MailboxPlace {
            office_id,
            agency_id,
            office_kind,
            kind,
        }
    }

    #[test]
    fn a_mailbox_serves_its_own_office_and_the_agency_from_the_main_office() {
        use MailboxKind::*;
        use OfficeKind::*;
        // Office 11 is a Geschäftsstelle of agency 1, office 10 its Hauptagentur.
        assert!(mailbox_may_serve(11, 1, place(11, 1, Branch, Function)));
        assert!(mailbox_may_serve(11, 1, place(10, 1, Headquarters, Team)));
        assert!(mailbox_may_serve(
            10,
            1,
            place(10, 1, Headquarters, Organisation)
        ));
        // A sibling Geschäftsstelle, another agency's Hauptagentur, a building mailbox.
        assert!(!mailbox_may_serve(11, 1, place(12, 1, Branch, Function)));
        assert!(!mailbox_may_serve(
            11,
            1,
            place(20, 2, Headquarters, Function)
        ));
        assert!(!mailbox_may_serve(11, 1, place(11, 1, Branch, Building)));
        assert!(!mailbox_may_serve(
            11,
            1,
            place(10, 1, Headquarters, Building)
        ));
    }

    #[test]
    fn slug_transliterates_umlauts_and_separators() {
        assert_eq!(slug("Bad Oldesloe"), "bad-oldesloe");
        assert_eq!(slug("Münster"), "muenster");
        assert_eq!(slug("Frankfurt (Main)"), "frankfurt-main");
        assert_eq!(slug("Weißenfels"), "weissenfels");
        assert_eq!(slug("Hamburg-Harburg "), "hamburg-harburg");
    }

    #[test]
    fn codes_round_trip() {
        for k in MailboxKind::ALL {
            assert_eq!(MailboxKind::from_code(k.code()), Some(k));
        }
        for k in [OfficeKind::Headquarters, OfficeKind::Branch] {
            assert_eq!(OfficeKind::from_code(k.code()), Some(k));
        }
        assert_eq!(MailboxKind::from_code("x"), None);
    }
}
