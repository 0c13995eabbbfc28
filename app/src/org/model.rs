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
    /// The successor's name when the agency is closed.
    pub closed_into: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionDetail {
    pub code: String,
    pub name: String,
    pub agencies: Vec<AgencySummary>,
    /// The RD's own versions, newest first.
    pub history: Vec<MasterDataVersionView>,
    /// The live version (sent back when renaming) and whether the user may rename it and
    /// create agencies in it (Zentrale).
    pub version: i64,
    pub may_manage: bool,
    pub active: bool,
    /// The user may deactivate or reactivate it (Zentrale).
    pub may_set_status: bool,
    /// Why it cannot be deactivated now (what still depends on it).
    pub refusal: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeSummary {
    pub code: String,
    pub name: String,
    pub kind_label: String,
    pub mailbox_count: i64,
    /// The successor's name when the Dienststelle is closed.
    pub closed_into: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyDetail {
    pub code: String,
    pub name: String,
    pub region_code: String,
    pub region_name: String,
    pub offices: Vec<OfficeSummary>,
    /// (code, name) of the successor when the agency is closed (merged into it).
    pub closed_into: Option<(String, String)>,
    /// The user may merge it into a successor (Zentrale, agency open).
    pub may_merge: bool,
    /// The agency's own versions, newest first.
    pub history: Vec<MasterDataVersionView>,
    /// The live version and whether the user may rename it and create Dienststellen.
    pub version: i64,
    pub may_manage: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailboxView {
    pub name: String,
    pub active: bool,
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
    /// TT.MM.JJJJ when the page shows the master data as they stood at the end of that day.
    pub as_of: Option<String>,
    /// The versions valid then (the Dienststelle first, then its mailboxes); empty
    /// without `as_of`.
    pub standing: Vec<MasterDataVersionView>,
    /// (code, name) of every Bereich when the user may create mailboxes here (Zentrale),
    /// else empty.
    pub areas: Vec<(String, String)>,
    /// (code, name) of the successor when the Dienststelle is closed.
    pub closed_into: Option<(String, String)>,
    /// The user may close it (Zentrale, Dienststelle open).
    pub may_close: bool,
    /// The live version and whether the user may rename it (Zentrale).
    pub version: i64,
    pub may_manage: bool,
}

/// What closing a Dienststelle with a chosen successor would do, and what stands in its way.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeClosurePlan {
    pub code: String,
    pub name: String,
    pub agency_code: String,
    pub agency_name: String,
    /// The Dienststelle's live master-data version; sent back with the closure.
    pub version: i64,
    /// (code, name) of the Dienststellen of the agency that may succeed it.
    pub successors: Vec<(String, String)>,
    /// The chosen successor's code, once valid.
    pub successor: Option<String>,
    /// Why it cannot be closed (at all, or with this successor).
    pub refusal: Option<String>,
    /// Open orders that touch it: they must be finished first.
    pub open_orders: Vec<String>,
    /// Live entries of other Dienststellen that point to it, and where they would go.
    pub moves: Vec<ClosureMoveView>,
    /// Entries that cannot move by themselves (no fitting mailbox or Postkorb).
    pub stuck: Vec<String>,
    /// Active mailboxes that the closure deactivates.
    pub mailbox_count: usize,
    /// Nothing stands in the way: the closure can be confirmed.
    pub may_close: bool,
    /// The move order can be filed (some moves are not yet in an open order).
    pub may_file_move: bool,
    /// TT.MM.JJJJ, the move order's default date.
    pub today: String,
}

/// What merging an agency into a chosen successor would do, and what stands in its way.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyMergerPlan {
    pub code: String,
    pub name: String,
    pub region_code: String,
    pub region_name: String,
    /// The agency's live master-data version; sent back with the merger.
    pub version: i64,
    /// (code, "Name (RD)") of the open agencies that may succeed it.
    pub successors: Vec<(String, String)>,
    /// (code, name) of the chosen successor, once valid.
    pub successor: Option<(String, String)>,
    /// Why it cannot be merged (at all, or into this successor).
    pub refusal: Option<String>,
    /// Its open orders: they must be finished first.
    pub open_orders: Vec<String>,
    /// (name, kind now, kind after) of its Dienststellen, which move to the successor.
    pub offices: Vec<(String, String, String)>,
    /// Entries of its Geschäftsstellen that route to its Hauptagentur, and where they go.
    pub moves: Vec<ClosureMoveView>,
    /// Entries that no mailbox of the successor's Hauptagentur can take over.
    pub stuck: Vec<String>,
    /// Its live eAkte rules, which end (the successor's rules apply).
    pub eakte_rules: i64,
    /// Users whose role for the agency passes to the successor.
    pub users: Vec<String>,
    /// Directives whose scope names the agency: it passes to the successor.
    pub directives: Vec<String>,
    /// Nothing stands in the way: the merger can be confirmed.
    pub may_merge: bool,
    /// TT.MM.JJJJ, the move order's default date.
    pub today: String,
}

/// A live entry of another Dienststelle that points to the closing one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosureMoveView {
    /// "Routing" or "eAkte-Regel"
    pub kind: String,
    /// "Kiel · Arbeitslosmeldung" or the rule's label.
    pub entry: String,
    pub href: String,
    pub before: String,
    /// What the move order proposes ("–" before a successor is chosen).
    pub after: String,
    /// The open order that already changes the entry.
    pub open_order: Option<String>,
}

