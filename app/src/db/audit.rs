//! The append-only audit log.

use super::Db;
use crate::on_db;
use time::OffsetDateTime;

/// One audited event. Never carries a password.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEntry {
    pub actor_id: Option<i64>,
    pub actor_name: String,
    pub client: String,
    pub request_id: String,
    /// What happened, e.g. "anmeldung", "abmeldung", "passwort-aenderung", "zugriff".
    pub action: String,
    /// What it happened to, e.g. "benutzer:aa-kiel", "agentur:muenchen".
    pub object: String,
    /// "erfolg", "fehlgeschlagen", "verweigert", "gedrosselt".
    pub outcome: String,
    pub detail: String,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AuditRow {
    pub id: i64,
    pub occurred_at: OffsetDateTime,
    pub actor_id: Option<i64>,
    pub actor_name: String,
    pub client: String,
    pub request_id: String,
    pub action: String,
    pub object: String,
    pub outcome: String,
    pub detail: String,
}

pub const INSERT_SQL: &str = "INSERT INTO audit_log
    (occurred_at, actor_id, actor_name, client, request_id, action, object, outcome, detail)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

/// Appends `$entry` through `$executor` (a pool or `&mut *tx`), so an action and its
/// audit record share a transaction.
#[macro_export]
macro_rules! insert_audit {
    ($executor:expr, $entry:expr) => {{
        let e: &$crate::db::audit::AuditEntry = $entry;
        sqlx::query($crate::db::audit::INSERT_SQL)
            .bind(time::OffsetDateTime::now_utc())
            .bind(e.actor_id)
            .bind(&e.actor_name)
            .bind(&e.client)
            .bind(&e.request_id)
            .bind(&e.action)
            .bind(&e.object)
            .bind(&e.outcome)
            .bind(&e.detail)
            .execute($executor)
            .await
            .map(|_| ())
    }};
}

pub async fn append(db: &Db, entry: &AuditEntry) -> sqlx::Result<()> {
    on_db!(db, pool => insert_audit!(pool, entry))
}

/// The newest entries first.
pub async fn recent(db: &Db, limit: i64) -> sqlx::Result<Vec<AuditRow>> {
    const SQL: &str = "SELECT id, occurred_at, actor_id, actor_name, client, request_id, action, object, outcome, detail
        FROM audit_log ORDER BY id DESC LIMIT $1";
    on_db!(db, pool => sqlx::query_as(SQL).bind(limit).fetch_all(pool).await)
}
