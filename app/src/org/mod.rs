//! The organisation browser: RD → Agentur → Dienststelle → Postfächer, within scope.

pub mod agency_merger;
pub mod agency_merger_pages;
pub mod mailbox;
pub mod mailbox_pages;
pub mod master_data;
pub mod master_data_pages;
pub mod model;
pub mod office_closure;
pub mod office_closure_pages;
pub mod pages;
pub mod postkorb;
pub mod postkorb_pages;
pub mod unit_admin;

use crate::error::AppError;
use leptos::prelude::*;
use model::{AgencyDetail, OfficeDetail, OrgOverview, RegionDetail};

#[server(prefix = "/api", endpoint = "organisation/uebersicht")]
pub async fn fetch_org_overview(query: Option<String>) -> Result<OrgOverview, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(crate::services::org::overview(&ctx, query).await)
}

#[server(prefix = "/api", endpoint = "organisation/regionaldirektion")]
pub async fn fetch_region(code: String) -> Result<RegionDetail, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(crate::services::org::region(&ctx, &code).await)
}

#[server(prefix = "/api", endpoint = "organisation/agentur")]
pub async fn fetch_agency(code: String) -> Result<AgencyDetail, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(crate::services::org::agency(&ctx, &code).await)
}

#[server(prefix = "/api", endpoint = "organisation/dienststelle")]
pub async fn fetch_office(code: String, stand: Option<String>) -> Result<OfficeDetail, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(
        crate::services::org::office(&ctx, &code, stand.as_deref()).await,
    )
}
