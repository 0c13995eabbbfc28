//! Drafting: the order header, its items, restoring an earlier version as a draft, and
//! bringing stale items onto the live version.

use super::q;
use super::value_items;
use super::value_restore::ValueRestore;
use super::{begin_at_revision, editable_order, location, visible_order};
use crate::db::order_changes::{NewDraft, NewItem};
use crate::db::routing::{join_addresses, split_addresses};
use crate::db::Db;
use crate::domain::calendar::{format_date, today_berlin};
use crate::domain::fields::{FieldError, NotificationAddress};
use crate::domain::kind::Kind;
use crate::domain::notification_kinds::check_address_kinds;
use crate::domain::order_form::{check_addresses, check_header, check_item_fields, Header};
use crate::domain::org::{mailbox_may_serve, OrgLocation};
use crate::domain::policy;
use crate::domain::routing::{diff, RoutingValues};
use crate::error::AppError;
use crate::services::context::Ctx;
use crate::services::db_err;
use crate::services::directives::check_concern_limit;
use crate::services::org::agency_for;
use time::OffsetDateTime;

/// The header's field errors (empty when it parsed), checked against today in Berlin.
fn header_errors(justification: &str, effective_date: &str) -> (Vec<FieldError>, Option<Header>) {
    let today = today_berlin(OffsetDateTime::now_utc());
    match check_header(justification, effective_date, today) {
        Ok(header) => (Vec::new(), Some(header)),
        Err(errors) => (errors, None),
    }
}

/// The directive's Anliegen limit for a whole order; header forms have no Anliegen field,
/// so the message belongs to the directive.
pub(crate) async fn concern_limit_at_directive(
    db: &Db,
    directive: &str,
    concerns: &[&str],
) -> Result<(), AppError> {
    check_concern_limit(db, Some(directive), concerns)
        .await
        .map_err(|e| match e {
            AppError::Validation(mut errors) => {
                errors.iter_mut().for_each(|e| e.field = "weisung".into());
                AppError::Validation(errors)
            }
            other => other,
        })
}

/// The new-order form as the user fills it in.
#[derive(Clone, Debug, Default)]
pub struct DraftInput<'a> {
    pub agency_code: &'a str,
    pub justification: &'a str,
    pub effective_date: &'a str,
    /// Number of the directive the order answers, or empty.
    pub directive: &'a str,
    /// Start the draft with one item restoring that version.
    pub restore: RestoreRequest,
    /// Start the draft with the items that make the agency comply with the directive.
    pub prefill: bool,
    /// Only with the items of the directive's obligation over the kind of this code.
    pub prefill_only: Option<&'a str>,
    /// Items read from an uploaded CSV file, already checked by the import.
    pub imported: Vec<ImportedItem>,
    /// The staged upload the items came from: consumed in the draft's transaction, so a
    /// second confirmation cannot file the same file twice.
    pub upload_token: Option<String>,
    /// An API client's `Idempotency-Key`: recorded in the draft's transaction (see
    /// `file_once`).
    pub idempotency_key: Option<&'a str>,
}

/// An entry's earlier version, of either kind, that a new draft restores.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Restore {
    pub kind: Kind,
    pub entry_id: i64,
    pub version: i64,
}

/// A restore as a form or link asks for it: the entry of a routing entry (`eintrag`), a
/// mailbox's setting (`einstellung`) or an eAkte rule (`regel`), and the version.
/// Parsed by the services after the caller is known, so an anonymous caller hears 401
/// before anything about the arguments.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RestoreRequest {
    pub routing: Option<i64>,
    pub setting: Option<i64>,
    pub eakte: Option<i64>,
    pub version: Option<i64>,
}

impl RestoreRequest {
    /// The version to restore; at most one entry may be named.
    fn parse(self) -> Result<Option<Restore>, AppError> {
        let (kind, entry_id) = match (self.routing, self.setting, self.eakte) {
            (Some(e), None, None) => (Kind::Routing, e),
            (None, Some(e), None) => (Kind::MailboxSetting, e),
            (None, None, Some(e)) => (Kind::EakteRule, e),
            (None, None, None) => return Ok(None),
            _ => return Err(AppError::BadRequest),
        };
        Ok(self.version.map(|version| Restore {
            kind,
            entry_id,
            version,
        }))
    }
}

/// The one obligation (by the code of its kind) a pre-filled draft is limited to.
fn obligation_of(code: Option<&str>) -> Result<Option<Kind>, AppError> {
    match code.map(str::trim).filter(|c| !c.is_empty()) {
        None => Ok(None),
        Some(code) => Kind::from_code(code).map(Some).ok_or(AppError::BadRequest),
    }
}

