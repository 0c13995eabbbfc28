//! The live routing configuration, its history and point-in-time views.

pub mod pages;

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
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

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Comparison {
    pub from: i64,
    pub to: i64,
    pub changes: Vec<FieldChange>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AgencyRouting {
    pub agency_code: String,
    pub agency_name: String,
    /// TT.MM.JJJJ when a past state was asked for.
    pub as_of: Option<String>,
    /// Ordered by Dienststelle (main office first), then Anliegen.
    pub rows: Vec<RoutingRow>,
}

#[server(prefix = "/api", endpoint = "routing/agentur")]
pub async fn fetch_agency_routing(
    code: String,
    stand: Option<String>,
) -> Result<AgencyRouting, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(
        crate::services::routing::agency(&ctx, &code, stand.as_deref()).await,
    )
}

#[server(prefix = "/api", endpoint = "routing/dienststelle")]
pub async fn fetch_office_routing(
    code: String,
    stand: Option<String>,
) -> Result<OfficeRouting, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(
        crate::services::routing::office(&ctx, &code, stand.as_deref()).await,
    )
}

#[server(prefix = "/api", endpoint = "routing/verlauf")]
pub async fn fetch_entry_history(
    eintrag: i64,
    von: Option<i64>,
    bis: Option<i64>,
) -> Result<EntryHistory, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(
        crate::services::routing::history(&ctx, eintrag, von, bis).await,
    )
}
