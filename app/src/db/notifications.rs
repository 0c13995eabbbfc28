//! In-app notifications and the e-mail outbox. A notification is written in the same
//! transaction as the event it tells of; (recipient, event key) is unique, so an event
//! is told once however often it is noticed.

use super::write::{on_tx, WriteTx};
use super::Db;
use crate::domain::policy::Role;
use crate::on_db;
use time::OffsetDateTime;

/// Active holders of a regional role (`$3`: reviewers or RIM) of a region, except the
/// author (no news of one's own order).
const REVIEWERS_SQL: &str =
    "SELECT DISTINCT u.id FROM role_assignments ra JOIN users u ON u.id = ra.user_id
    WHERE ra.role = $3 AND ra.region_id = $1 AND u.locked = FALSE AND u.id <> $2 ORDER BY u.id";

/// Active agency admins of an agency.
const AGENCY_ADMINS_SQL: &str =
    "SELECT DISTINCT u.id FROM role_assignments ra JOIN users u ON u.id = ra.user_id
    WHERE ra.role = $2 AND ra.agency_id = $1 AND u.locked = FALSE ORDER BY u.id";

impl WriteTx {
    /// Who is told of a submitted order, by the review it takes: the region's active RD
    /// reviewers, or its RIM where no RD reviews; never its author.
    pub async fn next_hands(
        &mut self,
        review: crate::domain::kind::Review,
        region_id: i64,
        author_id: i64,
    ) -> sqlx::Result<Vec<i64>> {
        match review {
            crate::domain::kind::Review::Rd => self.reviewers(region_id, author_id).await,
            crate::domain::kind::Review::None => self.implementers(region_id, author_id).await,
        }
    }

    /// Who is told of a submitted order: the region's active reviewers but its author.
    async fn reviewers(&mut self, region_id: i64, author_id: i64) -> sqlx::Result<Vec<i64>> {
        on_tx!(self, conn => sqlx::query_scalar(REVIEWERS_SQL).bind(region_id).bind(author_id).bind(Role::RdReviewer).fetch_all(conn).await)
    }

    /// Who is told of a submitted order that no RD reviews: the region's active RIM.
    async fn implementers(&mut self, region_id: i64, author_id: i64) -> sqlx::Result<Vec<i64>> {
        on_tx!(self, conn => sqlx::query_scalar(REVIEWERS_SQL).bind(region_id).bind(author_id).bind(Role::Rim).fetch_all(conn).await)
    }

    /// Who is reminded of an agency's deadline: its active admins.
    pub async fn agency_admins(&mut self, agency_id: i64) -> sqlx::Result<Vec<i64>> {
        on_tx!(self, conn => sqlx::query_scalar(AGENCY_ADMINS_SQL).bind(agency_id).bind(Role::AgencyAdmin).fetch_all(conn).await)
    }
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct NotificationRow {
    pub id: i64,
    pub created_at: OffsetDateTime,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub link: String,
    pub read_at: Option<OffsetDateTime>,
}

/// A user's notifications, newest first.
pub async fn recent(db: &Db, user_id: i64, limit: i64) -> sqlx::Result<Vec<NotificationRow>> {
    const SQL: &str = "SELECT id, created_at, kind, title, body, link, read_at FROM notifications
        WHERE user_id = $1 ORDER BY id DESC LIMIT $2";
    on_db!(db, pool => sqlx::query_as(SQL).bind(user_id).bind(limit).fetch_all(pool).await)
}

pub async fn unread_count(db: &Db, user_id: i64) -> sqlx::Result<i64> {
    const SQL: &str = "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL";
    on_db!(db, pool => sqlx::query_scalar(SQL).bind(user_id).fetch_one(pool).await)
}

/// Marks one (or, with None, every) unread notification of the user read; returns how many.
pub async fn mark_read(
    db: &Db,
    user_id: i64,
    id: Option<i64>,
    now: OffsetDateTime,
) -> sqlx::Result<u64> {
    const ONE: &str =
        "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND id = $3 AND read_at IS NULL";
    const ALL: &str =
        "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL";
    on_db!(db, pool => {
        let q = match id {
            Some(id) => sqlx::query(ONE).bind(now).bind(user_id).bind(id),
            None => sqlx::query(ALL).bind(now).bind(user_id),
        };
        q.execute(pool).await.map(|r| r.rows_affected())
    })
}

/// An e-mail claimed for sending.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OutgoingMail {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub link: String,
    pub attempts: i64,
}

/// Claims the oldest due e-mail for `lease`: no other sender (in this or another server
/// instance) takes it until the lease ends or it is marked sent or failed.
pub async fn claim_mail(
    db: &Db,
    now: OffsetDateTime,
    lease: time::Duration,
) -> sqlx::Result<Option<OutgoingMail>> {
    // The outer condition is checked again on the locked row (PostgreSQL) or under the
    // single writer (SQLite), so of two senders picking the same row only one wins.
    const SQL: &str = "UPDATE mail_outbox SET claimed_until = $1, attempts = attempts + 1
        WHERE id = (SELECT id FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_at <= $2
                      AND (claimed_until IS NULL OR claimed_until < $2) ORDER BY id LIMIT 1)
          AND sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < $2)
        RETURNING id, recipient, subject, body,
                  (SELECT link FROM notifications n WHERE n.id = mail_outbox.notification_id) AS link,
                  attempts";
    // Looked for first: on PostgreSQL even an UPDATE of no row counts the data generation
    // up (db::generation), and the senders ask every few seconds.
    const DUE: &str =
        "SELECT EXISTS (SELECT 1 FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_at <= $1
                                        AND (claimed_until IS NULL OR claimed_until < $1))";
    let due: bool = on_db!(db, pool => sqlx::query_scalar(DUE).bind(now).fetch_one(pool).await)?;
    if !due {
        return Ok(None);
    }
    on_db!(db, pool => sqlx::query_as(SQL).bind(now + lease).bind(now).fetch_optional(pool).await)
}

pub async fn mark_sent(db: &Db, id: i64, now: OffsetDateTime) -> sqlx::Result<()> {
    const SQL: &str = "UPDATE mail_outbox SET sent_at = $1, claimed_until = NULL, last_error = NULL WHERE id = $2";
    on_db!(db, pool => sqlx::query(SQL).bind(now).bind(id).execute(pool).await.map(|_| ()))
}

/// Gives the e-mail back for another attempt at `retry_at`.
pub async fn mark_failed(
    db: &Db,
    id: i64,
    retry_at: OffsetDateTime,
    error: &str,
) -> sqlx::Result<()> {
    const SQL: &str = "UPDATE mail_outbox SET claimed_until = NULL, next_attempt_at = $1, last_error = $2 WHERE id = $3";
    on_db!(db, pool => sqlx::query(SQL).bind(retry_at).bind(error).bind(id).execute(pool).await.map(|_| ()))
}

/// Mails not sent yet (the outbox's depth, for /metrics).
pub async fn outbox_depth(db: &Db) -> sqlx::Result<i64> {
    on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL")
        .fetch_one(pool).await)
}
