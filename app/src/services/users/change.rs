//! Changing an account: lock, unlock, grant or revoke a role, reset the password. One
//! path for the administration pages and the command line: a transaction that reads the
//! account, checks the rules and the revision, changes it and writes the audit record.

use super::{administrator, field, parse_assignment};
use crate::db::audit::AuditEntry;
use crate::db::users::NamedAssignment;
use crate::db::Db;
use crate::domain::calendar::format_berlin;
use crate::domain::fields::NewPassword;
use crate::domain::policy::Actor;
use crate::domain::user_admin::{self, check_change, Account, AccountChange, Refusal};
use crate::error::AppError;
use crate::services::context::Ctx;
use crate::services::db_err;
use crate::services::password::PasswordHasher;
use crate::users::model::{AccountAction, OneTimePassword};
use time::OffsetDateTime;

/// Who makes a change: an administrator in a request, or the operator at the command
/// line (who has the database in hand anyway; the audit record says so).
pub enum ChangeBy<'a> {
    Admin { ctx: &'a Ctx, actor: &'a Actor },
    CommandLine,
}

impl ChangeBy<'_> {
    fn actor_id(&self) -> Option<i64> {
        match self {
            ChangeBy::Admin { actor, .. } => Some(actor.user_id),
            ChangeBy::CommandLine => None,
        }
    }

    pub(super) fn audit(&self, action: &str, object: &str, detail: String) -> AuditEntry {
        match self {
            ChangeBy::Admin { ctx, actor } => ctx.audit_entry(actor, action, object, detail),
            ChangeBy::CommandLine => AuditEntry {
                actor_id: None,
                actor_name: "kommandozeile".into(),
                client: "lokal".into(),
                request_id: "-".into(),
                action: action.into(),
                object: object.into(),
                outcome: "erfolg".into(),
                detail,
            },
        }
    }
}

/// What a change did.
#[derive(Debug)]
pub struct Change {
    pub user_id: i64,
    /// The one-time password a reset set (shown once, stored only hashed).
    pub one_time: Option<OneTimePassword>,
}

/// A one-time password that meets the password rules for `username`, and its hash.
pub(super) async fn new_one_time_password(
    hasher: &PasswordHasher,
    username: &str,
) -> Result<(String, String), AppError> {
    let password = loop {
        let candidate = user_admin::one_time_password(rand::random());
        // Random letters may spell out a short user name; draw again then.
        if NewPassword::parse(&candidate, username).is_ok() {
            break candidate;
        }
    };
    let hash = hasher
        .hash(&password)
        .await
        .map_err(crate::services::internal)?;
    Ok((password, hash))
}

fn roles_text(roles: &[NamedAssignment]) -> String {
    let pairs: Vec<_> = roles
        .iter()
        .map(|n| (n.assignment, n.scope_name.clone()))
        .collect();
    user_admin::describe(&pairs)
}