impl Restore {
    /// The routing entry and version, if it is one.
    fn routing(self) -> Option<(i64, i64)> {
        (self.kind == Kind::Routing).then_some((self.entry_id, self.version))
    }
}

/// An item, its routing entry, the base version and the parsed addresses.
pub type ImportedItem = (ItemInput, i64, i64, Vec<NotificationAddress>);

/// The directive an order answers: empty is none, anything else must exist.
async fn directive_id(db: &Db, number: &str) -> Result<Option<i64>, Vec<FieldError>> {
    let number = number.trim();
    if number.is_empty() {
        return Ok(None);
    }
    match crate::db::directives::id_by_number(db, number).await {
        Ok(Some(id)) => Ok(Some(id)),
        Ok(None) => Err(vec![FieldError::new(
            "weisung",
            "Diese Weisung gibt es nicht.",
        )]),
        Err(e) => {
            tracing::error!(error = %e, "directive lookup failed");
            Err(vec![FieldError::new(
                "weisung",
                "Die Weisung konnte nicht geprüft werden.",
            )])
        }
    }
}

/// An entry's earlier version, with the entry and its agency's (code, name).
async fn restored_version(
    db: &Db,
    entry_id: i64,
    version: i64,
) -> Result<
    (
        crate::db::routing::EntryMeta,
        crate::db::routing::VersionRow,
        (String, String),
    ),
    AppError,
> {
    let meta = crate::db::routing::entry_meta(db, entry_id)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    let version = crate::db::routing::versions(db, entry_id)
        .await
        .map_err(db_err)?
        .into_iter()
        .find(|v| v.version == version)
        .ok_or(AppError::NotFound)?;
    let agency = crate::db::org::agency_code_name(db, meta.agency_id)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    Ok((meta, version, agency))
}

