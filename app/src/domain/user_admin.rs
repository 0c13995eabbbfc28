//! The rules of user administration: one-time passwords, the scope of a role as typed,
//! and what an administrator may not do to an account (their own, or the last Zentrale).

use super::policy::{Assignment, Role, Scope};
use time::{Duration, OffsetDateTime};

/// Unambiguous characters only (no 0/O, 1/l/I), so a password read out on the phone or
/// copied from a letter comes through.
const ALPHABET: &[u8; 32] = b"abcdefghijkmnpqrstuvwxyz23456789";
/// 16 characters of 5 bits each: 80 bits of chance.
const GROUPS: usize = 4;
const GROUP_LEN: usize = 4;

/// How long a one-time password may be used for its single sign-in.
pub const ONE_TIME_VALIDITY: Duration = Duration::days(7);

/// A one-time password from 10 random bytes, in four groups of four: `abcd-efgh-…`.
pub fn one_time_password(random: [u8; 10]) -> String {
    // 80 bits as sixteen 5-bit digits.
    let mut bits: u128 = 0;
    for b in random {
        bits = (bits << 8) | u128::from(b);
    }
    let mut out = String::with_capacity(GROUPS * (GROUP_LEN + 1));
    for i in 0..GROUPS * GROUP_LEN {
        if i > 0 && i % GROUP_LEN == 0 {
            out.push('-');
        }
        let digit = (bits >> (5 * (GROUPS * GROUP_LEN - 1 - i))) & 0x1f;
        out.push(char::from(ALPHABET[digit as usize]));
    }
    out
}

/// Whether a one-time password set at `set_at` may no longer be used.
pub fn one_time_expired(set_at: OffsetDateTime, now: OffsetDateTime) -> bool {
    now - set_at > ONE_TIME_VALIDITY
}

/// A role's scope as the form and the command line name it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScopeCode {
    /// The whole Federal Agency (Zentrale).
    All,
    Region(String),
    Agency(String),
}

impl ScopeCode {
    /// `""` or `ba` (whole agency), `rd:CODE`, `agentur:CODE`.
    pub fn parse(input: &str) -> Result<Self, String> {
        let s = input.trim().to_lowercase();
        let code_ok = |c: &str| {
            !c.is_empty()
                && c.len() <= 64
                && c.chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || "-_.".contains(ch))
        };
        match s.split_once(':') {
            None if s.is_empty() || s == "ba" => Ok(ScopeCode::All),
            Some(("rd", code)) if code_ok(code) => Ok(ScopeCode::Region(code.into())),
            Some(("agentur", code)) if code_ok(code) => Ok(ScopeCode::Agency(code.into())),
            _ => Err(format!(
                "„{}“ ist kein Geltungsbereich: „ba“, „rd:KÜRZEL“ oder „agentur:KÜRZEL“.",
                input.trim()
            )),
        }
    }

    /// The form value, the inverse of `parse`.
    pub fn as_value(&self) -> String {
        match self {
            ScopeCode::All => "ba".into(),
            ScopeCode::Region(c) => format!("rd:{c}"),
            ScopeCode::Agency(c) => format!("agentur:{c}"),
        }
    }
}

/// An account as the rules need to see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    pub user_id: i64,
    pub locked: bool,
    pub assignments: Vec<Assignment>,
}

impl Account {
    /// Signs in and holds the Zentrale role.
    pub fn is_active_zentrale(&self) -> bool {
        !self.locked && self.assignments.iter().any(|a| a.role() == Role::Zentrale)
    }
}

/// What an administrator does to an account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountChange {
    Lock,
    Unlock,
    Grant(Assignment),
    Revoke(Assignment),
    ResetPassword,
}

/// Why a change is refused, in German.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Nobody administers their own account.
    OwnAccount(String),
    /// The account's state does not allow it (already locked, last Zentrale, …).
    State(String),
}

impl Refusal {
    pub fn message(&self) -> &str {
        match self {
            Refusal::OwnAccount(m) | Refusal::State(m) => m,
        }
    }
}

