//! The one error type that crosses the server-function boundary. Its messages are the
//! German texts users see; internals stay in the server log under a correlation id.

use crate::domain::fields::FieldError;
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Bitte melden Sie sich an.")]
    NotAuthenticated,
    #[error("Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.")]
    SessionExpired,
    #[error("Sie haben keine Berechtigung für diese Aktion.")]
    Forbidden,
    #[error("Die angeforderte Seite oder der Datensatz wurde nicht gefunden.")]
    NotFound,
    #[error("Bitte prüfen Sie Ihre Eingaben.")]
    Validation(Vec<FieldError>),
    #[error("Benutzername oder Passwort ist falsch.")]
    InvalidCredentials,
    #[error("Ihr Konto ist gesperrt. Bitte wenden Sie sich an die Zentrale.")]
    AccountLocked,
    #[error("Bitte ändern Sie zuerst Ihr Einmalpasswort (Seite „Passwort ändern“).")]
    PasswordChangeRequired,
    #[error("Ihr Einmalpasswort ist abgelaufen. Bitte lassen Sie es von der Zentrale neu setzen.")]
    OneTimePasswordExpired,
    #[error("Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie 15 Minuten und versuchen Sie es dann erneut.")]
    TooManyAttempts,
    #[error("{0}")]
    Conflict(String),
    /// A refusal with its own reason (four eyes, not the author, …).
    #[error("{0}")]
    Refused(String),
    #[error("Die Anfrage war unvollständig oder fehlerhaft. Bitte laden Sie die Seite neu und versuchen Sie es erneut.")]
    BadRequest,
    #[error("Der Server ist nicht erreichbar. Bitte prüfen Sie Ihre Netzwerkverbindung und versuchen Sie es erneut.")]
    Unreachable,
    #[error("Ein interner Fehler ist aufgetreten. Bitte versuchen Sie es später erneut. Fehlerkennung: {correlation_id}")]
    Internal { correlation_id: String },
}

impl AppError {
    /// The HTTP status this error stands for.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotAuthenticated
            | AppError::SessionExpired
            | AppError::InvalidCredentials => 401,
            AppError::Forbidden
            | AppError::AccountLocked
            | AppError::Refused(_)
            | AppError::PasswordChangeRequired
            | AppError::OneTimePasswordExpired => 403,
            AppError::NotFound => 404,
            AppError::Validation(_) => 422,
            AppError::TooManyAttempts => 429,
            AppError::Conflict(_) => 409,
            AppError::BadRequest => 400,
            AppError::Unreachable => 503,
            AppError::Internal { .. } => 500,
        }
    }

    /// Field errors, if this is a validation failure.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            AppError::Validation(errors) => errors,
            _ => &[],
        }
    }

    pub fn field_error(&self, field: &str) -> Option<String> {
        self.field_errors()
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.clone())
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let err = match value {
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Unreachable,
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::BadRequest,
            other => AppError::Internal {
                correlation_id: internal_correlation(&other),
            },
        };
        #[cfg(feature = "ssr")]
        crate::services::request::set_error_status(&err);
        err
    }
}

#[cfg(feature = "ssr")]
fn internal_correlation(err: &ServerFnErrorErr) -> String {
    let id = crate::services::request::request_id();
    tracing::error!(request_id = %id, error = %err, "server function framework error");
    id
}

#[cfg(not(feature = "ssr"))]
fn internal_correlation(_err: &ServerFnErrorErr) -> String {
    "-".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_german_and_statuses_fit() {
        assert_eq!(AppError::TooManyAttempts.status(), 429);
        assert!(AppError::TooManyAttempts
            .to_string()
            .contains("Anmeldeversuche"));
        let e = AppError::Internal {
            correlation_id: "abc".into(),
        };
        assert!(e.to_string().ends_with("Fehlerkennung: abc"));
        let v = AppError::Validation(vec![FieldError::new("benutzername", "fehlt")]);
        assert_eq!(v.field_error("benutzername").as_deref(), Some("fehlt"));
        assert_eq!(v.field_error("passwort"), None);
    }
}
