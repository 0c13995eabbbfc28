//! Routing entries (Dienststelle × Anliegen → Zielpostfach, Bereich, Benachrichtigungs-
//! adressen), their field-level diff, and the version chain every entry keeps.

use super::fields::NotificationAddress;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

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

/// One version of an entry, valid from its start until the next version's start.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    pub number: u32,
    pub values: RoutingValues,
    pub valid_from: OffsetDateTime,
    pub valid_until: Option<OffsetDateTime>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum VersionError {
    #[error("Der Eintrag wurde inzwischen geändert: Grundlage war Version {base}, gültig ist Version {live}. Bitte aktualisieren Sie den Auftrag.")]
    StaleBase { base: u32, live: u32 },
    #[error("Die Änderung ändert nichts an der gültigen Version.")]
    NoChange,
    #[error("Eine neue Version kann nicht vor der gültigen beginnen.")]
    BeforeLive,
}

/// The versions of one entry: numbered 1, 2, 3 … without gaps, never changed once
/// written, exactly one live (the last, open-ended).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    versions: Vec<Version>,
}

impl History {
    /// Version 1 ("Ausgangskonfiguration").
    pub fn new(values: RoutingValues, at: OffsetDateTime) -> Self {
        Self {
            versions: vec![Version {
                number: 1,
                values,
                valid_from: at,
                valid_until: None,
            }],
        }
    }

    pub fn versions(&self) -> &[Version] {
        &self.versions
    }

    pub fn live(&self) -> &Version {
        self.versions
            .last()
            .expect("a history has at least version 1")
    }

    /// Writes a new live version if `base` is still the live one (optimistic check).
    pub fn apply(
        &mut self,
        base: u32,
        values: RoutingValues,
        at: OffsetDateTime,
    ) -> Result<u32, VersionError> {
        let live = self.live();
        if live.number != base {
            return Err(VersionError::StaleBase {
                base,
                live: live.number,
            });
        }
        if diff(&live.values, &values).is_empty() {
            return Err(VersionError::NoChange);
        }
        if at < live.valid_from {
            return Err(VersionError::BeforeLive);
        }
        let number = live.number + 1;
        self.versions.last_mut().expect("non-empty").valid_until = Some(at);
        self.versions.push(Version {
            number,
            values,
            valid_from: at,
            valid_until: None,
        });
        Ok(number)
    }

    /// The version that was live at `at`, if the entry existed then.
    pub fn as_of(&self, at: OffsetDateTime) -> Option<&Version> {
        self.versions
            .iter()
            .find(|v| v.valid_from <= at && v.valid_until.is_none_or(|until| at < until))
    }

    /// Contiguous numbering, adjacent validity intervals, exactly one live version.
    pub fn is_consistent(&self) -> bool {
        let numbered = self
            .versions
            .iter()
            .enumerate()
            .all(|(i, v)| v.number as usize == i + 1);
        let adjacent = self.versions.windows(2).all(|w| {
            w[0].valid_until == Some(w[1].valid_from) && w[0].valid_from <= w[1].valid_from
        });
        let one_live = self
            .versions
            .iter()
            .filter(|v| v.valid_until.is_none())
            .count()
            == 1
            && self.live().valid_until.is_none();
        numbered && adjacent && one_live
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fields::DEFAULT_MAIL_DOMAINS;
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
        let mut h = History::new(values(1, 10, &["ez@arbeitsagentur.de"]), t0);
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
        let mut h = History::new(values(1, 10, &["ez@arbeitsagentur.de"]), t0);
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
            let mut h = History::new(values(1, 1, &["a@arbeitsagentur.de"]), t0);
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
