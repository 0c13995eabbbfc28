//! The mailbox setting "E-Mail-Kommunikation" (Weisung 202505010, 2.1): a Team-,
//! Organisations- or Liegenschaftspostfach receives external e-mail ("Extern") or not
//! ("Intern"). A configuration kind like routing, with one entry per mailbox, and with
//! keep-in-place obligations: once locked, a mailbox kind may not be set back.

use super::calendar::format_date;
use super::kind::{ConfigKind, History, Kind};
use super::org::MailboxKind;
use serde::{Deserialize, Serialize};
use time::Date;

/// The option of the IM-Webshop. Serialised as its code, as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ssr", schema(as = EMailKommunikation))]
pub enum EmailMode {
    /// External e-mail is refused with a note of non-delivery to the sender.
    #[serde(rename = "intern")]
    Internal,
    #[serde(rename = "extern")]
    External,
}

impl EmailMode {
    pub const ALL: [EmailMode; 2] = [EmailMode::Internal, EmailMode::External];

    pub fn code(self) -> &'static str {
        match self {
            EmailMode::Internal => "intern",
            EmailMode::External => "extern",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            EmailMode::Internal => "Intern",
            EmailMode::External => "Extern",
        }
    }

    /// The label with what it means, for choices.
    pub fn description(self) -> &'static str {
        match self {
            EmailMode::Internal => "Intern – externe E-Mails werden nicht angenommen",
            EmailMode::External => "Extern – externe E-Mails werden angenommen",
        }
    }
}

/// Only these mailbox kinds have the option (Funktionspostfächer do not).
pub fn has_setting(kind: MailboxKind) -> bool {
    !matches!(kind, MailboxKind::Function)
}

/// What one mailbox's setting says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingValues {
    pub mode: EmailMode,
}

/// The one field that can change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    Mode { from: EmailMode, to: EmailMode },
}

impl Change {
    /// German label of the field, as the order page shows it.
    pub fn field_label(self) -> &'static str {
        match self {
            Change::Mode { .. } => "E-Mail-Kommunikation",
        }
    }
}

pub fn diff(before: &SettingValues, after: &SettingValues) -> Vec<Change> {
    if before.mode == after.mode {
        return Vec::new();
    }
    vec![Change::Mode {
        from: before.mode,
        to: after.mode,
    }]
}

pub struct MailboxSetting;

impl ConfigKind for MailboxSetting {
    const KIND: Kind = Kind::MailboxSetting;
    type Values = SettingValues;
    type Change = Change;

    fn diff(before: &SettingValues, after: &SettingValues) -> Vec<Change> {
        diff(before, after)
    }
}

pub type MailboxSettingHistory = History<MailboxSetting>;

/// A keep-in-place obligation: from `from` on, every mailbox of `mailbox_kind` keeps
/// `mode` (Weisung 202505010: Liegenschaftspostfächer are locked on 01.07.2025).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lock {
    pub mailbox_kind: MailboxKind,
    pub mode: EmailMode,
    pub from: Date,
    pub directive: String,
}

impl Lock {
    /// Why a change of a mailbox of `kind` to `mode`, effective on `effective`, is
    /// refused; None when the lock does not concern it.
    pub fn refusal(&self, kind: MailboxKind, mode: EmailMode, effective: Date) -> Option<String> {
        (kind == self.mailbox_kind && mode != self.mode && effective >= self.from).then(|| {
            format!(
                "{} sind seit dem {} auf „{}“ gesperrt; die Sperre ist nach Weisung {} beizubehalten.",
                plural(kind),
                format_date(self.from),
                self.mode.label(),
                self.directive
            )
        })
    }

    /// The lock as the directive's obligation: every mailbox of the kind, in any
    /// Bereich, has the mode from the lock day on (and keeps it: `refusal`).
    pub fn as_rule(&self) -> crate::domain::setting_rule::SettingRule {
        crate::domain::setting_rule::SettingRule {
            mailbox_kinds: vec![self.mailbox_kind],
            area: None,
            mode: self.mode,
            due: self.from,
        }
    }
}

fn plural(kind: MailboxKind) -> &'static str {
    match kind {
        MailboxKind::Function => "Funktionspostfächer",
        MailboxKind::Organisation => "Organisationspostfächer",
        MailboxKind::Team => "Teampostfächer",
        MailboxKind::Building => "Liegenschaftspostfächer",
    }
}

