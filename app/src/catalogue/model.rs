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
