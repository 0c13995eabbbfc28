//! The column layouts of the CSV exports and how one record becomes one row. The
//! configuration layout is also the import layout (`domain::import`).

use super::calendar::{format_berlin, format_date};
use super::mailbox_setting::EmailMode;
use super::order::OrderState;
use super::org::MailboxKind;
use std::borrow::Cow;
use std::sync::Arc;
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

/// One order item as the RIM export shows it. Names are shared (`Arc<str>`): the export
/// looks them up once and hands the same text to every row.
#[derive(Clone, Debug)]
pub struct ItemRecord {
    pub order_number: String,
    pub state: String,
    pub region: Arc<str>,
    pub agency: Arc<str>,
    pub office_code: Arc<str>,
    pub office_name: Arc<str>,
    pub concern: Arc<str>,
    pub old_area: Option<Arc<str>>,
    pub new_area: Arc<str>,
    pub old_mailbox: Option<Arc<str>>,
    pub new_mailbox: Arc<str>,
    /// Stored one per line.
    pub old_addresses: Option<String>,
    pub new_addresses: String,
    pub effective_date: Date,
    pub filed_by: Arc<str>,
    pub filed_at: OffsetDateTime,
    pub decided_by: Option<Arc<str>>,
    pub decided_at: Option<OffsetDateTime>,
    pub implemented_by: Option<Arc<str>>,
    pub implemented_at: Option<OffsetDateTime>,
    pub directive: Option<Arc<str>>,
    pub base_version: i64,
}

fn addresses(stored: &str) -> Cow<'_, str> {
    if !stored.contains('\n') {
        return Cow::Borrowed(stored.trim());
    }
    Cow::Owned(
        stored
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(ADDRESS_SEPARATOR),
    )
}

/// The row of one item; cells borrow from the record where they can (a million-row
/// export formats a million of these).
pub fn item_row(r: &ItemRecord) -> [Cow<'_, str>; 21] {
    let state = OrderState::from_code(&r.state);
    let [decided_by, decided_at] = decision_cells(state, &r.decided_by, r.decided_at);
    [
        Cow::Borrowed(&r.order_number),
        state_cell(state, &r.state),
        Cow::Borrowed(&r.region),
        Cow::Borrowed(&r.agency),
        Cow::Borrowed(&r.office_code),
        Cow::Borrowed(&r.office_name),
        Cow::Borrowed(&r.concern),
        text(&r.old_area),
        Cow::Borrowed(&r.new_area),
        text(&r.old_mailbox),
        Cow::Borrowed(&r.new_mailbox),
        r.old_addresses
            .as_deref()
            .map_or(Cow::Borrowed(""), addresses),
        addresses(&r.new_addresses),
        Cow::Owned(format_date(r.effective_date)),
        Cow::Borrowed(&r.filed_by),
        Cow::Owned(format_berlin(r.filed_at)),
        decided_by,
        decided_at,
        text(&r.directive),
        Cow::Owned(r.base_version.to_string()),
        implemented_cell(&r.implemented_by, r.implemented_at),
    ]
}

/// The state's German label (the stored code if it is unknown).
fn state_cell(state: Option<OrderState>, code: &str) -> Cow<'_, str> {
    state.map_or(Cow::Borrowed(code), |s| Cow::Borrowed(s.label()))
}

/// "Genehmigt von", "Genehmigt am": rejections and send-backs are decisions too, but not
/// approvals, so they leave both empty.
fn decision_cells(
    state: Option<OrderState>,
    by: &Option<Arc<str>>,
    at: Option<OffsetDateTime>,
) -> [Cow<'_, str>; 2] {
    let approved = matches!(state, Some(OrderState::Approved | OrderState::Implemented));
    match (approved, at) {
        (true, Some(at)) => [text(by), Cow::Owned(format_berlin(at))],
        (true, None) => [text(by), Cow::Borrowed("")],
        _ => [Cow::Borrowed(""), Cow::Borrowed("")],
    }
}