/// Why the mailbox setting `mode` of a mailbox of `kind` may not be filed for
/// `effective`: a mailbox without the option, or a lock that must stay in place.
pub fn check(
    kind: MailboxKind,
    mode: EmailMode,
    effective: Date,
    locks: &[Lock],
) -> Result<(), String> {
    if !has_setting(kind) {
        return Err(format!(
            "{} haben keine Einstellung „E-Mail-Kommunikation“.",
            plural(kind)
        ));
    }
    match locks.iter().find_map(|l| l.refusal(kind, mode, effective)) {
        Some(reason) => Err(reason),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn building_lock() -> Lock {
        Lock {
            mailbox_kind: MailboxKind::Building,
            mode: EmailMode::Internal,
            from: date!(2025 - 07 - 01),
            directive: "202505010".into(),
        }
    }

    #[test]
    fn modes_round_trip_through_their_codes() {
        for mode in EmailMode::ALL {
            assert_eq!(EmailMode::from_code(mode.code()), Some(mode));
            assert_eq!(
                serde_json::to_string(&mode).unwrap(),
                format!("\"{}\"", mode.code())
            );
        }
        assert_eq!(EmailMode::from_code("Intern"), None);
    }

    #[test]
    fn a_lock_is_an_obligation_over_every_bereich_due_on_its_day() {
        use crate::domain::directive::Status;
        let rule = building_lock().as_rule();
        assert!(rule.covers(MailboxKind::Building, "os"));
        assert!(!rule.covers(MailboxKind::Team, "os"));
        assert_eq!(rule.due, date!(2025 - 07 - 01));
        let after = datetime!(2025-07-02 12:00 UTC);
        assert_eq!(rule.status(EmailMode::Internal, &[], after), Status::Met);
        assert_eq!(
            rule.status(EmailMode::External, &[], after),
            Status::Overdue
        );
    }

    #[test]
    fn a_locked_building_mailbox_is_not_set_back_to_external() {
        let locks = [building_lock()];
        let refused = check(
            MailboxKind::Building,
            EmailMode::External,
            date!(2026 - 01 - 15),
            &locks,
        );
        assert_eq!(
            refused,
            Err("Liegenschaftspostfächer sind seit dem 01.07.2025 auf „Intern“ gesperrt; die Sperre ist nach Weisung 202505010 beizubehalten.".into())
        );
        // Keeping the lock, other kinds, and changes before the lock day are allowed.
        assert_eq!(
            check(
                MailboxKind::Building,
                EmailMode::Internal,
                date!(2026 - 01 - 15),
                &locks
            ),
            Ok(())
        );
        assert_eq!(
            check(
                MailboxKind::Team,
                EmailMode::External,
                date!(2026 - 01 - 15),
                &locks
            ),
            Ok(())
        );
        assert_eq!(
            check(
                MailboxKind::Building,
                EmailMode::External,
                date!(2025 - 06 - 30),
                &locks
            ),
            Ok(())
        );
    }

    #[test]
    fn function_mailboxes_have_no_setting() {
        assert!(check(
            MailboxKind::Function,
            EmailMode::Internal,
            date!(2026 - 01 - 15),
            &[]
        )
        .unwrap_err()
        .contains("Funktionspostfächer haben keine"));
        assert!(
            MailboxKind::ALL
                .into_iter()
                .filter(|k| has_setting(*k))
                .count()
                == 3
        );
    }

    #[test]
    fn the_history_refuses_a_stale_base_and_a_change_that_changes_nothing() {
        let start = datetime!(2025-01-02 07:00 UTC);
        let mut h = MailboxSettingHistory::new(
            SettingValues {
                mode: EmailMode::External,
            },
            start,
        );
        let intern = SettingValues {
            mode: EmailMode::Internal,
        };
        assert_eq!(h.apply(1, intern, datetime!(2025-06-01 07:00 UTC)), Ok(2));
        assert!(h
            .apply(
                1,
                SettingValues {
                    mode: EmailMode::External
                },
                datetime!(2025-06-02 07:00 UTC)
            )
            .is_err());
        assert!(h.apply(2, intern, datetime!(2025-06-02 07:00 UTC)).is_err());
        assert_eq!(
            h.as_of(datetime!(2025-05-01 00:00 UTC))
                .unwrap()
                .values
                .mode,
            EmailMode::External
        );
        assert!(h.is_consistent());
        assert_eq!(
            diff(
                &SettingValues {
                    mode: EmailMode::External
                },
                &intern
            ),
            vec![Change::Mode {
                from: EmailMode::External,
                to: EmailMode::Internal
            }]
        );
    }
}
