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

pub struct Credentials {
    pub username: Username,
    pub password: LoginPassword,
}

#[derive(Clone, Debug)]
pub struct Backend {
    db: Db,
    hasher: PasswordHasher,
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
    pub fn new(db: Db, hasher: PasswordHasher) -> Self {
        Self { db, hasher }
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    async fn load(&self, row: users::UserRow) -> Result<SessionUser, BackendError> {
        let assignments = users::assignments(&self.db, row.id).await?;
        Ok(SessionUser {
            id: row.id,
            username: row.username,
            display_name: row.display_name,
            locked: row.locked,
            assignments,
            auth_hash: row.password_hash.into_bytes(),
        })
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
            Some(row) if matches => Ok(Some(self.load(row).await?)),
            _ => Ok(None),
        }
    }

    /// Loads the user for each request; a locked user's sessions end at once.
    async fn get_user(&self, id: &i64) -> Result<Option<SessionUser>, BackendError> {
        match users::find_by_id(&self.db, *id).await? {
            Some(row) if !row.locked => Ok(Some(self.load(row).await?)),
            _ => Ok(None),
        }
    }
}
