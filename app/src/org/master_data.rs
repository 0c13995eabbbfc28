//! The master-data import of the Zentrale: upload the master-data file (a plain multipart
//! form, handled by the server at /organisation/stammdaten/hochladen), preview what is new
//! and what changes, and confirm it as a whole.

use crate::error::AppError;
use crate::routing::FieldChange;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One object the file creates or changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MasterDataChange {
    /// The first line of the file that names it.
    pub line: u64,
    /// "RD", "Agentur", "Dienststelle", "Postfach", "Bereich"
    pub level: String,
    /// Its code (a mailbox's address).
    pub key: String,
    pub new: bool,
    pub fields: Vec<FieldChange>,
}

/// One cell the file gets wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MasterDataError {
    pub line: u64,
    pub column: String,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MasterDataPreview {
    pub token: String,
    pub file_name: String,
    /// The file as a whole cannot be read (separator, columns, …).
    pub file_error: Option<String>,
    pub created: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub error_lines: usize,
    /// The first `SHOWN_CHANGES` changes, parents first.
    pub changes: Vec<MasterDataChange>,
    pub errors: Vec<MasterDataError>,
}

/// How many changes the preview lists (the counts cover all).
pub const SHOWN_CHANGES: usize = 500;

/// What a confirmed import did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MasterDataOutcome {
    pub created: usize,
    pub changed: usize,
    /// Routing entries that got their initial configuration.
    pub routing_entries: u64,
    /// Mailboxes that got the setting "E-Mail-Kommunikation: Extern".
    pub mailbox_settings: u64,
}

impl MasterDataOutcome {
    /// The page the browser is sent on to, carrying the figures.
    pub fn path(&self) -> String {
        format!(
            "/organisation/stammdaten?neu={}&geaendert={}&routing={}&einstellungen={}",
            self.created, self.changed, self.routing_entries, self.mailbox_settings
        )
    }
}

#[server(prefix = "/api", endpoint = "stammdaten/vorschau")]
pub async fn load_master_data_preview(kennung: String) -> Result<MasterDataPreview, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(crate::services::master_data::preview(&ctx, &kennung).await)
}

/// Takes the whole file over, or nothing; without JavaScript the browser is sent on to
/// the import page, which shows the figures.
#[server(prefix = "/api", endpoint = "stammdaten/uebernehmen")]
pub async fn confirm_master_data(kennung: String) -> Result<MasterDataOutcome, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let outcome = crate::services::access::respond(
        crate::services::master_data::confirm(&ctx, &kennung).await,
    )?;
    leptos_axum::redirect(&outcome.path());
    Ok(outcome)
}

/// Whether the user may import master data (the page offers the form only then).
#[server(prefix = "/api", endpoint = "stammdaten/erlaubt")]
pub async fn may_import_master_data() -> Result<bool, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(crate::services::master_data::may_import(&ctx).await)
}
