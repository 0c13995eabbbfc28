//! The axum-login backend: users from our database, passwords checked by argon2id.

use crate::db::users::{self, NamedAssignment};
use crate::db::Db;
use crate::domain::fields::{LoginPassword, Username};
use crate::domain::policy::Actor;
use crate::services::password::PasswordHasher;
use axum_login::{AuthUser, AuthnBackend};

/// The signed-in user as kept for one request.
#[derive(Clone, Debug)]
pub struct SessionUser {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub locked: bool,
    /// Signed in with a one-time password: nothing but changing it is allowed.
    pub must_change_password: bool,
    pub assignments: Vec<NamedAssignment>,
    /// Changes with the password, which ends every other session of the user.
    auth_hash: Vec<u8>,
}

impl SessionUser {
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: self.id,
            username: self.username.clone(),
            assignments: self.assignments.iter().map(|a| a.assignment).collect(),
        }
    }
}

impl AuthUser for SessionUser {
    type Id = i64;

    fn id(&self) -> i64 {
        self.id
    }

    fn session_auth_hash(&self) -> &[u8] {
        &self.auth_hash
    }
}

fn session_user(row: users::UserRow, assignments: Vec<NamedAssignment>) -> SessionUser {
    SessionUser {
        id: row.id,
        username: row.username,
        display_name: row.display_name,
        locked: row.locked,
        must_change_password: row.must_change_password,
        assignments,
        auth_hash: row.password_hash.into_bytes(),
    }
}

pub struct Credentials {
    pub username: Username,
    pub password: LoginPassword,
}

#[derive(Clone, Debug)]
pub struct Backend {
    db: Db,
    hasher: PasswordHasher,
    /// Signed-in users by id, for the cache's time to live (see db::cache).
    memory: crate::db::cache::Memo<i64, SessionUser>,
}

#[derive(Debug, thiserror::Error)]
pub enum BackendError {
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("password hashing: {0}")]
    Hash(String),
}

pub type AuthSession = axum_login::AuthSession<Backend>;

impl Backend {
    pub fn new(db: Db, hasher: PasswordHasher, cache: &crate::db::cache::Cache) -> Self {
        Self {
            db,
            hasher,
            memory: cache.memo(crate::db::cache::USERS, 100_000, |k| k.parse().ok()),
        }
    }

    /// Drops the remembered user after their row changed, so the next request reads them
    /// afresh (call after the write).
    pub fn forget(&self, id: i64) {
        self.memory.forget(&id);
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    /// The user with their roles as stored now, locked or not.
    async fn load(&self, id: i64) -> Result<Option<SessionUser>, BackendError> {
        let found = users::find_with_assignments(&self.db, id).await?;
        Ok(found.map(|(row, assignments)| session_user(row, assignments)))
    }
}

impl AuthnBackend for Backend {
    type User = SessionUser;
    type Credentials = Credentials;
    type Error = BackendError;

    /// The user whose password matches, locked or not (the caller tells a locked user
    /// apart only after the password was right, so the answer reveals nothing).
    async fn authenticate(&self, creds: Credentials) -> Result<Option<SessionUser>, BackendError> {
        let row = users::find_by_username(&self.db, creds.username.as_str()).await?;
        let hash = row
            .as_ref()
            .map(|r| r.password_hash.as_str())
            .unwrap_or(PasswordHasher::dummy_hash());
        let matches = self
            .hasher
            .verify(creds.password.expose(), hash)
            .await
            .map_err(BackendError::Hash)?;
        match row {
            // Read afresh (and remembered, a lock included) with the roles.
            Some(row) if matches => self.memory.refresh(&row.id, self.load(row.id)).await,
            _ => Ok(None),
        }
    }

    /// The user of each request; a locked user's sessions end (within the cache's time
    /// to live when locked from outside this process).
    async fn get_user(&self, id: &i64) -> Result<Option<SessionUser>, BackendError> {
        let user = self
            .memory
            .read_through(id, |_| true, self.load(*id))
            .await?;
        Ok(user.filter(|u| !u.locked))
    }
}
