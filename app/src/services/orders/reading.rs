//! Reading orders: one order with item diffs and the actions the user may take, the
//! keyset-paginated list (also the review inbox and RIM queue), the item form's choices.

use super::{editable_order, location, q, visible_order};
use crate::db::order_changes::hands;
use crate::db::routing::split_addresses;
use crate::db::write::Reader;
use crate::db::Db;
use crate::domain::calendar::{format_berlin, format_date, today_berlin};
use crate::domain::kind::Review;
use crate::domain::notification_kinds::{unknown_added, KnownKinds};
use crate::domain::order::{self, Action, OrderState, StatusFilter};
use crate::domain::org::mailbox_may_serve;
use crate::domain::policy;
use crate::error::AppError;
use crate::services::context::Ctx;
use crate::services::db_err;
use crate::services::orders::value_items::ValueItem;
use time::OffsetDateTime;

/// What an item would change in the live configuration.
pub fn item_changes(i: &q::ItemRow) -> Vec<crate::routing::model::FieldChange> {
    use crate::services::routing::{field_changes, Side};
    let live = Side {
        mailbox_id: i.live_mailbox_id,
        mailbox: format!("{} <{}>", i.live_mailbox_name, i.live_mailbox_address),
        area_id: i.live_area_id,
        area: &i.live_area_name,
        addresses: split_addresses(&i.live_addresses),
    };
    let proposed = Side {
        mailbox_id: i.mailbox_id,
        mailbox: format!("{} <{}>", i.mailbox_name, i.mailbox_address),
        area_id: i.area_id,
        area: &i.area_name,
        addresses: split_addresses(&i.addresses),
    };
    field_changes(&live, &proposed)
}

/// The catalogue's kinds of every address the items propose (one query per order).
async fn known_kinds(db: &Db, items: &[q::ItemRow]) -> Result<KnownKinds, AppError> {
    let mut proposed: Vec<String> = items
        .iter()
        .flat_map(|i| split_addresses(&i.addresses))
        .collect();
    proposed.sort_unstable();
    proposed.dedup();
    let proposed: Vec<&str> = proposed.iter().map(String::as_str).collect();
    crate::db::org::mailbox_kinds(db, &proposed)
        .await
        .map_err(db_err)
}

/// An order as stored, with what the current user may do with it: the one reading that
/// both the order page and the JSON API shape for their readers.
pub struct OrderRecord {
    pub order: q::OrderRow,
    pub items: Vec<q::ItemRow>,
    /// Per item (same order): the addresses it adds that the mailbox catalogue does not know.
    pub unknown_addresses: Vec<Vec<String>>,
    /// Items of the kind "E-Mail-Kommunikation" and of the "eAkte-Regelwerk".
    pub settings: Vec<crate::db::mailbox_settings::ItemRow>,
    pub eakte: Vec<crate::db::eakte_rules::ItemRow>,
    /// Other open orders touching the same entries: (number, state code).
    pub overlapping: Vec<(String, String)>,
    pub allowed_actions: Vec<Action>,
    pub editable: bool,
    pub can_refresh: bool,
}

pub async fn record(ctx: &Ctx, number: &str) -> Result<OrderRecord, AppError> {
    let actor = ctx.actor()?;
    let db = ctx.db().clone();
    let order = visible_order(ctx, &actor, number).await?;
    let st = order.state;
    let items = q::items(&db, order.id).await.map_err(db_err)?;
    let known = known_kinds(&db, &items).await?;
    let overlapping = q::overlapping(&db, order.id)
        .await
        .map_err(db_err)?
        .into_iter()
        .collect();
    let editable = order::may_edit_items(&actor, location(&order), st);
    let settings = crate::db::mailbox_settings::items(&db, order.id)
        .await
        .map_err(db_err)?;
    let eakte = crate::db::eakte_rules::items(&db, order.id)
        .await
        .map_err(db_err)?;
    let can_refresh = (items.iter().any(|i| i.base_version != i.live_version)
        || settings.iter().any(|i| i.at.is_stale())
        || eakte.iter().any(|i| i.at.is_stale()))
        && order::state_after_refresh(st).is_some()
        && policy::decide(&actor, policy::Action::FileOrder, location(&order)).is_allowed();
    let review = Review::from_required(order.review_required);
    let hands = hands(Reader::Pool(&db), order.id, order.author_id)
        .await
        .map_err(db_err)?;
    let allowed_actions = Action::ALL
        .into_iter()
        .filter(|a| order::authorise(&actor, &hands, location(&order), st, *a, review).is_ok())
        .collect();
    let unknown_addresses = items
        .iter()
        .map(|i| {
            unknown_added(
                &split_addresses(&i.live_addresses),
                &split_addresses(&i.addresses),
                &known,
            )
        })
        .collect();
    Ok(OrderRecord {
        order,
        items,
        unknown_addresses,
        settings,
        eakte,
        overlapping,
        allowed_actions,
        editable,
        can_refresh,
    })
}

