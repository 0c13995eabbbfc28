//! The catalogue of the eAkte-Regelwerk as its administration reads and writes it:
//! Aktentypen, Dokumenttypen and Dokumentarten with their use, new entries with the
//! initial configuration of their rules, and the rules that end or return with them.

use super::routing::open_states;
use super::write::{on_reader, on_tx, Reader, WriteTx};
use crate::domain::eakte_catalogue::CatalogueKind;
use time::OffsetDateTime;

/// One entry of the catalogue with its use.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CatalogueRow {
    /// The id its versions name.
    pub id: i64,
    /// Its code; a Dokumenttyp's is "Aktentyp.Dokumenttyp" ("1001.101").
    pub code: String,
    pub name: String,
    pub active: bool,
    /// A Dokumenttyp's Aktentyp (code).
    pub file_type: Option<String>,
    /// An Aktentyp's active Dokumenttypen.
    pub children: i64,
    /// Live rules of the entry.
    pub live_rules: i64,
    /// Its live master-data version (0 before the first change).
    pub version: i64,
}

const LIVE: &str =
    "SELECT COUNT(*) FROM eakte_rule_versions v JOIN eakte_rule_entries e ON e.id = v.entry_id
    JOIN eakte_document_types dt ON dt.id = e.document_type_id WHERE v.valid_until IS NULL";

fn select(kind: CatalogueKind) -> String {
    let version = format!(
        "COALESCE((SELECT mv.version FROM master_data_versions mv
            WHERE mv.level = '{}' AND mv.object_id = x.id AND mv.valid_until IS NULL), 0) AS version",
        kind.code()
    );
    let columns = match kind {
        CatalogueKind::FileType => format!(
            "SELECT x.id, x.code, x.name, x.active, CAST(NULL AS TEXT) AS file_type,
                (SELECT COUNT(*) FROM eakte_document_types c WHERE c.file_type = x.code AND c.active) AS children,
                ({LIVE} AND dt.file_type = x.code) AS live_rules"
        ),
        CatalogueKind::DocumentType => format!(
            "SELECT x.id, x.file_type || '.' || x.code AS code, x.name, x.active, x.file_type,
                CAST(0 AS BIGINT) AS children, ({LIVE} AND dt.id = x.id) AS live_rules"
        ),
        CatalogueKind::DocumentKind => format!(
            "SELECT x.id, x.code, x.name, x.active, CAST(NULL AS TEXT) AS file_type,
                CAST(0 AS BIGINT) AS children, ({LIVE} AND e.document_kind = x.code) AS live_rules"
        ),
    };
    format!("{columns}, {version} FROM {} x", table(kind))
}

/// Every entry of the kind, by code.
pub async fn list(r: &mut Reader<'_>, kind: CatalogueKind) -> sqlx::Result<Vec<CatalogueRow>> {
    let order = match kind {
        CatalogueKind::DocumentType => "x.file_type, x.code",
        _ => "x.code",
    };
    let sql = format!("{} ORDER BY {order}", select(kind));
    on_reader!(r, conn => sqlx::query_as(&sql).fetch_all(conn).await)
}

/// One entry by its code (a Dokumenttyp's "1001.101").
pub async fn entry(
    r: &mut Reader<'_>,
    kind: CatalogueKind,
    code: &str,
) -> sqlx::Result<Option<CatalogueRow>> {
    let filter = match kind {
        CatalogueKind::DocumentType => "x.file_type || '.' || x.code = $1",
        _ => "x.code = $1",
    };
    let sql = format!("{} WHERE {filter}", select(kind));
    on_reader!(r, conn => sqlx::query_as(&sql).bind(code).fetch_optional(conn).await)
}

/// The rules of the entry with id `$1`, over `e` (entries) and `dt` (their Dokumenttyp).
fn rules_of(kind: CatalogueKind) -> &'static str {
    match kind {
        CatalogueKind::FileType => {
            "dt.file_type = (SELECT code FROM eakte_file_types WHERE id = $1)"
        }
        CatalogueKind::DocumentType => "dt.id = $1",
        CatalogueKind::DocumentKind => {
            "e.document_kind = (SELECT code FROM eakte_document_kinds WHERE id = $1)"
        }
    }
}

