//! Configuration kinds: what differs between the things an order can change (its key,
//! values, diff and workflow) is named once per kind; the version chain, the stale-base
//! refusal and the life cycle are written once for all of them.

mod history;

pub use history::{written_by, History, Version, VersionError};

use serde::{Deserialize, Serialize};
use std::fmt::Debug;

/// The kinds of configuration an order can change. Serialised as its code, as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum Kind {
    /// Dienststelle × Anliegen → Zielpostfach, Bereich, Benachrichtigungsadressen.
    #[serde(rename = "weiterleitung")]
    Routing,
    /// Team-, Organisations- or Liegenschaftspostfach → E-Mail-Kommunikation (Intern/Extern).
    #[serde(rename = "e-mail-kommunikation")]
    MailboxSetting,
    /// Agency × Aktentyp × Dokumenttyp × Dokumentart → Ziel-Postkorb (eAkte-Regelwerk).
    #[serde(rename = "eakte-regelwerk")]
    EakteRule,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Routing, Kind::MailboxSetting, Kind::EakteRule];

    /// Stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Routing => "weiterleitung",
            Kind::MailboxSetting => "e-mail-kommunikation",
            Kind::EakteRule => "eakte-regelwerk",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Routing => "Weiterleitung (Anliegen → Postfach)",
            Kind::MailboxSetting => "E-Mail-Kommunikation der Postfächer",
            Kind::EakteRule => "eAkte-Regelwerk (Dokumenttyp → Postkorb)",
        }
    }

    /// Who checks a change of this kind before RIM implements it, unless the Zentrale
    /// has set otherwise (the setting is stored per kind).
    pub fn default_review(self) -> Review {
        match self {
            Kind::Routing => Review::Rd,
            // Weisung 202505010 names no RD review: the agency files, RIM implements.
            Kind::MailboxSetting => Review::None,
            // The agency files with its RIM (form "SGBIII_Änderungsformular_zum_eAkte_Regelwerk").
            Kind::EakteRule => Review::None,
        }
    }
}

/// Whether a Regionaldirektion reviews an order before it is implemented.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Review {
    /// The RD approves, rejects or returns it first (four eyes: reviewer ≠ author).
    Rd,
    /// RIM implements it as submitted (four eyes: implementer ≠ author).
    None,
}

impl Review {
    pub const ALL: [Review; 2] = [Review::Rd, Review::None];

    /// The code forms send.
    pub fn code(self) -> &'static str {
        match self {
            Review::Rd => "rd",
            Review::None => "keine",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// An order needs review when any of its kinds does.
    pub fn of_all(reviews: impl IntoIterator<Item = Review>) -> Review {
        if reviews.into_iter().any(|r| r == Review::Rd) {
            Review::Rd
        } else {
            Review::None
        }
    }

    /// As stored on an order (`review_required`).
    pub fn from_required(required: bool) -> Review {
        if required {
            Review::Rd
        } else {
            Review::None
        }
    }

    pub fn is_required(self) -> bool {
        self == Review::Rd
    }

    pub fn label(self) -> &'static str {
        match self {
            Review::Rd => "mit Prüfung durch die Regionaldirektion",
            Review::None => "ohne RD-Prüfung, direkt zur Umsetzung",
        }
    }
}

/// What a kind supplies to the shared machinery.
pub trait ConfigKind {
    const KIND: Kind;
    /// What one entry says (one version's content).
    type Values: Clone + PartialEq + Debug;
    /// One field's change between two versions.
    type Change: Clone + PartialEq + Debug;

    /// Field-level difference; empty when nothing changes.
    fn diff(before: &Self::Values, after: &Self::Values) -> Vec<Self::Change>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_serialised_as_their_stored_codes() {
        for kind in Kind::ALL {
            assert_eq!(Kind::from_code(kind.code()), Some(kind));
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.code())
            );
        }
        assert_eq!(Kind::from_code("unbekannt"), None);
    }

    #[test]
    fn review_codes_round_trip() {
        for review in Review::ALL {
            assert_eq!(Review::from_code(review.code()), Some(review));
            assert_eq!(Review::from_required(review.is_required()), review);
        }
    }

    #[test]
    fn an_order_needs_review_when_any_of_its_kinds_does() {
        assert_eq!(Review::of_all([Review::None, Review::Rd]), Review::Rd);
        assert_eq!(Review::of_all([Review::None, Review::None]), Review::None);
        assert_eq!(Review::of_all([]), Review::None);
    }
}
