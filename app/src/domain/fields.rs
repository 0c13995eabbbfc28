//! Input newtypes that parse: a value of these types is valid by construction. The same
//! rules back the `validator` derives on the form DTOs, so form and server agree.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A field-level problem with a German message, shown next to the field and in the
/// error summary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_string(),
            message: message.into(),
        }
    }
}

pub const USERNAME_MAX: usize = 64;
pub const PASSWORD_MAX: usize = 128;
pub const NEW_PASSWORD_MIN: usize = 12;

/// A login name: 3–64 characters of a–z, 0–9, '.', '-', '_'. Stored lower-case.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Username(String);

impl Username {
    pub fn parse(input: &str) -> Result<Self, String> {
        let s = input.trim().to_lowercase();
        if s.is_empty() {
            return Err("Bitte geben Sie Ihren Benutzernamen ein.".into());
        }
        if s.chars().count() > USERNAME_MAX {
            return Err(format!(
                "Der Benutzername darf höchstens {USERNAME_MAX} Zeichen lang sein."
            ));
        }
        if s.chars().count() < 3
            || !s
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_".contains(c))
        {
            return Err(
                "Der Benutzername besteht aus 3 bis 64 Zeichen: Kleinbuchstaben a–z, Ziffern, Punkt, Binde- oder Unterstrich."
                    .into(),
            );
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A password as typed at login: present and of bounded length (so no one can make the
/// server hash megabytes). Its content is checked only by the hash.
#[derive(Clone, PartialEq, Eq, Deserialize)]
pub struct LoginPassword(String);

impl LoginPassword {
    pub fn parse(input: &str) -> Result<Self, String> {
        if input.is_empty() {
            return Err("Bitte geben Sie Ihr Passwort ein.".into());
        }
        if input.chars().count() > PASSWORD_MAX {
            return Err(format!(
                "Das Passwort darf höchstens {PASSWORD_MAX} Zeichen lang sein."
            ));
        }
        Ok(Self(input.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for LoginPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LoginPassword(***)")
    }
}

/// A new password that meets the password rules: 12–128 characters, not only blanks,
/// not containing the user name, not the same character repeated.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl NewPassword {
    pub fn parse(input: &str, username: &str) -> Result<Self, String> {
        let len = input.chars().count();
        if len < NEW_PASSWORD_MIN {
            return Err(format!(
                "Das neue Passwort muss mindestens {NEW_PASSWORD_MIN} Zeichen lang sein."
            ));
        }
        if len > PASSWORD_MAX {
            return Err(format!(
                "Das neue Passwort darf höchstens {PASSWORD_MAX} Zeichen lang sein."
            ));
        }
        if input.trim().is_empty() {
            return Err("Das neue Passwort darf nicht nur aus Leerzeichen bestehen.".into());
        }
        let first = input.chars().next();
        if input.chars().all(|c| Some(c) == first) {
            return Err(
                "Das neue Passwort darf nicht aus einem einzigen wiederholten Zeichen bestehen."
                    .into(),
            );
        }
        if !username.is_empty() && input.to_lowercase().contains(&username.to_lowercase()) {
            return Err("Das neue Passwort darf den Benutzernamen nicht enthalten.".into());
        }
        Ok(Self(input.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

/// Validator hook for DTOs: the same rule as [`LoginPassword::parse`].
pub fn validate_login_password(input: &str) -> Result<(), validator::ValidationError> {
    LoginPassword::parse(input)
        .map(|_| ())
        .map_err(|m| validator::ValidationError::new("passwort").with_message(m.into()))
}

/// Validator hook for DTOs: the same rule as [`Username::parse`].
pub fn validate_username(input: &str) -> Result<(), validator::ValidationError> {
    Username::parse(input)
        .map(|_| ())
        .map_err(|m| validator::ValidationError::new("benutzername").with_message(m.into()))
}

/// Turns `validator` errors into our field errors, keeping the German messages.
pub fn field_errors(errors: &validator::ValidationErrors) -> Vec<FieldError> {
    let mut out: Vec<FieldError> = errors
        .field_errors()
        .iter()
        .flat_map(|(field, errs)| {
            errs.iter().map(move |e| {
                FieldError::new(
                    field,
                    e.message
                        .as_ref()
                        .map(|m| m.to_string())
                        .unwrap_or_else(|| "Ungültige Eingabe.".into()),
                )
            })
        })
        .collect();
    out.sort_by(|a, b| a.field.cmp(&b.field));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_normalised_and_bounded() {
        assert_eq!(Username::parse(" AA-Kiel ").unwrap().as_str(), "aa-kiel");
        assert!(Username::parse("").is_err());
        assert!(Username::parse("ab").is_err());
        assert!(Username::parse("mit leerzeichen").is_err());
        assert!(Username::parse("müller").is_err());
        let long = "a".repeat(10_000);
        assert!(Username::parse(&long).unwrap_err().contains("höchstens"));
    }

    #[test]
    fn login_passwords_must_be_present_and_bounded() {
        assert!(LoginPassword::parse("").is_err());
        assert!(LoginPassword::parse(&"x".repeat(129)).is_err());
        assert!(LoginPassword::parse(&"x".repeat(128)).is_ok());
        assert_eq!(
            format!("{:?}", LoginPassword::parse("geheim").unwrap()),
            "LoginPassword(***)"
        );
    }

    #[test]
    fn new_passwords_follow_the_rules() {
        assert!(NewPassword::parse("kurz", "u")
            .unwrap_err()
            .contains("mindestens"));
        assert!(NewPassword::parse(&"a".repeat(12), "u")
            .unwrap_err()
            .contains("wiederholten"));
        assert!(NewPassword::parse("            ", "u").is_err());
        assert!(NewPassword::parse("xx-AA-KIEL-2025", "aa-kiel")
            .unwrap_err()
            .contains("Benutzernamen"));
        assert!(NewPassword::parse(&"ab".repeat(65), "u")
            .unwrap_err()
            .contains("höchstens"));
        assert!(NewPassword::parse("Sonnenblume-2026!", "aa-kiel").is_ok());
    }

    #[test]
    fn validator_hooks_use_the_same_rules() {
        assert!(validate_username("aa-kiel").is_ok());
        let e = validate_username("").unwrap_err();
        assert_eq!(
            e.message.unwrap(),
            "Bitte geben Sie Ihren Benutzernamen ein."
        );
        assert!(validate_login_password("").is_err());
    }
}

pub const JUSTIFICATION_MIN: usize = 10;
pub const JUSTIFICATION_MAX: usize = 2000;
pub const ADDRESSES_MIN: usize = 1;
pub const ADDRESSES_MAX: usize = 5;
/// Notification addresses must lie in one of these domains unless configured otherwise.
pub const DEFAULT_MAIL_DOMAINS: &[&str] = &["arbeitsagentur.de"];

/// E-mail syntax as the validator crate checks it, at most 254 characters.
#[cfg(feature = "ssr")]
fn email_syntax(s: &str) -> bool {
    use validator::ValidateEmail;
    s.chars().count() <= 254 && s.validate_email()
}

/// The browser's pre-check leaves the full syntax to the server: the validator's regex
/// engine would add about 1 MB to the wasm. This looser test never refuses an address
/// the server accepts.
#[cfg(not(feature = "ssr"))]
fn email_syntax(s: &str) -> bool {
    s.chars().count() <= 254
        && !s.contains(char::is_whitespace)
        && s.rsplit_once('@')
            .is_some_and(|(local, domain)| !local.is_empty() && !domain.is_empty())
}

/// A person's name as the application shows it: 1–200 characters, no control characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(input: &str) -> Result<Self, String> {
        let s = input.trim();
        if s.is_empty() {
            return Err("Bitte geben Sie den Namen ein.".into());
        }
        if s.chars().count() > 200 {
            return Err("Der Name darf höchstens 200 Zeichen lang sein.".into());
        }
        if s.chars().any(char::is_control) {
            return Err("Der Name darf keine Steuerzeichen enthalten.".into());
        }
        Ok(Self(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A person's own e-mail address, where notifications are sent: valid syntax, any domain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonalEmail(String);

impl PersonalEmail {
    pub fn parse(input: &str) -> Result<Self, String> {
        let s = input.trim();
        if !email_syntax(s) {
            return Err(format!("„{s}“ ist keine gültige E-Mail-Adresse."));
        }
        Ok(Self(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A functional or organisational mailbox address that is notified of new messages:
/// valid e-mail syntax, in an allowed domain, stored with a lower-case domain.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct NotificationAddress(String);

impl NotificationAddress {
    pub fn parse(input: &str, allowed_domains: &[&str]) -> Result<Self, String> {
        let s = input.trim();
        if s.is_empty() {
            return Err("Bitte geben Sie eine E-Mail-Adresse ein.".into());
        }
        if !email_syntax(s) {
            return Err(format!("„{s}“ ist keine gültige E-Mail-Adresse."));
        }
        let (local, domain) = s
            .rsplit_once('@')
            .ok_or_else(|| format!("„{s}“ ist keine gültige E-Mail-Adresse."))?;
        let domain = domain.to_lowercase();
        if !allowed_domains
            .iter()
            .any(|d| d.eq_ignore_ascii_case(&domain))
        {
            return Err(format!(
                "Die Adresse „{s}“ liegt nicht in einer zugelassenen Domain ({}).",
                allowed_domains.join(", ")
            ));
        }
        Ok(Self(format!("{local}@{domain}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// An address read back from our own database (it was parsed when written; the
    /// allowed domains may have changed since, history must still show it).
    pub fn from_stored(stored: &str) -> Self {
        Self(stored.to_string())
    }
}

impl fmt::Display for NotificationAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The domains notification addresses may use: the setting KT_MAIL_DOMAINS
/// (comma-separated, case-insensitive), by default arbeitsagentur.de.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailDomains(std::sync::Arc<[String]>);

impl MailDomains {
    /// An unset or empty setting means the default.
    pub fn from_setting(setting: Option<&str>) -> Self {
        let listed: Vec<String> = setting
            .unwrap_or_default()
            .split(',')
            .map(|d| d.trim().to_lowercase())
            .filter(|d| !d.is_empty())
            .collect();
        if listed.is_empty() {
            Self::default()
        } else {
            Self(listed.into())
        }
    }

    pub fn list(&self) -> Vec<&str> {
        self.0.iter().map(String::as_str).collect()
    }
}

impl Default for MailDomains {
    fn default() -> Self {
        Self(DEFAULT_MAIL_DOMAINS.iter().map(|d| d.to_string()).collect())
    }
}

/// How many notification addresses an entry has: 1–5.
pub fn check_address_count(n: usize) -> Result<(), String> {
    if n < ADDRESSES_MIN {
        return Err("Bitte geben Sie mindestens eine Benachrichtigungsadresse an.".into());
    }
    if n > ADDRESSES_MAX {
        return Err(format!(
            "Höchstens {ADDRESSES_MAX} Benachrichtigungsadressen sind möglich."
        ));
    }
    Ok(())
}

/// 1–5 distinct notification addresses (distinct ignoring case).
pub fn parse_addresses(
    inputs: &[&str],
    allowed_domains: &[&str],
) -> Result<Vec<NotificationAddress>, String> {
    let inputs: Vec<&str> = inputs
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    check_address_count(inputs.len())?;
    let mut out: Vec<NotificationAddress> = Vec::with_capacity(inputs.len());
    for input in inputs {
        let a = NotificationAddress::parse(input, allowed_domains)?;
        if out.iter().any(|b| b.0.eq_ignore_ascii_case(&a.0)) {
            return Err(format!("Die Adresse „{a}“ ist doppelt angegeben."));
        }
        out.push(a);
    }
    Ok(out)
}

/// Why a change is wanted: 10–2000 characters after trimming.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Justification(String);

impl Justification {
    pub fn parse(input: &str) -> Result<Self, String> {
        Self::parse_as(input, "Die Begründung")
    }

    /// The same rule for another text, named `subject` in the message ("Die Begründung
    /// der Entscheidung").
    pub fn parse_as(input: &str, subject: &str) -> Result<Self, String> {
        let s = input.trim();
        let n = s.chars().count();
        if n < JUSTIFICATION_MIN {
            return Err(format!(
                "{subject} muss mindestens {JUSTIFICATION_MIN} Zeichen lang sein."
            ));
        }
        if n > JUSTIFICATION_MAX {
            return Err(format!(
                "{subject} darf höchstens {JUSTIFICATION_MAX} Zeichen lang sein."
            ));
        }
        Ok(Self(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The wished effective date: today or later (dates as the user's calendar in Berlin).
pub fn parse_effective_date(date: time::Date, today: time::Date) -> Result<time::Date, String> {
    if date < today {
        return Err("Das Wirksamkeitsdatum darf nicht in der Vergangenheit liegen.".into());
    }
    Ok(date)
}

#[cfg(test)]
mod order_field_tests {
    use super::*;
    use time::macros::date;

    const BA: &[&str] = DEFAULT_MAIL_DOMAINS;

    #[test]
    fn display_names_are_trimmed_bounded_and_free_of_control_characters() {
        assert_eq!(
            DisplayName::parse("  Erika Mustermann ").unwrap().as_str(),
            "Erika Mustermann"
        );
        assert!(DisplayName::parse("   ").is_err());
        assert!(DisplayName::parse(&"x".repeat(201)).is_err());
        assert!(DisplayName::parse(&"ä".repeat(200)).is_ok());
        assert!(DisplayName::parse("Erika\u{0}Mustermann").is_err());
    }

    #[test]
    fn addresses_need_valid_syntax_and_an_allowed_domain() {
        let a = NotificationAddress::parse(" Kiel.Arbeitgeber@Arbeitsagentur.DE ", BA).unwrap();
        assert_eq!(a.as_str(), "Kiel.Arbeitgeber@arbeitsagentur.de");
        assert!(NotificationAddress::parse("kein-at-zeichen", BA)
            .unwrap_err()
            .contains("keine gültige"));
        assert!(NotificationAddress::parse("a@b@arbeitsagentur.de", BA).is_err());
        assert!(NotificationAddress::parse("x@gmail.com", BA)
            .unwrap_err()
            .contains("zugelassenen Domain"));
        assert!(NotificationAddress::parse("x@evil-arbeitsagentur.de", BA).is_err());
        assert!(NotificationAddress::parse("x@example.org", &["example.org"]).is_ok());
        assert!(
            NotificationAddress::parse(&format!("{}@arbeitsagentur.de", "a".repeat(300)), BA)
                .is_err()
        );
    }

    #[test]
    fn one_to_five_distinct_addresses() {
        assert!(parse_addresses(&[], BA)
            .unwrap_err()
            .contains("mindestens eine"));
        assert!(parse_addresses(&["", "  "], BA).is_err());
        let six: Vec<String> = (0..6).map(|i| format!("p{i}@arbeitsagentur.de")).collect();
        let six: Vec<&str> = six.iter().map(String::as_str).collect();
        assert!(parse_addresses(&six, BA)
            .unwrap_err()
            .contains("Höchstens 5"));
        assert!(parse_addresses(&six[..5], BA).is_ok());
        let dup = parse_addresses(&["a@arbeitsagentur.de", "A@arbeitsagentur.de"], BA).unwrap_err();
        assert!(dup.contains("doppelt"), "{dup}");
    }

    #[test]
    fn mail_domains_come_from_the_setting_or_the_default() {
        assert_eq!(
            MailDomains::from_setting(None).list(),
            ["arbeitsagentur.de"]
        );
        assert_eq!(
            MailDomains::from_setting(Some(" , ")).list(),
            ["arbeitsagentur.de"]
        );
        assert_eq!(
            MailDomains::from_setting(Some("Arbeitsagentur.de, jobcenter-ge.de ,")).list(),
            ["arbeitsagentur.de", "jobcenter-ge.de"]
        );
    }

    #[test]
    fn justification_and_effective_date() {
        assert!(Justification::parse("zu kurz").is_err());
        assert_eq!(
            Justification::parse("  Weisung 202509011  ")
                .unwrap()
                .as_str(),
            "Weisung 202509011"
        );
        assert!(Justification::parse(&"x".repeat(2001)).is_err());
        assert!(Justification::parse(&"ä".repeat(2000)).is_ok());
        let today = date!(2026 - 11 - 21);
        assert!(parse_effective_date(date!(2026 - 11 - 20), today).is_err());
        assert_eq!(parse_effective_date(today, today), Ok(today));
    }
}
