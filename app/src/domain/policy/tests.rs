use super::*;
use proptest::prelude::*;

const NORD: i64 = 1;
const BAYERN: i64 = 2;
const KIEL: i64 = 10;
const FLENSBURG: i64 = 11;
const MUENCHEN: i64 = 20;

const CENTRAL: OrgLocation = OrgLocation::Central;
const R_NORD: OrgLocation = OrgLocation::Region { region_id: NORD };
const R_BAYERN: OrgLocation = OrgLocation::Region { region_id: BAYERN };
const A_KIEL: OrgLocation = OrgLocation::Agency {
    region_id: NORD,
    agency_id: KIEL,
};
const A_FLENSBURG: OrgLocation = OrgLocation::Agency {
    region_id: NORD,
    agency_id: FLENSBURG,
};
const A_MUENCHEN: OrgLocation = OrgLocation::Agency {
    region_id: BAYERN,
    agency_id: MUENCHEN,
};
const EVERYWHERE: [OrgLocation; 6] = [CENTRAL, R_NORD, R_BAYERN, A_KIEL, A_FLENSBURG, A_MUENCHEN];

fn actor(assignments: &[(Role, Scope)]) -> Actor {
    Actor {
        user_id: 1,
        username: "test".into(),
        assignments: assignments
            .iter()
            .map(|(r, s)| Assignment::new(*r, *s).unwrap())
            .collect(),
    }
}

fn zentrale() -> Actor {
    actor(&[(Role::Zentrale, Scope::All)])
}
fn rd_nord() -> Actor {
    actor(&[(Role::RdReviewer, Scope::Region { region_id: NORD })])
}
fn rim_nord() -> Actor {
    actor(&[(Role::Rim, Scope::Region { region_id: NORD })])
}
fn aa_kiel() -> Actor {
    actor(&[(
        Role::AgencyAdmin,
        Scope::Agency {
            region_id: NORD,
            agency_id: KIEL,
        },
    )])
}

/// The expected table: for each action, the locations where the actor is allowed.
fn check(actor: &Actor, expected: &[(Action, &[OrgLocation])]) {
    for action in Action::ALL {
        let allowed: &[OrgLocation] = expected
            .iter()
            .find(|(a, _)| *a == action)
            .map(|(_, l)| *l)
            .unwrap_or(&[]);
        for loc in EVERYWHERE {
            let got = decide(actor, action, loc);
            assert_eq!(
                got.is_allowed(),
                allowed.contains(&loc),
                "{} {action:?} at {loc:?}: {got:?}",
                actor.username
            );
        }
    }
}

#[test]
fn zentrale_reads_and_maintains_everything_but_handles_no_agency_orders() {
    check(
        &zentrale(),
        &[
            (Action::ViewOrganisation, &EVERYWHERE),
            (Action::ViewAuditLog, &EVERYWHERE),
            (Action::ManageUsers, &EVERYWHERE),
            (Action::ManageCatalogue, &EVERYWHERE),
            (Action::ManageRegionOrganisation, &EVERYWHERE),
            (Action::ManageDirectives, &EVERYWHERE),
            (Action::FileCentralOrder, &EVERYWHERE),
            (Action::ExportOrders, &EVERYWHERE),
            (Action::ChangeOwnPassword, &EVERYWHERE),
        ],
    );
    assert_eq!(
        decide(&zentrale(), Action::DecideOrder, A_KIEL),
        Decision::DenyRole
    );
    assert_eq!(
        decide(&zentrale(), Action::FileOrder, A_KIEL),
        Decision::DenyRole,
        "an agency's own orders are the agency's; the Zentrale files batches only"
    );
}

#[test]
fn rd_reviewer_sees_and_decides_within_the_region() {
    check(
        &rd_nord(),
        &[
            (Action::ViewOrganisation, &[R_NORD, A_KIEL, A_FLENSBURG]),
            (Action::DecideOrder, &[R_NORD, A_KIEL, A_FLENSBURG]),
            (
                Action::ManageRegionOrganisation,
                &[R_NORD, A_KIEL, A_FLENSBURG],
            ),
            (Action::ExportOrders, &[R_NORD, A_KIEL, A_FLENSBURG]),
            (Action::ChangeOwnPassword, &EVERYWHERE),
        ],
    );
    assert_eq!(
        decide(&rd_nord(), Action::DecideOrder, A_MUENCHEN),
        Decision::DenyScope
    );
    assert_eq!(
        decide(&rd_nord(), Action::FileOrder, A_KIEL),
        Decision::DenyRole
    );
}

#[test]
fn rim_sees_and_implements_within_the_region() {
    check(
        &rim_nord(),
        &[
            (Action::ViewOrganisation, &[R_NORD, A_KIEL, A_FLENSBURG]),
            (Action::ImplementOrder, &[R_NORD, A_KIEL, A_FLENSBURG]),
            (Action::ExportOrders, &[R_NORD, A_KIEL, A_FLENSBURG]),
            (Action::ChangeOwnPassword, &EVERYWHERE),
        ],
    );
}

