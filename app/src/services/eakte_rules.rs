//! Reading the eAkte-Regelwerk outside orders: an agency's rules (live or at a date) and
//! the history of one rule. (Order items of the kind: services/orders/eakte_rules.rs.)

use super::db_err;
use crate::db::eakte_rules as q;
use crate::domain::calendar::format_berlin;
use crate::domain::eakte_rule::{entry_label, postkorb_label};
use crate::domain::kind::written_by;
use crate::domain::org::OrgLocation;
use crate::domain::policy::Action;
use crate::eakte::model::{EakteHistory, EakteRuleRow, EakteVersionView};
use crate::error::AppError;
use crate::services::context::Ctx;

pub fn rule_row(r: q::RuleRow) -> EakteRuleRow {
    EakteRuleRow {
        entry_id: r.entry_id,
        file_type: r.file_type,
        document_type: r.document_type,
        document_kind: r.document_kind,
        postkorb: r.postkorb,
        version: r.version,
        valid_from: format_berlin(r.valid_from),
        open_order: r.open_order,
    }
}

pub async fn history(ctx: &Ctx, entry_id: i64) -> Result<EakteHistory, AppError> {
    let actor = ctx.actor()?;
    let db = ctx.db().clone();
    let meta = q::entry_meta(&db, entry_id)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    let location = OrgLocation::Agency {
        region_id: meta.region_id,
        agency_id: meta.agency_id,
    };
    ctx.require(
        &actor,
        Action::ViewOrganisation,
        location,
        &format!("eakte-regel:{entry_id}"),
    )
    .await?;
    let may_file = crate::domain::policy::decide(&actor, Action::FileOrder, location).is_allowed();
    let rows = q::versions(&db, entry_id).await.map_err(db_err)?;
    let live_postkorb = rows
        .iter()
        .find(|v| v.valid_until.is_none())
        .map(|v| v.postkorb_id);
    Ok(EakteHistory {
        entry_id,
        rule: entry_label(&meta.file_type, &meta.document_type, &meta.document_kind),
        agency_code: meta.agency_code,
        agency_name: meta.agency_name,
        versions: rows
            .into_iter()
            .rev()
            .map(|v| EakteVersionView {
                version: v.version,
                postkorb: postkorb_label(&v.postkorb, &v.postkorb_office),
                valid_from: format_berlin(v.valid_from),
                valid_until: v.valid_until.map(format_berlin),
                by: written_by(v.author, v.implemented_by),
                order: v.order_number,
                note: v.note,
                can_restore: may_file && Some(v.postkorb_id) != live_postkorb,
            })
            .collect(),
    })
}