/// The item that puts an earlier version back, checked like any other item.
async fn restoring_item(
    ctx: &Ctx,
    db: &Db,
    meta: &crate::db::routing::EntryMeta,
    v: &crate::db::routing::VersionRow,
    agency_id: i64,
) -> Result<(ItemInput, i64, i64, Vec<NotificationAddress>), AppError> {
    let input = ItemInput {
        office_code: meta.office_code.clone(),
        concern_code: meta.concern_code.clone(),
        mailbox_id: v.mailbox_id,
        area_id: v.area_id,
        addresses: v.addresses.clone(),
    };
    match validate_item(ctx, db, agency_id, &input).await {
        Ok((entry, base, addresses)) => Ok((input, entry, base, addresses)),
        Err(AppError::Validation(errors)) => Err(AppError::Conflict(format!(
            "Version {} kann nicht wiederhergestellt werden: {}",
            v.version,
            errors
                .iter()
                .map(|e| e.message.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        ))),
        Err(other) => Err(other),
    }
}

/// What a pre-filled draft starts with: routing items, each checked like any other, and
/// setting items, each checked against the keep-in-place locks.
#[derive(Default)]
struct PrefilledItems {
    directive: String,
    routing: Vec<(ItemInput, i64, i64, Vec<NotificationAddress>)>,
    settings: Vec<crate::services::setting_compliance::SettingPrefill>,
    eakte: Vec<crate::services::eakte_compliance::EaktePrefill>,
}

/// The items that make the agency's open Dienststellen and mailboxes comply; the admin
/// reviews and adjusts them in the draft.
async fn prefilled_items(
    ctx: &Ctx,
    db: &Db,
    directive: &str,
    agency: (i64, i64),
    effective: time::Date,
    only: Option<Kind>,
) -> Result<PrefilledItems, AppError> {
    use crate::services::directives::prefill_for;
    if directive.trim().is_empty() {
        return Err(AppError::Validation(vec![FieldError::new(
            "weisung",
            "Bitte wählen Sie die Weisung, deren Änderungen vorbereitet werden sollen.",
        )]));
    }
    let agency_id = agency.1;
    let Some(p) = prefill_for(db, directive, agency, only).await? else {
        return Err(AppError::Conflict(format!(
            "Die Weisung {} hat keine Zielregel; der Auftrag kann nicht vorbefüllt werden.",
            directive.trim()
        )));
    };
    if p.routing.is_empty() && p.settings.is_empty() && p.eakte.is_empty() {
        return Err(AppError::Conflict(format!(
            "Zur Weisung {} ist in dieser Agentur nichts mehr offen, was ein Auftrag beheben könnte.",
            p.directive.row.number
        )));
    }
    let concern = p
        .directive
        .rule
        .as_ref()
        .map(|r| r.concern.clone())
        .unwrap_or_default();
    let mut routing = Vec::with_capacity(p.routing.len());
    for item in p.routing {
        let input = ItemInput {
            office_code: item.office_code,
            concern_code: concern.clone(),
            mailbox_id: item.mailbox_id,
            area_id: item.area_id,
            addresses: item.addresses.join("\n"),
        };
        let (entry, base, addresses) = validate_item(ctx, db, agency_id, &input).await?;
        routing.push((input, entry, base, addresses));
    }
    let locks = crate::db::mailbox_settings::locks(db)
        .await
        .map_err(db_err)?;
    for item in &p.settings {
        crate::domain::mailbox_setting::check(item.mailbox_kind, item.mode, effective, &locks)
            .map_err(AppError::Conflict)?;
    }
    Ok(PrefilledItems {
        directive: p.directive.row.number,
        routing,
        settings: p.settings,
        eakte: p.eakte,
    })
}

/// Files a new draft for an agency, optionally starting with an item that restores an
/// earlier version of a routing entry (both in one transaction). Returns the order number
/// (ÄA-JJJJ-NNNNNN).
pub async fn create_draft(ctx: &Ctx, input: DraftInput<'_>) -> Result<String, AppError> {
    create_draft_once(ctx, input)
        .await
        .map(|(number, _)| number)
}

/// `create_draft`, and true when an `Idempotency-Key` names an order an earlier request
/// filed (then nothing new is written).
pub(super) async fn create_draft_once(
    ctx: &Ctx,
    input: DraftInput<'_>,
) -> Result<(String, bool), AppError> {
    let actor = ctx.actor()?;
    let db = ctx.db().clone();
    let restore = input.restore.parse()?;
    let prefill_only = obligation_of(input.prefill_only)?;
    let sources = [input.prefill, restore.is_some(), !input.imported.is_empty()];
    if sources.iter().filter(|s| **s).count() > 1 {
        return Err(AppError::BadRequest);
    }
    let restored = match restore.and_then(Restore::routing) {
        Some((entry_id, version)) => Some(restored_version(&db, entry_id, version).await?),
        None => None,
    };
    let restored_value = match restore {
        Some(r) => ValueRestore::load(&db, r).await?,
        None => None,
    };
    let restored_agency = restored
        .as_ref()
        .map(|(_, _, (code, _))| code)
        .map(String::as_str)
        .or(restored_value.as_ref().map(ValueRestore::agency_code));
    let agency_code = match restored_agency {
        Some(code) => {
            if !input.agency_code.trim().is_empty() && input.agency_code.trim() != code {
                return Err(AppError::BadRequest);
            }
            code.to_string()
        }
        None => input.agency_code.trim().to_string(),
    };
    let agency = agency_for(ctx, &actor, &agency_code, policy::Action::FileOrder).await?;
    let (mut errors, parsed) = header_errors(input.justification, input.effective_date);
    let directive = directive_id(&db, input.directive)
        .await
        .map_err(|e| errors.extend(e))
        .ok()
        .flatten();
    let Some(Header {
        justification,
        effective_date: effective,
    }) = parsed.filter(|_| errors.is_empty())
    else {
        return Err(AppError::Validation(errors));
    };
    let restore = match &restored {
        Some((meta, v, _)) => {
            check_concern_limit(&db, Some(input.directive), &[meta.concern_code.as_str()]).await?;
            Some((
                v.version,
                restoring_item(ctx, &db, meta, v, agency.id).await?,
            ))
        }
        None => None,
    };
    if let Some(v) = &restored_value {
        v.check(&db, effective).await?;
    }
    let prefilled = if input.prefill {
        let agency = (agency.region_id, agency.id);
        prefilled_items(ctx, &db, input.directive, agency, effective, prefill_only).await?
    } else {
        PrefilledItems::default()
    };
    let now = OffsetDateTime::now_utc();
    let mut tx = db.begin_write().await.map_err(db_err)?;
    // Inside the transaction: on SQLite a parallel request with the same key may have
    // written its key in the write turn this one shares, not yet committed.
    if let Some(key) = input.idempotency_key {
        let earlier = tx
            .idempotency_key(actor.user_id, key, now - crate::db::idempotency::KEPT_FOR)
            .await
            .map_err(db_err)?;
        if let Some(earlier) = earlier {
            tx.commit().await.map_err(db_err)?;
            return super::idempotent::replay(earlier, &super::idempotent::fingerprint(&input))
                .map(|number| (number, true));
        }
    }
    let draft = NewDraft {
        agency_id: agency.id,
        region_id: agency.region_id,
        author_id: actor.user_id,
        justification: justification.as_str(),
        effective_date: effective,
        directive_id: directive,
        now,
        year: today_berlin(now).year(),
    };
    let (id, number) = tx.insert_draft(&draft).await.map_err(db_err)?;
    if let Some(key) = input.idempotency_key {
        let fingerprint = super::idempotent::fingerprint(&input);
        tx.remember_idempotency_key((actor.user_id, key, &fingerprint), id, now)
            .await
            .map_err(db_err)?;
    }
    let mut detail = format!(
        "Agentur {}, wirksam ab {}",
        agency.name,
        format_date(effective)
    );
    if let Some((version, (_, entry_id, ..))) = &restore {
        detail.push_str(&format!(
            "; stellt Version {version} von Eintrag {entry_id} wieder her"
        ));
    }
    if let Some(v) = &restored_value {
        v.save(&mut tx, id).await.map_err(db_err)?;
        detail.push_str(&v.audit_detail());
    }
    if let Some(token) = &input.upload_token {
        if !tx
            .consume_upload(token, actor.user_id)
            .await
            .map_err(db_err)?
        {
            return Err(AppError::Conflict(
                "Diese Datei wurde bereits als Auftrag übernommen oder ist abgelaufen.".into(),
            ));
        }
        detail.push_str(&format!(
            "; aus CSV-Datei eingelesen: {} Positionen",
            input.imported.len()
        ));
    }
    let items = restore
        .iter()
        .map(|(_, item)| item)
        .chain(&prefilled.routing)
        .chain(&input.imported);
    for (item, entry_id, base, addresses) in items {
        tx.add_item(id, &new_item(item, *entry_id, *base, addresses))
            .await
            .map_err(db_err)?;
    }
    for s in &prefilled.settings {
        tx.save_value_item(Kind::MailboxSetting, id, s.entry_id, s.base_version, s.mode)
            .await
            .map_err(db_err)?;
    }
    for e in &prefilled.eakte {
        tx.save_value_item(
            Kind::EakteRule,
            id,
            e.entry_id,
            e.base_version,
            e.postkorb_id,
        )
        .await
        .map_err(db_err)?;
    }
    if !prefilled.routing.is_empty()
        || !prefilled.settings.is_empty()
        || !prefilled.eakte.is_empty()
    {
        let what: Vec<&str> = prefilled
            .routing
            .iter()
            .map(|(i, ..)| i.office_code.as_str())
            .chain(prefilled.settings.iter().map(|s| s.mailbox.as_str()))
            .chain(prefilled.eakte.iter().map(|e| e.rule.as_str()))
            .collect();
        detail.push_str(&format!(
            "; vorbefüllt zur Weisung {}: {}",
            prefilled.directive,
            what.join(", ")
        ));
    }
    let entry = ctx.audit_entry(
        &actor,
        "auftrag-angelegt",
        &format!("auftrag:{number}"),
        detail,
    );
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    Ok((number, false))
}

/// An item's stored values.
fn new_item(
    item: &ItemInput,
    entry_id: i64,
    base_version: i64,
    addresses: &[NotificationAddress],
) -> NewItem {
    NewItem {
        entry_id,
        base_version,
        mailbox_id: item.mailbox_id,
        area_id: item.area_id,
        addresses: join_addresses(&addresses.iter().map(|a| a.as_str()).collect::<Vec<_>>()),
    }
}

/// Changes justification, effective date and directive of an order still being drafted.
pub async fn update_header(
    ctx: &Ctx,
    number: &str,
    revision: i64,
    justification: &str,
    effective_date: &str,
    directive: &str,
) -> Result<(), AppError> {
    let actor = ctx.actor()?;
    let db = ctx.db().clone();
    let (order, st) = editable_order(ctx, &actor, number).await?;
    let (mut errors, parsed) = header_errors(justification, effective_date);
    let directive_id = directive_id(&db, directive)
        .await
        .map_err(|e| errors.extend(e))
        .ok()
        .flatten();
    let Some(Header {
        justification,
        effective_date: effective,
    }) = parsed.filter(|_| errors.is_empty())
    else {
        return Err(AppError::Validation(errors));
    };
    let items = q::items(&db, order.id).await.map_err(db_err)?;
    let concerns: Vec<&str> = items.iter().map(|i| i.concern_code.as_str()).collect();
    concern_limit_at_directive(&db, directive, &concerns).await?;
    let now = OffsetDateTime::now_utc();
    let detail = format!(
        "vorher: wirksam ab {}, Weisung {}, Begründung „{}“; nachher: wirksam ab {}, Weisung {}, Begründung „{}“",
        format_date(order.effective_date),
        order.directive_number.as_deref().unwrap_or("keine"),
        order.justification,
        format_date(effective),
        if directive.trim().is_empty() { "keine" } else { directive.trim() },
        justification.as_str()
    );
    let mut tx = begin_at_revision(&db, &actor, order.id, revision, st, now).await?;
    tx.set_header(order.id, justification.as_str(), effective, directive_id)
        .await
        .map_err(db_err)?;
    let entry = ctx.audit_entry(
        &actor,
        "auftrag-angaben-geaendert",
        &format!("auftrag:{number}"),
        detail,
    );
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)
}

