//! The one place that decides who may do what where. Every server function and every
//! list query asks this module; nothing else checks roles.

use super::org::OrgLocation;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Zentrale,
    RdReviewer,
    Rim,
    AgencyAdmin,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Zentrale,
        Role::RdReviewer,
        Role::Rim,
        Role::AgencyAdmin,
    ];

    /// Stable code stored in the database and used on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Role::Zentrale => "zentrale",
            Role::RdReviewer => "rd-pruefer",
            Role::Rim => "rim",
            Role::AgencyAdmin => "agentur-admin",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Zentrale => "Zentrale",
            Role::RdReviewer => "RD-Prüfer/in",
            Role::Rim => "RIM (Regionales Infrastrukturmanagement)",
            Role::AgencyAdmin => "Agentur-Administrator/in",
        }
    }
}

/// The part of the organisation a role assignment covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    All,
    Region { region_id: i64 },
    Agency { region_id: i64, agency_id: i64 },
}

impl Scope {
    /// Whether `location` lies inside this scope.
    pub fn covers(self, location: OrgLocation) -> bool {
        match (self, location) {
            (Scope::All, _) => true,
            (Scope::Region { region_id }, OrgLocation::Region { region_id: r }) => r == region_id,
            (Scope::Region { region_id }, OrgLocation::Agency { region_id: r, .. }) => {
                r == region_id
            }
            (Scope::Agency { agency_id, .. }, OrgLocation::Agency { agency_id: a, .. }) => {
                a == agency_id
            }
            _ => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssignmentError {
    #[error("Die Rolle {0} verlangt den Geltungsbereich „gesamte BA“.")]
    NeedsAll(&'static str),
    #[error("Die Rolle {0} verlangt eine Regionaldirektion als Geltungsbereich.")]
    NeedsRegion(&'static str),
    #[error("Die Rolle {0} verlangt eine Agentur als Geltungsbereich.")]
    NeedsAgency(&'static str),
}

/// A role held within a scope. Only the combinations the organisation knows can exist:
/// Zentrale for everything, RD-Prüfer and RIM for a region, agency admins for an agency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Assignment {
    role: Role,
    scope: Scope,
}

impl Assignment {
    pub fn new(role: Role, scope: Scope) -> Result<Self, AssignmentError> {
        match (role, scope) {
            (Role::Zentrale, Scope::All)
            | (Role::RdReviewer | Role::Rim, Scope::Region { .. })
            | (Role::AgencyAdmin, Scope::Agency { .. }) => Ok(Self { role, scope }),
            (Role::Zentrale, _) => Err(AssignmentError::NeedsAll(role.label())),
            (Role::RdReviewer | Role::Rim, _) => Err(AssignmentError::NeedsRegion(role.label())),
            (Role::AgencyAdmin, _) => Err(AssignmentError::NeedsAgency(role.label())),
        }
    }

    pub fn role(&self) -> Role {
        self.role
    }

    pub fn scope(&self) -> Scope {
        self.scope
    }
}

/// A signed-in user as the policy sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: i64,
    pub username: String,
    pub assignments: Vec<Assignment>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    /// Browse regions, agencies, Dienststellen and their mailboxes.
    ViewOrganisation,
    ViewAuditLog,
    ManageUsers,
    ManageCatalogue,
    /// Rename agencies and Dienststellen and add Dienststellen: the Zentrale everywhere,
    /// an RD in its own region (RDs, agencies, closures and the catalogues stay central).
    ManageRegionOrganisation,
    ManageDirectives,
    /// File, edit and withdraw change orders of an agency.
    FileOrder,
    /// File the Zentrale's batch order (Sammelauftrag): one order per agency at once, for
    /// what a directive says is done centrally.
    FileCentralOrder,
    /// Approve, reject or send back an order.
    DecideOrder,
    /// Export and mark orders implemented.
    ImplementOrder,
    /// Download order items as CSV (RIM works from it; reviewers and the Zentrale check).
    ExportOrders,
    ChangeOwnPassword,
}

impl Action {
    pub const ALL: [Action; 12] = [
        Action::ViewOrganisation,
        Action::ViewAuditLog,
        Action::ManageUsers,
        Action::ManageCatalogue,
        Action::ManageRegionOrganisation,
        Action::ManageDirectives,
        Action::FileOrder,
        Action::FileCentralOrder,
        Action::DecideOrder,
        Action::ImplementOrder,
        Action::ExportOrders,
        Action::ChangeOwnPassword,
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Allow,
    /// No assignment grants this action at all.
    DenyRole,
    /// An assignment grants the action, but not at this place.
    DenyScope,
}

impl Decision {
    pub fn is_allowed(self) -> bool {
        self == Decision::Allow
    }
}

/// Which roles may perform an action.
fn roles_for(action: Action) -> &'static [Role] {
    match action {
        Action::ViewOrganisation => &Role::ALL,
        Action::ViewAuditLog
        | Action::ManageUsers
        | Action::ManageCatalogue
        | Action::ManageDirectives
        | Action::FileCentralOrder => &[Role::Zentrale],
        Action::ManageRegionOrganisation => &[Role::Zentrale, Role::RdReviewer],
        Action::FileOrder => &[Role::AgencyAdmin],
        Action::DecideOrder => &[Role::RdReviewer],
        Action::ImplementOrder => &[Role::Rim],
        Action::ExportOrders => &[Role::Zentrale, Role::RdReviewer, Role::Rim],
        Action::ChangeOwnPassword => &Role::ALL,
    }
}

/// Whether one assignment allows `action` at `location`.
fn assignment_allows(a: Assignment, action: Action, location: OrgLocation) -> bool {
    if action == Action::ChangeOwnPassword {
        return true;
    }
    if a.scope.covers(location) {
        return true;
    }
    // Agency admins see the region node their agency hangs under (its other agencies
    // stay hidden: they are Agency locations outside the scope).
    matches!(
        (action, a.scope, location),
        (
            Action::ViewOrganisation,
            Scope::Agency { region_id, .. },
            OrgLocation::Region { region_id: r },
        ) if r == region_id
    )
}

/// Decides whether `actor` may perform `action` on an object at `location`.
pub fn decide(actor: &Actor, action: Action, location: OrgLocation) -> Decision {
    let allowed_roles = roles_for(action);
    let mut role_matched = false;
    for a in actor.assignments.iter().copied() {
        if !allowed_roles.contains(&a.role) {
            continue;
        }
        role_matched = true;
        if assignment_allows(a, action, location) {
            return Decision::Allow;
        }
    }
    if role_matched {
        Decision::DenyScope
    } else {
        Decision::DenyRole
    }
}

/// The set of places where `actor` may perform `action`, as list queries need it.
/// `visible(filter, loc) == decide(actor, action, loc).is_allowed()` for every location.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScopeFilter {
    pub all: bool,
    pub region_ids: Vec<i64>,
    /// (region_id, agency_id) of each agency-level grant.
    pub agencies: Vec<(i64, i64)>,
}

impl ScopeFilter {
    pub fn for_action(actor: &Actor, action: Action) -> Self {
        let allowed_roles = roles_for(action);
        let mut f = ScopeFilter::default();
        for a in actor
            .assignments
            .iter()
            .filter(|a| allowed_roles.contains(&a.role))
        {
            match a.scope {
                Scope::All => f.all = true,
                Scope::Region { region_id } => f.region_ids.push(region_id),
                Scope::Agency {
                    region_id,
                    agency_id,
                } => f.agencies.push((region_id, agency_id)),
            }
        }
        f.region_ids.sort_unstable();
        f.region_ids.dedup();
        f.agencies.sort_unstable();
        f.agencies.dedup();
        f
    }

    pub fn is_empty(&self) -> bool {
        !self.all && self.region_ids.is_empty() && self.agencies.is_empty()
    }

    /// Agency ids granted individually.
    pub fn agency_ids(&self) -> Vec<i64> {
        self.agencies.iter().map(|(_, a)| *a).collect()
    }

    /// Whether an organisation-browser location is visible under this filter.
    pub fn shows(&self, location: OrgLocation) -> bool {
        if self.all {
            return true;
        }
        match location {
            OrgLocation::Central => false,
            OrgLocation::Region { region_id } => {
                self.region_ids.contains(&region_id)
                    || self.agencies.iter().any(|(r, _)| *r == region_id)
            }
            OrgLocation::Agency {
                region_id,
                agency_id,
            } => {
                self.region_ids.contains(&region_id)
                    || self.agencies.iter().any(|(_, a)| *a == agency_id)
            }
        }
    }

    /// Every agency.
    pub fn everywhere() -> ScopeFilter {
        ScopeFilter {
            all: true,
            ..ScopeFilter::default()
        }
    }

    /// One agency.
    pub fn agency(region_id: i64, agency_id: i64) -> ScopeFilter {
        ScopeFilter {
            agencies: vec![(region_id, agency_id)],
            ..ScopeFilter::default()
        }
    }

    /// The part of this filter inside one region.
    pub fn within_region(&self, region_id: i64) -> ScopeFilter {
        if self.all || self.region_ids.contains(&region_id) {
            return ScopeFilter {
                region_ids: vec![region_id],
                ..ScopeFilter::default()
            };
        }
        ScopeFilter {
            agencies: self
                .agencies
                .iter()
                .copied()
                .filter(|(r, _)| *r == region_id)
                .collect(),
            ..ScopeFilter::default()
        }
    }

    /// Whether some agency lies in both filters.
    pub fn overlaps(&self, other: &ScopeFilter) -> bool {
        if self.is_empty() || other.is_empty() {
            return false;
        }
        if self.all || other.all {
            return true;
        }
        let covers = |f: &ScopeFilter, (r, a): (i64, i64)| {
            f.region_ids.contains(&r) || f.agencies.iter().any(|(_, x)| *x == a)
        };
        self.region_ids.iter().any(|r| other.region_ids.contains(r))
            || self.agencies.iter().any(|g| covers(other, *g))
            || other.agencies.iter().any(|g| covers(self, *g))
    }
}

#[cfg(test)]
mod tests;
