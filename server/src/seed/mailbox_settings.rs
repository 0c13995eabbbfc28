//! Version 1 of the mailbox setting "E-Mail-Kommunikation" of every Team-, Organisations-
//! and Liegenschaftspostfach, and the demo's story of Weisung 202505010: the
//! Liegenschaftspostfächer were locked centrally on 01.07.2025, except those of Heide and
//! Neumünster (RD Nord), which the central lock missed: the Zentrale's batch order is
//! still due for them; in RD Bayern (München) the EZ team and organisation mailboxes are
//! already "Intern", elsewhere (Kiel) not yet.

use super::anyhow_like;
use app::db::{BeginWrite, Db};
use app::on_db;
use time::macros::datetime;

/// The entries a later step sets to "Intern": still at version 1 and chosen by `$2`.
fn to_internal(which: &str) -> (String, String) {
    let chosen = format!(
        "SELECT e.id FROM mailbox_setting_entries e JOIN mailboxes m ON m.id = e.mailbox_id
         JOIN offices of ON of.id = m.office_id JOIN agencies a ON a.id = of.agency_id
         JOIN regions r ON r.id = a.region_id JOIN areas ar ON ar.id = m.area_id
         WHERE {which}
           AND EXISTS (SELECT 1 FROM mailbox_setting_versions v
                       WHERE v.entry_id = e.id AND v.version = 1 AND v.valid_until IS NULL)"
    );
    let close = format!(
        "UPDATE mailbox_setting_versions SET valid_until = $1
         WHERE valid_until IS NULL AND version = 1 AND entry_id IN ({chosen})"
    );
    let insert = format!(
        "INSERT INTO mailbox_setting_versions
             (entry_id, version, email_mode, valid_from, valid_until, order_id, author_id, note)
         SELECT v.entry_id, 2, 'intern', $1, NULL, NULL, NULL, $2
         FROM mailbox_setting_versions v
         WHERE v.version = 1 AND v.valid_until = $1 AND v.entry_id IN (
             SELECT e.id FROM mailbox_setting_entries e JOIN mailboxes m ON m.id = e.mailbox_id
             JOIN offices of ON of.id = m.office_id JOIN agencies a ON a.id = of.agency_id
             JOIN regions r ON r.id = a.region_id JOIN areas ar ON ar.id = m.area_id
             WHERE {which})
           AND NOT EXISTS (SELECT 1 FROM mailbox_setting_versions w WHERE w.entry_id = v.entry_id AND w.version = 2)"
    );
    (close, insert)
}

/// Seeds the chains; returns the number of mailboxes with the setting.
pub async fn seed_initial_mailbox_settings(db: &Db) -> anyhow_like::Result<i64> {
    let introduced = datetime!(2025-01-02 07:00 UTC);
    let steps = [
        (
            "m.kind = 'liegenschaft' AND a.code NOT IN ('heide', 'neumuenster')",
            datetime!(2025-06-30 22:00 UTC),
            "Zentrale Sperrung des externen Mailempfangs nach Weisung 202505010",
        ),
        (
            "m.kind IN ('team', 'organisation') AND ar.code = 'ez' AND r.code = 'bayern'",
            datetime!(2025-06-16 08:00 UTC),
            "Umsetzung der Weisung 202505010: EZ-Postfächer auf „Intern“",
        ),
    ];
    let mut first = db.begin_write().await?;
    first
        .fill_initial_mailbox_settings(introduced, "Ausgangskonfiguration")
        .await?;
    first.commit().await?;
    on_db!(db, pool => {
        let mut tx = pool.begin_write().await?;
        for (which, at, note) in steps {
            let (close, insert) = to_internal(which);
            sqlx::query(&close).bind(at).execute(&mut *tx).await?;
            sqlx::query(&insert).bind(at).bind(note).execute(&mut *tx).await?;
        }
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mailbox_setting_entries").fetch_one(&mut *tx).await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(n)
    })
    .map_err(Into::into)
}