/// What the new-order form offers: the agencies the user may file for, the directives,
/// today's date, and — when restoring — the version being restored.
/// The new-order form: blank, restoring an earlier version, or pre-filled for a directive
/// (directive, agency code and, optionally, the code of the one obligation's kind).
pub async fn new_order_form(
    ctx: &Ctx,
    restore: RestoreRequest,
    prefill: Option<(&str, &str, Option<&str>)>,
) -> Result<crate::orders::model::NewOrderForm, AppError> {
    let actor = ctx.actor()?;
    let restore = restore.parse()?;
    let prefill = match prefill {
        Some((directive, agency, only)) => Some((directive, agency, obligation_of(only)?)),
        None => None,
    };
    let db = ctx.db().clone();
    let filing = policy::ScopeFilter::for_action(&actor, policy::Action::FileOrder);
    let mut agencies = Vec::new();
    for (_, agency_id) in &filing.agencies {
        if let Some(a) = crate::db::org::agency_code_name(&db, *agency_id)
            .await
            .map_err(db_err)?
        {
            agencies.push(a);
        }
    }
    let restoring = match restore {
        None => None,
        Some(r) => match ValueRestore::load(&db, r).await? {
            Some(v) => {
                ctx.require(&actor, policy::Action::FileOrder, v.location(), &v.object())
                    .await?;
                // Refused here already when no effective date could make it pass.
                v.check(&db, today_berlin(OffsetDateTime::now_utc()))
                    .await?;
                agencies.retain(|(c, _)| *c == v.agency_code());
                Some(v.restoring())
            }
            None => Some(routing_restoring(ctx, &actor, &db, r, &mut agencies).await?),
        },
    };
    let prefill = match prefill {
        None => None,
        Some((directive, agency_code, only)) => {
            let p = prefill_preview(ctx, &db, &actor, (directive, agency_code, only)).await?;
            agencies.retain(|(c, _)| *c == p.agency_code);
            Some(p)
        }
    };
    let directives = crate::db::directives::choices(&db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|(_, number, title, deadline)| {
            (
                number.clone(),
                format!("{number} – {title} (Frist {})", format_date(deadline)),
            )
        })
        .collect();
    let today = format_date(today_berlin(OffsetDateTime::now_utc()));
    let justification = match (&restoring, &prefill) {
        (Some(r), _) => format!(
            "Wiederherstellung von Version {} ({} – {}).",
            r.version, r.office, r.subject
        ),
        (None, Some(p)) => p.justification.clone(),
        (None, None) => String::new(),
    };
    Ok(crate::orders::model::NewOrderForm {
        agencies,
        directives,
        today,
        justification,
        restoring,
        prefill,
    })
}

