//! The Postkörbe of the eAkte (Weisung 202505010): one per Dienststelle and Bereich, where
//! the eAkte-Regelwerk of the agency sends documents. The Zentrale creates, renames,
//! deactivates and reactivates them; deactivation is refused while live rules send to one.

use super::fields::FieldError;
use super::org_form::check_name;

/// The Postkorb's code: the Dienststelle's and the Bereich's, as the seed made them
/// ("kiel.kiel/ez"); unique because there is one Postkorb per Dienststelle and Bereich.
pub fn postkorb_code(office_code: &str, area_code: &str) -> String {
    format!("{office_code}/{area_code}")
}

/// The name a new Postkorb is offered: "Postkorb EZ Kiel".
pub fn default_name(area_short_name: &str, office_name: &str) -> String {
    format!("Postkorb {area_short_name} {office_name}")
}

/// A new Postkorb's Bereich and name, checked like the form: the Bereich must be one the
/// Dienststelle has no Postkorb of yet (`free_areas`).
pub fn check_new_postkorb(
    area: &str,
    name: &str,
    free_areas: &[String],
) -> Result<(String, String), Vec<FieldError>> {
    let mut errors = Vec::new();
    let area = area.trim();
    if area.is_empty() {
        errors.push(FieldError::new("bereich", "Bitte wählen Sie den Bereich."));
    } else if !free_areas.iter().any(|a| a == area) {
        errors.push(FieldError::new(
            "bereich",
            "Für diesen Bereich hat die Dienststelle schon einen Postkorb, oder der Bereich ist nicht aktiv.",
        ));
    }
    let name = check_name(name).map_err(|e| errors.push(e)).ok();
    match name {
        Some(name) if errors.is_empty() => Ok((area.to_string(), name)),
        _ => Err(errors),
    }
}

/// Why the Postkorb cannot be deactivated: live rules send to it, or open orders would.
pub fn deactivation_refusal(
    name: &str,
    live_rules: usize,
    open_orders: &[String],
) -> Option<String> {
    if live_rules > 0 {
        return Some(format!(
            "Der Postkorb „{name}“ ist noch Ziel von {live_rules} gültigen eAkte-Regeln. Stellen Sie sie zuerst mit dem Umzugsauftrag auf einen anderen Postkorb um."
        ));
    }
    if !open_orders.is_empty() {
        return Some(format!(
            "Offene Aufträge schlagen den Postkorb „{name}“ noch als Ziel vor ({}).",
            open_orders.join(", ")
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_follow_the_seeded_pattern() {
        assert_eq!(postkorb_code("kiel.kiel", "ez"), "kiel.kiel/ez");
        assert_eq!(default_name("EZ", "Kiel"), "Postkorb EZ Kiel");
    }

    #[test]
    fn a_new_postkorb_needs_a_free_bereich_and_a_name() {
        let free = vec!["ez".to_string(), "lg".to_string()];
        assert_eq!(
            check_new_postkorb(" ez ", " Postkorb EZ Kiel ", &free),
            Ok(("ez".into(), "Postkorb EZ Kiel".into()))
        );
        let errors = check_new_postkorb("ags", "", &free).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["bereich", "name"]);
        assert_eq!(
            check_new_postkorb("", "x", &free).unwrap_err()[0].field,
            "bereich"
        );
    }

    #[test]
    fn deactivation_is_refused_while_rules_or_orders_use_it() {
        assert!(deactivation_refusal("P", 2, &[])
            .unwrap()
            .contains("2 gültigen eAkte-Regeln"));
        assert!(deactivation_refusal("P", 0, &["ÄA-2026-000001".into()])
            .unwrap()
            .contains("ÄA-2026-000001"));
        assert_eq!(deactivation_refusal("P", 0, &[]), None);
    }
}
