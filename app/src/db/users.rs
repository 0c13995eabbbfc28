//! Users, their role assignments and login attempts.

use super::user_admin::scope_columns;
use super::{BeginWrite, Db};
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

#[derive(Clone, Debug, sqlx::FromRow)]
struct AssignmentRow {
    /// None on the user's row of a user without any role.
    role: Option<String>,
    region_id: Option<i64>,
    agency_id: Option<i64>,
    agency_region_id: Option<i64>,
    scope_name: Option<String>,
}

/// A role assignment with the name of its scope, for display.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedAssignment {
    pub assignment: Assignment,
    pub scope_name: String,
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
    const SQL: &str = "SELECT u.id, u.username, u.display_name, u.password_hash, u.locked,
               u.must_change_password, u.password_changed_at, ra.role, ra.region_id, ra.agency_id, a.region_id AS agency_region_id,
               COALESCE(a.name, r.name) AS scope_name
        FROM users u
        LEFT JOIN role_assignments ra ON ra.user_id = u.id
        LEFT JOIN regions r ON r.id = ra.region_id
        LEFT JOIN agencies a ON a.id = ra.agency_id
        WHERE u.id = $1
        ORDER BY ra.id";
    let rows: Vec<UserAssignmentRow> =
        on_db!(db, pool => sqlx::query_as(SQL).bind(id).fetch_all(pool).await)?;
    let Some(user) = rows.first().map(|r| r.user.clone()) else {
        return Ok(None);
    };
    let assignments = rows
        .into_iter()
        .filter_map(|r| named_assignment(r.assignment))
        .collect();
    Ok(Some((user, assignments)))
}

fn named_assignment(row: AssignmentRow) -> Option<NamedAssignment> {
    named_assignment_of(
        row.role.as_deref(),
        (row.region_id, row.agency_id, row.agency_region_id),
        row.scope_name,
    )
}

/// A stored assignment (role code, region_id, agency_id, the agency's region_id) with
/// the name of its scope; None for a user's row without any role.
pub(crate) fn named_assignment_of(
    role: Option<&str>,
    (region_id, agency_id, agency_region_id): (Option<i64>, Option<i64>, Option<i64>),
    scope_name: Option<String>,
) -> Option<NamedAssignment> {
    let role = Role::from_code(role?)?;
    let scope = match (region_id, agency_id, agency_region_id) {
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
        scope_name: scope_name.unwrap_or_else(|| "gesamte Bundesagentur".into()),
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

/// Creates a user with its assignments in one transaction. Returns None when the user
/// name is taken (nothing is changed then).
pub async fn create(db: &Db, user: &NewUser<'_>) -> sqlx::Result<Option<i64>> {
    let now = OffsetDateTime::now_utc();
    on_db!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO users (username, display_name, password_hash, locked, created_at, password_changed_at, email)
             VALUES ($1, $2, $3, FALSE, $4, $4, $5)
             ON CONFLICT (username) DO NOTHING
             RETURNING id",
        )
        .bind(user.username)
        .bind(user.display_name)
        .bind(user.password_hash)
        .bind(now)
        .bind(user.email)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(id) = id else {
            return Ok(None);
        };
        for a in user.assignments {
            let (region_id, agency_id) = scope_columns(a.scope());
            sqlx::query("INSERT INTO role_assignments (user_id, role, region_id, agency_id) VALUES ($1, $2, $3, $4)")
                .bind(id)
                .bind(a.role().code())
                .bind(region_id)
                .bind(agency_id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(Some(id))
    })
}

pub async fn count(db: &Db) -> sqlx::Result<i64> {
    on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(pool).await)
}

/// Failed attempts since `since` and after the last success, per user name and per client.
pub async fn recent_failures(
    db: &Db,
    username: &str,
    client: &str,
    since: OffsetDateTime,
) -> sqlx::Result<(u32, u32)> {
    const BY_USER: &str = "SELECT COUNT(*) FROM login_attempts
        WHERE username = $1 AND succeeded = $2 AND attempted_at > $3
          AND attempted_at > COALESCE(
              (SELECT MAX(attempted_at) FROM login_attempts WHERE username = $1 AND succeeded = $4), $3)";
    const BY_CLIENT: &str = "SELECT COUNT(*) FROM login_attempts
        WHERE client = $1 AND succeeded = $2 AND attempted_at > $3";
    on_db!(db, pool => {
        let user: i64 = sqlx::query_scalar(BY_USER)
            .bind(username).bind(false).bind(since).bind(true)
            .fetch_one(pool).await?;
        let client: i64 = sqlx::query_scalar(BY_CLIENT)
            .bind(client).bind(false).bind(since)
            .fetch_one(pool).await?;
        Ok((user.clamp(0, u32::MAX as i64) as u32, client.clamp(0, u32::MAX as i64) as u32))
    })
}

pub async fn record_attempt(
    db: &Db,
    username: &str,
    client: &str,
    succeeded: bool,
) -> sqlx::Result<()> {
    let now = OffsetDateTime::now_utc();
    on_db!(db, pool => sqlx::query(
        "INSERT INTO login_attempts (username, client, succeeded, attempted_at) VALUES ($1, $2, $3, $4)")
        .bind(username).bind(client).bind(succeeded).bind(now)
        .execute(pool).await.map(|_| ()))
}
