//! What the eAkte-Regelwerk's pages and their services exchange.

use serde::{Deserialize, Serialize};

/// One rule of an agency, live or at a past date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EakteRuleRow {
    pub entry_id: i64,
    /// "1001 Alg"
    pub file_type: String,
    pub document_type: String,
    /// "Online-Dokument"
    pub document_kind: String,
    /// "Postkorb EZ Kiel"
    pub postkorb: String,
    pub version: i64,
    /// TT.MM.JJJJ HH:MM (Berlin)
    pub valid_from: String,
    /// The first open order that changes it (live state only).
    pub open_order: Option<String>,
}

/// Every version of one rule, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EakteHistory {
    pub entry_id: i64,
    /// "1001 Alg · Antrag auf Arbeitslosengeld · Online-Dokument"
    pub rule: String,
    pub agency_code: String,
    pub agency_name: String,
    pub versions: Vec<EakteVersionView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EakteVersionView {
    pub version: i64,
    /// "Postkorb EZ Kiel (Kiel)"
    pub postkorb: String,
    /// TT.MM.JJJJ HH:MM (Berlin)
    pub valid_from: String,
    /// None while it is live.
    pub valid_until: Option<String>,
    pub order: Option<String>,
    /// "Author; umgesetzt von …", or "Datenübernahme".
    pub by: String,
    pub note: String,
    /// The user may file a draft that restores it (it differs from the live Postkorb).
    pub can_restore: bool,
}

/// One choice of the order page's eAkte form: a rule or a Postkorb.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EakteChoice {
    pub id: i64,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EakteChoices {
    /// The agency's rules with their live Postkorb.
    pub rules: Vec<EakteChoice>,
    /// The Postkörbe of the agency's Dienststellen, Hauptagentur first.
    pub postkoerbe: Vec<EakteChoice>,
}
