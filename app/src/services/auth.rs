//! Signing in and out, changing the password.

use super::context::Ctx;
use super::{db_err, internal};
use crate::auth::backend::{AuthSession, Credentials};
use crate::db::audit::{self, AuditEntry};
use crate::db::login_attempts::{self, Claimed};
use crate::db::users;
use crate::domain::fields::{FieldError, LoginPassword, NewPassword, Username};
use crate::error::AppError;
use axum_login::AuthnBackend;
use time::OffsetDateTime;

/// Session key holding the sign-in time (unix seconds), for the absolute timeout.
pub const SIGNED_IN_AT_KEY: &str = "angemeldet_seit";

fn entry(
    ctx: &Ctx,
    actor_id: Option<i64>,
    actor_name: &str,
    action: &str,
    outcome: &str,
    detail: &str,
) -> AuditEntry {
    AuditEntry {
        actor_id,
        actor_name: actor_name.into(),
        client: ctx.client.clone(),
        request_id: ctx.request_id.clone(),
        action: action.into(),
        object: format!("benutzer:{actor_name}"),
        outcome: outcome.into(),
        detail: detail.into(),
    }
}

fn parse_login(username: &str, password: &str) -> Result<(Username, LoginPassword), AppError> {
    let user = Username::parse(username);
    let pass = LoginPassword::parse(password);
    match (user, pass) {
        (Ok(u), Ok(p)) => Ok((u, p)),
        (u, p) => {
            let mut errors = Vec::new();
            if let Err(m) = u {
                errors.push(FieldError::new("benutzername", m));
            }
            if let Err(m) = p {
                errors.push(FieldError::new("passwort", m));
            }
            Err(AppError::Validation(errors))
        }
    }
}

/// Checks the credentials (throttled per account and client, per account and per
/// client), starts a fresh
/// session with a new id, and audits the outcome.
pub async fn login(
    ctx: &Ctx,
    session: &mut AuthSession,
    username: &str,
    password: &str,
) -> Result<(), AppError> {
    let (username, password) = parse_login(username, password)?;
    let db = ctx.db().clone();
    let name = username.as_str().to_string();
    let attempt = claim_attempt(ctx, None, &name, "anmeldung").await?;

    let user = session
        .authenticate(Credentials { username, password })
        .await
        .map_err(internal)?;
    let Some(user) = user else {
        let why = "Benutzername oder Passwort falsch";
        return Err(audit_failure(ctx, None, &name, "anmeldung", why)
            .await
            .unwrap_or(AppError::InvalidCredentials));
    };
    if user.locked {
        let failed = audit_failure(ctx, Some(user.id), &name, "anmeldung", "Konto gesperrt").await;
        return Err(failed.unwrap_or(AppError::AccountLocked));
    }
    if user.must_change_password {
        let set_at = users::find_by_id(&db, user.id)
            .await
            .map_err(db_err)?
            .map(|r| r.password_changed_at);
        let now = OffsetDateTime::now_utc();
        if set_at.is_none_or(|at| crate::domain::user_admin::one_time_expired(at, now)) {
            let why = "Einmalpasswort abgelaufen";
            let failed = audit_failure(ctx, Some(user.id), &name, "anmeldung", why).await;
            return Err(failed.unwrap_or(AppError::OneTimePasswordExpired));
        }
    }
    // A new session id on every sign-in, whatever the session held before.
    session.session.cycle_id().await.map_err(internal)?;
    session.login(&user).await.map_err(internal)?;
    session
        .session
        .insert(SIGNED_IN_AT_KEY, OffsetDateTime::now_utc().unix_timestamp())
        .await
        .map_err(internal)?;
    login_attempts::succeeded(&db, attempt)
        .await
        .map_err(db_err)?;
    audit::append(
        &db,
        &entry(ctx, Some(user.id), &name, "anmeldung", "erfolg", ""),
    )
    .await
    .map_err(db_err)?;
    Ok(())
}

/// Claims one attempt against the throttle before any password is checked, or refuses
/// with TooManyAttempts (audited as `action` … "gedrosselt") when the account or the
/// client failed too often lately: sign-ins and password confirmations share this
/// budget. The claimed attempt counts as failed until `login_attempts::succeeded`.
async fn claim_attempt(
    ctx: &Ctx,
    user_id: Option<i64>,
    name: &str,
    action: &str,
) -> Result<Claimed, AppError> {
    let db = ctx.db();
    let now = OffsetDateTime::now_utc();
    let throttle = match login_attempts::claim(db, name, &ctx.client, now)
        .await
        .map_err(db_err)?
    {
        Ok(claimed) => return Ok(claimed),
        Err(throttle) => throttle,
    };
    tracing::warn!(user = %name, client = %ctx.client, ?throttle, action, "throttled");
    let e = entry(
        ctx,
        user_id,
        name,
        action,
        "gedrosselt",
        &format!("{throttle:?}"),
    );
    audit::append(db, &e).await.map_err(db_err)?;
    Err(AppError::TooManyAttempts)
}

