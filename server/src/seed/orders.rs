//! Demo change orders in every state, in RD Nord (Kiel) and RD Bayern (München), so every
//! role's inbox, queue and history has something to show. Written directly (the seed has
//! no session), with the same columns, four-eyes values and version chain the services
//! write, and one audit record per order.

use super::anyhow_like;
use app::db::audit::{AuditEntry, INSERT_SQL};
use app::db::write::bind_audit;
use app::db::{BeginWrite, Db};
use app::on_db;
use time::{Duration, OffsetDateTime};

/// One proposed change: Dienststelle, Anliegen, the Bereich whose mailbox of the same
/// Dienststelle becomes the target, and an extra notification address.
type Item = (&'static str, &'static str, &'static str, &'static str);

struct DemoOrder {
    agency: &'static str,
    author: &'static str,
    state: &'static str,
    /// Days before the seed run the order was filed; the later steps follow a day apart.
    days_ago: i64,
    directive: Option<&'static str>,
    justification: &'static str,
    decided_by: Option<&'static str>,
    reason: Option<&'static str>,
    implemented_by: Option<&'static str>,
    /// Codes of Dokumenttypen of Aktentyp 1001 whose online rule the order sends to the
    /// Eingangszone's Postkorb of the agency's Hauptagentur (no RD review then).
    eakte: &'static [&'static str],
    items: &'static [Item],
}

