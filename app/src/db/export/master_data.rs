//! The master-data export: every Dienststelle in scope with each of its mailboxes.

use super::{pass_on, RowSink};
use crate::db::Db;
use crate::domain::master_data::{MailboxRecord, MasterDataRecord};
use crate::domain::policy::ScopeFilter;
use crate::on_db;

#[derive(sqlx::FromRow)]
struct MasterDataRow {
    region_code: String,
    region: String,
    agency_code: String,
    agency: String,
    office_code: String,
    office: String,
    office_kind: String,
    address: Option<String>,
    mailbox: Option<String>,
    mailbox_kind: Option<String>,
    area_code: Option<String>,
    area: Option<String>,
}

fn record(r: MasterDataRow) -> MasterDataRecord {
    let mailbox = match (r.address, r.mailbox, r.mailbox_kind, r.area_code, r.area) {
        (Some(address), Some(name), Some(kind), Some(area_code), Some(area)) => {
            Some(MailboxRecord {
                address,
                name,
                kind,
                area_code,
                area,
            })
        }
        _ => None,
    };
    MasterDataRecord {
        region_code: r.region_code,
        region: r.region,
        agency_code: r.agency_code,
        agency: r.agency,
        office_code: r.office_code,
        office: r.office,
        office_kind: r.office_kind,
        mailbox,
    }
}

/// Dienststellen in scope by RD, agency and code, each with its mailboxes by address.
pub async fn master_data(
    db: &Db,
    scope: &ScopeFilter,
    sink: &mut impl RowSink<MasterDataRecord>,
) -> sqlx::Result<()> {
    on_db!(db, pool => {
        let mut qb = sqlx::QueryBuilder::new(
            "SELECT r.code AS region_code, r.name AS region, a.code AS agency_code, a.name AS agency,
                    o.code AS office_code, o.name AS office, o.kind AS office_kind,
                    m.address, m.name AS mailbox, m.kind AS mailbox_kind,
                    ar.code AS area_code, ar.name AS area
             FROM offices o
             JOIN agencies a ON a.id = o.agency_id
             JOIN regions r ON r.id = a.region_id
             LEFT JOIN mailboxes m ON m.office_id = o.id
             LEFT JOIN areas ar ON ar.id = m.area_id
             WHERE 1 = 1");
        crate::db::org::push_scope(&mut qb, scope, "a.region_id", "a.id");
        qb.push(" ORDER BY r.code, a.code, o.code, m.address");
        let rows = qb.build_query_as::<MasterDataRow>().fetch(pool);
        pass_on(rows, sink, record).await
    })
}
