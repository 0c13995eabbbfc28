//! What the API says about orders: its own types, not the order page's view models.
//! Field names are German (as the UI and the CSV), references are the codes and ids the
//! catalogue endpoints list, dates are ISO 8601.

use super::super::dates::{iso_date, iso_time, required};
use app::db::eakte_rules::ItemRow as EakteItem;
use app::db::mailbox_settings::ItemRow as SettingItem;
use app::db::orders::ListRow;
use app::domain::fields::{check_address_count, FieldError, Justification};
use app::domain::mailbox_setting::EmailMode;
use app::domain::order::{Action, OrderState};
use app::error::AppError;
use app::services::orders::{ListPage, OrderRecord};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A status or a queue to list by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Statusfilter {
    Entwurf,
    Eingereicht,
    Genehmigt,
    Abgelehnt,
    ZurUeberarbeitung,
    Umgesetzt,
    Zurueckgezogen,
    /// Eingereicht und von der RD zu prüfen
    ZurPruefung,
    /// Genehmigt, oder eingereicht ohne RD-Prüfung: RIM setzt um
    ZurUmsetzung,
}

impl Statusfilter {
    /// The domain's code for it (`domain::order::StatusFilter::from_code` reads it).
    pub fn code(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Listenabfrage {
    /// Nur Aufträge in diesem Status oder dieser Warteschlange
    pub status: Option<Statusfilter>,
    /// RD-Kürzel (nur wer mehrere RDs sieht)
    pub rd: Option<String>,
    /// Cursor: `weiter` der vorigen Seite
    pub nach: Option<i64>,
}

/// One page (50) of orders, newest first; the queues oldest submitted first.
#[derive(Serialize, ToSchema)]
pub struct Auftragsliste {
    pub auftraege: Vec<AuftragKurz>,
    /// Wert für `nach`, um die nächste Seite zu lesen; fehlt auf der letzten Seite
    pub weiter: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct AuftragKurz {
    /// ÄA-JJJJ-NNNNNN
    pub nummer: String,
    /// Agentur-Kürzel
    pub agentur: String,
    pub agentur_name: String,
    pub autor: String,
    pub status: OrderState,
    #[schema(format = Date)]
    pub wirksam_ab: String,
    #[schema(format = DateTime)]
    pub eingereicht_am: Option<String>,
    pub positionen: i64,
    /// Nummer der Weisung, auf die der Auftrag antwortet
    pub weisung: Option<String>,
    /// Frist der Weisung
    #[schema(format = Date)]
    pub frist: Option<String>,
}

impl From<ListRow> for AuftragKurz {
    fn from(r: ListRow) -> Self {
        AuftragKurz {
            nummer: r.number,
            agentur: r.agency_code,
            agentur_name: r.agency_name,
            autor: r.author_name,
            status: r.state,
            wirksam_ab: iso_date(r.effective_date),
            eingereicht_am: r.submitted_at.map(iso_time),
            positionen: r.item_count,
            weisung: r.directive_number,
            frist: r.directive_deadline.map(iso_date),
        }
    }
}

impl From<ListPage> for Auftragsliste {
    fn from(p: ListPage) -> Self {
        Auftragsliste {
            auftraege: p.rows.into_iter().map(AuftragKurz::from).collect(),
            weiter: p.next,
        }
    }
}

/// Who decides before RIM implements (fixed at submission).
#[derive(Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Pruefung {
    /// Die RD genehmigt, lehnt ab oder gibt zurück
    Rd,
    /// RIM setzt ohne RD-Prüfung um
    Keine,
}

/// An order with its items and the actions the caller may take now. Its `ETag` header
/// is the revision, which `If-Match` names on every change.
#[derive(Serialize, ToSchema)]
pub struct Auftrag {
    pub nummer: String,
    pub agentur: String,
    pub agentur_name: String,
    pub autor: String,
    pub status: OrderState,
    pub begruendung: String,
    #[schema(format = Date)]
    pub wirksam_ab: String,
    /// Steigt mit jeder Änderung; das `ETag` nennt sie
    pub revision: i64,
    #[schema(format = DateTime)]
    pub eingereicht_am: Option<String>,
    pub pruefung: Option<Pruefung>,
    pub entschieden_von: Option<String>,
    pub entscheidungsgrund: Option<String>,
    pub weisung: Option<String>,
    /// Sammelauftrag der Zentrale (SA-JJJJ-NNNN)
    pub sammelauftrag: Option<String>,
    /// Positionen der Art „Weiterleitung“
    pub positionen: Vec<Position>,
    /// Positionen der Art „E-Mail-Kommunikation“
    pub einstellungen: Vec<Einstellungsposition>,
    /// Positionen der Art „eAkte-Regelwerk“
    pub eakte_regeln: Vec<EakteRegelposition>,
    /// Andere offene Aufträge an denselben Einträgen
    pub ueberschneidungen: Vec<Ueberschneidung>,
    /// Was der Aufrufer jetzt tun darf
    pub aktionen: Vec<Action>,
}

/// An item of the kind "Weiterleitung": the values it proposes for one entry.
#[derive(Serialize, ToSchema)]
pub struct Position {
    pub id: i64,
    /// Id des Routing-Eintrags
    pub eintrag: i64,
    /// Dienststellen-Kürzel
    pub dienststelle: String,
    /// Anliegen-Kürzel
    pub anliegen: String,
    /// Postfach-Id
    pub postfach: i64,
    /// Bereichs-Id
    pub bereich: i64,
    pub adressen: Vec<String>,
    /// Die Version des Eintrags, gegen die die Position gestellt wurde
    pub basis_version: i64,
    pub aktuelle_version: i64,
    /// Die Basis ist nicht mehr die geltende Version
    pub veraltet: bool,
    pub aenderungen: Vec<Aenderung>,
    /// Hinzugefügte Adressen, die der Postfachkatalog nicht kennt
    pub unbekannte_adressen: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct Aenderung {
    pub feld: String,
    pub vorher: String,
    pub nachher: String,
}

/// An item of the kind "E-Mail-Kommunikation": the value it proposes for a mailbox.
#[derive(Serialize, ToSchema)]
pub struct Einstellungsposition {
    pub id: i64,
    /// Id des Eintrags (GET /api/v1/routing/agenturen/{kuerzel}, `einstellungen`)
    pub eintrag: i64,
    pub postfach_adresse: String,
    /// Der geltende Wert
    pub vorher: EmailMode,
    pub nachher: EmailMode,
    pub basis_version: i64,
    pub aktuelle_version: i64,
    pub veraltet: bool,
}

impl From<&SettingItem> for Einstellungsposition {
    fn from(i: &SettingItem) -> Self {
        Einstellungsposition {
            id: i.at.id,
            eintrag: i.at.entry_id,
            postfach_adresse: i.mailbox_address.clone(),
            vorher: i.live_mode,
            nachher: i.email_mode,
            basis_version: i.at.base_version,
            aktuelle_version: i.at.live_version,
            veraltet: i.at.is_stale(),
        }
    }
}

/// An item of the kind "eAkte-Regelwerk": the Postkorb it proposes for a rule.
#[derive(Serialize, ToSchema)]
pub struct EakteRegelposition {
    pub id: i64,
    /// Id der Regel (GET /api/v1/routing/agenturen/{kuerzel}, `eakte_regeln`)
    pub eintrag: i64,
    /// Dokumenttyp-Kürzel „Aktentyp.Dokumenttyp“
    pub dokumenttyp: String,
    /// Dokumentart-Kürzel
    pub dokumentart: String,
    /// Postkorb-Id der geltenden Regel
    pub postkorb_vorher: i64,
    /// Postkorb-Id, die die Position vorschlägt
    pub postkorb: i64,
    pub basis_version: i64,
    pub aktuelle_version: i64,
    pub veraltet: bool,
}

impl From<&EakteItem> for EakteRegelposition {
    fn from(i: &EakteItem) -> Self {
        EakteRegelposition {
            id: i.at.id,
            eintrag: i.at.entry_id,
            dokumenttyp: i.document_type_code.clone(),
            dokumentart: i.document_kind_code.clone(),
            postkorb_vorher: i.live_postkorb_id,
            postkorb: i.postkorb_id,
            basis_version: i.at.base_version,
            aktuelle_version: i.at.live_version,
            veraltet: i.at.is_stale(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Ueberschneidung {
    pub nummer: String,
    pub status: OrderState,
}

impl From<OrderRecord> for Auftrag {
    fn from(r: OrderRecord) -> Self {
        let o = r.order;
        let positionen = r
            .items
            .iter()
            .zip(r.unknown_addresses)
            .map(|(i, unknown)| Position {
                id: i.id,
                eintrag: i.entry_id,
                dienststelle: i.office_code.clone(),
                anliegen: i.concern_code.clone(),
                postfach: i.mailbox_id,
                bereich: i.area_id,
                adressen: app::db::routing::split_addresses(&i.addresses),
                basis_version: i.base_version,
                aktuelle_version: i.live_version,
                veraltet: i.base_version != i.live_version,
                aenderungen: app::services::orders::item_changes(i)
                    .into_iter()
                    .map(|c| Aenderung {
                        feld: c.field,
                        vorher: c.before,
                        nachher: c.after,
                    })
                    .collect(),
                unbekannte_adressen: unknown,
            })
            .collect();
        Auftrag {
            pruefung: o.submitted_at.map(|_| match o.review_required {
                true => Pruefung::Rd,
                false => Pruefung::Keine,
            }),
            nummer: o.number,
            agentur: o.agency_code,
            agentur_name: o.agency_name,
            autor: o.author_name,
            status: o.state,
            begruendung: o.justification,
            wirksam_ab: iso_date(o.effective_date),
            revision: o.revision,
            eingereicht_am: o.submitted_at.map(iso_time),
            entschieden_von: o.decided_by_name,
            entscheidungsgrund: o.decision_reason,
            weisung: o.directive_number,
            sammelauftrag: o.batch_number,
            positionen,
            einstellungen: r.settings.iter().map(Einstellungsposition::from).collect(),
            eakte_regeln: r.eakte.iter().map(EakteRegelposition::from).collect(),
            ueberschneidungen: r
                .overlapping
                .into_iter()
                .filter_map(|(nummer, code)| {
                    let status = OrderState::from_code(&code)?;
                    Some(Ueberschneidung { nummer, status })
                })
                .collect(),
            aktionen: r.allowed_actions,
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NeuerAuftrag {
    /// Agentur-Kürzel (aus GET /api/v1/agenturen)
    pub agentur: String,
    #[schema(min_length = 10, max_length = 2000)]
    pub begruendung: String,
    #[schema(format = Date)]
    pub wirksam_ab: String,
    /// Nummer der Weisung, auf die der Auftrag antwortet
    pub weisung: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct Angelegt {
    /// ÄA-JJJJ-NNNNNN
    pub nummer: String,
}

/// The header of a draft; the revision comes with `If-Match`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Kopf {
    #[schema(min_length = 10, max_length = 2000)]
    pub begruendung: String,
    #[schema(format = Date)]
    pub wirksam_ab: String,
    pub weisung: Option<String>,
}

impl Kopf {
    /// What the document says of the body, checked before the precondition (as a body
    /// that does not parse is): the justification's length and the date's form. Returns
    /// the date as the services read it.
    pub fn checked(&self) -> Result<String, AppError> {
        let date = required("wirksam_ab", &self.wirksam_ab);
        match (Justification::parse(&self.begruendung), date) {
            (Ok(_), Ok(date)) => Ok(date),
            (justification, date) => {
                let mut errors = Vec::new();
                if let Err(m) = justification {
                    errors.push(FieldError::new("begruendung", m));
                }
                if let Err(e) = date {
                    errors.extend(e.field_errors().iter().cloned());
                }
                Err(AppError::Validation(errors))
            }
        }
    }
}

/// An item of the kind "Weiterleitung"; it replaces the draft's item for the same
/// Dienststelle × Anliegen.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NeuePosition {
    /// Dienststellen-Kürzel (aus GET /api/v1/agenturen/{kuerzel}/dienststellen)
    pub dienststelle: String,
    /// Anliegen-Kürzel (aus GET /api/v1/anliegen)
    pub anliegen: String,
    /// Postfach-Id (aus GET /api/v1/dienststellen/{kuerzel}/postfaecher, `routing_ziel`)
    pub postfach: i64,
    /// Bereichs-Id (aus GET /api/v1/bereiche)
    pub bereich: i64,
    /// Benachrichtigungsadressen
    #[schema(min_items = 1, max_items = 5)]
    pub adressen: Vec<String>,
}

impl NeuePosition {
    /// What the document says of the body (the number of addresses), checked before the
    /// precondition.
    pub fn checked(&self) -> Result<(), AppError> {
        // Counted as the domain counts them: blank entries are no addresses.
        let given = self
            .adressen
            .iter()
            .filter(|a| !a.trim().is_empty())
            .count();
        check_address_count(given)
            .map_err(|m| AppError::Validation(vec![FieldError::new("adressen", m)]))
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Schritt {
    /// Pflicht bei `ablehnen` und `zurueckgeben`
    #[serde(default)]
    pub grund: String,
}

#[derive(Serialize, ToSchema)]
pub struct NeuerStatus {
    pub status: OrderState,
}

#[cfg(test)]
mod tests {
    use super::Statusfilter;
    use app::domain::order::StatusFilter;

    #[test]
    fn every_status_filter_is_one_the_domain_reads() {
        let all = [
            Statusfilter::Entwurf,
            Statusfilter::Eingereicht,
            Statusfilter::Genehmigt,
            Statusfilter::Abgelehnt,
            Statusfilter::ZurUeberarbeitung,
            Statusfilter::Umgesetzt,
            Statusfilter::Zurueckgezogen,
            Statusfilter::ZurPruefung,
            Statusfilter::ZurUmsetzung,
        ];
        for f in all {
            assert!(StatusFilter::from_code(&f.code()).is_some(), "{}", f.code());
        }
        assert_eq!(StatusFilter::all().count(), all.len());
    }

    /// The document's limits (literals: utoipa takes no constants) are the domain's.
    #[test]
    fn documented_limits_are_the_domains() {
        use app::domain::fields::*;
        let doc = crate::api::document();
        let schemas = &doc.components.as_ref().unwrap().schemas;
        let json = serde_json::to_value(schemas).unwrap();
        for body in ["NeuerAuftrag", "Kopf"] {
            let field = &json[body]["properties"]["begruendung"];
            assert_eq!(field["minLength"], JUSTIFICATION_MIN, "{body}");
            assert_eq!(field["maxLength"], JUSTIFICATION_MAX, "{body}");
        }
        let addresses = &json["NeuePosition"]["properties"]["adressen"];
        assert_eq!(addresses["minItems"], ADDRESSES_MIN);
        assert_eq!(addresses["maxItems"], ADDRESSES_MAX);
    }
}
