//! The Bereiche, the Anliegen catalogue and the three directives of shared/domain.

/// (code, name, short name) of every Bereich.
pub const AREAS: &[(&str, &str, &str)] = &[
    ("ags", "Arbeitgeber-Service", "AG-S"),
    ("ez", "Eingangszone", "EZ"),
    ("sc", "Service Center", "SC"),
    ("lg", "Leistungsgewährung", "LG"),
    ("av", "Arbeitsvermittlung", "AV"),
    ("bb", "Berufsberatung", "BB"),
    ("reha", "Berufliche Rehabilitation und Teilhabe", "Reha"),
    ("os", "Operativer Service", "OS"),
];

/// (code, name, customer group, default Bereich) of every Anliegen.
pub const CONCERNS: &[(&str, &str, &str, &str)] = &[
    (
        "ag-egz",
        "Anfrage Eingliederungszuschuss",
        "Arbeitgeber",
        "ags",
    ),
    (
        "ag-stellenangebot",
        "Stellenangebot aufgeben oder ändern",
        "Arbeitgeber",
        "ags",
    ),
    (
        "ag-ausbildungsstelle",
        "Ausbildungsstelle melden",
        "Arbeitgeber",
        "ags",
    ),
    ("ag-kug", "Kurzarbeitergeld", "Arbeitgeber", "os"),
    (
        "ag-saison-kug",
        "Saison-Kurzarbeitergeld",
        "Arbeitgeber",
        "os",
    ),
    (
        "ag-weiterbildung",
        "Weiterbildung Beschäftigter",
        "Arbeitgeber",
        "ags",
    ),
    (
        "ag-fachkraefte",
        "Arbeitsmarktzulassung ausländischer Fachkräfte",
        "Arbeitgeber",
        "ags",
    ),
    ("ag-eq", "Einstiegsqualifizierung", "Arbeitgeber", "ags"),
    (
        "ag-arbeitsbescheinigung",
        "Arbeitsbescheinigung",
        "Arbeitgeber",
        "lg",
    ),
    (
        "ag-allgemein",
        "Allgemeine Anfrage Arbeitgeber",
        "Arbeitgeber",
        "ags",
    ),
    (
        "an-arbeitslosmeldung",
        "Arbeitslosmeldung",
        "Arbeitnehmer",
        "ez",
    ),
    (
        "an-arbeitsuchend",
        "Arbeitsuchendmeldung",
        "Arbeitnehmer",
        "ez",
    ),
    (
        "an-alg-antrag",
        "Antrag auf Arbeitslosengeld",
        "Arbeitnehmer",
        "lg",
    ),
    (
        "an-veraenderung",
        "Veränderungsmitteilung",
        "Arbeitnehmer",
        "lg",
    ),
    ("an-nachweise", "Nachweise einreichen", "Arbeitnehmer", "lg"),
    (
        "an-termin",
        "Termin vereinbaren oder absagen",
        "Arbeitnehmer",
        "ez",
    ),
    ("an-bescheid", "Frage zum Bescheid", "Arbeitnehmer", "lg"),
    ("an-widerspruch", "Widerspruch", "Arbeitnehmer", "lg"),
    ("an-abschlag", "Abschlagszahlung", "Arbeitnehmer", "sc"),
    ("an-zahlung", "Frage zur Zahlung", "Arbeitnehmer", "sc"),
    (
        "an-vermittlung",
        "Vermittlungsvorschlag und Bewerbung",
        "Arbeitnehmer",
        "av",
    ),
    (
        "an-bildungsgutschein",
        "Förderung der beruflichen Weiterbildung",
        "Arbeitnehmer",
        "av",
    ),
    ("an-gruendung", "Gründungszuschuss", "Arbeitnehmer", "av"),
    (
        "an-vermittlungsbudget",
        "Vermittlungsbudget und Reisekosten",
        "Arbeitnehmer",
        "av",
    ),
    (
        "an-avgs",
        "Aktivierungs- und Vermittlungsgutschein",
        "Arbeitnehmer",
        "av",
    ),
    (
        "an-ortsabwesenheit",
        "Ortsabwesenheit",
        "Arbeitnehmer",
        "lg",
    ),
    ("an-au", "Arbeitsunfähigkeit melden", "Arbeitnehmer", "lg"),
    (
        "an-persoenliche-daten",
        "Persönliche Daten ändern",
        "Arbeitnehmer",
        "sc",
    ),
    ("an-insolvenzgeld", "Insolvenzgeld", "Arbeitnehmer", "lg"),
    (
        "an-vertretung",
        "Online-Vertretung und Bevollmächtigung",
        "Arbeitnehmer",
        "sc",
    ),
    (
        "an-reha",
        "Berufliche Rehabilitation",
        "Arbeitnehmer",
        "reha",
    ),
    ("an-allgemein", "Allgemeine Anfrage", "Arbeitnehmer", "ez"),
    (
        "ba-berufsberatung",
        "Termin Berufsberatung",
        "Ausbildung und Studium",
        "bb",
    ),
    (
        "ba-ausbildungssuche",
        "Ausbildungsplatzsuche",
        "Ausbildung und Studium",
        "bb",
    ),
    (
        "ba-studium",
        "Studienorientierung",
        "Ausbildung und Studium",
        "bb",
    ),
    (
        "ba-bab",
        "Berufsausbildungsbeihilfe",
        "Ausbildung und Studium",
        "lg",
    ),
];

