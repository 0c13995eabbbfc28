//! Demo accounts (`seed --demo`) in a real installation: `serve` says so at start, and in
//! production (`KT_HTTPS=true`) refuses to start while one still has the password the
//! README publishes, unless `KT_DEMO=true` says this is a demonstration.

use crate::seed::anyhow_like::Result;
use crate::seed::{DEMO_PASSWORD, DEMO_USERS};
use app::db::users;
use app::db::Db;
use app::services::password::PasswordHasher;

/// Whether KT_DEMO=true (a demonstration, also over HTTPS).
pub fn demo_from_env() -> bool {
    matches!(std::env::var("KT_DEMO").as_deref(), Ok("1" | "true" | "ja"))
}

/// Logs the demo accounts that exist; refuses (an error) when `https` and one of them can
/// still sign in with the published password, unless `demo` allows it.
pub async fn check(db: &Db, hasher: &PasswordHasher, https: bool, demo: bool) -> Result<()> {
    let mut present = Vec::new();
    let mut open = Vec::new();
    for (username, ..) in DEMO_USERS {
        let Some(row) = users::find_by_username(db, username).await? else {
            continue;
        };
        present.push(*username);
        // The hash is checked only where it decides something (argon2 takes its time).
        if https && !demo && !row.locked && hasher.verify(DEMO_PASSWORD, &row.password_hash).await?
        {
            open.push(*username);
        }
    }
    if present.is_empty() {
        return Ok(());
    }
    tracing::warn!(
        konten = %present.join(", "),
        "Demo-Konten vorhanden (seed --demo): nur für Vorführungen, nicht für den Produktivbetrieb"
    );
    if open.is_empty() {
        return Ok(());
    }
    Err(format!(
        "KT_HTTPS=true (Produktivbetrieb), aber diese Demo-Konten melden sich noch mit dem im README veröffentlichten Passwort an: {}. Sperren Sie sie (konfigurationstool user lock NAME) oder setzen Sie KT_DEMO=true, wenn dies eine Vorführung ist.",
        open.join(", ")
    )
    .into())
}
