//! The directive register's rules: what an entry of the Zentrale must satisfy before it
//! is stored. Shared by the form (messages per field) and the server (which re-checks).

use super::calendar::parse_date;
use super::directive::{Condition, Deadline, TargetRule};
use super::fields::FieldError;
use time::Date;

pub const LEGAL_AREAS: [&str; 3] = ["SGB III", "SGB II", "SGB II und SGB III"];

/// A directive number: YYYYMMNNN (year, month of issue, running number).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirectiveNumber(String);

impl DirectiveNumber {
    pub fn parse(input: &str) -> Result<Self, String> {
        let s = input.trim();
        let valid = s.len() == 9
            && s.bytes().all(|b| b.is_ascii_digit())
            && s[..4]
                .parse::<u16>()
                .is_ok_and(|y| (2000..=2099).contains(&y))
            && s[4..6].parse::<u8>().is_ok_and(|m| (1..=12).contains(&m));
        if valid {
            Ok(Self(s.to_string()))
        } else {
            Err("Die Nummer hat die Form JJJJMMNNN (Jahr, Monat, laufende Nummer), z. B. 202509011.".into())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The form as the Zentrale fills it in; every field as typed.
#[derive(Clone, Debug, Default)]
pub struct DirectiveInput<'a> {
    pub number: &'a str,
    pub title: &'a str,
    pub issued_on: &'a str,
    pub valid_from: &'a str,
    pub valid_until: &'a str,
    pub legal_area: &'a str,
    pub reference_code: &'a str,
    /// "datum" or "relativ"
    pub deadline_kind: &'a str,
    pub deadline_on: &'a str,
    pub switchover_on: &'a str,
    pub days_before: &'a str,
    pub deadline_text: &'a str,
    /// Anliegen code of the target rule; empty: no rule.
    pub concern: &'a str,
    /// Bereich code the entry must have; empty: no such condition.
    pub area_is: &'a str,
    /// Bereich code whose mailbox of the own Dienststelle must be the target; empty: none.
    pub mailbox_area: &'a str,
    pub needs_address: bool,
    /// The rule's own deadline (TT.MM.JJJJ); empty: the directive's.
    pub rule_due: &'a str,
    pub limited_to_concern: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidDirective {
    pub number: DirectiveNumber,
    pub title: String,
    pub issued_on: Date,
    pub valid_from: Date,
    pub valid_until: Option<Date>,
    pub legal_area: String,
    pub reference_code: String,
    pub deadline: Deadline,
    pub deadline_text: String,
    pub rule: Option<TargetRule>,
    pub limited_to_concern: bool,
}

fn text(
    errors: &mut Vec<FieldError>,
    field: &str,
    label: &str,
    value: &str,
    min: usize,
    max: usize,
) -> String {
    let v = value.trim();
    let n = v.chars().count();
    if n < min || n > max {
        errors.push(FieldError::new(
            field,
            format!("{label} muss {min} bis {max} Zeichen lang sein."),
        ));
    }
    v.to_string()
}

fn date(errors: &mut Vec<FieldError>, field: &str, label: &str, value: &str) -> Option<Date> {
    let d = parse_date(value);
    if d.is_none() {
        errors.push(FieldError::new(
            field,
            format!("Bitte geben Sie {label} im Format TT.MM.JJJJ an."),
        ));
    }
    d
}

/// Checks every field; `concerns` and `areas` are the codes that exist.
pub fn validate(
    input: &DirectiveInput<'_>,
    concerns: &[&str],
    areas: &[&str],
) -> Result<ValidDirective, Vec<FieldError>> {
    let mut errors = Vec::new();
    let number = DirectiveNumber::parse(input.number)
        .map_err(|m| errors.push(FieldError::new("nummer", m)))
        .ok();
    let title = text(&mut errors, "titel", "Der Titel", input.title, 5, 300);
    let issued_on = date(&mut errors, "vom", "das Datum der Weisung", input.issued_on);
    let valid_from = date(
        &mut errors,
        "gueltig_ab",
        "den Beginn der Gültigkeit",
        input.valid_from,
    );
    let valid_until = match input.valid_until.trim() {
        "" => None,
        v => date(&mut errors, "gueltig_bis", "das Ende der Gültigkeit", v),
    };
    if let (Some(from), Some(until)) = (valid_from, valid_until) {
        if until < from {
            errors.push(FieldError::new(
                "gueltig_bis",
                "Das Ende der Gültigkeit liegt vor ihrem Beginn.",
            ));
        }
    }
    if !LEGAL_AREAS.contains(&input.legal_area.trim()) {
        errors.push(FieldError::new(
            "rechtskreis",
            format!(
                "Bitte wählen Sie den Rechtskreis: {}.",
                LEGAL_AREAS.join(", ")
            ),
        ));
    }
    let reference_code = text(
        &mut errors,
        "geschaeftszeichen",
        "Das Geschäftszeichen",
        input.reference_code,
        2,
        200,
    );
    let deadline_text = text(
        &mut errors,
        "auftrag",
        "Der Auftrag",
        input.deadline_text,
        10,
        2000,
    );
    let deadline = match input.deadline_kind {
        "relativ" => {
            let switchover = date(
                &mut errors,
                "umstellung",
                "den Umstellungstermin",
                input.switchover_on,
            );
            let days = input
                .days_before
                .trim()
                .parse::<u16>()
                .ok()
                .filter(|d| (1..=365).contains(d));
            if days.is_none() {
                errors.push(FieldError::new(
                    "tage_vorher",
                    "Bitte geben Sie an, wie viele Tage (1 bis 365) vor dem Umstellungstermin die Frist endet.",
                ));
            }
            switchover
                .zip(days)
                .map(|(switchover, days)| Deadline::DaysBefore { switchover, days })
        }
        "datum" => date(&mut errors, "frist", "die Frist", input.deadline_on).map(Deadline::On),
        _ => {
            errors.push(FieldError::new(
                "fristart",
                "Bitte wählen Sie, ob die Frist ein Datum ist oder vor einem Umstellungstermin liegt.",
            ));
            None
        }
    };
    let rule = rule(input, concerns, areas, &mut errors);
    if input.limited_to_concern && rule.is_none() {
        errors.push(FieldError::new(
            "nur_anliegen",
            "Eine Beschränkung auf das Anliegen braucht eine Zielregel mit Anliegen.",
        ));
    }
    match (number, issued_on, valid_from, deadline) {
        (Some(number), Some(issued_on), Some(valid_from), Some(deadline)) if errors.is_empty() => {
            Ok(ValidDirective {
                number,
                title,
                issued_on,
                valid_from,
                valid_until,
                legal_area: input.legal_area.trim().to_string(),
                reference_code,
                deadline,
                deadline_text,
                rule,
                limited_to_concern: input.limited_to_concern,
            })
        }
        _ => Err(errors),
    }
}

/// The target rule from the form: none without an Anliegen; with one, at least one condition.
fn rule(
    input: &DirectiveInput<'_>,
    concerns: &[&str],
    areas: &[&str],
    errors: &mut Vec<FieldError>,
) -> Option<TargetRule> {
    let concern = input.concern.trim();
    let (area_is, mailbox_area) = (input.area_is.trim(), input.mailbox_area.trim());
    let due = match input.rule_due.trim() {
        "" => None,
        v => date(errors, "zielregel_frist", "die Frist der Zielregel", v),
    };
    if concern.is_empty() {
        let has_details = !area_is.is_empty() || !mailbox_area.is_empty() || input.needs_address;
        if has_details || !input.rule_due.trim().is_empty() {
            errors.push(FieldError::new(
                "anliegen",
                "Bitte wählen Sie das Anliegen, für das die Bedingungen gelten.",
            ));
        }
        return None;
    }
    if !concerns.contains(&concern) {
        errors.push(FieldError::new(
            "anliegen",
            "Dieses Anliegen gibt es nicht.",
        ));
    }
    let mut conditions = Vec::new();
    for (field, code) in [("bereich", area_is), ("postfach_bereich", mailbox_area)] {
        if !code.is_empty() && !areas.contains(&code) {
            errors.push(FieldError::new(field, "Diesen Bereich gibt es nicht."));
        }
    }
    if !area_is.is_empty() && !mailbox_area.is_empty() && area_is != mailbox_area {
        errors.push(FieldError::new(
            "postfach_bereich",
            "Das Zielpostfach muss zum geforderten Bereich gehören; zwei verschiedene Bereiche kann keine Konfiguration erfüllen.",
        ));
    }
    if !area_is.is_empty() {
        conditions.push(Condition::AreaIs(area_is.to_string()));
    }
    if !mailbox_area.is_empty() {
        conditions.push(Condition::MailboxOfAreaInOwnOffice(
            mailbox_area.to_string(),
        ));
    }
    if input.needs_address {
        conditions.push(Condition::HasNotificationAddress);
    }
    if conditions.is_empty() {
        errors.push(FieldError::new(
            "bereich",
            "Eine Zielregel braucht mindestens eine Bedingung.",
        ));
    }
    Some(TargetRule {
        concern: concern.to_string(),
        conditions,
        due,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn egz() -> DirectiveInput<'static> {
        DirectiveInput {
            number: "202509011",
            title: "Weiterentwicklung der Prozesse im Kundenportal",
            issued_on: "22.09.2025",
            valid_from: "22.09.2025",
            valid_until: "",
            legal_area: "SGB III",
            reference_code: "KPI4 – 6801.4",
            deadline_kind: "datum",
            deadline_on: "06.10.2025",
            switchover_on: "",
            days_before: "",
            deadline_text: "Anliegen an den Arbeitgeber-Service routen.",
            concern: "ag-egz",
            area_is: "ags",
            mailbox_area: "ags",
            needs_address: true,
            rule_due: "",
            limited_to_concern: true,
        }
    }

    fn fields(r: Result<ValidDirective, Vec<FieldError>>) -> Vec<String> {
        r.err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    const CONCERNS: &[&str] = &["ag-egz"];
    const AREAS: &[&str] = &["ags", "ez"];

    #[test]
    fn the_egz_directive_is_valid_with_its_rule() {
        let v = validate(&egz(), CONCERNS, AREAS).unwrap();
        assert_eq!(v.deadline, Deadline::On(date!(2025 - 10 - 06)));
        assert_eq!(v.rule.unwrap().conditions.len(), 3);
    }

    #[test]
    fn numbers_are_year_month_and_running_number() {
        assert!(DirectiveNumber::parse("202509011").is_ok());
        for bad in [
            "20250901",
            "202513011",
            "2025090111",
            "20250901a",
            "189909011",
        ] {
            assert!(DirectiveNumber::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_relative_deadline_is_computed() {
        let input = DirectiveInput {
            deadline_kind: "relativ",
            switchover_on: "01.07.2025",
            days_before: "14",
            ..egz()
        };
        let v = validate(&input, CONCERNS, AREAS).unwrap();
        assert_eq!(v.deadline.date(), date!(2025 - 06 - 17));
        let bad = DirectiveInput {
            days_before: "0",
            ..input
        };
        assert_eq!(fields(validate(&bad, CONCERNS, AREAS)), ["tage_vorher"]);
    }

    #[test]
    fn every_field_gets_its_message() {
        let input = DirectiveInput {
            number: "2025",
            title: "x",
            issued_on: "gestern",
            valid_until: "01.01.2020",
            legal_area: "SGB XII",
            deadline_kind: "",
            concern: "",
            limited_to_concern: true,
            ..egz()
        };
        assert_eq!(
            fields(validate(&input, CONCERNS, AREAS)),
            [
                "nummer",
                "titel",
                "vom",
                "gueltig_bis",
                "rechtskreis",
                "fristart",
                "anliegen",
                "nur_anliegen"
            ]
        );
    }

    #[test]
    fn rules_need_a_concern_a_condition_and_one_bereich() {
        let no_condition = DirectiveInput {
            area_is: "",
            mailbox_area: "",
            needs_address: false,
            limited_to_concern: false,
            ..egz()
        };
        assert_eq!(
            fields(validate(&no_condition, CONCERNS, AREAS)),
            ["bereich"]
        );
        let two_areas = DirectiveInput {
            mailbox_area: "ez",
            ..egz()
        };
        assert_eq!(
            fields(validate(&two_areas, CONCERNS, AREAS)),
            ["postfach_bereich"]
        );
        let no_rule = DirectiveInput {
            concern: "",
            area_is: "",
            mailbox_area: "",
            needs_address: false,
            limited_to_concern: false,
            ..egz()
        };
        assert_eq!(validate(&no_rule, CONCERNS, AREAS).unwrap().rule, None);
    }

    #[test]
    fn a_rule_may_have_its_own_deadline() {
        let own = DirectiveInput {
            rule_due: "01.07.2025",
            ..egz()
        };
        let rule = validate(&own, CONCERNS, AREAS).unwrap().rule.unwrap();
        assert_eq!(rule.due, Some(date!(2025 - 07 - 01)));
        let bad = DirectiveInput {
            rule_due: "1.7.",
            ..egz()
        };
        assert_eq!(fields(validate(&bad, CONCERNS, AREAS)), ["zielregel_frist"]);
        let without_rule = DirectiveInput {
            concern: "",
            area_is: "",
            mailbox_area: "",
            needs_address: false,
            limited_to_concern: false,
            rule_due: "01.07.2025",
            ..egz()
        };
        assert_eq!(
            fields(validate(&without_rule, CONCERNS, AREAS)),
            ["anliegen"]
        );
    }
}
