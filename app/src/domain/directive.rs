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

/// Days left as words: "noch 12 Tage", "endet heute", "seit 3 Tagen abgelaufen".
pub fn countdown(days_left: i64) -> String {
    match days_left {
        0 => "endet heute".into(),
        1 => "noch 1 Tag".into(),
        -1 => "seit 1 Tag abgelaufen".into(),
        d if d > 1 => format!("noch {d} Tage"),
        d => format!("seit {} Tagen abgelaufen", -d),
    }
}

/// One condition of a target rule, over the routing entry of the rule's Anliegen. Stored
/// as JSON with the directive, so the names below are a storage format.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// The entry's Bereich is this one (code, e.g. "ags").
    AreaIs(String),
    /// The Zielpostfach is a mailbox of this Bereich of the same Dienststelle.
    MailboxOfAreaInOwnOffice(String),
    /// At least one notification address is set.
    HasNotificationAddress,
}

time::serde::format_description!(iso_day, Date, "[year]-[month]-[day]");

/// "For Anliegen A, all of these conditions hold": data, stored with the directive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetRule {
    pub concern: String,
    pub conditions: Vec<Condition>,
    /// The rule's own deadline, where it differs from the directive's (202505010: the
    /// online Veränderungsmitteilungen go to the EZ from 01.07.2025, while the
    /// directive's deadline is the eAkte one). Stored as YYYY-MM-DD.
    #[serde(
        default,
        with = "iso_day::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub due: Option<Date>,
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
    /// German wording, with the Bereich's name looked up by the caller.
    pub fn describe(&self, area_name: impl Fn(&str) -> String) -> String {
        match self {
            Condition::AreaIs(a) => format!("Bereich „{}“", area_name(a)),
            Condition::MailboxOfAreaInOwnOffice(a) => format!(
                "Zielpostfach des Bereichs „{}“ der eigenen Dienststelle",
                area_name(a)
            ),
            Condition::HasNotificationAddress => {
                "mindestens eine Benachrichtigungsadresse".to_string()
            }
        }
    }

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
    /// When the rule must be met: its own day, else the directive's deadline.
    pub fn deadline(&self, directive: Deadline) -> Deadline {
        self.due.map_or(directive, Deadline::On)
    }

    /// Whether the entry meets every condition (a rule without conditions is always met).
    pub fn is_met_by(&self, e: &EntryFacts) -> bool {
        self.conditions.iter().all(|c| c.holds(e))
    }
}

/// A mailbox a proposal may point to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailboxFacts {
    pub id: i64,
    pub office_id: i64,
    pub area: String,
    pub address: String,
}

/// The live routing entry of the rule's Anliegen: what the rule sees and what an order changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiveEntry {
    pub facts: EntryFacts,
    pub mailbox_id: i64,
    pub addresses: Vec<String>,
}

/// The values of an order item that makes an entry meet the rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    pub mailbox_id: i64,
    pub area: String,
    pub addresses: Vec<String>,
}

/// The smallest change that makes the live entry meet the rule, choosing among the given
/// mailboxes (the Dienststelle's own first, in the order given). None when the entry
/// meets the rule already or no mailbox fits; the admin then decides by hand.
pub fn proposal(
    rule: &TargetRule,
    live: &LiveEntry,
    mailboxes: &[MailboxFacts],
) -> Option<Proposal> {
    if rule.is_met_by(&live.facts) {
        return None;
    }
    let wanted_area = rule.conditions.iter().find_map(|c| match c {
        Condition::AreaIs(a) | Condition::MailboxOfAreaInOwnOffice(a) => Some(a.as_str()),
        Condition::HasNotificationAddress => None,
    });
    let own_office_only = rule
        .conditions
        .iter()
        .any(|c| matches!(c, Condition::MailboxOfAreaInOwnOffice(_)));
    let office = live.facts.office_id;
    let current = mailboxes
        .iter()
        .find(|m| m.id == live.mailbox_id)
        .cloned()
        .unwrap_or_else(|| MailboxFacts {
            id: live.mailbox_id,
            office_id: live.facts.mailbox_office_id,
            area: live.facts.mailbox_area.clone(),
            address: String::new(),
        });
    let fits = |m: &MailboxFacts| {
        wanted_area.is_none_or(|a| m.area == a) && (!own_office_only || m.office_id == office)
    };
    let mailbox = if fits(&current) {
        current
    } else {
        let mut candidates: Vec<&MailboxFacts> = mailboxes.iter().filter(|m| fits(m)).collect();
        candidates.sort_by_key(|m| m.office_id != office);
        (*candidates.first()?).clone()
    };
    let needs_address = rule.conditions.contains(&Condition::HasNotificationAddress);
    let addresses = if needs_address && live.addresses.is_empty() && !mailbox.address.is_empty() {
        vec![mailbox.address.clone()]
    } else {
        live.addresses.clone()
    };
    let proposed = EntryFacts {
        office_id: office,
        area: mailbox.area.clone(),
        mailbox_area: mailbox.area.clone(),
        mailbox_office_id: mailbox.office_id,
        address_count: addresses.len(),
    };
    rule.is_met_by(&proposed).then_some(Proposal {
        mailbox_id: mailbox.id,
        area: mailbox.area,
        addresses,
    })
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
    /// Stable code, e.g. for a CSS class.
    pub fn code(self) -> &'static str {
        match self {
            Status::Met => "erfuellt",
            Status::OrderUnderway => "unterwegs",
            Status::Open => "offen",
            Status::Overdue => "ueberfaellig",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Met => "erfüllt",
            Status::OrderUnderway => "Auftrag unterwegs",
            Status::Open => "offen",
            Status::Overdue => "überfällig",
        }
    }
}

