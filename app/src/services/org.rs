//! Reading the organisation tree within the actor's scope.

use super::db_err;
use crate::db::org as q;
use crate::domain::fields::FieldError;
use crate::domain::org::{MailboxKind, OfficeKind, OrgLocation};
use crate::domain::policy::{Action, ScopeFilter};
use crate::error::AppError;
use crate::org::model::*;
use crate::services::context::Ctx;

const SEARCH_LIMIT: i64 = 50;

/// The RDs within `scope` as (code, name), by name, for the RD filters.
pub async fn region_choices(
    ctx: &Ctx,
    scope: &ScopeFilter,
) -> Result<Vec<(String, String)>, AppError> {
    if !scope.all && scope.region_ids.is_empty() {
        return Ok(Vec::new());
    }
    let st = &ctx.state;
    let all = st
        .cache
        .regions(q::all_regions(&st.db))
        .await
        .map_err(db_err)?;
    Ok(all
        .iter()
        .filter(|(id, _, _)| scope.all || scope.region_ids.contains(id))
        .map(|(_, code, name)| (code.clone(), name.clone()))
        .collect())
}

fn office_kind_label(code: &str) -> String {
    OfficeKind::from_code(code)
        .map(|k| k.label().to_string())
        .unwrap_or_default()
}

pub async fn overview(ctx: &Ctx, query: Option<String>) -> Result<OrgOverview, AppError> {
    let actor = ctx.actor()?;
    let scope = ScopeFilter::for_action(&actor, Action::ViewOrganisation);
    let db = ctx.db().clone();
    let regions = q::regions(&db, &scope)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|r| RegionSummary {
            code: r.code,
            name: r.name,
            agency_count: r.agency_count,
            office_count: r.office_count,
        })
        .collect();
    let hits = match query.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(raw) => {
            let term = parse_search(raw)
                .map_err(|m| AppError::Validation(vec![FieldError::new("q", m)]))?;
            let rows = q::search(&db, &term, &scope, SEARCH_LIMIT)
                .await
                .map_err(db_err)?;
            Some(
                rows.into_iter()
                    .map(|h| {
                        let (kind_label, href) = match h.kind.as_str() {
                            "agentur" => ("Agentur", format!("/organisation/agentur/{}", h.code)),
                            "dienststelle" => (
                                "Dienststelle",
                                format!("/organisation/dienststelle/{}", h.code),
                            ),
                            // A mailbox hit's context is its address.
                            _ => ("Postfach", crate::org::model::mailbox_href(&h.context)),
                        };
                        SearchHit {
                            kind_label: kind_label.into(),
                            href,
                            name: h.name,
                            context: h.context,
                        }
                    })
                    .collect(),
            )
        }
    };
    Ok(OrgOverview {
        regions,
        hits,
        may_manage: manages(&actor),
    })
}

pub async fn region(ctx: &Ctx, code: &str) -> Result<RegionDetail, AppError> {
    let actor = ctx.actor()?;
    let db = ctx.db().clone();
    let (id, code, name) = q::region_by_code(&db, code)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    ctx.require(
        &actor,
        Action::ViewOrganisation,
        OrgLocation::Region { region_id: id },
        &format!("regionaldirektion:{code}"),
    )
    .await?;
    let scope = ScopeFilter::for_action(&actor, Action::ViewOrganisation);
    let agencies = q::agencies_in_region(&db, id, &scope)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|a| AgencySummary {
            code: a.code,
            name: a.name,
            office_count: a.office_count,
            closed_into: a.successor_name,
        })
        .collect();
    let history = versions_of(&db, "rd", id).await?;
    let mut r = crate::db::write::Reader::Pool(&db);
    let active = crate::db::region_status::region(&mut r, &code)
        .await
        .map_err(db_err)?
        .is_none_or(|(_, _, active)| active);
    let may_set_status = manages(&actor);
    let refusal = if may_set_status && active {
        super::region_status::refusal(&mut r, id, &name).await?
    } else {
        None
    };
    Ok(RegionDetail {
        code,
        name,
        agencies,
        history,
        version: live_version(&db, "rd", id).await?,
        may_manage: may_set_status && active,
        active,
        may_set_status,
        refusal,
    })
}

/// An agency the actor may see.
pub async fn visible_agency(
    ctx: &Ctx,
    actor: &crate::domain::policy::Actor,
    code: &str,
) -> Result<q::AgencyRow, AppError> {
    agency_for(ctx, actor, code, Action::ViewOrganisation).await
}

/// An agency where the actor may perform `action` (404 if it does not exist, 403 if the
/// policy refuses, audited).
pub async fn agency_for(
    ctx: &Ctx,
    actor: &crate::domain::policy::Actor,
    code: &str,
    action: Action,
) -> Result<q::AgencyRow, AppError> {
    let st = &ctx.state;
    let code = code.trim();
    let a = st
        .cache
        .agency(code, q::agency_by_code(&st.db, code))
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    let location = OrgLocation::Agency {
        region_id: a.region_id,
        agency_id: a.id,
    };
    ctx.require(actor, action, location, &format!("agentur:{}", a.code))
        .await?;
    Ok(a)
}