/// What the new-order form shows when a draft restores a routing version.
async fn routing_restoring(
    ctx: &Ctx,
    actor: &policy::Actor,
    db: &Db,
    r: Restore,
    agencies: &mut Vec<(String, String)>,
) -> Result<crate::orders::model::Restoring, AppError> {
    let (meta, v, (code, name)) = restored_version(db, r.entry_id, r.version).await?;
    let loc = OrgLocation::Agency {
        region_id: meta.region_id,
        agency_id: meta.agency_id,
    };
    ctx.require(
        actor,
        policy::Action::FileOrder,
        loc,
        &format!("routing-eintrag:{}", r.entry_id),
    )
    .await?;
    agencies.retain(|(c, _)| *c == code);
    Ok(crate::orders::model::Restoring {
        kind: Kind::Routing,
        entry_id: r.entry_id,
        version: r.version,
        agency_code: code,
        agency_name: name,
        office: meta.office_name,
        subject: meta.concern_name,
        summary: format!(
            "{} <{}>, Bereich {}, Benachrichtigung: {}",
            v.mailbox_name,
            v.mailbox_address,
            v.area_name,
            split_addresses(&v.addresses).join(", ")
        ),
    })
}

/// What a pre-filled draft would contain, for an agency the actor files for.
async fn prefill_preview(
    ctx: &Ctx,
    db: &Db,
    actor: &policy::Actor,
    (directive, agency_code, only): (&str, &str, Option<Kind>),
) -> Result<crate::orders::model::Prefill, AppError> {
    use crate::orders::model::PrefillLine;
    use crate::services::directives::prefill_for;
    let agency = agency_for(ctx, actor, agency_code, policy::Action::FileOrder).await?;
    let p = prefill_for(db, directive, (agency.region_id, agency.id), only)
        .await?
        .ok_or(AppError::NotFound)?;
    let number = p.directive.row.number.clone();
    let concern = match &p.directive.rule {
        Some(rule) => Some(
            crate::db::directives::concern_name(db, &rule.concern)
                .await
                .map_err(db_err)?
                .unwrap_or_else(|| rule.concern.clone()),
        ),
        None => None,
    };
    let mut what = Vec::new();
    if let Some(concern) = &concern {
        what.push(format!(
            "Anliegen „{concern}“ gemäß der Zielregel der Weisung routen"
        ));
    }
    if let Some(rule) = &p.directive.setting_rule {
        what.push(format!(
            "E-Mail-Kommunikation der EZ-Postfächer auf „{}“",
            rule.mode.label()
        ));
    }
    if p.directive.eakte_rule.is_some() {
        what.push("eAkte-Regeln an den Postkorb der Eingangszone".to_string());
    }
    let items = p
        .routing
        .into_iter()
        .map(|i| PrefillLine {
            office: i.office_name,
            proposed: format!(
                "{}, Benachrichtigung: {}",
                i.mailbox_name,
                i.addresses.join(", ")
            ),
        })
        .chain(p.settings.into_iter().map(|s| PrefillLine {
            office: s.mailbox,
            proposed: format!("E-Mail-Kommunikation {}", s.change),
        }))
        .chain(p.eakte.into_iter().map(|e| PrefillLine {
            office: e.rule,
            proposed: format!("Ziel-Postkorb {}", e.change),
        }))
        .collect();
    let subjects: Vec<String> = [
        concern.map(|c| format!("das Anliegen „{c}“")),
        p.directive
            .setting_rule
            .as_ref()
            .map(|_| "die Postfächer".to_string()),
        p.directive
            .eakte_rule
            .as_ref()
            .map(|_| "die eAkte-Regeln".to_string()),
    ]
    .into_iter()
    .flatten()
    .collect();
    Ok(crate::orders::model::Prefill {
        directive: number.clone(),
        agency_code: agency.code,
        agency_name: agency.name,
        what: format!("für {}", and_list(&subjects)),
        obligation: only.map(|k| k.code().to_string()),
        justification: format!("Umsetzung der Weisung {number}: {}.", what.join("; ")),
        items,
    })
}