/// A live routing entry that uses a mailbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailboxUseView {
    pub agency: String,
    pub office: String,
    pub concern: String,
    /// "Zielpostfach", "Benachrichtigung" or both.
    pub use_label: String,
    /// The open order that already changes the entry (its number).
    pub open_order: Option<String>,
    /// The entry's history page.
    pub href: String,
}

/// An item of an open order that proposes a mailbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailboxOpenItemView {
    pub order: String,
    pub office: String,
    pub concern: String,
}

/// One mailbox's page: its data, where live routing and open orders use it, and — for
/// the Zentrale — deactivation and the move of its routing to a successor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailboxDetail {
    pub address: String,
    pub name: String,
    pub kind_label: String,
    /// `MailboxKind::code`, the form's selection.
    pub kind_code: String,
    pub office_code: String,
    pub office_name: String,
    pub agency_name: String,
    pub area_code: String,
    pub area_name: String,
    /// (code, name) of every Bereich, for the change form (Zentrale only).
    pub areas: Vec<(String, String)>,
    pub active: bool,
    /// The live master-data version the forms were made from (0 before the first).
    pub version: i64,
    pub uses: Vec<MailboxUseView>,
    pub open_items: Vec<MailboxOpenItemView>,
    /// Why the mailbox cannot be deactivated now.
    pub refusal: Option<String>,
    /// The user may deactivate and reactivate it (Zentrale).
    pub may_manage: bool,
    /// The user may file the batch order that moves its routing (Zentrale).
    pub may_move: bool,
    /// (address, label) of the active mailboxes that can take over.
    pub successors: Vec<(String, String)>,
    /// TT.MM.JJJJ, the move's earliest effective date.
    pub today: String,
    pub history: Vec<MasterDataVersionView>,
}

/// A mailbox's page.
pub fn mailbox_href(address: &str) -> String {
    format!(
        "/organisation/postfach/{}",
        crate::ui::encode_param(address)
    )
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
    /// The user may create Regionaldirektionen (Zentrale).
    pub may_manage: bool,
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

/// A Postkorb in the list of its Dienststelle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostkorbView {
    pub code: String,
    pub name: String,
    pub area_code: String,
    pub area_name: String,
    pub active: bool,
    /// Live eAkte rules that send to it.
    pub live_rules: i64,
}

/// The Postkörbe of a Dienststelle, with what a new one may be made of (Zentrale).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficePostkoerbe {
    pub postkoerbe: Vec<PostkorbView>,
    /// (code, name, offered name) of the active Bereiche without a Postkorb here; empty
    /// unless the user may create one.
    pub free_areas: Vec<(String, String, String)>,
}

/// One Postkorb's page: where it sits, the rules that send to it, its versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostkorbDetail {
    pub postkorb: PostkorbView,
    pub office_code: String,
    pub office_name: String,
    pub agency_code: String,
    pub agency_name: String,
    /// The live master-data version the forms were made from (0 before the first).
    pub version: i64,
    /// The live rules that send to it: (label, link, open order).
    pub rules: Vec<(String, String, Option<String>)>,
    /// Open orders whose items propose it.
    pub proposing: Vec<String>,
    /// Why it cannot be deactivated now.
    pub refusal: Option<String>,
    /// (code, name) of the Postkörbe of the agency its rules can move to.
    pub move_targets: Vec<(String, String)>,
    /// The user may change it (Zentrale).
    pub may_manage: bool,
    pub history: Vec<MasterDataVersionView>,
    /// TT.MM.JJJJ, the move order's default date.
    pub today: String,
}
