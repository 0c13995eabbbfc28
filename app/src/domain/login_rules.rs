//! Rules of signing in: throttling and session lifetime.

use time::{Duration, OffsetDateTime};

/// Failed attempts per user name within the window before further attempts are refused.
pub const USER_FAILURE_LIMIT: u32 = 5;
/// Failed attempts per client address within the window (covers guessing across names).
pub const CLIENT_FAILURE_LIMIT: u32 = 20;
/// The window that failures are counted in.
pub const THROTTLE_WINDOW: Duration = Duration::minutes(15);
/// A session ends after this long without a request.
pub const IDLE_TIMEOUT: Duration = Duration::minutes(30);
/// A session ends this long after sign-in, active or not.
pub const ABSOLUTE_TIMEOUT: Duration = Duration::hours(8);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Throttle {
    Allow,
    /// Too many failures for this user name.
    TooManyForUser,
    /// Too many failures from this client.
    TooManyFromClient,
}

/// Decides whether another login attempt may be checked at all, from the failures in
/// the last [`THROTTLE_WINDOW`].
pub fn throttle(user_failures: u32, client_failures: u32) -> Throttle {
    if user_failures >= USER_FAILURE_LIMIT {
        Throttle::TooManyForUser
    } else if client_failures >= CLIENT_FAILURE_LIMIT {
        Throttle::TooManyFromClient
    } else {
        Throttle::Allow
    }
}

/// Whether a session that signed in at `signed_in_at` has outlived the absolute limit.
pub fn past_absolute_limit(signed_in_at: OffsetDateTime, now: OffsetDateTime) -> bool {
    now - signed_in_at >= ABSOLUTE_TIMEOUT
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn throttles_per_user_before_per_client() {
        assert_eq!(throttle(0, 0), Throttle::Allow);
        assert_eq!(
            throttle(USER_FAILURE_LIMIT - 1, CLIENT_FAILURE_LIMIT - 1),
            Throttle::Allow
        );
        assert_eq!(throttle(USER_FAILURE_LIMIT, 0), Throttle::TooManyForUser);
        assert_eq!(
            throttle(0, CLIENT_FAILURE_LIMIT),
            Throttle::TooManyFromClient
        );
        assert_eq!(
            throttle(USER_FAILURE_LIMIT, CLIENT_FAILURE_LIMIT),
            Throttle::TooManyForUser
        );
    }

    #[test]
    fn absolute_limit_is_eight_hours() {
        let t0 = datetime!(2026-03-29 00:30 UTC); // spans the DST change in Berlin: UTC is unaffected
        assert!(!past_absolute_limit(
            t0,
            t0 + Duration::hours(8) - Duration::seconds(1)
        ));
        assert!(past_absolute_limit(t0, t0 + Duration::hours(8)));
    }

    #[test]
    fn idle_limit_is_shorter_than_absolute() {
        assert!(IDLE_TIMEOUT < ABSOLUTE_TIMEOUT);
        assert_eq!(IDLE_TIMEOUT.whole_minutes(), 30);
    }
}
