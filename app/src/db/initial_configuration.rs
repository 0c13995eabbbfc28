//! The initial configuration ("Ausgangskonfiguration") of what is new in the organisation:
//! every Dienststelle × active Anliegen gets a routing entry once a mailbox can take it, and
//! every mailbox that has the setting "E-Mail-Kommunikation" gets it as "Extern". Each
//! step fills only what is missing, so running it again changes nothing.

use super::write::{on_tx, WriteTx};
use time::OffsetDateTime;

/// The mailbox a new entry of Dienststelle `o` × Anliegen `c` goes to: the Dienststelle's
/// own Funktions- or Organisationspostfach of the Anliegen's Bereich, else its
/// Hauptagentur's (those may also be notified, Weisung 202509011).
const FITTING_MAILBOX: &str = "COALESCE(
    (SELECT MIN(m.id) FROM mailboxes m
      WHERE m.office_id = o.id AND m.area_id = c.default_area_id AND m.kind IN ('funktion', 'organisation') AND m.active),
    (SELECT MIN(m.id) FROM mailboxes m JOIN offices hq ON hq.id = m.office_id
      WHERE hq.agency_id = o.agency_id AND hq.kind = 'hauptagentur'
        AND m.area_id = c.default_area_id AND m.kind IN ('funktion', 'organisation') AND m.active))";

fn missing_entries() -> String {
    format!(
        "INSERT INTO routing_entries (office_id, concern_id)
         SELECT o.id, c.id FROM offices o CROSS JOIN concerns c
         WHERE c.active AND o.active AND {FITTING_MAILBOX} IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM routing_entries e WHERE e.office_id = o.id AND e.concern_id = c.id)
         ON CONFLICT (office_id, concern_id) DO NOTHING"
    )
}

fn first_versions() -> String {
    format!(
        "INSERT INTO routing_versions
             (entry_id, version, mailbox_id, area_id, addresses, valid_from, valid_until, order_id, author_id, note)
         SELECT p.entry_id, 1, m.id, m.area_id, m.address, $1, NULL, NULL, NULL, $2
         FROM (SELECT e.id AS entry_id, {FITTING_MAILBOX} AS mailbox_id
               FROM routing_entries e JOIN offices o ON o.id = e.office_id JOIN concerns c ON c.id = e.concern_id
               WHERE NOT EXISTS (SELECT 1 FROM routing_versions v WHERE v.entry_id = e.id)) p
         JOIN mailboxes m ON m.id = p.mailbox_id"
    )
}

const SETTING_ENTRIES: &str = "INSERT INTO mailbox_setting_entries (mailbox_id)
    SELECT m.id FROM mailboxes m WHERE m.kind <> 'funktion'
    ON CONFLICT (mailbox_id) DO NOTHING";

const FIRST_SETTINGS: &str = "INSERT INTO mailbox_setting_versions
        (entry_id, version, email_mode, valid_from, valid_until, order_id, author_id, note)
    SELECT e.id, 1, 'extern', $1, NULL, NULL, NULL, $2
    FROM mailbox_setting_entries e
    WHERE NOT EXISTS (SELECT 1 FROM mailbox_setting_versions v WHERE v.entry_id = e.id)";

/// How much a fill created.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Filled {
    pub routing_entries: u64,
    pub mailbox_settings: u64,
}

impl WriteTx {
    /// Routing entries with version 1 where a mailbox can take them.
    pub async fn fill_initial_routing(
        &mut self,
        at: OffsetDateTime,
        note: &str,
    ) -> sqlx::Result<u64> {
        let (entries, versions) = (missing_entries(), first_versions());
        on_tx!(self, conn => {
            sqlx::query(&entries).execute(&mut *conn).await?;
            sqlx::query(&versions).bind(at).bind(note).execute(&mut *conn).await.map(|r| r.rows_affected())
        })
    }

    /// "E-Mail-Kommunikation: Extern" as version 1 of every mailbox that has the setting
    /// (all but Funktionspostfächer) and none yet.
    pub async fn fill_initial_mailbox_settings(
        &mut self,
        at: OffsetDateTime,
        note: &str,
    ) -> sqlx::Result<u64> {
        on_tx!(self, conn => {
            sqlx::query(SETTING_ENTRIES).execute(&mut *conn).await?;
            sqlx::query(FIRST_SETTINGS).bind(at).bind(note).execute(&mut *conn).await.map(|r| r.rows_affected())
        })
    }

    /// Both fills.
    pub async fn fill_initial_configuration(
        &mut self,
        at: OffsetDateTime,
        note: &str,
    ) -> sqlx::Result<Filled> {
        Ok(Filled {
            routing_entries: self.fill_initial_routing(at, note).await?,
            mailbox_settings: self.fill_initial_mailbox_settings(at, note).await?,
        })
    }
}
