//! What the catalogue pages and their services exchange.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConcernView {
    pub code: String,
    pub name: String,
    pub customer_group: String,
    pub area_code: String,
    pub area: String,
    pub active: bool,
    /// The live version (0: never changed since the seed); sent back with a change.
    pub version: i64,
    /// (code, name) of the Anliegen it was retired into.
    pub successor: Option<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueView {
    pub concerns: Vec<ConcernView>,
    /// (code, name) of every Bereich.
    pub areas: Vec<(String, String)>,
    /// The user may create and change Anliegen (Zentrale).
    pub editable: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConcernHistory {
    pub concern: ConcernView,
    pub areas: Vec<(String, String)>,
    pub editable: bool,
    /// Newest first.
    pub versions: Vec<crate::org::model::MasterDataVersionView>,
}

/// A Bereich with what uses it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaView {
    pub code: String,
    pub name: String,
    pub active: bool,
    /// Active mailboxes, active Anliegen and Postkörbe of open Dienststellen in it.
    pub mailboxes: i64,
    pub concerns: i64,
    pub postkoerbe: i64,
    /// The live version (0: unchanged since the seed); sent back with a change.
    pub version: i64,
    /// Why it cannot be deactivated now.
    pub refusal: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaList {
    pub areas: Vec<AreaView>,
    /// The user may create and change Bereiche (Zentrale).
    pub editable: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaDetail {
    pub area: AreaView,
    pub editable: bool,
    /// Newest first.
    pub history: Vec<crate::org::model::MasterDataVersionView>,
}

/// What retiring an Anliegen into a successor would do, and what stands in the way.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConcernRetirementPlan {
    pub code: String,
    pub name: String,
    /// The live master-data version; sent back with the deactivation.
    pub version: i64,
    /// (code, name) of the active Anliegen that may succeed it.
    pub successors: Vec<(String, String)>,
    /// The chosen successor's code and name, once valid.
    pub successor: Option<(String, String)>,
    /// Why it cannot be retired now (or into this successor).
    pub refusal: Option<String>,
    /// The Anliegen's live routing, per Dienststelle, next to the successor's; once a
    /// successor is chosen, only where it does not yet route the same way.
    pub rows: Vec<RetirementRowView>,
    /// Dienststellen where the Anliegen is routed.
    pub live_entries: usize,
    /// Of those, where the successor already routes the same way.
    pub carried: usize,
    /// Numbers of directives in force that name the Anliegen.
    pub directives: Vec<String>,
    /// The move order can be filed (some rows are neither carried nor in an open order).
    pub may_file_move: bool,
    /// Nothing stands in the way: the deactivation can be confirmed.
    pub may_retire: bool,
    /// TT.MM.JJJJ, the move order's default date.
    pub today: String,
}

/// One Dienststelle's live routing of the retiring Anliegen and of its successor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetirementRowView {
    /// "Agentur · Dienststelle"
    pub office: String,
    pub href: String,
    /// "Ziel …; Benachrichtigung: …"
    pub routing: String,
    /// The successor's routing there ("–" before one is chosen or where it has none).
    pub successor_routing: String,
    /// "übernommen", "wird umgestellt" or "abweichend".
    pub state: String,
    /// The open order that changes either entry.
    pub open_order: Option<String>,
}

/// One entry of the eAkte catalogue (Aktentyp, Dokumenttyp or Dokumentart) with its use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EakteEntryView {
    /// "aktentyp", "dokumenttyp" or "dokumentart"
    pub kind: String,
    /// A Dokumenttyp's is "Aktentyp.Dokumenttyp" ("1001.101").
    pub code: String,
    pub name: String,
    pub active: bool,
    /// A Dokumenttyp's Aktentyp.
    pub file_type: Option<String>,
    /// An Aktentyp's active Dokumenttypen.
    pub children: i64,
    /// Live eAkte rules of the entry.
    pub live_rules: i64,
    /// The live master-data version (0: unchanged since the seed).
    pub version: i64,
}

/// The eAkte catalogue: its three lists, and what a new entry may be made of.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EakteCatalogueView {
    pub file_types: Vec<EakteEntryView>,
    pub document_types: Vec<EakteEntryView>,
    pub document_kinds: Vec<EakteEntryView>,
    /// The Zentrale may create, rename and deactivate.
    pub editable: bool,
}

/// One entry of the eAkte catalogue with its versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EakteEntryDetail {
    pub entry: EakteEntryView,
    /// "Aktentyp", "Dokumenttyp", "Dokumentart"
    pub kind_label: String,
    /// Why it cannot be deactivated now.
    pub refusal: Option<String>,
    pub editable: bool,
    pub history: Vec<crate::org::model::MasterDataVersionView>,
}
