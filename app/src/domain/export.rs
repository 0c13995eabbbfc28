//! The column layouts of the CSV exports and how one record becomes one row. The
//! configuration layout is also the import layout (`domain::import`).

use super::calendar::{format_berlin, format_date};
use super::order::OrderState;
use time::{Date, OffsetDateTime};

/// Notification addresses within one cell.
pub const ADDRESS_SEPARATOR: &str = ", ";

pub const ITEM_COLUMNS: [&str; 21] = [
    "Auftragsnummer",
    "Status",
    "RD",
    "Agentur",
    "Dienststelle-Nr.",
    "Dienststelle",
    "Anliegen",
    "Bereich alt",
    "Bereich neu",
    "Zielpostfach alt",
    "Zielpostfach neu",
    "Benachrichtigungsadressen alt",
    "Benachrichtigungsadressen neu",
    "Wirksam ab",
    "Gestellt von",
    "Gestellt am",
    "Genehmigt von",
    "Genehmigt am",
    "Weisung",
    "Basisversion",
    "Umsetzung",
];

/// One order item as the RIM export shows it.
#[derive(Clone, Debug)]
pub struct ItemRecord {
    pub order_number: String,
    pub state: String,
    pub region: String,
    pub agency: String,
    pub office_code: String,
    pub office_name: String,
    pub concern: String,
    pub old_area: Option<String>,
    pub new_area: String,
    pub old_mailbox: Option<String>,
    pub new_mailbox: String,
    /// Stored one per line.
    pub old_addresses: Option<String>,
    pub new_addresses: String,
    pub effective_date: Date,
    pub filed_by: String,
    pub filed_at: OffsetDateTime,
    pub decided_by: Option<String>,
    pub decided_at: Option<OffsetDateTime>,
    pub implemented_by: Option<String>,
    pub implemented_at: Option<OffsetDateTime>,
    pub directive: Option<String>,
    pub base_version: i64,
}

fn addresses(stored: &str) -> String {
    stored
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(ADDRESS_SEPARATOR)
}

pub fn item_row(r: &ItemRecord) -> [String; 21] {
    let state = OrderState::from_code(&r.state);
    // Rejections and send-backs are decisions too, but not approvals.
    let approved = matches!(state, Some(OrderState::Approved | OrderState::Implemented));
    let implemented = match (&r.implemented_by, r.implemented_at) {
        (Some(by), Some(at)) => format!("umgesetzt am {} von {by}", format_berlin(at)),
        _ => String::new(),
    };
    [
        r.order_number.clone(),
        state
            .map(|s| s.label().to_string())
            .unwrap_or_else(|| r.state.clone()),
        r.region.clone(),
        r.agency.clone(),
        r.office_code.clone(),
        r.office_name.clone(),
        r.concern.clone(),
        r.old_area.clone().unwrap_or_default(),
        r.new_area.clone(),
        r.old_mailbox.clone().unwrap_or_default(),
        r.new_mailbox.clone(),
        r.old_addresses
            .as_deref()
            .map(addresses)
            .unwrap_or_default(),
        addresses(&r.new_addresses),
        format_date(r.effective_date),
        r.filed_by.clone(),
        format_berlin(r.filed_at),
        if approved {
            r.decided_by.clone().unwrap_or_default()
        } else {
            String::new()
        },
        match (approved, r.decided_at) {
            (true, Some(at)) => format_berlin(at),
            _ => String::new(),
        },
        r.directive.clone().unwrap_or_default(),
        r.base_version.to_string(),
        implemented,
    ]
}

pub const CONFIG_COLUMNS: [&str; 12] = [
    "RD",
    "Agentur",
    "Dienststelle-Nr.",
    "Dienststelle",
    "Anliegen",
    "Bereich",
    "Zielpostfach",
    "Zielpostfach-Name",
    "Benachrichtigungsadressen",
    "Version",
    "Gültig seit",
    "Auftrag",
];

/// The live version of one routing entry.
#[derive(Clone, Debug)]
pub struct ConfigRecord {
    pub region: String,
    pub agency: String,
    pub office_code: String,
    pub office_name: String,
    pub concern: String,
    pub area: String,
    pub mailbox_address: String,
    pub mailbox_name: String,
    pub addresses: String,
    pub version: i64,
    pub valid_from: OffsetDateTime,
    pub order_number: Option<String>,
}

