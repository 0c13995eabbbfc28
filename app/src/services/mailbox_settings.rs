//! Reading the mailbox setting "E-Mail-Kommunikation" outside orders: the history of one
//! mailbox's setting. (Order items of the kind: services/orders/mailbox_settings.rs.)

use super::db_err;
use crate::db::mailbox_settings as q;
use crate::domain::calendar::{format_berlin, today_berlin};
use crate::domain::mailbox_setting::check;
use crate::domain::org::OrgLocation;
use crate::domain::policy::Action;
use crate::error::AppError;
use crate::mailbox_settings::model::{SettingHistory, SettingVersionView};
use crate::services::context::Ctx;
use time::OffsetDateTime;

pub async fn history(ctx: &Ctx, entry_id: i64) -> Result<SettingHistory, AppError> {
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
        &format!("postfach-einstellung:{entry_id}"),
    )
    .await?;
    let may_file = crate::domain::policy::decide(&actor, Action::FileOrder, location).is_allowed();
    let rows = q::versions(&db, entry_id).await.map_err(db_err)?;
    let live_mode = rows
        .iter()
        .find(|v| v.valid_until.is_none())
        .map(|v| v.email_mode);
    // What a draft filed today would be refused for (the form defaults to today).
    let locks = q::locks(&db).await.map_err(db_err)?;
    let today = today_berlin(OffsetDateTime::now_utc());
    let refusal = |mode| check(meta.mailbox_kind, mode, today, &locks).err();
    let lock = rows.iter().find_map(|v| refusal(v.email_mode));
    Ok(SettingHistory {
        entry_id,
        mailbox: meta.mailbox_name,
        address: meta.mailbox_address,
        kind_label: meta.mailbox_kind.label().to_string(),
        office_code: meta.office_code,
        office_name: meta.office_name,
        lock,
        versions: rows
            .into_iter()
            .rev()
            .map(|v| SettingVersionView {
                version: v.version,
                mode: v.email_mode.description().to_string(),
                valid_from: format_berlin(v.valid_from),
                valid_until: v.valid_until.map(format_berlin),
                by: crate::domain::kind::written_by(v.author, v.implemented_by),
                order: v.order_number,
                note: v.note,
                can_restore: may_file
                    && Some(v.email_mode) != live_mode
                    && refusal(v.email_mode).is_none(),
            })
            .collect(),
    })
}