/// One proposed change as the form sends it.
#[derive(Clone, Debug)]
pub struct ItemInput {
    pub office_code: String,
    pub concern_code: String,
    pub mailbox_id: i64,
    pub area_id: i64,
    /// One address per line (or separated by commas/semicolons).
    pub addresses: String,
}

/// An item checked against the order rules and the live configuration.
pub(crate) struct CheckedItem {
    pub entry_id: i64,
    pub live_version: i64,
    pub live: RoutingValues,
    pub addresses: Vec<NotificationAddress>,
    /// The item would leave the live configuration as it is.
    pub unchanged: bool,
}

/// Checks an item with every order rule except "must change something" (the CSV import
/// skips unchanged rows instead of refusing them).
pub(crate) async fn check_item(
    ctx: &Ctx,
    db: &Db,
    agency_id: i64,
    input: &ItemInput,
) -> Result<CheckedItem, AppError> {
    let mut errors = Vec::new();
    let target = q::target(db, input.office_code.trim(), input.concern_code.trim())
        .await
        .map_err(db_err)?;
    // Errors follow the form's order: the address field comes last.
    let domains = &ctx.state.mail_domains;
    let Some(target) = target else {
        let retired = q::concern_inactive(db, input.concern_code.trim())
            .await
            .map_err(db_err)?;
        errors.push(if retired {
            FieldError::new("anliegen", "Dieses Anliegen ist nicht mehr aktiv.")
        } else {
            FieldError::new(
                "dienststelle",
                "Diese Dienststelle oder dieses Anliegen gibt es nicht.",
            )
        });
        errors.extend(check_addresses(&input.addresses, &domains.list()).err());
        return Err(AppError::Validation(errors));
    };
    if target.office_agency_id != agency_id {
        errors.push(FieldError::new(
            "dienststelle",
            "Die Dienststelle gehört nicht zur Agentur dieses Auftrags.",
        ));
    }
    if !target.concern_active {
        errors.push(FieldError::new(
            "anliegen",
            "Dieses Anliegen ist nicht mehr aktiv.",
        ));
    }
    let mailbox = match q::mailbox(db, input.mailbox_id).await.map_err(db_err)? {
        None => {
            errors.push(FieldError::new(
                "postfach",
                "Dieses Zielpostfach gibt es nicht.",
            ));
            None
        }
        Some((_, _, false)) => {
            errors.push(FieldError::new(
                "postfach",
                "Dieses Zielpostfach ist deaktiviert.",
            ));
            None
        }
        Some((place, area_id, true)) => Some((
            mailbox_may_serve(target.office_id, target.office_agency_id, place),
            area_id,
        )),
    };
    let fields = check_item_fields(mailbox, input.area_id, &input.addresses, &domains.list());
    let addresses = match fields {
        Ok(a) if errors.is_empty() => a,
        result => {
            errors.extend(result.err().into_iter().flatten());
            return Err(AppError::Validation(errors));
        }
    };
    let typed: Vec<&str> = addresses.iter().map(|a| a.as_str()).collect();
    let known = crate::db::org::mailbox_kinds(db, &typed)
        .await
        .map_err(db_err)?;
    check_address_kinds(typed, &known).map_err(|e| AppError::Validation(vec![e]))?;
    let live = RoutingValues {
        mailbox_id: target.live_mailbox_id,
        area_id: target.live_area_id,
        notification_addresses: split_addresses(&target.live_addresses)
            .iter()
            .map(|a| NotificationAddress::from_stored(a))
            .collect(),
    };
    let proposed = RoutingValues {
        mailbox_id: input.mailbox_id,
        area_id: input.area_id,
        notification_addresses: addresses.clone(),
    };
    Ok(CheckedItem {
        entry_id: target.entry_id,
        live_version: target.live_version,
        unchanged: diff(&live, &proposed).is_empty(),
        live,
        addresses,
    })
}