// The Anliegen here are chosen away from "Anfrage Eingliederungszuschuss" in Kiel and
// from "Arbeitslosmeldung", which the end-to-end tests change and read.
const ORDERS: &[DemoOrder] = &[
    // Kiel is behind with Weisung 202505010's eAkte task and has part of it with RIM.
    DemoOrder {
        agency: "kiel",
        author: "aa-kiel",
        state: "eingereicht",
        days_ago: 3,
        directive: Some("202505010"),
        justification: "Umsetzung der Weisung 202505010: Online-Dokumente des Aktentyps 1001 Alg an den Postkorb der Eingangszone (erster Teil).",
        decided_by: None,
        reason: None,
        implemented_by: None,
        eakte: &["101", "102", "103", "104", "105", "106", "107"],
        items: &[],
    },
    DemoOrder {
        agency: "kiel",
        author: "aa-kiel",
        state: "entwurf",
        days_ago: 1,
        directive: None,
        justification: "Nachweise gehen künftig zusätzlich an das Team Leistungsgewährung 2.",
        decided_by: None,
        reason: None,
        implemented_by: None,
        eakte: &[],
        items: &[("kiel.kiel", "an-nachweise", "lg", "kiel.leistung-team2@arbeitsagentur.de")],
    },
    DemoOrder {
        agency: "kiel",
        author: "aa-kiel",
        state: "eingereicht",
        days_ago: 4,
        directive: None,
        justification: "Bescheide und Widersprüche bündeln: Benachrichtigung an das Widerspruchsteam.",
        decided_by: None,
        reason: None,
        implemented_by: None,
        eakte: &[],
        items: &[
            ("kiel.kiel", "an-bescheid", "lg", "kiel.widerspruch@arbeitsagentur.de"),
            ("kiel.kiel", "an-widerspruch", "lg", "kiel.widerspruch@arbeitsagentur.de"),
        ],
    },
    DemoOrder {
        agency: "kiel",
        author: "aa-kiel",
        state: "zur-ueberarbeitung",
        days_ago: 6,
        directive: None,
        justification: "Abschlagszahlungen werden vom Service Center beantwortet.",
        decided_by: Some("rd-nord"),
        reason: Some("Bitte das Funktionspostfach des Service Centers statt einer persönlichen Adresse eintragen."),
        implemented_by: None,
        eakte: &[],
        items: &[("kiel.kiel", "an-abschlag", "sc", "kiel.sc-abschlag@arbeitsagentur.de")],
    },
    DemoOrder {
        agency: "kiel",
        author: "aa-kiel",
        state: "genehmigt",
        days_ago: 5,
        directive: None,
        justification: "Fragen zur Zahlung zusätzlich an das Postfach Zahlungsverkehr melden.",
        decided_by: Some("rd-nord"),
        reason: None,
        implemented_by: None,
        eakte: &[],
        items: &[("kiel.kiel", "an-zahlung", "sc", "kiel.zahlungsverkehr@arbeitsagentur.de")],
    },
    DemoOrder {
        agency: "kiel",
        author: "aa-kiel",
        state: "umgesetzt",
        days_ago: 20,
        directive: None,
        justification: "Arbeitsunfähigkeitsmeldungen zusätzlich an das Team Leistung melden.",
        decided_by: Some("rd-nord"),
        reason: None,
        implemented_by: Some("rim-nord"),
        eakte: &[],
        items: &[("kiel.kiel", "an-au", "lg", "kiel.leistung-au@arbeitsagentur.de")],
    },
    DemoOrder {
        agency: "kiel",
        author: "aa-kiel",
        state: "abgelehnt",
        days_ago: 12,
        directive: None,
        justification: "Insolvenzgeld an das Team Arbeitsvermittlung geben.",
        decided_by: Some("rd-nord"),
        reason: Some("Insolvenzgeld bleibt bei der Leistungsgewährung; eine Umleitung widerspricht der Zuständigkeit."),
        implemented_by: None,
        eakte: &[],
        items: &[("kiel.kiel", "an-insolvenzgeld", "av", "kiel.insolvenz@arbeitsagentur.de")],
    },
    DemoOrder {
        agency: "kiel",
        author: "aa-kiel",
        state: "zurueckgezogen",
        days_ago: 9,
        directive: None,
        justification: "Gründungszuschuss testweise an die Eingangszone.",
        decided_by: None,
        reason: None,
        implemented_by: None,
        eakte: &[],
        items: &[("kiel.kiel", "an-gruendung", "ez", "kiel.gruendung@arbeitsagentur.de")],
    },
    DemoOrder {
        agency: "muenchen",
        author: "aa-muenchen",
        state: "eingereicht",
        days_ago: 8,
        directive: Some("202509011"),
        justification: "Weisung 202509011: Anfrage Eingliederungszuschuss an den Arbeitgeber-Service.",
        decided_by: None,
        reason: None,
        implemented_by: None,
        eakte: &[],
        items: &[("muenchen.muenchen", "ag-egz", "ags", "muenchen.ags-egz@arbeitsagentur.de")],
    },
    DemoOrder {
        agency: "muenchen",
        author: "aa-muenchen",
        state: "genehmigt",
        days_ago: 3,
        directive: None,
        justification: "Kurzarbeitergeld zusätzlich an das Team Kurzarbeit melden.",
        decided_by: Some("rd-bayern"),
        reason: None,
        implemented_by: None,
        eakte: &[],
        items: &[("muenchen.muenchen", "ag-kug", "os", "muenchen.kurzarbeit@arbeitsagentur.de")],
    },
    DemoOrder {
        agency: "muenchen",
        author: "aa-muenchen",
        state: "entwurf",
        days_ago: 2,
        directive: None,
        justification: "Einstiegsqualifizierung zusätzlich an die Ausbildungsvermittlung.",
        decided_by: None,
        reason: None,
        implemented_by: None,
        eakte: &[],
        items: &[("muenchen.muenchen", "ag-eq", "ags", "muenchen.ausbildung@arbeitsagentur.de")],
    },
    DemoOrder {
        agency: "muenchen",
        author: "aa-muenchen",
        state: "abgelehnt",
        days_ago: 15,
        directive: None,
        justification: "Nachweise an das Service Center statt an die Leistungsgewährung.",
        decided_by: Some("rd-bayern"),
        reason: Some("Nachweise werden in der Leistungsgewährung bearbeitet; bitte nicht umleiten."),
        implemented_by: None,
        eakte: &[],
        items: &[("muenchen.muenchen", "an-nachweise", "sc", "muenchen.sc-nachweise@arbeitsagentur.de")],
    },
    DemoOrder {
        agency: "muenchen",
        author: "aa-muenchen",
        state: "zur-ueberarbeitung",
        days_ago: 7,
        directive: None,
        justification: "Fragen zum Bescheid zusätzlich an das Team Bescheide melden.",
        decided_by: Some("rd-bayern"),
        reason: Some("Bitte die Adresse des Teams Bescheide prüfen – sie ist nicht im Verzeichnis."),
        implemented_by: None,
        eakte: &[],
        items: &[("muenchen.muenchen", "an-bescheid", "lg", "muenchen.bescheide@arbeitsagentur.de")],
    },
];

