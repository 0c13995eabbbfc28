//! Reads and writes of user administration: the searchable list, one account with its
//! roles, and the steps of a change inside one write transaction.

use super::users::{named_assignment, AssignmentRow, NamedAssignment, ASSIGNMENT_COLUMNS};
use super::write::{on_tx, WriteTx};
use super::Db;
use crate::domain::policy::{Assignment, Role, Scope};
use crate::on_db;
use time::OffsetDateTime;

/// One account as the administration shows it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AccountRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
    pub locked: bool,
    pub must_change_password: bool,
    pub revision: i64,
    pub created_at: OffsetDateTime,
    pub password_changed_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
struct AccountAssignmentRow {
    #[sqlx(flatten)]
    account: AccountRow,
    #[sqlx(flatten)]
    assignment: AssignmentRow,
}

/// An account with its role assignments.
pub type Account = (AccountRow, Vec<NamedAssignment>);

/// Accounts with one row per role assignment (the WHERE and ORDER BY follow).
fn select() -> String {
    format!(
        "SELECT u.id, u.username, u.display_name, u.email, u.locked,
            u.must_change_password, u.revision, u.created_at, u.password_changed_at,
            {ASSIGNMENT_COLUMNS}
        FROM users u
        LEFT JOIN role_assignments ra ON ra.user_id = u.id
        LEFT JOIN regions r ON r.id = ra.region_id
        LEFT JOIN agencies a ON a.id = ra.agency_id"
    )
}

/// Rows ordered by user come together as one account each.
fn group(rows: Vec<AccountAssignmentRow>) -> Vec<Account> {
    let mut out: Vec<Account> = Vec::new();
    for row in rows {
        let named = named_assignment(row.assignment);
        match out.last_mut() {
            Some((account, roles)) if account.id == row.account.id => roles.extend(named),
            _ => out.push((row.account, named.into_iter().collect())),
        }
    }
    out
}

/// What the user list filters by; empty parts do not filter.
#[derive(Clone, Debug, Default)]
pub struct UserFilter {
    /// Part of the user name or display name, any case.
    pub text: String,
    pub role: Option<Role>,
    /// Holds a role in this RD, or in one of its agencies.
    pub region_id: Option<i64>,
    /// Holds a role for this agency.
    pub agency_id: Option<i64>,
}

/// Accounts matching the filter, by user name, at most `limit`.
pub async fn search(db: &Db, filter: &UserFilter, limit: i64) -> sqlx::Result<Vec<Account>> {
    let pattern = super::org::like_pattern(&filter.text);
    let role = filter.role.map(Role::code);
    let any_role =
        filter.role.is_some() || filter.region_id.is_some() || filter.agency_id.is_some();
    let sql = format!(
        "{} WHERE u.id IN (
            SELECT m.id FROM users m
            WHERE (LOWER(m.username) LIKE $1 ESCAPE '\\' OR LOWER(m.display_name) LIKE $1 ESCAPE '\\')
              AND ($2 = FALSE OR EXISTS (
                  SELECT 1 FROM role_assignments x LEFT JOIN agencies xa ON xa.id = x.agency_id
                  WHERE x.user_id = m.id
                    AND ($3 IS NULL OR x.role = $3)
                    AND ($4 IS NULL OR x.region_id = $4 OR xa.region_id = $4)
                    AND ($5 IS NULL OR x.agency_id = $5)))
            ORDER BY m.username LIMIT $6)
        ORDER BY u.username, ra.id",
        select()
    );
    let rows: Vec<AccountAssignmentRow> = on_db!(db, pool => sqlx::query_as(&sql)
        .bind(pattern).bind(any_role).bind(role).bind(filter.region_id).bind(filter.agency_id).bind(limit)
        .fetch_all(pool).await)?;
    Ok(group(rows))
}

/// One account by user name.
pub async fn find(db: &Db, username: &str) -> sqlx::Result<Option<Account>> {
    let sql = format!("{} WHERE u.username = $1 ORDER BY ra.id", select());
    let rows: Vec<AccountAssignmentRow> =
        on_db!(db, pool => sqlx::query_as(&sql).bind(username).fetch_all(pool).await)?;
    Ok(group(rows).pop())
}

/// Whether any account holds the Zentrale role (an installation is set up).
pub async fn any_zentrale(db: &Db) -> sqlx::Result<bool> {
    const SQL: &str = "SELECT COUNT(*) FROM role_assignments WHERE role = $1";
    let n: i64 = on_db!(db, pool => sqlx::query_scalar(SQL).bind(Role::Zentrale.code()).fetch_one(pool).await)?;
    Ok(n > 0)
}

/// The (region_id, agency_id) columns of a scope.
fn scope_columns(scope: Scope) -> (Option<i64>, Option<i64>) {
    match scope {
        Scope::All => (None, None),
        Scope::Region { region_id } => (Some(region_id), None),
        Scope::Agency { agency_id, .. } => (None, Some(agency_id)),
    }
}

/// A new account; its password is a one-time password when `must_change_password`.
pub struct NewAccount<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub email: Option<&'a str>,
    pub password_hash: &'a str,
    pub must_change_password: bool,
}

