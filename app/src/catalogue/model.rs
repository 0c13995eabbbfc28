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
