//! What the user-administration pages show.

use serde::{Deserialize, Serialize};

/// A value of a select box with its label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// The scopes a role can be granted in: the whole agency, each RD, each agency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScopeChoices {
    pub regions: Vec<Choice>,
    pub agencies: Vec<Choice>,
}

/// The choices of the role and scope select boxes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleChoices {
    pub roles: Vec<Choice>,
    pub scopes: ScopeChoices,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserListItem {
    pub username: String,
    pub display_name: String,
    /// "RIM (Regionales Infrastrukturmanagement) – RD Nord", one per assignment.
    pub roles: Vec<String>,
    /// "aktiv", "gesperrt" or "aktiv, Einmalpasswort noch nicht geändert".
    pub status: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserListPage {
    pub users: Vec<UserListItem>,
    /// More matched than are shown.
    pub truncated: bool,
    pub choices: RoleChoices,
}

/// One role assignment on the detail page, with the values that revoke it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleLine {
    pub role: String,
    pub scope: String,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryLine {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub outcome: String,
    pub detail: String,
}

/// A one-time password, shown once to the administrator who set it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OneTimePassword {
    pub username: String,
    pub password: String,
    pub valid_until: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserDetail {
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
    pub locked: bool,
    /// As in the list.
    pub status: String,
    pub revision: i64,
    pub created: String,
    pub password_changed: String,
    pub roles: Vec<RoleLine>,
    /// The administrator looks at their own account (no role or lock changes).
    pub own: bool,
    pub choices: RoleChoices,
    pub history: Vec<HistoryLine>,
    /// Set just before by a plain form post (shown once, then gone from the session).
    pub one_time: Option<OneTimePassword>,
}

/// What `benutzer/aendern` does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountAction {
    Lock,
    Unlock,
    Grant,
    Revoke,
    ResetPassword,
}

impl AccountAction {
    pub const ALL: [AccountAction; 5] = [
        AccountAction::Lock,
        AccountAction::Unlock,
        AccountAction::Grant,
        AccountAction::Revoke,
        AccountAction::ResetPassword,
    ];

    /// The form value.
    pub fn code(self) -> &'static str {
        match self {
            AccountAction::Lock => "sperren",
            AccountAction::Unlock => "entsperren",
            AccountAction::Grant => "rolle-geben",
            AccountAction::Revoke => "rolle-entziehen",
            AccountAction::ResetPassword => "passwort-zuruecksetzen",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }

    /// The audit action.
    pub fn audit_action(self) -> &'static str {
        match self {
            AccountAction::Lock => "benutzer-gesperrt",
            AccountAction::Unlock => "benutzer-entsperrt",
            AccountAction::Grant => "rolle-erteilt",
            AccountAction::Revoke => "rolle-entzogen",
            AccountAction::ResetPassword => "passwort-zurueckgesetzt",
        }
    }
}
