//! The fields every organisational unit's form shares (Regionaldirektion, Agentur,
//! Dienststelle, Bereich): a code that never changes once created and a name — the same
//! rules as the master-data file, for the browser and the server.

use super::fields::{DisplayName, FieldError};
use super::org::parse_code;

/// A unit's name (`DisplayName`), on the field "name".
pub fn check_name(name: &str) -> Result<String, FieldError> {
    DisplayName::parse(name)
        .map(|n| n.as_str().to_string())
        .map_err(|m| FieldError::new("name", m))
}

/// A new unit's code (field "kuerzel", stored in lower case) and name.
pub fn check_new(code: &str, name: &str) -> Result<(String, String), Vec<FieldError>> {
    let code = parse_code(code).map_err(|m| FieldError::new("kuerzel", m));
    match (code, check_name(name)) {
        (Ok(code), Ok(name)) => Ok((code, name)),
        (code, name) => Err([code.err(), name.err()].into_iter().flatten().collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_unit_needs_a_code_and_a_name() {
        assert_eq!(
            check_new(" EZ-Nord ", " Eingangszone Nord "),
            Ok(("ez-nord".into(), "Eingangszone Nord".into()))
        );
        let errors = check_new("ez nord", " ").unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["kuerzel", "name"]);
        assert!(check_name("a\u{0}b").is_err());
        assert!(check_name(&"x".repeat(201)).is_err());
    }
}
