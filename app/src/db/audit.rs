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

/// Appends an audit record on its own, for events that change nothing else.
pub async fn append(db: &Db, entry: &AuditEntry) -> sqlx::Result<()> {
    on_db!(db, pool => super::write::bind_audit(sqlx::query(INSERT_SQL), entry).execute(pool).await.map(|_| ()))
}

/// The newest entries first.
pub async fn recent(db: &Db, limit: i64) -> sqlx::Result<Vec<AuditRow>> {
    const SQL: &str = "SELECT id, occurred_at, actor_id, actor_name, client, request_id, action, object, outcome, detail
        FROM audit_log ORDER BY id DESC LIMIT $1";
    on_db!(db, pool => sqlx::query_as(SQL).bind(limit).fetch_all(pool).await)
}

/// What the audit-log page filters by; empty fields do not filter.
#[derive(Clone, Debug, Default)]
pub struct AuditFilter {
    /// User name, exactly.
    pub actor: String,
    /// Start of the object, e.g. "auftrag:ÄA-2026" or "benutzer:aa-kiel".
    pub object_prefix: String,
    pub action: String,
    /// Keyset cursor: only entries older than this id.
    pub before: Option<i64>,
}

/// One page of the log, newest first.
pub async fn page(db: &Db, filter: &AuditFilter, limit: i64) -> sqlx::Result<Vec<AuditRow>> {
    on_db!(db, pool => {
        let mut qb = sqlx::QueryBuilder::new(
            "SELECT id, occurred_at, actor_id, actor_name, client, request_id, action, object, outcome, detail
             FROM audit_log WHERE 1 = 1");
        if !filter.actor.is_empty() {
            qb.push(" AND actor_name = ").push_bind(filter.actor.clone());
        }
        if !filter.object_prefix.is_empty() {
            // substr instead of LIKE: no wildcards to escape, same meaning on both databases.
            qb.push(" AND substr(object, 1, ")
                .push_bind(filter.object_prefix.chars().count() as i32)
                .push(") = ")
                .push_bind(filter.object_prefix.clone());
        }
        if !filter.action.is_empty() {
            qb.push(" AND action = ").push_bind(filter.action.clone());
        }
        if let Some(before) = filter.before {
            qb.push(" AND id < ").push_bind(before);
        }
        qb.push(" ORDER BY id DESC LIMIT ").push_bind(limit);
        qb.build_query_as::<AuditRow>().fetch_all(pool).await
    })
}

/// The entries about exactly one object, newest first (its history).
pub async fn of_object(db: &Db, object: &str, limit: i64) -> sqlx::Result<Vec<AuditRow>> {
    const SQL: &str = "SELECT id, occurred_at, actor_id, actor_name, client, request_id, action, object, outcome, detail
        FROM audit_log WHERE object = $1 ORDER BY id DESC LIMIT $2";
    on_db!(db, pool => sqlx::query_as(SQL).bind(object).bind(limit).fetch_all(pool).await)
}
