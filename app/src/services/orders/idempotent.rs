//! Filing at most once per `Idempotency-Key` and user (the JSON API's POST of a new
//! order): the key is recorded in the draft's own transaction; a retry, also one running
//! at the same time, gets the first order; the same key for other fields is refused.

use super::drafts::{create_draft_once, DraftInput};
use crate::domain::fields::FieldError;
use crate::error::AppError;
use crate::services::context::Ctx;
use crate::services::db_err;
use time::OffsetDateTime;

/// SHA-256 of what a filing asks for: a retry with the same key must ask the same.
pub(super) fn fingerprint(input: &DraftInput) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    for part in [
        input.agency_code,
        input.justification,
        input.effective_date,
        input.directive,
    ] {
        hash.update(part.trim().as_bytes());
        hash.update([0]);
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The earlier order a key names, if it was filed with the same fields.
pub(super) fn replay(
    (earlier_fingerprint, number): (String, String),
    fingerprint: &str,
) -> Result<String, AppError> {
    if earlier_fingerprint == fingerprint {
        Ok(number)
    } else {
        Err(AppError::Validation(vec![FieldError::new(
            "Idempotency-Key",
            "Dieser Schlüssel wurde schon für einen Auftrag mit anderen Angaben verwendet.",
        )]))
    }
}

/// Files a draft at most once per `Idempotency-Key` and user. True when the order was
/// filed by an earlier request.
pub async fn file_once(ctx: &Ctx, input: DraftInput<'_>) -> Result<(String, bool), AppError> {
    let Some(key) = input.idempotency_key else {
        return create_draft_once(ctx, input).await;
    };
    let user_id = ctx.actor()?.user_id;
    let fingerprint = fingerprint(&input);
    let earlier = async || {
        let since = OffsetDateTime::now_utc() - crate::db::idempotency::KEPT_FOR;
        crate::db::idempotency::filed_with(ctx.db(), user_id, key, since)
            .await
            .map_err(db_err)
    };
    // A retry is answered before the fields are checked again (a date that was today
    // yesterday would be refused now).
    if let Some(filed) = earlier().await? {
        return replay(filed, &fingerprint).map(|number| (number, true));
    }
    match create_draft_once(ctx, input).await {
        Ok(filed) => Ok(filed),
        // A parallel request committed the key first (PostgreSQL: its primary key).
        Err(e) => match earlier().await? {
            Some(filed) => replay(filed, &fingerprint).map(|number| (number, true)),
            None => Err(e),
        },
    }
}