/// "umgesetzt am … von …", empty while not implemented.
fn implemented_cell(by: &Option<Arc<str>>, at: Option<OffsetDateTime>) -> Cow<'static, str> {
    match (by, at) {
        (Some(by), Some(at)) => Cow::Owned(format!("umgesetzt am {} von {by}", format_berlin(at))),
        _ => Cow::Borrowed(""),
    }
}

pub const SETTING_ITEM_COLUMNS: [&str; 19] = [
    "Auftragsnummer",
    "Status",
    "RD",
    "Agentur",
    "Dienststelle-Nr.",
    "Dienststelle",
    "Postfach",
    "Postfach-Name",
    "Postfachart",
    "E-Mail-Kommunikation alt",
    "E-Mail-Kommunikation neu",
    "Wirksam ab",
    "Gestellt von",
    "Gestellt am",
    "Genehmigt von",
    "Genehmigt am",
    "Weisung",
    "Basisversion",
    "Umsetzung",
];

/// What every single-value kind's item export says about the item's order: the first
/// four columns and the last eight.
#[derive(Clone, Debug)]
pub struct OrderFacts {
    pub order_number: String,
    pub state: String,
    pub region: Arc<str>,
    pub agency: Arc<str>,
    pub effective_date: Date,
    pub filed_by: Arc<str>,
    pub filed_at: OffsetDateTime,
    pub decided_by: Option<Arc<str>>,
    pub decided_at: Option<OffsetDateTime>,
    pub implemented_by: Option<Arc<str>>,
    pub implemented_at: Option<OffsetDateTime>,
    pub directive: Option<Arc<str>>,
    pub base_version: i64,
}

impl OrderFacts {
    /// Auftragsnummer, Status, RD, Agentur.
    fn head(&self) -> [Cow<'_, str>; 4] {
        let state = OrderState::from_code(&self.state);
        [
            Cow::Borrowed(&self.order_number),
            state_cell(state, &self.state),
            Cow::Borrowed(&self.region),
            Cow::Borrowed(&self.agency),
        ]
    }

    /// Wirksam ab, Gestellt von/am, Genehmigt von/am, Weisung, Basisversion, Umsetzung.
    fn tail(&self) -> [Cow<'_, str>; 8] {
        let state = OrderState::from_code(&self.state);
        let [decided_by, decided_at] = decision_cells(state, &self.decided_by, self.decided_at);
        [
            Cow::Owned(format_date(self.effective_date)),
            Cow::Borrowed(&self.filed_by),
            Cow::Owned(format_berlin(self.filed_at)),
            decided_by,
            decided_at,
            text(&self.directive),
            Cow::Owned(self.base_version.to_string()),
            implemented_cell(&self.implemented_by, self.implemented_at),
        ]
    }

    /// The order's columns around the kind's own seven.
    fn row<'a>(&'a self, middle: [Cow<'a, str>; 7]) -> [Cow<'a, str>; 19] {
        let cells: Vec<Cow<'a, str>> = self
            .head()
            .into_iter()
            .chain(middle)
            .chain(self.tail())
            .collect();
        cells.try_into().expect("4 + 7 + 8 columns")
    }
}

/// One item of the kind "E-Mail-Kommunikation" as RIM's export shows it.
#[derive(Clone, Debug)]
pub struct SettingItemRecord {
    pub order: OrderFacts,
    pub office_code: String,
    pub office_name: String,
    pub mailbox_address: String,
    pub mailbox_name: String,
    pub mailbox_kind: MailboxKind,
    /// None where the base version is gone (it never is: versions are immutable).
    pub old_mode: Option<EmailMode>,
    pub new_mode: EmailMode,
}

pub fn setting_item_row(r: &SettingItemRecord) -> [Cow<'_, str>; 19] {
    r.order.row([
        Cow::Borrowed(&r.office_code),
        Cow::Borrowed(&r.office_name),
        Cow::Borrowed(&r.mailbox_address),
        Cow::Borrowed(&r.mailbox_name),
        Cow::Borrowed(r.mailbox_kind.label()),
        Cow::Borrowed(r.old_mode.map_or("", EmailMode::label)),
        Cow::Borrowed(r.new_mode.label()),
    ])
}

