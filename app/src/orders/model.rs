//! What the orders pages and their services exchange (shared by server and browser;
//! imports nothing of either side).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemView {
    pub id: i64,
    pub entry_id: i64,
    pub office: String,
    pub concern: String,
    pub base_version: i64,
    pub live_version: i64,
    /// The item was made against a version that is no longer live.
    pub stale: bool,
    pub changes: Vec<crate::routing::FieldChange>,
    /// Addresses the item adds that the mailbox catalogue does not know: allowed, but the
    /// reviewer should check them (Weisung 202509011).
    pub unknown_addresses: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderDetail {
    pub number: String,
    pub agency: String,
    pub author: String,
    pub state_code: crate::domain::order::OrderState,
    pub state_label: String,
    pub justification: String,
    pub effective_date: String,
    /// Today in Berlin (TT.MM.JJJJ): the earliest effective date the header form accepts.
    pub today: String,
    pub revision: i64,
    pub decided_by: Option<String>,
    pub decision_reason: Option<String>,
    /// Once submitted: whether an RD reviews it before RIM implements (fixed then).
    pub review: Option<String>,
    /// The directive the order answers.
    pub directive: Option<DirectiveRef>,
    /// The Zentrale's batch order it was filed in (SA-JJJJ-NNNN), if any.
    pub batch: Option<String>,
    /// (number, label) of the directives the header form offers (only when editable).
    pub directive_choices: Vec<(String, String)>,
    pub items: Vec<ItemView>,
    /// Items of the kind "E-Mail-Kommunikation".
    pub settings: Vec<ValueItemView>,
    /// Items of the kind "eAkte-Regelwerk".
    pub eakte: Vec<ValueItemView>,
    /// Other open orders touching the same entries: (number, state label).
    pub overlapping: Vec<(String, String)>,
    /// Codes of the actions the current user may take now.
    pub allowed_actions: Vec<String>,
    pub editable: bool,
    /// Stale items exist and the user may bring them onto the live version.
    pub can_refresh: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectiveRef {
    pub number: String,
    /// "202509011 – Title"
    pub label: String,
    /// TT.MM.JJJJ
    pub deadline: String,
}

/// An earlier version the new draft will restore.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Restoring {
    pub kind: crate::domain::kind::Kind,
    pub entry_id: i64,
    pub version: i64,
    pub agency_code: String,
    pub agency_name: String,
    pub office: String,
    /// What is restored: the Anliegen, or "E-Mail-Kommunikation von „…“".
    pub subject: String,
    /// The restored values in one line.
    pub summary: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewOrderForm {
    /// (code, name) of the agencies the user may file for.
    pub agencies: Vec<(String, String)>,
    /// (number, label with deadline)
    pub directives: Vec<(String, String)>,
    /// TT.MM.JJJJ, the default effective date.
    pub today: String,
    /// Suggested justification (when restoring).
    pub justification: String,
    pub restoring: Option<Restoring>,
    /// Items that make the agency comply with a directive.
    pub prefill: Option<Prefill>,
}

/// A draft pre-filled with the changes a directive asks for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefill {
    pub directive: String,
    pub agency_code: String,
    pub agency_name: String,
    /// What the items change, for the sentence above them ("für das Anliegen „…“").
    pub what: String,
    pub justification: String,
    pub items: Vec<PrefillLine>,
    /// The code of the one obligation's kind the draft is pre-filled for (all if none).
    pub obligation: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrefillLine {
    pub office: String,
    /// Mailbox and notification addresses in one line.
    pub proposed: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderListRow {
    pub number: String,
    pub agency: String,
    pub author: String,
    pub state_label: String,
    pub effective_date: String,
    pub submitted: Option<String>,
    /// Whole days since submission, for the review inbox.
    pub days_waiting: Option<i64>,
    pub items: i64,
    /// Number of the directive the order answers, its deadline (TT.MM.JJJJ) and the
    /// days left until it (negative when overdue).
    pub directive: Option<String>,
    pub deadline: Option<String>,
    pub days_left: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderList {
    pub rows: Vec<OrderListRow>,
    /// The user may file orders for at least one agency.
    pub can_file: bool,
    /// (code, name) of the RDs to filter by, for users who see more than one.
    pub regions: Vec<(String, String)>,
    /// Cursor of the next page, if there is one.
    pub next: Option<i64>,
    pub first_page: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailboxChoice {
    pub id: i64,
    pub label: String,
    pub area_id: i64,
    /// Codes of the Dienststellen this mailbox may serve (`domain::org::mailbox_may_serve`).
    pub serves: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemChoices {
    pub offices: Vec<(String, String)>,
    pub concerns: Vec<(String, String)>,
    pub mailboxes: Vec<MailboxChoice>,
    pub areas: Vec<(i64, String)>,
    /// The domains notification addresses may use.
    pub mail_domains: Vec<String>,
}

/// An item of a kind with a single field: the entry's value as it is and as the order
/// proposes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueItemView {
    pub id: i64,
    /// The entry: "Name – adresse (Art, Dienststelle)", "1001 Alg · Widerspruch · Online-Dokument"
    pub subject: String,
    /// The live value.
    pub before: String,
    pub after: String,
    pub base_version: i64,
    pub live_version: i64,
    /// Made against a version that is no longer live.
    pub stale: bool,
    /// The live version caught up with the proposal: the item changes nothing any more.
    pub unchanged: bool,
}

/// A batch order of the Zentrale (Sammelauftrag) with its orders, one per agency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchView {
    /// SA-JJJJ-NNNN
    pub number: String,
    pub justification: String,
    pub author: String,
    /// TT.MM.JJJJ, HH:MM (Berlin)
    pub filed_at: String,
    /// (number, title) of the directive it answers.
    pub directive: Option<(String, String)>,
    /// The batch's orders the user may see, by RD and agency.
    pub orders: Vec<BatchOrderView>,
    /// How many of those are implemented.
    pub implemented: usize,
    /// Orders of the batch outside the user's scope (not listed).
    pub hidden: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchOrderView {
    pub number: String,
    pub agency: String,
    pub region: String,
    pub items: i64,
    pub state_code: crate::domain::order::OrderState,
    pub state_label: String,
}
