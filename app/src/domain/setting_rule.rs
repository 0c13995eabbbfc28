//! A directive's measurable rule over the mailbox setting "E-Mail-Kommunikation"
//! (Weisung 202505010, 2.1: every EZ team and organisation mailbox is set to "Intern" by
//! 01.07.2025). Its own due date: a directive's obligations fall due on different days.
//! Stored as JSON with the directive; mailbox kinds by their codes.

use super::directive::{Deadline, Status};
use super::mailbox_setting::EmailMode;
use super::org::MailboxKind;
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

/// "Every mailbox of these kinds in this Bereich has the setting `mode` by `due`."
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Stored", into = "Stored")]
pub struct SettingRule {
    pub mailbox_kinds: Vec<MailboxKind>,
    /// Bereich code, e.g. "ez"; None: the mailboxes of every Bereich (a keep-in-place
    /// lock of a mailbox kind, see `Lock::as_rule`).
    pub area: Option<String>,
    pub mode: EmailMode,
    pub due: Date,
}

/// The storage format: kinds as their database codes, the day as YYYY-MM-DD.
#[derive(Serialize, Deserialize)]
struct Stored {
    mailbox_kinds: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    area: Option<String>,
    mode: EmailMode,
    due: String,
}

const DAY: &[time::format_description::FormatItem<'_>] =
    time::macros::format_description!("[year]-[month]-[day]");

impl TryFrom<Stored> for SettingRule {
    type Error = String;
    fn try_from(s: Stored) -> Result<Self, String> {
        let mailbox_kinds = s
            .mailbox_kinds
            .iter()
            .map(|k| MailboxKind::from_code(k).ok_or(format!("unknown mailbox kind {k}")))
            .collect::<Result<Vec<_>, _>>()?;
        let due = Date::parse(&s.due, DAY).map_err(|e| e.to_string())?;
        Ok(SettingRule {
            mailbox_kinds,
            area: s.area,
            mode: s.mode,
            due,
        })
    }
}

impl From<SettingRule> for Stored {
    fn from(r: SettingRule) -> Self {
        Stored {
            mailbox_kinds: r.mailbox_kinds.iter().map(|k| k.code().into()).collect(),
            area: r.area,
            mode: r.mode,
            due: r.due.format(DAY).unwrap_or_default(),
        }
    }
}

impl SettingRule {
    pub fn deadline(&self) -> Deadline {
        Deadline::On(self.due)
    }

    /// Whether the rule judges a mailbox of this kind and Bereich.
    pub fn covers(&self, kind: MailboxKind, area: &str) -> bool {
        self.mailbox_kinds.contains(&kind) && self.area.as_deref().is_none_or(|a| a == area)
    }

    /// German wording, with the Bereich's name looked up by the caller (None for a rule
    /// over every Bereich):
    /// "Team- und Organisationspostfächer des Bereichs „Eingangszone“: E-Mail-Kommunikation „Intern“".
    pub fn describe(&self, area_name: Option<&str>) -> String {
        let kinds: Vec<&str> = self.mailbox_kinds.iter().map(|k| kind_word(*k)).collect();
        let kinds = match kinds.as_slice() {
            [] => "Postfächer".to_string(),
            [one] => format!("{one}postfächer"),
            [first @ .., last] => format!("{}- und {last}postfächer", first.join("-, ")),
        };
        let whose = match area_name {
            Some(name) => format!(" des Bereichs „{name}“"),
            None => String::new(),
        };
        format!(
            "{kinds}{whose}: E-Mail-Kommunikation „{}“",
            self.mode.label()
        )
    }

    /// A mailbox's standing: met by its live setting; else overdue after the due day,
    /// even with an order on its way; else underway if a submitted or approved order sets
    /// it as required; else open.
    pub fn status(&self, live: EmailMode, proposed: &[EmailMode], now: OffsetDateTime) -> Status {
        if live == self.mode {
            Status::Met
        } else if self.deadline().is_past(now) {
            Status::Overdue
        } else if proposed.contains(&self.mode) {
            Status::OrderUnderway
        } else {
            Status::Open
        }
    }
}

fn kind_word(kind: MailboxKind) -> &'static str {
    match kind {
        MailboxKind::Function => "Funktions",
        MailboxKind::Organisation => "Organisations",
        MailboxKind::Team => "Team",
        MailboxKind::Building => "Liegenschafts",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    /// Weisung 202505010, 2.1, as the register stores it.
    pub const STORED: &str = r#"{"mailbox_kinds":["team","organisation"],"area":"ez","mode":"intern","due":"2025-07-01"}"#;

    fn rule() -> SettingRule {
        serde_json::from_str(STORED).unwrap()
    }

    #[test]
    fn reads_and_writes_its_storage_format() {
        let r = rule();
        assert_eq!(
            r.mailbox_kinds,
            vec![MailboxKind::Team, MailboxKind::Organisation]
        );
        assert_eq!(r.due, date!(2025 - 07 - 01));
        assert_eq!(serde_json::to_string(&r).unwrap(), STORED);
        assert!(serde_json::from_str::<SettingRule>(&STORED.replace("team", "Team")).is_err());
        assert!(
            serde_json::from_str::<SettingRule>(&STORED.replace("2025-07-01", "01.07.2025"))
                .is_err()
        );
    }

    #[test]
    fn covers_only_its_kinds_in_its_bereich() {
        let r = rule();
        assert!(r.covers(MailboxKind::Team, "ez"));
        assert!(r.covers(MailboxKind::Organisation, "ez"));
        assert!(!r.covers(MailboxKind::Team, "sc"));
        assert!(!r.covers(MailboxKind::Building, "ez"));
    }

    #[test]
    fn says_what_it_requires_in_german() {
        assert_eq!(
            rule().describe(Some("Eingangszone")),
            "Team- und Organisationspostfächer des Bereichs „Eingangszone“: E-Mail-Kommunikation „Intern“"
        );
        let every_area = SettingRule {
            mailbox_kinds: vec![MailboxKind::Building],
            area: None,
            ..rule()
        };
        assert_eq!(
            every_area.describe(None),
            "Liegenschaftspostfächer: E-Mail-Kommunikation „Intern“"
        );
        assert!(every_area.covers(MailboxKind::Building, "os"));
        assert!(every_area.covers(MailboxKind::Building, "ez"));
        assert!(!every_area.covers(MailboxKind::Team, "ez"));
        assert!(
            !serde_json::to_string(&every_area).unwrap().contains("area"),
            "no Bereich is stored as none"
        );
    }

    #[test]
    fn a_mailbox_is_met_underway_open_or_overdue() {
        let r = rule();
        let before = datetime!(2025-06-30 12:00 UTC);
        // The due day counts to its end in Berlin (22:00 UTC in summer).
        let on_due_day = datetime!(2025-07-01 21:59 UTC);
        let after = datetime!(2025-07-01 22:00 UTC);
        use EmailMode::{External, Internal};
        assert_eq!(r.status(Internal, &[], after), Status::Met);
        assert_eq!(
            r.status(External, &[Internal], on_due_day),
            Status::OrderUnderway
        );
        assert_eq!(
            r.status(External, &[Internal], after),
            Status::Overdue,
            "an order still on its way after the due day"
        );
        assert_eq!(r.status(External, &[External], before), Status::Open);
        assert_eq!(r.status(External, &[], on_due_day), Status::Open);
        assert_eq!(r.status(External, &[], after), Status::Overdue);
    }
}
