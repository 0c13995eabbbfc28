//! Changes made by other processes, announced by PostgreSQL: triggers on the tables the
//! short memory (`db::cache`) holds send `NOTIFY kt_cache, '<name>[:<key>]'` when the
//! change commits (migration 0027; the session table's trigger is made by
//! `sessions::session_db`, after the store creates the table). Each server instance
//! listens and forgets what was announced, so a logout, lock or password change on one
//! instance is refused on the others as soon as the announcement arrives – not after a
//! time to live. While the listener is not connected, the memory answers nothing.
//!
//! SQLite has no such channel: one server serves a file, and changes from the command
//! line are seen after the time to live.

use super::cache::Cache;
use super::Db;
use sqlx::postgres::{PgListener, PgPool};
use std::time::Duration;

/// The channel the triggers notify.
pub const CHANNEL: &str = "kt_cache";

/// Pause before connecting again after the listener lost its connection.
const RECONNECT_AFTER: Duration = Duration::from_secs(1);

/// `benutzer:17` → ("benutzer", Some("17")); `rds` → ("rds", None).
pub fn parse(payload: &str) -> (&str, Option<&str>) {
    match payload.split_once(':') {
        Some((name, key)) => (name, Some(key)),
        None => (payload, None),
    }
}

/// On PostgreSQL, starts listening for `cache`; until the listener is connected, the
/// memory answers nothing. Does nothing on SQLite.
pub fn listen(db: &Db, cache: &Cache) {
    let Db::Postgres(pool) = db else {
        return;
    };
    cache.set_trusted(false);
    tokio::spawn(run(pool.clone(), cache.clone()));
}

async fn run(pool: PgPool, cache: Cache) {
    loop {
        match PgListener::connect_with(&pool).await {
            Ok(mut listener) => {
                if let Err(e) = listener.listen(CHANNEL).await {
                    tracing::warn!(error = %e, "cache listener: LISTEN failed");
                } else {
                    // Everything kept before now may have changed unannounced.
                    cache.set_trusted(true);
                    follow(&mut listener, &cache).await;
                }
            }
            Err(e) => tracing::warn!(error = %e, "cache listener: no connection"),
        }
        cache.set_trusted(false);
        if pool.is_closed() {
            return;
        }
        tokio::time::sleep(RECONNECT_AFTER).await;
    }
}

/// Applies announcements until the connection is lost.
async fn follow(listener: &mut PgListener, cache: &Cache) {
    loop {
        // `try_recv` answers `None` when the connection was lost (`recv` would reconnect
        // silently, and announcements sent meanwhile would be missed).
        match listener.try_recv().await {
            Ok(Some(notification)) => {
                let (name, key) = parse(notification.payload());
                cache.changed_elsewhere(name, key);
            }
            Ok(None) => {
                tracing::warn!("cache listener: connection lost, reconnecting");
                return;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cache listener: connection lost, reconnecting");
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn payloads_name_the_memory_and_maybe_a_key() {
        assert_eq!(parse("benutzer:17"), ("benutzer", Some("17")));
        assert_eq!(parse("sitzung:a:b"), ("sitzung", Some("a:b")));
        assert_eq!(parse("rds"), ("rds", None));
    }
}
