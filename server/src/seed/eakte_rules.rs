//! The eAkte catalogue, the Postkörbe, and version 1 of every agency's rules for
//! Aktentyp 1001 Alg, with the demo's story of Weisung 202505010: every document lands
//! in the Leistungsgewährung's Postkorb of the Hauptagentur; in RD Bayern (München) the
//! online documents already go to the Eingangszone's Postkorb, elsewhere (Kiel) not yet.

use super::anyhow_like;
use super::eakte_data::{
    DOCUMENT_KINDS, DOCUMENT_TYPES, FILE_TYPES, HEADQUARTERS_POSTKORB_AREAS, POSTKORB_AREAS,
};
use app::db::{BeginWrite, Db};
use app::on_db;
use time::macros::datetime;

const POSTKOERBE: &str = "INSERT INTO postkoerbe (office_id, area_id, code, name)
    SELECT o.id, a.id, o.code || '/' || a.code, 'Postkorb ' || a.short_name || ' ' || o.name
    FROM offices o CROSS JOIN areas a
    WHERE a.code = $1 AND (o.kind = 'hauptagentur' OR NOT $2)
    ON CONFLICT (code) DO NOTHING";

const ENTRIES: &str = "INSERT INTO eakte_rule_entries (agency_id, document_type_id, document_kind)
    SELECT a.id, dt.id, dk.code FROM agencies a CROSS JOIN eakte_document_types dt
    CROSS JOIN eakte_document_kinds dk WHERE 1 = 1
    ON CONFLICT (agency_id, document_type_id, document_kind) DO NOTHING";

/// The Postkorb of Bereich `$area` at the entry's Hauptagentur.
const HQ_POSTKORB: &str = "(SELECT p.id FROM postkoerbe p JOIN offices hq ON hq.id = p.office_id
    JOIN areas ar ON ar.id = p.area_id
    WHERE hq.agency_id = e.agency_id AND hq.kind = 'hauptagentur' AND ar.code = $AREA)";

fn first_versions() -> String {
    format!(
        "INSERT INTO eakte_rule_versions
             (entry_id, version, postkorb_id, valid_from, valid_until, order_id, author_id, note)
         SELECT e.id, 1, {}, $1, NULL, NULL, NULL, 'Ausgangskonfiguration'
         FROM eakte_rule_entries e
         WHERE NOT EXISTS (SELECT 1 FROM eakte_rule_versions v WHERE v.entry_id = e.id)",
        HQ_POSTKORB.replace("$AREA", "'lg'")
    )
}

/// Online documents of the agencies of RD `$2` to the Eingangszone, as version 2.
fn online_to_entrance_zone() -> (String, String) {
    let chosen = "SELECT e.id FROM eakte_rule_entries e JOIN agencies a ON a.id = e.agency_id
        JOIN regions r ON r.id = a.region_id
        WHERE e.document_kind = 'online' AND r.code = $2";
    let close = format!(
        "UPDATE eakte_rule_versions SET valid_until = $1
         WHERE valid_until IS NULL AND version = 1 AND entry_id IN ({chosen})
           AND NOT EXISTS (SELECT 1 FROM eakte_rule_versions w
                           WHERE w.entry_id = eakte_rule_versions.entry_id AND w.version = 2)"
    );
    let insert = format!(
        "INSERT INTO eakte_rule_versions
             (entry_id, version, postkorb_id, valid_from, valid_until, order_id, author_id, note)
         SELECT e.id, 2, {}, $1, NULL, NULL, NULL, $3
         FROM eakte_rule_entries e JOIN eakte_rule_versions v ON v.entry_id = e.id
         WHERE v.version = 1 AND v.valid_until = $1 AND e.id IN ({chosen})
           AND NOT EXISTS (SELECT 1 FROM eakte_rule_versions w WHERE w.entry_id = e.id AND w.version = 2)",
        HQ_POSTKORB.replace("$AREA", "'ez'")
    );
    (close, insert)
}

