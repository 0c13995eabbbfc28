//! What the routing pages and their services exchange (shared by server and browser;
//! imports nothing of either side).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingRow {
    pub entry_id: i64,
    pub office_code: String,
    pub office_name: String,
    pub concern: String,
    pub customer_group: String,
    pub version: i64,
    pub mailbox_name: String,
    pub mailbox_address: String,
    pub area_name: String,
    pub addresses: Vec<String>,
    /// TT.MM.JJJJ HH:MM (Berlin)
    pub valid_from: String,
    pub open_order: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeRouting {
    pub office_code: String,
    pub office_name: String,
    pub agency_code: String,
    pub agency_name: String,
    /// TT.MM.JJJJ when a past state was asked for.
    pub as_of: Option<String>,
    pub rows: Vec<RoutingRow>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionView {
    pub number: i64,
    pub valid_from: String,
    pub valid_until: Option<String>,
    pub mailbox: String,
    pub area_name: String,
    pub addresses: Vec<String>,
    pub order_number: Option<String>,
    /// Who filed the order (none for the initial configuration).
    pub author: Option<String>,
    /// Who implemented it (RIM).
    pub implemented_by: Option<String>,
    pub note: String,
}

/// The label of the notification-address field in every diff.
pub const ADDRESSES_FIELD: &str = "Benachrichtigungsadressen";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    pub from: i64,
    pub to: i64,
    pub changes: Vec<FieldChange>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryHistory {
    pub entry_id: i64,
    pub concern: String,
    pub office_code: String,
    pub office_name: String,
    pub agency_name: String,
    pub versions: Vec<VersionView>,
    pub comparison: Option<Comparison>,
    /// The user may file orders for the entry's agency (and so restore a version).
    pub can_restore: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyRouting {
    pub agency_code: String,
    pub agency_name: String,
    /// TT.MM.JJJJ when a past state was asked for.
    pub as_of: Option<String>,
    /// Ordered by Dienststelle (main office first), then Anliegen.
    pub rows: Vec<RoutingRow>,
    /// The mailboxes' "E-Mail-Kommunikation" at the same time, by Dienststelle and name.
    pub settings: Vec<MailboxSettingRow>,
    /// The agency's eAkte-Regelwerk at the same time, by Aktentyp, Dokumenttyp, Dokumentart.
    pub eakte_rules: Vec<crate::eakte::model::EakteRuleRow>,
}

/// One mailbox's "E-Mail-Kommunikation", live or at a past date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailboxSettingRow {
    pub entry_id: i64,
    pub office_name: String,
    pub mailbox_name: String,
    pub mailbox_address: String,
    /// "Teampostfach"
    pub kind_label: String,
    /// "Intern" / "Extern"
    pub mode: String,
    pub version: i64,
    /// TT.MM.JJJJ HH:MM (Berlin)
    pub valid_from: String,
    /// The first open order that changes it (live state only).
    pub open_order: Option<String>,
}
