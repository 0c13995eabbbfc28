//! A Regionaldirektion's status and what still depends on it, read the same way by its
//! page and by the transaction that deactivates it.

use super::agency_merger::IN_FORCE;
use super::routing::open_states;
use super::write::{on_reader, on_tx, Reader, WriteTx};
use crate::domain::region_status::RegionUses;
use std::sync::LazyLock;
use time::Date;

/// (id, name, active) of the RD with this code.
pub async fn region(r: &mut Reader<'_>, code: &str) -> sqlx::Result<Option<(i64, String, bool)>> {
    const SQL: &str = "SELECT id, name, active FROM regions WHERE code = $1";
    on_reader!(r, conn => sqlx::query_as(SQL).bind(code).fetch_optional(conn).await)
}

static OPEN_ORDERS_SQL: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT COALESCE(number, '') FROM orders WHERE region_id = $1 AND state IN {} ORDER BY number",
        open_states()
    )
});

/// Its open agencies, role holders, directives in force on `today` and open orders.
pub async fn uses(r: &mut Reader<'_>, region_id: i64, today: Date) -> sqlx::Result<RegionUses> {
    const AGENCIES: &str =
        "SELECT name FROM agencies WHERE region_id = $1 AND active ORDER BY name";
    const ROLES: &str = "SELECT DISTINCT u.display_name || ' (' || u.username || ')' AS label
        FROM role_assignments ra JOIN users u ON u.id = ra.user_id
        WHERE ra.region_id = $1 ORDER BY label";
    let directives = format!(
        "SELECT d.number || ' ' || d.title AS label
         FROM directive_scopes s JOIN directives d ON d.id = s.directive_id
         WHERE s.region_id = $1 AND d.id IN {IN_FORCE} ORDER BY label"
    );
    Ok(RegionUses {
        open_agencies: labels(r, AGENCIES, region_id).await?,
        role_holders: labels(r, ROLES, region_id).await?,
        directives: on_reader!(&mut *r, conn => sqlx::query_scalar(&directives)
            .bind(region_id).bind(today).fetch_all(conn).await)?,
        open_orders: labels(r, OPEN_ORDERS_SQL.as_str(), region_id).await?,
    })
}

async fn labels(r: &mut Reader<'_>, sql: &str, region_id: i64) -> sqlx::Result<Vec<String>> {
    on_reader!(r, conn => sqlx::query_scalar(sql).bind(region_id).fetch_all(conn).await)
}

impl WriteTx {
    pub async fn set_region_active(&mut self, region_id: i64, active: bool) -> sqlx::Result<()> {
        const SQL: &str = "UPDATE regions SET active = $1 WHERE id = $2";
        on_tx!(self, conn => sqlx::query(SQL).bind(active).bind(region_id)
            .execute(conn).await.map(|_| ()))
    }
}