/// An order with its items, each diffed against the live configuration, and what the
/// current user may do with it, as the order page shows it.
pub async fn detail(
    ctx: &Ctx,
    number: &str,
) -> Result<crate::orders::model::OrderDetail, AppError> {
    let r = record(ctx, number).await?;
    let directive_choices = if r.editable {
        crate::db::directives::choices(ctx.db())
            .await
            .map_err(db_err)?
            .into_iter()
            .map(|(_, number, title, _)| (number.clone(), format!("{number} – {title}")))
            .collect()
    } else {
        Vec::new()
    };
    let order = &r.order;
    let st = order.state;
    Ok(crate::orders::model::OrderDetail {
        number: order.number.clone(),
        agency: order.agency_name.clone(),
        author: order.author_name.clone(),
        state_code: st,
        state_label: st.label().into(),
        justification: order.justification.clone(),
        effective_date: format_date(order.effective_date),
        today: format_date(today_berlin(OffsetDateTime::now_utc())),
        revision: order.revision,
        decided_by: order.decided_by_name.clone(),
        decision_reason: order.decision_reason.clone(),
        review: order.submitted_at.map(|_| {
            Review::from_required(order.review_required)
                .label()
                .to_string()
        }),
        directive: order.directive_number.clone().map(|number| {
            crate::orders::model::DirectiveRef {
                label: format!(
                    "{number} – {}",
                    order.directive_title.clone().unwrap_or_default()
                ),
                deadline: order
                    .directive_deadline
                    .map(format_date)
                    .unwrap_or_default(),
                number,
            }
        }),
        batch: order.batch_number.clone(),
        directive_choices,
        editable: r.editable,
        can_refresh: r.can_refresh,
        allowed_actions: r
            .allowed_actions
            .iter()
            .map(|a| a.code().to_string())
            .collect(),
        overlapping: r
            .overlapping
            .iter()
            .map(|(n, s)| {
                let label = OrderState::from_code(s).map(|s| s.label().to_string());
                (n.clone(), label.unwrap_or_else(|| s.clone()))
            })
            .collect(),
        items: r
            .items
            .iter()
            .zip(&r.unknown_addresses)
            .map(|(i, unknown)| crate::orders::model::ItemView {
                id: i.id,
                entry_id: i.entry_id,
                office: i.office_name.clone(),
                concern: i.concern_name.clone(),
                base_version: i.base_version,
                live_version: i.live_version,
                stale: i.base_version != i.live_version,
                changes: item_changes(i),
                unknown_addresses: unknown.clone(),
            })
            .collect(),
        settings: r.settings.iter().map(ValueItem::view).collect(),
        eakte: r.eakte.iter().map(ValueItem::view).collect(),
    })
}

pub const PAGE_SIZE: i64 = 50;

/// One page of orders as stored, with what the list around it offers.
pub struct ListPage {
    pub rows: Vec<q::ListRow>,
    /// (code, name) of the RDs to filter by, for users who see more than one.
    pub regions: Vec<(String, String)>,
    /// Cursor of the next page, if there is one.
    pub next: Option<i64>,
    /// The user may file orders for at least one agency.
    pub can_file: bool,
}

