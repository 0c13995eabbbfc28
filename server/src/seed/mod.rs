//! `seed --demo`: realistic demo data, idempotent (running it twice changes nothing).

mod catalogue_data;
mod eakte_data;
mod eakte_rules;
mod mailbox_settings;
mod orders;
mod org_data;
mod routing_changes;

pub use catalogue_data::{DEMO_PASSWORD, DEMO_USERS};
pub use orders::seed_demo_orders;

use app::db::users::{self, NewUser};
use app::db::{BeginWrite, Db};
use app::domain::org::{slug, MailboxKind, OfficeKind};
use app::domain::policy::{Assignment, Role, Scope};
use app::on_db;
use app::services::password::PasswordHasher;
pub use catalogue_data::EGZ_RULE;
use catalogue_data::{AREAS, CONCERNS, DIRECTIVES};
use org_data::{AGENCIES, REGIONS};
use time::{Date, Month};

/// Mailboxes every Dienststelle has: (Bereich code, kind, name prefix). Every mailbox
/// an Anliegen is routed to is a Funktions- or Organisationspostfach, so the initial
/// routing may notify its own target (Weisung 202509011).
const BRANCH_MAILBOXES: &[(&str, MailboxKind, &str)] = &[
    ("ez", MailboxKind::Function, "Eingangszone"),
    ("ags", MailboxKind::Function, "Arbeitgeber-Service"),
    ("av", MailboxKind::Function, "Arbeitsvermittlung"),
    ("lg", MailboxKind::Function, "Leistungsgewährung"),
];

/// Mailboxes only the Hauptagentur has. The Team- and Liegenschaftspostfach are never an
/// initial routing target (the Eingangszone's Funktionspostfach comes first).
const HEADQUARTERS_MAILBOXES: &[(&str, MailboxKind, &str)] = &[
    ("sc", MailboxKind::Organisation, "Service Center"),
    ("bb", MailboxKind::Organisation, "Berufsberatung"),
    (
        "reha",
        MailboxKind::Organisation,
        "Berufliche Rehabilitation",
    ),
    ("ez", MailboxKind::Team, "Team Eingangszone"),
    ("os", MailboxKind::Function, "Operativer Service"),
    ("os", MailboxKind::Building, "Liegenschaft"),
];

fn date((y, m, d): (i32, u8, u8)) -> Date {
    Date::from_calendar_date(y, Month::try_from(m).expect("month"), d).expect("valid seed date")
}

/// Local part of a mailbox address: "kiel.eingangszone", "kiel-eckernfoerde.arbeitgeber-service".
fn mailbox_local(
    agency_code: &str,
    office: &str,
    is_hq: bool,
    name: &str,
    kind: MailboxKind,
) -> String {
    let place = if is_hq {
        agency_code.to_string()
    } else {
        format!("{agency_code}-{}", slug(office))
    };
    let suffix = if kind == MailboxKind::Building {
        "liegenschaft".to_string()
    } else {
        slug(name)
    };
    format!("{place}.{suffix}")
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub regions: usize,
    pub agencies: usize,
    pub offices: usize,
    pub mailboxes: usize,
    pub concerns: usize,
    pub directives: usize,
    pub users_created: usize,
    pub routing_entries: i64,
    pub mailbox_settings: i64,
    pub eakte_rules: i64,
}

/// Seeds organisation, catalogue, directives (one transaction) and the demo users.
pub async fn seed_demo(db: &Db, hasher: &PasswordHasher) -> anyhow_like::Result<SeedReport> {
    let mut report = seed_reference_data(db).await?;
    version_master_data(db).await?;
    report.routing_entries = seed_initial_routing(db).await?;
    routing_changes::seed_routing_changes(db).await?;
    report.mailbox_settings = mailbox_settings::seed_initial_mailbox_settings(db).await?;
    report.eakte_rules = eakte_rules::seed_initial_eakte_rules(db).await?;
    for (username, display_name, role, scope_code) in DEMO_USERS {
        if users::find_by_username(db, username).await?.is_some() {
            continue;
        }
        let role = Role::from_code(role).expect("demo role");
        let scope = resolve_scope(db, role, *scope_code).await?;
        let assignment = Assignment::new(role, scope).map_err(|e| e.to_string())?;
        let hash = hasher.hash(DEMO_PASSWORD).await?;
        // A reserved domain: a demo with mail switched on reaches nobody real.
        let email = format!("{username}@demo.invalid");
        let created = users::create(
            db,
            &NewUser {
                username,
                display_name,
                password_hash: &hash,
                assignments: &[assignment],
                email: Some(&email),
            },
        )
        .await?;
        report.users_created += usize::from(created.is_some());
    }
    Ok(report)
}

/// Version 1 of every RD, agency, Dienststelle, mailbox and Bereich, as introduced.
async fn version_master_data(db: &Db) -> anyhow_like::Result<()> {
    let mut tx = db.begin_write().await?;
    let objects = tx.master_data_objects().await?;
    let note = app::db::master_data::VersionNote {
        at: time::macros::datetime!(2025-01-02 07:00 UTC),
        author_id: None,
        note: "Ausgangskonfiguration",
    };
    tx.version_unversioned(&objects, &note).await?;
    tx.commit().await?;
    Ok(())
}

