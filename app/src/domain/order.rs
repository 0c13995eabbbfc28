//! The life cycle of an Änderungsauftrag as one table: (state, action) → state.

use super::kind::Review;
use super::org::OrgLocation;
use super::policy::{self, Actor};
use serde::{Deserialize, Serialize};

/// Serialised as its code, as stored (`code`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ssr", schema(as = Auftragsstatus))]
pub enum OrderState {
    #[serde(rename = "entwurf")]
    Draft,
    #[serde(rename = "eingereicht")]
    Submitted,
    #[serde(rename = "genehmigt")]
    Approved,
    #[serde(rename = "abgelehnt")]
    Rejected,
    #[serde(rename = "zur-ueberarbeitung")]
    ReturnedForRevision,
    #[serde(rename = "umgesetzt")]
    Implemented,
    #[serde(rename = "zurueckgezogen")]
    Withdrawn,
}

impl OrderState {
    pub const ALL: [OrderState; 7] = [
        OrderState::Draft,
        OrderState::Submitted,
        OrderState::Approved,
        OrderState::Rejected,
        OrderState::ReturnedForRevision,
        OrderState::Implemented,
        OrderState::Withdrawn,
    ];

    /// Stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            OrderState::Draft => "entwurf",
            OrderState::Submitted => "eingereicht",
            OrderState::Approved => "genehmigt",
            OrderState::Rejected => "abgelehnt",
            OrderState::ReturnedForRevision => "zur-ueberarbeitung",
            OrderState::Implemented => "umgesetzt",
            OrderState::Withdrawn => "zurueckgezogen",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The states in which an order may still change the live configuration.
    pub const OPEN: [OrderState; 4] = [
        OrderState::Draft,
        OrderState::Submitted,
        OrderState::Approved,
        OrderState::ReturnedForRevision,
    ];

    pub fn label(self) -> &'static str {
        match self {
            OrderState::Draft => "Entwurf",
            OrderState::Submitted => "Eingereicht",
            OrderState::Approved => "Genehmigt",
            OrderState::Rejected => "Abgelehnt",
            OrderState::ReturnedForRevision => "Zur Überarbeitung",
            OrderState::Implemented => "Umgesetzt",
            OrderState::Withdrawn => "Zurückgezogen",
        }
    }

    /// Items may be added, changed or removed only while the author holds the order.
    pub fn items_editable(self) -> bool {
        matches!(self, OrderState::Draft | OrderState::ReturnedForRevision)
    }

    /// No action leads out of these, whatever the order's review.
    pub fn is_final(self) -> bool {
        Action::ALL
            .iter()
            .all(|a| next(self, *a, Review::Rd).is_err() && next(self, *a, Review::None).is_err())
    }
}

/// What the order list and the start page's queues select: one state, or a queue that
/// depends on the order's review (`review_required`, fixed at submission).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StatusFilter {
    State(OrderState),
    /// Submitted and waiting for an RD decision.
    AwaitingReview,
    /// What RIM may implement now: approved, or submitted where no RD reviews.
    ReadyToImplement,
}

impl StatusFilter {
    /// The queues first, then every state, as the list's filter offers them.
    pub fn all() -> impl Iterator<Item = StatusFilter> {
        [StatusFilter::AwaitingReview, StatusFilter::ReadyToImplement]
            .into_iter()
            .chain(OrderState::ALL.map(StatusFilter::State))
    }

    /// The value in the list's address (`?status=`).
    pub fn code(self) -> &'static str {
        match self {
            StatusFilter::State(s) => s.code(),
            StatusFilter::AwaitingReview => "zur-pruefung",
            StatusFilter::ReadyToImplement => "zur-umsetzung",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::all().find(|f| f.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            StatusFilter::State(s) => s.label(),
            StatusFilter::AwaitingReview => "Wartet auf RD-Prüfung",
            StatusFilter::ReadyToImplement => "Bereit zur Umsetzung",
        }
    }