/// Checks an item; returns (entry, base version, values).
async fn validate_item(
    ctx: &Ctx,
    db: &Db,
    agency_id: i64,
    input: &ItemInput,
) -> Result<(i64, i64, Vec<NotificationAddress>), AppError> {
    let checked = check_item(ctx, db, agency_id, input).await?;
    if checked.unchanged {
        return Err(AppError::Validation(vec![FieldError::new(
            "postfach",
            "Die Position ändert nichts an der gültigen Konfiguration.",
        )]));
    }
    Ok((checked.entry_id, checked.live_version, checked.addresses))
}

/// Adds an item, or replaces the item for the same Dienststelle × Anliegen.
pub async fn save_item(
    ctx: &Ctx,
    number: &str,
    revision: i64,
    input: ItemInput,
) -> Result<(), AppError> {
    let actor = ctx.actor()?;
    let db = ctx.db().clone();
    let (order, st) = editable_order(ctx, &actor, number).await?;
    check_concern_limit(
        &db,
        order.directive_number.as_deref(),
        &[input.concern_code.trim()],
    )
    .await?;
    let (entry_id, base_version, addresses) =
        validate_item(ctx, &db, order.agency_id, &input).await?;
    let now = OffsetDateTime::now_utc();
    let mut tx = begin_at_revision(&db, &actor, order.id, revision, st, now).await?;
    tx.save_item(
        order.id,
        &new_item(&input, entry_id, base_version, &addresses),
    )
    .await
    .map_err(db_err)?;
    let entry = ctx.audit_entry(
        &actor,
        "position-gespeichert",
        &format!("auftrag:{number}"),
        format!(
            "{} × {}: Postfach {}, Bereich {}, Adressen {}",
            input.office_code,
            input.concern_code,
            input.mailbox_id,
            input.area_id,
            addresses
                .iter()
                .map(|a| a.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    );
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)
}

/// Removes an item of `kind` from an order the user may still edit.
pub async fn remove_item(
    ctx: &Ctx,
    number: &str,
    revision: i64,
    kind: Kind,
    item_id: i64,
) -> Result<(), AppError> {
    let actor = ctx.actor()?;
    let db = ctx.db().clone();
    let (order, st) = editable_order(ctx, &actor, number).await?;
    let mut tx = begin_at_revision(
        &db,
        &actor,
        order.id,
        revision,
        st,
        OffsetDateTime::now_utc(),
    )
    .await?;
    if !tx
        .remove_item(kind, order.id, item_id)
        .await
        .map_err(db_err)?
    {
        return Err(AppError::NotFound);
    }
    let entry = ctx.audit_entry(
        &actor,
        "position-entfernt",
        &format!("auftrag:{number}"),
        format!("{}: Position {item_id}", kind.label()),
    );
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)
}