/// Numbers of open orders that change rules of the entry.
pub async fn open_orders(
    r: &mut Reader<'_>,
    kind: CatalogueKind,
    id: i64,
) -> sqlx::Result<Vec<String>> {
    let sql = format!(
        "SELECT DISTINCT COALESCE(ord.number, '') FROM order_eakte_items i JOIN orders ord ON ord.id = i.order_id
            JOIN eakte_rule_entries e ON e.id = i.entry_id JOIN eakte_document_types dt ON dt.id = e.document_type_id
         WHERE ord.state IN {} AND {}",
        open_states(),
        rules_of(kind)
    );
    let mut numbers: Vec<String> =
        on_reader!(r, conn => sqlx::query_scalar(&sql).bind(id).fetch_all(conn).await)?;
    numbers.sort();
    Ok(numbers)
}

/// The Postkorb of the Leistungsgewährung at the entry's Hauptagentur: where a new rule
/// sends first, as the seeded rules did.
const FIRST_POSTKORB: &str = "(SELECT p.id FROM postkoerbe p JOIN offices hq ON hq.id = p.office_id
    JOIN areas ar ON ar.id = p.area_id
    WHERE hq.agency_id = e.agency_id AND hq.kind = 'hauptagentur' AND hq.active AND p.active AND ar.code = 'lg')";

impl WriteTx {
    /// A new Aktentyp, Dokumenttyp or Dokumentart; answers its id, `None` when the code
    /// is taken.
    pub async fn insert_catalogue_entry(
        &mut self,
        kind: CatalogueKind,
        file_type: Option<&str>,
        code: &str,
        name: &str,
    ) -> sqlx::Result<Option<i64>> {
        let (insert, find) = match kind {
            CatalogueKind::FileType => (
                "INSERT INTO eakte_file_types (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING",
                "SELECT id FROM eakte_file_types WHERE code = $1 AND name = $2",
            ),
            CatalogueKind::DocumentKind => (
                "INSERT INTO eakte_document_kinds (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING",
                "SELECT id FROM eakte_document_kinds WHERE code = $1 AND name = $2",
            ),
            CatalogueKind::DocumentType => (
                "INSERT INTO eakte_document_types (code, name, file_type) VALUES ($1, $2, $3)
                 ON CONFLICT (file_type, code) DO NOTHING",
                "SELECT id FROM eakte_document_types WHERE code = $1 AND name = $2 AND file_type = $3",
            ),
        };
        let parent = file_type.unwrap_or_default();
        let inserted = on_tx!(&mut *self, conn => {
            let q = sqlx::query(insert).bind(code).bind(name);
            let q = if kind == CatalogueKind::DocumentType { q.bind(parent) } else { q };
            q.execute(conn).await.map(|r| r.rows_affected())
        })?;
        if inserted == 0 {
            return Ok(None);
        }
        on_tx!(self, conn => {
            let q = sqlx::query_scalar(find).bind(code).bind(name);
            let q = if kind == CatalogueKind::DocumentType { q.bind(parent) } else { q };
            q.fetch_one(conn).await.map(Some)
        })
    }

    pub async fn rename_catalogue_entry(
        &mut self,
        kind: CatalogueKind,
        id: i64,
        name: &str,
    ) -> sqlx::Result<()> {
        let sql = format!("UPDATE {} SET name = $1 WHERE id = $2", table(kind));
        on_tx!(self, conn => sqlx::query(&sql).bind(name).bind(id).execute(conn).await.map(|_| ()))
    }

    pub async fn set_catalogue_entry_active(
        &mut self,
        kind: CatalogueKind,
        id: i64,
        active: bool,
    ) -> sqlx::Result<()> {
        let sql = format!("UPDATE {} SET active = $1 WHERE id = $2", table(kind));
        on_tx!(self, conn => sqlx::query(&sql).bind(active).bind(id).execute(conn).await.map(|_| ()))
    }