    /// Waiting orders are listed oldest first, like an inbox.
    pub fn is_inbox(self) -> bool {
        matches!(
            self,
            StatusFilter::State(OrderState::Submitted)
                | StatusFilter::AwaitingReview
                | StatusFilter::ReadyToImplement
        )
    }
}

/// Serialised as its code (`code`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ssr", schema(as = Aktion))]
pub enum Action {
    #[serde(rename = "einreichen")]
    Submit,
    #[serde(rename = "genehmigen")]
    Approve,
    #[serde(rename = "ablehnen")]
    Reject,
    #[serde(rename = "zurueckgeben")]
    SendBack,
    #[serde(rename = "umsetzen")]
    Implement,
    #[serde(rename = "zurueckziehen")]
    Withdraw,
}

impl Action {
    pub const ALL: [Action; 6] = [
        Action::Submit,
        Action::Approve,
        Action::Reject,
        Action::SendBack,
        Action::Implement,
        Action::Withdraw,
    ];

    /// The code forms and the API send.
    pub fn code(self) -> &'static str {
        match self {
            Action::Submit => "einreichen",
            Action::Approve => "genehmigen",
            Action::Reject => "ablehnen",
            Action::SendBack => "zurueckgeben",
            Action::Implement => "umsetzen",
            Action::Withdraw => "zurueckziehen",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Action::Submit => "einreichen",
            Action::Approve => "genehmigen",
            Action::Reject => "ablehnen",
            Action::SendBack => "zur Überarbeitung zurückgeben",
            Action::Implement => "als umgesetzt markieren",
            Action::Withdraw => "zurückziehen",
        }
    }

    /// The button that performs it: the label with a capital first letter.
    pub fn button(self) -> String {
        let label = self.label();
        let mut chars = label.chars();
        chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    }

    /// For messages: "… kann nicht {participle} werden."
    pub fn participle(self) -> &'static str {
        match self {
            Action::Submit => "eingereicht",
            Action::Approve => "genehmigt",
            Action::Reject => "abgelehnt",
            Action::SendBack => "zur Überarbeitung zurückgegeben",
            Action::Implement => "als umgesetzt markiert",
            Action::Withdraw => "zurückgezogen",
        }
    }

    /// Who performs it: the author's side, the RD review, or RIM.
    pub fn performer(self) -> Performer {
        match self {
            Action::Submit | Action::Withdraw => Performer::Author,
            Action::Approve | Action::Reject | Action::SendBack => Performer::Reviewer,
            Action::Implement => Performer::Implementer,
        }
    }

    /// Reject and send back must say why.
    pub fn needs_reason(self) -> bool {
        matches!(self, Action::Reject | Action::SendBack)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Performer {
    Author,
    Reviewer,
    Implementer,
}

/// The transition table of an order the RD reviews. Everything not listed is refused.
const TRANSITIONS: &[(OrderState, Action, OrderState)] = &[
    (OrderState::Draft, Action::Submit, OrderState::Submitted),
    (OrderState::Draft, Action::Withdraw, OrderState::Withdrawn),
    (OrderState::Submitted, Action::Approve, OrderState::Approved),
    (OrderState::Submitted, Action::Reject, OrderState::Rejected),
    (
        OrderState::Submitted,
        Action::SendBack,
        OrderState::ReturnedForRevision,
    ),
    (
        OrderState::Submitted,
        Action::Withdraw,
        OrderState::Withdrawn,
    ),
    (
        OrderState::ReturnedForRevision,
        Action::Submit,
        OrderState::Submitted,
    ),
    (
        OrderState::ReturnedForRevision,
        Action::Withdraw,
        OrderState::Withdrawn,
    ),
    (
        OrderState::Approved,
        Action::Implement,
        OrderState::Implemented,
    ),
];

/// An order no RD reviews goes from submitted straight to RIM; the decisions do not
/// exist for it. The author's moves are the same.
const DIRECT: &[(OrderState, Action, OrderState)] = &[(
    OrderState::Submitted,
    Action::Implement,
    OrderState::Implemented,
)];

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("Ein Auftrag im Status „{}“ kann nicht {} werden.", .from.label(), .action.participle())]
pub struct TransitionRefused {
    pub from: OrderState,
    pub action: Action,
}

