//! The organisation's master data as objects (by code), staged uploads of the master-data
//! file, and the writes of a confirmed import: each object, its version, and the
//! initial configuration that new Dienststellen and mailboxes need.

use super::write::{on_tx, WriteTx};
use super::{BeginWrite, Db};
use crate::domain::master_data_import::{Object, PlannedChange};
use crate::domain::org::{MailboxKind, OfficeKind};
use crate::on_db;
use std::collections::HashSet;
use time::OffsetDateTime;

const AREAS: &str = "SELECT id, code, name FROM areas";
pub(crate) const REGIONS: &str = "SELECT id, code, name FROM regions";
pub(crate) const AGENCIES: &str =
    "SELECT a.id, a.code, a.name, r.code FROM agencies a JOIN regions r ON r.id = a.region_id";
pub(crate) const OFFICES: &str = "SELECT o.id, o.code, o.name, o.kind, a.code FROM offices o JOIN agencies a ON a.id = o.agency_id";
const MAILBOXES: &str = "SELECT m.id, m.address, m.name, m.kind, o.code, ar.code
    FROM mailboxes m JOIN offices o ON o.id = m.office_id JOIN areas ar ON ar.id = m.area_id";

/// An office row (`OFFICES`) as its object; `None` for a kind outside the CHECK constraint.
pub(crate) fn office_object((id, code, name, kind, agency): Four) -> Option<(i64, Object)> {
    let kind = OfficeKind::from_code(&kind)?;
    Some((
        id,
        Object::Office {
            code,
            name,
            kind,
            agency,
        },
    ))
}

type Two = (i64, String, String);
type Three = (i64, String, String, String);
pub(crate) type Four = (i64, String, String, String, String);
type Five = (i64, String, String, String, String, String);

/// Every object with its id, parents first.
fn objects_of(
    areas: Vec<Two>,
    regions: Vec<Two>,
    agencies: Vec<Three>,
    offices: Vec<Four>,
    mailboxes: Vec<Five>,
) -> Vec<(i64, Object)> {
    let areas = areas
        .into_iter()
        .map(|(id, code, name)| (id, Object::Area { code, name }));
    let regions = regions
        .into_iter()
        .map(|(id, code, name)| (id, Object::Region { code, name }));
    let agencies = agencies
        .into_iter()
        .map(|(id, code, name, region)| (id, Object::Agency { code, name, region }));
    // Kinds outside the CHECK constraint cannot be stored; skipping keeps the reader total.
    let offices = offices.into_iter().filter_map(office_object);
    let mailboxes = mailboxes
        .into_iter()
        .filter_map(|(id, address, name, kind, office, area)| {
            let kind = MailboxKind::from_code(&kind)?;
            Some((
                id,
                Object::Mailbox {
                    address,
                    name,
                    kind,
                    office,
                    area,
                },
            ))
        });
    areas
        .chain(regions)
        .chain(agencies)
        .chain(offices)
        .chain(mailboxes)
        .collect()
}

/// Reads every object through `$exec` (a pool or a re-borrowed connection).
macro_rules! read_objects {
    ($exec:expr) => {
        objects_of(
            sqlx::query_as(AREAS).fetch_all($exec).await?,
            sqlx::query_as(REGIONS).fetch_all($exec).await?,
            sqlx::query_as(AGENCIES).fetch_all($exec).await?,
            sqlx::query_as(OFFICES).fetch_all($exec).await?,
            sqlx::query_as(MAILBOXES).fetch_all($exec).await?,
        )
    };
}

