//! The demo's routing story of Weisung 202505010, 3 (online Veränderungsmitteilungen in
//! the Eingangszone from 01.07.2025): in RD Bayern (München) every Dienststelle routes
//! the Anliegen to its own Eingangszone since 23.06.2025, as version 2; elsewhere (Kiel)
//! it still goes to the Leistungsgewährung.

use super::anyhow_like;
use app::db::{BeginWrite, Db};
use app::on_db;
use time::macros::datetime;

/// Entries of Anliegen `$2` in the Dienststellen of RD `$3`.
const CHOSEN: &str = "SELECT e.id FROM routing_entries e JOIN offices o ON o.id = e.office_id
    JOIN agencies a ON a.id = o.agency_id JOIN regions r ON r.id = a.region_id
    JOIN concerns c ON c.id = e.concern_id
    WHERE c.code = $2 AND r.code = $3";

/// Version 2 not yet written (the seed runs again without changing anything).
const NO_SECOND: &str =
    "NOT EXISTS (SELECT 1 FROM routing_versions w WHERE w.entry_id = e.id AND w.version = 2)";

fn close_first() -> String {
    format!(
        "UPDATE routing_versions SET valid_until = $1
         WHERE valid_until IS NULL AND version = 1 AND entry_id IN ({CHOSEN})
           AND NOT EXISTS (SELECT 1 FROM routing_versions w
                           WHERE w.entry_id = routing_versions.entry_id AND w.version = 2)"
    )
}

fn to_own_entrance_zone() -> String {
    format!(
        "INSERT INTO routing_versions
             (entry_id, version, mailbox_id, area_id, addresses, valid_from, valid_until, order_id, author_id, note)
         SELECT e.id, 2, mb.id, mb.area_id, mb.address, $1, NULL, NULL, NULL, $4
         FROM routing_entries e
         JOIN routing_versions v ON v.entry_id = e.id AND v.version = 1 AND v.valid_until = $1
         JOIN mailboxes mb ON mb.id = (SELECT MIN(m.id) FROM mailboxes m JOIN areas ar ON ar.id = m.area_id
                                       WHERE m.office_id = e.office_id AND ar.code = 'ez'
                                         AND m.kind <> 'liegenschaft')
         WHERE e.id IN ({CHOSEN}) AND {NO_SECOND}"
    )
}

/// Writes RD Bayern's change; returns how many entries it moved (0 on a second run).
pub async fn seed_routing_changes(db: &Db) -> anyhow_like::Result<u64> {
    let done = datetime!(2025-06-23 08:00 UTC);
    let note =
        "Umsetzung der Weisung 202505010: Online-Veränderungsmitteilungen an die Eingangszone";
    let moved = on_db!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query(&close_first())
            .bind(done).bind("an-veraenderung").bind("bayern")
            .execute(&mut *tx).await?;
        let moved = sqlx::query(&to_own_entrance_zone())
            .bind(done).bind("an-veraenderung").bind("bayern").bind(note)
            .execute(&mut *tx).await?
            .rows_affected();
        tx.commit().await?;
        Ok::<_, sqlx::Error>(moved)
    })?;
    Ok(moved)
}