/// The state `action` leads to from `from` for an order with `review`, or the German
/// refusal.
pub fn next(
    from: OrderState,
    action: Action,
    review: Review,
) -> Result<OrderState, TransitionRefused> {
    let applies = |(f, a, _): &&(OrderState, Action, OrderState)| *f == from && *a == action;
    let found = match review {
        Review::Rd => TRANSITIONS.iter().find(applies),
        Review::None => TRANSITIONS
            .iter()
            .filter(|(_, a, _)| a.performer() == Performer::Author)
            .chain(DIRECT)
            .find(applies),
    };
    found
        .map(|(_, _, to)| *to)
        .ok_or(TransitionRefused { from, action })
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("Sie haben keine Berechtigung, diesen Auftrag zu {}.", .0.label())]
    NotPermitted(Action),
    #[error("Nur die Person, die den Auftrag angelegt hat, kann ihn zurückziehen.")]
    NotAuthor,
    #[error("Vier-Augen-Prinzip: Sie können nicht über einen Auftrag entscheiden, den Sie angelegt, bearbeitet oder eingereicht haben.")]
    OwnOrder,
    #[error("Vier-Augen-Prinzip: Sie können einen Auftrag, den Sie angelegt, bearbeitet oder eingereicht haben, nicht umsetzen.")]
    OwnOrderImplemented,
    #[error("{0}")]
    Transition(#[from] TransitionRefused),
}

/// The policy's action that performing `action` on an order requires.
pub fn required_permission(action: Action) -> policy::Action {
    match action.performer() {
        Performer::Author => policy::Action::FileOrder,
        Performer::Reviewer => policy::Action::DecideOrder,
        Performer::Implementer => policy::Action::ImplementOrder,
    }
}

/// Who has had a hand in an order: its author and everyone who edited or submitted it.
/// None of them may decide or implement it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hands {
    pub author_id: i64,
    /// Editors and submitters (the author may be among them).
    pub contributors: Vec<i64>,
}

impl Hands {
    /// An order nobody but its author has touched.
    pub fn author(author_id: i64) -> Hands {
        Hands {
            author_id,
            contributors: Vec::new(),
        }
    }

    /// These hands and `user_id`'s.
    pub fn and(mut self, user_id: i64) -> Hands {
        self.contributors.push(user_id);
        self
    }

    pub fn include(&self, user_id: i64) -> bool {
        self.author_id == user_id || self.contributors.contains(&user_id)
    }
}

/// Whether `actor` may perform `action` on an order in `state`, with these `hands` in it,
/// for the agency at `location` with `review`, and the state it leads to. Role and scope
/// come from the policy; the order adds authorship and the four-eyes rule, which holds
/// for the reviewer and for the implementer alike (without review the implementer is the
/// second pair of eyes) and for everyone who had a hand in the order, not only its author.
pub fn authorise(
    actor: &Actor,
    hands: &Hands,
    location: OrgLocation,
    state: OrderState,
    action: Action,
    review: Review,
) -> Result<OrderState, Refusal> {
    if !policy::decide(actor, required_permission(action), location).is_allowed() {
        return Err(Refusal::NotPermitted(action));
    }
    if action == Action::Withdraw && actor.user_id != hands.author_id {
        return Err(Refusal::NotAuthor);
    }
    if hands.include(actor.user_id) {
        match action.performer() {
            Performer::Reviewer => return Err(Refusal::OwnOrder),
            Performer::Implementer => return Err(Refusal::OwnOrderImplemented),
            Performer::Author => {}
        }
    }
    Ok(next(state, action, review)?)
}

/// Whether `actor` may change the items of an order (author's agency, editable state).
pub fn may_edit_items(actor: &Actor, location: OrgLocation, state: OrderState) -> bool {
    state.items_editable()
        && policy::decide(actor, policy::Action::FileOrder, location).is_allowed()
}

