//! The choices of the export page, all inside the user's scope.

use super::db_err;
use crate::domain::order::StatusFilter;
use crate::domain::policy::{Action, ScopeFilter};
use crate::error::AppError;
use crate::export::model::ExportChoices;
use crate::services::context::Ctx;

pub async fn choices(ctx: &Ctx) -> Result<ExportChoices, AppError> {
    let actor = ctx.actor()?;
    let db = ctx.db().clone();
    let viewing = ScopeFilter::for_action(&actor, Action::ViewOrganisation);
    let exporting = ScopeFilter::for_action(&actor, Action::ExportOrders);
    let regions = if viewing.all || viewing.region_ids.len() > 1 {
        crate::services::org::region_choices(ctx, &viewing).await?
    } else {
        Vec::new()
    };
    let agencies = crate::db::org::agency_choices(&db, &viewing)
        .await
        .map_err(db_err)?;
    let order_agencies = if exporting.is_empty() {
        Vec::new()
    } else {
        crate::db::org::agency_choices(&db, &exporting)
            .await
            .map_err(db_err)?
    };
    let directives = super::directives::choices(&db).await?;
    Ok(ExportChoices {
        orders: !exporting.is_empty(),
        audit: crate::domain::policy::decide(
            &actor,
            Action::ViewAuditLog,
            crate::domain::org::OrgLocation::Central,
        )
        .is_allowed(),
        regions,
        agencies,
        order_agencies,
        directives,
        states: StatusFilter::all()
            .map(|s| (s.code().to_string(), s.label().to_string()))
            .collect(),
    })
}