#[test]
fn agency_admin_sees_own_agency_and_its_region_node_only() {
    check(
        &aa_kiel(),
        &[
            (Action::ViewOrganisation, &[R_NORD, A_KIEL]),
            (Action::FileOrder, &[A_KIEL]),
            (Action::ChangeOwnPassword, &EVERYWHERE),
        ],
    );
    assert_eq!(
        decide(&aa_kiel(), Action::FileOrder, A_MUENCHEN),
        Decision::DenyScope
    );
    assert_eq!(
        decide(&aa_kiel(), Action::ViewAuditLog, CENTRAL),
        Decision::DenyRole
    );
}

#[test]
fn several_assignments_add_up() {
    let both = actor(&[
        (
            Role::AgencyAdmin,
            Scope::Agency {
                region_id: NORD,
                agency_id: KIEL,
            },
        ),
        (Role::RdReviewer, Scope::Region { region_id: NORD }),
    ]);
    assert!(decide(&both, Action::FileOrder, A_KIEL).is_allowed());
    assert!(decide(&both, Action::DecideOrder, A_KIEL).is_allowed());
    assert!(!decide(&both, Action::FileOrder, A_FLENSBURG).is_allowed());
    assert!(!decide(&both, Action::ViewOrganisation, A_MUENCHEN).is_allowed());
}

#[test]
fn a_user_without_assignments_may_do_nothing_but_change_the_password() {
    let nobody = actor(&[]);
    for action in Action::ALL {
        for loc in EVERYWHERE {
            assert!(
                !decide(&nobody, action, loc).is_allowed(),
                "{action:?} {loc:?}"
            );
        }
    }
    assert!(ScopeFilter::for_action(&nobody, Action::ViewOrganisation).is_empty());
}

#[test]
fn only_known_role_scope_pairs_exist() {
    let region = Scope::Region { region_id: NORD };
    let agency = Scope::Agency {
        region_id: NORD,
        agency_id: KIEL,
    };
    assert!(Assignment::new(Role::Zentrale, region).is_err());
    assert!(Assignment::new(Role::RdReviewer, Scope::All).is_err());
    assert!(Assignment::new(Role::Rim, agency).is_err());
    assert!(Assignment::new(Role::AgencyAdmin, region).is_err());
    assert!(Assignment::new(Role::AgencyAdmin, agency).is_ok());
}

#[test]
fn role_codes_round_trip() {
    for r in Role::ALL {
        assert_eq!(Role::from_code(r.code()), Some(r));
    }
    assert_eq!(Role::from_code("admin"), None);
}

fn any_assignment() -> impl Strategy<Value = Assignment> {
    prop_oneof![
        Just(Assignment::new(Role::Zentrale, Scope::All).unwrap()),
        (
            prop_oneof![Just(Role::RdReviewer), Just(Role::Rim)],
            1i64..4
        )
            .prop_map(|(role, region_id)| Assignment::new(
                role,
                Scope::Region { region_id }
            )
            .unwrap()),
        (1i64..4, 1i64..9).prop_map(|(region_id, agency_id)| {
            Assignment::new(
                Role::AgencyAdmin,
                Scope::Agency {
                    region_id,
                    agency_id,
                },
            )
            .unwrap()
        }),
    ]
}

fn any_location() -> impl Strategy<Value = OrgLocation> {
    prop_oneof![
        Just(OrgLocation::Central),
        (1i64..4).prop_map(|region_id| OrgLocation::Region { region_id }),
        (1i64..4, 1i64..9).prop_map(|(region_id, agency_id)| OrgLocation::Agency {
            region_id,
            agency_id
        }),
    ]
}

proptest! {
    /// The list filter and the single-object decision never disagree.
    #[test]
    fn scope_filter_agrees_with_decide(
        assignments in proptest::collection::vec(any_assignment(), 0..4),
        locations in proptest::collection::vec(any_location(), 1..20),
    ) {
        let actor = Actor { user_id: 7, username: "p".into(), assignments };
        let filter = ScopeFilter::for_action(&actor, Action::ViewOrganisation);
        for loc in locations {
            prop_assert_eq!(
                filter.shows(loc),
                decide(&actor, Action::ViewOrganisation, loc).is_allowed(),
                "{:?}", loc
            );
        }
    }
}

#[test]
fn within_region_and_overlaps() {
    let rd = |r| ScopeFilter {
        region_ids: vec![r],
        ..ScopeFilter::default()
    };
    let agency = |r, a| ScopeFilter {
        agencies: vec![(r, a)],
        ..ScopeFilter::default()
    };
    let all = ScopeFilter {
        all: true,
        ..ScopeFilter::default()
    };
    assert_eq!(all.within_region(2), rd(2));
    assert_eq!(agency(1, 5).within_region(1), agency(1, 5));
    assert!(agency(1, 5).within_region(2).is_empty());
    assert!(all.overlaps(&agency(1, 5)));
    assert!(rd(1).overlaps(&agency(1, 5)) && agency(1, 5).overlaps(&rd(1)));
    assert!(!rd(2).overlaps(&agency(1, 5)));
    assert!(!agency(1, 5).overlaps(&agency(1, 6)));
    assert!(!ScopeFilter::default().overlaps(&all));
}