/// Where bringing stale items onto the live version leaves an order: while the author
/// holds it, where it is. An approved order goes back to the author as "Zur
/// Überarbeitung": the approval was given against another base, so the author checks the
/// refreshed items (or withdraws if nothing is left to change) and submits again for a
/// new review. This is the one move outside the action table; it never skips a review.
pub fn state_after_refresh(from: OrderState) -> Option<OrderState> {
    match from {
        OrderState::Draft | OrderState::ReturnedForRevision => Some(from),
        OrderState::Approved => Some(OrderState::ReturnedForRevision),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialised_as_their_stored_codes() {
        for s in OrderState::ALL {
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.code())
            );
        }
        for a in Action::ALL {
            assert_eq!(
                serde_json::to_string(&a).unwrap(),
                format!("\"{}\"", a.code())
            );
        }
    }

    #[test]
    fn action_codes_round_trip() {
        for action in Action::ALL {
            assert_eq!(Action::from_code(action.code()), Some(action));
        }
        assert_eq!(Action::from_code("loeschen"), None);
        assert_eq!(Action::SendBack.button(), "Zur Überarbeitung zurückgeben");
        assert_eq!(Action::Withdraw.button(), "Zurückziehen");
    }

    #[test]
    fn refreshing_an_approved_order_hands_it_back_to_the_author() {
        assert_eq!(
            state_after_refresh(OrderState::Draft),
            Some(OrderState::Draft)
        );
        assert_eq!(
            state_after_refresh(OrderState::ReturnedForRevision),
            Some(OrderState::ReturnedForRevision)
        );
        assert_eq!(
            state_after_refresh(OrderState::Approved),
            Some(OrderState::ReturnedForRevision)
        );
        for s in [
            OrderState::Submitted,
            OrderState::Rejected,
            OrderState::Implemented,
            OrderState::Withdrawn,
        ] {
            assert_eq!(state_after_refresh(s), None, "{s:?}");
        }
    }

    /// Every move the table allows for an order with `review`.
    fn allowed(review: Review) -> Vec<(OrderState, Action, OrderState)> {
        OrderState::ALL
            .iter()
            .flat_map(|s| Action::ALL.iter().map(move |a| (*s, *a)))
            .filter_map(|(s, a)| next(s, a, review).ok().map(|to| (s, a, to)))
            .collect()
    }

    #[test]
    fn the_table_is_exactly_the_documented_life_cycle() {
        use Action::*;
        use OrderState::*;
        assert_eq!(
            allowed(Review::Rd),
            vec![
                (Draft, Submit, Submitted),
                (Draft, Withdraw, Withdrawn),
                (Submitted, Approve, Approved),
                (Submitted, Reject, Rejected),
                (Submitted, SendBack, ReturnedForRevision),
                (Submitted, Withdraw, Withdrawn),
                (Approved, Implement, Implemented),
                (ReturnedForRevision, Submit, Submitted),
                (ReturnedForRevision, Withdraw, Withdrawn),
            ]
        );
    }

    #[test]
    fn refusals_are_german_and_name_state_and_action() {
        let e = next(OrderState::Implemented, Action::Withdraw, Review::Rd).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Ein Auftrag im Status „Umgesetzt“ kann nicht zurückgezogen werden."
        );
    }

    #[test]
    fn without_review_a_submitted_order_goes_straight_to_rim() {
        use Action::*;
        use OrderState::*;
        assert_eq!(
            allowed(Review::None),
            vec![
                (Draft, Submit, Submitted),
                (Draft, Withdraw, Withdrawn),
                (Submitted, Implement, Implemented),
                (Submitted, Withdraw, Withdrawn),
                (ReturnedForRevision, Submit, Submitted),
                (ReturnedForRevision, Withdraw, Withdrawn),
            ]
        );
    }

    #[test]
    fn final_states_and_edit_lock() {
        let finals: Vec<_> = OrderState::ALL
            .into_iter()
            .filter(|s| s.is_final())
            .collect();
        assert_eq!(
            finals,
            [
                OrderState::Rejected,
                OrderState::Implemented,
                OrderState::Withdrawn
            ]
        );
        let editable: Vec<_> = OrderState::ALL
            .into_iter()
            .filter(|s| s.items_editable())
            .collect();
        assert_eq!(
            editable,
            [OrderState::Draft, OrderState::ReturnedForRevision]
        );
    }

    #[test]
    fn withdrawal_is_possible_only_before_approval() {
        for s in OrderState::ALL {
            let can = next(s, Action::Withdraw, Review::Rd).is_ok()
                && next(s, Action::Withdraw, Review::None).is_ok();
            let before_approval = matches!(
                s,
                OrderState::Draft | OrderState::Submitted | OrderState::ReturnedForRevision
            );
            assert_eq!(can, before_approval, "{s:?}");
        }
    }

    #[test]
    fn numbers_have_at_least_six_digits() {
        assert_eq!(order_number(2026, 123), "ÄA-2026-000123");
        assert_eq!(order_number(2027, 1_234_567), "ÄA-2027-1234567");
    }

    #[test]
    fn codes_round_trip() {
        for s in OrderState::ALL {
            assert_eq!(OrderState::from_code(s.code()), Some(s));
        }
        for f in StatusFilter::all() {
            assert_eq!(StatusFilter::from_code(f.code()), Some(f));
        }
        assert_eq!(StatusFilter::all().count(), OrderState::ALL.len() + 2);
    }
}