pub const EAKTE_ITEM_COLUMNS: [&str; 19] = [
    "Auftragsnummer",
    "Status",
    "RD",
    "Agentur",
    "Aktentyp",
    "Dokumenttyp-Nr.",
    "Dokumenttyp",
    "Dokumentart",
    "Ziel-Postkorb alt",
    "Ziel-Postkorb neu",
    "Postkorb-Kennung neu",
    "Wirksam ab",
    "Gestellt von",
    "Gestellt am",
    "Genehmigt von",
    "Genehmigt am",
    "Weisung",
    "Basisversion",
    "Umsetzung",
];

/// One item of the kind "eAkte-Regelwerk" as RIM's export shows it.
#[derive(Clone, Debug)]
pub struct EakteItemRecord {
    pub order: OrderFacts,
    /// "1001 Alg"
    pub file_type: Arc<str>,
    pub document_type_code: String,
    pub document_type: String,
    pub document_kind: Arc<str>,
    /// None where the base version is gone (it never is: versions are immutable).
    pub old_postkorb: Option<String>,
    pub new_postkorb: String,
    /// The Postkorb's stable code ("kiel.kiel/ez"), as RIM's tool names it.
    pub new_postkorb_code: String,
}

pub fn eakte_item_row(r: &EakteItemRecord) -> [Cow<'_, str>; 19] {
    r.order.row([
        Cow::Borrowed(&r.file_type),
        Cow::Borrowed(&r.document_type_code),
        Cow::Borrowed(&r.document_type),
        Cow::Borrowed(&r.document_kind),
        Cow::Borrowed(r.old_postkorb.as_deref().unwrap_or_default()),
        Cow::Borrowed(&r.new_postkorb),
        Cow::Borrowed(&r.new_postkorb_code),
    ])
}

/// An optional name as a cell, empty where there is none.
fn text(value: &Option<Arc<str>>) -> Cow<'_, str> {
    Cow::Borrowed(value.as_deref().unwrap_or_default())
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