/// One page of the orders the user may see. `after` is the keyset cursor (the last id of
/// the previous page); `region_code` narrows to one RD (within the user's scope).
pub async fn list_page(
    ctx: &Ctx,
    state_code: Option<&str>,
    region_code: Option<&str>,
    after: Option<i64>,
) -> Result<ListPage, AppError> {
    let actor = ctx.actor()?;
    let db = ctx.db().clone();
    let status = match state_code.map(str::trim).filter(|s| !s.is_empty()) {
        Some(code) => Some(StatusFilter::from_code(code).ok_or(AppError::BadRequest)?),
        None => None,
    };
    let region_code = region_code.map(str::trim).filter(|s| !s.is_empty());
    let scope = policy::ScopeFilter::for_action(&actor, policy::Action::ViewOrganisation);
    // Only users who see more than one RD get the RD filter; for them a code must be one of
    // theirs. Everyone else is narrowed by the scope anyway.
    let regions = if scope.all || scope.region_ids.len() > 1 {
        crate::services::org::region_choices(ctx, &scope).await?
    } else {
        Vec::new()
    };
    if let (Some(code), false) = (region_code, regions.is_empty()) {
        if !regions.iter().any(|(c, _)| c == code) {
            return Err(AppError::BadRequest);
        }
    }
    let filter = q::ListFilter {
        status,
        region_code,
        after,
    };
    let mut rows = q::list(&db, &scope, &filter, PAGE_SIZE + 1)
        .await
        .map_err(db_err)?;
    let has_more = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let next = has_more.then(|| rows.last().map(|r| r.id)).flatten();
    let filing = policy::ScopeFilter::for_action(&actor, policy::Action::FileOrder);
    Ok(ListPage {
        rows,
        regions,
        next,
        can_file: !filing.agencies.is_empty(),
    })
}

/// One page of the orders the user may see, as the list page shows it.
pub async fn list(
    ctx: &Ctx,
    state_code: Option<&str>,
    region_code: Option<&str>,
    after: Option<i64>,
) -> Result<crate::orders::model::OrderList, AppError> {
    let page = list_page(ctx, state_code, region_code, after).await?;
    let now = OffsetDateTime::now_utc();
    let today = today_berlin(now);
    Ok(crate::orders::model::OrderList {
        rows: page
            .rows
            .into_iter()
            .map(|r| crate::orders::model::OrderListRow {
                state_label: r.state.label().to_string(),
                number: r.number,
                agency: r.agency_name,
                author: r.author_name,
                effective_date: format_date(r.effective_date),
                submitted: r.submitted_at.map(format_berlin),
                days_waiting: (r.state == OrderState::Submitted)
                    .then(|| r.submitted_at.map(|t| (now - t).whole_days()))
                    .flatten(),
                items: r.item_count,
                directive: r.directive_number,
                deadline: r.directive_deadline.map(format_date),
                days_left: r.directive_deadline.map(|d| (d - today).whole_days()),
            })
            .collect(),
        can_file: page.can_file,
        regions: page.regions,
        next: page.next,
        first_page: after.is_none(),
    })
}

pub async fn item_choices(
    ctx: &Ctx,
    number: &str,
) -> Result<crate::orders::model::ItemChoices, AppError> {
    let actor = ctx.actor()?;
    let st = &ctx.state;
    let db = ctx.db().clone();
    let (order, _) = editable_order(ctx, &actor, number).await?;
    let offices = q::agency_offices(&db, order.agency_id)
        .await
        .map_err(db_err)?;
    let mailboxes = q::agency_mailboxes(&db, order.agency_id)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|m| {
            let place = m.place(order.agency_id);
            crate::orders::model::MailboxChoice {
                id: m.id,
                label: format!("{} ({}) – {}", m.name, m.area_name, m.address),
                area_id: m.area_id,
                serves: offices
                    .iter()
                    .filter(|(office_id, ..)| {
                        place.is_some_and(|p| mailbox_may_serve(*office_id, order.agency_id, p))
                    })
                    .map(|(_, code, _)| code.clone())
                    .collect(),
            }
        })
        .collect();
    Ok(crate::orders::model::ItemChoices {
        offices: offices
            .into_iter()
            .map(|(_, code, name)| (code, name))
            .collect(),
        concerns: q::active_concerns(&db).await.map_err(db_err)?,
        mailboxes,
        areas: q::areas(&db).await.map_err(db_err)?,
        mail_domains: st
            .mail_domains
            .list()
            .into_iter()
            .map(String::from)
            .collect(),
    })
}
