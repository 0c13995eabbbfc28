//! What people are told, and when: the wording of notifications (in the app and by
//! e-mail) and the reminder stages before a directive's deadline.

use super::calendar::format_date;
use super::kind::{Kind, Review};
use time::Date;

/// One message for one kind of event; the same text goes into the app and the e-mail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// "auftrag-eingereicht", "auftrag-entschieden", "frist-erinnerung"
    pub kind: &'static str,
    pub title: String,
    pub body: String,
    /// Where the recipient acts on it (a path of this application).
    pub link: String,
    /// Identifies the event; with the recipient it makes each notification unique, so
    /// an event noticed twice (two server instances, a retried run) is told once.
    pub event_key: String,
}

/// An order arrived in the region's review inbox.
pub fn order_submitted(
    number: &str,
    revision: i64,
    agency: &str,
    directive: Option<(&str, Date)>,
    review: Review,
) -> Message {
    let (purpose, title) = match review {
        Review::Rd => ("zur Prüfung eingereicht", "Neuer Auftrag zur Prüfung"),
        Review::None => (
            "eingereicht; er geht ohne RD-Prüfung direkt zur Umsetzung",
            "Neuer Auftrag zur Umsetzung",
        ),
    };
    let mut body = format!("Die {agency} hat den Änderungsauftrag {number} {purpose}.");
    if let Some((directive, deadline)) = directive {
        body.push_str(&format!(
            " Er antwortet auf Weisung {directive} (Frist {}).",
            format_date(deadline)
        ));
    }
    Message {
        kind: "auftrag-eingereicht",
        title: format!("{title}: {number}"),
        body,
        link: order_link(number),
        event_key: format!("auftrag:{number}:eingereicht:{revision}"),
    }
}

/// The author's order was approved, rejected, sent back or implemented.
pub fn order_decided(
    number: &str,
    revision: i64,
    outcome: &str,
    by: &str,
    reason: &str,
) -> Message {
    let mut body = format!("Ihr Änderungsauftrag {number} wurde von {by} {outcome}.");
    if !reason.trim().is_empty() {
        body.push_str(&format!(" Begründung: {}", reason.trim()));
    }
    Message {
        kind: "auftrag-entschieden",
        title: format!("Auftrag {number} {outcome}"),
        body,
        link: order_link(number),
        event_key: format!("auftrag:{number}:entschieden:{revision}"),
    }
}

/// How a decision reads in "Ihr Auftrag wurde … genehmigt"; None for the author's own steps.
pub fn outcome_wording(action: super::order::Action) -> Option<&'static str> {
    use super::order::Action;
    match action {
        Action::Approve => Some("genehmigt"),
        Action::Reject => Some("abgelehnt"),
        Action::SendBack => Some("zur Überarbeitung zurückgegeben"),
        Action::Implement => Some("umgesetzt"),
        Action::Submit | Action::Withdraw => None,
    }
}

fn order_link(number: &str) -> String {
    super::order::order_path(number)
}

/// Reminders go out 14 and 3 days before a deadline. The stage due on a day: 14 from
/// 14 to 4 days before, 3 from 3 days before to the day itself; none before or after.
/// A server that was down on the 14th day still reminds on the 10th, but once per stage.
pub fn reminder_stage(days_left: i64) -> Option<u8> {
    match days_left {
        4..=14 => Some(14),
        0..=3 => Some(3),
        _ => None,
    }
}

pub struct Reminder<'a> {
    pub directive: &'a str,
    pub title: &'a str,
    /// The obligation reminded of: what is counted, and part of the event key.
    pub kind: Kind,
    pub deadline: Date,
    pub days_left: i64,
    pub stage: u8,
    pub agency_code: &'a str,
    pub agency_name: &'a str,
    /// Dienststellen, mailboxes or eAkte rules not met and without an order.
    pub open: usize,
}

/// "4 Dienststellen erfüllen", "1 Postfach erfüllt", "14 eAkte-Regeln erfüllen".
fn open_words(kind: Kind, n: usize) -> String {
    let (one, many) = match kind {
        Kind::Routing => ("Dienststelle", "Dienststellen"),
        Kind::MailboxSetting => ("Postfach", "Postfächer"),
        Kind::EakteRule => ("eAkte-Regel", "eAkte-Regeln"),
    };
    match n {
        1 => format!("1 {one} erfüllt"),
        n => format!("{n} {many} erfüllen"),
    }
}