/// An order's number: "ÄA-", the year it was filed, "-", its id with at least six digits
/// (ÄA-2026-000123). New drafts get it from the database in the insert
/// (`db::orders::insert_draft_sql`, the same rule in SQL).
pub fn order_number(year: i32, id: i64) -> String {
    format!("ÄA-{year}-{id:06}")
}

/// The path of an order's page. It leaves out the "ÄA-" prefix: paths stay ASCII, so
/// links (also in e-mails), bookmarks and the client router agree.
pub fn order_path(number: &str) -> String {
    format!("/auftraege/{}", number.trim_start_matches("ÄA-"))
}

#[cfg(test)]
mod rule_tests {
    use super::*;
    use crate::domain::policy::{Assignment, Role, Scope};
    use proptest::prelude::*;

    const NORD: i64 = 1;
    const BAYERN: i64 = 2;
    const KIEL: i64 = 10;
    const MUENCHEN: i64 = 20;
    const AT_KIEL: OrgLocation = OrgLocation::Agency {
        region_id: NORD,
        agency_id: KIEL,
    };

    fn actor(id: i64, grants: &[(Role, Scope)]) -> Actor {
        Actor {
            user_id: id,
            username: format!("u{id}"),
            assignments: grants
                .iter()
                .map(|(r, s)| Assignment::new(*r, *s).unwrap())
                .collect(),
        }
    }

    /// aa-kiel, a second Kiel admin, aa-muenchen, rd-nord, rd-bayern, rim-nord, one
    /// person who is both Kiel admin and RD-Nord reviewer, the Zentrale, and one person
    /// who is both Kiel admin and RIM Nord.
    fn cast() -> Vec<Actor> {
        let kiel = Scope::Agency {
            region_id: NORD,
            agency_id: KIEL,
        };
        let muenchen = Scope::Agency {
            region_id: BAYERN,
            agency_id: MUENCHEN,
        };
        let nord = Scope::Region { region_id: NORD };
        let bayern = Scope::Region { region_id: BAYERN };
        vec![
            actor(1, &[(Role::AgencyAdmin, kiel)]),
            actor(2, &[(Role::AgencyAdmin, kiel)]),
            actor(3, &[(Role::AgencyAdmin, muenchen)]),
            actor(4, &[(Role::RdReviewer, nord)]),
            actor(5, &[(Role::RdReviewer, bayern)]),
            actor(6, &[(Role::Rim, nord)]),
            actor(7, &[(Role::AgencyAdmin, kiel), (Role::RdReviewer, nord)]),
            actor(8, &[(Role::Zentrale, Scope::All)]),
            actor(9, &[(Role::AgencyAdmin, kiel), (Role::Rim, nord)]),
        ]
    }

