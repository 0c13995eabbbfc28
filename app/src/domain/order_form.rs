//! The order forms' checks that need no database. With JavaScript the browser runs them
//! before sending; the server runs them again on every request, so both give the same
//! German message on the same field.

use super::calendar::parse_date;
use super::fields::{
    parse_addresses, FieldError, Justification, NotificationAddress, ADDRESSES_MAX, ADDRESSES_MIN,
    JUSTIFICATION_MAX, JUSTIFICATION_MIN,
};
use super::order::Action;
use time::Date;

/// A draft's header after checking: justification and wished effective date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    pub justification: Justification,
    pub effective_date: Date,
}

/// Justification (10–2000 characters) and effective date (TT.MM.JJJJ, not before `today`).
pub fn check_header(
    justification: &str,
    effective_date: &str,
    today: Date,
) -> Result<Header, Vec<FieldError>> {
    let mut errors = Vec::new();
    let justification = Justification::parse(justification)
        .map_err(|m| errors.push(FieldError::new("begruendung", m)))
        .ok();
    let effective_date = match parse_date(effective_date) {
        None => {
            errors.push(FieldError::new(
                "wirksam_ab",
                "Bitte geben Sie das Wirksamkeitsdatum im Format TT.MM.JJJJ an.",
            ));
            None
        }
        Some(date) => super::fields::parse_effective_date(date, today)
            .map_err(|m| errors.push(FieldError::new("wirksam_ab", m)))
            .ok(),
    };
    match (justification, effective_date) {
        (Some(justification), Some(effective_date)) => Ok(Header {
            justification,
            effective_date,
        }),
        _ => Err(errors),
    }
}

