//! What the tokens pages and their services exchange (shared by server and browser;
//! imports nothing of either side).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenView {
    pub id: i64,
    pub name: String,
    /// The first characters of the token.
    pub prefix: String,
    pub created: String,
    pub expires: String,
    pub last_used: Option<String>,
    /// "gültig", "abgelaufen" or "widerrufen".
    pub status: String,
    pub active: bool,
}

/// A token just created: the only time its secret is shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedToken {
    pub name: String,
    pub secret: String,
    pub expires: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenPage {
    pub tokens: Vec<TokenView>,
    /// Created by a plain form post just before (kept once in the session, then gone).
    pub created: Option<CreatedToken>,
}
