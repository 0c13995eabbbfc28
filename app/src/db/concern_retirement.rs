//! An Anliegen as its retirement reads it — its live routing per open Dienststelle, the
//! successor's, the directives that name it — read the same way by the page that plans
//! the retirement and by the transaction that performs it; and the retirement's writes.

use super::catalogue::{ConcernRow, CONCERNS};
use super::mailbox_admin::{use_rows_sql, UseRow};
use super::write::{on_reader, on_tx, Reader, WriteTx};
use std::sync::LazyLock;
use time::OffsetDateTime;

/// One Anliegen by its code.
pub async fn concern(r: &mut Reader<'_>, code: &str) -> sqlx::Result<Option<ConcernRow>> {
    let sql = format!("{CONCERNS} WHERE c.code = $1");
    on_reader!(r, conn => sqlx::query_as(&sql).bind(code).fetch_optional(conn).await)
}

/// (code, name) of every active Anliegen, by name: the possible successors.
pub async fn active_concerns(r: &mut Reader<'_>) -> sqlx::Result<Vec<(String, String)>> {
    const SQL: &str = "SELECT code, name FROM concerns WHERE active ORDER BY name, code";
    on_reader!(r, conn => sqlx::query_as(SQL).fetch_all(conn).await)
}

static LIVE_SQL: LazyLock<String> = LazyLock::new(|| {
    use_rows_sql(
        "e.concern_id = $1",
        "a.name, o.kind <> 'hauptagentur', o.name",
    )
});

/// The Anliegen's live routing entries, one per Dienststelle, by agency and Dienststelle.
pub async fn live_routing(r: &mut Reader<'_>, concern_id: i64) -> sqlx::Result<Vec<UseRow>> {
    let sql = LIVE_SQL.as_str();
    on_reader!(r, conn => sqlx::query_as(sql).bind(concern_id).fetch_all(conn).await)
}

impl WriteTx {
    /// Ends the live routing versions of the Anliegen; answers how many ended.
    pub async fn end_concern_routing(
        &mut self,
        concern_id: i64,
        now: OffsetDateTime,
    ) -> sqlx::Result<u64> {
        const SQL: &str = "UPDATE routing_versions SET valid_until = $1
            WHERE valid_until IS NULL
              AND entry_id IN (SELECT id FROM routing_entries WHERE concern_id = $2)";
        on_tx!(self, conn => sqlx::query(SQL).bind(now).bind(concern_id)
            .execute(conn).await.map(|r| r.rows_affected()))
    }

    /// Marks the Anliegen inactive, retired into `successor_id`.
    pub async fn retire_concern(&mut self, concern_id: i64, successor_id: i64) -> sqlx::Result<()> {
        const SQL: &str = "UPDATE concerns SET active = FALSE, successor_id = $1 WHERE id = $2";
        on_tx!(self, conn => sqlx::query(SQL).bind(successor_id).bind(concern_id)
            .execute(conn).await.map(|_| ()))
    }

    /// On reactivation: every ended entry of the Anliegen in an open Dienststelle gets its
    /// last version again, as a new version, where its Zielpostfach is still active;
    /// answers how many.
    pub async fn restore_concern_routing(
        &mut self,
        concern_id: i64,
        now: OffsetDateTime,
        author_id: i64,
        note: &str,
    ) -> sqlx::Result<u64> {
        const SQL: &str = "INSERT INTO routing_versions
                (entry_id, version, mailbox_id, area_id, addresses, valid_from, valid_until, order_id, author_id, note)
            SELECT v.entry_id, v.version + 1, v.mailbox_id, v.area_id, v.addresses, $2, NULL, NULL, $3, $4
            FROM routing_versions v JOIN routing_entries e ON e.id = v.entry_id
                JOIN offices o ON o.id = e.office_id JOIN mailboxes m ON m.id = v.mailbox_id
            WHERE e.concern_id = $1 AND o.active AND m.active
              AND v.version = (SELECT MAX(l.version) FROM routing_versions l WHERE l.entry_id = e.id)
              AND v.valid_until IS NOT NULL";
        on_tx!(self, conn => sqlx::query(SQL).bind(concern_id).bind(now).bind(author_id).bind(note)
            .execute(conn).await.map(|r| r.rows_affected()))
    }
}