/// The addresses typed into the form: one per line (commas and semicolons also split).
pub fn address_lines(raw: &str) -> Vec<&str> {
    raw.split(['\n', ',', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// The notification-address field: 1–5 distinct addresses in an allowed domain.
pub fn check_addresses(
    raw: &str,
    domains: &[&str],
) -> Result<Vec<NotificationAddress>, FieldError> {
    parse_addresses(&address_lines(raw), domains).map_err(|m| FieldError::new("adressen", m))
}

pub const MAILBOX_ELSEWHERE: &str = "Das Zielpostfach muss zur gewählten Dienststelle oder zur Hauptagentur ihrer Agentur gehören (kein Liegenschaftspostfach).";
pub const MAILBOX_OTHER_AREA: &str = "Das Zielpostfach gehört nicht zum gewählten Bereich.";

/// The chosen mailbox must serve the Dienststelle (`domain::org::mailbox_may_serve`) and
/// belong to the chosen Bereich.
pub fn check_mailbox(
    may_serve: bool,
    mailbox_area: i64,
    chosen_area: i64,
) -> Result<(), FieldError> {
    if !may_serve {
        return Err(FieldError::new("postfach", MAILBOX_ELSEWHERE));
    }
    if mailbox_area != chosen_area {
        return Err(FieldError::new("bereich", MAILBOX_OTHER_AREA));
    }
    Ok(())
}

/// An item's fields that need no database, errors in the form's order: the chosen
/// mailbox (whether it may serve the Dienststelle, and its Bereich), where it is known,
/// then the addresses.
pub fn check_item_fields(
    mailbox: Option<(bool, i64)>,
    chosen_area: i64,
    addresses: &str,
    domains: &[&str],
) -> Result<Vec<NotificationAddress>, Vec<FieldError>> {
    let mailbox_problem =
        mailbox.and_then(|(may_serve, area)| check_mailbox(may_serve, area, chosen_area).err());
    match (mailbox_problem, check_addresses(addresses, domains)) {
        (None, Ok(addresses)) => Ok(addresses),
        (mailbox_problem, addresses) => {
            Err(mailbox_problem.into_iter().chain(addresses.err()).collect())
        }
    }
}

/// The id of an action's reason field; server errors name it so the summary links to it.
pub fn reason_field(action: Action) -> String {
    format!("grund-{}", action.code())
}

/// Rejecting and sending back need a reason of 10–2000 characters; other actions none.
pub fn check_decision_reason(action: Action, reason: &str) -> Result<(), FieldError> {
    if !action.needs_reason() {
        return Ok(());
    }
    Justification::parse_as(reason, "Die Begründung der Entscheidung")
        .map(|_| ())
        .map_err(|m| FieldError::new(&reason_field(action), m))
}

/// The hint of every justification-like field.
pub fn justification_hint() -> String {
    format!("{JUSTIFICATION_MIN} bis {JUSTIFICATION_MAX} Zeichen")
}

/// The hint of the notification-address field, naming the allowed domains.
pub fn addresses_hint(domains: &[String]) -> String {
    let place = match domains {
        [one] => format!("in der Domain {one}"),
        many => format!("in einer der Domains {}", many.join(", ")),
    };
    format!("{ADDRESSES_MIN} bis {ADDRESSES_MAX} verschiedene Adressen, eine je Zeile, {place}.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fields::DEFAULT_MAIL_DOMAINS;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 28);

    fn fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn header_reports_every_bad_field_at_once() {
        let errors = check_header("kurz", "27.11.2026", TODAY).unwrap_err();
        assert_eq!(fields(&errors), ["begruendung", "wirksam_ab"]);
        assert!(errors[1].message.contains("Vergangenheit"));
        let errors = check_header("Eine ausreichende Begründung", "31.02.2026", TODAY).unwrap_err();
        assert_eq!(fields(&errors), ["wirksam_ab"]);
        assert!(errors[0].message.contains("TT.MM.JJJJ"));
    }

    #[test]
    fn header_accepts_today_and_both_date_formats() {
        let h = check_header("  Eine ausreichende Begründung ", "28.11.2026", TODAY).unwrap();
        assert_eq!(h.justification.as_str(), "Eine ausreichende Begründung");
        assert_eq!(h.effective_date, TODAY);
        assert_eq!(
            check_header("Eine ausreichende Begründung", "2026-12-01", TODAY)
                .unwrap()
                .effective_date,
            date!(2026 - 12 - 01)
        );
    }

    #[test]
    fn addresses_split_on_lines_commas_and_semicolons() {
        assert_eq!(
            address_lines(" a@x.de\n\n b@x.de; c@x.de ,"),
            ["a@x.de", "b@x.de", "c@x.de"]
        );
        let ok = check_addresses(
            "team@arbeitsagentur.de\nleitung@Arbeitsagentur.de",
            DEFAULT_MAIL_DOMAINS,
        )
        .unwrap();
        assert_eq!(ok[1].as_str(), "leitung@arbeitsagentur.de");
        let e = check_addresses("team@example.org", DEFAULT_MAIL_DOMAINS).unwrap_err();
        assert_eq!(e.field, "adressen");
        assert!(e
            .message
            .contains("zugelassenen Domain (arbeitsagentur.de)"));
        assert!(check_addresses("team@example.org", &["example.org"]).is_ok());
        assert!(check_addresses("  ", DEFAULT_MAIL_DOMAINS).is_err());
    }

    #[test]
    fn mailbox_must_serve_the_office_and_match_the_area() {
        assert_eq!(check_mailbox(true, 3, 3), Ok(()));
        assert_eq!(check_mailbox(false, 3, 3).unwrap_err().field, "postfach");
        let e = check_mailbox(true, 3, 4).unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.message.as_str()),
            ("bereich", MAILBOX_OTHER_AREA)
        );
    }

    #[test]
    fn item_fields_report_mailbox_before_addresses() {
        let ba = DEFAULT_MAIL_DOMAINS;
        let errors = check_item_fields(Some((false, 1)), 1, "x@gmail.com", ba).unwrap_err();
        assert_eq!(fields(&errors), ["postfach", "adressen"]);
        assert_eq!(
            fields(&check_item_fields(None, 1, "", ba).unwrap_err()),
            ["adressen"]
        );
        assert_eq!(
            check_item_fields(Some((true, 2)), 2, "a@arbeitsagentur.de", ba)
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn hints_state_the_rules() {
        assert_eq!(justification_hint(), "10 bis 2000 Zeichen");
        assert_eq!(
            addresses_hint(&["arbeitsagentur.de".into()]),
            "1 bis 5 verschiedene Adressen, eine je Zeile, in der Domain arbeitsagentur.de."
        );
        assert!(addresses_hint(&["a.de".into(), "b.de".into()])
            .ends_with("in einer der Domains a.de, b.de."));
    }

    #[test]
    fn only_reject_and_send_back_need_a_reason() {
        for action in Action::ALL {
            let result = check_decision_reason(action, "");
            assert_eq!(result.is_err(), action.needs_reason(), "{action:?}");
        }
        let e = check_decision_reason(Action::SendBack, "zu kurz").unwrap_err();
        assert_eq!(e.field, "grund-zurueckgeben");
        assert!(e
            .message
            .starts_with("Die Begründung der Entscheidung muss mindestens 10"));
        assert_eq!(
            check_decision_reason(Action::Reject, "Adresse fehlt im Team."),
            Ok(())
        );
    }
}
