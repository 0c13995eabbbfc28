//! Retiring an Anliegen into a successor (Zentrale). Messages for a retiring Anliegen must
//! still land where they do today, so its live routing is first carried over to the
//! successor's entry of the same Dienststelle by an ordinary change order; only once the
//! successor routes the same way everywhere, no open order touches either, and no
//! directive in force names it, may the Anliegen be deactivated and its own entries end.

use super::mailbox_use::LiveValues;

/// Whether the successor's live routing in a Dienststelle already does what the retiring
/// Anliegen's does there: same Zielpostfach, Bereich and notification addresses.
pub fn carried(old: &LiveValues, successor: Option<&LiveValues>) -> bool {
    let normalised = |a: &[String]| {
        let mut v: Vec<String> = a.iter().map(|s| s.trim().to_lowercase()).collect();
        v.sort();
        v.dedup();
        v
    };
    successor.is_some_and(|s| {
        s.mailbox_id == old.mailbox_id
            && s.area_id == old.area_id
            && normalised(&s.addresses) == normalised(&old.addresses)
    })
}

/// Why `successor` cannot take over, if it cannot.
pub fn successor_refusal(is_itself: bool, successor_active: bool) -> Option<&'static str> {
    if is_itself {
        Some("Ein Anliegen kann nicht sich selbst nachfolgen.")
    } else if !successor_active {
        Some("Das Nachfolge-Anliegen ist selbst nicht aktiv.")
    } else {
        None
    }
}

/// What stands in the way of deactivating the Anliegen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Blockers {
    /// Live routing entries of the Anliegen.
    pub live_entries: usize,
    pub successor_chosen: bool,
    /// Live entries the successor's routing does not yet carry.
    pub not_carried: usize,
    /// Entries for which the successor has no routing entry at all.
    pub stuck: usize,
    /// Numbers of open orders that change the Anliegen's or the successor's entries.
    pub open_orders: Vec<String>,
    /// Numbers of directives in force whose target rule names the Anliegen.
    pub directives: Vec<String>,
}

/// The German refusal, naming the first thing that stands in the way; `None` when the
/// Anliegen may be deactivated.
pub fn retirement_refusal(name: &str, b: &Blockers) -> Option<String> {
    if !b.directives.is_empty() {
        return Some(format!(
            "Das Anliegen „{name}“ wird von geltenden Weisungen verlangt ({}). Es kann erst deaktiviert werden, wenn sie nicht mehr gelten oder ein anderes Anliegen nennen.",
            b.directives.join(", ")
        ));
    }
    if !b.open_orders.is_empty() {
        return Some(format!(
            "Offene Aufträge ändern noch das Routing dieses Anliegens oder des Nachfolge-Anliegens ({}). Sie müssen erst umgesetzt, abgelehnt oder zurückgezogen werden.",
            b.open_orders.join(", ")
        ));
    }
    if b.live_entries == 0 {
        return None;
    }
    if !b.successor_chosen {
        return Some(format!(
            "Das Anliegen „{name}“ wird noch in {} Dienststellen geroutet. Wählen Sie unter „Anliegen ablösen“ das Anliegen, das diese Nachrichten übernimmt; der vorbefüllte Umzugsauftrag stellt sein Routing um.",
            b.live_entries
        ));
    }
    if b.stuck > 0 {
        return Some(format!(
            "Das Nachfolge-Anliegen hat in {} Dienststellen keinen Routing-Eintrag, der das Routing übernehmen kann.",
            b.stuck
        ));
    }
    if b.not_carried > 0 {
        return Some(format!(
            "In {} Dienststellen routet das Nachfolge-Anliegen noch anders als „{name}“. Der Umzugsauftrag stellt es um; nach seiner Umsetzung kann das Anliegen deaktiviert werden.",
            b.not_carried
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn live(mailbox_id: i64, addresses: &[&str]) -> LiveValues {
        LiveValues {
            mailbox_id,
            area_id: 1,
            addresses: addresses.iter().map(|a| a.to_string()).collect(),
        }
    }

    #[test]
    fn the_same_target_and_addresses_in_any_order_and_case_carry() {
        let old = live(7, &["a@x.de", "B@x.de"]);
        assert!(carried(&old, Some(&live(7, &["b@x.de", "a@x.de"]))));
        assert!(!carried(&old, Some(&live(8, &["a@x.de", "b@x.de"]))));
        assert!(!carried(&old, Some(&live(7, &["a@x.de"]))));
        assert!(!carried(&old, None));
        let other_area = LiveValues {
            area_id: 2,
            ..live(7, &["a@x.de", "b@x.de"])
        };
        assert!(!carried(&old, Some(&other_area)));
    }

    #[test]
    fn a_successor_is_another_active_anliegen() {
        assert!(successor_refusal(true, true).is_some());
        assert!(successor_refusal(false, false).is_some());
        assert_eq!(successor_refusal(false, true), None);
    }

    #[test]
    fn refusals_come_in_order_and_name_what_blocks() {
        let mut b = Blockers {
            live_entries: 3,
            directives: vec!["202509011".into()],
            open_orders: vec!["2026-000001".into()],
            ..Blockers::default()
        };
        assert!(retirement_refusal("EGZ", &b).unwrap().contains("202509011"));
        b.directives.clear();
        assert!(retirement_refusal("EGZ", &b)
            .unwrap()
            .contains("2026-000001"));
        b.open_orders.clear();
        assert!(retirement_refusal("EGZ", &b)
            .unwrap()
            .contains("in 3 Dienststellen geroutet"));
        b.successor_chosen = true;
        assert_eq!(retirement_refusal("EGZ", &b), None);
        b.not_carried = 2;
        assert!(retirement_refusal("EGZ", &b)
            .unwrap()
            .contains("In 2 Dienststellen"));
        b.stuck = 1;
        assert!(retirement_refusal("EGZ", &b)
            .unwrap()
            .contains("keinen Routing-Eintrag"));
    }

    #[test]
    fn an_anliegen_without_live_routing_needs_no_successor() {
        assert_eq!(retirement_refusal("EGZ", &Blockers::default()), None);
    }
}
