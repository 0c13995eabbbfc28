//! Users, their role assignments and login attempts.

use super::Db;
use crate::domain::policy::{Assignment, Role, Scope};
use crate::on_db;
use time::OffsetDateTime;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    pub locked: bool,
    /// The password was set by somebody else and must be changed before anything else.
    pub must_change_password: bool,
    pub password_changed_at: OffsetDateTime,
}

/// The columns of a role assignment joined to its user (see ASSIGNMENT_COLUMNS).
#[derive(Clone, Debug, sqlx::FromRow)]
pub(crate) struct AssignmentRow {
    /// None on the user's row of a user without any role.
    role: Option<String>,
    region_id: Option<i64>,
    agency_id: Option<i64>,
    agency_region_id: Option<i64>,
    scope_name: Option<String>,
    scope_code: Option<String>,
}

/// The assignment columns of a query joining `role_assignments ra`, `regions r` and
/// `agencies a` to its users.
pub(crate) const ASSIGNMENT_COLUMNS: &str =
    "ra.role, ra.region_id, ra.agency_id, a.region_id AS agency_region_id,
     COALESCE(a.name, r.name) AS scope_name, COALESCE(a.code, r.code) AS scope_code";

/// A role assignment with the name and code of its scope, for display.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedAssignment {
    pub assignment: Assignment,
    pub scope_name: String,
    /// The RD's or agency's code; None for the whole Federal Agency.
    pub scope_code: Option<String>,
}

const USER_COLUMNS: &str =
    "id, username, display_name, password_hash, locked, must_change_password, password_changed_at";

pub async fn find_by_username(db: &Db, username: &str) -> sqlx::Result<Option<UserRow>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE username = $1");
    on_db!(db, pool => sqlx::query_as::<_, UserRow>(&sql).bind(username).fetch_optional(pool).await)
}

pub async fn find_by_id(db: &Db, id: i64) -> sqlx::Result<Option<UserRow>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
    on_db!(db, pool => sqlx::query_as::<_, UserRow>(&sql).bind(id).fetch_optional(pool).await)
}

#[derive(sqlx::FromRow)]
struct UserAssignmentRow {
    #[sqlx(flatten)]
    user: UserRow,
    #[sqlx(flatten)]
    assignment: AssignmentRow,
}

/// The user with their role assignments, in one query (read on every request).
pub async fn find_with_assignments(
    db: &Db,
    id: i64,
) -> sqlx::Result<Option<(UserRow, Vec<NamedAssignment>)>> {
    // Built once: this runs on every request.
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "SELECT u.id, u.username, u.display_name, u.password_hash, u.locked,
                   u.must_change_password, u.password_changed_at, {ASSIGNMENT_COLUMNS}
            FROM users u
            LEFT JOIN role_assignments ra ON ra.user_id = u.id
            LEFT JOIN regions r ON r.id = ra.region_id
            LEFT JOIN agencies a ON a.id = ra.agency_id
            WHERE u.id = $1
            ORDER BY ra.id"
        )
    });
    let rows: Vec<UserAssignmentRow> =
        on_db!(db, pool => sqlx::query_as(SQL.as_str()).bind(id).fetch_all(pool).await)?;
    let Some(user) = rows.first().map(|r| r.user.clone()) else {
        return Ok(None);
    };
    let assignments = rows
        .into_iter()
        .filter_map(|r| named_assignment(r.assignment))
        .collect();
    Ok(Some((user, assignments)))
}

/// A stored assignment with the name and code of its scope; None for a user's row
/// without any role.
pub(crate) fn named_assignment(row: AssignmentRow) -> Option<NamedAssignment> {
    let role = Role::from_code(row.role.as_deref()?)?;
    let scope = match (row.region_id, row.agency_id, row.agency_region_id) {
        (None, None, _) => Scope::All,
        (Some(region_id), None, _) => Scope::Region { region_id },
        (None, Some(agency_id), Some(region_id)) => Scope::Agency {
            region_id,
            agency_id,
        },
        _ => return None,
    };
    Some(NamedAssignment {
        assignment: Assignment::new(role, scope).ok()?,
        scope_name: row
            .scope_name
            .unwrap_or_else(|| "gesamte Bundesagentur".into()),
        scope_code: row.scope_code,
    })
}

pub struct NewUser<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub assignments: &'a [Assignment],
    /// Where notifications are e-mailed, if anywhere.
    pub email: Option<&'a str>,
}

/// Creates a user with their own password and assignments in one transaction (the same
/// steps as the administration's). Returns None when the user name is taken (nothing is
/// changed then).
pub async fn create(db: &Db, user: &NewUser<'_>) -> sqlx::Result<Option<i64>> {
    let account = super::user_admin::NewAccount {
        username: user.username,
        display_name: user.display_name,
        email: user.email,
        password_hash: user.password_hash,
        must_change_password: false,
    };
    let mut tx = db.begin_write().await?;
    let Some(id) = tx
        .insert_account(&account, OffsetDateTime::now_utc())
        .await?
    else {
        return Ok(None);
    };
    for a in user.assignments {
        tx.grant_role(id, a).await?;
    }
    tx.commit().await?;
    Ok(Some(id))
}

pub async fn count(db: &Db) -> sqlx::Result<i64> {
    on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(pool).await)
}
