//! Where live routing still points to a mailbox (as target or as notification address),
//! whether the mailbox may therefore be deactivated, and what the order that moves those
//! entries to a successor proposes for each of them.

use super::org::{mailbox_may_serve, MailboxKind, MailboxPlace};

/// How a live routing version uses the mailbox.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UseKind {
    Target,
    Notified,
    Both,
}

impl UseKind {
    pub fn label(self) -> &'static str {
        match self {
            UseKind::Target => "Zielpostfach",
            UseKind::Notified => "Benachrichtigung",
            UseKind::Both => "Zielpostfach und Benachrichtigung",
        }
    }

    pub fn is_target(self) -> bool {
        matches!(self, UseKind::Target | UseKind::Both)
    }
}

/// A mailbox as this check names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MailboxRef<'a> {
    pub id: i64,
    pub address: &'a str,
}

/// A routing entry's live values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiveValues {
    pub mailbox_id: i64,
    pub area_id: i64,
    pub addresses: Vec<String>,
}

/// How `live` uses `mailbox`, if at all (addresses compare without regard to case).
pub fn use_of(mailbox: MailboxRef<'_>, live: &LiveValues) -> Option<UseKind> {
    let target = live.mailbox_id == mailbox.id;
    let notified = live
        .addresses
        .iter()
        .any(|a| a.eq_ignore_ascii_case(mailbox.address));
    match (target, notified) {
        (true, true) => Some(UseKind::Both),
        (true, false) => Some(UseKind::Target),
        (false, true) => Some(UseKind::Notified),
        (false, false) => None,
    }
}

/// Why the mailbox cannot be deactivated yet; `None` when nothing points to it.
pub fn deactivation_refusal(address: &str, live_uses: usize, open_items: usize) -> Option<String> {
    if live_uses == 0 && open_items == 0 {
        return None;
    }
    let mut what = Vec::new();
    if live_uses > 0 {
        what.push(match live_uses {
            1 => "einem gültigen Routing-Eintrag".to_string(),
            n => format!("{n} gültigen Routing-Einträgen"),
        });
    }
    if open_items > 0 {
        what.push(match open_items {
            1 => "einer Position eines offenen Auftrags".to_string(),
            n => format!("{n} Positionen offener Aufträge"),
        });
    }
    Some(format!(
        "Das Postfach „{address}“ wird noch von {} verwendet und kann erst deaktiviert werden, wenn diese umgehängt sind.",
        what.join(" und ")
    ))
}

/// Why the mailbox cannot become a `kind` while live routing uses it as it does: a
/// Liegenschaftspostfach receives no Anliegen, and only Funktions- and
/// Organisationspostfächer may be notified (Weisung 202509011).
pub fn kind_change_refusal(kind: MailboxKind, uses: &[UseKind]) -> Option<String> {
    let targets = uses.iter().filter(|u| u.is_target()).count();
    let notified = uses
        .iter()
        .filter(|u| matches!(u, UseKind::Notified | UseKind::Both))
        .count();
    if kind == MailboxKind::Building && targets > 0 {
        return Some(format!(
            "Das Postfach ist Zielpostfach in {targets} gültigen Routing-Einträgen; ein Liegenschaftspostfach kann keine Anliegen empfangen. Hängen Sie die Einträge zuerst um."
        ));
    }
    if !kind.may_be_notified() && notified > 0 {
        return Some(format!(
            "Das Postfach wird in {notified} gültigen Routing-Einträgen benachrichtigt; ein {} darf nicht benachrichtigt werden (Weisung 202509011). Hängen Sie die Einträge zuerst um.",
            kind.label()
        ));
    }
    None
}

/// The successor as the move checks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Successor<'a> {
    pub mailbox: MailboxRef<'a>,
    pub place: MailboxPlace,
    pub active: bool,
}

/// A routing entry that uses the mailbox: its Dienststelle and agency, for the check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UsingEntry {
    pub office_id: i64,
    pub agency_id: i64,
    pub kind: UseKind,
}

/// Checks the successor against the mailbox it replaces and every entry it would serve.
pub fn check_successor(
    old: MailboxRef<'_>,
    successor: &Successor<'_>,
    entries: &[UsingEntry],
) -> Result<(), String> {
    if successor.mailbox.id == old.id {
        return Err("Bitte wählen Sie ein anderes Postfach als Nachfolger.".into());
    }
    if !successor.active {
        return Err("Das gewählte Nachfolgepostfach ist deaktiviert.".into());
    }
    let cannot_serve = entries
        .iter()
        .filter(|e| e.kind.is_target())
        .any(|e| !mailbox_may_serve(e.office_id, e.agency_id, successor.place));
    if cannot_serve {
        return Err("Das gewählte Nachfolgepostfach kann nicht alle Anliegen empfangen, die das Postfach heute empfängt (nur Postfächer derselben Dienststelle oder der Hauptagentur, keine Liegenschaftspostfächer).".into());
    }
    Ok(())
}

