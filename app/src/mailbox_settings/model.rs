//! What the order page's "E-Mail-Kommunikation" form and the setting's history exchange
//! with their services (the items themselves: `orders::model::ValueItemView`).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingChoice {
    pub entry_id: i64,
    /// The mailbox with its live value.
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingChoices {
    pub mailboxes: Vec<SettingChoice>,
    /// (code, description) of the modes.
    pub modes: Vec<(String, String)>,
}

/// Every version of one mailbox's setting, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingHistory {
    pub entry_id: i64,
    pub mailbox: String,
    pub address: String,
    pub kind_label: String,
    pub office_code: String,
    pub office_name: String,
    /// Why earlier values may not come back (a keep-in-place lock), if one forbids them.
    pub lock: Option<String>,
    pub versions: Vec<SettingVersionView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingVersionView {
    pub version: i64,
    pub mode: String,
    /// TT.MM.JJJJ HH:MM (Berlin)
    pub valid_from: String,
    /// None while it is live.
    pub valid_until: Option<String>,
    pub order: Option<String>,
    /// "Author; umgesetzt von …", or "Datenübernahme".
    pub by: String,
    pub note: String,
    /// The user may file a draft that restores it (it differs from the live value).
    pub can_restore: bool,
}
