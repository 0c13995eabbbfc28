//! The Anliegen catalogue's rules, shared by the form and the server: an Anliegen has a
//! code (never changed once created), a name, a customer group and the Bereich it is
//! routed to by default.

use super::fields::FieldError;
use super::org::parse_code;

/// An Anliegen as the form states it, after checking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConcernFields {
    pub name: String,
    pub customer_group: String,
    pub area: String,
}

fn text(input: &str, field: &str, what: &str, max: usize) -> Result<String, FieldError> {
    let s = input.trim();
    let problem = if s.is_empty() {
        Some(format!("Bitte geben Sie {what} ein."))
    } else if s.chars().count() > max {
        Some(format!("Höchstens {max} Zeichen."))
    } else if s.chars().any(char::is_control) {
        Some("Bitte ohne Steuerzeichen.".to_string())
    } else {
        None
    };
    match problem {
        Some(m) => Err(FieldError::new(field, m)),
        None => Ok(s.to_string()),
    }
}

/// Name (1–200), customer group (1–100) and a Bereich among `areas` (codes).
pub fn check_concern_fields(
    name: &str,
    customer_group: &str,
    area: &str,
    areas: &[String],
) -> Result<ConcernFields, Vec<FieldError>> {
    let name = text(name, "name", "den Namen des Anliegens", 200);
    let group = text(customer_group, "kundengruppe", "die Kundengruppe", 100);
    let area = match areas.iter().find(|a| a.as_str() == area.trim()) {
        Some(a) => Ok(a.clone()),
        None => Err(FieldError::new(
            "bereich",
            "Bitte wählen Sie einen Bereich.",
        )),
    };
    match (name, group, area) {
        (Ok(name), Ok(customer_group), Ok(area)) => Ok(ConcernFields {
            name,
            customer_group,
            area,
        }),
        (name, group, area) => Err([name.err(), group.err(), area.err()]
            .into_iter()
            .flatten()
            .collect()),
    }
}

/// The code of a new Anliegen, on the form's field "kuerzel".
pub fn check_concern_code(code: &str) -> Result<String, FieldError> {
    parse_code(code).map_err(|m| FieldError::new("kuerzel", m))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn areas() -> Vec<String> {
        vec!["ags".into(), "ez".into()]
    }

    #[test]
    fn a_complete_anliegen_passes_trimmed() {
        assert_eq!(
            check_concern_fields(
                " Anfrage Lohnkostenzuschuss ",
                "Arbeitgeber",
                "ags",
                &areas()
            ),
            Ok(ConcernFields {
                name: "Anfrage Lohnkostenzuschuss".into(),
                customer_group: "Arbeitgeber".into(),
                area: "ags".into()
            })
        );
        assert_eq!(check_concern_code(" AG-LKZ "), Ok("ag-lkz".into()));
    }

    #[test]
    fn every_bad_field_is_reported_in_form_order() {
        let e = check_concern_fields("", &"x".repeat(101), "reha", &areas()).unwrap_err();
        let fields: Vec<&str> = e.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "kundengruppe", "bereich"]);
        assert_eq!(e[0].message, "Bitte geben Sie den Namen des Anliegens ein.");
        assert_eq!(e[1].message, "Höchstens 100 Zeichen.");
        assert_eq!(check_concern_code("ag lkz").unwrap_err().field, "kuerzel");
    }
}
