//! The organisation's master data as one CSV file: one row per mailbox, with its
//! Dienststelle, agency and RD (a Dienststelle without mailboxes gets one row with the
//! mailbox columns empty). Codes come next to names, so a later import can find each
//! object by its code.

use super::org::{MailboxKind, OfficeKind};
use std::borrow::Cow;

pub const MASTER_DATA_COLUMNS: [&str; 12] = [
    "RD-Kürzel",
    "RD",
    "Agentur-Kürzel",
    "Agentur",
    "Dienststelle-Nr.",
    "Dienststelle",
    "Dienststellenart",
    "Postfach",
    "Postfachname",
    "Postfachart",
    "Bereich-Kürzel",
    "Bereich",
];

/// One mailbox of a Dienststelle, as stored (kinds by their codes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailboxRecord {
    pub address: String,
    pub name: String,
    pub kind: String,
    pub area_code: String,
    pub area: String,
}

/// One row: a Dienststelle with its place in the organisation and one of its mailboxes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MasterDataRecord {
    pub region_code: String,
    pub region: String,
    pub agency_code: String,
    pub agency: String,
    pub office_code: String,
    pub office: String,
    pub office_kind: String,
    pub mailbox: Option<MailboxRecord>,
}

/// A stored code as its German label; an unknown code stays as it is.
fn label<'a>(code: &'a str, known: Option<&'static str>) -> Cow<'a, str> {
    known.map_or(Cow::Borrowed(code), Cow::Borrowed)
}

pub fn master_data_row(r: &MasterDataRecord) -> [Cow<'_, str>; 12] {
    let office_kind = label(
        &r.office_kind,
        OfficeKind::from_code(&r.office_kind).map(OfficeKind::label),
    );
    let empty = || Cow::Borrowed("");
    let (address, name, kind, area_code, area) = match &r.mailbox {
        Some(m) => (
            Cow::Borrowed(m.address.as_str()),
            Cow::Borrowed(m.name.as_str()),
            label(
                &m.kind,
                MailboxKind::from_code(&m.kind).map(MailboxKind::label),
            ),
            Cow::Borrowed(m.area_code.as_str()),
            Cow::Borrowed(m.area.as_str()),
        ),
        None => (empty(), empty(), empty(), empty(), empty()),
    };
    [
        Cow::Borrowed(&r.region_code),
        Cow::Borrowed(&r.region),
        Cow::Borrowed(&r.agency_code),
        Cow::Borrowed(&r.agency),
        Cow::Borrowed(&r.office_code),
        Cow::Borrowed(&r.office),
        office_kind,
        address,
        name,
        kind,
        area_code,
        area,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kiel(mailbox: Option<MailboxRecord>) -> MasterDataRecord {
        MasterDataRecord {
            region_code: "nord".into(),
            region: "Regionaldirektion Nord".into(),
            agency_code: "kiel".into(),
            agency: "Agentur für Arbeit Kiel".into(),
            office_code: "kiel.kiel".into(),
            office: "Kiel".into(),
            office_kind: "hauptagentur".into(),
            mailbox,
        }
    }

    #[test]
    fn a_row_names_codes_and_labels_of_every_level() {
        let r = kiel(Some(MailboxRecord {
            address: "kiel.eingangszone@arbeitsagentur.de".into(),
            name: "Eingangszone Kiel".into(),
            kind: "funktion".into(),
            area_code: "ez".into(),
            area: "Eingangszone".into(),
        }));
        let row = master_data_row(&r);
        assert_eq!(row.len(), MASTER_DATA_COLUMNS.len());
        assert_eq!(row[6], "Hauptagentur");
        assert_eq!(row[7], "kiel.eingangszone@arbeitsagentur.de");
        assert_eq!(row[9], "Funktionspostfach");
        assert_eq!(row[10], "ez");
    }

    #[test]
    fn a_dienststelle_without_mailboxes_keeps_its_row_and_unknown_codes_stay_visible() {
        let mut r = kiel(None);
        r.office_kind = "aussenstelle".into();
        let row = master_data_row(&r);
        assert_eq!(row[4], "kiel.kiel");
        assert_eq!(row[6], "aussenstelle");
        assert!(row[7..].iter().all(|c| c.is_empty()));
    }
}