/// Checks a change to `target` by `actor_id` (None: the command line, run by the
/// operator). `other_active_zentrale` counts the active Zentrale accounts besides the
/// target.
pub fn check_change(
    actor_id: Option<i64>,
    target: &Account,
    change: AccountChange,
    other_active_zentrale: i64,
) -> Result<(), Refusal> {
    let own = actor_id == Some(target.user_id);
    if own && change != AccountChange::Unlock {
        return Err(Refusal::OwnAccount(own_reason(change).into()));
    }
    state_check(target, change, other_active_zentrale).map_err(|m| Refusal::State(m.into()))
}

fn own_reason(change: AccountChange) -> &'static str {
    match change {
        AccountChange::Lock => "Sie können Ihr eigenes Konto nicht sperren.",
        AccountChange::ResetPassword => "Ihr eigenes Passwort ändern Sie unter „Passwort ändern“.",
        _ => {
            "Ihre eigenen Rollen können Sie nicht ändern; das tut eine andere Person der Zentrale."
        }
    }
}

fn state_check(
    target: &Account,
    change: AccountChange,
    other_active_zentrale: i64,
) -> Result<(), &'static str> {
    let last_zentrale = target.is_active_zentrale() && other_active_zentrale == 0;
    match change {
        AccountChange::Lock if target.locked => Err("Das Konto ist bereits gesperrt."),
        AccountChange::Unlock if !target.locked => Err("Das Konto ist nicht gesperrt."),
        AccountChange::Lock if last_zentrale => Err(
            "Das ist das letzte aktive Konto mit der Rolle Zentrale; es kann nicht gesperrt werden.",
        ),
        AccountChange::Grant(a) if target.assignments.contains(&a) => {
            Err("Das Konto hat diese Rolle in diesem Geltungsbereich bereits.")
        }
        AccountChange::Revoke(a) if !target.assignments.contains(&a) => {
            Err("Das Konto hat diese Rolle in diesem Geltungsbereich nicht.")
        }
        AccountChange::Revoke(a) if a.role() == Role::Zentrale && last_zentrale => Err(
            "Das ist das letzte aktive Konto mit der Rolle Zentrale; die Rolle kann ihm nicht entzogen werden.",
        ),
        _ => Ok(()),
    }
}