    #[test]
    fn a_reviewer_who_filed_the_order_cannot_decide_it() {
        let both = &cast()[6];
        let e = authorise(
            both,
            &Hands::author(both.user_id),
            AT_KIEL,
            OrderState::Submitted,
            Action::Approve,
            Review::Rd,
        )
        .unwrap_err();
        assert_eq!(e, Refusal::OwnOrder);
        assert!(e.to_string().starts_with("Vier-Augen-Prinzip"));
        let rd = &cast()[3];
        assert_eq!(
            authorise(
                rd,
                &Hands::author(both.user_id),
                AT_KIEL,
                OrderState::Submitted,
                Action::Approve,
                Review::Rd
            ),
            Ok(OrderState::Approved)
        );
    }

    #[test]
    fn a_colleague_who_edited_or_submitted_the_order_cannot_decide_or_implement_it() {
        let c = cast();
        let (admin_and_rd, admin_and_rim) = (&c[6], &c[8]);
        // Filed by user 1; the colleagues with a second role edited or submitted it.
        let edited = Hands::author(1).and(admin_and_rd.user_id);
        let approve = authorise(
            admin_and_rd,
            &edited,
            AT_KIEL,
            OrderState::Submitted,
            Action::Approve,
            Review::Rd,
        );
        assert_eq!(approve, Err(Refusal::OwnOrder));
        let submitted = Hands::author(1).and(admin_and_rim.user_id);
        let implement = authorise(
            admin_and_rim,
            &submitted,
            AT_KIEL,
            OrderState::Submitted,
            Action::Implement,
            Review::None,
        );
        assert_eq!(implement, Err(Refusal::OwnOrderImplemented));
        // Someone else's hands do not bind them.
        let others = Hands::author(1).and(2);
        let approve = authorise(
            admin_and_rd,
            &others,
            AT_KIEL,
            OrderState::Submitted,
            Action::Approve,
            Review::Rd,
        );
        assert_eq!(approve, Ok(OrderState::Approved));
        assert!(Refusal::OwnOrder
            .to_string()
            .contains("bearbeitet oder eingereicht"));
    }

    #[test]
    fn no_one_implements_an_order_they_filed() {
        let c = cast();
        let admin_and_rim = &c[8];
        for (state, review) in [
            (OrderState::Approved, Review::Rd),
            (OrderState::Submitted, Review::None),
        ] {
            let own = authorise(
                admin_and_rim,
                &Hands::author(9),
                AT_KIEL,
                state,
                Action::Implement,
                review,
            );
            assert_eq!(own, Err(Refusal::OwnOrderImplemented));
            let colleagues = authorise(
                admin_and_rim,
                &Hands::author(1),
                AT_KIEL,
                state,
                Action::Implement,
                review,
            );
            assert_eq!(colleagues, Ok(OrderState::Implemented));
        }
        assert!(Refusal::OwnOrderImplemented
            .to_string()
            .starts_with("Vier-Augen-Prinzip"));
    }

