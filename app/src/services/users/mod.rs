//! User administration (Zentrale): the list, one account, creating accounts and the
//! changes to them. The command line (`init`, `user …`) takes the same paths.

mod change;
mod create;

pub use change::{apply, change, Change, ChangeBy};
pub use create::{create, create_first_zentrale, NewAccountInput};

use super::db_err;
use crate::db::user_admin::{self as q, UserFilter};
use crate::db::users::NamedAssignment;
use crate::db::Db;
use crate::domain::calendar::{format_berlin, format_berlin_seconds};
use crate::domain::org::OrgLocation;
use crate::domain::policy::{Action, Actor, Assignment, Role, Scope};
use crate::domain::user_admin::ScopeCode;
use crate::error::AppError;
use crate::services::context::Ctx;
use crate::users::model::{
    Choice, HistoryLine, OneTimePassword, RoleChoices, RoleLine, ScopeChoices, UserDetail,
    UserListItem, UserListPage,
};

/// More than fit on a page are cut off with a note; the search narrows them.
const LIST_LIMIT: i64 = 200;
const HISTORY_LIMIT: i64 = 100;
/// Where a one-time password set by a plain form post waits for its one showing.
const FLASH_KEY: &str = "einmalpasswort";

/// The Zentrale, or Forbidden (audited).
async fn administrator(ctx: &Ctx, object: &str) -> Result<Actor, AppError> {
    let actor = ctx.actor()?;
    ctx.require(&actor, Action::ManageUsers, OrgLocation::Central, object)
        .await?;
    Ok(actor)
}

/// The filter as typed: text, role code, scope code (each may be empty).
pub async fn list(
    ctx: &Ctx,
    text: &str,
    role: &str,
    scope: &str,
) -> Result<UserListPage, AppError> {
    administrator(ctx, "benutzer").await?;
    let db = ctx.db();
    let mut filter = UserFilter {
        text: text.trim().chars().take(100).collect(),
        role: Role::from_code(role.trim()),
        ..UserFilter::default()
    };
    match ScopeCode::parse(scope) {
        Ok(ScopeCode::Region(code)) => {
            filter.region_id = Some(region_id(db, &code, false).await?);
        }
        Ok(ScopeCode::Agency(code)) => {
            filter.agency_id = Some(agency_scope(db, &code, false).await?.1);
        }
        Ok(ScopeCode::All) => {}
        Err(m) => return Err(field("geltungsbereich", m)),
    }
    let mut accounts = q::search(db, &filter, LIST_LIMIT + 1)
        .await
        .map_err(db_err)?;
    let truncated = accounts.len() as i64 > LIST_LIMIT;
    accounts.truncate(LIST_LIMIT as usize);
    Ok(UserListPage {
        users: accounts
            .into_iter()
            .map(|(row, roles)| UserListItem {
                status: status(row.locked, row.must_change_password).into(),
                username: row.username,
                display_name: row.display_name,
                roles: roles.iter().map(role_label).collect(),
            })
            .collect(),
        truncated,
        choices: choices(db).await?,
    })
}

/// One account with its roles and history; a one-time password just set by a plain
/// form post is taken from the session for its one showing.
pub async fn detail(ctx: &Ctx, username: &str) -> Result<UserDetail, AppError> {
    let object = format!("benutzer:{username}");
    let actor = administrator(ctx, &object).await?;
    let db = ctx.db();
    let (row, roles) = q::find(db, username)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    let history = crate::db::audit::of_object(db, &object, HISTORY_LIMIT)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|r| HistoryLine {
            at: format_berlin_seconds(r.occurred_at),
            actor: r.actor_name,
            action: r.action,
            outcome: r.outcome,
            detail: r.detail,
        })
        .collect();
    let one_time = take_flash(&row.username).await?;
    let role_lines = roles
        .iter()
        .map(|n| RoleLine {
            role: n.assignment.role().code().into(),
            scope: scope_value(n),
            label: role_label(n),
        })
        .collect();
    Ok(UserDetail {
        own: row.id == actor.user_id,
        username: row.username,
        display_name: row.display_name,
        email: row.email,
        locked: row.locked,
        status: status(row.locked, row.must_change_password).into(),
        revision: row.revision,
        created: format_berlin(row.created_at),
        password_changed: format_berlin(row.password_changed_at),
        roles: role_lines,
        choices: choices(db).await?,
        history,
        one_time,
    })
}

/// Keeps a one-time password for exactly one showing after a plain form post's
/// redirect (never in an address).
pub async fn keep_for_one_showing(set: &OneTimePassword) -> Result<(), AppError> {
    let session = super::access::auth_session().await?.session;
    session
        .insert(FLASH_KEY, set)
        .await
        .map_err(super::internal)
}

async fn take_flash(username: &str) -> Result<Option<OneTimePassword>, AppError> {
    // Outside a web request (tests, command line) there is no session to hold one.
    let Ok(session) = super::access::auth_session().await else {
        return Ok(None);
    };
    let flashed = session
        .session
        .remove::<OneTimePassword>(FLASH_KEY)
        .await
        .map_err(super::internal)?;
    Ok(flashed.filter(|f| f.username == username))
}

