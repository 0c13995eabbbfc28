//! The mailbox form of the Zentrale (name, kind, Bereich): checked the same way in the
//! browser and on the server.

use super::fields::{DisplayName, FieldError, NotificationAddress};
use super::org::MailboxKind;

/// A mailbox's changeable fields, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailboxFields {
    pub name: DisplayName,
    pub kind: MailboxKind,
    /// The Bereich's code.
    pub area: String,
}

/// Parses the form; `areas` are the codes of the Bereiche there are.
pub fn check_mailbox_fields(
    name: &str,
    kind: &str,
    area: &str,
    areas: &[String],
) -> Result<MailboxFields, Vec<FieldError>> {
    let name = DisplayName::parse(name).map_err(|m| FieldError::new("name", m));
    let kind = MailboxKind::from_code(kind.trim())
        .ok_or_else(|| FieldError::new("art", "Bitte wählen Sie eine Postfachart."));
    let area = area.trim();
    let area = if areas.iter().any(|a| a == area) {
        Ok(area.to_string())
    } else {
        Err(FieldError::new(
            "bereich",
            "Bitte wählen Sie einen Bereich.",
        ))
    };
    match (name, kind, area) {
        (Ok(name), Ok(kind), Ok(area)) => Ok(MailboxFields { name, kind, area }),
        (name, kind, area) => Err([name.err(), kind.err(), area.err()]
            .into_iter()
            .flatten()
            .collect()),
    }
}

/// Parses the form for a new mailbox: its address (in an allowed domain, stored in lower
/// case like the import stores it) and its fields.
pub fn check_new_mailbox(
    address: &str,
    (name, kind, area): (&str, &str, &str),
    areas: &[String],
    domains: &[&str],
) -> Result<(String, MailboxFields), Vec<FieldError>> {
    let address = NotificationAddress::parse(address, domains)
        .map(|a| a.as_str().to_lowercase())
        .map_err(|m| FieldError::new("adresse", m));
    match (address, check_mailbox_fields(name, kind, area, areas)) {
        (Ok(address), Ok(fields)) => Ok((address, fields)),
        (address, fields) => Err(address
            .err()
            .into_iter()
            .chain(fields.err().into_iter().flatten())
            .collect()),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_new_mailbox_needs_an_address_in_an_allowed_domain() {
        let areas = vec!["ags".to_string()];
        let domains = ["arbeitsagentur.de"];
        let (address, _) = check_new_mailbox(
            " Kiel.Neu@Arbeitsagentur.de ",
            ("Neu", "funktion", "ags"),
            &areas,
            &domains,
        )
        .unwrap();
        assert_eq!(address, "kiel.neu@arbeitsagentur.de");
        let errors = check_new_mailbox("x@example.org", ("", "funktion", "ags"), &areas, &domains)
            .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["adresse", "name"]);
    }

    use super::*;

    #[test]
    fn every_field_is_checked_in_the_form_s_order() {
        let areas = vec!["ags".to_string()];
        let ok = check_mailbox_fields(" AG-S Kiel ", "funktion", "ags", &areas).unwrap();
        assert_eq!(
            (ok.name.as_str(), ok.kind, ok.area.as_str()),
            ("AG-S Kiel", MailboxKind::Function, "ags")
        );
        let errors = check_mailbox_fields("", "privat", "gibt-es-nicht", &areas).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "art", "bereich"]);
    }
}
