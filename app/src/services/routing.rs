//! Reading routing: the live configuration of a Dienststelle, a past state (for an agency
//! with its mailboxes' "E-Mail-Kommunikation" at the same time), an entry's history with
//! a field-level comparison of two versions.

use super::db_err;
use crate::db::eakte_rules as eakte_q;
use crate::db::mailbox_settings as settings_q;
use crate::db::routing as q;
use crate::domain::calendar::{end_of_day_berlin, format_berlin, format_date, parse_date};
use crate::domain::fields::{FieldError, NotificationAddress};
use crate::domain::org::OrgLocation;
use crate::domain::policy::Action;
use crate::domain::routing::{diff, Change, RoutingValues};
use crate::error::AppError;
use crate::routing::*;
use crate::services::context::Ctx;

pub(crate) fn parse_stand(stand: Option<&str>) -> Result<Option<time::Date>, AppError> {
    match stand.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => parse_date(s).map(Some).ok_or_else(|| {
            AppError::Validation(vec![FieldError::new(
                "stand",
                "Bitte geben Sie ein Datum im Format TT.MM.JJJJ an.",
            )])
        }),
    }
}

fn row(r: q::EntryRow) -> RoutingRow {
    RoutingRow {
        entry_id: r.entry_id,
        office_code: r.office_code,
        office_name: r.office_name,
        concern: r.concern_name,
        customer_group: r.customer_group,
        version: r.version,
        mailbox_name: r.mailbox_name,
        mailbox_address: r.mailbox_address,
        area_name: r.area_name,
        addresses: q::split_addresses(&r.addresses),
        valid_from: format_berlin(r.valid_from),
        open_order: r.open_order,
    }
}

fn setting_row(r: settings_q::SettingRow) -> MailboxSettingRow {
    MailboxSettingRow {
        entry_id: r.entry_id,
        office_name: r.office_name,
        mailbox_name: r.mailbox_name,
        mailbox_address: r.mailbox_address,
        kind_label: r.mailbox_kind.label().to_string(),
        mode: r.email_mode.label().to_string(),
        version: r.version,
        valid_from: format_berlin(r.valid_from),
        open_order: r.open_order,
    }
}

/// A Dienststelle's routing as stored, live or at the end of a day.
pub struct OfficeRecord {
    pub office: crate::db::org::OfficeRow,
    pub as_of: Option<time::Date>,
    pub rows: Vec<q::EntryRow>,
}

pub async fn office_record(
    ctx: &Ctx,
    code: &str,
    stand: Option<&str>,
) -> Result<OfficeRecord, AppError> {
    let actor = ctx.actor()?;
    let db = ctx.db().clone();
    let office = super::org::visible_office(ctx, &actor, code).await?;
    let as_of = parse_stand(stand)?;
    let rows = q::routing(&db, q::Of::Office(office.id), as_of.map(end_of_day_berlin))
        .await
        .map_err(db_err)?;
    Ok(OfficeRecord {
        office,
        as_of,
        rows,
    })
}

pub async fn office(ctx: &Ctx, code: &str, stand: Option<&str>) -> Result<OfficeRouting, AppError> {
    let r = office_record(ctx, code, stand).await?;
    Ok(OfficeRouting {
        office_code: r.office.code,
        office_name: r.office.name,
        agency_code: r.office.agency_code,
        agency_name: r.office.agency_name,
        as_of: r.as_of.map(format_date),
        rows: r.rows.into_iter().map(row).collect(),
    })
}

/// An agency's configuration as stored, of every kind, live or at the end of a day.
pub struct AgencyRecord {
    pub agency: crate::db::org::AgencyRow,
    pub as_of: Option<time::Date>,
    pub rows: Vec<q::EntryRow>,
    pub settings: Vec<settings_q::SettingRow>,
    pub eakte_rules: Vec<eakte_q::RuleRow>,
}

pub async fn agency_record(
    ctx: &Ctx,
    code: &str,
    stand: Option<&str>,
) -> Result<AgencyRecord, AppError> {
    let actor = ctx.actor()?;
    let db = ctx.db().clone();
    let agency = super::org::visible_agency(ctx, &actor, code).await?;
    let as_of = parse_stand(stand)?;
    let rows = q::routing(&db, q::Of::Agency(agency.id), as_of.map(end_of_day_berlin))
        .await
        .map_err(db_err)?;
    let settings = match as_of {
        Some(day) => settings_q::of_agency_at(&db, agency.id, end_of_day_berlin(day)).await,
        None => settings_q::of_agency(&db, agency.id).await,
    }
    .map_err(db_err)?;
    let eakte_rules = match as_of {
        Some(day) => eakte_q::of_agency_at(&db, agency.id, end_of_day_berlin(day)).await,
        None => eakte_q::of_agency(&db, agency.id).await,
    }
    .map_err(db_err)?;
    Ok(AgencyRecord {
        agency,
        as_of,
        rows,
        settings,
        eakte_rules,
    })
}

