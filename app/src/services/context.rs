//! Who asks, and from where: built once per server function, REST handler, background
//! task or test, and handed to every service. Services read nothing from ambient (Leptos)
//! context, so each one is callable and testable on its own.

use super::access::session_cookie_name;
use super::{db_err, request, AppState};
use crate::auth::backend::{AuthSession, Backend, SessionUser};
use crate::db::audit::{self, AuditEntry};
use crate::db::Db;
use crate::domain::org::OrgLocation;
use crate::domain::policy::{decide, Action, Actor};
use crate::error::AppError;
use axum::extract::ConnectInfo;
use axum::http::request::Parts;
use std::net::SocketAddr;

/// The client's address as the server resolved it (behind trusted proxies, from
/// X-Forwarded-For): put in the request's extensions before any handler runs. Without
/// it the TCP peer is the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddress(pub std::net::IpAddr);

/// The request's client: as resolved behind trusted proxies, else the TCP peer. The one
/// answer the services, the audit log and the API's rate limit all use.
pub fn client_of(extensions: &axum::http::Extensions) -> Option<std::net::IpAddr> {
    let resolved = extensions.get::<ClientAddress>().map(|c| c.0);
    let peer = || {
        let connection = extensions.get::<ConnectInfo<SocketAddr>>();
        connection.map(|c| c.0.ip())
    };
    resolved.or_else(peer)
}

/// The context of one request (or task).
#[derive(Clone, Debug)]
pub struct Ctx {
    pub state: AppState,
    /// Correlates log lines, audit records and error messages.
    pub request_id: String,
    /// The client's address, for the audit log.
    pub client: String,
    caller: Caller,
    /// The sign-in backend of the request, told when an account changes (its short
    /// memory of users); absent outside requests.
    backend: Option<Backend>,
}

/// Who the request is from.
#[derive(Clone, Debug)]
pub enum Caller {
    SignedIn(Box<SessionUser>),
    /// A session cookie came, but its session has ended.
    Expired,
    Anonymous,
}

impl Ctx {
    pub fn new(state: AppState, request_id: String, client: String, caller: Caller) -> Self {
        Ctx {
            state,
            request_id,
            client,
            caller,
            backend: None,
        }
    }

    /// A signed-in user's context outside any request (tests, command line, tasks).
    pub fn signed_in(state: AppState, user: SessionUser, request_id: &str) -> Self {
        let caller = Caller::SignedIn(Box::new(user));
        Ctx::new(state, request_id.into(), "intern".into(), caller)
    }

    /// The context of an axum request: request id, client address and the user its
    /// session (or bearer token) signed in.
    pub fn from_parts(parts: &Parts, state: AppState) -> Self {
        let request_id = request::id_in(&parts.headers).unwrap_or("-").to_string();
        let client =
            client_of(&parts.extensions).map_or_else(|| "unbekannt".into(), |ip| ip.to_string());
        let session = parts.extensions.get::<AuthSession>();
        let user = session.and_then(|s| s.user.clone());
        let backend = session.map(|s| s.backend.clone());
        let caller = match user {
            Some(user) => Caller::SignedIn(Box::new(user)),
            None if request::cookie_in(&parts.headers, session_cookie_name(state.https)) => {
                Caller::Expired
            }
            None => Caller::Anonymous,
        };
        Ctx {
            backend,
            ..Ctx::new(state, request_id, client, caller)
        }
    }

    /// The context of the server function being run (from the Leptos context the server
    /// provides for it).
    pub fn current() -> Result<Self, AppError> {
        use leptos::prelude::use_context;
        let state = use_context::<AppState>()
            .ok_or_else(|| super::internal("AppState fehlt im Kontext"))?;
        let parts =
            use_context::<Parts>().ok_or_else(|| super::internal("Anfrage fehlt im Kontext"))?;
        if let Some(bad) = parts.extensions.get::<super::request::ControlCharacterIn>() {
            let refused = AppError::Validation(vec![crate::domain::fields::FieldError::new(
                &bad.0,
                crate::domain::text_input::CONTROL_CHARACTER,
            )]);
            request::set_error_status(&refused);
            return Err(refused);
        }
        Ok(Ctx::from_parts(&parts, state))
    }

    pub fn db(&self) -> &Db {
        &self.state.db
    }

    /// The signed-in user, or NotAuthenticated / SessionExpired; a user who still has
    /// to change a one-time password may do nothing else (PasswordChangeRequired).
    pub fn user(&self) -> Result<&SessionUser, AppError> {
        let user = self.signed_in_user()?;
        if user.must_change_password {
            return Err(AppError::PasswordChangeRequired);
        }
        Ok(user)
    }

    /// The signed-in user, also one who must still change a one-time password: for
    /// "who am I", signing out and changing the password.
    pub fn signed_in_user(&self) -> Result<&SessionUser, AppError> {
        match &self.caller {
            Caller::SignedIn(user) => Ok(user),
            Caller::Expired => Err(AppError::SessionExpired),
            Caller::Anonymous => Err(AppError::NotAuthenticated),
        }
    }

    /// After a change to an account: this process reads it afresh at its next request,
    /// so a lock, a reset password or a revoked role takes effect at once.
    pub fn forget_user(&self, user_id: i64) {
        if let Some(backend) = &self.backend {
            backend.forget(user_id);
        }
    }

    /// The signed-in user as the policy sees them.
    pub fn actor(&self) -> Result<Actor, AppError> {
        self.user().map(SessionUser::actor)
    }

    /// The Zentrale, allowed to administer master data and catalogue `object` (a
    /// denial is logged and audited like every other).
    pub async fn catalogue_admin(&self, object: &str) -> Result<Actor, AppError> {
        let actor = self.actor()?;
        self.require(
            &actor,
            Action::ManageCatalogue,
            crate::domain::org::OrgLocation::Central,
            object,
        )
        .await?;
        Ok(actor)
    }

    /// Asks the policy; a denial is logged and audited, and answered with Forbidden.
    pub async fn require(
        &self,
        actor: &Actor,
        action: Action,
        location: OrgLocation,
        object: &str,
    ) -> Result<(), AppError> {
        let decision = decide(actor, action, location);
        if decision.is_allowed() {
            return Ok(());
        }
        tracing::warn!(request_id = %self.request_id, user = %actor.username, ?action, object, ?decision, "access denied");
        let mut entry = self.audit_entry(
            actor,
            "zugriff",
            object,
            format!("{action:?}: {decision:?}"),
        );
        entry.outcome = "verweigert".into();
        audit::append(self.db(), &entry).await.map_err(db_err)?;
        Err(AppError::Forbidden)
    }

    /// The audit record of a successful action by `actor` in this request.
    pub fn audit_entry(
        &self,
        actor: &Actor,
        action: &str,
        object: &str,
        detail: String,
    ) -> AuditEntry {
        AuditEntry {
            actor_id: Some(actor.user_id),
            actor_name: actor.username.clone(),
            client: self.client.clone(),
            request_id: self.request_id.clone(),
            action: action.into(),
            object: object.into(),
            outcome: "erfolg".into(),
            detail,
        }
    }
}
