//! Directives (Weisungen): deadlines, absolute or relative to a switch-over date; target
//! rules as data; compliance of one Dienststelle and its roll-up per agency and RD.

use super::calendar::end_of_day_berlin;
use serde::{Deserialize, Serialize};
use time::{Date, Duration, OffsetDateTime};

/// When a directive must be met.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Deadline {
    /// "bis zum 06.10.2025"
    On(Date),
    /// "spätestens 2 Wochen vor dem Umstellungstermin 01.07.2025"
    DaysBefore { switchover: Date, days: u16 },
}

impl Deadline {
    /// The last day on which the directive is met in time.
    pub fn date(self) -> Date {
        match self {
            Deadline::On(d) => d,
            Deadline::DaysBefore { switchover, days } => switchover - Duration::days(days.into()),
        }
    }

    /// The first instant after the deadline: the end of its day in Berlin.
    pub fn passes_at(self) -> OffsetDateTime {
        end_of_day_berlin(self.date())
    }

    pub fn is_past(self, now: OffsetDateTime) -> bool {
        now >= self.passes_at()
    }

    /// Calendar days from `today` (Berlin) to the deadline: 0 on the day, negative after.
    pub fn days_left(self, today: Date) -> i64 {
        (self.date() - today).whole_days()
    }
}

/// One condition of a target rule, over the routing entry of the rule's Anliegen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Condition {
    /// The entry's Bereich is this one (code, e.g. "ags").
    AreaIs(String),
    /// The Zielpostfach is a mailbox of this Bereich of the same Dienststelle.
    MailboxOfAreaInOwnOffice(String),
    /// At least one notification address is set.
    HasNotificationAddress,
}

/// "For Anliegen A, all of these conditions hold": data, stored with the directive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetRule {
    pub concern: String,
    pub conditions: Vec<Condition>,
}

/// What the rule looks at in one routing entry (live, or as an order proposes it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryFacts {
    pub office_id: i64,
    pub area: String,
    /// Bereich and Dienststelle of the Zielpostfach.
    pub mailbox_area: String,
    pub mailbox_office_id: i64,
    pub address_count: usize,
}

impl Condition {
    pub fn holds(&self, e: &EntryFacts) -> bool {
        match self {
            Condition::AreaIs(area) => e.area == *area,
            Condition::MailboxOfAreaInOwnOffice(area) => {
                e.mailbox_area == *area && e.mailbox_office_id == e.office_id
            }
            Condition::HasNotificationAddress => e.address_count > 0,
        }
    }
}

impl TargetRule {
    /// Whether the entry meets every condition (a rule without conditions is always met).
    pub fn is_met_by(&self, e: &EntryFacts) -> bool {
        self.conditions.iter().all(|c| c.holds(e))
    }
}

/// A Dienststelle's standing with one directive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Status {
    /// Listed worst first, so the minimum of a group is its status.
    Overdue,
    Open,
    OrderUnderway,
    Met,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Met => "erfüllt",
            Status::OrderUnderway => "Auftrag unterwegs",
            Status::Open => "offen",
            Status::Overdue => "überfällig",
        }
    }
}

/// The status of one Dienststelle: met by the live entry; else underway if a submitted or
/// approved order would make it meet the rule; else open, or overdue after the deadline.
pub fn office_status(
    rule: &TargetRule,
    live: &EntryFacts,
    proposed_by_open_orders: &[EntryFacts],
    deadline_passed: bool,
) -> Status {
    if rule.is_met_by(live) {
        Status::Met
    } else if proposed_by_open_orders.iter().any(|p| rule.is_met_by(p)) {
        Status::OrderUnderway
    } else if deadline_passed {
        Status::Overdue
    } else {
        Status::Open
    }
}

/// Counts per status for an agency, an RD or everything.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub met: u32,
    pub underway: u32,
    pub open: u32,
    pub overdue: u32,
}

impl Tally {
    pub fn add(&mut self, s: Status) {
        *self.slot(s) += 1;
    }

    pub fn remove(&mut self, s: Status) {
        let slot = self.slot(s);
        *slot = slot
            .checked_sub(1)
            .expect("removing a status that was counted");
    }

    fn slot(&mut self, s: Status) -> &mut u32 {
        match s {
            Status::Met => &mut self.met,
            Status::OrderUnderway => &mut self.underway,
            Status::Open => &mut self.open,
            Status::Overdue => &mut self.overdue,
        }
    }

    pub fn total(&self) -> u32 {
        self.met + self.underway + self.open + self.overdue
    }

    /// Share met, in whole percent (rounded down, so 100 % means all).
    pub fn percent_met(&self) -> u32 {
        match self.total() {
            0 => 100,
            t => self.met * 100 / t,
        }
    }

