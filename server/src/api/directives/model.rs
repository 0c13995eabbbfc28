//! What the API says about directives and compliance with them.

use super::super::dates::iso_from_ui;
use app::directives::model::{
    DirectiveDetail, DirectiveList, DirectiveSummary, GroupStanding, Level, OfficeStanding,
    TallyView,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// How far along a scope is.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Erfuellung {
    Erfuellt,
    Unterwegs,
    Offen,
    Ueberfaellig,
}

impl Erfuellung {
    fn from_code(code: &str) -> Self {
        match code {
            "erfuellt" => Erfuellung::Erfuellt,
            "unterwegs" => Erfuellung::Unterwegs,
            "ueberfaellig" => Erfuellung::Ueberfaellig,
            _ => Erfuellung::Offen,
        }
    }
}

/// Counts per status within the caller's scope.
#[derive(Serialize, ToSchema)]
pub struct Stand {
    pub erfuellt: u32,
    pub unterwegs: u32,
    pub offen: u32,
    pub ueberfaellig: u32,
    pub gesamt: u32,
    pub status: Erfuellung,
}

impl From<TallyView> for Stand {
    fn from(t: TallyView) -> Self {
        Stand {
            erfuellt: t.met,
            unterwegs: t.underway,
            offen: t.open,
            ueberfaellig: t.overdue,
            gesamt: t.total,
            status: Erfuellung::from_code(&t.status_code),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Weisung {
    pub nummer: String,
    pub titel: String,
    #[schema(format = Date)]
    pub frist: String,
    pub frist_abgelaufen: bool,
    /// Fehlt, wenn die Weisung keine messbare Zielregel hat
    pub stand: Option<Stand>,
    /// Was der Stand zählt: „Dienststellen“, „Postfächer“ oder beides
    pub gezaehlt: String,
}

impl From<DirectiveSummary> for Weisung {
    fn from(s: DirectiveSummary) -> Self {
        Weisung {
            nummer: s.number,
            titel: s.title,
            frist: iso_from_ui(&s.deadline),
            frist_abgelaufen: s.deadline_passed,
            stand: s.tally.map(Stand::from),
            gezaehlt: s.counted,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Weisungsliste {
    pub weisungen: Vec<Weisung>,
}

impl From<DirectiveList> for Weisungsliste {
    fn from(l: DirectiveList) -> Self {
        Weisungsliste {
            weisungen: l.directives.into_iter().map(Weisung::from).collect(),
        }
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Ebenenwahl {
    /// RD-Kürzel: ihre Agenturen
    pub rd: Option<String>,
    /// Agentur-Kürzel: ihre Dienststellen
    pub agentur: Option<String>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Ebene {
    Regionaldirektionen,
    Agenturen,
    Dienststellen,
}

/// An RD or agency with its standing.
#[derive(Serialize, ToSchema)]
pub struct Gruppe {
    pub kuerzel: String,
    pub name: String,
    pub stand: Stand,
}

#[derive(Serialize, ToSchema)]
pub struct Dienststellenstand {
    pub kuerzel: String,
    pub name: String,
    pub status: Erfuellung,
    /// Der Auftrag auf dem Weg, falls einer
    pub auftrag: Option<String>,
}

/// A directive's compliance at one level: RDs, the agencies of one RD, or the
/// Dienststellen of one agency (worst first).
#[derive(Serialize, ToSchema)]
pub struct Weisungsstand {
    pub weisung: Weisung,
    pub ebene: Ebene,
    /// RD-Kürzel auf den Ebenen „agenturen“ und „dienststellen“
    pub rd: Option<String>,
    /// Agentur-Kürzel auf der Ebene „dienststellen“
    pub agentur: Option<String>,
    pub stand: Option<Stand>,
    pub gruppen: Vec<Gruppe>,
    pub dienststellen: Vec<Dienststellenstand>,
}

impl From<DirectiveDetail> for Weisungsstand {
    fn from(d: DirectiveDetail) -> Self {
        let (ebene, rd, agentur) = match d.level {
            Level::Regions => (Ebene::Regionaldirektionen, None, None),
            Level::Agencies { region_code, .. } => (Ebene::Agenturen, Some(region_code), None),
            Level::Offices {
                agency_code,
                region_code,
                ..
            } => (Ebene::Dienststellen, Some(region_code), Some(agency_code)),
        };
        Weisungsstand {
            weisung: Weisung::from(d.summary),
            ebene,
            rd,
            agentur,
            stand: d.tally.map(Stand::from),
            gruppen: d
                .groups
                .into_iter()
                .map(|g: GroupStanding| Gruppe {
                    kuerzel: g.code,
                    name: g.name,
                    stand: Stand::from(g.tally),
                })
                .collect(),
            dienststellen: d
                .offices
                .into_iter()
                .map(|o: OfficeStanding| Dienststellenstand {
                    kuerzel: o.code,
                    name: o.name,
                    status: Erfuellung::from_code(&o.status_code),
                    auftrag: o.order,
                })
                .collect(),
        }
    }
}