pub fn config_row(r: &ConfigRecord) -> [Cow<'_, str>; 12] {
    [
        Cow::Borrowed(&r.region),
        Cow::Borrowed(&r.agency),
        Cow::Borrowed(&r.office_code),
        Cow::Borrowed(&r.office_name),
        Cow::Borrowed(&r.concern),
        Cow::Borrowed(&r.area),
        Cow::Borrowed(&r.mailbox_address),
        Cow::Borrowed(&r.mailbox_name),
        addresses(&r.addresses),
        Cow::Owned(r.version.to_string()),
        Cow::Owned(format_berlin(r.valid_from)),
        Cow::Borrowed(r.order_number.as_deref().unwrap_or_default()),
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

pub fn audit_row(r: &AuditRecord) -> [Cow<'_, str>; 8] {
    [
        Cow::Owned(super::calendar::format_berlin_seconds(r.occurred_at)),
        Cow::Borrowed(&r.actor),
        Cow::Borrowed(&r.client),
        Cow::Borrowed(&r.request_id),
        Cow::Borrowed(&r.action),
        Cow::Borrowed(&r.object),
        Cow::Borrowed(&r.outcome),
        Cow::Borrowed(&r.detail),
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
        let rejected = item("abgelehnt");
        let cells = item_row(&rejected);
        assert_eq!(cells[16], "");
        assert_eq!(cells[17], "");
        let mut done = item("umgesetzt");
        done.implemented_by = Some("Rita RIM".into());
        done.implemented_at = Some(datetime!(2026-03-01 07:00 UTC));
        let cells = item_row(&done);
        assert_eq!(cells[16], "Rudi Prüfer");
        assert_eq!(cells[20], "umgesetzt am 01.03.2026 08:00 von Rita RIM");
    }

    /// The cell under the column of that name (every column has one).
    fn cell(columns: &[&str], cells: &[Cow<'_, str>], name: &str) -> String {
        assert_eq!(cells.len(), columns.len());
        let i = columns.iter().position(|c| *c == name).unwrap();
        cells[i].to_string()
    }

    /// A submitted order answering 202505010, as the single-value kinds' tests start it.
    fn order_facts() -> OrderFacts {
        OrderFacts {
            order_number: "ÄA-2026-000009".into(),
            state: "eingereicht".into(),
            region: "RD Nord".into(),
            agency: "Agentur für Arbeit Kiel".into(),
            effective_date: date!(2025 - 06 - 30),
            filed_by: "Anna Admin".into(),
            filed_at: datetime!(2025-06-01 10:00 UTC),
            decided_by: None,
            decided_at: None,
            implemented_by: None,
            implemented_at: None,
            directive: Some("202505010".into()),
            base_version: 1,
        }
    }

    #[test]
    fn eakte_item_row_names_the_rule_and_both_postkoerbe() {
        let record = EakteItemRecord {
            order: OrderFacts {
                order_number: "ÄA-2026-000010".into(),
                state: "umgesetzt".into(),
                effective_date: date!(2025 - 06 - 02),
                filed_at: datetime!(2025-05-20 10:00 UTC),
                implemented_by: Some("Rita RIM".into()),
                implemented_at: Some(datetime!(2025-05-22 07:00 UTC)),
                ..order_facts()
            },
            file_type: "1001 Alg".into(),
            document_type_code: "109".into(),
            document_type: "Widerspruch".into(),
            document_kind: "Online-Dokument".into(),
            old_postkorb: Some("Postkorb LG Kiel".into()),
            new_postkorb: "Postkorb EZ Kiel".into(),
            new_postkorb_code: "kiel.kiel/ez".into(),
        };
        let cells = eakte_item_row(&record);
        let at = |column: &str| cell(&EAKTE_ITEM_COLUMNS, &cells, column);
        assert_eq!(at("Status"), "Umgesetzt");
        assert_eq!(at("Aktentyp"), "1001 Alg");
        assert_eq!(at("Dokumenttyp-Nr."), "109");
        assert_eq!(at("Ziel-Postkorb alt"), "Postkorb LG Kiel");
        assert_eq!(at("Ziel-Postkorb neu"), "Postkorb EZ Kiel");
        assert_eq!(at("Postkorb-Kennung neu"), "kiel.kiel/ez");
        assert_eq!(at("Wirksam ab"), "02.06.2025");
        assert_eq!(
            at("Umsetzung"),
            "umgesetzt am 22.05.2025 09:00 von Rita RIM"
        );
    }

    #[test]
    fn setting_item_row_names_the_mailbox_and_both_modes() {
        let record = SettingItemRecord {
            order: order_facts(),
            office_code: "KIEL-HA".into(),
            office_name: "Kiel".into(),
            mailbox_address: "team-ez.kiel@arbeitsagentur.de".into(),
            mailbox_name: "Team Eingangszone".into(),
            mailbox_kind: MailboxKind::Team,
            old_mode: Some(EmailMode::External),
            new_mode: EmailMode::Internal,
        };
        let cells = setting_item_row(&record);
        let at = |column: &str| cell(&SETTING_ITEM_COLUMNS, &cells, column);
        assert_eq!(at("Status"), "Eingereicht");
        assert_eq!(at("Postfach"), "team-ez.kiel@arbeitsagentur.de");
        assert_eq!(at("Postfachart"), "Teampostfach");
        assert_eq!(at("E-Mail-Kommunikation alt"), "Extern");
        assert_eq!(at("E-Mail-Kommunikation neu"), "Intern");
        assert_eq!(at("Wirksam ab"), "30.06.2025");
        assert_eq!(at("Gestellt am"), "01.06.2025 12:00");
        assert_eq!(at("Genehmigt von"), "");
        assert_eq!(at("Weisung"), "202505010");
        assert_eq!(at("Umsetzung"), "");
    }

    #[test]
    fn file_names_carry_the_date() {
        assert_eq!(
            file_name("auftragspositionen", date!(2026 - 01 - 05)),
            "auftragspositionen-2026-01-05.csv"
        );
    }
}