/// The scope of an assignment as it is stored, for the audit record's before and after.
pub fn describe(assignments: &[(Assignment, String)]) -> String {
    if assignments.is_empty() {
        return "keine Rolle".into();
    }
    assignments
        .iter()
        .map(|(a, scope)| match a.scope() {
            Scope::All => a.role().label().to_string(),
            _ => format!("{} ({scope})", a.role().label()),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fields::NewPassword;

    fn zentrale() -> Assignment {
        Assignment::new(Role::Zentrale, Scope::All).unwrap()
    }

    fn rim() -> Assignment {
        Assignment::new(Role::Rim, Scope::Region { region_id: 1 }).unwrap()
    }

    fn account(id: i64, locked: bool, assignments: Vec<Assignment>) -> Account {
        Account {
            user_id: id,
            locked,
            assignments,
        }
    }

    #[test]
    fn one_time_passwords_are_grouped_unambiguous_and_meet_the_password_rules() {
        let p = one_time_password([0; 10]);
        assert_eq!(p, "aaaa-aaaa-aaaa-aaaa");
        let p = one_time_password([0xff; 10]);
        assert_eq!(p, "9999-9999-9999-9999");
        let p = one_time_password([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        assert_eq!(p.len(), 19);
        assert!(p.chars().all(|c| c == '-' || ALPHABET.contains(&(c as u8))));
        assert!(!p.contains(['0', 'o', '1', 'l']));
        assert!(NewPassword::parse(&p, "aa-kiel").is_ok());
        assert_ne!(p, one_time_password([1, 2, 3, 4, 5, 6, 7, 8, 9, 11]));
    }

    #[test]
    fn a_one_time_password_expires_after_seven_days() {
        let set = time::macros::datetime!(2026-12-01 08:00 UTC);
        assert!(!one_time_expired(set, set + Duration::days(7)));
        assert!(one_time_expired(
            set,
            set + Duration::days(7) + Duration::seconds(1)
        ));
    }

    #[test]
    fn scope_codes_parse_and_print_back() {
        assert_eq!(ScopeCode::parse("").unwrap(), ScopeCode::All);
        assert_eq!(ScopeCode::parse(" BA ").unwrap(), ScopeCode::All);
        assert_eq!(
            ScopeCode::parse("rd:nord").unwrap(),
            ScopeCode::Region("nord".into())
        );
        assert_eq!(
            ScopeCode::parse("agentur:kiel").unwrap(),
            ScopeCode::Agency("kiel".into())
        );
        for bad in ["rd:", "agentur", "x:kiel", "rd:no rd", "rd:<b>"] {
            assert!(ScopeCode::parse(bad).is_err(), "{bad}");
        }
        for code in ["ba", "rd:nord", "agentur:kiel"] {
            assert_eq!(ScopeCode::parse(code).unwrap().as_value(), code);
        }
    }

    #[test]
    fn nobody_changes_their_own_roles_or_locks_or_resets_themselves() {
        let me = account(1, false, vec![zentrale()]);
        for change in [
            AccountChange::Grant(rim()),
            AccountChange::Revoke(zentrale()),
            AccountChange::Lock,
            AccountChange::ResetPassword,
        ] {
            assert!(check_change(Some(1), &me, change, 5).is_err(), "{change:?}");
        }
    }

    #[test]
    fn the_last_active_zentrale_is_neither_locked_nor_demoted() {
        let last = account(2, false, vec![zentrale(), rim()]);
        let lock = check_change(Some(1), &last, AccountChange::Lock, 0);
        assert!(lock.unwrap_err().message().contains("letzte aktive"));
        let demote = check_change(None, &last, AccountChange::Revoke(zentrale()), 0);
        assert!(demote.unwrap_err().message().contains("letzte aktive"));
        // Its other roles may go, and with another active Zentrale everything may.
        assert!(check_change(None, &last, AccountChange::Revoke(rim()), 0).is_ok());
        assert!(check_change(Some(1), &last, AccountChange::Lock, 1).is_ok());
        assert!(check_change(Some(1), &last, AccountChange::Revoke(zentrale()), 1).is_ok());
        // A locked Zentrale is not an active one: demoting it leaves the count as it is.
        let locked = account(3, true, vec![zentrale()]);
        assert!(check_change(Some(1), &locked, AccountChange::Revoke(zentrale()), 0).is_ok());
    }

    #[test]
    fn changes_that_change_nothing_are_refused_with_their_reason() {
        let user = account(2, true, vec![rim()]);
        assert!(check_change(Some(1), &user, AccountChange::Lock, 1)
            .unwrap_err()
            .message()
            .contains("bereits gesperrt"));
        assert!(check_change(Some(1), &user, AccountChange::Unlock, 1).is_ok());
        assert!(check_change(Some(1), &user, AccountChange::Grant(rim()), 1)
            .unwrap_err()
            .message()
            .contains("bereits"));
        assert!(
            check_change(Some(1), &user, AccountChange::Revoke(zentrale()), 1)
                .unwrap_err()
                .message()
                .contains("nicht")
        );
        let open = account(2, false, vec![]);
        assert!(check_change(Some(1), &open, AccountChange::Unlock, 1).is_err());
        assert!(check_change(Some(1), &open, AccountChange::ResetPassword, 1).is_ok());
    }

    #[test]
    fn the_audit_description_names_each_role_and_scope() {
        assert_eq!(describe(&[]), "keine Rolle");
        let text = describe(&[(zentrale(), String::new()), (rim(), "RD Nord".into())]);
        assert_eq!(
            text,
            "Zentrale, RIM (Regionales Infrastrukturmanagement) (RD Nord)"
        );
    }
}
