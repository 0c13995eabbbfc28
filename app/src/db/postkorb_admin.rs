//! One Postkorb as its administration reads it — where it sits, the live eAkte rules and
//! open order items that send to it — read the same way by its page and by the
//! transaction that changes it; and the writes of its administration.

use super::eakte_rules::{RuleRow, LIVE_SQL as LIVE_RULES_SQL};
use super::routing::open_states;
use super::write::{on_reader, on_tx, Reader, WriteTx};
use std::sync::LazyLock;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PostkorbRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub active: bool,
    pub office_id: i64,
    pub office_code: String,
    pub office_name: String,
    pub office_active: bool,
    pub agency_id: i64,
    pub agency_code: String,
    pub agency_name: String,
    pub region_id: i64,
    pub area_code: String,
    pub area_name: String,
    /// Live rules that send to it.
    pub live_rules: i64,
}

const POSTKORB_SQL: &str = "SELECT p.id, p.code, p.name, p.active, o.id AS office_id,
        o.code AS office_code, o.name AS office_name, o.active AS office_active, a.id AS agency_id,
        a.code AS agency_code, a.name AS agency_name, a.region_id, ar.code AS area_code,
        ar.name AS area_name,
        (SELECT COUNT(*) FROM eakte_rule_versions v WHERE v.postkorb_id = p.id AND v.valid_until IS NULL) AS live_rules
    FROM postkoerbe p JOIN offices o ON o.id = p.office_id JOIN agencies a ON a.id = o.agency_id
        JOIN areas ar ON ar.id = p.area_id";

/// The Postkorb of the Dienststelle and Bereich, if there is one.
pub async fn postkorb(
    r: &mut Reader<'_>,
    office_code: &str,
    area_code: &str,
) -> sqlx::Result<Option<PostkorbRow>> {
    let sql = format!("{POSTKORB_SQL} WHERE o.code = $1 AND ar.code = $2");
    on_reader!(r, conn => sqlx::query_as(&sql).bind(office_code).bind(area_code).fetch_optional(conn).await)
}

/// Every Postkorb of the Dienststelle, by Bereich name.
pub async fn of_office(r: &mut Reader<'_>, office_id: i64) -> sqlx::Result<Vec<PostkorbRow>> {
    let sql = format!("{POSTKORB_SQL} WHERE o.id = $1 ORDER BY ar.name");
    on_reader!(r, conn => sqlx::query_as(&sql).bind(office_id).fetch_all(conn).await)
}

/// The other active Postkörbe of open Dienststellen of the agency: where its rules can go.
pub async fn move_targets(
    r: &mut Reader<'_>,
    agency_id: i64,
    except_id: i64,
) -> sqlx::Result<Vec<PostkorbRow>> {
    let sql = format!(
        "{POSTKORB_SQL} WHERE a.id = $1 AND p.id <> $2 AND p.active AND o.active
         ORDER BY o.kind <> 'hauptagentur', o.name, ar.name"
    );
    on_reader!(r, conn => sqlx::query_as(&sql).bind(agency_id).bind(except_id).fetch_all(conn).await)
}

/// (code, name, short name) of the active Bereiche the Dienststelle has no Postkorb of.
pub async fn free_areas(
    r: &mut Reader<'_>,
    office_id: i64,
) -> sqlx::Result<Vec<(String, String, String)>> {
    const SQL: &str = "SELECT ar.code, ar.name, ar.short_name FROM areas ar
        WHERE ar.active AND NOT EXISTS (SELECT 1 FROM postkoerbe p WHERE p.office_id = $1 AND p.area_id = ar.id)
        ORDER BY ar.name";
    on_reader!(r, conn => sqlx::query_as(SQL).bind(office_id).fetch_all(conn).await)
}

/// The agency's live rules that send to the Postkorb.
pub async fn live_rules(
    r: &mut Reader<'_>,
    agency_id: i64,
    postkorb_id: i64,
) -> sqlx::Result<Vec<RuleRow>> {
    let sql = format!("{} AND v.postkorb_id = $2 ORDER BY e.id", *LIVE_RULES_SQL);
    on_reader!(r, conn => sqlx::query_as(&sql).bind(agency_id).bind(postkorb_id).fetch_all(conn).await)
}

static PROPOSING_SQL: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT DISTINCT COALESCE(ord.number, '') FROM order_eakte_items i JOIN orders ord ON ord.id = i.order_id
         WHERE i.postkorb_id = $1 AND ord.state IN {}",
        open_states()
    )
});

/// Numbers of open orders whose eAkte items propose the Postkorb.
pub async fn orders_proposing(r: &mut Reader<'_>, postkorb_id: i64) -> sqlx::Result<Vec<String>> {
    let sql = PROPOSING_SQL.as_str();
    let mut numbers: Vec<String> =
        on_reader!(r, conn => sqlx::query_scalar(sql).bind(postkorb_id).fetch_all(conn).await)?;
    numbers.sort();
    Ok(numbers)
}

impl WriteTx {
    /// A new Postkorb of the Dienststelle and Bereich; `None` when one exists already.
    pub async fn insert_postkorb(
        &mut self,
        office_id: i64,
        area_code: &str,
        code: &str,
        name: &str,
    ) -> sqlx::Result<Option<i64>> {
        const SQL: &str = "INSERT INTO postkoerbe (office_id, area_id, code, name)
            SELECT $1, id, $3, $4 FROM areas WHERE code = $2
            ON CONFLICT DO NOTHING RETURNING id";
        on_tx!(self, conn => sqlx::query_scalar(SQL).bind(office_id).bind(area_code).bind(code).bind(name)
            .fetch_optional(conn).await)
    }

    pub async fn rename_postkorb(&mut self, id: i64, name: &str) -> sqlx::Result<()> {
        on_tx!(self, conn => sqlx::query("UPDATE postkoerbe SET name = $1 WHERE id = $2")
            .bind(name).bind(id).execute(conn).await.map(|_| ()))
    }

    pub async fn set_postkorb_active(&mut self, id: i64, active: bool) -> sqlx::Result<()> {
        on_tx!(self, conn => sqlx::query("UPDATE postkoerbe SET active = $1 WHERE id = $2")
            .bind(active).bind(id).execute(conn).await.map(|_| ()))
    }
}
