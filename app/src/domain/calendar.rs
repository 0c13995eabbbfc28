//! German civil time: Europe/Berlin (CET/CEST) without a time-zone database, and German
//! date formats. EU rule: summer time from the last Sunday of March 01:00 UTC to the last
//! Sunday of October 01:00 UTC.

use time::{Date, Duration, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset, Weekday};

fn last_sunday(year: i32, month: Month) -> Date {
    let mut d = Date::from_calendar_date(year, month, month.length(year)).expect("valid date");
    while d.weekday() != Weekday::Sunday {
        d = d.previous_day().expect("in range");
    }
    d
}

/// Berlin's UTC offset at an instant.
pub fn berlin_offset(at: OffsetDateTime) -> UtcOffset {
    let utc = at.to_offset(UtcOffset::UTC);
    let year = utc.year();
    let one = Time::from_hms(1, 0, 0).expect("valid time");
    let start = PrimitiveDateTime::new(last_sunday(year, Month::March), one).assume_utc();
    let end = PrimitiveDateTime::new(last_sunday(year, Month::October), one).assume_utc();
    let hours = if utc >= start && utc < end { 2 } else { 1 };
    UtcOffset::from_hms(hours, 0, 0).expect("valid offset")
}

/// The instant in Berlin's local time.
pub fn in_berlin(at: OffsetDateTime) -> OffsetDateTime {
    at.to_offset(berlin_offset(at))
}

/// The first instant of the day after `date` in Berlin: "as of the end of `date`" means
/// everything before this instant.
pub fn end_of_day_berlin(date: Date) -> OffsetDateTime {
    let next = date.next_day().expect("in range");
    let midnight_guess = PrimitiveDateTime::new(next, Time::MIDNIGHT).assume_utc();
    // Offsets differ by at most one hour around midnight; take the offset valid then.
    let offset = berlin_offset(midnight_guess - Duration::hours(2));
    PrimitiveDateTime::new(next, Time::MIDNIGHT)
        .assume_offset(offset)
        .to_offset(UtcOffset::UTC)
}

/// Today's date in Berlin.
pub fn today_berlin(now: OffsetDateTime) -> Date {
    in_berlin(now).date()
}

/// TT.MM.JJJJ
pub fn format_date(date: Date) -> String {
    format!(
        "{:02}.{:02}.{:04}",
        date.day(),
        u8::from(date.month()),
        date.year()
    )
}

/// TT.MM.JJJJ HH:MM in Berlin time.
pub fn format_berlin(at: OffsetDateTime) -> String {
    let local = in_berlin(at);
    format!(
        "{} {:02}:{:02}",
        format_date(local.date()),
        local.hour(),
        local.minute()
    )
}

/// TT.MM.JJJJ HH:MM:SS in Berlin time (the audit log).
pub fn format_berlin_seconds(at: OffsetDateTime) -> String {
    let local = in_berlin(at);
    format!(
        "{} {:02}:{:02}:{:02}",
        format_date(local.date()),
        local.hour(),
        local.minute(),
        local.second()
    )
}

/// Reads TT.MM.JJJJ (what users type) or JJJJ-MM-TT (what date inputs send).
pub fn parse_date(input: &str) -> Option<Date> {
    let s = input.trim();
    let (y, m, d) = if let Some((d, rest)) = s.split_once('.') {
        let (m, y) = rest.split_once('.')?;
        (y, m, d)
    } else {
        let mut parts = s.splitn(3, '-');
        (parts.next()?, parts.next()?, parts.next()?)
    };
    let month = Month::try_from(m.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(y.parse().ok()?, month, d.parse().ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn berlin_switches_at_one_utc_on_the_last_sundays() {
        assert_eq!(
            berlin_offset(datetime!(2025-03-30 00:59 UTC)).whole_hours(),
            1
        );
        assert_eq!(
            berlin_offset(datetime!(2025-03-30 01:00 UTC)).whole_hours(),
            2
        );
        assert_eq!(
            berlin_offset(datetime!(2025-10-26 00:59 UTC)).whole_hours(),
            2
        );
        assert_eq!(
            berlin_offset(datetime!(2025-10-26 01:00 UTC)).whole_hours(),
            1
        );
        assert_eq!(
            berlin_offset(datetime!(2026-07-01 12:00 UTC)).whole_hours(),
            2
        );
        assert_eq!(
            berlin_offset(datetime!(2026-12-24 12:00 UTC)).whole_hours(),
            1
        );
    }

    #[test]
    fn end_of_day_is_local_midnight_in_utc() {
        // summer: midnight CEST = 22:00 UTC the day before
        assert_eq!(
            end_of_day_berlin(date!(2025 - 10 - 06)),
            datetime!(2025-10-06 22:00 UTC)
        );
        // winter: midnight CET = 23:00 UTC
        assert_eq!(
            end_of_day_berlin(date!(2025 - 12 - 01)),
            datetime!(2025-12-01 23:00 UTC)
        );
        // the day of the switch to winter time ends at CET midnight
        assert_eq!(
            end_of_day_berlin(date!(2025 - 10 - 26)),
            datetime!(2025-10-26 23:00 UTC)
        );
        // the day before the switch to summer time ends at CET midnight, too
        assert_eq!(
            end_of_day_berlin(date!(2025 - 03 - 29)),
            datetime!(2025-03-29 23:00 UTC)
        );
        assert_eq!(
            end_of_day_berlin(date!(2025 - 03 - 30)),
            datetime!(2025-03-30 22:00 UTC)
        );
    }

    #[test]
    fn german_formats() {
        assert_eq!(format_date(date!(2025 - 10 - 06)), "06.10.2025");
        assert_eq!(
            format_berlin(datetime!(2025-10-06 21:30 UTC)),
            "06.10.2025 23:30"
        );
        assert_eq!(
            format_berlin(datetime!(2025-10-06 22:30 UTC)),
            "07.10.2025 00:30"
        );
        assert_eq!(
            today_berlin(datetime!(2025-12-31 23:30 UTC)),
            date!(2026 - 01 - 01)
        );
        assert_eq!(parse_date("06.10.2025"), Some(date!(2025 - 10 - 06)));
        assert_eq!(parse_date("2025-10-06"), Some(date!(2025 - 10 - 06)));
        assert_eq!(parse_date("31.02.2025"), None);
        assert_eq!(parse_date("gestern"), None);
    }
}