/// Every Dienststelle of an agency, live or as it was at the end of a day.
pub async fn agency(ctx: &Ctx, code: &str, stand: Option<&str>) -> Result<AgencyRouting, AppError> {
    let r = agency_record(ctx, code, stand).await?;
    Ok(AgencyRouting {
        agency_code: r.agency.code,
        agency_name: r.agency.name,
        as_of: r.as_of.map(format_date),
        rows: r.rows.into_iter().map(row).collect(),
        settings: r.settings.into_iter().map(setting_row).collect(),
        eakte_rules: r
            .eakte_rules
            .into_iter()
            .map(super::eakte_rules::rule_row)
            .collect(),
    })
}

/// One side of a comparison: the values and the names to show for them.
pub(crate) struct Side<'a> {
    pub mailbox_id: i64,
    /// "Name <address>"
    pub mailbox: String,
    pub area_id: i64,
    pub area: &'a str,
    pub addresses: Vec<String>,
}

impl Side<'_> {
    fn values(&self) -> RoutingValues {
        RoutingValues {
            mailbox_id: self.mailbox_id,
            area_id: self.area_id,
            notification_addresses: self
                .addresses
                .iter()
                .map(|a| NotificationAddress::from_stored(a))
                .collect(),
        }
    }
}

/// The domain's diff, in German field names: the one wording for version comparisons and
/// order items alike.
pub(crate) fn field_changes(before: &Side, after: &Side) -> Vec<FieldChange> {
    diff(&before.values(), &after.values())
        .into_iter()
        .map(|c| match c {
            Change::Mailbox { .. } => FieldChange {
                field: "Zielpostfach".into(),
                before: before.mailbox.clone(),
                after: after.mailbox.clone(),
            },
            Change::Area { .. } => FieldChange {
                field: "Bereich".into(),
                before: before.area.to_string(),
                after: after.area.to_string(),
            },
            Change::Addresses { .. } => FieldChange {
                field: crate::routing::model::ADDRESSES_FIELD.into(),
                before: before.addresses.join(", "),
                after: after.addresses.join(", "),
            },
        })
        .collect()
}

fn mailbox_label(v: &q::VersionRow) -> String {
    format!("{} <{}>", v.mailbox_name, v.mailbox_address)
}

fn side(v: &q::VersionRow) -> Side<'_> {
    Side {
        mailbox_id: v.mailbox_id,
        mailbox: mailbox_label(v),
        area_id: v.area_id,
        area: &v.area_name,
        addresses: q::split_addresses(&v.addresses),
    }
}

fn compare(before: &q::VersionRow, after: &q::VersionRow) -> Comparison {
    Comparison {
        from: before.version,
        to: after.version,
        changes: field_changes(&side(before), &side(after)),
    }
}

/// An entry's versions as stored (oldest first), once the actor may see its agency.
pub struct HistoryRecord {
    pub meta: q::EntryMeta,
    pub versions: Vec<q::VersionRow>,
    /// The actor may file orders for the entry's agency (and so restore a version).
    pub can_restore: bool,
}

pub async fn history_record(ctx: &Ctx, entry_id: i64) -> Result<HistoryRecord, AppError> {
    let actor = ctx.actor()?;
    let db = ctx.db().clone();
    let meta = q::entry_meta(&db, entry_id)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    let location = OrgLocation::Agency {
        region_id: meta.region_id,
        agency_id: meta.agency_id,
    };
    ctx.require(
        &actor,
        Action::ViewOrganisation,
        location,
        &format!("routing-eintrag:{entry_id}"),
    )
    .await?;
    let can_restore =
        crate::domain::policy::decide(&actor, Action::FileOrder, location).is_allowed();
    let versions = q::versions(&db, entry_id).await.map_err(db_err)?;
    Ok(HistoryRecord {
        meta,
        versions,
        can_restore,
    })
}

pub async fn history(
    ctx: &Ctx,
    entry_id: i64,
    from: Option<i64>,
    to: Option<i64>,
) -> Result<EntryHistory, AppError> {
    let HistoryRecord {
        meta,
        versions: rows,
        can_restore,
    } = history_record(ctx, entry_id).await?;
    let find = |n: i64| rows.iter().find(|v| v.version == n);
    // Without a choice: the live version against its predecessor.
    let live = rows.last().map(|v| v.version).unwrap_or(1);
    let (from, to) = match (from, to) {
        (Some(a), Some(b)) => (a.min(b), a.max(b)),
        _ => (live - 1, live),
    };
    let comparison = match (find(from), find(to)) {
        (Some(a), Some(b)) if a.version != b.version => Some(compare(a, b)),
        _ => None,
    };
    Ok(EntryHistory {
        entry_id,
        concern: meta.concern_name,
        office_code: meta.office_code,
        office_name: meta.office_name,
        agency_name: meta.agency_name,
        can_restore,
        comparison,
        versions: rows
            .iter()
            .rev()
            .map(|v| VersionView {
                number: v.version,
                valid_from: format_berlin(v.valid_from),
                valid_until: v.valid_until.map(format_berlin),
                mailbox: mailbox_label(v),
                area_name: v.area_name.clone(),
                addresses: q::split_addresses(&v.addresses),
                order_number: v.order_number.clone(),
                author: v.author.clone(),
                implemented_by: v.implemented_by.clone(),
                note: v.note.clone(),
            })
            .collect(),
    })
}
