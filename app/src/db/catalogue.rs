//! The Anliegen catalogue: reading, creating and changing Anliegen with their versions.

use super::write::{on_tx, WriteTx};
use super::Db;
use crate::on_db;

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ConcernRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub customer_group: String,
    /// The default Bereich.
    pub area_id: i64,
    pub area_code: String,
    pub area_name: String,
    pub active: bool,
    /// The live version's number (0 before the first change of a seeded Anliegen).
    pub version: i64,
    /// The Anliegen it was retired into.
    pub successor_code: Option<String>,
    pub successor_name: Option<String>,
}

pub(super) const CONCERNS: &str = "SELECT c.id, c.code, c.name, c.customer_group, a.id AS area_id, a.code AS area_code,
        a.name AS area_name, c.active,
        COALESCE((SELECT v.version FROM master_data_versions v
                  WHERE v.level = 'anliegen' AND v.object_id = c.id AND v.valid_until IS NULL), 0) AS version,
        s.code AS successor_code, s.name AS successor_name
    FROM concerns c JOIN areas a ON a.id = c.default_area_id
        LEFT JOIN concerns s ON s.id = c.successor_id";

/// Every Anliegen, by customer group and name.
pub async fn concerns(db: &Db) -> sqlx::Result<Vec<ConcernRow>> {
    let sql = format!("{CONCERNS} ORDER BY c.customer_group, c.name");
    on_db!(db, pool => sqlx::query_as(&sql).fetch_all(pool).await)
}

/// One Anliegen by its code.
pub async fn concern(db: &Db, code: &str) -> sqlx::Result<Option<ConcernRow>> {
    let sql = format!("{CONCERNS} WHERE c.code = $1");
    on_db!(db, pool => sqlx::query_as(&sql).bind(code).fetch_optional(pool).await)
}

/// (code, name) of every active Bereich (the choices of forms), by name.
pub async fn areas(db: &Db) -> sqlx::Result<Vec<(String, String)>> {
    on_db!(db, pool => sqlx::query_as("SELECT code, name FROM areas WHERE active ORDER BY name").fetch_all(pool).await)
}

/// What an Anliegen is stored as.
pub struct ConcernValues<'a> {
    pub name: &'a str,
    pub customer_group: &'a str,
    pub area: &'a str,
    pub active: bool,
}

impl WriteTx {
    /// The Anliegen, read (and on PostgreSQL locked) inside the transaction.
    pub async fn concern(&mut self, code: &str) -> sqlx::Result<Option<ConcernRow>> {
        let lock = if self.row_lock().is_empty() {
            ""
        } else {
            " FOR UPDATE OF c"
        };
        let sql = format!("{CONCERNS} WHERE c.code = $1{lock}");
        on_tx!(self, conn => sqlx::query_as(&sql).bind(code).fetch_optional(conn).await)
    }

    pub async fn insert_concern(
        &mut self,
        code: &str,
        v: &ConcernValues<'_>,
    ) -> sqlx::Result<Option<i64>> {
        on_tx!(self, conn => sqlx::query_scalar(
            "INSERT INTO concerns (code, name, customer_group, default_area_id, active)
             SELECT $1, $2, $3, id, $5 FROM areas WHERE code = $4
             ON CONFLICT (code) DO NOTHING RETURNING id")
            .bind(code).bind(v.name).bind(v.customer_group).bind(v.area).bind(v.active)
            .fetch_optional(conn).await)
    }

    pub async fn update_concern(&mut self, id: i64, v: &ConcernValues<'_>) -> sqlx::Result<()> {
        on_tx!(self, conn => sqlx::query(
            "UPDATE concerns SET name = $2, customer_group = $3, active = $5,
                 successor_id = CASE WHEN $5 THEN NULL ELSE successor_id END,
                 default_area_id = (SELECT id FROM areas WHERE code = $4)
             WHERE id = $1")
            .bind(id).bind(v.name).bind(v.customer_group).bind(v.area).bind(v.active)
            .execute(conn).await.map(|_| ()))
    }
}
