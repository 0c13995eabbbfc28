//! Rules of signing in: throttling and session lifetime.

use time::Duration;

/// Failed attempts for one account from one client within the window: the owner, at
/// another client, keeps their own budget while a guesser is held back.
pub const ACCOUNT_FROM_CLIENT_LIMIT: u32 = 5;
/// Failed attempts for one account from all clients together: much higher, against
/// guessing spread over many addresses, and the only limit a guesser can use to lock
/// the owner out.
pub const ACCOUNT_LIMIT: u32 = 100;
/// Failed attempts per client address within the window (covers guessing across names).
pub const CLIENT_FAILURE_LIMIT: u32 = 20;
// One guesser cannot reach the account's limit alone: it takes many clients at theirs.
const _: () = assert!(
    ACCOUNT_LIMIT >= 10 * ACCOUNT_FROM_CLIENT_LIMIT && CLIENT_FAILURE_LIMIT < ACCOUNT_LIMIT
);
/// The window that failures are counted in.
pub const THROTTLE_WINDOW: Duration = Duration::minutes(15);
/// A session ends after this long without a request (the longest allowed; see
/// `session_limits`).
pub const IDLE_TIMEOUT: Duration = Duration::minutes(30);
/// A session ends this long after sign-in, active or not (the longest allowed).
pub const ABSOLUTE_TIMEOUT: Duration = Duration::hours(8);

/// Failed (and still unanswered) attempts in the last [`THROTTLE_WINDOW`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Failures {
    /// For this account from this client, since its last success there.
    pub account_from_client: u32,
    /// For this account from anywhere.
    pub account: u32,
    /// From this client for any account.
    pub client: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Throttle {
    Allow,
    /// Too many failures for this account from this client.
    TooManyForAccountFromClient,
    /// Too many failures for this account from all clients.
    TooManyForAccount,
    /// Too many failures from this client.
    TooManyFromClient,
}

/// Decides whether another attempt may be checked at all. The counts include attempts
/// being checked right now, so parallel guesses share the budget.
pub fn throttle(f: Failures) -> Throttle {
    if f.account_from_client >= ACCOUNT_FROM_CLIENT_LIMIT {
        Throttle::TooManyForAccountFromClient
    } else if f.account >= ACCOUNT_LIMIT {
        Throttle::TooManyForAccount
    } else if f.client >= CLIENT_FAILURE_LIMIT {
        Throttle::TooManyFromClient
    } else {
        Throttle::Allow
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failures(account_from_client: u32, account: u32, client: u32) -> Failures {
        Failures {
            account_from_client,
            account,
            client,
        }
    }

    #[test]
    fn each_budget_throttles_on_its_own() {
        assert_eq!(throttle(Failures::default()), Throttle::Allow);
        let just_below = failures(
            ACCOUNT_FROM_CLIENT_LIMIT - 1,
            ACCOUNT_LIMIT - 1,
            CLIENT_FAILURE_LIMIT - 1,
        );
        assert_eq!(throttle(just_below), Throttle::Allow);
        assert_eq!(
            throttle(failures(ACCOUNT_FROM_CLIENT_LIMIT, 0, 0)),
            Throttle::TooManyForAccountFromClient
        );
        assert_eq!(
            throttle(failures(0, ACCOUNT_LIMIT, 0)),
            Throttle::TooManyForAccount
        );
        assert_eq!(
            throttle(failures(0, 0, CLIENT_FAILURE_LIMIT)),
            Throttle::TooManyFromClient
        );
    }
}
