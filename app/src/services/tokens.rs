//! Personal API tokens: created and revoked by their owner, shown once, stored hashed.

use super::db_err;
use crate::db::tokens as q;
use crate::db::Db;
use crate::domain::calendar::format_berlin;
use crate::domain::fields::FieldError;
use crate::domain::token;
use crate::error::AppError;
use crate::services::context::Ctx;
use crate::tokens::model::{CreatedToken, TokenPage, TokenView};
use time::{Duration, OffsetDateTime};

const FLASH_KEY: &str = "neuer_api_schluessel";

/// The user's tokens, and a token created by a plain form post just before.
pub async fn page(ctx: &Ctx) -> Result<TokenPage, AppError> {
    let tokens = list(ctx).await?;
    let session = super::access::auth_session().await?.session;
    let created = session
        .remove::<CreatedToken>(FLASH_KEY)
        .await
        .map_err(super::internal)?;
    Ok(TokenPage { tokens, created })
}

pub async fn keep_for_one_showing(created: &CreatedToken) -> Result<(), AppError> {
    let session = super::access::auth_session().await?.session;
    session
        .insert(FLASH_KEY, created)
        .await
        .map_err(super::internal)
}

async fn list(ctx: &Ctx) -> Result<Vec<TokenView>, AppError> {
    let actor = ctx.actor()?;
    let db = ctx.db().clone();
    let now = OffsetDateTime::now_utc();
    Ok(q::of_user(&db, actor.user_id)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|t| TokenView {
            id: t.id,
            status: if t.revoked_at.is_some() {
                "widerrufen"
            } else if t.expires_at <= now {
                "abgelaufen"
            } else {
                "gültig"
            }
            .into(),
            active: t.revoked_at.is_none() && t.expires_at > now,
            name: t.name,
            prefix: t.prefix,
            created: format_berlin(t.created_at),
            expires: format_berlin(t.expires_at),
            last_used: t.last_used_at.map(format_berlin),
        })
        .collect())
}

/// Creates a token after the owner's password was confirmed again (a token acts with all
/// of their rights); the secret is in the answer and nowhere else.
pub async fn create(
    ctx: &Ctx,
    name: &str,
    days: &str,
    password: &str,
) -> Result<CreatedToken, AppError> {
    let actor = ctx.actor()?;
    let mut errors = Vec::new();
    let name = token::parse_name(name)
        .map_err(|m| errors.push(FieldError::new("name", m)))
        .ok();
    let days = token::parse_days(days)
        .map_err(|m| errors.push(FieldError::new("tage", m)))
        .ok();
    let (Some(name), Some(days)) = (name, days) else {
        return Err(AppError::Validation(errors));
    };
    super::auth::confirm_password(ctx, password, "passwort").await?;
    let secret = token::from_random(rand::random());
    let now = OffsetDateTime::now_utc();
    let expires = now + Duration::days(days);
    let db = ctx.db().clone();
    let prefix = token::shown_prefix(&secret);
    let entry = ctx.audit_entry(
        &actor,
        "api-schluessel-angelegt",
        &format!("benutzer:{}", actor.username),
        format!(
            "„{name}“ ({prefix}…), gültig bis {}",
            format_berlin(expires)
        ),
    );
    let hash = token::hash(&secret);
    let new = q::NewToken {
        user_id: actor.user_id,
        name: &name,
        hash: &hash,
        prefix: &prefix,
        created_at: now,
        expires_at: expires,
    };
    let mut tx = db.begin_write().await.map_err(db_err)?;
    tx.insert_token(&new).await.map_err(db_err)?;
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    Ok(CreatedToken {
        name,
        secret,
        expires: format_berlin(expires),
    })
}

/// Revokes one of the user's own tokens (someone else's is "not found").
pub async fn revoke(ctx: &Ctx, id: i64) -> Result<(), AppError> {
    let actor = ctx.actor()?;
    let db = ctx.db().clone();
    if !q::revoke(&db, actor.user_id, id, OffsetDateTime::now_utc())
        .await
        .map_err(db_err)?
    {
        return Err(AppError::NotFound);
    }
    let entry = ctx.audit_entry(
        &actor,
        "api-schluessel-widerrufen",
        &format!("benutzer:{}", actor.username),
        format!("Schlüssel {id}"),
    );
    crate::db::audit::append(&db, &entry).await.map_err(db_err)
}

/// The user a presented bearer token stands for, if it is well-formed, known, unexpired
/// and not revoked.
pub async fn owner(db: &Db, presented: &str) -> Result<Option<i64>, AppError> {
    if !token::well_formed(presented) {
        return Ok(None);
    }
    q::owner(db, &token::hash(presented), OffsetDateTime::now_utc())
        .await
        .map_err(db_err)
}
