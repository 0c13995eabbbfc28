//! The life cycle, one function per transition: submit, withdraw, decide (four eyes,
//! exactly one of two concurrent decisions counts) and implement (every item becomes a
//! new live version, or none does). Each runs in one write transaction with its audit
//! record and notifications.

use super::value_items::{self, Implemented, Implementing};
use super::{location, stale_order, visible_order};
use crate::db::order_changes::{hands, LockedOrder, Stamp, StateChange};
use crate::db::orders::OrderRow;
use crate::db::routing::NewVersion;
use crate::db::write::{Reader, WriteTx};
use crate::domain::calendar::today_berlin;
use crate::domain::fields::parse_effective_date;
use crate::domain::kind::{Kind, Review};
use crate::domain::notify::{self, Message};
use crate::domain::order::{self, Action, Hands, OrderState, Refusal};
use crate::domain::order_form::check_decision_reason;
use crate::domain::org::OrgLocation;
use crate::domain::policy::{self, Actor};
use crate::error::AppError;
use crate::services::context::Ctx;
use crate::services::db_err;
use time::OffsetDateTime;

/// Performs `action` on the order the user saw at `revision`.
pub async fn transition(
    ctx: &Ctx,
    number: &str,
    revision: i64,
    action: Action,
    reason: &str,
) -> Result<OrderState, AppError> {
    let reason = reason.trim();
    let mut t = Transition::begin(ctx, number, revision, action, reason).await?;
    match action {
        Action::Submit => submit(&mut t).await?,
        Action::Implement => implement(&mut t).await?,
        // Withdrawing and deciding change nothing but the order's state.
        Action::Withdraw | Action::Approve | Action::Reject | Action::SendBack => {}
    }
    let to = t.to;
    t.finish(reason).await?;
    Ok(to)
}

/// Submitting needs items and an effective date that has not passed. It fixes the
/// review the order takes: an RD's if any of its kinds has one.
async fn submit(t: &mut Transition<'_>) -> Result<(), AppError> {
    if t.tx.item_count(t.current.id).await.map_err(db_err)? == 0 {
        return Err(AppError::Conflict(
            "Ein Auftrag ohne Positionen kann nicht eingereicht werden.".into(),
        ));
    }
    // The date was checked when saved; a draft may sit until it has passed.
    parse_effective_date(t.current.effective_date, today_berlin(t.now)).map_err(|m| {
        AppError::Conflict(format!(
            "{m} Bitte ändern Sie es in den Angaben des Auftrags und reichen Sie dann ein."
        ))
    })?;
    let db = t.ctx.db().clone();
    super::mailbox_settings::check_items(&mut t.tx, &db, t.current.id, t.current.effective_date)
        .await?;
    t.review = t.tx.review_of_order(t.current.id).await.map_err(db_err)?;
    Ok(())
}

/// Every item's base must still be live; each becomes the next live version, or nothing
/// happens.
async fn implement(t: &mut Transition<'_>) -> Result<(), AppError> {
    let items =
        t.tx.items_to_implement(t.current.id)
            .await
            .map_err(db_err)?;
    let mut stale = Vec::new();
    for i in &items {
        let closed =
            t.tx.close_live_version(Kind::Routing, i.entry_id, i.base_version, t.now)
                .await
                .map_err(db_err)?;
        if !closed {
            stale.push(format!("{} × {}", i.office, i.concern));
            continue;
        }
        let version = i.base_version + 1;
        let new = NewVersion {
            entry_id: i.entry_id,
            version,
            mailbox_id: i.mailbox_id,
            area_id: i.area_id,
            addresses: &i.addresses,
            valid_from: t.now,
            order_id: t.current.id,
            author_id: t.current.author_id,
            note: &t.current.justification,
        };
        t.tx.insert_version(&new).await.map_err(db_err)?;
        t.new_versions
            .push(format!("eintrag:{} v{version}", i.entry_id));
        let entry = t.ctx.audit_entry(
            &t.actor,
            "version-angelegt",
            &format!("eintrag:{}/{}", i.office_code, i.concern_code),
            i.before_after(&t.order.number),
        );
        t.tx.audit(&entry).await.map_err(db_err)?;
    }
    let implementing = Implementing {
        order_id: t.current.id,
        number: &t.order.number,
        author_id: t.current.author_id,
        note: &t.current.justification,
        now: t.now,
    };
    let mut others = Implemented::default();
    let settings = t.tx.setting_items(t.current.id).await.map_err(db_err)?;
    value_items::implement(&mut t.tx, &implementing, &settings, &mut others).await?;
    let rules = t.tx.eakte_items(t.current.id).await.map_err(db_err)?;
    value_items::implement(&mut t.tx, &implementing, &rules, &mut others).await?;
    stale.extend(others.stale);
    t.new_versions.extend(others.new_versions);
    for (object, detail) in others.audit {
        let entry = t
            .ctx
            .audit_entry(&t.actor, "version-angelegt", &object, detail);
        t.tx.audit(&entry).await.map_err(db_err)?;
    }
    if !stale.is_empty() {
        return Err(AppError::Conflict(format!(
            "Der Auftrag kann nicht umgesetzt werden: Die Grundlage folgender Positionen ist nicht mehr gültig: {}. Die antragstellende Agentur muss sie aktualisieren.",
            stale.join("; ")
        )));
    }
    Ok(())
}

/// A transition under way: the order locked in its write transaction, the move checked
/// against the policy, the state table and the user's revision.
struct Transition<'a> {
    ctx: &'a Ctx,
    actor: Actor,
    order: OrderRow,
    action: Action,
    revision: i64,
    tx: WriteTx,
    current: LockedOrder,
    from: OrderState,
    to: OrderState,
    /// The order's review: as submitted, or as a submission now fixes it.
    review: Review,
    now: OffsetDateTime,
    new_versions: Vec<String>,
}

