//! A directive's measurable rule over the eAkte-Regelwerk (Weisung 202505010, 1): every
//! rule of an Aktentyp and Dokumentart sends its documents to a Postkorb of the
//! Eingangszone, at the latest a number of days before the agency's own
//! Umstellungstermin. Stored as JSON with the directive.

use super::directive::{Deadline, Status};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

/// "Every rule of Aktentyp `file_type` for Dokumentart `document_kind` sends to a
/// Postkorb of Bereich `area`, `days_before` days before the agency's Umstellungstermin."
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EakteObligation {
    pub file_type: String,
    pub document_kind: String,
    /// Bereich code, e.g. "ez".
    pub area: String,
    pub days_before: u16,
}

impl EakteObligation {
    /// An agency's deadline: relative to its Umstellungstermin, or to the directive's
    /// where the Zentrale has set none for the agency.
    pub fn deadline(&self, switchover: Date) -> Deadline {
        Deadline::DaysBefore {
            switchover,
            days: self.days_before,
        }
    }

    /// "2 Wochen", "10 Tage"
    pub fn span(&self) -> String {
        let days = self.days_before;
        match (days % 7, days / 7) {
            (0, 1) => "1 Woche".into(),
            (0, w) if w > 0 => format!("{w} Wochen"),
            (_, _) if days == 1 => "1 Tag".into(),
            _ => format!("{days} Tage"),
        }
    }

    /// German wording, with the names looked up by the caller: "Aktentyp „1001 Alg“,
    /// Dokumentart „Online-Dokument“: Ziel-Postkorb der „Eingangszone“, spätestens
    /// 2 Wochen vor dem Umstellungstermin der Agentur".
    pub fn describe(&self, file_type: &str, document_kind: &str, area: &str) -> String {
        format!(
            "Aktentyp „{file_type}“, Dokumentart „{document_kind}“: Ziel-Postkorb der „{area}“, spätestens {} vor dem Umstellungstermin der Agentur",
            self.span()
        )
    }

    /// A rule's standing: met when its live Postkorb is of the Bereich; else overdue
    /// after the agency's deadline, even with an order on its way; else underway if a
    /// submitted or approved order sends it to a Postkorb of the Bereich; else open.
    pub fn status(
        &self,
        live_area: &str,
        proposed_areas: &[&str],
        deadline: Deadline,
        now: OffsetDateTime,
    ) -> Status {
        if live_area == self.area {
            Status::Met
        } else if deadline.is_past(now) {
            Status::Overdue
        } else if proposed_areas.contains(&self.area.as_str()) {
            Status::OrderUnderway
        } else {
            Status::Open
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    /// Weisung 202505010, 1, as the register stores it.
    const STORED: &str =
        r#"{"file_type":"1001","document_kind":"online","area":"ez","days_before":14}"#;

    fn rule() -> EakteObligation {
        serde_json::from_str(STORED).unwrap()
    }

    #[test]
    fn the_stored_rule_round_trips() {
        assert_eq!(serde_json::to_string(&rule()).unwrap(), STORED);
        assert_eq!(rule().span(), "2 Wochen");
        assert_eq!(
            rule().describe("1001 Alg", "Online-Dokument", "Eingangszone"),
            "Aktentyp „1001 Alg“, Dokumentart „Online-Dokument“: Ziel-Postkorb der „Eingangszone“, spätestens 2 Wochen vor dem Umstellungstermin der Agentur"
        );
    }

    #[test]
    fn each_agency_has_its_own_deadline_two_weeks_before_its_switchover() {
        let r = rule();
        assert_eq!(
            r.deadline(date!(2025 - 06 - 16)).date(),
            date!(2025 - 06 - 02)
        );
        assert_eq!(
            r.deadline(date!(2025 - 06 - 30)).date(),
            date!(2025 - 06 - 16)
        );
        let days = |d| {
            EakteObligation {
                days_before: d,
                ..rule()
            }
            .span()
        };
        assert_eq!(
            (days(7), days(10), days(1), days(21)),
            (
                "1 Woche".into(),
                "10 Tage".into(),
                "1 Tag".into(),
                "3 Wochen".into()
            )
        );
    }

    #[test]
    fn a_rule_is_met_underway_open_or_overdue() {
        let r = rule();
        let early = r.deadline(date!(2025 - 06 - 30)); // due 16.06.2025
        let before = datetime!(2025-06-10 10:00 UTC);
        let after = datetime!(2025-06-17 10:00 UTC);
        assert_eq!(r.status("ez", &[], early, after), Status::Met);
        assert_eq!(
            r.status("lg", &["ez"], early, before),
            Status::OrderUnderway
        );
        assert_eq!(r.status("lg", &["os"], early, before), Status::Open);
        // Past the agency's deadline only the live rule counts.
        assert_eq!(r.status("lg", &["ez"], early, after), Status::Overdue);
        // Another agency with a later switchover is still in time on the same day.
        let late = r.deadline(date!(2025 - 07 - 14));
        assert_eq!(r.status("lg", &[], late, after), Status::Open);
    }
}
