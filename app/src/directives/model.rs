//! What the directives pages and their services exchange (shared by server and browser;
//! imports nothing of either side).

use serde::{Deserialize, Serialize};

/// Counts per status, ready to show.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TallyView {
    pub met: u32,
    pub underway: u32,
    pub open: u32,
    pub overdue: u32,
    pub total: u32,
    pub percent_met: u32,
    /// "erfuellt" | "unterwegs" | "offen" | "ueberfaellig", for the CSS class.
    pub status_code: String,
    /// "erfüllt" …
    pub status: String,
}

/// One directive in a list, with its standing in the user's scope.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectiveSummary {
    pub number: String,
    pub title: String,
    /// TT.MM.JJJJ
    pub deadline: String,
    /// "noch 12 Tage", "heute", "seit 3 Tagen abgelaufen"
    pub countdown: String,
    pub deadline_passed: bool,
    /// None: the directive has no measurable target rule.
    pub tally: Option<TallyView>,
    /// What the tally counts: "Dienststellen", "Postfächer" or both.
    pub counted: String,
}

/// The register as the user sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectiveList {
    /// The Zentrale maintains the register.
    pub can_manage: bool,
    pub directives: Vec<DirectiveSummary>,
}

/// An RD or agency in a compliance table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupStanding {
    pub code: String,
    pub name: String,
    pub tally: TallyView,
    /// Drill-down link.
    pub href: String,
}

/// A Dienststelle's standing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeStanding {
    pub code: String,
    pub name: String,
    pub status_code: String,
    pub status: String,
    /// The live routing of the Anliegen in one line.
    pub live: String,
    /// The order on the way, if any.
    pub order: Option<String>,
}

/// Which level a compliance page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Level {
    /// All RDs side by side.
    Regions,
    /// The agencies of one RD.
    Agencies {
        region_code: String,
        region_name: String,
    },
    /// The Dienststellen of one agency.
    Offices {
        agency_code: String,
        agency_name: String,
        region_code: String,
        region_name: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectiveDetail {
    pub summary: DirectiveSummary,
    pub issued_on: String,
    pub valid: String,
    pub reference_code: String,
    pub legal_area: String,
    pub deadline_text: String,
    /// How the deadline is set ("2 Wochen vor dem Umstellungstermin 01.07.2025").
    pub deadline_rule: String,
    /// Anliegen of the target rule and its conditions in German.
    pub concern: Option<String>,
    pub conditions: Vec<String>,
    pub limited_to_concern: bool,
    /// The target rule's own deadline with its countdown, where it has one.
    pub rule_due: Option<String>,
    /// "alle Agenturen" or the RDs and agencies named.
    pub applies_to: String,
    pub level: Level,
    /// The scope's total at this level.
    pub tally: Option<TallyView>,
    /// RDs or agencies, worst first.
    pub groups: Vec<GroupStanding>,
    /// At agency level: every Dienststelle, worst first.
    pub offices: Vec<OfficeStanding>,
    /// At agency level, for users who may file: whether a pre-filled order can be made.
    pub can_prefill: bool,
    /// The Zentrale may change the directive.
    pub can_edit: bool,
    /// The obligation over the mailbox setting "E-Mail-Kommunikation", if the directive
    /// has one.
    pub setting: Option<SettingObligation>,
    /// The obligation over the eAkte-Regelwerk, if the directive has one.
    pub eakte: Option<EakteObligationView>,
    /// The keep-in-place locks the directive imposes, done centrally (Liegenschaftspostfächer
    /// "Intern" from 01.07.2025), each with its standing at the level.
    pub locks: Vec<SettingObligation>,
    /// The Zentrale may file a batch order for the mailboxes not yet locked.
    pub can_lock_centrally: bool,
    /// Today in Berlin (TT.MM.JJJJ): the batch order's earliest effective date.
    pub today: String,
    /// The batch orders filed for the directive, newest first.
    pub batches: Vec<BatchLink>,
}

/// A batch order (Sammelauftrag) named on its directive's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchLink {
    /// SA-JJJJ-NNNN
    pub number: String,
    /// "SA-2026-0001 vom 06.12.2026, 09:14"
    pub label: String,
}