impl<'a> Transition<'a> {
    async fn begin(
        ctx: &'a Ctx,
        number: &str,
        revision: i64,
        action: Action,
        reason: &str,
    ) -> Result<Self, AppError> {
        let actor = ctx.actor()?;
        let order = visible_order(ctx, &actor, number).await?;
        let loc = location(&order);
        let permission = order::required_permission(action);
        if !policy::decide(&actor, permission, loc).is_allowed() {
            ctx.require(&actor, permission, loc, &format!("auftrag:{number}"))
                .await?;
        }
        check_decision_reason(action, reason).map_err(|e| AppError::Validation(vec![e]))?;
        let mut tx = ctx.db().begin_write().await.map_err(db_err)?;
        let current = tx.lock_order(order.id).await.map_err(db_err)?;
        let from = current.state;
        refuse_second_decision(&mut tx, action, from, current.decided_by).await?;
        let review = Review::from_required(current.review_required);
        let hands = hands(Reader::Tx(&mut tx), current.id, current.author_id)
            .await
            .map_err(db_err)?;
        let to = authorise(&actor, &hands, loc, from, action, review)?;
        if current.revision != revision {
            return Err(stale_order());
        }
        Ok(Transition {
            ctx,
            actor,
            order,
            action,
            revision,
            tx,
            current,
            from,
            to,
            review,
            now: OffsetDateTime::now_utc(),
            new_versions: Vec::new(),
        })
    }

    /// Records the new state, the audit record and the notices, and commits.
    async fn finish(mut self, reason: &str) -> Result<(), AppError> {
        let by = self.actor.user_id;
        let stamp = match self.action {
            Action::Submit => Stamp::Submitted {
                review_required: self.review.is_required(),
                by,
            },
            Action::Withdraw => Stamp::Withdrawn,
            Action::Approve | Action::Reject | Action::SendBack => Stamp::Decided {
                by,
                reason: (!reason.is_empty()).then_some(reason),
            },
            Action::Implement => Stamp::Implemented { by },
        };
        let change = StateChange {
            order_id: self.current.id,
            from: self.from,
            to: self.to,
            revision: self.revision,
            now: self.now,
            stamp,
        };
        if !self.tx.change_state(&change).await.map_err(db_err)? {
            return Err(stale_order());
        }
        let entry = self.ctx.audit_entry(
            &self.actor,
            &format!("auftrag-{}", self.action.code()),
            &format!("auftrag:{}", self.order.number),
            self.audit_detail(reason),
        );
        self.tx.audit(&entry).await.map_err(db_err)?;
        // Told in the same transaction: the event and the notice of it stand or fall together.
        if let Some((message, recipients)) = self.notice(reason).await? {
            self.tx
                .notify(&recipients, &message, self.ctx.state.mail, self.now)
                .await
                .map_err(db_err)?;
        }
        self.tx.commit().await.map_err(db_err)
    }

    fn audit_detail(&self, reason: &str) -> String {
        let mut detail = format!("{} → {}", self.from.label(), self.to.label());
        if !reason.is_empty() {
            detail.push_str(&format!("; Grund: {reason}"));
        }
        if !self.new_versions.is_empty() {
            detail.push_str(&format!(
                "; neue Versionen: {}",
                self.new_versions.join(", ")
            ));
        }
        detail
    }

    /// Who is told what: reviewers of a submission (RIM where no RD reviews), the
    /// author of a decision.
    async fn notice(&mut self, reason: &str) -> Result<Option<(Message, Vec<i64>)>, AppError> {
        let (number, new_revision) = (&self.order.number, self.revision + 1);
        if self.action == Action::Submit {
            let directive = self
                .order
                .directive_number
                .as_deref()
                .zip(self.order.directive_deadline);
            let (region, author) = (self.order.region_id, self.current.author_id);
            let next_hands = self
                .tx
                .next_hands(self.review, region, author)
                .await
                .map_err(db_err)?;
            let agency = &self.order.agency_name;
            let message =
                notify::order_submitted(number, new_revision, agency, directive, self.review);
            return Ok(Some((message, next_hands)));
        }
        let decider = &self.ctx.user()?.display_name;
        Ok(notify::outcome_wording(self.action).map(|outcome| {
            let message = notify::order_decided(number, new_revision, outcome, decider, reason);
            (message, vec![self.current.author_id])
        }))
    }
}

/// A decision already taken is named with the person who took it.
async fn refuse_second_decision(
    tx: &mut WriteTx,
    action: Action,
    from: OrderState,
    decided_by: Option<i64>,
) -> Result<(), AppError> {
    let decided_already = action.performer() == order::Performer::Reviewer
        && matches!(
            from,
            OrderState::Approved
                | OrderState::Rejected
                | OrderState::ReturnedForRevision
                | OrderState::Implemented
        );
    if !decided_already {
        return Ok(());
    }
    let who = match decided_by {
        Some(id) => tx.display_name(id).await.map_err(db_err)?,
        None => None,
    };
    Err(AppError::Conflict(format!(
        "Dieser Auftrag wurde bereits von {} entschieden (Status: {}).",
        who.unwrap_or_else(|| "einer anderen Person".into()),
        from.label()
    )))
}

fn authorise(
    actor: &Actor,
    hands: &Hands,
    loc: OrgLocation,
    from: OrderState,
    action: Action,
    review: Review,
) -> Result<OrderState, AppError> {
    order::authorise(actor, hands, loc, from, action, review).map_err(|r| match r {
        Refusal::Transition(t) => AppError::Conflict(t.to_string()),
        other => AppError::Refused(other.to_string()),
    })
}