    /// The group's status: its worst member's.
    pub fn status(&self) -> Status {
        if self.overdue > 0 {
            Status::Overdue
        } else if self.open > 0 {
            Status::Open
        } else if self.underway > 0 {
            Status::OrderUnderway
        } else {
            Status::Met
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::{date, datetime};

    fn egz_rule() -> TargetRule {
        TargetRule {
            concern: "ag-egz".into(),
            conditions: vec![
                Condition::AreaIs("ags".into()),
                Condition::MailboxOfAreaInOwnOffice("ags".into()),
                Condition::HasNotificationAddress,
            ],
        }
    }

    fn facts(area: &str, mailbox_area: &str, mailbox_office: i64, addresses: usize) -> EntryFacts {
        EntryFacts {
            office_id: 1,
            area: area.into(),
            mailbox_area: mailbox_area.into(),
            mailbox_office_id: mailbox_office,
            address_count: addresses,
        }
    }

    #[test]
    fn relative_deadline_two_weeks_before_the_switchover() {
        let d = Deadline::DaysBefore {
            switchover: date!(2025 - 07 - 01),
            days: 14,
        };
        assert_eq!(d.date(), date!(2025 - 06 - 17));
        assert_eq!(d.days_left(date!(2025 - 06 - 03)), 14);
        assert_eq!(d.days_left(date!(2025 - 06 - 17)), 0);
        assert_eq!(d.days_left(date!(2025 - 06 - 20)), -3);
    }

    #[test]
    fn a_deadline_passes_at_midnight_in_berlin_summer_and_winter() {
        // Summer time (UTC+2): 06.10.2025 ends at 22:00 UTC.
        let summer = Deadline::On(date!(2025 - 10 - 06));
        assert!(!summer.is_past(datetime!(2025-10-06 21:59:59 UTC)));
        assert!(summer.is_past(datetime!(2025-10-06 22:00 UTC)));
        // Winter time (UTC+1): 15.01.2026 ends at 23:00 UTC.
        let winter = Deadline::On(date!(2026 - 01 - 15));
        assert!(!winter.is_past(datetime!(2026-01-15 22:59:59 UTC)));
        assert!(winter.is_past(datetime!(2026-01-15 23:00 UTC)));
        // The night the clocks go back (26.10.2025): the day has 25 hours.
        let change = Deadline::On(date!(2025 - 10 - 26));
        assert!(!change.is_past(datetime!(2025-10-26 22:59 UTC)));
        assert!(change.is_past(datetime!(2025-10-26 23:00 UTC)));
    }

    #[test]
    fn every_condition_of_the_egz_rule() {
        let rule = egz_rule();
        assert!(rule.is_met_by(&facts("ags", "ags", 1, 1)));
        assert!(!rule.is_met_by(&facts("ez", "ags", 1, 1)), "wrong Bereich");
        assert!(
            !rule.is_met_by(&facts("ags", "ez", 1, 1)),
            "mailbox of another Bereich"
        );
        assert!(
            !rule.is_met_by(&facts("ags", "ags", 2, 1)),
            "mailbox of another Dienststelle"
        );
        assert!(
            !rule.is_met_by(&facts("ags", "ags", 1, 0)),
            "no notification address"
        );
        let only_area = TargetRule {
            concern: "ag-egz".into(),
            conditions: vec![Condition::AreaIs("ags".into())],
        };
        assert!(
            only_area.is_met_by(&facts("ags", "ez", 2, 0)),
            "conditions combine freely"
        );
    }

    #[test]
    fn status_of_a_dienststelle() {
        let rule = egz_rule();
        let ez = facts("ez", "ez", 1, 1);
        let ags = facts("ags", "ags", 1, 1);
        assert_eq!(office_status(&rule, &ags, &[], true), Status::Met);
        assert_eq!(
            office_status(&rule, &ez, std::slice::from_ref(&ags), true),
            Status::OrderUnderway
        );
        assert_eq!(
            office_status(&rule, &ez, std::slice::from_ref(&ez), false),
            Status::Open,
            "an order that does not help"
        );
        assert_eq!(office_status(&rule, &ez, &[], true), Status::Overdue);
    }

    #[test]
    fn roll_up_counts_percent_and_worst_status() {
        let mut t = Tally::default();
        assert_eq!((t.percent_met(), t.status()), (100, Status::Met));
        for s in [Status::Met, Status::Met, Status::OrderUnderway] {
            t.add(s);
        }
        assert_eq!(
            (t.total(), t.percent_met(), t.status()),
            (3, 66, Status::OrderUnderway)
        );
        t.add(Status::Open);
        assert_eq!(t.status(), Status::Open);
        t.add(Status::Overdue);
        assert_eq!((t.percent_met(), t.status()), (40, Status::Overdue));
    }

    fn any_status() -> impl Strategy<Value = Status> {
        prop_oneof![
            Just(Status::Met),
            Just(Status::OrderUnderway),
            Just(Status::Open),
            Just(Status::Overdue)
        ]
    }

    proptest! {
        /// Keeping the tally up to date change by change gives what counting afresh gives.
        #[test]
        fn incremental_tally_equals_recount(
            start in proptest::collection::vec(any_status(), 0..40),
            changes in proptest::collection::vec((any::<prop::sample::Index>(), any_status()), 0..60),
        ) {
            let mut offices = start.clone();
            let mut running = Tally::default();
            for s in &start { running.add(*s); }
            for (which, to) in changes {
                if offices.is_empty() { break; }
                let i = which.index(offices.len());
                running.remove(offices[i]);
                running.add(to);
                offices[i] = to;
            }
            let mut fresh = Tally::default();
            for s in &offices { fresh.add(*s); }
            prop_assert_eq!(running, fresh);
            prop_assert_eq!(running.status(), offices.iter().copied().min().unwrap_or(Status::Met));
        }
    }
}