/// Every object of the organisation with its id.
pub async fn objects(db: &Db) -> sqlx::Result<Vec<(i64, Object)>> {
    on_db!(db, pool => Ok(read_objects!(pool)))
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct StagedUpload {
    pub user_id: i64,
    pub file_name: String,
    pub content: String,
    pub created_at: OffsetDateTime,
}

/// Stores an upload, first dropping uploads older than `expired_before`; false (nothing
/// stored) when the user already has `MAX_PENDING_UPLOADS` waiting.
pub async fn stage(
    db: &Db,
    token: &str,
    user_id: i64,
    (file_name, content): (&str, &str),
    now: OffsetDateTime,
    expired_before: OffsetDateTime,
) -> sqlx::Result<bool> {
    on_db!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query("DELETE FROM master_data_imports WHERE created_at < $1")
            .bind(expired_before).execute(&mut *tx).await?;
        let pending: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM master_data_imports WHERE user_id = $1")
            .bind(user_id).fetch_one(&mut *tx).await?;
        if pending >= crate::domain::upload::MAX_PENDING_UPLOADS {
            tx.commit().await?;
            return Ok(false);
        }
        sqlx::query("INSERT INTO master_data_imports (token, user_id, file_name, content, created_at)
                     VALUES ($1, $2, $3, $4, $5)")
            .bind(token).bind(user_id).bind(file_name).bind(content).bind(now)
            .execute(&mut *tx).await?;
        tx.commit().await.map(|_| true)
    })
}

pub async fn staged(db: &Db, token: &str) -> sqlx::Result<Option<StagedUpload>> {
    const SQL: &str =
        "SELECT user_id, file_name, content, created_at FROM master_data_imports WHERE token = $1";
    on_db!(db, pool => sqlx::query_as(SQL).bind(token).fetch_optional(pool).await)
}

/// The object's fields as its version stores them: a JSON object by field label.
pub fn version_fields(object: &Object) -> String {
    status_fields(object, true)
}

/// `version_fields`, with "Status: deaktiviert" for an inactive object (the master-data
/// file has no such column: the status is kept apart from the imported fields).
pub fn status_fields(object: &Object, active: bool) -> String {
    let mut map: serde_json::Map<String, serde_json::Value> = object
        .fields()
        .into_iter()
        .map(|(label, value)| (label.to_string(), value.into()))
        .collect();
    if !active {
        map.insert("Status".into(), "deaktiviert".into());
    }
    serde_json::Value::Object(map).to_string()
}

/// The fields of a closed Dienststelle or agency: "Status: geschlossen" and its successor.
pub fn closed_fields(object: &Object, successor_code: &str) -> String {
    let mut map: serde_json::Map<String, serde_json::Value> = object
        .fields()
        .into_iter()
        .map(|(label, value)| (label.to_string(), value.into()))
        .collect();
    map.insert("Status".into(), "geschlossen".into());
    map.insert("Nachfolgerin".into(), successor_code.into());
    serde_json::Value::Object(map).to_string()
}

/// One stored version, with the object it belongs to (its level and code or address).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct VersionRow {
    pub level: String,
    pub object: String,
    pub version: i64,
    pub fields: String,
    pub valid_from: OffsetDateTime,
    pub author: Option<String>,
    pub note: String,
}

/// Every version with the code (a mailbox's address) of the object it belongs to.
const VERSIONS: &str =
    "SELECT v.level, COALESCE(m.address, o.code, a.code, r.code, c.code, b.code, pk.code, ft.code,
            dt.file_type || '.' || dt.code, dk.code, '') AS object,
        v.version, v.fields, v.valid_from, u.display_name AS author, v.note
    FROM master_data_versions v
    LEFT JOIN mailboxes m ON v.level = 'postfach' AND m.id = v.object_id
    LEFT JOIN offices o ON v.level = 'dienststelle' AND o.id = v.object_id
    LEFT JOIN agencies a ON v.level = 'agentur' AND a.id = v.object_id
    LEFT JOIN regions r ON v.level = 'rd' AND r.id = v.object_id
    LEFT JOIN concerns c ON v.level = 'anliegen' AND c.id = v.object_id
    LEFT JOIN areas b ON v.level = 'bereich' AND b.id = v.object_id
    LEFT JOIN postkoerbe pk ON v.level = 'postkorb' AND pk.id = v.object_id
    LEFT JOIN eakte_file_types ft ON v.level = 'aktentyp' AND ft.id = v.object_id
    LEFT JOIN eakte_document_types dt ON v.level = 'dokumenttyp' AND dt.id = v.object_id
    LEFT JOIN eakte_document_kinds dk ON v.level = 'dokumentart' AND dk.id = v.object_id
    LEFT JOIN users u ON u.id = v.author_id";

