//! Routing entries (Dienststelle × Anliegen → Zielpostfach, Bereich, Benachrichtigungs-
//! adressen), their field-level diff, and the version chain every entry keeps.

use super::fields::NotificationAddress;
use super::kind::{ConfigKind, History, Kind};
use serde::{Deserialize, Serialize};

/// What one routing entry says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingValues {
    pub mailbox_id: i64,
    pub area_id: i64,
    pub notification_addresses: Vec<NotificationAddress>,
}

/// One field's change between two versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    Mailbox {
        from: i64,
        to: i64,
    },
    Area {
        from: i64,
        to: i64,
    },
    Addresses {
        added: Vec<NotificationAddress>,
        removed: Vec<NotificationAddress>,
    },
}

/// Field-level difference; empty when nothing changes. Address order does not count.
pub fn diff(before: &RoutingValues, after: &RoutingValues) -> Vec<Change> {
    let mut changes = Vec::new();
    if before.mailbox_id != after.mailbox_id {
        changes.push(Change::Mailbox {
            from: before.mailbox_id,
            to: after.mailbox_id,
        });
    }
    if before.area_id != after.area_id {
        changes.push(Change::Area {
            from: before.area_id,
            to: after.area_id,
        });
    }
    let added: Vec<_> = after
        .notification_addresses
        .iter()
        .filter(|a| !before.notification_addresses.contains(a))
        .cloned()
        .collect();
    let removed: Vec<_> = before
        .notification_addresses
        .iter()
        .filter(|a| !after.notification_addresses.contains(a))
        .cloned()
        .collect();
    if !added.is_empty() || !removed.is_empty() {
        changes.push(Change::Addresses { added, removed });
    }
    changes
}

/// Routing as a configuration kind: the first of the shared machinery.
pub struct Routing;

impl ConfigKind for Routing {
    const KIND: Kind = Kind::Routing;
    type Values = RoutingValues;
    type Change = Change;

    fn diff(before: &RoutingValues, after: &RoutingValues) -> Vec<Change> {
        diff(before, after)
    }
}

/// The version chain of one routing entry.
pub type RoutingHistory = History<Routing>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fields::DEFAULT_MAIL_DOMAINS;
    use crate::domain::kind::VersionError;
    use proptest::prelude::*;
    use time::macros::datetime;
    use time::Duration;

    fn addr(s: &str) -> NotificationAddress {
        NotificationAddress::parse(s, DEFAULT_MAIL_DOMAINS).unwrap()
    }

    fn values(mailbox: i64, area: i64, addrs: &[&str]) -> RoutingValues {
        RoutingValues {
            mailbox_id: mailbox,
            area_id: area,
            notification_addresses: addrs.iter().map(|a| addr(a)).collect(),
        }
    }

    #[test]
    fn diff_names_each_changed_field() {
        let a = values(1, 10, &["ez@arbeitsagentur.de"]);
        assert!(diff(&a, &a).is_empty());
        let b = values(2, 11, &["ags@arbeitsagentur.de", "ez@arbeitsagentur.de"]);
        assert_eq!(
            diff(&a, &b),
            vec![
                Change::Mailbox { from: 1, to: 2 },
                Change::Area { from: 10, to: 11 },
                Change::Addresses {
                    added: vec![addr("ags@arbeitsagentur.de")],
                    removed: vec![]
                },
            ]
        );
        let reordered = values(2, 11, &["ez@arbeitsagentur.de", "ags@arbeitsagentur.de"]);
        assert!(
            diff(&b, &reordered).is_empty(),
            "order of addresses does not matter"
        );
    }

    #[test]
    fn stale_bases_and_empty_changes_are_refused() {
        let t0 = datetime!(2025-10-01 08:00 UTC);
        let mut h = RoutingHistory::new(values(1, 10, &["ez@arbeitsagentur.de"]), t0);
        assert_eq!(
            h.apply(
                1,
                values(2, 11, &["ags@arbeitsagentur.de"]),
                t0 + Duration::days(1)
            ),
            Ok(2)
        );
        assert_eq!(
            h.apply(
                1,
                values(3, 11, &["ags@arbeitsagentur.de"]),
                t0 + Duration::days(2)
            ),
            Err(VersionError::StaleBase { base: 1, live: 2 })
        );
        assert_eq!(
            h.apply(
                2,
                values(2, 11, &["ags@arbeitsagentur.de"]),
                t0 + Duration::days(2)
            ),
            Err(VersionError::NoChange)
        );
        assert!(h.is_consistent());
    }

    #[test]
    fn as_of_finds_the_version_live_at_a_moment() {
        let t0 = datetime!(2025-10-01 08:00 UTC);
        let mut h = RoutingHistory::new(values(1, 10, &["ez@arbeitsagentur.de"]), t0);
        let t1 = t0 + Duration::days(5);
        h.apply(1, values(2, 11, &["ags@arbeitsagentur.de"]), t1)
            .unwrap();
        assert!(h.as_of(t0 - Duration::seconds(1)).is_none());
        assert_eq!(h.as_of(t0).unwrap().number, 1);
        assert_eq!(h.as_of(t1 - Duration::seconds(1)).unwrap().number, 1);
        assert_eq!(h.as_of(t1).unwrap().number, 2);
        assert_eq!(h.as_of(t1 + Duration::days(400)).unwrap().number, 2);
    }

    proptest! {
        /// Any sequence of attempts, stale or not, keeps the chain contiguous, leaves written
        /// versions untouched and has exactly one live version.
        #[test]
        fn the_version_chain_survives_any_sequence_of_attempts(
            attempts in proptest::collection::vec((0u32..6, 1i64..4, 1i64..3, 0i64..100_000), 0..40)
        ) {
            let t0 = datetime!(2025-01-01 00:00 UTC);
            let mut h = RoutingHistory::new(values(1, 1, &["a@arbeitsagentur.de"]), t0);
            let mut now = t0;
            for (base, mailbox, area, step) in attempts {
                now += Duration::seconds(step);
                let before = h.versions().to_vec();
                let v = values(mailbox, area, &["a@arbeitsagentur.de"]);
                match h.apply(base, v, now) {
                    Ok(n) => {
                        prop_assert_eq!(n, before.len() as u32 + 1);
                        prop_assert_eq!(&h.versions()[..before.len() - 1], &before[..before.len() - 1]);
                    }
                    Err(_) => prop_assert_eq!(h.versions(), &before[..]),
                }
                prop_assert!(h.is_consistent());
                prop_assert_eq!(h.as_of(now).map(|v| v.number), Some(h.live().number));
            }
        }
    }
}
