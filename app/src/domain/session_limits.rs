//! How long a session lives: an idle limit and an absolute limit after sign-in. The
//! defaults (30 minutes, 8 hours) are the longest allowed; the operator may shorten them
//! (KT_SESSION_IDLE_MINUTES, KT_SESSION_MAX_HOURS), tests shorten them to seconds.

use crate::domain::login_rules::{ABSOLUTE_TIMEOUT, IDLE_TIMEOUT};
use time::{Duration, OffsetDateTime};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionLimits {
    /// A session ends after this long without a request (reading counts).
    pub idle: Duration,
    /// A session ends this long after sign-in, active or not.
    pub absolute: Duration,
}

impl Default for SessionLimits {
    fn default() -> Self {
        SessionLimits {
            idle: IDLE_TIMEOUT,
            absolute: ABSOLUTE_TIMEOUT,
        }
    }
}

impl SessionLimits {
    /// Limits of at least a second each, no longer than the defaults.
    pub fn new(idle: Duration, absolute: Duration) -> Result<SessionLimits, String> {
        if idle < Duration::SECOND || absolute < Duration::SECOND {
            return Err("Sitzungsgrenzen müssen mindestens eine Sekunde betragen.".into());
        }
        if idle > IDLE_TIMEOUT || absolute > ABSOLUTE_TIMEOUT {
            return Err(format!(
                "Sitzungsgrenzen lassen sich nur verkürzen: höchstens {} Minuten Leerlauf und {} Stunden insgesamt.",
                IDLE_TIMEOUT.whole_minutes(),
                ABSOLUTE_TIMEOUT.whole_hours()
            ));
        }
        Ok(SessionLimits { idle, absolute })
    }

    /// From the settings KT_SESSION_IDLE_MINUTES and KT_SESSION_MAX_HOURS (whole
    /// numbers; unset means the default).
    pub fn from_settings(
        idle_minutes: Option<&str>,
        max_hours: Option<&str>,
    ) -> Result<SessionLimits, String> {
        let whole = |name: &str, value: Option<&str>, default: i64| match value {
            None => Ok(default),
            Some(v) => v
                .trim()
                .parse::<i64>()
                .map_err(|_| format!("{name} ist keine ganze Zahl: „{v}“.")),
        };
        let default = SessionLimits::default();
        let idle = whole(
            "KT_SESSION_IDLE_MINUTES",
            idle_minutes,
            default.idle.whole_minutes(),
        )?;
        let hours = whole(
            "KT_SESSION_MAX_HOURS",
            max_hours,
            default.absolute.whole_hours(),
        )?;
        SessionLimits::new(Duration::minutes(idle), Duration::hours(hours))
    }

    /// Whether a session that signed in at `signed_in_at` has outlived the absolute limit.
    pub fn past_absolute(&self, signed_in_at: OffsetDateTime, now: OffsetDateTime) -> bool {
        now - signed_in_at >= self.absolute
    }

    /// How often a request marks the session active (a write each time): a thirtieth of
    /// the idle limit, at most a minute, at least a second, so the idle limit holds to
    /// within that and reading keeps a session alive.
    pub fn activity_interval(&self) -> Duration {
        let share: Duration = self.idle / 30;
        share.clamp(Duration::SECOND, Duration::MINUTE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn the_defaults_are_thirty_minutes_and_eight_hours() {
        let d = SessionLimits::default();
        assert_eq!((d.idle.whole_minutes(), d.absolute.whole_hours()), (30, 8));
        assert_eq!(d.activity_interval(), Duration::MINUTE);
        assert_eq!(SessionLimits::from_settings(None, None), Ok(d));
    }

    #[test]
    fn absolute_limit_counts_from_sign_in() {
        let t0 = datetime!(2026-03-29 00:30 UTC); // spans the DST change in Berlin: UTC is unaffected
        let d = SessionLimits::default();
        assert!(!d.past_absolute(t0, t0 + Duration::hours(8) - Duration::SECOND));
        assert!(d.past_absolute(t0, t0 + Duration::hours(8)));
    }

    #[test]
    fn settings_shorten_but_never_lengthen() {
        let short = SessionLimits::from_settings(Some("10"), Some("2")).unwrap();
        assert_eq!(short.idle, Duration::minutes(10));
        assert_eq!(short.absolute, Duration::hours(2));
        assert_eq!(short.activity_interval(), Duration::seconds(20));
        let longer = SessionLimits::from_settings(Some("60"), None).unwrap_err();
        assert!(longer.contains("nur verkürzen"), "{longer}");
        assert!(SessionLimits::from_settings(None, Some("0")).is_err());
        let garbage = SessionLimits::from_settings(Some("eine halbe Stunde"), None).unwrap_err();
        assert!(garbage.contains("KT_SESSION_IDLE_MINUTES"), "{garbage}");
    }

    #[test]
    fn seconds_for_tests_write_activity_every_second() {
        let s = SessionLimits::new(Duration::seconds(3), Duration::seconds(6)).unwrap();
        assert_eq!(s.activity_interval(), Duration::SECOND);
    }
}