/// Versions of a Dienststelle, of its mailboxes and of its Postkörbe.
const OF_OFFICE: &str = "((v.level = 'dienststelle' AND v.object_id = $1) OR (v.level = 'postfach' AND m.office_id = $1)
    OR (v.level = 'postkorb' AND pk.office_id = $1))";

/// The versions of a Dienststelle and of its mailboxes, newest first.
pub async fn office_history(db: &Db, office_id: i64, limit: i64) -> sqlx::Result<Vec<VersionRow>> {
    let sql =
        format!("{VERSIONS} WHERE {OF_OFFICE} ORDER BY v.valid_from DESC, v.id DESC LIMIT $2");
    on_db!(db, pool => sqlx::query_as(&sql).bind(office_id).bind(limit).fetch_all(pool).await)
}

/// The versions of a Dienststelle and of its mailboxes that were valid at `at`: the
/// Dienststelle first, then its mailboxes by address.
pub async fn office_at(
    db: &Db,
    office_id: i64,
    at: OffsetDateTime,
) -> sqlx::Result<Vec<VersionRow>> {
    let sql = format!(
        "{VERSIONS} WHERE {OF_OFFICE} AND v.valid_from <= $2 AND (v.valid_until IS NULL OR v.valid_until > $2)
         ORDER BY v.level, object"
    );
    on_db!(db, pool => sqlx::query_as(&sql).bind(office_id).bind(at).fetch_all(pool).await)
}

/// The versions of one object ('rd', 'agentur', 'postfach', …), newest first.
pub async fn history(
    db: &Db,
    level: &str,
    object_id: i64,
    limit: i64,
) -> sqlx::Result<Vec<VersionRow>> {
    let sql = format!(
        "{VERSIONS} WHERE v.level = $1 AND v.object_id = $2 ORDER BY v.valid_from DESC, v.id DESC LIMIT $3"
    );
    on_db!(db, pool => sqlx::query_as(&sql).bind(level).bind(object_id).bind(limit).fetch_all(pool).await)
}

/// The number of an object's live version (0 while it has none).
pub async fn live_version(db: &Db, level: &str, object_id: i64) -> sqlx::Result<i64> {
    on_db!(db, pool => sqlx::query_scalar(LIVE_VERSION).bind(level).bind(object_id).fetch_one(pool).await)
}

/// Codes of the closed Dienststellen and of the deactivated Bereiche.
pub async fn inactive_places(
    r: &mut super::write::Reader<'_>,
) -> sqlx::Result<crate::domain::master_data_import::InactivePlaces> {
    const REGIONS: &str = "SELECT code FROM regions WHERE NOT active";
    const AGENCIES: &str = "SELECT code FROM agencies WHERE NOT active";
    const OFFICES: &str = "SELECT code FROM offices WHERE NOT active";
    const AREAS: &str = "SELECT code FROM areas WHERE NOT active";
    let inactive_regions = super::write::on_reader!(&mut *r, conn => sqlx::query_scalar(REGIONS).fetch_all(conn).await)?;
    let closed_agencies = super::write::on_reader!(&mut *r, conn => sqlx::query_scalar(AGENCIES).fetch_all(conn).await)?;
    let closed_offices = super::write::on_reader!(&mut *r, conn => sqlx::query_scalar(OFFICES).fetch_all(conn).await)?;
    let inactive_areas =
        super::write::on_reader!(r, conn => sqlx::query_scalar(AREAS).fetch_all(conn).await)?;
    Ok(crate::domain::master_data_import::InactivePlaces {
        inactive_regions,
        closed_agencies,
        closed_offices,
        inactive_areas,
    })
}