pub fn config_row(r: &ConfigRecord) -> [String; 12] {
    [
        r.region.clone(),
        r.agency.clone(),
        r.office_code.clone(),
        r.office_name.clone(),
        r.concern.clone(),
        r.area.clone(),
        r.mailbox_address.clone(),
        r.mailbox_name.clone(),
        addresses(&r.addresses),
        r.version.to_string(),
        format_berlin(r.valid_from),
        r.order_number.clone().unwrap_or_default(),
    ]
}

pub const AUDIT_COLUMNS: [&str; 8] = [
    "Zeitpunkt",
    "Benutzer",
    "Client",
    "Anfrage-ID",
    "Aktion",
    "Objekt",
    "Ergebnis",
    "Details",
];

#[derive(Clone, Debug)]
pub struct AuditRecord {
    pub occurred_at: OffsetDateTime,
    pub actor: String,
    pub client: String,
    pub request_id: String,
    pub action: String,
    pub object: String,
    pub outcome: String,
    pub detail: String,
}

pub fn audit_row(r: &AuditRecord) -> [String; 8] {
    [
        super::calendar::format_berlin_seconds(r.occurred_at),
        r.actor.clone(),
        r.client.clone(),
        r.request_id.clone(),
        r.action.clone(),
        r.object.clone(),
        r.outcome.clone(),
        r.detail.clone(),
    ]
}

/// File name of a download made today: `stem-JJJJ-MM-TT.csv`.
pub fn file_name(stem: &str, today: Date) -> String {
    format!(
        "{stem}-{:04}-{:02}-{:02}.csv",
        today.year(),
        u8::from(today.month()),
        today.day()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn item(state: &str) -> ItemRecord {
        ItemRecord {
            order_number: "ÄA-2026-000007".into(),
            state: state.into(),
            region: "RD Nord".into(),
            agency: "Agentur für Arbeit Kiel".into(),
            office_code: "KIEL-HA".into(),
            office_name: "Kiel".into(),
            concern: "Anfrage Eingliederungszuschuss".into(),
            old_area: Some("Eingangszone".into()),
            new_area: "Arbeitgeber-Service".into(),
            old_mailbox: Some("ez.kiel@arbeitsagentur.de".into()),
            new_mailbox: "ags.kiel@arbeitsagentur.de".into(),
            old_addresses: Some("a@arbeitsagentur.de\nb@arbeitsagentur.de".into()),
            new_addresses: "a@arbeitsagentur.de".into(),
            effective_date: date!(2026 - 03 - 01),
            filed_by: "Anna Admin".into(),
            filed_at: datetime!(2026-02-10 08:30 UTC),
            decided_by: Some("Rudi Prüfer".into()),
            decided_at: Some(datetime!(2026-02-11 23:30 UTC)),
            implemented_by: None,
            implemented_at: None,
            directive: Some("202509011".into()),
            base_version: 1,
        }
    }

    #[test]
    fn item_row_in_german_with_berlin_times() {
        let row = item("genehmigt");
        let cells = item_row(&row);
        assert_eq!(cells.len(), ITEM_COLUMNS.len());
        assert_eq!(cells[1], "Genehmigt");
        assert_eq!(cells[11], "a@arbeitsagentur.de, b@arbeitsagentur.de");
        assert_eq!(cells[13], "01.03.2026");
        assert_eq!(cells[15], "10.02.2026 09:30");
        assert_eq!(cells[16], "Rudi Prüfer");
        // 23:30 UTC is already the next day in Berlin.
        assert_eq!(cells[17], "12.02.2026 00:30");
        assert_eq!(cells[20], "");
    }

    #[test]
    fn only_approvals_fill_the_approval_columns() {
        let cells = item_row(&item("abgelehnt"));
        assert_eq!(cells[16], "");
        assert_eq!(cells[17], "");
        let mut done = item("umgesetzt");
        done.implemented_by = Some("Rita RIM".into());
        done.implemented_at = Some(datetime!(2026-03-01 07:00 UTC));
        let cells = item_row(&done);
        assert_eq!(cells[16], "Rudi Prüfer");
        assert_eq!(cells[20], "umgesetzt am 01.03.2026 08:00 von Rita RIM");
    }

    #[test]
    fn file_names_carry_the_date() {
        assert_eq!(
            file_name("auftragspositionen", date!(2026 - 01 - 05)),
            "auftragspositionen-2026-01-05.csv"
        );
    }
}
