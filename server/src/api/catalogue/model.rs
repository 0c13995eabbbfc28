//! The reference lists of the API: every code and id a request names is listed here.

use app::db::areas::AreaRow;
use app::db::catalogue::ConcernRow;
use app::db::eakte_catalogue::CatalogueRow;
use app::db::eakte_rules::PostkorbRow;
use app::db::org::{AgencyRow, OfficeRow};
use app::domain::org::{MailboxKind, OfficeKind};
use app::services::reference::OfficeMailbox;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct Agentur {
    pub kuerzel: String,
    pub name: String,
    /// RD-Kürzel
    pub rd: String,
    pub rd_name: String,
}

impl From<AgencyRow> for Agentur {
    fn from(a: AgencyRow) -> Self {
        Agentur {
            kuerzel: a.code,
            name: a.name,
            rd: a.region_code,
            rd_name: a.region_name,
        }
    }
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Dienststellenart {
    Hauptagentur,
    Geschaeftsstelle,
}

#[derive(Serialize, ToSchema)]
pub struct Dienststelle {
    pub kuerzel: String,
    pub name: String,
    pub art: Dienststellenart,
}

impl From<(OfficeRow, OfficeKind)> for Dienststelle {
    fn from((o, kind): (OfficeRow, OfficeKind)) -> Self {
        Dienststelle {
            art: match kind {
                OfficeKind::Headquarters => Dienststellenart::Hauptagentur,
                OfficeKind::Branch => Dienststellenart::Geschaeftsstelle,
            },
            kuerzel: o.code,
            name: o.name,
        }
    }
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Postfachart {
    Funktion,
    Organisation,
    Team,
    Liegenschaft,
}

/// A mailbox seen from a Dienststelle: its own, and those of the Hauptagentur that may
/// receive its Anliegen.
#[derive(Serialize, ToSchema)]
pub struct Postfach {
    pub id: i64,
    pub name: String,
    pub adresse: String,
    pub art: Postfachart,
    /// Kürzel der Dienststelle, zu der das Postfach gehört
    pub dienststelle: String,
    /// Bereichs-Id
    pub bereich: i64,
    /// Anliegen dieser Dienststelle dürfen hierhin geroutet werden
    pub routing_ziel: bool,
}

impl From<OfficeMailbox> for Postfach {
    fn from(m: OfficeMailbox) -> Self {
        let r = m.row;
        Postfach {
            art: match m.kind {
                MailboxKind::Function => Postfachart::Funktion,
                MailboxKind::Organisation => Postfachart::Organisation,
                MailboxKind::Team => Postfachart::Team,
                MailboxKind::Building => Postfachart::Liegenschaft,
            },
            id: r.id,
            name: r.name,
            adresse: r.address,
            dienststelle: r.office_code,
            bereich: r.area_id,
            routing_ziel: m.routing_target,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Anliegen {
    pub kuerzel: String,
    pub name: String,
    pub kundengruppe: String,
    /// Bereichs-Id des Standard-Bereichs
    pub bereich: i64,
    pub aktiv: bool,
    /// Das Anliegen, in das ein stillgelegtes aufgegangen ist
    pub nachfolger: Option<String>,
}

impl From<ConcernRow> for Anliegen {
    fn from(c: ConcernRow) -> Self {
        Anliegen {
            kuerzel: c.code,
            name: c.name,
            kundengruppe: c.customer_group,
            bereich: c.area_id,
            aktiv: c.active,
            nachfolger: c.successor_code,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Bereich {
    pub id: i64,
    pub kuerzel: String,
    pub name: String,
    pub aktiv: bool,
}

impl From<AreaRow> for Bereich {
    fn from(a: AreaRow) -> Self {
        Bereich {
            id: a.id,
            kuerzel: a.code,
            name: a.name,
            aktiv: a.active,
        }
    }
}

/// An entry of the eAkte catalogue.
#[derive(Serialize, ToSchema)]
pub struct Katalogeintrag {
    /// Ein Dokumenttyp heißt „Aktentyp.Dokumenttyp“ (z. B. 1001.101)
    pub kuerzel: String,
    pub name: String,
    pub aktiv: bool,
}

impl From<CatalogueRow> for Katalogeintrag {
    fn from(c: CatalogueRow) -> Self {
        Katalogeintrag {
            kuerzel: c.code,
            name: c.name,
            aktiv: c.active,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct EakteKatalog {
    pub aktentypen: Vec<Katalogeintrag>,
    pub dokumenttypen: Vec<Katalogeintrag>,
    pub dokumentarten: Vec<Katalogeintrag>,
}

#[derive(Serialize, ToSchema)]
pub struct Postkorb {
    pub id: i64,
    pub kuerzel: String,
    pub name: String,
    pub bereich_name: String,
    pub dienststelle_name: String,
}

impl From<PostkorbRow> for Postkorb {
    fn from(p: PostkorbRow) -> Self {
        Postkorb {
            id: p.id,
            kuerzel: p.code,
            name: p.name,
            bereich_name: p.area_name,
            dienststelle_name: p.office_name,
        }
    }
}