const LIVE_VERSION: &str = "SELECT COALESCE(MAX(version), 0) FROM master_data_versions
    WHERE level = $1 AND object_id = $2 AND valid_until IS NULL";

/// Who and what a new version is for.
pub struct VersionNote<'a> {
    pub at: OffsetDateTime,
    pub author_id: Option<i64>,
    pub note: &'a str,
}

impl VersionNote<'static> {
    /// The version that records what stood before a form's first change of an object.
    pub fn existing(at: OffsetDateTime) -> Self {
        VersionNote {
            at,
            author_id: None,
            note: "Bestand vor der ersten Änderung",
        }
    }
}

impl WriteTx {
    /// Every object with its id, read inside the transaction.
    pub async fn master_data_objects(&mut self) -> sqlx::Result<Vec<(i64, Object)>> {
        on_tx!(self, conn => Ok(read_objects!(&mut *conn)))
    }

    /// Drops a confirmed upload (it cannot be confirmed twice).
    pub async fn drop_master_data_upload(&mut self, token: &str) -> sqlx::Result<u64> {
        on_tx!(self, conn => sqlx::query("DELETE FROM master_data_imports WHERE token = $1")
            .bind(token).execute(conn).await.map(|r| r.rows_affected()))
    }

    /// Version 1 for every object that has no version yet (objects from before versions
    /// were kept, or written by the demo seed).
    pub async fn version_unversioned(
        &mut self,
        objects: &[(i64, Object)],
        note: &VersionNote<'_>,
    ) -> sqlx::Result<usize> {
        let live: Vec<(String, i64)> = on_tx!(self, conn => sqlx::query_as(
            "SELECT level, object_id FROM master_data_versions WHERE valid_until IS NULL")
            .fetch_all(conn).await)?;
        let live: HashSet<(String, i64)> = live.into_iter().collect();
        let missing: Vec<&(i64, Object)> = objects
            .iter()
            .filter(|(id, o)| !live.contains(&(o.level().code().to_string(), *id)))
            .collect();
        // Bulk inserts of a few hundred rows keep the seed fast on PostgreSQL.
        for chunk in missing.chunks(500) {
            on_tx!(self, conn => {
                let mut qb = sqlx::QueryBuilder::new(
                    "INSERT INTO master_data_versions (level, object_id, version, fields, valid_from, author_id, note) ");
                qb.push_values(chunk, |mut row, (id, o)| {
                    row.push_bind(o.level().code()).push_bind(*id).push_bind(1_i64)
                        .push_bind(version_fields(o)).push_bind(note.at)
                        .push_bind(note.author_id).push_bind(note.note.to_string());
                });
                qb.build().execute(conn).await.map(|_| ())
            })?;
        }
        Ok(missing.len())
    }

    /// Writes one planned change (parents exist: changes come parents first) and its new
    /// version; returns the object's id.
    pub async fn apply_master_data(
        &mut self,
        change: &PlannedChange,
        note: &VersionNote<'_>,
    ) -> sqlx::Result<i64> {
        let id = self
            .upsert_object(&change.after, change.before.as_ref())
            .await?;
        let active = match change.after {
            Object::Mailbox { .. } => on_tx!(self, conn => sqlx::query_scalar(
                "SELECT active FROM mailboxes WHERE id = $1").bind(id).fetch_one(conn).await)?,
            _ => true,
        };
        let fields = status_fields(&change.after, active);
        self.add_master_data_version(change.after.level().code(), id, &fields, note)
            .await?;
        Ok(id)
    }

    /// `live_version`, inside the transaction.
    pub async fn master_data_live_version(
        &mut self,
        level: &str,
        object_id: i64,
    ) -> sqlx::Result<i64> {
        on_tx!(self, conn => sqlx::query_scalar(LIVE_VERSION).bind(level).bind(object_id).fetch_one(conn).await)
    }

