//! The Bereiche as their administration reads them — with what uses each — and their
//! active flag. Names and new Bereiche are written by the master-data writes
//! (`apply_master_data`), like the import does.

use super::write::{on_reader, on_tx, Reader, WriteTx};
use crate::domain::area::AreaUses;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AreaRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub active: bool,
    pub mailboxes: i64,
    pub concerns: i64,
    pub postkoerbe: i64,
}

impl AreaRow {
    pub fn uses(&self) -> AreaUses {
        AreaUses {
            mailboxes: self.mailboxes,
            concerns: self.concerns,
            postkoerbe: self.postkoerbe,
        }
    }
}

const AREA_SQL: &str = "SELECT ar.id, ar.code, ar.name, ar.active,
        (SELECT COUNT(*) FROM mailboxes m WHERE m.area_id = ar.id AND m.active) AS mailboxes,
        (SELECT COUNT(*) FROM concerns c WHERE c.default_area_id = ar.id AND c.active) AS concerns,
        (SELECT COUNT(*) FROM postkoerbe p JOIN offices o ON o.id = p.office_id
          WHERE p.area_id = ar.id AND o.active AND p.active) AS postkoerbe
    FROM areas ar";

/// Every Bereich, by name.
pub async fn areas(r: &mut Reader<'_>) -> sqlx::Result<Vec<AreaRow>> {
    let sql = format!("{AREA_SQL} ORDER BY ar.name");
    on_reader!(r, conn => sqlx::query_as(&sql).fetch_all(conn).await)
}

/// One Bereich by its code.
pub async fn area(r: &mut Reader<'_>, code: &str) -> sqlx::Result<Option<AreaRow>> {
    let sql = format!("{AREA_SQL} WHERE ar.code = $1");
    on_reader!(r, conn => sqlx::query_as(&sql).bind(code).fetch_optional(conn).await)
}

impl WriteTx {
    pub async fn set_area_active(&mut self, area_id: i64, active: bool) -> sqlx::Result<()> {
        on_tx!(self, conn => sqlx::query("UPDATE areas SET active = $1 WHERE id = $2")
            .bind(active).bind(area_id).execute(conn).await.map(|_| ()))
    }
}
