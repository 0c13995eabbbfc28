//! What the organisation browser shows (shared by server and browser).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionSummary {
    pub code: String,
    pub name: String,
    pub agency_count: i64,
    pub office_count: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencySummary {
    pub code: String,
    pub name: String,
    pub office_count: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionDetail {
    pub code: String,
    pub name: String,
    pub agencies: Vec<AgencySummary>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeSummary {
    pub code: String,
    pub name: String,
    pub kind_label: String,
    pub mailbox_count: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyDetail {
    pub code: String,
    pub name: String,
    pub region_code: String,
    pub region_name: String,
    pub offices: Vec<OfficeSummary>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailboxView {
    pub name: String,
    pub kind_label: String,
    pub address: String,
    pub area_name: String,
    /// "Intern (Version 2)", with the link to the setting's history.
    pub email: Option<(String, String)>,
}

/// One version of an organisation or catalogue object, newest first in a history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MasterDataVersionView {
    /// "Dienststelle kiel.kiel", "Postfach kiel.eingangszone@…", "Anliegen ag-egz"
    pub object: String,
    pub version: i64,
    /// TT.MM.JJJJ HH:MM (Europe/Berlin)
    pub valid_from: String,
    /// "Zentrale Administration (Stammdatenimport „…“)", "System (Ausgangskonfiguration)"
    pub by: String,
    /// "Name: …; Art: …"
    pub fields: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeDetail {
    pub code: String,
    pub name: String,
    pub kind_label: String,
    pub agency_code: String,
    pub agency_name: String,
    pub region_code: String,
    pub region_name: String,
    pub mailboxes: Vec<MailboxView>,
    /// The versions of the Dienststelle and its mailboxes, newest first (at most 100).
    pub history: Vec<MasterDataVersionView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub kind_label: String,
    pub href: String,
    pub name: String,
    pub context: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgOverview {
    pub regions: Vec<RegionSummary>,
    /// Present when a search was asked for.
    pub hits: Option<Vec<SearchHit>>,
}

pub const SEARCH_MIN: usize = 2;
pub const SEARCH_MAX: usize = 100;

/// Checks a search term: 2–100 characters after trimming.
pub fn parse_search(q: &str) -> Result<String, String> {
    let q = q.trim();
    let n = q.chars().count();
    if n < SEARCH_MIN {
        return Err(format!(
            "Bitte geben Sie mindestens {SEARCH_MIN} Zeichen ein."
        ));
    }
    if n > SEARCH_MAX {
        return Err(format!(
            "Der Suchbegriff darf höchstens {SEARCH_MAX} Zeichen lang sein."
        ));
    }
    Ok(q.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn search_terms_are_bounded() {
        assert_eq!(super::parse_search("  Kiel ").unwrap(), "Kiel");
        assert!(super::parse_search("K").is_err());
        assert!(super::parse_search(&"x".repeat(10_000)).is_err());
    }
}