/// Applies `change` to the account `username`, refusing it if the account's revision is
/// no longer `expected_revision` (when given) or a rule forbids it.
pub async fn apply(
    db: &Db,
    hasher: &PasswordHasher,
    by: &ChangeBy<'_>,
    username: &str,
    change: AccountChange,
    expected_revision: Option<i64>,
) -> Result<Change, AppError> {
    let password = match change {
        AccountChange::ResetPassword => Some(new_one_time_password(hasher, username).await?),
        _ => None,
    };
    let now = OffsetDateTime::now_utc();
    let mut tx = db.begin_write().await.map_err(db_err)?;
    tx.serialise_user_admin().await.map_err(db_err)?;
    let (row, roles) = tx
        .account(username)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    if expected_revision.is_some_and(|r| r != row.revision) {
        return Err(AppError::Conflict(
            "Das Konto wurde inzwischen von jemand anderem geändert. Bitte laden Sie die Seite neu und prüfen Sie den aktuellen Stand."
                .into(),
        ));
    }
    let others = tx.other_active_zentrale(row.id).await.map_err(db_err)?;
    let account = Account {
        user_id: row.id,
        locked: row.locked,
        assignments: roles.iter().map(|n| n.assignment).collect(),
    };
    check_change(by.actor_id(), &account, change, others).map_err(|r| match r {
        Refusal::OwnAccount(m) => AppError::Refused(m),
        Refusal::State(m) => AppError::Conflict(m),
    })?;
    let before = roles_text(&roles);
    let mut one_time = None;
    let detail = match change {
        AccountChange::Lock | AccountChange::Unlock => {
            let locked = change == AccountChange::Lock;
            tx.set_account_locked(row.id, locked)
                .await
                .map_err(db_err)?;
            if locked {
                "vorher: aktiv; nachher: gesperrt (alle Sitzungen beendet)".to_string()
            } else {
                "vorher: gesperrt; nachher: aktiv".to_string()
            }
        }
        AccountChange::Grant(a) | AccountChange::Revoke(a) => {
            if matches!(change, AccountChange::Grant(_)) {
                tx.grant_role(row.id, &a).await.map_err(db_err)?;
            } else {
                tx.revoke_role(row.id, &a).await.map_err(db_err)?;
            }
            let after = tx
                .account(username)
                .await
                .map_err(db_err)?
                .map(|(_, r)| roles_text(&r))
                .unwrap_or_default();
            format!("Rollen vorher: {before}; nachher: {after}")
        }
        AccountChange::ResetPassword => {
            let (password, hash) = password.expect("generated above");
            tx.set_password(row.id, &hash, true, now)
                .await
                .map_err(db_err)?;
            let revoked = tx.revoke_tokens_of(row.id, now).await.map_err(db_err)?;
            let valid_until = format_berlin(now + user_admin::ONE_TIME_VALIDITY);
            one_time = Some(OneTimePassword {
                username: row.username.clone(),
                password,
                valid_until: valid_until.clone(),
            });
            format!(
                "Einmalpasswort gesetzt (gültig bis {valid_until}); Sitzungen beendet, {revoked} API-Schlüssel widerrufen"
            )
        }
    };
    tx.bump_account_revision(row.id, row.revision)
        .await
        .map_err(db_err)?;
    let action = match change {
        AccountChange::Lock => AccountAction::Lock,
        AccountChange::Unlock => AccountAction::Unlock,
        AccountChange::Grant(_) => AccountAction::Grant,
        AccountChange::Revoke(_) => AccountAction::Revoke,
        AccountChange::ResetPassword => AccountAction::ResetPassword,
    };
    let entry = by.audit(
        action.audit_action(),
        &format!("benutzer:{}", row.username),
        detail,
    );
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    Ok(Change {
        user_id: row.id,
        one_time,
    })
}

/// `benutzer/aendern`: the action and its arguments as the form sends them.
pub async fn change(
    ctx: &Ctx,
    username: &str,
    revision: &str,
    action: &str,
    role: &str,
    scope: &str,
) -> Result<Option<OneTimePassword>, AppError> {
    let actor = administrator(ctx, &format!("benutzer:{username}")).await?;
    let action = AccountAction::from_code(action.trim()).ok_or(AppError::BadRequest)?;
    let revision = revision
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::BadRequest)?;
    let db = ctx.db();
    let change = match action {
        AccountAction::Lock => AccountChange::Lock,
        AccountAction::Unlock => AccountChange::Unlock,
        AccountAction::ResetPassword => AccountChange::ResetPassword,
        AccountAction::Grant => {
            AccountChange::Grant(parse_assignment(db, role, scope, true).await?)
        }
        AccountAction::Revoke => AccountChange::Revoke(
            parse_assignment(db, role, scope, false)
                .await
                .map_err(|_| field("rolle", "Diese Rolle hat das Konto nicht."))?,
        ),
    };
    let by = ChangeBy::Admin { ctx, actor: &actor };
    let done = apply(db, &ctx.state.hasher, &by, username, change, Some(revision)).await?;
    // This process reads the account afresh at its next request (sessions end at once).
    ctx.forget_user(done.user_id);
    Ok(done.one_time)
}
