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
