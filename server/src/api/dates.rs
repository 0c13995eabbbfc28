//! Dates in the API are ISO 8601 (`JJJJ-MM-TT`, times RFC 3339 with the Berlin offset);
//! `TT.MM.JJJJ` stays in the UI and the CSV. The services speak the UI's format, so
//! dates a client sends are turned into it here.

use app::domain::calendar::{format_date, in_berlin};
use app::domain::fields::FieldError;
use app::error::AppError;
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};

/// `2026-12-07`
pub fn iso_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// `2026-12-07T10:30:00+01:00`, the moment in Berlin time.
pub fn iso_time(t: OffsetDateTime) -> String {
    in_berlin(t).format(&Rfc3339).unwrap_or_default()
}

/// A UI date (`TT.MM.JJJJ`, as the views carry it) in ISO form; unparsable text stays as
/// it is (it never is: the views format it from a date).
pub fn iso_from_ui(ui: &str) -> String {
    app::domain::calendar::parse_date(ui)
        .map(iso_date)
        .unwrap_or_else(|| ui.to_string())
}

/// Parses `JJJJ-MM-TT` strictly.
pub fn parse_iso(s: &str) -> Option<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(s.trim(), &format).ok()
}

fn invalid(field: &str) -> AppError {
    AppError::Validation(vec![FieldError::new(
        field,
        "Bitte geben Sie ein Datum im Format JJJJ-MM-TT an.",
    )])
}

/// A client's ISO date in the `TT.MM.JJJJ` the services read; 422 on the field if it is
/// missing or not one.
pub fn required(field: &str, iso: &str) -> Result<String, AppError> {
    parse_iso(iso)
        .map(format_date)
        .ok_or_else(|| invalid(field))
}

/// A required date of a request body for a service: the UI form of a valid ISO date,
/// else empty, which the service refuses on the field together with every other field
/// it refuses (`in_iso` words that refusal for the API).
pub fn for_service(iso: &str) -> String {
    parse_iso(iso).map(format_date).unwrap_or_default()
}

/// A service's refusal as the API says it: dates are asked for as JJJJ-MM-TT.
pub fn in_iso(e: AppError) -> AppError {
    match e {
        AppError::Validation(errors) => AppError::Validation(
            errors
                .into_iter()
                .map(|mut f| {
                    f.message = f.message.replace("TT.MM.JJJJ", "JJJJ-MM-TT");
                    f
                })
                .collect(),
        ),
        other => other,
    }
}

/// An optional query date, as `required` when given (also given but empty: the API has
/// no form that sends empty fields).
pub fn ui_date_param(field: &str, iso: Option<&str>) -> Result<Option<String>, AppError> {
    iso.map(|d| required(field, d)).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_round_trip_to_the_ui_format() {
        let d = parse_iso("2026-03-09").unwrap();
        assert_eq!(iso_date(d), "2026-03-09");
        assert_eq!(required("wirksam_ab", "2026-03-09").unwrap(), "09.03.2026");
        assert_eq!(iso_from_ui("09.03.2026"), "2026-03-09");
        assert!(ui_date_param("stand", Some(" ")).is_err());
        assert_eq!(ui_date_param("stand", None).unwrap(), None);
        assert_eq!(for_service("2026-03-09"), "09.03.2026");
        assert_eq!(for_service("09.03.2026"), "", "the UI form is no API date");
    }

    #[test]
    fn refusals_ask_for_iso_dates() {
        let e = AppError::Validation(vec![FieldError::new(
            "wirksam_ab",
            "Bitte geben Sie das Wirksamkeitsdatum im Format TT.MM.JJJJ an.",
        )]);
        let e = in_iso(e);
        let message = &e.field_errors()[0].message;
        assert!(
            message.contains("JJJJ-MM-TT") && !message.contains("TT.MM"),
            "{message}"
        );
    }

    #[test]
    fn ui_and_malformed_dates_are_refused_on_the_field() {
        for bad in ["09.03.2026", "2026-3-9", "2026-02-30", "morgen", ""] {
            let err = required("wirksam_ab", bad).unwrap_err();
            assert_eq!(err.field_errors()[0].field, "wirksam_ab", "{bad}");
        }
    }

    #[test]
    fn times_carry_the_berlin_offset() {
        let winter = time::macros::datetime!(2026-01-15 09:00 UTC);
        assert_eq!(iso_time(winter), "2026-01-15T10:00:00+01:00");
        let summer = time::macros::datetime!(2026-07-15 09:00 UTC);
        assert_eq!(iso_time(summer), "2026-07-15T11:00:00+02:00");
    }
}
