//! A Regionaldirektion, Agentur or Dienststelle as the forms that create and rename them
//! read it: its id and its master-data object (with the parent's code).

use super::master_data::{office_object, Four, AGENCIES, OFFICES, REGIONS};
use super::write::{on_reader, Reader};
use crate::domain::master_data_import::{Level, Object};
use crate::domain::org::OrgLocation;

/// The unit of `level` with this code: (id, object).
pub async fn unit(
    r: &mut Reader<'_>,
    level: Level,
    code: &str,
) -> sqlx::Result<Option<(i64, Object)>> {
    match level {
        Level::Region => {
            let sql = format!("{REGIONS} WHERE code = $1");
            let row: Option<(i64, String, String)> =
                on_reader!(r, conn => sqlx::query_as(&sql).bind(code).fetch_optional(conn).await)?;
            Ok(row.map(|(id, code, name)| (id, Object::Region { code, name })))
        }
        Level::Agency => {
            let sql = format!("{AGENCIES} WHERE a.code = $1");
            let row: Option<(i64, String, String, String)> =
                on_reader!(r, conn => sqlx::query_as(&sql).bind(code).fetch_optional(conn).await)?;
            Ok(row.map(|(id, code, name, region)| (id, Object::Agency { code, name, region })))
        }
        Level::Office => {
            let sql = format!("{OFFICES} WHERE o.code = $1");
            let row: Option<Four> =
                on_reader!(r, conn => sqlx::query_as(&sql).bind(code).fetch_optional(conn).await)?;
            Ok(row.and_then(office_object))
        }
        Level::Mailbox | Level::Area => Ok(None),
    }
}

/// Whether the agency has an open Hauptagentur.
pub async fn has_headquarters(r: &mut Reader<'_>, agency: &str) -> sqlx::Result<bool> {
    const SQL: &str = "SELECT COUNT(*) FROM offices o JOIN agencies a ON a.id = o.agency_id
        WHERE a.code = $1 AND o.kind = 'hauptagentur' AND o.active";
    let n: i64 = on_reader!(r, conn => sqlx::query_scalar(SQL).bind(agency).fetch_one(conn).await)?;
    Ok(n > 0)
}

/// Whether the agency with this code is closed (merged into a successor).
pub async fn agency_closed(r: &mut Reader<'_>, agency: &str) -> sqlx::Result<bool> {
    const SQL: &str = "SELECT COUNT(*) FROM agencies WHERE code = $1 AND NOT active";
    let n: i64 = on_reader!(r, conn => sqlx::query_scalar(SQL).bind(agency).fetch_one(conn).await)?;
    Ok(n > 0)
}

/// Where an agency or a Dienststelle sits, as the policy sees it; `None` for an unknown
/// code (an RD is checked centrally).
pub async fn location(
    r: &mut Reader<'_>,
    level: Level,
    code: &str,
) -> sqlx::Result<Option<OrgLocation>> {
    let sql = match level {
        Level::Agency => "SELECT region_id, id FROM agencies WHERE code = $1",
        Level::Office => {
            "SELECT a.region_id, a.id FROM offices o JOIN agencies a ON a.id = o.agency_id
             WHERE o.code = $1"
        }
        _ => return Ok(Some(OrgLocation::Central)),
    };
    let row: Option<(i64, i64)> =
        on_reader!(r, conn => sqlx::query_as(sql).bind(code).fetch_optional(conn).await)?;
    Ok(row.map(|(region_id, agency_id)| OrgLocation::Agency {
        region_id,
        agency_id,
    }))
}