/// Why an approved order is back with its author after a refresh (shown on the order).
const REFRESHED_AFTER_APPROVAL: &str = "Die Grundlage hat sich nach der Genehmigung geändert. \
     Bitte prüfen Sie die aktualisierten Positionen und reichen Sie den Auftrag erneut zur Prüfung ein.";

/// Moves stale items onto the live version (the proposal stays as it is); items that
/// would no longer change anything are dropped.
pub async fn refresh_stale(ctx: &Ctx, number: &str, revision: i64) -> Result<usize, AppError> {
    let actor = ctx.actor()?;
    let db = ctx.db().clone();
    let order = visible_order(ctx, &actor, number).await?;
    let st = order.state;
    ctx.require(
        &actor,
        policy::Action::FileOrder,
        location(&order),
        &format!("auftrag:{number}"),
    )
    .await?;
    let Some(to) = crate::domain::order::state_after_refresh(st) else {
        return Err(AppError::Conflict(format!(
            "Nur Entwürfe, zurückgegebene und genehmigte Aufträge können aktualisiert werden (Status: {}).",
            st.label()
        )));
    };
    let items = q::items(&db, order.id).await.map_err(db_err)?;
    let stale: Vec<&q::ItemRow> = items
        .iter()
        .filter(|i| i.base_version != i.live_version)
        .collect();
    let stale_settings = super::mailbox_settings::views(&db, order.id).await?;
    let stale_rules = super::eakte_rules::views(&db, order.id).await?;
    let others_stale = stale_settings.iter().chain(&stale_rules).any(|i| i.stale);
    if stale.is_empty() && !others_stale && to != st {
        return Err(AppError::Conflict(
            "Keine Position ist veraltet; der genehmigte Auftrag bleibt, wie er ist.".into(),
        ));
    }
    let now = OffsetDateTime::now_utc();
    let mut tx = begin_at_revision(&db, &actor, order.id, revision, st, now).await?;
    if to != st {
        // The approval was given against another base: back to the author, decision cleared.
        tx.reopen_after_approval(order.id, to, REFRESHED_AFTER_APPROVAL)
            .await
            .map_err(db_err)?;
    }
    for i in &stale {
        let unchanged = i.mailbox_id == i.live_mailbox_id
            && i.area_id == i.live_area_id
            && split_addresses(&i.addresses) == split_addresses(&i.live_addresses);
        let step = match unchanged {
            true => tx
                .remove_item(Kind::Routing, order.id, i.id)
                .await
                .map(|_| ()),
            false => tx.rebase_item(Kind::Routing, i.id, i.live_version).await,
        };
        step.map_err(db_err)?;
    }
    let settings = tx.setting_items(order.id).await.map_err(db_err)?;
    let rules = tx.eakte_items(order.id).await.map_err(db_err)?;
    let refreshed = stale.len()
        + value_items::refresh(&mut tx, order.id, &settings).await?
        + value_items::refresh(&mut tx, order.id, &rules).await?;
    let mut detail = format!("{refreshed} Positionen auf den gültigen Stand gebracht");
    if to != st {
        detail.push_str(&format!(
            "; {} → {}: {REFRESHED_AFTER_APPROVAL}",
            st.label(),
            to.label()
        ));
    }
    let entry = ctx.audit_entry(
        &actor,
        "auftrag-aktualisiert",
        &format!("auftrag:{number}"),
        detail,
    );
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    Ok(refreshed)
}

/// "a", "a und b", "a, b und c"
fn and_list(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [first @ .., last] => format!("{} und {last}", first.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_restore_names_at_most_one_entry_and_an_obligation_a_known_kind() {
        let ask = |routing, setting, eakte| RestoreRequest {
            routing,
            setting,
            eakte,
            version: Some(3),
        };
        assert_eq!(RestoreRequest::default().parse().unwrap(), None);
        assert_eq!(
            ask(None, Some(7), None).parse().unwrap(),
            Some(Restore {
                kind: Kind::MailboxSetting,
                entry_id: 7,
                version: 3
            })
        );
        assert!(matches!(
            ask(Some(1), None, Some(2)).parse(),
            Err(AppError::BadRequest)
        ));
        assert_eq!(obligation_of(Some(" ")).unwrap(), None);
        assert_eq!(
            obligation_of(Some("eakte-regelwerk")).unwrap(),
            Some(Kind::EakteRule)
        );
        assert!(matches!(
            obligation_of(Some("unbekannt")),
            Err(AppError::BadRequest)
        ));
    }
}
