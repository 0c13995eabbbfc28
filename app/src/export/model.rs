//! What the export pages and their services exchange (shared by server and browser;
//! imports nothing of either side).

use serde::{Deserialize, Serialize};

/// What the export page offers the user: only choices inside their scope.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportChoices {
    /// May download order items (RIM, RD-Prüfer, Zentrale).
    pub orders: bool,
    /// May download the audit log (Zentrale).
    pub audit: bool,
    /// (code, name); empty when the user sees one RD only.
    pub regions: Vec<(String, String)>,
    /// (code, name) of the agencies whose configuration the user sees.
    pub agencies: Vec<(String, String)>,
    /// (code, name) of the agencies whose orders the user may export.
    pub order_agencies: Vec<(String, String)>,
    /// (number, title)
    pub directives: Vec<(String, String)>,
    /// (code, label) of every order state.
    pub states: Vec<(String, String)>,
}