    /// Closes the live version of an object and adds the next one with `fields`.
    pub async fn add_master_data_version(
        &mut self,
        level: &str,
        object_id: i64,
        fields: &str,
        note: &VersionNote<'_>,
    ) -> sqlx::Result<i64> {
        on_tx!(self, conn => {
            let next: i64 = sqlx::query_scalar(
                "SELECT COALESCE(MAX(version), 0) + 1 FROM master_data_versions WHERE level = $1 AND object_id = $2")
                .bind(level).bind(object_id).fetch_one(&mut *conn).await?;
            sqlx::query("UPDATE master_data_versions SET valid_until = $1
                         WHERE level = $2 AND object_id = $3 AND valid_until IS NULL")
                .bind(note.at).bind(level).bind(object_id).execute(&mut *conn).await?;
            sqlx::query("INSERT INTO master_data_versions (level, object_id, version, fields, valid_from, author_id, note)
                         VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .bind(level).bind(object_id).bind(next).bind(fields).bind(note.at)
                .bind(note.author_id).bind(note.note)
                .execute(&mut *conn).await?;
            Ok(next)
        })
    }

    /// Inserts `after`, or updates the stored object `before` (found by its stored key).
    /// Parents never change here (the plan refuses that).
    async fn upsert_object(
        &mut self,
        after: &Object,
        before: Option<&Object>,
    ) -> sqlx::Result<i64> {
        let (sql, args) = upsert_statement(after, before.map(Object::key));
        on_tx!(self, conn => {
            let mut query = sqlx::query_scalar(sql);
            for a in &args {
                query = query.bind(*a);
            }
            query.fetch_one(conn).await
        })
    }
}

/// The statement that writes `after` (an update of the object stored under `stored_key`,
/// or an insert) and its arguments, all text.
fn upsert_statement<'a>(
    after: &'a Object,
    stored_key: Option<&'a str>,
) -> (&'static str, Vec<&'a str>) {
    let name = after.name();
    match (after, stored_key) {
        (Object::Area { .. }, Some(key)) => ("UPDATE areas SET name = $2 WHERE code = $1 RETURNING id", vec![key, name]),
        (Object::Area { code, .. }, None) => (
            "INSERT INTO areas (code, name, short_name) VALUES ($1, $2, $2) RETURNING id",
            vec![code, name],
        ),
        (Object::Region { .. }, Some(key)) => ("UPDATE regions SET name = $2 WHERE code = $1 RETURNING id", vec![key, name]),
        (Object::Region { code, .. }, None) => (
            "INSERT INTO regions (code, name) VALUES ($1, $2) RETURNING id",
            vec![code, name],
        ),
        (Object::Agency { .. }, Some(key)) => ("UPDATE agencies SET name = $2 WHERE code = $1 RETURNING id", vec![key, name]),
        (Object::Agency { code, region, .. }, None) => (
            "INSERT INTO agencies (code, name, region_id) SELECT $1, $2, id FROM regions WHERE code = $3 RETURNING id",
            vec![code, name, region],
        ),
        (Object::Office { kind, .. }, Some(key)) => (
            "UPDATE offices SET name = $2, kind = $3 WHERE code = $1 RETURNING id",
            vec![key, name, kind.code()],
        ),
        (Object::Office { code, kind, agency, .. }, None) => (
            "INSERT INTO offices (code, name, kind, agency_id) SELECT $1, $2, $3, id FROM agencies WHERE code = $4 RETURNING id",
            vec![code, name, kind.code(), agency],
        ),
        (Object::Mailbox { kind, area, .. }, Some(key)) => (
            "UPDATE mailboxes SET name = $2, kind = $3, area_id = (SELECT id FROM areas WHERE code = $4)
             WHERE address = $1 RETURNING id",
            vec![key, name, kind.code(), area],
        ),
        (Object::Mailbox { address, kind, area, office, .. }, None) => (
            "INSERT INTO mailboxes (address, name, kind, area_id, office_id)
             SELECT $1, $2, $3, ar.id, o.id FROM areas ar, offices o WHERE ar.code = $4 AND o.code = $5 RETURNING id",
            vec![address, name, kind.code(), area, office],
        ),
    }
}
