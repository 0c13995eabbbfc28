//! Items of the kind "eAkte-Regelwerk" in a change order: the Ziel-Postkorb of one of
//! the agency's rules, checked to be a Postkorb of the agency, stored, refreshed and
//! implemented like every single-field kind (`value_items`).

use super::editable_order;
use super::value_items::{self, ValueItem};
use crate::db::eakte_rules::{self as q, ItemRow};
use crate::db::kind_store::ItemBase;
use crate::db::Db;
use crate::domain::eakte_rule::{check_target, entry_label, PostkorbPlace};
use crate::domain::fields::FieldError;
use crate::domain::kind::Kind;
use crate::eakte::model::{EakteChoice, EakteChoices};
use crate::error::AppError;
use crate::orders::model::ValueItemView;
use crate::services::context::Ctx;
use crate::services::db_err;

fn field(name: &str, message: impl Into<String>) -> AppError {
    AppError::Validation(vec![FieldError::new(name, message)])
}

/// Adds an item that sends a rule's documents to another Postkorb, or replaces the
/// order's item for the same rule.
pub async fn save_item(
    ctx: &Ctx,
    number: &str,
    revision: i64,
    entry_id: i64,
    postkorb: &str,
) -> Result<(), AppError> {
    let actor = ctx.actor()?;
    let db = ctx.db().clone();
    let (order, st) = editable_order(ctx, &actor, number).await?;
    let target = q::in_agency(&db, order.agency_id, entry_id)
        .await
        .map_err(db_err)?
        .ok_or_else(|| field("regel", "Bitte wählen Sie eine Regel der Agentur."))?;
    let postkorb_id: i64 = postkorb
        .trim()
        .parse()
        .map_err(|_| field("postkorb", "Bitte wählen Sie einen Postkorb aus der Liste."))?;
    let place = q::postkorb_agency(&db, postkorb_id)
        .await
        .map_err(db_err)?
        .map(|agency_id| PostkorbPlace { agency_id });
    check_target(order.agency_id, place).map_err(|m| field("postkorb", m))?;
    if target.postkorb_id == postkorb_id {
        return Err(field(
            "postkorb",
            format!(
                "Die Regel sendet bereits an „{}“; die Position würde nichts ändern.",
                target.postkorb
            ),
        ));
    }
    let rule = entry_label(
        &target.file_type,
        &target.document_type,
        &target.document_kind,
    );
    let new = q::postkorb_name(&db, postkorb_id)
        .await
        .map_err(db_err)?
        .unwrap_or_default();
    let detail = format!("eAkte-Regel {rule}: {} → {new}", target.postkorb);
    let entry = (entry_id, target.version);
    value_items::store(
        ctx,
        &actor,
        (&order, st),
        revision,
        Kind::EakteRule,
        entry,
        postkorb_id,
        detail,
    )
    .await
}

/// The agency's rules with their live Postkorb, and the Postkörbe they may send to.
pub async fn choices(ctx: &Ctx, number: &str) -> Result<EakteChoices, AppError> {
    let actor = ctx.actor()?;
    let (order, _) = editable_order(ctx, &actor, number).await?;
    let db = ctx.db();
    let rules = q::of_agency(db, order.agency_id).await.map_err(db_err)?;
    let postkoerbe = q::postkoerbe_of_agency(db, order.agency_id)
        .await
        .map_err(db_err)?;
    Ok(EakteChoices {
        rules: rules
            .into_iter()
            .map(|r| EakteChoice {
                id: r.entry_id,
                label: format!(
                    "{} – derzeit {}",
                    entry_label(&r.file_type, &r.document_type, &r.document_kind),
                    r.postkorb
                ),
            })
            .collect(),
        postkoerbe: postkoerbe
            .into_iter()
            .map(|p| EakteChoice {
                id: p.id,
                label: format!("{} ({}, {})", p.name, p.area_name, p.office_name),
            })
            .collect(),
    })
}

/// The order's eAkte items as the order page shows them.
pub async fn views(db: &Db, order_id: i64) -> Result<Vec<ValueItemView>, AppError> {
    let rows = q::items(db, order_id).await.map_err(db_err)?;
    Ok(rows.iter().map(ValueItem::view).collect())
}

impl ValueItem for ItemRow {
    const KIND: Kind = Kind::EakteRule;
    type Value = i64;

    fn base(&self) -> ItemBase {
        self.at
    }
    fn value(&self) -> i64 {
        self.postkorb_id
    }
    fn live_value(&self) -> i64 {
        self.live_postkorb_id
    }
    fn subject(&self) -> String {
        entry_label(&self.file_type, &self.document_type, &self.document_kind)
    }
    fn stale_name(&self) -> String {
        format!("eAkte-Regel {}", self.subject())
    }
    fn shown(&self) -> (String, String) {
        (self.live_postkorb.clone(), self.postkorb.clone())
    }
    fn version_audit(&self, version: i64, number: &str) -> (String, String) {
        (
            format!("eakte-regel:{}", self.at.entry_id),
            format!(
                "Version {} → {version} ({number}): {}: Ziel-Postkorb vorher {}, nachher {}",
                self.at.base_version,
                self.subject(),
                self.base_postkorb.as_deref().unwrap_or("–"),
                self.postkorb
            ),
        )
    }
}
