//! Merging an agency into a successor agency: who may succeed it, what must happen first,
//! and where the routing goes that the merger would leave against the rules.
//!
//! The agency's Dienststellen move to the successor unchanged, its Hauptagentur as a
//! Geschäftsstelle. A Geschäftsstelle may route only to its own mailboxes and to its
//! agency's Hauptagentur (`org::mailbox_may_serve`), so the entries of the old
//! Geschäftsstellen that route to the old Hauptagentur's mailboxes must move to the
//! successor's Hauptagentur: the merger files that change order with itself. Notification
//! addresses stay: the old Hauptagentur's mailboxes remain active and may still be notified.

use super::mailbox_use::LiveValues;
use super::office_closure::{successor_mailbox, MailboxFacts};
use super::org::MailboxKind;

/// An agency as the merger rules see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AgencyFacts {
    pub id: i64,
    pub active: bool,
    /// It has an open Hauptagentur (a successor needs one to take the routing over).
    pub has_headquarters: bool,
}

/// Why `closing` cannot be merged into `successor` (or at all); `None` when it can, once
/// nothing stands in the way.
pub fn merger_refusal(
    closing: &AgencyFacts,
    successor: Option<&AgencyFacts>,
) -> Option<&'static str> {
    if !closing.active {
        return Some("Die Agentur ist bereits geschlossen.");
    }
    let successor = successor?;
    if successor.id == closing.id {
        Some("Bitte wählen Sie eine andere Agentur als Nachfolgerin.")
    } else if !successor.active {
        Some("Die gewählte Nachfolgerin ist selbst geschlossen.")
    } else if !successor.has_headquarters {
        Some("Die Nachfolgerin hat keine Hauptagentur; legen Sie sie zuerst an.")
    } else {
        None
    }
}

/// What a live entry of one of the closing agency's Geschäftsstellen becomes when its
/// target `old`, a mailbox of the closing Hauptagentur, gives way to the successor's
/// Hauptagentur: the same kind and Bereich, else one of the Bereich that may be notified;
/// `None` when the successor's Hauptagentur has no such mailbox.
pub fn moved_target(
    live: &LiveValues,
    old: &MailboxFacts,
    successor_headquarters: &[MailboxFacts],
) -> Option<LiveValues> {
    let new = successor_mailbox(old, successor_headquarters)
        .filter(|m| m.kind != MailboxKind::Building)?;
    Some(LiveValues {
        mailbox_id: new.id,
        ..live.clone()
    })
}

/// What still stands in the way of the merger.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Blockers {
    /// Numbers of the closing agency's open orders.
    pub open_orders: Vec<String>,
    /// Entries that no mailbox of the successor's Hauptagentur can take over.
    pub stuck: usize,
}

/// The refusal for merging while something stands in the way.
pub fn blocking_message(name: &str, b: &Blockers) -> Option<String> {
    let mut what = Vec::new();
    if !b.open_orders.is_empty() {
        what.push(format!(
            "{} ({}) {}",
            match b.open_orders.len() {
                1 => "ein Auftrag der Agentur".to_string(),
                n => format!("{n} Aufträge der Agentur"),
            },
            b.open_orders.join(", "),
            if b.open_orders.len() == 1 {
                "ist noch offen; er muss erst umgesetzt, abgelehnt oder zurückgezogen werden"
            } else {
                "sind noch offen; sie müssen erst umgesetzt, abgelehnt oder zurückgezogen werden"
            }
        ));
    }
    if b.stuck > 0 {
        what.push(format!(
            "für {} an die Hauptagentur hat die Nachfolgerin kein passendes Postfach; legen Sie es zuerst an",
            match b.stuck {
                1 => "einen Routing-Eintrag".to_string(),
                n => format!("{n} Routing-Einträge"),
            }
        ));
    }
    if what.is_empty() {
        return None;
    }
    Some(format!(
        "Die Agentur „{name}“ kann noch nicht zusammengelegt werden: {}.",
        what.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agency(id: i64) -> AgencyFacts {
        AgencyFacts {
            id,
            active: true,
            has_headquarters: true,
        }
    }

    fn mailbox(id: i64, kind: MailboxKind, area_id: i64) -> MailboxFacts {
        MailboxFacts {
            id,
            address: format!("m{id}@arbeitsagentur.de"),
            kind,
            area_id,
            active: true,
        }
    }

    #[test]
    fn a_closed_agency_cannot_be_merged_again() {
        let closed = AgencyFacts {
            active: false,
            ..agency(1)
        };
        assert_eq!(
            merger_refusal(&closed, None),
            Some("Die Agentur ist bereits geschlossen.")
        );
        assert_eq!(merger_refusal(&agency(1), None), None);
    }

    #[test]
    fn the_successor_is_another_open_agency_with_a_hauptagentur() {
        let closing = agency(1);
        assert!(merger_refusal(&closing, Some(&closing))
            .unwrap()
            .contains("andere Agentur"));
        let closed = AgencyFacts {
            active: false,
            ..agency(2)
        };
        assert!(merger_refusal(&closing, Some(&closed))
            .unwrap()
            .contains("selbst geschlossen"));
        let headless = AgencyFacts {
            has_headquarters: false,
            ..agency(3)
        };
        assert!(merger_refusal(&closing, Some(&headless))
            .unwrap()
            .contains("keine Hauptagentur"));
        assert_eq!(merger_refusal(&closing, Some(&agency(4))), None);
    }

    #[test]
    fn the_target_moves_to_the_successors_hauptagentur_and_addresses_stay() {
        let old = mailbox(1, MailboxKind::Team, 7);
        let live = LiveValues {
            mailbox_id: 1,
            area_id: 7,
            addresses: vec!["m1@arbeitsagentur.de".into()],
        };
        let successors = vec![
            mailbox(11, MailboxKind::Function, 7),
            mailbox(12, MailboxKind::Team, 7),
            mailbox(13, MailboxKind::Team, 8),
        ];
        let moved = moved_target(&live, &old, &successors).unwrap();
        assert_eq!(moved.mailbox_id, 12);
        assert_eq!(moved.area_id, 7);
        assert_eq!(moved.addresses, live.addresses);
        // Without a team mailbox of the Bereich, one that may be notified takes over.
        let moved = moved_target(&live, &old, &successors[..1]).unwrap();
        assert_eq!(moved.mailbox_id, 11);
        assert_eq!(moved_target(&live, &old, &successors[2..]), None);
        assert_eq!(moved_target(&live, &old, &[]), None);
    }

    #[test]
    fn the_refusal_names_open_orders_and_entries_without_a_mailbox() {
        assert_eq!(blocking_message("Kiel", &Blockers::default()), None);
        let one = blocking_message(
            "Kiel",
            &Blockers {
                open_orders: vec!["AA-2026-0001".into()],
                stuck: 1,
            },
        )
        .unwrap();
        assert!(one.contains("ein Auftrag der Agentur (AA-2026-0001) ist noch offen"));
        assert!(one.contains("ist noch offen; er muss erst umgesetzt, abgelehnt oder"));
        assert!(one.contains("für einen Routing-Eintrag an die Hauptagentur hat die Nachfolgerin kein passendes Postfach"));
        let many = blocking_message(
            "Kiel",
            &Blockers {
                open_orders: vec!["A".into(), "B".into()],
                stuck: 3,
            },
        )
        .unwrap();
        assert!(many.contains("2 Aufträge der Agentur (A, B) sind noch offen"));
        assert!(many.contains("für 3 Routing-Einträge an die Hauptagentur"));
    }
}
