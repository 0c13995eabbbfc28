//! The settings of the configuration kinds: whether an RD reviews their changes. The
//! Zentrale decides; orders already submitted keep the review they were submitted with.

use super::db_err;
use crate::db::kind_store;
use crate::domain::kind::{Kind, Review};
use crate::domain::org::OrgLocation;
use crate::domain::policy::decide;
use crate::domain::policy::Action;
use crate::error::AppError;
use crate::kinds::model::{KindSetting, KindSettings};
use crate::services::context::Ctx;

/// The kinds page: every kind with its workflow, and whether the user may change it.
pub async fn settings(ctx: &Ctx) -> Result<KindSettings, AppError> {
    let actor = ctx.actor()?;
    let can_change = decide(&actor, Action::ManageCatalogue, OrgLocation::Central).is_allowed();
    let kinds = reviews(ctx)
        .await?
        .into_iter()
        .map(|(kind, review)| KindSetting {
            code: kind.code().into(),
            label: kind.label().into(),
            review: review.code().into(),
            review_label: review.label().into(),
        })
        .collect();
    Ok(KindSettings { kinds, can_change })
}

/// Every kind with the review its changes take now.
pub async fn reviews(ctx: &Ctx) -> Result<Vec<(Kind, Review)>, AppError> {
    ctx.actor()?;
    kind_store::reviews(ctx.db()).await.map_err(db_err)
}

/// Sets the review of `kind` (Zentrale only), audited with before and after.
pub async fn set_review(ctx: &Ctx, kind: Kind, review: Review) -> Result<(), AppError> {
    let actor = ctx.actor()?;
    let object = format!("art:{}", kind.code());
    ctx.require(
        &actor,
        Action::ManageCatalogue,
        OrgLocation::Central,
        &object,
    )
    .await?;
    let before = reviews(ctx)
        .await?
        .into_iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, r)| r)
        .unwrap_or(kind.default_review());
    let mut tx = ctx.db().begin_write().await.map_err(db_err)?;
    tx.set_review(kind, review).await.map_err(db_err)?;
    let detail = format!("{}: {} → {}", kind.label(), before.label(), review.label());
    let entry = ctx.audit_entry(&actor, "art-pruefung-geaendert", &object, detail);
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)
}
