//! Personal API tokens: their form, their hash, and how long they may live.

use sha2::{Digest, Sha256};

/// Every token starts with this, so a leaked one is easy to recognise (secret scanners).
pub const PREFIX: &str = "kt_";
/// Characters shown in the token list to tell tokens apart.
const SHOWN: usize = 10;
pub const MAX_DAYS: i64 = 365;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A token from 32 random bytes: `kt_` and 64 hex digits.
pub fn from_random(random: [u8; 32]) -> String {
    format!("{PREFIX}{}", hex(&random))
}

/// What is stored: the SHA-256 of the token, in hex.
pub fn hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Whether a presented string can be a token at all (checked before any lookup).
pub fn well_formed(token: &str) -> bool {
    token.len() == PREFIX.len() + 64
        && token.starts_with(PREFIX)
        && token[PREFIX.len()..].bytes().all(|b| b.is_ascii_hexdigit())
}

pub fn shown_prefix(token: &str) -> String {
    token.chars().take(SHOWN).collect()
}

/// The validity in days as typed: a whole number from 1 to 365.
pub fn parse_days(input: &str) -> Result<i64, String> {
    match input.trim().parse::<i64>() {
        Ok(d) if (1..=MAX_DAYS).contains(&d) => Ok(d),
        _ => Err(format!(
            "Bitte geben Sie die Gültigkeit als ganze Zahl von 1 bis {MAX_DAYS} Tagen an."
        )),
    }
}

/// The token's name: 1–100 characters, no control characters.
pub fn parse_name(input: &str) -> Result<String, String> {
    let name = input.trim();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(
            "Bitte geben Sie einen Namen mit 1 bis 100 Zeichen an (z. B. „RIM-Skript Umsetzung“)."
                .into(),
        );
    }
    Ok(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_prefixed_hex_and_hashed() {
        let t = from_random([0xab; 32]);
        assert!(well_formed(&t));
        assert_eq!(t.len(), 67);
        assert_eq!(shown_prefix(&t), "kt_abababa");
        let h = hash(&t);
        assert_eq!(h.len(), 64);
        assert_ne!(h, hash(&from_random([0xac; 32])));
        assert!(!well_formed("kt_xyz"));
        assert!(!well_formed(&t.replace("kt_", "xx_")));
    }

    #[test]
    fn validity_and_name_rules() {
        assert_eq!(parse_days(" 30 "), Ok(30));
        assert!(parse_days("0").is_err());
        assert!(parse_days("366").is_err());
        assert!(parse_days("drei").is_err());
        assert_eq!(parse_name(" Skript ").unwrap(), "Skript");
        assert!(parse_name("").is_err());
        assert!(parse_name(&"x".repeat(101)).is_err());
    }
}