/// The values an entry gets when the successor replaces the mailbox: the target, and the
/// address in the notification list (dropped when the successor may not be notified,
/// Weisung 202509011, or is notified already).
pub fn replaced(
    live: &LiveValues,
    old: MailboxRef<'_>,
    successor: MailboxRef<'_>,
    successor_kind: MailboxKind,
) -> LiveValues {
    let mailbox_id = if live.mailbox_id == old.id {
        successor.id
    } else {
        live.mailbox_id
    };
    let mut addresses: Vec<String> = Vec::with_capacity(live.addresses.len());
    for a in &live.addresses {
        let next = if a.eq_ignore_ascii_case(old.address) {
            if !successor_kind.may_be_notified() {
                continue;
            }
            successor.address
        } else {
            a.as_str()
        };
        if !addresses.iter().any(|x| x.eq_ignore_ascii_case(next)) {
            addresses.push(next.to_string());
        }
    }
    LiveValues {
        mailbox_id,
        area_id: live.area_id,
        addresses,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::org::OfficeKind;

    const OLD: MailboxRef<'static> = MailboxRef {
        id: 7,
        address: "kiel.alt@arbeitsagentur.de",
    };
    const NEW: MailboxRef<'static> = MailboxRef {
        id: 9,
        address: "kiel.neu@arbeitsagentur.de",
    };

    fn live(mailbox_id: i64, addresses: &[&str]) -> LiveValues {
        LiveValues {
            mailbox_id,
            area_id: 3,
            addresses: addresses.iter().map(|a| a.to_string()).collect(),
        }
    }

    fn place(office_id: i64, kind: MailboxKind) -> MailboxPlace {
        MailboxPlace {
            office_id,
            agency_id: 1,
            office_kind: OfficeKind::Branch,
            kind,
        }
    }

    #[test]
    fn uses_are_found_as_target_and_address_regardless_of_case() {
        assert_eq!(use_of(OLD, &live(7, &[])), Some(UseKind::Target));
        assert_eq!(
            use_of(OLD, &live(8, &["KIEL.ALT@arbeitsagentur.de"])),
            Some(UseKind::Notified)
        );
        assert_eq!(
            use_of(OLD, &live(7, &["kiel.alt@arbeitsagentur.de"])),
            Some(UseKind::Both)
        );
        assert_eq!(
            use_of(OLD, &live(8, &["kiel.altx@arbeitsagentur.de"])),
            None
        );
    }

    #[test]
    fn deactivation_is_refused_while_anything_points_to_the_mailbox() {
        assert_eq!(deactivation_refusal("a@b.de", 0, 0), None);
        let one = deactivation_refusal("a@b.de", 1, 0).unwrap();
        assert!(one.contains("einem gültigen Routing-Eintrag"), "{one}");
        let both = deactivation_refusal("a@b.de", 3, 2).unwrap();
        assert!(
            both.contains("3 gültigen Routing-Einträgen und 2 Positionen offener Aufträge"),
            "{both}"
        );
    }

    #[test]
    fn the_successor_replaces_target_and_address_once() {
        let moved = replaced(
            &live(
                7,
                &[
                    "x@arbeitsagentur.de",
                    "Kiel.Alt@arbeitsagentur.de",
                    "kiel.neu@arbeitsagentur.de",
                ],
            ),
            OLD,
            NEW,
            MailboxKind::Function,
        );
        assert_eq!(moved.mailbox_id, 9);
        assert_eq!(moved.area_id, 3);
        assert_eq!(
            moved.addresses,
            ["x@arbeitsagentur.de", "kiel.neu@arbeitsagentur.de"]
        );
    }

    #[test]
    fn a_successor_that_may_not_be_notified_drops_the_address() {
        let moved = replaced(
            &live(8, &["kiel.alt@arbeitsagentur.de"]),
            OLD,
            NEW,
            MailboxKind::Team,
        );
        assert_eq!(moved.mailbox_id, 8);
        assert!(moved.addresses.is_empty());
    }

    #[test]
    fn a_kind_change_must_keep_live_routing_within_the_rules() {
        let target = [UseKind::Target];
        let notified = [UseKind::Notified];
        assert_eq!(kind_change_refusal(MailboxKind::Team, &target), None);
        assert!(kind_change_refusal(MailboxKind::Building, &target)
            .unwrap()
            .contains("keine Anliegen empfangen"));
        let team = kind_change_refusal(MailboxKind::Team, &notified).unwrap();
        assert!(
            team.contains("ein Teampostfach darf nicht benachrichtigt werden"),
            "{team}"
        );
        assert_eq!(
            kind_change_refusal(MailboxKind::Organisation, &[UseKind::Both]),
            None
        );
        assert_eq!(kind_change_refusal(MailboxKind::Building, &[]), None);
    }

    #[test]
    fn the_successor_must_be_another_active_mailbox_that_can_serve() {
        let entries = [UsingEntry {
            office_id: 5,
            agency_id: 1,
            kind: UseKind::Target,
        }];
        let ok = Successor {
            mailbox: NEW,
            place: place(5, MailboxKind::Team),
            active: true,
        };
        assert_eq!(check_successor(OLD, &ok, &entries), Ok(()));
        let same = Successor { mailbox: OLD, ..ok };
        assert!(check_successor(OLD, &same, &entries).is_err());
        let inactive = Successor {
            active: false,
            ..ok
        };
        assert!(check_successor(OLD, &inactive, &entries).is_err());
        let elsewhere = Successor {
            place: place(6, MailboxKind::Team),
            ..ok
        };
        assert!(check_successor(OLD, &elsewhere, &entries).is_err());
        let building = Successor {
            place: place(5, MailboxKind::Building),
            ..ok
        };
        assert!(check_successor(OLD, &building, &entries).is_err());
        // Only notified: any active mailbox will do.
        let notified = [UsingEntry {
            kind: UseKind::Notified,
            ..entries[0]
        }];
        assert_eq!(check_successor(OLD, &elsewhere, &notified), Ok(()));
    }
}
