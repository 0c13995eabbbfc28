//! What the kinds page and its services exchange (shared by server and browser).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindSetting {
    /// The kind's code, e.g. "weiterleitung".
    pub code: String,
    pub label: String,
    /// "rd" or "keine".
    pub review: String,
    pub review_label: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindSettings {
    pub kinds: Vec<KindSetting>,
    /// Whether the user may change them (the Zentrale).
    pub can_change: bool,
}
