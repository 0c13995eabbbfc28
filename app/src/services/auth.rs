//! Signing in and out, changing the password.

use super::context::Ctx;
use super::{db_err, internal};
use crate::auth::backend::{AuthSession, Credentials};
use crate::db::audit::{self, AuditEntry};
use crate::db::users;
use crate::domain::fields::{FieldError, LoginPassword, NewPassword, Username};
use crate::domain::login_rules::{self, Throttle};
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

/// Checks the credentials (throttled per user name and per client), starts a fresh
/// session with a new id, and audits the outcome.
pub async fn login(
    ctx: &Ctx,
    session: &mut AuthSession,
    username: &str,
    password: &str,
) -> Result<(), AppError> {
    let (username, password) = parse_login(username, password)?;
    let db = ctx.db().clone();
    let client = ctx.client.clone();
    let name = username.as_str().to_string();
    let since = OffsetDateTime::now_utc() - login_rules::THROTTLE_WINDOW;
    let (user_failures, client_failures) = users::recent_failures(&db, &name, &client, since)
        .await
        .map_err(db_err)?;
    let throttle = login_rules::throttle(user_failures, client_failures);
    if throttle != Throttle::Allow {
        tracing::warn!(user = %name, %client, ?throttle, "login throttled");
        audit::append(
            &db,
            &entry(
                ctx,
                None,
                &name,
                "anmeldung",
                "gedrosselt",
                &format!("{throttle:?}"),
            ),
        )
        .await
        .map_err(db_err)?;
        return Err(AppError::TooManyAttempts);
    }

    let user = session
        .authenticate(Credentials { username, password })
        .await
        .map_err(internal)?;
    let Some(user) = user else {
        users::record_attempt(&db, &name, &client, false)
            .await
            .map_err(db_err)?;
        audit::append(
            &db,
            &entry(
                ctx,
                None,
                &name,
                "anmeldung",
                "fehlgeschlagen",
                "Benutzername oder Passwort falsch",
            ),
        )
        .await
        .map_err(db_err)?;
        return Err(AppError::InvalidCredentials);
    };
    if user.locked {
        users::record_attempt(&db, &name, &client, false)
            .await
            .map_err(db_err)?;
        audit::append(
            &db,
            &entry(
                ctx,
                Some(user.id),
                &name,
                "anmeldung",
                "fehlgeschlagen",
                "Konto gesperrt",
            ),
        )
        .await
        .map_err(db_err)?;
        return Err(AppError::AccountLocked);
    }
    // A new session id on every sign-in, whatever the session held before.
    session.session.cycle_id().await.map_err(internal)?;
    session.login(&user).await.map_err(internal)?;
    session
        .session
        .insert(SIGNED_IN_AT_KEY, OffsetDateTime::now_utc().unix_timestamp())
        .await
        .map_err(internal)?;
    users::record_attempt(&db, &name, &client, true)
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
    let user = ctx.user()?;
    let mut errors = Vec::new();
    if current.is_empty() {
        errors.push(FieldError::new(
            "aktuelles_passwort",
            "Bitte geben Sie Ihr aktuelles Passwort ein.",
        ));
    } else if current.chars().count() > crate::domain::fields::PASSWORD_MAX {
        errors.push(FieldError::new(
            "aktuelles_passwort",
            "Das aktuelle Passwort ist falsch.",
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
    let row = users::find_by_id(&st.db, user.id)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotAuthenticated)?;
    if errors.is_empty()
        && !st
            .hasher
            .verify(current, &row.password_hash)
            .await
            .map_err(internal)?
    {
        errors.push(FieldError::new(
            "aktuelles_passwort",
            "Das aktuelle Passwort ist falsch.",
        ));
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
    users::set_password_hash(&st.db, user.id, &hash)
        .await
        .map_err(db_err)?;
    // At once, whatever follows: the user's other sessions end with the old hash.
    session.backend.forget(user.id);
    audit::append(
        &st.db,
        &entry(
            ctx,
            Some(user.id),
            &user.username,
            "passwort-aenderung",
            "erfolg",
            "",
        ),
    )
    .await
    .map_err(db_err)?;
    // Keep this session valid under the new hash.
    if let Some(updated) = session.backend.get_user(&user.id).await.map_err(internal)? {
        session.login(&updated).await.map_err(internal)?;
    }
    Ok(())
}
