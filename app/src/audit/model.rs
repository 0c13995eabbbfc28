//! What the audit pages and their services exchange (shared by server and browser;
//! imports nothing of either side).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    pub id: i64,
    /// TT.MM.JJJJ HH:MM:SS (Berlin)
    pub at: String,
    pub actor: String,
    pub action: String,
    pub object: String,
    pub outcome: String,
    pub detail: String,
    pub request_id: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub lines: Vec<AuditLine>,
    /// Cursor for older entries, if there are more.
    pub older: Option<i64>,
}
