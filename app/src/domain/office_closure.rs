//! Closing a Dienststelle with a successor of the same agency: who may succeed it, what
//! must happen first, and which of the successor's mailboxes and Postkörbe take over what
//! other Dienststellen's live configuration still points to.
//!
//! The Dienststelle's own routing entries and mailbox settings end with it (its customers
//! are served by the successor's entries); only what *other* entries point to has to move,
//! through an ordinary change order.

use super::mailbox_use::{replaced, LiveValues, MailboxRef};
use super::org::{mailbox_may_serve, MailboxKind, MailboxPlace, OfficeKind};

/// A Dienststelle as the closure rules see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OfficeFacts {
    pub id: i64,
    pub agency_id: i64,
    pub kind: OfficeKind,
    pub active: bool,
}

/// Why this Dienststelle cannot be closed at all; `None` when it can (once nothing points
/// to it).
pub fn closure_refusal(office: &OfficeFacts) -> Option<&'static str> {
    if !office.active {
        return Some("Die Dienststelle ist bereits geschlossen.");
    }
    if office.kind == OfficeKind::Headquarters {
        return Some(
            "Die Hauptagentur kann nicht allein geschlossen werden: die Geschäftsstellen der Agentur dürfen an ihre Postfächer routen.",
        );
    }
    None
}

/// Why `successor` cannot take over from `closing`; `None` when it can.
pub fn successor_refusal(closing: &OfficeFacts, successor: &OfficeFacts) -> Option<&'static str> {
    if successor.id == closing.id {
        Some("Bitte wählen Sie eine andere Dienststelle als Nachfolgerin.")
    } else if successor.agency_id != closing.agency_id {
        Some("Die Nachfolgerin muss zur selben Agentur gehören.")
    } else if !successor.active {
        Some("Die gewählte Nachfolgerin ist selbst geschlossen.")
    } else {
        None
    }
}

/// A mailbox of the closing Dienststelle or of its successor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailboxFacts {
    pub id: i64,
    pub address: String,
    pub kind: MailboxKind,
    pub area_id: i64,
    pub active: bool,
}

impl MailboxFacts {
    fn reference(&self) -> MailboxRef<'_> {
        MailboxRef {
            id: self.id,
            address: &self.address,
        }
    }
}

/// The successor's mailbox that takes over from `old`: an active one of the same kind and
/// Bereich, else one of the same Bereich that may be notified; `None` when there is none.
pub fn successor_mailbox<'a>(
    old: &MailboxFacts,
    candidates: &'a [MailboxFacts],
) -> Option<&'a MailboxFacts> {
    let active = || candidates.iter().filter(|m| m.active && m.id != old.id);
    active()
        .find(|m| m.kind == old.kind && m.area_id == old.area_id)
        .or_else(|| active().find(|m| m.area_id == old.area_id && m.kind.may_be_notified()))
}

/// What a live routing entry of another Dienststelle becomes when the closing
/// Dienststelle's mailboxes are replaced by the successor's; `None` when its target is one
/// of them and no successor mailbox may serve the entry (then it cannot move by itself).
/// A notified mailbox without a counterpart that may be notified drops out of the list.
pub fn moved_entry(
    live: &LiveValues,
    entry_office_id: i64,
    entry_agency_id: i64,
    closing: &[MailboxFacts],
    successors: &[MailboxFacts],
    successor_place: impl Fn(&MailboxFacts) -> MailboxPlace,
) -> Option<LiveValues> {
    let mut next = live.clone();
    for old in closing {
        let target = next.mailbox_id == old.id;
        match successor_mailbox(old, successors) {
            Some(new) => {
                if target
                    && !mailbox_may_serve(entry_office_id, entry_agency_id, successor_place(new))
                {
                    return None;
                }
                next = replaced(&next, old.reference(), new.reference(), new.kind);
            }
            None if target => return None,
            None => next
                .addresses
                .retain(|a| !a.eq_ignore_ascii_case(&old.address)),
        }
    }
    Some(next)
}

/// The Postkorb of the successor that takes over a Postkorb of Bereich `area_id`.
pub fn successor_postkorb(area_id: i64, candidates: &[(i64, i64)]) -> Option<i64> {
    candidates
        .iter()
        .find(|(_, area)| *area == area_id)
        .map(|(id, _)| *id)
}

/// What still stands in the way of closing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Blockers {
    /// Numbers of open orders that touch the Dienststelle, its mailboxes or Postkörbe.
    pub open_orders: Vec<String>,
    /// Live entries of other Dienststellen (routing and eAkte) that still point to it.
    pub live_uses: usize,
}

