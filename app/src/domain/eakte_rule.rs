//! The eAkte-Regelwerk (Weisung 202505010, 1): per agency, Aktentyp, Dokumenttyp and
//! Dokumentart the Postkorb an incoming document lands in. A configuration kind like
//! routing, with one entry per agency × Aktentyp × Dokumenttyp × Dokumentart and one
//! field, the target Postkorb.

use super::kind::{ConfigKind, History, Kind};
use serde::{Deserialize, Serialize};

/// The Dokumentart of documents that arrive online (the directive's subject).
pub const ONLINE_DOCUMENT: &str = "online";

/// What one rule says: the Postkorb (by id) its documents land in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleValues {
    pub postkorb: i64,
}

/// The one field that can change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    Postkorb { from: i64, to: i64 },
}

impl Change {
    /// German label of the field, as the order page shows it.
    pub fn field_label(self) -> &'static str {
        match self {
            Change::Postkorb { .. } => "Ziel-Postkorb",
        }
    }
}

pub fn diff(before: &RuleValues, after: &RuleValues) -> Vec<Change> {
    if before.postkorb == after.postkorb {
        return Vec::new();
    }
    vec![Change::Postkorb {
        from: before.postkorb,
        to: after.postkorb,
    }]
}

pub struct EakteRule;

impl ConfigKind for EakteRule {
    const KIND: Kind = Kind::EakteRule;
    type Values = RuleValues;
    type Change = Change;

    fn diff(before: &RuleValues, after: &RuleValues) -> Vec<Change> {
        diff(before, after)
    }
}

pub type EakteRuleHistory = History<EakteRule>;

/// Where a Postkorb is: the agency of its Dienststelle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PostkorbPlace {
    pub agency_id: i64,
}

/// Why a rule of `agency_id` may not send documents to the Postkorb at `place`: it must
/// be a Postkorb of one of the agency's own Dienststellen.
pub fn check_target(agency_id: i64, place: Option<PostkorbPlace>) -> Result<(), String> {
    match place {
        Some(p) if p.agency_id == agency_id => Ok(()),
        Some(_) => Err("Der Postkorb gehört zu einer anderen Agentur; bitte wählen Sie einen Postkorb einer Dienststelle der Agentur.".into()),
        None => Err("Bitte wählen Sie einen Postkorb aus der Liste.".into()),
    }
}

/// "1001 Alg · Antrag auf Arbeitslosengeld · Online-Dokument"
pub fn entry_label(file_type: &str, document_type: &str, document_kind: &str) -> String {
    format!("{file_type} · {document_type} · {document_kind}")
}

/// "Postkorb EZ Kiel (Kiel)": a Postkorb with the Dienststelle it belongs to.
pub fn postkorb_label(postkorb: &str, office: &str) -> String {
    format!("{postkorb} ({office})")
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_postkorb_is_named_with_its_dienststelle() {
        assert_eq!(
            postkorb_label("Postkorb EZ Kiel", "Kiel"),
            "Postkorb EZ Kiel (Kiel)"
        );
    }

    #[test]
    fn a_rule_sends_documents_only_to_a_postkorb_of_its_own_agency() {
        assert_eq!(
            check_target(7, Some(PostkorbPlace { agency_id: 7 })),
            Ok(())
        );
        assert!(check_target(7, Some(PostkorbPlace { agency_id: 8 }))
            .unwrap_err()
            .contains("anderen Agentur"));
        assert!(check_target(7, None).unwrap_err().contains("aus der Liste"));
    }

    #[test]
    fn the_history_refuses_a_stale_base_and_a_change_that_changes_nothing() {
        let mut h =
            EakteRuleHistory::new(RuleValues { postkorb: 1 }, datetime!(2025-01-02 07:00 UTC));
        let ez = RuleValues { postkorb: 2 };
        assert_eq!(h.apply(1, ez, datetime!(2025-06-01 07:00 UTC)), Ok(2));
        assert!(h
            .apply(
                1,
                RuleValues { postkorb: 3 },
                datetime!(2025-06-02 07:00 UTC)
            )
            .is_err());
        assert!(h.apply(2, ez, datetime!(2025-06-02 07:00 UTC)).is_err());
        assert_eq!(
            h.as_of(datetime!(2025-05-01 00:00 UTC)).unwrap().values,
            RuleValues { postkorb: 1 }
        );
        assert!(h.is_consistent());
        assert_eq!(
            diff(&RuleValues { postkorb: 1 }, &ez),
            vec![Change::Postkorb { from: 1, to: 2 }]
        );
        assert_eq!(
            Change::Postkorb { from: 1, to: 2 }.field_label(),
            "Ziel-Postkorb"
        );
    }

    #[test]
    fn entries_are_named_by_their_key() {
        assert_eq!(
            entry_label("1001 Alg", "Veränderungsmitteilung", "Online-Dokument"),
            "1001 Alg · Veränderungsmitteilung · Online-Dokument"
        );
    }
}