/// The status of one Dienststelle: met by the live entry; else overdue after the
/// deadline, even with an order on its way (the directive asked for the change by then,
/// not for an order); else underway if a submitted or approved order would make it meet
/// the rule; else open.
pub fn office_status(
    rule: &TargetRule,
    live: &EntryFacts,
    proposed_by_open_orders: &[EntryFacts],
    deadline_passed: bool,
) -> Status {
    if rule.is_met_by(live) {
        Status::Met
    } else if deadline_passed {
        Status::Overdue
    } else if proposed_by_open_orders.iter().any(|p| rule.is_met_by(p)) {
        Status::OrderUnderway
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

    /// Adds another group's counts (a directive's obligations, rolled up together).
    pub fn merge(&mut self, other: &Tally) {
        self.met += other.met;
        self.underway += other.underway;
        self.open += other.open;
        self.overdue += other.overdue;
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

/// Counts the statuses of a group's members.
impl FromIterator<Status> for Tally {
    fn from_iter<I: IntoIterator<Item = Status>>(statuses: I) -> Self {
        let mut t = Tally::default();
        for s in statuses {
            t.add(s);
        }
        t
    }
}

/// Whether a directive with this end of validity still applies on `today`.
pub fn in_force(valid_until: Option<Date>, today: Date) -> bool {
    valid_until.is_none_or(|until| until >= today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::{date, datetime};

    #[test]
    fn directives_apply_through_their_last_day() {
        let today = time::macros::date!(2026 - 12 - 07);
        assert!(in_force(None, today));
        assert!(in_force(Some(today), today));
        assert!(!in_force(Some(time::macros::date!(2026 - 12 - 06)), today));
    }

    fn egz_rule() -> TargetRule {
        TargetRule {
            concern: "ag-egz".into(),
            conditions: vec![
                Condition::AreaIs("ags".into()),
                Condition::MailboxOfAreaInOwnOffice("ags".into()),
                Condition::HasNotificationAddress,
            ],
            due: None,
        }
    }

    #[test]
    fn a_rule_with_its_own_day_is_due_then_and_stored_as_iso_day() {
        let directive = Deadline::DaysBefore {
            switchover: date!(2025 - 07 - 01),
            days: 14,
        };
        assert_eq!(egz_rule().deadline(directive), directive);
        let stored =
            r#"{"concern":"an-veraenderung","conditions":[{"area_is":"ez"}],"due":"2025-07-01"}"#;
        let rule: TargetRule = serde_json::from_str(stored).unwrap();
        assert_eq!(rule.due, Some(date!(2025 - 07 - 01)));
        assert_eq!(
            rule.deadline(directive),
            Deadline::On(date!(2025 - 07 - 01))
        );
        assert_eq!(serde_json::to_string(&rule).unwrap(), stored);
        // Rules stored before rules had a day of their own read as before.
        let old: TargetRule =
            serde_json::from_str(r#"{"concern":"ag-egz","conditions":[]}"#).unwrap();
        assert_eq!(old.due, None);
        assert!(!serde_json::to_string(&old).unwrap().contains("due"));
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
            due: None,
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
            office_status(&rule, &ez, std::slice::from_ref(&ags), false),
            Status::OrderUnderway
        );
        assert_eq!(
            office_status(&rule, &ez, std::slice::from_ref(&ags), true),
            Status::Overdue,
            "an order still on its way when the deadline passes"
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

    fn mailbox(id: i64, office_id: i64, area: &str) -> MailboxFacts {
        MailboxFacts {
            id,
            office_id,
            area: area.into(),
            address: format!("postfach-{id}@arbeitsagentur.de"),
        }
    }

    fn live(area: &str, mailbox_id: i64, mailbox_office: i64, addresses: &[&str]) -> LiveEntry {
        LiveEntry {
            facts: facts(area, area, mailbox_office, addresses.len()),
            mailbox_id,
            addresses: addresses.iter().map(|a| a.to_string()).collect(),
        }
    }

    #[test]
    fn proposal_points_to_the_own_ags_mailbox_and_keeps_the_addresses() {
        let rule = egz_rule();
        let boxes = [
            mailbox(7, 2, "ags"),
            mailbox(5, 1, "ez"),
            mailbox(6, 1, "ags"),
        ];
        let p = proposal(&rule, &live("ez", 5, 1, &["ez@arbeitsagentur.de"]), &boxes).unwrap();
        assert_eq!(
            p,
            Proposal {
                mailbox_id: 6,
                area: "ags".into(),
                addresses: vec!["ez@arbeitsagentur.de".into()],
            }
        );
    }

    #[test]
    fn proposal_adds_the_mailbox_address_when_none_is_set() {
        let p = proposal(
            &egz_rule(),
            &live("ags", 6, 1, &[]),
            &[mailbox(6, 1, "ags")],
        )
        .unwrap();
        assert_eq!(
            (p.mailbox_id, p.addresses),
            (6, vec!["postfach-6@arbeitsagentur.de".to_string()])
        );
    }

    #[test]
    fn no_proposal_when_met_or_when_no_mailbox_fits() {
        let rule = egz_rule();
        assert_eq!(
            proposal(&rule, &live("ags", 6, 1, &["a@arbeitsagentur.de"]), &[]),
            None
        );
        // Only another Dienststelle has an Arbeitgeber-Service mailbox: the admin decides.
        assert_eq!(
            proposal(
                &rule,
                &live("ez", 5, 1, &["a@arbeitsagentur.de"]),
                &[mailbox(7, 2, "ags")]
            ),
            None
        );
        // Without the own-office condition the agency's mailbox will do.
        let area_only = TargetRule {
            concern: "ag-egz".into(),
            conditions: vec![Condition::AreaIs("ags".into())],
            due: None,
        };
        let p = proposal(&area_only, &live("ez", 5, 1, &[]), &[mailbox(7, 2, "ags")]).unwrap();
        assert_eq!((p.mailbox_id, p.addresses.len()), (7, 0));
    }

    #[test]
    fn rules_are_stored_as_stable_json() {
        let json = serde_json::to_string(&egz_rule()).unwrap();
        assert_eq!(
            json,
            r#"{"concern":"ag-egz","conditions":[{"area_is":"ags"},{"mailbox_of_area_in_own_office":"ags"},"has_notification_address"]}"#
        );
        assert_eq!(
            serde_json::from_str::<TargetRule>(&json).unwrap(),
            egz_rule()
        );
    }

    fn any_status() -> impl Strategy<Value = Status> {
        prop_oneof![
            Just(Status::Met),
            Just(Status::OrderUnderway),
            Just(Status::Open),
            Just(Status::Overdue)
        ]
    }

    fn any_facts() -> impl Strategy<Value = EntryFacts> {
        (
            prop_oneof![Just("ags"), Just("ez")],
            prop_oneof![Just("ags"), Just("ez")],
            1i64..3,
            0usize..2,
        )
            .prop_map(|(area, mailbox_area, mailbox_office_id, address_count)| {
                EntryFacts {
                    office_id: 1,
                    area: area.into(),
                    mailbox_area: mailbox_area.into(),
                    mailbox_office_id,
                    address_count,
                }
            })
    }

    /// What happens to one Dienststelle: an order is submitted (its proposal counts), an
    /// open order is rejected or withdrawn, or one is implemented (the live entry changes).
    #[derive(Clone, Debug)]
    enum Event {
        Submitted(EntryFacts),
        Dropped,
        Implemented(EntryFacts),
    }

    fn any_event() -> impl Strategy<Value = Event> {
        prop_oneof![
            any_facts().prop_map(Event::Submitted),
            Just(Event::Dropped),
            any_facts().prop_map(Event::Implemented),
        ]
    }

    proptest! {
        /// Compliance kept up to date event by event (only the touched Dienststelle is
        /// re-evaluated) equals compliance recomputed from scratch over all of them.
        #[test]
        fn compliance_incrementally_equals_recomputed(
            live in proptest::collection::vec(any_facts(), 1..25),
            events in proptest::collection::vec((any::<prop::sample::Index>(), any_event()), 0..60),
            passed in any::<bool>(),
        ) {
            let rule = egz_rule();
            let mut offices: Vec<(EntryFacts, Vec<EntryFacts>)> =
                live.into_iter().map(|l| (l, Vec::new())).collect();
            let status = |(l, p): &(EntryFacts, Vec<EntryFacts>)| office_status(&rule, l, p, passed);
            let mut running = Tally::default();
            for o in &offices { running.add(status(o)); }
            for (which, event) in events {
                let i = which.index(offices.len());
                running.remove(status(&offices[i]));
                match event {
                    Event::Submitted(p) => offices[i].1.push(p),
                    Event::Dropped => { offices[i].1.pop(); }
                    Event::Implemented(l) => { offices[i].0 = l; offices[i].1.pop(); }
                }
                running.add(status(&offices[i]));
            }
            let mut fresh = Tally::default();
            for o in &offices { fresh.add(status(o)); }
            prop_assert_eq!(running, fresh);
        }

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
