//! New accounts: by the Zentrale (always with a one-time password), and the very first
//! Zentrale account of an installation (`konfigurationstool init`).

use super::change::{new_one_time_password, ChangeBy};
use super::{administrator, parse_assignment};
use crate::db::user_admin::NewAccount;
use crate::db::Db;
use crate::domain::calendar::format_berlin;
use crate::domain::fields::{DisplayName, FieldError, NewPassword, PersonalEmail, Username};
use crate::domain::policy::{Assignment, Role, Scope};
use crate::domain::user_admin;
use crate::error::AppError;
use crate::services::context::Ctx;
use crate::services::db_err;
use crate::services::password::PasswordHasher;
use crate::users::model::OneTimePassword;
use time::OffsetDateTime;

/// The create form as typed.
pub struct NewAccountInput<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    /// Optional: where notifications are e-mailed.
    pub email: &'a str,
    pub role: &'a str,
    pub scope: &'a str,
}

struct Checked {
    username: Username,
    display_name: DisplayName,
    email: Option<PersonalEmail>,
}

fn check_person(
    username: &str,
    display_name: &str,
    email: &str,
    errors: &mut Vec<FieldError>,
) -> Option<Checked> {
    let username = Username::parse(username)
        .map_err(|m| errors.push(FieldError::new("benutzername", m)))
        .ok();
    let display_name = DisplayName::parse(display_name)
        .map_err(|m| errors.push(FieldError::new("anzeigename", m)))
        .ok();
    let email = match email.trim() {
        "" => Some(None),
        e => PersonalEmail::parse(e)
            .map(Some)
            .map_err(|m| errors.push(FieldError::new("email", m)))
            .ok(),
    };
    Some(Checked {
        username: username?,
        display_name: display_name?,
        email: email?,
    })
}

/// Creates an account with one role and a one-time password, shown once in the answer.
pub async fn create(ctx: &Ctx, input: &NewAccountInput<'_>) -> Result<OneTimePassword, AppError> {
    let actor = administrator(ctx, &format!("benutzer:{}", input.username.trim())).await?;
    let db = ctx.db();
    let mut errors = Vec::new();
    let person = check_person(input.username, input.display_name, input.email, &mut errors);
    let assignment = match parse_assignment(db, input.role, input.scope, true).await {
        Ok(a) => Some(a),
        Err(AppError::Validation(found)) => {
            errors.extend(found);
            None
        }
        Err(e) => return Err(e),
    };
    let (Some(person), Some(assignment), true) = (person, assignment, errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let by = ChangeBy::Admin { ctx, actor: &actor };
    let (password, valid_until) =
        insert(db, &ctx.state.hasher, &by, &person, assignment, None).await?;
    Ok(OneTimePassword {
        username: person.username.to_string(),
        password: password.unwrap_or_default(),
        valid_until,
    })
}

/// Inserts the account with its role and the audit record in one transaction. With a
/// chosen password it is the account's own; without one a one-time password is made and
/// returned. Returns the one-time password (if any) and how long it is valid.
async fn insert(
    db: &Db,
    hasher: &PasswordHasher,
    by: &ChangeBy<'_>,
    person: &Checked,
    assignment: Assignment,
    chosen: Option<&NewPassword>,
) -> Result<(Option<String>, String), AppError> {
    let username = person.username.as_str();
    let (one_time, hash) = match chosen {
        Some(p) => (
            None,
            hasher
                .hash(p.expose())
                .await
                .map_err(crate::services::internal)?,
        ),
        None => {
            let (p, h) = new_one_time_password(hasher, username).await?;
            (Some(p), h)
        }
    };
    let now = OffsetDateTime::now_utc();
    let valid_until = format_berlin(now + user_admin::ONE_TIME_VALIDITY);
    let mut tx = db.begin_write().await.map_err(db_err)?;
    tx.serialise_user_admin().await.map_err(db_err)?;
    if assignment.role() == Role::Zentrale && matches!(by, ChangeBy::CommandLine) {
        // `init` sets up an installation once; later accounts come from the Zentrale.
        if tx.other_active_zentrale(0).await.map_err(db_err)? > 0 {
            return Err(AppError::Conflict(
                "Diese Installation ist bereits eingerichtet: es gibt ein aktives Konto der Zentrale. Weitere Konten legt die Zentrale unter „Benutzer“ an."
                    .into(),
            ));
        }
    }
    let new = NewAccount {
        username,
        display_name: person.display_name.as_str(),
        email: person.email.as_ref().map(PersonalEmail::as_str),
        password_hash: &hash,
        must_change_password: one_time.is_some(),
    };
    let Some(id) = tx.insert_account(&new, now).await.map_err(db_err)? else {
        return Err(AppError::Validation(vec![FieldError::new(
            "benutzername",
            format!("Der Benutzername „{username}“ ist bereits vergeben."),
        )]));
    };
    tx.grant_role(id, &assignment).await.map_err(db_err)?;
    let scope = match assignment.scope() {
        Scope::All => String::new(),
        _ => format!(" ({})", person_scope_name(&mut tx, username).await?),
    };
    let password_note = match &one_time {
        Some(_) => format!("Einmalpasswort gültig bis {valid_until}"),
        None => "eigenes Passwort".into(),
    };
    let entry = by.audit(
        "benutzer-angelegt",
        &format!("benutzer:{username}"),
        format!(
            "{} – Rolle: {}{scope}; {password_note}",
            person.display_name.as_str(),
            assignment.role().label()
        ),
    );
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    Ok((one_time, valid_until))
}

/// The name of the scope of the account's first role, as just stored.
async fn person_scope_name(
    tx: &mut crate::db::write::WriteTx,
    username: &str,
) -> Result<String, AppError> {
    Ok(tx
        .account(username)
        .await
        .map_err(db_err)?
        .and_then(|(_, roles)| roles.first().map(|r| r.scope_name.clone()))
        .unwrap_or_default())
}

/// `konfigurationstool init`: the first Zentrale account. With `password` it is the
/// operator's own (typed twice); without, a one-time password is returned that must be
/// changed at the first sign-in. Refused once any active Zentrale account exists.
pub async fn create_first_zentrale(
    db: &Db,
    hasher: &PasswordHasher,
    username: &str,
    display_name: &str,
    email: &str,
    password: Option<&str>,
) -> Result<Option<OneTimePassword>, AppError> {
    let mut errors = Vec::new();
    let person = check_person(username, display_name, email, &mut errors);
    let chosen = match (password, &person) {
        (Some(p), Some(person)) => NewPassword::parse(p, person.username.as_str())
            .map(Some)
            .map_err(|m| errors.push(FieldError::new("passwort", m)))
            .ok()
            .flatten(),
        _ => None,
    };
    let Some(person) = person.filter(|_| errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let zentrale = Assignment::new(Role::Zentrale, Scope::All).expect("Zentrale covers all");
    let (one_time, valid_until) = insert(
        db,
        hasher,
        &ChangeBy::CommandLine,
        &person,
        zentrale,
        chosen.as_ref(),
    )
    .await?;
    Ok(one_time.map(|password| OneTimePassword {
        username: person.username.to_string(),
        password,
        valid_until,
    }))
}
