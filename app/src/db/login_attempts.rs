//! Sign-in attempts, counted for the throttle across server instances. An attempt is
//! claimed, as a failure, before its password is checked, and only turned into a
//! success afterwards: parallel guesses cannot all pass a count taken before any of
//! them was written.

use super::write::{on_tx, WriteTx};
use super::Db;
use crate::domain::login_rules::{self, Failures, Throttle};
use crate::on_db;
use time::OffsetDateTime;

/// One attempt being checked; see [`claim`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Claimed(i64);

/// Counts the failures of `username` and `client` in the throttle window and, when the
/// throttle allows another attempt, records it as failed until [`succeeded`] says
/// otherwise. Counting and recording are one step: on SQLite the writer holds the file,
/// on PostgreSQL the account's and then the client's lock are taken (always in this
/// order, so two attempts never wait for each other in a circle).
pub async fn claim(
    db: &Db,
    username: &str,
    client: &str,
    now: OffsetDateTime,
) -> sqlx::Result<Result<Claimed, Throttle>> {
    let since = now - login_rules::THROTTLE_WINDOW;
    let mut tx = db.begin_write().await?;
    if let WriteTx::Postgres(t) = &mut tx {
        sqlx::query(
            "SELECT pg_advisory_xact_lock(1, hashtext($1)), pg_advisory_xact_lock(2, hashtext($2))",
        )
        .bind(username)
        .bind(client)
        .execute(&mut **t)
        .await?;
    }
    let failures = failures(&mut tx, username, client, since).await?;
    let throttle = login_rules::throttle(failures);
    if throttle != Throttle::Allow {
        return Ok(Err(throttle));
    }
    const RECORD: &str = "INSERT INTO login_attempts (username, client, succeeded, attempted_at)
        VALUES ($1, $2, $3, $4) RETURNING id";
    let id: i64 = on_tx!(&mut tx, conn => sqlx::query_scalar(RECORD)
        .bind(username).bind(client).bind(false).bind(now)
        .fetch_one(conn).await)?;
    tx.commit().await?;
    Ok(Ok(Claimed(id)))
}

/// The claimed attempt turned out right: it no longer counts, and it ends the count of
/// failures for its account from its client.
pub async fn succeeded(db: &Db, attempt: Claimed) -> sqlx::Result<()> {
    on_db!(db, pool => sqlx::query("UPDATE login_attempts SET succeeded = $1 WHERE id = $2")
        .bind(true).bind(attempt.0)
        .execute(pool).await.map(|_| ()))
}

async fn failures(
    tx: &mut WriteTx,
    username: &str,
    client: &str,
    since: OffsetDateTime,
) -> sqlx::Result<Failures> {
    const ACCOUNT_FROM_CLIENT: &str = "SELECT COUNT(*) FROM login_attempts
        WHERE username = $1 AND client = $2 AND succeeded = $3 AND attempted_at > COALESCE(
            (SELECT MAX(attempted_at) FROM login_attempts
             WHERE username = $1 AND client = $2 AND succeeded = $4 AND attempted_at > $5), $5)";
    const ACCOUNT: &str = "SELECT COUNT(*) FROM login_attempts
        WHERE username = $1 AND succeeded = $2 AND attempted_at > $3";
    const CLIENT: &str = "SELECT COUNT(*) FROM login_attempts
        WHERE client = $1 AND succeeded = $2 AND attempted_at > $3";
    let (from_client, account, by_client): (i64, i64, i64) = on_tx!(tx, conn => {
        let from_client = sqlx::query_scalar(ACCOUNT_FROM_CLIENT)
            .bind(username).bind(client).bind(false).bind(true).bind(since)
            .fetch_one(&mut *conn).await?;
        let account = sqlx::query_scalar(ACCOUNT)
            .bind(username).bind(false).bind(since)
            .fetch_one(&mut *conn).await?;
        let by_client = sqlx::query_scalar(CLIENT)
            .bind(client).bind(false).bind(since)
            .fetch_one(&mut *conn).await?;
        (from_client, account, by_client)
    });
    let count = |n: i64| n.clamp(0, i64::from(u32::MAX)) as u32;
    Ok(Failures {
        account_from_client: count(from_client),
        account: count(account),
        client: count(by_client),
    })
}