/// The refusal for closing while something still points to the Dienststelle.
pub fn blocking_message(name: &str, b: &Blockers) -> Option<String> {
    let mut what = Vec::new();
    if !b.open_orders.is_empty() {
        what.push(format!(
            "{} ({}) betreffen sie noch; sie müssen erst entschieden und umgesetzt oder zurückgezogen werden",
            match b.open_orders.len() {
                1 => "ein offener Auftrag".to_string(),
                n => format!("{n} offene Aufträge"),
            },
            b.open_orders.join(", ")
        ));
    }
    if b.live_uses > 0 {
        what.push(format!(
            "{} anderer Dienststellen verweisen noch auf ihre Postfächer oder Postkörbe; der Umzugsauftrag stellt sie auf die Nachfolgerin um",
            match b.live_uses {
                1 => "ein gültiger Eintrag".to_string(),
                n => format!("{n} gültige Einträge"),
            }
        ));
    }
    if what.is_empty() {
        return None;
    }
    Some(format!(
        "Die Dienststelle „{name}“ kann noch nicht geschlossen werden: {}.",
        what.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn office(id: i64, agency_id: i64, kind: OfficeKind) -> OfficeFacts {
        OfficeFacts {
            id,
            agency_id,
            kind,
            active: true,
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
    fn the_hauptagentur_and_a_closed_office_cannot_be_closed() {
        assert!(closure_refusal(&office(1, 1, OfficeKind::Headquarters))
            .unwrap()
            .contains("Hauptagentur"));
        let closed = OfficeFacts {
            active: false,
            ..office(2, 1, OfficeKind::Branch)
        };
        assert_eq!(
            closure_refusal(&closed),
            Some("Die Dienststelle ist bereits geschlossen.")
        );
        assert_eq!(closure_refusal(&office(3, 1, OfficeKind::Branch)), None);
    }

    #[test]
    fn the_successor_is_another_active_office_of_the_same_agency() {
        let closing = office(2, 1, OfficeKind::Branch);
        assert!(successor_refusal(&closing, &closing).is_some());
        assert!(
            successor_refusal(&closing, &office(5, 9, OfficeKind::Branch))
                .unwrap()
                .contains("selben Agentur")
        );
        let closed = OfficeFacts {
            active: false,
            ..office(4, 1, OfficeKind::Branch)
        };
        assert!(successor_refusal(&closing, &closed)
            .unwrap()
            .contains("geschlossen"));
        assert_eq!(
            successor_refusal(&closing, &office(1, 1, OfficeKind::Headquarters)),
            None
        );
    }

    #[test]
    fn the_successor_mailbox_matches_kind_and_bereich_then_bereich_alone() {
        let old = mailbox(1, MailboxKind::Function, 7);
        let team = mailbox(2, MailboxKind::Team, 7);
        let org = mailbox(3, MailboxKind::Organisation, 7);
        let function = mailbox(4, MailboxKind::Function, 7);
        let other_area = mailbox(5, MailboxKind::Function, 8);
        let all = vec![
            team.clone(),
            org.clone(),
            function.clone(),
            other_area.clone(),
        ];
        assert_eq!(successor_mailbox(&old, &all), Some(&function));
        let no_same_kind = vec![team.clone(), org.clone(), other_area.clone()];
        assert_eq!(successor_mailbox(&old, &no_same_kind), Some(&org));
        assert_eq!(successor_mailbox(&old, &[team, other_area]), None);
        let inactive = MailboxFacts {
            active: false,
            ..function
        };
        assert_eq!(successor_mailbox(&old, &[inactive]), None);
    }

    fn place_in(office_id: i64) -> impl Fn(&MailboxFacts) -> MailboxPlace {
        move |m| MailboxPlace {
            office_id,
            agency_id: 1,
            office_kind: OfficeKind::Branch,
            kind: m.kind,
        }
    }

    #[test]
    fn notification_addresses_move_to_the_successor_or_drop_out() {
        let closing = vec![
            mailbox(1, MailboxKind::Function, 7),
            mailbox(2, MailboxKind::Organisation, 8),
        ];
        let successors = vec![mailbox(11, MailboxKind::Function, 7)];
        let live = LiveValues {
            mailbox_id: 50,
            area_id: 7,
            addresses: vec![
                "m50@arbeitsagentur.de".into(),
                "M1@arbeitsagentur.de".into(),
                "m2@arbeitsagentur.de".into(),
            ],
        };
        let next = moved_entry(&live, 3, 1, &closing, &successors, place_in(4)).unwrap();
        assert_eq!(next.mailbox_id, 50);
        assert_eq!(
            next.addresses,
            vec![
                "m50@arbeitsagentur.de".to_string(),
                "m11@arbeitsagentur.de".to_string()
            ]
        );
    }

    #[test]
    fn a_target_moves_only_to_a_mailbox_that_may_serve_the_entry() {
        let closing = vec![mailbox(1, MailboxKind::Function, 7)];
        let successors = vec![mailbox(11, MailboxKind::Function, 7)];
        let live = LiveValues {
            mailbox_id: 1,
            area_id: 7,
            addresses: vec![],
        };
        // The successor's mailbox is in the entry's own Dienststelle 4: it may serve.
        let next = moved_entry(&live, 4, 1, &closing, &successors, place_in(4)).unwrap();
        assert_eq!(next.mailbox_id, 11);
        // An entry of Dienststelle 3 may not be served by a Geschäftsstelle 4's mailbox.
        assert_eq!(
            moved_entry(&live, 3, 1, &closing, &successors, place_in(4)),
            None
        );
        assert_eq!(moved_entry(&live, 4, 1, &closing, &[], place_in(4)), None);
    }

    #[test]
    fn postkoerbe_move_by_bereich() {
        assert_eq!(successor_postkorb(7, &[(20, 8), (21, 7)]), Some(21));
        assert_eq!(successor_postkorb(9, &[(20, 8)]), None);
    }

    #[test]
    fn the_refusal_names_open_orders_and_live_uses() {
        assert_eq!(blocking_message("Preetz", &Blockers::default()), None);
        let message = blocking_message(
            "Preetz",
            &Blockers {
                open_orders: vec!["AA-2026-0001".into(), "AA-2026-0002".into()],
                live_uses: 3,
            },
        )
        .unwrap();
        assert!(message.contains("2 offene Aufträge (AA-2026-0001, AA-2026-0002)"));
        assert!(message.contains("3 gültige Einträge"));
    }
}