/// An agency not yet compliant with one obligation is reminded of its deadline. A
/// directive's routing rule keeps the key and title it always had; the other obligations
/// name themselves, so one directive's reminders stay apart.
pub fn deadline_reminder(r: &Reminder<'_>) -> Message {
    let when = match r.days_left {
        0 => "heute".to_string(),
        1 => "morgen".to_string(),
        d => format!("in {d} Tagen"),
    };
    let (obligation, key) = match r.kind {
        Kind::Routing => (String::new(), String::new()),
        kind => (
            format!(" – {}", obligation_name(kind)),
            format!(":{}", kind.code()),
        ),
    };
    Message {
        kind: "frist-erinnerung",
        title: format!(
            "Frist der Weisung {} endet {when} ({}){obligation}",
            r.directive,
            format_date(r.deadline)
        ),
        body: format!(
            "In der {} {} die Weisung {} „{}“ noch nicht und hat keinen Auftrag unterwegs. Die Frist endet am {}.",
            r.agency_name,
            open_words(r.kind, r.open),
            r.directive,
            r.title,
            format_date(r.deadline)
        ),
        link: format!("/weisungen/{}?agentur={}", r.directive, r.agency_code),
        event_key: format!(
            "weisung:{}{key}:frist:{}:{}",
            r.directive, r.stage, r.agency_code
        ),
    }
}

fn obligation_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Routing => "Weiterleitung",
        Kind::MailboxSetting => "E-Mail-Kommunikation",
        Kind::EakteRule => "eAkte-Regelwerk",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn reminder_stages_fourteen_and_three_days_before() {
        assert_eq!(reminder_stage(15), None);
        assert_eq!(reminder_stage(14), Some(14));
        assert_eq!(reminder_stage(4), Some(14));
        assert_eq!(reminder_stage(3), Some(3));
        assert_eq!(reminder_stage(0), Some(3));
        assert_eq!(reminder_stage(-1), None, "after the deadline no reminder");
    }

    #[test]
    fn each_event_has_its_own_key() {
        let kiel = "Agentur für Arbeit Kiel";
        let first = order_submitted("ÄA-2026-000001", 2, kiel, None, Review::Rd);
        let again = order_submitted("ÄA-2026-000001", 4, kiel, None, Review::Rd);
        assert_ne!(first.event_key, again.event_key, "a resubmission is news");
        let with = order_submitted(
            "ÄA-2026-000001",
            2,
            "Agentur für Arbeit Kiel",
            Some(("202509011", date!(2025 - 10 - 06))),
            Review::Rd,
        );
        assert!(with.body.contains("Weisung 202509011 (Frist 06.10.2025)"));
        let direct = order_submitted("ÄA-2026-000001", 2, kiel, None, Review::None);
        assert_eq!(direct.title, "Neuer Auftrag zur Umsetzung: ÄA-2026-000001");
        assert!(direct.body.contains("ohne RD-Prüfung direkt zur Umsetzung"));
        let r = |stage, kind, open| Reminder {
            directive: "202509011",
            title: "T",
            kind,
            deadline: date!(2025 - 10 - 06),
            days_left: 3,
            stage,
            agency_code: "kiel",
            agency_name: "Agentur für Arbeit Kiel",
            open,
        };
        let routing = deadline_reminder(&r(3, Kind::Routing, 4));
        assert_ne!(
            deadline_reminder(&r(14, Kind::Routing, 4)).event_key,
            routing.event_key
        );
        assert_eq!(
            routing.title,
            "Frist der Weisung 202509011 endet in 3 Tagen (06.10.2025)"
        );
        assert!(routing
            .body
            .contains("Kiel 4 Dienststellen erfüllen die Weisung"));
        // Each obligation is its own event, and says what is open.
        let eakte = deadline_reminder(&r(3, Kind::EakteRule, 1));
        assert_eq!(
            eakte.title,
            "Frist der Weisung 202509011 endet in 3 Tagen (06.10.2025) – eAkte-Regelwerk"
        );
        assert!(eakte
            .body
            .contains("Kiel 1 eAkte-Regel erfüllt die Weisung"));
        assert_eq!(
            eakte.event_key,
            "weisung:202509011:eakte-regelwerk:frist:3:kiel"
        );
        assert_ne!(eakte.event_key, routing.event_key);
        assert!(deadline_reminder(&r(3, Kind::MailboxSetting, 2))
            .body
            .contains("2 Postfächer erfüllen"));
        let d = order_decided(
            "ÄA-2026-000001",
            3,
            "zur Überarbeitung zurückgegeben",
            "Prüfung RD Nord",
            "Adresse fehlt.",
        );
        assert_eq!(
            d.body,
            "Ihr Änderungsauftrag ÄA-2026-000001 wurde von Prüfung RD Nord zur Überarbeitung zurückgegeben. Begründung: Adresse fehlt."
        );
    }
}