/// Seeds the demo orders once: does nothing when any order exists. Returns how many it wrote.
pub async fn seed_demo_orders(db: &Db) -> anyhow_like::Result<usize> {
    let now = OffsetDateTime::now_utc();
    on_db!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orders").fetch_one(&mut *tx).await?;
        if existing > 0 {
            return Ok(0);
        }
        for o in ORDERS {
            let user = |name: &'static str| sqlx::query_scalar::<_, i64>("SELECT id FROM users WHERE username = $1").bind(name);
            let author: i64 = user(o.author).fetch_one(&mut *tx).await?;
            let decider = match o.decided_by { Some(n) => Some(user(n).fetch_one(&mut *tx).await?), None => None };
            let implementer = match o.implemented_by { Some(n) => Some(user(n).fetch_one(&mut *tx).await?), None => None };
            let (agency_id, region_id): (i64, i64) = sqlx::query_as("SELECT id, region_id FROM agencies WHERE code = $1")
                .bind(o.agency).fetch_one(&mut *tx).await?;
            let directive: Option<i64> = match o.directive {
                Some(n) => sqlx::query_scalar("SELECT id FROM directives WHERE number = $1").bind(n).fetch_optional(&mut *tx).await?,
                None => None,
            };
            let created = now - Duration::days(o.days_ago);
            let submitted = (o.state != "entwurf" && o.state != "zurueckgezogen").then(|| created + Duration::hours(2));
            let decided = decider.map(|_| created + Duration::days(1));
            let implemented = implementer.map(|_| created + Duration::days(2));
            let updated = implemented.or(decided).or(submitted).unwrap_or(created);
            // Only routing items need the RD (the kinds' default workflows).
            let review_required = !o.items.is_empty();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO orders (agency_id, region_id, author_id, state, justification, effective_date, directive_id,
                     revision, created_at, updated_at, submitted_at, decided_by, decided_at, decision_reason, implemented_by, implemented_at,
                     review_required)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id")
                .bind(agency_id).bind(region_id).bind(author).bind(o.state).bind(o.justification)
                .bind((created + Duration::days(14)).date()).bind(directive).bind(created).bind(updated)
                .bind(submitted).bind(decider).bind(decided).bind(o.reason).bind(implementer).bind(implemented)
                .bind(review_required)
                .fetch_one(&mut *tx).await?;
            let number = app::domain::order::order_number(app::domain::calendar::today_berlin(created).year(), id);
            sqlx::query("UPDATE orders SET number = $1 WHERE id = $2").bind(&number).bind(id).execute(&mut *tx).await?;
            for (office, concern, area, extra) in o.items {
                let (entry_id, live, mailbox_id, area_id, address): (i64, i64, i64, i64, String) = sqlx::query_as(
                    "SELECT e.id, v.version, m.id, m.area_id, m.address
                     FROM routing_entries e JOIN offices of ON of.id = e.office_id JOIN concerns c ON c.id = e.concern_id
                     JOIN routing_versions v ON v.entry_id = e.id AND v.valid_until IS NULL
                     JOIN mailboxes m ON m.office_id = of.id JOIN areas ar ON ar.id = m.area_id
                     WHERE of.code = $1 AND c.code = $2 AND ar.code = $3 AND m.kind <> 'liegenschaft'
                     ORDER BY m.id LIMIT 1")
                    .bind(office).bind(concern).bind(area).fetch_one(&mut *tx).await?;
                let addresses = format!("{address}\n{extra}");
                sqlx::query("INSERT INTO order_items (order_id, entry_id, base_version, mailbox_id, area_id, addresses)
                             VALUES ($1, $2, $3, $4, $5, $6)")
                    .bind(id).bind(entry_id).bind(live).bind(mailbox_id).bind(area_id).bind(&addresses)
                    .execute(&mut *tx).await?;
                if let Some(at) = implemented {
                    sqlx::query("UPDATE routing_versions SET valid_until = $1 WHERE entry_id = $2 AND valid_until IS NULL")
                        .bind(at).bind(entry_id).execute(&mut *tx).await?;
                    sqlx::query("INSERT INTO routing_versions (entry_id, version, mailbox_id, area_id, addresses, valid_from, valid_until, order_id, author_id, note)
                                 VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8, $9)")
                        .bind(entry_id).bind(live + 1).bind(mailbox_id).bind(area_id).bind(&addresses).bind(at)
                        .bind(id).bind(author).bind(o.justification).execute(&mut *tx).await?;
                }
            }
            for document_type in o.eakte {
                sqlx::query(
                    "INSERT INTO order_eakte_items (order_id, entry_id, base_version, postkorb_id)
                     SELECT $1, e.id, v.version, p.id
                     FROM eakte_rule_entries e JOIN eakte_document_types dt ON dt.id = e.document_type_id
                     JOIN eakte_rule_versions v ON v.entry_id = e.id AND v.valid_until IS NULL
                     JOIN offices hq ON hq.agency_id = e.agency_id AND hq.kind = 'hauptagentur'
                     JOIN postkoerbe p ON p.office_id = hq.id JOIN areas ar ON ar.id = p.area_id
                     WHERE e.agency_id = $2 AND dt.file_type = '1001' AND dt.code = $3
                       AND e.document_kind = 'online' AND ar.code = 'ez'")
                    .bind(id).bind(agency_id).bind(document_type).execute(&mut *tx).await?;
            }
            let entry = AuditEntry {
                actor_id: None,
                actor_name: "seed".into(),
                client: "cli".into(),
                request_id: "seed".into(),
                action: "demodaten".into(),
                object: format!("auftrag:{number}"),
                outcome: "erfolg".into(),
                detail: format!("Demo-Auftrag im Status {}", o.state),
            };
            bind_audit(sqlx::query(INSERT_SQL), &entry).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok::<_, anyhow_like::Error>(ORDERS.len())
    })
}