pub async fn agency(ctx: &Ctx, code: &str) -> Result<AgencyDetail, AppError> {
    let actor = ctx.actor()?;
    let db = ctx.db().clone();
    let a = visible_agency(ctx, &actor, code).await?;
    let offices = q::offices_of_agency(&db, a.id)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|o| OfficeSummary {
            kind_label: office_kind_label(&o.kind),
            code: o.code,
            name: o.name,
            mailbox_count: o.mailbox_count,
            closed_into: o.successor_name,
        })
        .collect();
    let history = versions_of(&db, "agentur", a.id).await?;
    let location = OrgLocation::Agency {
        region_id: a.region_id,
        agency_id: a.id,
    };
    let allowed = |action| crate::domain::policy::decide(&actor, action, location).is_allowed();
    Ok(AgencyDetail {
        history,
        version: live_version(&db, "agentur", a.id).await?,
        may_manage: a.active && allowed(Action::ManageRegionOrganisation),
        may_merge: a.active
            && crate::domain::policy::decide(&actor, Action::ManageCatalogue, OrgLocation::Central)
                .is_allowed(),
        closed_into: a.successor_code.zip(a.successor_name),
        code: a.code,
        name: a.name,
        region_code: a.region_code,
        region_name: a.region_name,
        offices,
    })
}

/// A Dienststelle the actor may see (everything about it is then visible: mailboxes,
/// routing, history).
pub async fn visible_office(
    ctx: &Ctx,
    actor: &crate::domain::policy::Actor,
    code: &str,
) -> Result<q::OfficeRow, AppError> {
    let db = ctx.db().clone();
    let o = q::office_by_code(&db, code)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    let location = OrgLocation::Agency {
        region_id: o.region_id,
        agency_id: o.agency_id,
    };
    ctx.require(
        actor,
        Action::ViewOrganisation,
        location,
        &format!("dienststelle:{}", o.code),
    )
    .await?;
    Ok(o)
}

/// One object's versions as the history tables show them, newest first.
/// The Zentrale manages the organisation's master data.
fn manages(actor: &crate::domain::policy::Actor) -> bool {
    crate::domain::policy::decide(actor, Action::ManageCatalogue, OrgLocation::Central).is_allowed()
}

async fn live_version(db: &crate::db::Db, level: &str, id: i64) -> Result<i64, AppError> {
    crate::db::master_data::live_version(db, level, id)
        .await
        .map_err(db_err)
}

async fn versions_of(
    db: &crate::db::Db,
    level: &str,
    id: i64,
) -> Result<Vec<crate::org::model::MasterDataVersionView>, AppError> {
    Ok(crate::db::master_data::history(db, level, id, 100)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(super::master_data::version_view)
        .collect())
}

/// A Dienststelle's page; with `stand` (TT.MM.JJJJ) also its master data as they stood
/// at the end of that day.
pub async fn office(ctx: &Ctx, code: &str, stand: Option<&str>) -> Result<OfficeDetail, AppError> {
    let actor = ctx.actor()?;
    let db = ctx.db().clone();
    let o = visible_office(ctx, &actor, code).await?;
    let day = super::routing::parse_stand(stand)?;
    let may_create =
        crate::domain::policy::decide(&actor, Action::ManageCatalogue, OrgLocation::Central)
            .is_allowed();
    let areas = if may_create {
        crate::db::catalogue::areas(&db).await.map_err(db_err)?
    } else {
        Vec::new()
    };
    let standing = match day {
        None => Vec::new(),
        Some(day) => crate::db::master_data::office_at(
            &db,
            o.id,
            crate::domain::calendar::end_of_day_berlin(day),
        )
        .await
        .map_err(db_err)?
        .into_iter()
        .map(super::master_data::version_view)
        .collect(),
    };
    let history = crate::db::master_data::office_history(&db, o.id, 100)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(super::master_data::version_view)
        .collect();
    let mailboxes = q::mailboxes_of_office(&db, o.id)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|m| MailboxView {
            kind_label: MailboxKind::from_code(&m.kind)
                .map(|k| k.label().to_string())
                .unwrap_or_default(),
            email: match (m.setting_entry, m.setting_version, m.email_mode) {
                (Some(entry), Some(version), Some(mode)) => Some((
                    format!("{} (Version {version})", mode.label()),
                    format!("/postfach-einstellung/{entry}"),
                )),
                _ => None,
            },
            name: m.name,
            active: m.active,
            address: m.address,
            area_name: m.area_name,
        })
        .collect();
    Ok(OfficeDetail {
        kind_label: office_kind_label(&o.kind),
        code: o.code,
        name: o.name,
        agency_code: o.agency_code,
        agency_name: o.agency_name,
        region_code: o.region_code,
        region_name: o.region_name,
        mailboxes,
        history,
        as_of: day.map(crate::domain::calendar::format_date),
        standing,
        areas,
        may_close: may_create && o.active,
        version: live_version(&db, "dienststelle", o.id).await?,
        may_manage: crate::domain::policy::decide(
            &actor,
            Action::ManageRegionOrganisation,
            OrgLocation::Agency {
                region_id: o.region_id,
                agency_id: o.agency_id,
            },
        )
        .is_allowed(),
        closed_into: o.successor_code.zip(o.successor_name),
    })
}

/// (code, name) of the agencies the user files orders for.
pub async fn filing_agencies(ctx: &Ctx) -> Result<Vec<(String, String)>, AppError> {
    let actor = ctx.actor()?;
    let db = ctx.db().clone();
    let filing = ScopeFilter::for_action(&actor, Action::FileOrder);
    if filing.is_empty() {
        return Ok(Vec::new());
    }
    q::agency_choices(&db, &filing).await.map_err(db_err)
}
