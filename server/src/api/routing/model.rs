//! What the API says about the live configuration and its history.

use super::super::dates::{iso_date, iso_time};
use app::db::routing::{split_addresses, EntryRow, VersionRow};
use app::domain::mailbox_setting::EmailMode;
use app::services::routing::{AgencyRecord, HistoryRecord, OfficeRecord};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Stichtag {
    /// Die Konfiguration am Ende dieses Tages (Europe/Berlin), JJJJ-MM-TT; ohne: die geltende
    #[param(format = Date)]
    pub stand: Option<String>,
}

/// A routing entry (Dienststelle × Anliegen) in one version.
#[derive(Serialize, ToSchema)]
pub struct Routingeintrag {
    /// Id des Eintrags (für seine Historie)
    pub id: i64,
    pub dienststelle: String,
    pub anliegen: String,
    pub anliegen_name: String,
    pub kundengruppe: String,
    pub version: i64,
    /// Postfach-Id
    pub postfach: i64,
    pub postfach_adresse: String,
    /// Bereichs-Id
    pub bereich: i64,
    pub adressen: Vec<String>,
    #[schema(format = DateTime)]
    pub gueltig_ab: String,
    /// Der erste offene Auftrag, der den Eintrag ändert (nur für den geltenden Stand)
    pub offener_auftrag: Option<String>,
}

impl From<EntryRow> for Routingeintrag {
    fn from(r: EntryRow) -> Self {
        Routingeintrag {
            id: r.entry_id,
            dienststelle: r.office_code,
            anliegen: r.concern_code,
            anliegen_name: r.concern_name,
            kundengruppe: r.customer_group,
            version: r.version,
            postfach: r.mailbox_id,
            postfach_adresse: r.mailbox_address,
            bereich: r.area_id,
            adressen: split_addresses(&r.addresses),
            gueltig_ab: iso_time(r.valid_from),
            offener_auftrag: r.open_order,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Dienststellenrouting {
    pub dienststelle: String,
    pub dienststelle_name: String,
    pub agentur: String,
    #[schema(format = Date)]
    pub stand: Option<String>,
    pub eintraege: Vec<Routingeintrag>,
}

impl From<OfficeRecord> for Dienststellenrouting {
    fn from(r: OfficeRecord) -> Self {
        Dienststellenrouting {
            dienststelle: r.office.code,
            dienststelle_name: r.office.name,
            agentur: r.office.agency_code,
            stand: r.as_of.map(iso_date),
            eintraege: r.rows.into_iter().map(Routingeintrag::from).collect(),
        }
    }
}

/// A mailbox's "E-Mail-Kommunikation".
#[derive(Serialize, ToSchema)]
pub struct Einstellung {
    pub id: i64,
    pub postfach_adresse: String,
    pub wert: EmailMode,
    pub version: i64,
    #[schema(format = DateTime)]
    pub gueltig_ab: String,
    pub offener_auftrag: Option<String>,
}

/// A rule of the eAkte-Regelwerk: Aktentyp × Dokumenttyp × Dokumentart → Postkorb.
#[derive(Serialize, ToSchema)]
pub struct EakteRegel {
    pub id: i64,
    /// Dokumenttyp-Kürzel „Aktentyp.Dokumenttyp“ (aus GET /api/v1/eakte-katalog)
    pub dokumenttyp: String,
    /// Dokumentart-Kürzel
    pub dokumentart: String,
    /// Postkorb-Id (aus GET /api/v1/agenturen/{kuerzel}/postkoerbe)
    pub postkorb: i64,
    pub version: i64,
    #[schema(format = DateTime)]
    pub gueltig_ab: String,
    pub offener_auftrag: Option<String>,
}

/// An agency's configuration of every kind.
#[derive(Serialize, ToSchema)]
pub struct Agenturkonfiguration {
    pub agentur: String,
    pub agentur_name: String,
    #[schema(format = Date)]
    pub stand: Option<String>,
    /// Weiterleitung: nach Dienststelle (Hauptagentur zuerst), dann Anliegen
    pub eintraege: Vec<Routingeintrag>,
    pub einstellungen: Vec<Einstellung>,
    pub eakte_regeln: Vec<EakteRegel>,
}

impl From<AgencyRecord> for Agenturkonfiguration {
    fn from(r: AgencyRecord) -> Self {
        Agenturkonfiguration {
            agentur: r.agency.code,
            agentur_name: r.agency.name,
            stand: r.as_of.map(iso_date),
            eintraege: r.rows.into_iter().map(Routingeintrag::from).collect(),
            einstellungen: r
                .settings
                .into_iter()
                .map(|s| Einstellung {
                    id: s.entry_id,
                    postfach_adresse: s.mailbox_address,
                    wert: s.email_mode,
                    version: s.version,
                    gueltig_ab: iso_time(s.valid_from),
                    offener_auftrag: s.open_order,
                })
                .collect(),
            eakte_regeln: r
                .eakte_rules
                .into_iter()
                .map(|e| EakteRegel {
                    id: e.entry_id,
                    dokumenttyp: e.document_type_code,
                    dokumentart: e.document_kind_code,
                    postkorb: e.postkorb_id,
                    version: e.version,
                    gueltig_ab: iso_time(e.valid_from),
                    offener_auftrag: e.open_order,
                })
                .collect(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Version {
    pub version: i64,
    #[schema(format = DateTime)]
    pub gueltig_ab: String,
    #[schema(format = DateTime)]
    pub gueltig_bis: Option<String>,
    pub postfach: i64,
    pub postfach_adresse: String,
    pub bereich: i64,
    pub adressen: Vec<String>,
    /// Der Auftrag, der die Version brachte (keiner für die Erstkonfiguration)
    pub auftrag: Option<String>,
    pub autor: Option<String>,
    pub umgesetzt_von: Option<String>,
    pub notiz: String,
}

impl From<VersionRow> for Version {
    fn from(v: VersionRow) -> Self {
        Version {
            version: v.version,
            gueltig_ab: iso_time(v.valid_from),
            gueltig_bis: v.valid_until.map(iso_time),
            postfach: v.mailbox_id,
            postfach_adresse: v.mailbox_address,
            bereich: v.area_id,
            adressen: split_addresses(&v.addresses),
            auftrag: v.order_number,
            autor: v.author,
            umgesetzt_von: v.implemented_by,
            notiz: v.note,
        }
    }
}

/// Every version of a routing entry, newest first.
#[derive(Serialize, ToSchema)]
pub struct Eintragshistorie {
    pub id: i64,
    pub dienststelle: String,
    pub anliegen: String,
    pub versionen: Vec<Version>,
}

impl From<HistoryRecord> for Eintragshistorie {
    fn from(r: HistoryRecord) -> Self {
        Eintragshistorie {
            id: r.meta.entry_id,
            dienststelle: r.meta.office_code,
            anliegen: r.meta.concern_code,
            versionen: r.versions.into_iter().rev().map(Version::from).collect(),
        }
    }
}
