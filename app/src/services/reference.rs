//! The reference lists a client needs to fill a request: the agencies and Dienststellen
//! in the actor's scope, the mailboxes of a Dienststelle (and which of them may receive
//! its Anliegen), the Anliegen and Bereiche, the eAkte catalogue and an agency's
//! Postkörbe. The JSON API shapes them; the pages have their own views.

use super::db_err;
use crate::db::areas::AreaRow;
use crate::db::catalogue::ConcernRow;
use crate::db::eakte_catalogue::CatalogueRow;
use crate::db::eakte_rules::PostkorbRow;
use crate::db::org::{AgencyMailboxRow, AgencyRow, OfficeRow};
use crate::db::write::Reader;
use crate::domain::eakte_catalogue::CatalogueKind;
use crate::domain::org::{mailbox_may_serve, MailboxKind, MailboxPlace, OfficeKind};
use crate::domain::policy::{Action, ScopeFilter};
use crate::error::AppError;
use crate::services::context::Ctx;

/// The open agencies the actor may see.
pub async fn agencies(ctx: &Ctx) -> Result<Vec<AgencyRow>, AppError> {
    let actor = ctx.actor()?;
    let scope = ScopeFilter::for_action(&actor, Action::ViewOrganisation);
    crate::db::org::open_agencies(ctx.db(), &scope)
        .await
        .map_err(db_err)
}

/// The active Dienststellen of an agency the actor may see, the Hauptagentur first,
/// each with its kind.
pub async fn offices(
    ctx: &Ctx,
    agency_code: &str,
) -> Result<Vec<(OfficeRow, OfficeKind)>, AppError> {
    let actor = ctx.actor()?;
    let agency = super::org::visible_agency(ctx, &actor, agency_code).await?;
    let offices = crate::db::org::offices_of_agency(ctx.db(), agency.id)
        .await
        .map_err(db_err)?;
    Ok(offices
        .into_iter()
        .filter(|o| o.active)
        .filter_map(|o| OfficeKind::from_code(&o.kind).map(|kind| (o, kind)))
        .collect())
}

/// A mailbox seen from one Dienststelle.
pub struct OfficeMailbox {
    pub row: AgencyMailboxRow,
    pub kind: MailboxKind,
    /// The Dienststelle's Anliegen may be routed to it (`domain::org::mailbox_may_serve`).
    pub routing_target: bool,
}

/// The Dienststelle's own active mailboxes and those of its agency's Hauptagentur that
/// may receive its Anliegen.
pub async fn office_mailboxes(
    ctx: &Ctx,
    office_code: &str,
) -> Result<(OfficeRow, Vec<OfficeMailbox>), AppError> {
    let actor = ctx.actor()?;
    let office = super::org::visible_office(ctx, &actor, office_code).await?;
    let rows = crate::db::org::agency_mailboxes(ctx.db(), office.agency_id)
        .await
        .map_err(db_err)?;
    let mailboxes = rows
        .into_iter()
        .filter_map(|row| {
            let place = MailboxPlace {
                office_id: row.office_id,
                agency_id: office.agency_id,
                office_kind: OfficeKind::from_code(&row.office_kind)?,
                kind: MailboxKind::from_code(&row.kind)?,
            };
            let routing_target = mailbox_may_serve(office.id, office.agency_id, place);
            (routing_target || row.office_id == office.id).then_some(OfficeMailbox {
                kind: place.kind,
                row,
                routing_target,
            })
        })
        .collect();
    Ok((office, mailboxes))
}

/// Every Anliegen, retired ones included (they still name old versions).
pub async fn concerns(ctx: &Ctx) -> Result<Vec<ConcernRow>, AppError> {
    ctx.actor()?;
    crate::db::catalogue::concerns(ctx.db())
        .await
        .map_err(db_err)
}

/// Every Bereich, inactive ones included.
pub async fn areas(ctx: &Ctx) -> Result<Vec<AreaRow>, AppError> {
    ctx.actor()?;
    crate::db::areas::areas(&mut Reader::Pool(ctx.db()))
        .await
        .map_err(db_err)
}

/// The eAkte catalogue: Aktentypen, Dokumenttypen, Dokumentarten, inactive ones included.
pub async fn eakte_catalogue(ctx: &Ctx) -> Result<[Vec<CatalogueRow>; 3], AppError> {
    ctx.actor()?;
    let mut lists: [Vec<CatalogueRow>; 3] = Default::default();
    for (list, kind) in lists.iter_mut().zip(CatalogueKind::ALL) {
        *list = crate::db::eakte_catalogue::list(&mut Reader::Pool(ctx.db()), kind)
            .await
            .map_err(db_err)?;
    }
    Ok(lists)
}

/// The active Postkörbe of an agency the actor may see, the Hauptagentur's first.
pub async fn postkoerbe(ctx: &Ctx, agency_code: &str) -> Result<Vec<PostkorbRow>, AppError> {
    let actor = ctx.actor()?;
    let agency = super::org::visible_agency(ctx, &actor, agency_code).await?;
    crate::db::eakte_rules::postkoerbe_of_agency(ctx.db(), agency.id)
        .await
        .map_err(db_err)
}
