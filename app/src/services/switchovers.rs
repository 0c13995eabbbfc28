//! The Umstellungstermin of each agency, which an obligation's deadline can be relative
//! to ("2 Wochen vor dem Umstellungstermin"): set by the Zentrale per agency or for every
//! agency at once, audited with the dates before and after.

use super::db_err;
use crate::domain::calendar::{format_date, parse_date};
use crate::domain::fields::FieldError;
use crate::domain::org::OrgLocation;
use crate::domain::policy::Action;
use crate::error::AppError;
use crate::services::context::Ctx;
use time::OffsetDateTime;

pub async fn set(
    ctx: &Ctx,
    number: &str,
    agency_code: Option<&str>,
    date: &str,
) -> Result<(), AppError> {
    let actor = ctx.actor()?;
    let object = format!("weisung:{}", number.trim());
    ctx.require(
        &actor,
        Action::ManageDirectives,
        OrgLocation::Central,
        &object,
    )
    .await?;
    let db = ctx.db().clone();
    let directive = crate::db::directives::by_number(&db, number.trim())
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    if directive.eakte_rule.is_none() {
        return Err(AppError::Conflict(format!(
            "Die Weisung {} hat keine Frist, die vom Umstellungstermin der Agenturen abhängt.",
            directive.number
        )));
    }
    let day = parse_date(date).ok_or_else(|| {
        AppError::Validation(vec![FieldError::new(
            "datum",
            "Bitte geben Sie den Umstellungstermin im Format TT.MM.JJJJ an.",
        )])
    })?;
    let agency = match agency_code.map(str::trim).filter(|c| !c.is_empty()) {
        Some(code) => Some(
            crate::db::org::agency_by_code(&db, code)
                .await
                .map_err(db_err)?
                .filter(|a| a.active)
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    let now = OffsetDateTime::now_utc();
    let mut tx = db.begin_write().await.map_err(db_err)?;
    let before = match &agency {
        Some(a) => tx
            .switchover_of(directive.id, a.id)
            .await
            .map_err(db_err)?
            .map(format_date),
        None => None,
    };
    let changed = tx
        .set_switchover(
            directive.id,
            agency.as_ref().map(|a| a.id),
            day,
            actor.user_id,
            now,
        )
        .await
        .map_err(db_err)?;
    let detail = match &agency {
        Some(a) => format!(
            "Umstellungstermin der {}: {} → {}",
            a.name,
            before.unwrap_or_else(|| "Termin der Weisung".into()),
            format_date(day)
        ),
        None => format!(
            "Umstellungstermin aller Agenturen ({changed}): {}",
            format_date(day)
        ),
    };
    let entry = ctx.audit_entry(&actor, "umstellungstermin-gesetzt", &object, detail);
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)
}