fn status(locked: bool, must_change: bool) -> &'static str {
    match (locked, must_change) {
        (true, _) => "gesperrt",
        (false, true) => "aktiv, Einmalpasswort noch nicht geändert",
        (false, false) => "aktiv",
    }
}

fn role_label(n: &NamedAssignment) -> String {
    match n.assignment.scope() {
        Scope::All => n.assignment.role().label().to_string(),
        _ => format!("{} – {}", n.assignment.role().label(), n.scope_name),
    }
}

/// What the create form offers (Zentrale only).
pub async fn form_choices(ctx: &Ctx) -> Result<RoleChoices, AppError> {
    administrator(ctx, "benutzer").await?;
    choices(ctx.db()).await
}

async fn choices(db: &Db) -> Result<RoleChoices, AppError> {
    Ok(RoleChoices {
        roles: role_choices(),
        scopes: scope_choices(db).await?,
    })
}

fn role_choices() -> Vec<Choice> {
    Role::ALL
        .into_iter()
        .map(|r| Choice {
            value: r.code().into(),
            label: r.label().into(),
        })
        .collect()
}

async fn scope_choices(db: &Db) -> Result<ScopeChoices, AppError> {
    let regions = crate::db::org::open_regions(db).await.map_err(db_err)?;
    let agencies =
        crate::db::org::agency_choices(db, &crate::domain::policy::ScopeFilter::everywhere())
            .await
            .map_err(db_err)?;
    Ok(ScopeChoices {
        regions: regions
            .into_iter()
            .map(|(_, code, name)| Choice {
                value: ScopeCode::Region(code).as_value(),
                label: name,
            })
            .collect(),
        agencies: agencies
            .into_iter()
            .map(|(code, name)| Choice {
                value: ScopeCode::Agency(code).as_value(),
                label: name,
            })
            .collect(),
    })
}

/// The form value of a held scope (`ba`, `rd:nord`, `agentur:kiel`).
fn scope_value(n: &NamedAssignment) -> String {
    let code = n.scope_code.clone().unwrap_or_default();
    match n.assignment.scope() {
        Scope::All => ScopeCode::All,
        Scope::Region { .. } => ScopeCode::Region(code),
        Scope::Agency { .. } => ScopeCode::Agency(code),
    }
    .as_value()
}

fn field(name: &str, message: impl Into<String>) -> AppError {
    AppError::Validation(vec![crate::domain::fields::FieldError::new(name, message)])
}

/// The id of an RD code; with `open_only`, a deactivated RD is refused (no new roles).
async fn region_id(db: &Db, code: &str, open_only: bool) -> Result<i64, AppError> {
    let (id, _, active) =
        crate::db::region_status::region(&mut crate::db::write::Reader::Pool(db), code)
            .await
            .map_err(db_err)?
            .ok_or_else(|| {
                field(
                    "geltungsbereich",
                    format!("Unbekannte Regionaldirektion „{code}“."),
                )
            })?;
    if open_only && !active {
        return Err(field(
            "geltungsbereich",
            format!("Die Regionaldirektion „{code}“ ist deaktiviert."),
        ));
    }
    Ok(id)
}

/// (region_id, agency_id) of an agency code; with `open_only`, a closed agency is refused.
async fn agency_scope(db: &Db, code: &str, open_only: bool) -> Result<(i64, i64), AppError> {
    let a = crate::db::org::agency_by_code(db, code)
        .await
        .map_err(db_err)?
        .ok_or_else(|| field("geltungsbereich", format!("Unbekannte Agentur „{code}“.")))?;
    if open_only && !a.active {
        return Err(field(
            "geltungsbereich",
            format!(
                "Die Agentur „{code}“ ist geschlossen; ihre Nachfolgerin ist „{}“.",
                a.successor_code.unwrap_or_default()
            ),
        ));
    }
    Ok((a.region_id, a.id))
}

/// A role and a scope as typed, checked against each other and the organisation; a new
/// role (`open_only`) needs an active RD or an open agency.
pub async fn parse_assignment(
    db: &Db,
    role: &str,
    scope: &str,
    open_only: bool,
) -> Result<Assignment, AppError> {
    let role = Role::from_code(role.trim()).ok_or_else(|| {
        field(
            "rolle",
            "Bitte wählen Sie eine Rolle: Zentrale, RD-Prüfer/in, RIM oder Agentur-Administrator/in.",
        )
    })?;
    let scope = match ScopeCode::parse(scope).map_err(|m| field("geltungsbereich", m))? {
        ScopeCode::All => Scope::All,
        ScopeCode::Region(code) => Scope::Region {
            region_id: region_id(db, &code, open_only).await?,
        },
        ScopeCode::Agency(code) => {
            let (region_id, agency_id) = agency_scope(db, &code, open_only).await?;
            Scope::Agency {
                region_id,
                agency_id,
            }
        }
    };
    Assignment::new(role, scope).map_err(|e| field("geltungsbereich", e.to_string()))
}