/// Audits a failed attempt with its reason (it already counts: it was claimed as
/// failed). Returns only a database error; the caller answers with its own.
async fn audit_failure(
    ctx: &Ctx,
    user_id: Option<i64>,
    name: &str,
    action: &str,
    why: &str,
) -> Option<AppError> {
    let e = entry(ctx, user_id, name, action, "fehlgeschlagen", why);
    audit::append(ctx.db(), &e).await.err().map(db_err)
}

/// Ends the session (also when it has already expired: then there is nothing to do).
pub async fn logout(ctx: &Ctx, session: &mut AuthSession) -> Result<(), AppError> {
    let db = ctx.db().clone();
    if let Some(user) = session.logout().await.map_err(internal)? {
        audit::append(
            &db,
            &entry(
                ctx,
                Some(user.id),
                &user.username,
                "abmeldung",
                "erfolg",
                "",
            ),
        )
        .await
        .map_err(db_err)?;
    }
    Ok(())
}

/// Changes the signed-in user's password after checking the current one. Other sessions
/// of the user end (their stored auth hash no longer matches); this one continues.
pub async fn change_password(
    ctx: &Ctx,
    session: &mut AuthSession,
    current: &str,
    new: &str,
    confirmation: &str,
) -> Result<(), AppError> {
    let st = &ctx.state;
    // Also, and above all, with a one-time password.
    let user = ctx.signed_in_user()?;
    let mut errors = Vec::new();
    if current.is_empty() {
        errors.push(FieldError::new(
            "aktuelles_passwort",
            "Bitte geben Sie Ihr aktuelles Passwort ein.",
        ));
    }
    let new_password = NewPassword::parse(new, &user.username);
    if let Err(m) = &new_password {
        errors.push(FieldError::new("neues_passwort", m.clone()));
    }
    if new != confirmation {
        errors.push(FieldError::new(
            "bestaetigung",
            "Die Bestätigung stimmt nicht mit dem neuen Passwort überein.",
        ));
    }
    if new == current && !new.is_empty() {
        errors.push(FieldError::new(
            "neues_passwort",
            "Das neue Passwort muss sich vom aktuellen unterscheiden.",
        ));
    }
    if errors.is_empty() {
        if let Err(e) = confirm_password(ctx, current, "aktuelles_passwort").await {
            match e {
                AppError::Validation(found) => errors.extend(found),
                other => return Err(other),
            }
        }
    }
    if !errors.is_empty() {
        audit::append(
            &st.db,
            &entry(
                ctx,
                Some(user.id),
                &user.username,
                "passwort-aenderung",
                "fehlgeschlagen",
                "Eingaben ungültig",
            ),
        )
        .await
        .map_err(db_err)?;
        return Err(AppError::Validation(errors));
    }
    let new_password = new_password.map_err(|_| AppError::BadRequest)?;
    let hash = st
        .hasher
        .hash(new_password.expose())
        .await
        .map_err(internal)?;
    // The password, its one-time mark, the user's API tokens and the audit record
    // change together.
    let now = OffsetDateTime::now_utc();
    let mut tx = st.db.begin_write().await.map_err(db_err)?;
    tx.set_password(user.id, &hash, false, now)
        .await
        .map_err(db_err)?;
    let revoked = tx.revoke_tokens_of(user.id, now).await.map_err(db_err)?;
    let detail = match revoked {
        0 => String::new(),
        n => format!("andere Sitzungen beendet, {n} API-Schlüssel widerrufen"),
    };
    tx.audit(&entry(
        ctx,
        Some(user.id),
        &user.username,
        "passwort-aenderung",
        "erfolg",
        &detail,
    ))
    .await
    .map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    // At once, whatever follows: the user's other sessions end with the old hash.
    session.backend.forget(user.id);
    // Keep this session valid under the new hash.
    if let Some(updated) = session.backend.get_user(&user.id).await.map_err(internal)? {
        session.login(&updated).await.map_err(internal)?;
    }
    Ok(())
}

/// Checks the signed-in user's password again before a sensitive step (a new password,
/// a new API token). Failures count like failed sign-ins, per user name and client, and
/// the same throttle applies, so the check cannot be used to guess the password.
pub async fn confirm_password(ctx: &Ctx, given: &str, field: &str) -> Result<(), AppError> {
    let st = &ctx.state;
    let user = ctx.signed_in_user()?;
    let wrong = || {
        AppError::Validation(vec![FieldError::new(
            field,
            if given.is_empty() {
                "Bitte geben Sie Ihr aktuelles Passwort ein."
            } else {
                "Das aktuelle Passwort ist falsch."
            },
        )])
    };
    if given.is_empty() || given.chars().count() > crate::domain::fields::PASSWORD_MAX {
        return Err(wrong());
    }
    let action = "passwort-bestaetigung";
    let attempt = claim_attempt(ctx, Some(user.id), &user.username, action).await?;
    let row = users::find_by_id(&st.db, user.id)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotAuthenticated)?;
    if st
        .hasher
        .verify(given, &row.password_hash)
        .await
        .map_err(internal)?
    {
        return login_attempts::succeeded(&st.db, attempt)
            .await
            .map_err(db_err);
    }
    let failed = audit_failure(
        ctx,
        Some(user.id),
        &user.username,
        action,
        "Passwort falsch",
    )
    .await;
    Err(failed.unwrap_or_else(wrong))
}