/// The demo's Umstellungstermine of Weisung 202505010, spread over June 2025: Kiel's on
/// 16.06. (its eAkte deadline 02.06. has passed), München's on 30.06. (done in time on
/// 02.06.), every other agency's on one of the five Mondays by its place in the list.
fn switchover_of(code: &str, index: usize) -> time::Date {
    use time::macros::date;
    const MONDAYS: [time::Date; 5] = [
        date!(2025 - 06 - 02),
        date!(2025 - 06 - 09),
        date!(2025 - 06 - 16),
        date!(2025 - 06 - 23),
        date!(2025 - 06 - 30),
    ];
    match code {
        "kiel" => date!(2025 - 06 - 16),
        "muenchen" => date!(2025 - 06 - 30),
        _ => MONDAYS[index % MONDAYS.len()],
    }
}

/// Sets every agency's Umstellungstermin of the directive that has an eAkte rule, where
/// none is set yet.
async fn seed_switchovers(db: &Db) -> anyhow_like::Result<()> {
    let set_at = datetime!(2025-05-26 09:00 UTC);
    on_db!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let directive: Option<i64> = sqlx::query_scalar("SELECT id FROM directives WHERE number = '202505010'")
            .fetch_optional(&mut *tx).await?;
        if let Some(directive) = directive {
            let agencies: Vec<(i64, String)> = sqlx::query_as("SELECT id, code FROM agencies ORDER BY code")
                .fetch_all(&mut *tx).await?;
            for (index, (agency_id, code)) in agencies.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO agency_switchovers (directive_id, agency_id, switchover_on, set_by, set_at)
                     VALUES ($1, $2, $3, NULL, $4) ON CONFLICT (directive_id, agency_id) DO NOTHING")
                    .bind(directive).bind(agency_id).bind(switchover_of(code, index)).bind(set_at)
                    .execute(&mut *tx).await?;
            }
        }
        tx.commit().await?;
        Ok::<_, sqlx::Error>(())
    })?;
    Ok(())
}

/// Seeds the catalogue and the chains; returns the number of rules.
pub async fn seed_initial_eakte_rules(db: &Db) -> anyhow_like::Result<i64> {
    let introduced = datetime!(2025-01-02 07:00 UTC);
    let bayern_done = datetime!(2025-06-02 08:00 UTC);
    let note = "Umsetzung der Weisung 202505010: Online-Dokumente an den Postkorb der Eingangszone";
    let (close, insert) = online_to_entrance_zone();
    let n = on_db!(db, pool => {
        let mut tx = pool.begin_write().await?;
        for (code, name) in FILE_TYPES {
            sqlx::query("INSERT INTO eakte_file_types (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING")
                .bind(code).bind(name).execute(&mut *tx).await?;
        }
        for (code, name) in DOCUMENT_KINDS {
            sqlx::query("INSERT INTO eakte_document_kinds (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING")
                .bind(code).bind(name).execute(&mut *tx).await?;
        }
        for (file_type, code, name) in DOCUMENT_TYPES {
            sqlx::query("INSERT INTO eakte_document_types (file_type, code, name) VALUES ($1, $2, $3)
                         ON CONFLICT (file_type, code) DO NOTHING")
                .bind(file_type).bind(code).bind(name).execute(&mut *tx).await?;
        }
        for (areas, headquarters_only) in [(POSTKORB_AREAS, false), (HEADQUARTERS_POSTKORB_AREAS, true)] {
            for area in areas {
                sqlx::query(POSTKOERBE).bind(area).bind(headquarters_only).execute(&mut *tx).await?;
            }
        }
        sqlx::query(ENTRIES).execute(&mut *tx).await?;
        sqlx::query(&first_versions()).bind(introduced).execute(&mut *tx).await?;
        sqlx::query(&close).bind(bayern_done).bind("bayern").execute(&mut *tx).await?;
        sqlx::query(&insert).bind(bayern_done).bind("bayern").bind(note).execute(&mut *tx).await?;
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM eakte_rule_entries").fetch_one(&mut *tx).await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(n)
    })?;
    seed_switchovers(db).await?;
    Ok(n)
}