    #[test]
    fn only_the_author_withdraws_and_only_in_scope() {
        let c = cast();
        assert_eq!(
            authorise(
                &c[1],
                &Hands::author(1),
                AT_KIEL,
                OrderState::Draft,
                Action::Withdraw,
                Review::Rd
            ),
            Err(Refusal::NotAuthor)
        );
        assert_eq!(
            authorise(
                &c[0],
                &Hands::author(1),
                AT_KIEL,
                OrderState::Draft,
                Action::Withdraw,
                Review::Rd
            ),
            Ok(OrderState::Withdrawn)
        );
        assert_eq!(
            authorise(
                &c[2],
                &Hands::author(3),
                AT_KIEL,
                OrderState::Draft,
                Action::Submit,
                Review::Rd
            ),
            Err(Refusal::NotPermitted(Action::Submit))
        );
        assert_eq!(
            authorise(
                &c[4],
                &Hands::author(1),
                AT_KIEL,
                OrderState::Submitted,
                Action::Approve,
                Review::Rd
            ),
            Err(Refusal::NotPermitted(Action::Approve))
        );
        assert_eq!(
            authorise(
                &c[7],
                &Hands::author(1),
                AT_KIEL,
                OrderState::Submitted,
                Action::Approve,
                Review::Rd
            ),
            Err(Refusal::NotPermitted(Action::Approve))
        );
        assert!(matches!(
            authorise(
                &c[5],
                &Hands::author(1),
                AT_KIEL,
                OrderState::Submitted,
                Action::Implement,
                Review::Rd
            ),
            Err(Refusal::Transition(_))
        ));
    }

    const AT_MUENCHEN: OrgLocation = OrgLocation::Agency {
        region_id: BAYERN,
        agency_id: MUENCHEN,
    };

    /// Who may act at a location, by user id: the author's side, reviewers, RIM.
    fn entitled(at_kiel: bool) -> (&'static [i64], &'static [i64], &'static [i64]) {
        if at_kiel {
            (&[1, 2, 7, 9], &[4, 7], &[6, 9])
        } else {
            (&[3], &[5], &[]) // no RIM Bayern in the cast
        }
    }

    proptest! {
        /// Whatever anyone tries in any order, for an order of Kiel or München: every
        /// action is by someone entitled in scope (the Zentrale only reads), only the
        /// author withdraws, no decision is by anyone who filed, edited or submitted the
        /// order, items change only while
        /// editable, and the state only moves along the table.
        #[test]
        fn no_sequence_breaks_four_eyes_scope_or_the_edit_lock(
            at_kiel in any::<bool>(),
            kiel_author in prop_oneof![Just(0usize), Just(1usize), Just(6usize), Just(8usize)],
            review in prop_oneof![Just(Review::Rd), Just(Review::None)],
            steps in proptest::collection::vec((0usize..9, 0usize..7), 0..60),
        ) {
            let c = cast();
            let (location, author) = if at_kiel { (AT_KIEL, kiel_author) } else { (AT_MUENCHEN, 2) };
            let (authors_side, reviewers, implementers) = entitled(at_kiel);
            let author_id = c[author].user_id;
            let mut hands = Hands::author(author_id);
            let mut state = OrderState::Draft;
            for (who, what) in steps {
                let actor = &c[who];
                if what == 6 {
                    // an attempt to edit the items
                    let allowed = may_edit_items(actor, location, state);
                    prop_assert!(!allowed || state.items_editable());
                    prop_assert!(!allowed || authors_side.contains(&actor.user_id));
                    if allowed {
                        hands = hands.and(actor.user_id);
                    }
                    continue;
                }
                let action = Action::ALL[what];
                if let Ok(to) = authorise(actor, &hands, location, state, action, review) {
                    prop_assert_eq!(next(state, action, review), Ok(to));
                    if review == Review::None {
                        prop_assert_ne!(action.performer(), Performer::Reviewer);
                    }
                    let entitled = match action.performer() {
                        Performer::Author => authors_side.contains(&actor.user_id),
                        Performer::Reviewer => reviewers.contains(&actor.user_id),
                        Performer::Implementer => implementers.contains(&actor.user_id),
                    };
                    prop_assert!(entitled, "{:?} by {}", action, actor.user_id);
                    if action == Action::Withdraw {
                        prop_assert_eq!(actor.user_id, author_id);
                    }
                    if action.performer() != Performer::Author {
                        prop_assert!(!hands.include(actor.user_id), "four eyes");
                    }
                    if action == Action::Submit {
                        hands = hands.and(actor.user_id);
                    }
                    state = to;
                }
            }
        }
    }
}
