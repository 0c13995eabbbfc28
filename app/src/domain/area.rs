//! The Bereiche (Eingangszone, Leistungsgewährung, …) as the Zentrale administers them:
//! a code that never changes, a name, and whether the Bereich is active. Shared by the
//! form and the server. A Bereich is deactivated only once nothing uses it any more.

use super::fields::FieldError;
use super::org::parse_code;

/// A new Bereich's code and name, or the fields' errors.
pub fn check_new_area(code: &str, name: &str) -> Result<(String, String), Vec<FieldError>> {
    let code = parse_code(code).map_err(|m| FieldError::new("kuerzel", m));
    let name = check_area_name(name);
    match (code, name) {
        (Ok(code), Ok(name)) => Ok((code, name)),
        (code, name) => Err([code.err(), name.err()].into_iter().flatten().collect()),
    }
}

/// A Bereich's name: 1–200 characters without control characters.
pub fn check_area_name(name: &str) -> Result<String, FieldError> {
    let s = name.trim();
    let problem = if s.is_empty() {
        Some("Bitte geben Sie den Namen des Bereichs ein.".to_string())
    } else if s.chars().count() > 200 {
        Some("Höchstens 200 Zeichen.".to_string())
    } else if s.chars().any(char::is_control) {
        Some("Bitte ohne Steuerzeichen.".to_string())
    } else {
        None
    };
    match problem {
        Some(m) => Err(FieldError::new("name", m)),
        None => Ok(s.to_string()),
    }
}

/// What still uses a Bereich.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AreaUses {
    /// Active mailboxes of the Bereich.
    pub mailboxes: i64,
    /// Active Anliegen routed to it by default.
    pub concerns: i64,
    /// Postkörbe of open Dienststellen.
    pub postkoerbe: i64,
}

/// Why the Bereich cannot be deactivated yet; `None` when nothing uses it.
pub fn deactivation_refusal(name: &str, uses: AreaUses) -> Option<String> {
    let count = |n: i64, one: &str, many: &str| match n {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{n} {many}")),
    };
    let what: Vec<String> = [
        count(uses.mailboxes, "aktives Postfach", "aktive Postfächer"),
        count(uses.concerns, "aktives Anliegen", "aktive Anliegen"),
        count(uses.postkoerbe, "Postkorb", "Postkörbe"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if what.is_empty() {
        return None;
    }
    Some(format!(
        "Der Bereich „{name}“ wird noch verwendet ({}) und kann erst deaktiviert werden, wenn diese einem anderen Bereich zugeordnet oder deaktiviert sind.",
        what.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_bereich_needs_a_code_and_a_name() {
        assert_eq!(
            check_new_area(" EZ-Nord ", " Eingangszone Nord "),
            Ok(("ez-nord".into(), "Eingangszone Nord".into()))
        );
        let errors = check_new_area("ez nord", " ").unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["kuerzel", "name"]);
        assert!(check_area_name("a\u{0}b").is_err());
        assert!(check_area_name(&"x".repeat(201)).is_err());
    }

    #[test]
    fn deactivation_waits_until_nothing_uses_the_bereich() {
        assert_eq!(deactivation_refusal("EZ", AreaUses::default()), None);
        let refusal = deactivation_refusal(
            "Eingangszone",
            AreaUses {
                mailboxes: 3,
                concerns: 1,
                postkoerbe: 0,
            },
        )
        .unwrap();
        assert!(
            refusal.contains("(3 aktive Postfächer, 1 aktives Anliegen)"),
            "{refusal}"
        );
    }
}