    /// Every agency gets a rule for each active Dokumenttyp and Dokumentart it lacks, with
    /// version 1 to its Hauptagentur's Postkorb of the Leistungsgewährung; answers how many
    /// rules got a first version.
    pub async fn fill_initial_eakte_rules(
        &mut self,
        at: OffsetDateTime,
        note: &str,
    ) -> sqlx::Result<u64> {
        const ENTRIES: &str = "INSERT INTO eakte_rule_entries (agency_id, document_type_id, document_kind)
            SELECT a.id, dt.id, dk.code FROM agencies a CROSS JOIN eakte_document_types dt
                JOIN eakte_file_types ft ON ft.code = dt.file_type CROSS JOIN eakte_document_kinds dk
            WHERE a.active AND dt.active AND ft.active AND dk.active
            ON CONFLICT (agency_id, document_type_id, document_kind) DO NOTHING";
        let versions = format!(
            "INSERT INTO eakte_rule_versions
                 (entry_id, version, postkorb_id, valid_from, valid_until, order_id, author_id, note)
             SELECT e.id, 1, {FIRST_POSTKORB}, $1, NULL, NULL, NULL, $2
             FROM eakte_rule_entries e
             WHERE NOT EXISTS (SELECT 1 FROM eakte_rule_versions v WHERE v.entry_id = e.id)
               AND {FIRST_POSTKORB} IS NOT NULL"
        );
        on_tx!(self, conn => {
            sqlx::query(ENTRIES).execute(&mut *conn).await?;
            sqlx::query(&versions).bind(at).bind(note).execute(conn).await.map(|r| r.rows_affected())
        })
    }

    /// Ends the live rules of the entry; answers how many ended.
    pub async fn end_catalogue_rules(
        &mut self,
        kind: CatalogueKind,
        id: i64,
        now: OffsetDateTime,
    ) -> sqlx::Result<u64> {
        let sql = format!(
            "UPDATE eakte_rule_versions SET valid_until = $2
             WHERE valid_until IS NULL AND entry_id IN (
                SELECT e.id FROM eakte_rule_entries e JOIN eakte_document_types dt ON dt.id = e.document_type_id
                WHERE {})",
            rules_of(kind)
        );
        on_tx!(self, conn => sqlx::query(&sql).bind(id).bind(now).execute(conn).await.map(|r| r.rows_affected()))
    }

    /// On reactivation: the entry's ended rules whose Aktentyp, Dokumenttyp and Dokumentart
    /// are all active get their last version again, as a new version, where its Postkorb is
    /// still in use; answers how many.
    pub async fn restore_catalogue_rules(
        &mut self,
        kind: CatalogueKind,
        id: i64,
        now: OffsetDateTime,
        author_id: i64,
    ) -> sqlx::Result<u64> {
        let sql = format!(
            "INSERT INTO eakte_rule_versions
                 (entry_id, version, postkorb_id, valid_from, valid_until, order_id, author_id, note)
             SELECT v.entry_id, v.version + 1, v.postkorb_id, $2, NULL, NULL, $3, 'Katalog reaktiviert'
             FROM eakte_rule_versions v JOIN eakte_rule_entries e ON e.id = v.entry_id
                JOIN eakte_document_types dt ON dt.id = e.document_type_id
                JOIN eakte_file_types ft ON ft.code = dt.file_type
                JOIN eakte_document_kinds dk ON dk.code = e.document_kind
                JOIN postkoerbe p ON p.id = v.postkorb_id JOIN offices o ON o.id = p.office_id
                JOIN agencies ag ON ag.id = e.agency_id
             WHERE {} AND dt.active AND ft.active AND dk.active AND p.active AND o.active AND ag.active
               AND v.valid_until IS NOT NULL
               AND v.version = (SELECT MAX(l.version) FROM eakte_rule_versions l WHERE l.entry_id = e.id)",
            rules_of(kind)
        );
        on_tx!(self, conn => sqlx::query(&sql).bind(id).bind(now).bind(author_id)
            .execute(conn).await.map(|r| r.rows_affected()))
    }
}

fn table(kind: CatalogueKind) -> &'static str {
    match kind {
        CatalogueKind::FileType => "eakte_file_types",
        CatalogueKind::DocumentType => "eakte_document_types",
        CatalogueKind::DocumentKind => "eakte_document_kinds",
    }
}