impl WriteTx {
    /// Makes administrative changes to accounts one after another (on PostgreSQL; the
    /// SQLite writer holds the file anyway), so that two administrators cannot each lock
    /// one of the last two Zentrale accounts. Only these changes wait for it: sign-ins,
    /// orders and everything else never take it.
    pub async fn serialise_user_admin(&mut self) -> sqlx::Result<()> {
        if let WriteTx::Postgres(tx) = self {
            // Any fixed key; "KT-USERS" in ASCII.
            sqlx::query("SELECT pg_advisory_xact_lock(4851845383282003)")
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }

    /// The account as it is now, inside this transaction.
    pub async fn account(&mut self, username: &str) -> sqlx::Result<Option<Account>> {
        let sql = format!("{} WHERE u.username = $1 ORDER BY ra.id", select());
        let rows: Vec<AccountAssignmentRow> =
            on_tx!(self, conn => sqlx::query_as(&sql).bind(username).fetch_all(conn).await)?;
        Ok(group(rows).pop())
    }

    /// Active (unlocked) Zentrale accounts other than `user_id`.
    pub async fn other_active_zentrale(&mut self, user_id: i64) -> sqlx::Result<i64> {
        const SQL: &str = "SELECT COUNT(DISTINCT u.id) FROM users u
            JOIN role_assignments ra ON ra.user_id = u.id
            WHERE ra.role = $1 AND u.locked = $2 AND u.id <> $3";
        on_tx!(self, conn => sqlx::query_scalar(SQL).bind(Role::Zentrale.code()).bind(false).bind(user_id)
            .fetch_one(conn).await)
    }

    /// Counts the account's revision up if it is still `expected`; false if it changed.
    pub async fn bump_account_revision(
        &mut self,
        user_id: i64,
        expected: i64,
    ) -> sqlx::Result<bool> {
        const SQL: &str =
            "UPDATE users SET revision = revision + 1 WHERE id = $1 AND revision = $2";
        on_tx!(self, conn => sqlx::query(SQL).bind(user_id).bind(expected).execute(conn).await
            .map(|r| r.rows_affected() == 1))
    }

    pub async fn set_account_locked(&mut self, user_id: i64, locked: bool) -> sqlx::Result<()> {
        const SQL: &str = "UPDATE users SET locked = $1 WHERE id = $2";
        on_tx!(self, conn => sqlx::query(SQL).bind(locked).bind(user_id).execute(conn).await.map(|_| ()))
    }

    pub async fn grant_role(&mut self, user_id: i64, a: &Assignment) -> sqlx::Result<()> {
        const SQL: &str = "INSERT INTO role_assignments (user_id, role, region_id, agency_id) VALUES ($1, $2, $3, $4)";
        let (region_id, agency_id) = scope_columns(a.scope());
        on_tx!(self, conn => sqlx::query(SQL).bind(user_id).bind(a.role().code()).bind(region_id).bind(agency_id)
            .execute(conn).await.map(|_| ()))
    }

    pub async fn revoke_role(&mut self, user_id: i64, a: &Assignment) -> sqlx::Result<()> {
        // IS NOT DISTINCT FROM would read better, but SQLite spells it IS: compare columns
        // that may be NULL through COALESCE instead, the same on both databases.
        const SQL: &str = "DELETE FROM role_assignments
            WHERE user_id = $1 AND role = $2 AND COALESCE(region_id, 0) = $3 AND COALESCE(agency_id, 0) = $4";
        let (region_id, agency_id) = scope_columns(a.scope());
        on_tx!(self, conn => sqlx::query(SQL).bind(user_id).bind(a.role().code())
            .bind(region_id.unwrap_or(0)).bind(agency_id.unwrap_or(0))
            .execute(conn).await.map(|_| ()))
    }

    /// Sets a new password hash; `one_time` marks it as to be changed at the next sign-in.
    pub async fn set_password(
        &mut self,
        user_id: i64,
        hash: &str,
        one_time: bool,
        now: OffsetDateTime,
    ) -> sqlx::Result<()> {
        const SQL: &str = "UPDATE users SET password_hash = $1, password_changed_at = $2,
            must_change_password = $3 WHERE id = $4";
        on_tx!(self, conn => sqlx::query(SQL).bind(hash).bind(now).bind(one_time).bind(user_id)
            .execute(conn).await.map(|_| ()))
    }

    /// Revokes every token of the user still valid; returns how many.
    pub async fn revoke_tokens_of(
        &mut self,
        user_id: i64,
        now: OffsetDateTime,
    ) -> sqlx::Result<u64> {
        const SQL: &str =
            "UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL";
        on_tx!(self, conn => sqlx::query(SQL).bind(now).bind(user_id).execute(conn).await
            .map(|r| r.rows_affected()))
    }

    /// Creates an account without roles; None when the user name is taken.
    pub async fn insert_account(
        &mut self,
        a: &NewAccount<'_>,
        now: OffsetDateTime,
    ) -> sqlx::Result<Option<i64>> {
        const SQL: &str =
            "INSERT INTO users (username, display_name, password_hash, locked, created_at,
                password_changed_at, email, must_change_password)
            VALUES ($1, $2, $3, $4, $5, $5, $6, $7)
            ON CONFLICT (username) DO NOTHING
            RETURNING id";
        on_tx!(self, conn => sqlx::query_scalar(SQL).bind(a.username).bind(a.display_name).bind(a.password_hash)
            .bind(false).bind(now).bind(a.email).bind(a.must_change_password)
            .fetch_optional(conn).await)
    }
}