/// A directive's obligation over the eAkte-Regelwerk at the page's level; its deadline
/// is each agency's own, relative to the agency's Umstellungstermin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EakteObligationView {
    /// "Aktentyp „1001 Alg“, Dokumentart „Online-Dokument“: Ziel-Postkorb der „Eingangszone“, …"
    pub rule: String,
    /// At agency level: the agency's deadline and Umstellungstermin.
    pub agency_due: Option<AgencyDue>,
    pub tally: TallyView,
    /// RDs or agencies, worst first.
    pub groups: Vec<GroupStanding>,
    /// At agency level: every rule the obligation judges, worst first.
    pub rules: Vec<RuleStanding>,
    /// The user may file a pre-filled order for the agency's open rules.
    pub can_prefill: bool,
    /// The user (the Zentrale) may set the agencies' Umstellungstermin.
    pub can_set_switchover: bool,
}

/// One agency's deadline for an obligation relative to its Umstellungstermin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyDue {
    /// TT.MM.JJJJ
    pub due: String,
    /// TT.MM.JJJJ
    pub switchover: String,
    /// Set by the Zentrale for the agency (else the directive's Umstellungstermin holds).
    pub switchover_set: bool,
    pub countdown: String,
    pub due_passed: bool,
}

/// An eAkte rule's standing with an obligation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleStanding {
    pub entry_id: i64,
    pub document_type: String,
    pub status_code: String,
    pub status: String,
    /// The live Ziel-Postkorb.
    pub live: String,
    /// The order on the way, if any.
    pub order: Option<String>,
}

/// A directive's obligation over the mailbox setting, with its own due day, at the
/// page's level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingObligation {
    /// "Team- und Organisationspostfächer des Bereichs „Eingangszone“: …"
    pub rule: String,
    /// TT.MM.JJJJ
    pub due: String,
    pub countdown: String,
    pub due_passed: bool,
    pub tally: TallyView,
    /// RDs or agencies, worst first.
    pub groups: Vec<GroupStanding>,
    /// At agency level: every mailbox the rule judges, worst first.
    pub mailboxes: Vec<MailboxStanding>,
    /// The user may file a pre-filled order for the agency's open mailboxes.
    pub can_prefill: bool,
}

/// A mailbox's standing with a setting obligation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailboxStanding {
    pub address: String,
    /// "Team Eingangszone (Teampostfach), Dienststelle Kiel"
    pub name: String,
    pub status_code: String,
    pub status: String,
    /// The live value: "Intern" or "Extern".
    pub live: String,
    /// The order on the way, if any.
    pub order: Option<String>,
}

/// One agency's standing with a directive, for the agency admin's start page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyDirective {
    pub summary: DirectiveSummary,
    pub agency_code: String,
    pub agency_name: String,
    /// Dienststellen not yet compliant and without an order on the way.
    pub open_offices: Vec<OfficeStanding>,
    /// Mailboxes and eAkte rules not yet compliant and without an order on the way.
    pub open_other: Vec<OpenEntry>,
    pub can_prefill: bool,
    /// One pre-filled order per obligation that has something open.
    pub prefills: Vec<PrefillLink>,
}

/// An entry of an obligation other than routing that still needs an order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenEntry {
    /// "Postfach Team Eingangszone Kiel <…>", "eAkte-Regel 1001 Alg · Widerspruch · Online-Dokument"
    pub what: String,
    pub status_code: String,
    pub status: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrefillLink {
    pub label: String,
    pub href: String,
}

/// The button that prepares the pre-filled order of one obligation.
pub fn prefill_label(kind: crate::domain::kind::Kind) -> &'static str {
    use crate::domain::kind::Kind;
    match kind {
        Kind::Routing => "Auftrag mit den nötigen Änderungen vorbereiten",
        Kind::MailboxSetting => "Auftrag für die offenen Postfächer vorbereiten",
        Kind::EakteRule => "Auftrag für die offenen eAkte-Regeln vorbereiten",
    }
}