/// Resolves a scope code for a role: nothing for Zentrale, an RD code for reviewers and
/// RIM, an agency code for agency admins.
pub async fn resolve_scope(db: &Db, role: Role, code: Option<&str>) -> anyhow_like::Result<Scope> {
    match (role, code) {
        (Role::Zentrale, None) => Ok(Scope::All),
        (Role::Zentrale, Some(_)) => {
            Err("Die Rolle Zentrale hat keinen Geltungsbereich (--scope weglassen).".into())
        }
        (Role::RdReviewer | Role::Rim, Some(code)) => {
            let (region_id, _, _) = app::db::org::region_by_code(db, code)
                .await?
                .ok_or_else(|| format!("Unbekannte Regionaldirektion „{code}“."))?;
            Ok(Scope::Region { region_id })
        }
        (Role::AgencyAdmin, Some(code)) => {
            let a = app::db::org::agency_by_code(db, code)
                .await?
                .ok_or_else(|| format!("Unbekannte Agentur „{code}“."))?;
            Ok(Scope::Agency {
                region_id: a.region_id,
                agency_id: a.id,
            })
        }
        (_, None) => Err(format!(
            "Die Rolle {} braucht --scope (RD- oder Agentur-Kürzel).",
            role.code()
        )
        .into()),
    }
}