pub struct DirectiveSeed {
    pub number: &'static str,
    pub title: &'static str,
    pub issued_on: (i32, u8, u8),
    pub valid_from: (i32, u8, u8),
    pub reference_code: &'static str,
    pub deadline_on: (i32, u8, u8),
    /// For relative deadlines: the switch-over date and the days before it.
    pub relative_to: Option<((i32, u8, u8), i64)>,
    pub deadline_text: &'static str,
    pub legal_area: &'static str,
    /// JSON of `app::domain::directive::TargetRule`, where the directive is measurable
    /// on the routing.
    pub target_rule: Option<&'static str>,
    /// Orders answering it may only touch the rule's Anliegen.
    pub limited_to_concern: bool,
    /// JSON of `app::domain::setting_rule::SettingRule`, where the directive is measurable
    /// on the mailbox setting "E-Mail-Kommunikation".
    pub setting_rule: Option<&'static str>,
    /// JSON of `app::domain::eakte_obligation::EakteObligation`, where the directive is
    /// measurable on the eAkte-Regelwerk.
    pub eakte_rule: Option<&'static str>,
}

/// 202509011: "Anfrage Eingliederungszuschuss" to the Arbeitgeber-Service mailbox of the
/// Dienststelle, with a notification address, and only that Anliegen.
pub const EGZ_RULE: &str = r#"{"concern":"ag-egz","conditions":[{"area_is":"ags"},{"mailbox_of_area_in_own_office":"ags"},"has_notification_address"]}"#;

/// 202505010, 2.1: every EZ team and organisation mailbox on "Intern" by 01.07.2025.
pub const EZ_INTERNAL_RULE: &str =
    r#"{"mailbox_kinds":["team","organisation"],"area":"ez","mode":"intern","due":"2025-07-01"}"#;

/// 202505010, 1: online documents of Aktentyp 1001 Alg to the Eingangszone's Postkorb,
/// 2 weeks before the agency's Umstellungstermin.
pub const EAKTE_EZ_RULE: &str =
    r#"{"file_type":"1001","document_kind":"online","area":"ez","days_before":14}"#;

/// 202505010, 3: online Veränderungsmitteilungen in the Eingangszone from 01.07.2025: the
/// Anliegen goes to the EZ mailbox of the Dienststelle itself.
pub const VM_EZ_RULE: &str = r#"{"concern":"an-veraenderung","conditions":[{"area_is":"ez"},{"mailbox_of_area_in_own_office":"ez"}],"due":"2025-07-01"}"#;

pub const DIRECTIVES: &[DirectiveSeed] = &[
    DirectiveSeed {
        number: "202505010",
        title: "Herunterfahren E-Mails und Weiterentwicklung der gemeinsamen Aufgabenwahrnehmung im Kundenportal SGB III",
        issued_on: (2025, 5, 26),
        valid_from: (2025, 5, 26),
        reference_code: "KPI4 – 6801.4 / 6901.4 / 1680 / 1542.2",
        deadline_on: (2025, 6, 17),
        relative_to: Some(((2025, 7, 1), 14)),
        deadline_text: "eAkte-Regeländerungen spätestens 2 Wochen vor dem Umstellungstermin (01.07.2025) beim RIM beauftragen; E-Mail-Kommunikation der EZ-Postfächer bis 01.07.2025 auf „Intern“; Online-Veränderungsmitteilungen ab 01.07.2025 in der Eingangszone bearbeiten.",
        legal_area: "SGB III",
        target_rule: Some(VM_EZ_RULE),
        limited_to_concern: false,
        setting_rule: Some(EZ_INTERNAL_RULE),
        eakte_rule: Some(EAKTE_EZ_RULE),
    },
    DirectiveSeed {
        number: "202509011",
        title: "Weiterentwicklung der Prozesse im Kundenportal im Zuge der online Kanalstrategie",
        issued_on: (2025, 9, 22),
        valid_from: (2025, 9, 22),
        reference_code: "KPI4 – 6801.4 / 6801.6 / 6802 / 6901.4 / 5404.2 / 1456.4",
        deadline_on: (2025, 10, 6),
        relative_to: None,
        deadline_text: "Anliegen „Anfrage Eingliederungszuschuss“ an das Zielpostfach des Arbeitgeber-Service der Dienststelle routen und die Benachrichtigungsadresse hinterlegen.",
        legal_area: "SGB III",
        target_rule: Some(EGZ_RULE),
        limited_to_concern: true,
        setting_rule: None,
        eakte_rule: None,
    },
    DirectiveSeed {
        number: "202606014",
        title: "Weiterentwicklung Online-Kundenzugang und Einführung der Abschlagszahlung im Service Center",
        issued_on: (2026, 6, 18),
        valid_from: (2026, 7, 20),
        reference_code: "KPI4 – 6901.4 / 6801.4 / 7010 / 3403",
        deadline_on: (2026, 7, 20),
        relative_to: None,
        deadline_text: "Dezentrale Unterstützungsangebote je Dienststelle per Webauftrag an das Service Center melden.",
        legal_area: "SGB III",
        target_rule: None,
        limited_to_concern: false,
        setting_rule: None,
        eakte_rule: None,
    },
];