async fn seed_reference_data(db: &Db) -> anyhow_like::Result<SeedReport> {
    let mut report = SeedReport::default();
    on_db!(db, pool => {
        let mut tx = pool.begin_write().await?;
        for (code, name) in REGIONS {
            sqlx::query("INSERT INTO regions (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING")
                .bind(code).bind(name).execute(&mut *tx).await?;
            report.regions += 1;
        }
        for (code, name, short) in AREAS {
            sqlx::query("INSERT INTO areas (code, name, short_name) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING")
                .bind(code).bind(name).bind(short).execute(&mut *tx).await?;
        }
        for (code, name, group, area) in CONCERNS {
            sqlx::query(
                "INSERT INTO concerns (code, name, customer_group, default_area_id, active)
                 SELECT $1, $2, $3, id, $5 FROM areas WHERE code = $4
                 ON CONFLICT (code) DO NOTHING")
                .bind(code).bind(name).bind(group).bind(area).bind(true)
                .execute(&mut *tx).await?;
            report.concerns += 1;
        }
        for d in DIRECTIVES {
            sqlx::query(
                "INSERT INTO directives (number, title, issued_on, valid_from, valid_until, reference_code,
                                         deadline_on, switchover_on, days_before, deadline_text)
                 VALUES ($1, $2, $3, $4, NULL, $5, $6, $7, $8, $9)
                 ON CONFLICT (number) DO NOTHING")
                .bind(d.number).bind(d.title).bind(date(d.issued_on)).bind(date(d.valid_from))
                .bind(d.reference_code).bind(date(d.deadline_on))
                .bind(d.relative_to.map(|(s, _)| date(s))).bind(d.relative_to.map(|(_, n)| n))
                .bind(d.deadline_text)
                .execute(&mut *tx).await?;
            // Also for registers seeded before directives had rules (migration 0004).
            sqlx::query(
                "UPDATE directives SET legal_area = $1, target_rule = $2, limited_to_concern = $3
                 WHERE number = $4 AND target_rule IS NULL AND revision = 1")
                .bind(d.legal_area).bind(d.target_rule).bind(d.limited_to_concern).bind(d.number)
                .execute(&mut *tx).await?;
            // Also for registers seeded before directives had setting rules (migration 0010).
            sqlx::query(
                "UPDATE directives SET setting_rule = $1
                 WHERE number = $2 AND setting_rule IS NULL AND revision = 1")
                .bind(d.setting_rule).bind(d.number)
                .execute(&mut *tx).await?;
            // … and eAkte rules (migration 0012).
            sqlx::query(
                "UPDATE directives SET eakte_rule = $1
                 WHERE number = $2 AND eakte_rule IS NULL AND revision = 1")
                .bind(d.eakte_rule).bind(d.number)
                .execute(&mut *tx).await?;
            report.directives += 1;
        }
        for agency in AGENCIES {
            sqlx::query(
                "INSERT INTO agencies (region_id, code, name)
                 SELECT id, $2, $3 FROM regions WHERE code = $1
                 ON CONFLICT (code) DO NOTHING")
                .bind(agency.region).bind(agency.code).bind(agency.name)
                .execute(&mut *tx).await?;
            report.agencies += 1;
            for (i, office) in agency.offices.iter().enumerate() {
                let is_hq = i == 0;
                let kind = if is_hq { OfficeKind::Headquarters } else { OfficeKind::Branch };
                let office_code = format!("{}.{}", agency.code, slug(office));
                sqlx::query(
                    "INSERT INTO offices (agency_id, code, name, kind)
                     SELECT id, $2, $3, $4 FROM agencies WHERE code = $1
                     ON CONFLICT (code) DO NOTHING")
                    .bind(agency.code).bind(&office_code).bind(office).bind(kind.code())
                    .execute(&mut *tx).await?;
                report.offices += 1;
                let extra: &[(&str, MailboxKind, &str)] = if is_hq { HEADQUARTERS_MAILBOXES } else { &[] };
                for (area, mkind, label) in BRANCH_MAILBOXES.iter().chain(extra) {
                    let local = mailbox_local(agency.code, office, is_hq, label, *mkind);
                    let name = format!("{label} {office}");
                    sqlx::query(
                        "INSERT INTO mailboxes (office_id, area_id, kind, name, address)
                         SELECT o.id, a.id, $3, $4, $5 FROM offices o, areas a WHERE o.code = $1 AND a.code = $2
                         ON CONFLICT (address) DO NOTHING")
                        .bind(&office_code).bind(area).bind(mkind.code()).bind(&name)
                        .bind(format!("{local}@arbeitsagentur.de"))
                        .execute(&mut *tx).await?;
                    report.mailboxes += 1;
                }
            }
        }
        tx.commit().await?;
        Ok::<_, sqlx::Error>(())
    })?;
    Ok(report)
}

/// Version 1 ("Ausgangskonfiguration") of every Dienststelle × Anliegen: the Dienststelle's
/// mailbox of the Anliegen's Bereich, else the Hauptagentur's. In every third agency
/// "Anfrage Eingliederungszuschuss" still goes to the Eingangszone, as before directive
/// 202509011. Set-based, so it stays fast on PostgreSQL too.
async fn seed_initial_routing(db: &Db) -> anyhow_like::Result<i64> {
    const ENTRIES: &str = "INSERT INTO routing_entries (office_id, concern_id)
        SELECT o.id, c.id FROM offices o CROSS JOIN concerns c WHERE 1 = 1
        ON CONFLICT (office_id, concern_id) DO NOTHING";
    const VERSIONS: &str = "INSERT INTO routing_versions
            (entry_id, version, mailbox_id, area_id, addresses, valid_from, valid_until, order_id, author_id, note)
        SELECT x.entry_id, 1, mb.id, mb.area_id, mb.address, $1, NULL, NULL, NULL, 'Ausgangskonfiguration'
        FROM (
            SELECT e.id AS entry_id,
                   COALESCE(
                       (SELECT MIN(m.id) FROM mailboxes m
                         WHERE m.office_id = o.id AND m.area_id = t.area_id AND m.kind <> 'liegenschaft'),
                       (SELECT MIN(m.id) FROM mailboxes m JOIN offices hq ON hq.id = m.office_id
                         WHERE hq.agency_id = o.agency_id AND hq.kind = 'hauptagentur'
                           AND m.area_id = t.area_id AND m.kind <> 'liegenschaft')) AS mailbox_id
            FROM routing_entries e
            JOIN offices o ON o.id = e.office_id
            JOIN (
                SELECT c.id AS concern_id, a.id AS agency_id,
                       CASE WHEN c.code = 'ag-egz' AND a.id % 3 = 0
                            THEN (SELECT id FROM areas WHERE code = 'ez')
                            ELSE c.default_area_id END AS area_id
                FROM concerns c CROSS JOIN agencies a
            ) t ON t.concern_id = e.concern_id AND t.agency_id = o.agency_id
            WHERE NOT EXISTS (SELECT 1 FROM routing_versions v WHERE v.entry_id = e.id)
        ) x
        JOIN mailboxes mb ON mb.id = x.mailbox_id";
    // The configuration as it stood when the tool was introduced.
    let introduced = time::macros::datetime!(2025-01-02 07:00 UTC);
    on_db!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query(ENTRIES).execute(&mut *tx).await?;
        sqlx::query(VERSIONS).bind(introduced).execute(&mut *tx).await?;
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM routing_entries").fetch_one(&mut *tx).await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(n)
    })
    .map_err(Into::into)
}

/// A boxed error with a message, for the CLI (no extra crate needed).
pub mod anyhow_like {
    pub type Error = Box<dyn std::error::Error + Send + Sync>;
    pub type Result<T> = std::result::Result<T, Error>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mailbox_addresses_are_readable() {
        assert_eq!(
            mailbox_local("kiel", "Kiel", true, "Eingangszone", MailboxKind::Function),
            "kiel.eingangszone"
        );
        assert_eq!(
            mailbox_local(
                "kiel",
                "Eckernförde",
                false,
                "Arbeitgeber-Service",
                MailboxKind::Team
            ),
            "kiel-eckernfoerde.arbeitgeber-service"
        );
        assert_eq!(
            mailbox_local("kiel", "Kiel", true, "Liegenschaft", MailboxKind::Building),
            "kiel.liegenschaft"
        );
    }
}