/// The demo accounts: (username, display name, role, scope code).
pub const DEMO_USERS: &[(&str, &str, &str, Option<&str>)] = &[
    ("zentrale", "Zentrale Administration", "zentrale", None),
    (
        "aa-kiel",
        "Administration Agentur Kiel",
        "agentur-admin",
        Some("kiel"),
    ),
    (
        "aa-muenchen",
        "Administration Agentur München",
        "agentur-admin",
        Some("muenchen"),
    ),
    ("rd-nord", "Prüfung RD Nord", "rd-pruefer", Some("nord")),
    (
        "rd-bayern",
        "Prüfung RD Bayern",
        "rd-pruefer",
        Some("bayern"),
    ),
    ("rim-nord", "RIM Nord", "rim", Some("nord")),
];

/// The documented demo password (README). Demo data only.
pub const DEMO_PASSWORD: &str = "Demo-Passwort-2026";

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn catalogue_is_complete_and_consistent() {
        assert!(CONCERNS.len() >= 30);
        assert!(CONCERNS
            .iter()
            .any(|c| c.1 == "Anfrage Eingliederungszuschuss"));
        let areas: HashSet<_> = AREAS.iter().map(|a| a.0).collect();
        assert!(CONCERNS.iter().all(|c| areas.contains(c.3)));
        let codes: HashSet<_> = CONCERNS.iter().map(|c| c.0).collect();
        assert_eq!(codes.len(), CONCERNS.len());
    }

    #[test]
    fn the_ez_rule_reads_as_the_directive_says() {
        use app::domain::org::MailboxKind;
        use app::domain::setting_rule::SettingRule;
        let rule: SettingRule = serde_json::from_str(EZ_INTERNAL_RULE).unwrap();
        assert_eq!(
            rule.mailbox_kinds,
            [MailboxKind::Team, MailboxKind::Organisation]
        );
        assert!(AREAS.iter().any(|a| Some(a.0) == rule.area.as_deref()));
        assert_eq!(rule.describe(Some("Eingangszone")), "Team- und Organisationspostfächer des Bereichs „Eingangszone“: E-Mail-Kommunikation „Intern“");
        // The migration sets the same rule where the register already held the directive.
        for backend in ["sqlite", "postgres"] {
            let migration = std::fs::read_to_string(format!(
                "{}/../migrations/{backend}/0010_directive_setting_rule.sql",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap();
            assert!(migration.contains(EZ_INTERNAL_RULE), "{backend}");
        }
    }

    #[test]
    fn the_eakte_rule_reads_as_the_directive_says() {
        use app::domain::eakte_obligation::EakteObligation;
        let rule: EakteObligation = serde_json::from_str(EAKTE_EZ_RULE).unwrap();
        assert_eq!(
            (rule.file_type.as_str(), rule.document_kind.as_str()),
            ("1001", "online")
        );
        assert_eq!(rule.span(), "2 Wochen");
        assert!(AREAS.iter().any(|a| a.0 == rule.area));
        assert!(super::super::eakte_data::FILE_TYPES
            .iter()
            .any(|f| f.0 == rule.file_type));
        assert!(super::super::eakte_data::DOCUMENT_KINDS
            .iter()
            .any(|k| k.0 == rule.document_kind));
        for backend in ["sqlite", "postgres"] {
            let migration = std::fs::read_to_string(format!(
                "{}/../migrations/{backend}/0012_eakte_obligation.sql",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap();
            assert!(migration.contains(EAKTE_EZ_RULE), "{backend}");
        }
    }

    #[test]
    fn the_egz_rule_reads_as_the_directive_says() {
        use app::domain::directive::{Condition, TargetRule};
        let rule: TargetRule = serde_json::from_str(EGZ_RULE).unwrap();
        assert_eq!(rule.concern, "ag-egz");
        assert!(CONCERNS.iter().any(|c| c.0 == rule.concern));
        assert_eq!(
            rule.conditions,
            vec![
                Condition::AreaIs("ags".into()),
                Condition::MailboxOfAreaInOwnOffice("ags".into()),
                Condition::HasNotificationAddress
            ]
        );
    }

    #[test]
    fn relative_deadlines_are_consistent() {
        use time::{Date, Duration, Month};
        for d in DIRECTIVES {
            if let Some(((y, m, day), before)) = d.relative_to {
                let switch = Date::from_calendar_date(y, Month::try_from(m).unwrap(), day).unwrap();
                let (y2, m2, d2) = d.deadline_on;
                let deadline =
                    Date::from_calendar_date(y2, Month::try_from(m2).unwrap(), d2).unwrap();
                assert_eq!(switch - Duration::days(before), deadline, "{}", d.number);
            }
        }
    }
}
