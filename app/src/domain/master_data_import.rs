//! Reading the master-data export back (`MASTER_DATA_COLUMNS`): every row names a
//! Bereich, RD, agency, Dienststelle and mailbox by code (address), and the plan says
//! what is new and what changes, or why a row cannot be taken. Objects are found by
//! their code and never deleted; nothing moves to another parent by import (an agency to
//! another RD, a Dienststelle to another agency, a mailbox to another Dienststelle), since
//! live configuration hangs on those places.

use super::csv_format::{Row, Table};
use super::fields::{DisplayName, NotificationAddress};
use super::import::CellError;
use super::master_data::MASTER_DATA_COLUMNS as COLUMNS;
use super::org::{parse_code, MailboxKind, OfficeKind};
use std::collections::{BTreeMap, HashMap};

/// The columns that must be there; a Dienststelle without mailboxes leaves the rest empty.
pub const REQUIRED: [&str; 12] = COLUMNS;

/// The levels, in the order a confirmation writes them (parents first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Area,
    Region,
    Agency,
    Office,
    Mailbox,
}

impl Level {
    /// The audit log's and the version table's name of the level.
    pub fn code(self) -> &'static str {
        match self {
            Level::Area => "bereich",
            Level::Region => "rd",
            Level::Agency => "agentur",
            Level::Office => "dienststelle",
            Level::Mailbox => "postfach",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [
            Level::Area,
            Level::Region,
            Level::Agency,
            Level::Office,
            Level::Mailbox,
        ]
        .into_iter()
        .find(|l| l.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Level::Area => "Bereich",
            Level::Region => "RD",
            Level::Agency => "Agentur",
            Level::Office => "Dienststelle",
            Level::Mailbox => "Postfach",
        }
    }
}

/// One object of the organisation as the file (or the database) states it. Parents are
/// named by their codes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Object {
    Area {
        code: String,
        name: String,
    },
    Region {
        code: String,
        name: String,
    },
    Agency {
        code: String,
        name: String,
        region: String,
    },
    Office {
        code: String,
        name: String,
        kind: OfficeKind,
        agency: String,
    },
    Mailbox {
        address: String,
        name: String,
        kind: MailboxKind,
        office: String,
        area: String,
    },
}

impl Object {
    pub fn level(&self) -> Level {
        match self {
            Object::Area { .. } => Level::Area,
            Object::Region { .. } => Level::Region,
            Object::Agency { .. } => Level::Agency,
            Object::Office { .. } => Level::Office,
            Object::Mailbox { .. } => Level::Mailbox,
        }
    }

    /// The code (a mailbox's address) the object is found by.
    pub fn key(&self) -> &str {
        match self {
            Object::Area { code, .. }
            | Object::Region { code, .. }
            | Object::Agency { code, .. }
            | Object::Office { code, .. } => code,
            Object::Mailbox { address, .. } => address,
        }
    }

    /// The parent it hangs on, which an import never changes: (label, code).
    fn parent(&self) -> Option<(&'static str, &str)> {
        match self {
            Object::Agency { region, .. } => Some(("RD", region)),
            Object::Office { agency, .. } => Some(("Agentur", agency)),
            Object::Mailbox { office, .. } => Some(("Dienststelle", office)),
            Object::Area { .. } | Object::Region { .. } => None,
        }
    }

    /// Its fields as shown and versioned: (label, value), the parent included.
    pub fn fields(&self) -> Vec<(&'static str, String)> {
        let mut out = vec![("Name", self.name().to_string())];
        match self {
            Object::Office { kind, .. } => out.push(("Art", kind.label().into())),
            Object::Mailbox { kind, area, .. } => {
                out.push(("Art", kind.label().into()));
                out.push(("Bereich", area.clone()));
            }
            _ => {}
        }
        out.extend(self.parent().map(|(l, c)| (l, c.to_string())));
        out
    }

    pub fn name(&self) -> &str {
        match self {
            Object::Area { name, .. }
            | Object::Region { name, .. }
            | Object::Agency { name, .. }
            | Object::Office { name, .. }
            | Object::Mailbox { name, .. } => name,
        }
    }
}

/// One field that changes: (label, before, after).
pub type FieldDiff = (&'static str, String, String);

/// What confirming the file does to one object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedChange {
    /// The first line that names the object.
    pub line: u64,
    pub before: Option<Object>,
    pub after: Object,
    pub fields: Vec<FieldDiff>,
}

/// The whole file's outcome: changes in writing order, errors by line, and how many
/// objects the file names without changing them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    pub changes: Vec<PlannedChange>,
    pub errors: Vec<CellError>,
    pub unchanged: usize,
}

impl Plan {
    pub fn error_lines(&self) -> usize {
        let mut lines: Vec<u64> = self.errors.iter().map(|e| e.line).collect();
        lines.dedup();
        lines.len()
    }
}

/// The database's objects, by level and key (keys compared in lower case).
#[derive(Clone, Debug, Default)]
pub struct Current(HashMap<(Level, String), Object>);

impl Current {
    pub fn new(objects: impl IntoIterator<Item = Object>) -> Self {
        Self(
            objects
                .into_iter()
                .map(|o| ((o.level(), o.key().to_lowercase()), o))
                .collect(),
        )
    }

    fn get(&self, level: Level, key: &str) -> Option<&Object> {
        self.0.get(&(level, key.to_lowercase()))
    }
}

/// A name: the rule every shown name follows (`DisplayName`).
fn parse_name(input: &str) -> Result<String, String> {
    DisplayName::parse(input).map(|n| n.as_str().to_string())
}

fn parse_office_kind(input: &str) -> Result<OfficeKind, String> {
    let s = input.trim();
    [OfficeKind::Headquarters, OfficeKind::Branch]
        .into_iter()
        .find(|k| s.eq_ignore_ascii_case(k.label()) || s.eq_ignore_ascii_case(k.code()))
        .ok_or_else(|| {
            format!("„{s}“ ist keine Dienststellenart (Hauptagentur oder Geschäftsstelle).")
        })
}

fn parse_mailbox_kind(input: &str) -> Result<MailboxKind, String> {
    let s = input.trim();
    MailboxKind::ALL
        .into_iter()
        .find(|k| s.eq_ignore_ascii_case(k.label()) || s.eq_ignore_ascii_case(k.code()))
        .ok_or_else(|| {
            format!("„{s}“ ist keine Postfachart (Funktions-, Organisations-, Team- oder Liegenschaftspostfach).")
        })
}

/// A mailbox address: an e-mail address in an allowed domain, stored in lower case (the
/// catalogue is looked up without regard to case).
fn parse_mailbox_address(input: &str, domains: &[&str]) -> Result<String, String> {
    NotificationAddress::parse(input, domains).map(|a| a.as_str().to_lowercase())
}

/// The objects one row names, or its cell errors.
fn row_objects(row: &Row, domains: &[&str]) -> Result<Vec<Object>, Vec<CellError>> {
    let mut errors = Vec::new();
    let mut cell = |i: usize, parse: &dyn Fn(&str) -> Result<String, String>| {
        parse(row.cell(i))
            .map_err(|m| errors.push(CellError::new(row.line, COLUMNS[i], m)))
            .ok()
    };
    let region = cell(0, &parse_code);
    let region_name = cell(1, &parse_name);
    let agency = cell(2, &parse_code);
    let agency_name = cell(3, &parse_name);
    let office = cell(4, &parse_code);
    let office_name = cell(5, &parse_name);
    let office_kind = cell(6, &|s| parse_office_kind(s).map(|k| k.code().to_string()));
    let mailbox_cells = 7..12;
    let has_mailbox = mailbox_cells
        .clone()
        .any(|i| !row.cell(i).trim().is_empty());
    let mailbox = if has_mailbox {
        let address = cell(7, &|s| parse_mailbox_address(s, domains));
        let name = cell(8, &parse_name);
        let kind = cell(9, &|s| parse_mailbox_kind(s).map(|k| k.code().to_string()));
        let area = cell(10, &parse_code);
        let area_name = cell(11, &parse_name);
        Some((address, name, kind, area, area_name))
    } else {
        None
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let some = |v: Option<String>| v.expect("checked above");
    let (region, agency, office) = (some(region), some(agency), some(office));
    let mut objects = vec![
        Object::Region {
            code: region.clone(),
            name: some(region_name),
        },
        Object::Agency {
            code: agency.clone(),
            name: some(agency_name),
            region,
        },
        Object::Office {
            code: office.clone(),
            name: some(office_name),
            kind: OfficeKind::from_code(&some(office_kind)).expect("parsed kind"),
            agency,
        },
    ];
    if let Some((address, name, kind, area, area_name)) = mailbox {
        let area = some(area);
        objects.push(Object::Area {
            code: area.clone(),
            name: some(area_name),
        });
        objects.push(Object::Mailbox {
            address: some(address),
            name: some(name),
            kind: MailboxKind::from_code(&some(kind)).expect("parsed kind"),
            office,
            area,
        });
    }
    Ok(objects)
}

/// The column where a level's disagreement is reported.
fn column_of(level: Level) -> &'static str {
    match level {
        Level::Region => COLUMNS[0],
        Level::Agency => COLUMNS[2],
        Level::Office => COLUMNS[4],
        Level::Mailbox => COLUMNS[7],
        Level::Area => COLUMNS[10],
    }
}

fn diff(before: &Object, after: &Object) -> Vec<FieldDiff> {
    before
        .fields()
        .into_iter()
        .zip(after.fields())
        .filter(|((_, b), (_, a))| b != a)
        .map(|((label, b), (_, a))| (label, b, a))
        .collect()
}

/// Plans a file read with `MASTER_DATA_COLUMNS` against the database's objects.
pub fn plan(table: &Table, current: &Current, domains: &[&str]) -> Plan {
    let mut plan = Plan::default();
    // Each object the file names, with the first line naming it.
    let mut named: BTreeMap<(Level, String), (u64, Object)> = BTreeMap::new();
    for row in &table.rows {
        let objects = match row_objects(row, domains) {
            Ok(o) => o,
            Err(errors) => {
                plan.errors.extend(errors);
                continue;
            }
        };
        for object in objects {
            let key = (object.level(), object.key().to_string());
            match named.get(&key) {
                None => {
                    named.insert(key, (row.line, object));
                }
                Some((first, earlier)) if *earlier != object => {
                    let level = object.level();
                    let what: Vec<String> = diff(earlier, &object)
                        .into_iter()
                        .map(|(label, b, a)| format!("{label} „{a}“ statt „{b}“"))
                        .collect();
                    plan.errors.push(CellError::new(
                        row.line,
                        column_of(level),
                        format!(
                            "{} „{}“ steht in Zeile {first} anders: {}.",
                            level.label(),
                            object.key(),
                            what.join(", ")
                        ),
                    ));
                }
                Some(_) => {}
            }
        }
    }
    for ((level, key), (line, after)) in named {
        let Some(before) = current.get(level, &key) else {
            plan.changes.push(creation(line, after));
            continue;
        };
        if *before == after {
            plan.unchanged += 1;
            continue;
        }
        if let (Some((label, was)), Some((_, now))) = (before.parent(), after.parent()) {
            if was != now {
                plan.errors.push(CellError::new(
                    line,
                    column_of(level),
                    format!(
                        "{} „{key}“ gehört zu {label} „{was}“, nicht zu „{now}“. Ein Wechsel ist per Import nicht möglich: die gültige Konfiguration hängt daran.",
                        level.label()
                    ),
                ));
                continue;
            }
        }
        plan.changes.push(PlannedChange {
            line,
            fields: diff(before, &after),
            before: Some(before.clone()),
            after,
        });
    }
    plan.errors.sort_by_key(|e| e.line);
    plan
}

/// The mailboxes whose kind the plan changes: (line, address, new kind). Live routing
/// may not allow the new kind (`mailbox_use::kind_change_refusal`).
pub fn kind_changes(plan: &Plan) -> Vec<(u64, &str, MailboxKind)> {
    plan.changes
        .iter()
        .filter_map(|c| match (&c.before, &c.after) {
            (Some(Object::Mailbox { kind: was, .. }), Object::Mailbox { address, kind, .. })
                if was != kind =>
            {
                Some((c.line, address.as_str(), *kind))
            }
            _ => None,
        })
        .collect()
}

/// The codes of what is closed or deactivated, as stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InactivePlaces {
    pub inactive_regions: Vec<String>,
    pub closed_agencies: Vec<String>,
    pub closed_offices: Vec<String>,
    pub inactive_areas: Vec<String>,
}

/// Refuses a change to a deactivated RD or a new agency in it, a change to a closed
/// agency or a new Dienststelle in it, a new mailbox in a
/// closed Dienststelle, and a new or changed mailbox in a deactivated Bereich, each on its
/// row and column.
pub fn refuse_inactive_places(plan: &mut Plan, places: &InactivePlaces) {
    let mut errors = Vec::new();
    for c in &plan.changes {
        let inactive_region = match &c.after {
            Object::Region { code, .. } => Some((code, "sie wird nicht mehr geändert")),
            Object::Agency { region, .. } if c.before.is_none() => {
                Some((region, "ihr werden keine Agenturen angelegt"))
            }
            _ => None,
        };
        if let Some((region, what)) =
            inactive_region.filter(|(r, _)| places.inactive_regions.contains(r))
        {
            errors.push(CellError::new(
                c.line,
                COLUMNS[0],
                format!("Die Regionaldirektion „{region}“ ist deaktiviert; {what}."),
            ));
        }
        let closed_agency = match &c.after {
            Object::Agency { code, .. } => Some((code, "sie wird nicht mehr geändert")),
            Object::Office { agency, .. } if c.before.is_none() => {
                Some((agency, "ihr werden keine Dienststellen angelegt"))
            }
            _ => None,
        };
        if let Some((agency, what)) =
            closed_agency.filter(|(a, _)| places.closed_agencies.contains(a))
        {
            errors.push(CellError::new(
                c.line,
                COLUMNS[2],
                format!("Die Agentur „{agency}“ ist geschlossen; {what}."),
            ));
        }
        let Object::Mailbox { office, area, .. } = &c.after else {
            continue;
        };
        if c.before.is_none() && places.closed_offices.contains(office) {
            errors.push(CellError::new(
                c.line,
                COLUMNS[4],
                format!("Die Dienststelle „{office}“ ist geschlossen; ihr werden keine Postfächer angelegt."),
            ));
        }
        let area_changed = match &c.before {
            Some(Object::Mailbox { area: was, .. }) => was != area,
            _ => true,
        };
        if area_changed && places.inactive_areas.contains(area) {
            errors.push(CellError::new(
                c.line,
                COLUMNS[10],
                format!("Der Bereich „{area}“ ist deaktiviert."),
            ));
        }
    }
    if !errors.is_empty() {
        plan.errors.extend(errors);
        plan.errors.sort_by_key(|e| e.line);
    }
}

/// Adds an error on the kind's column of `line`, keeping the errors by line.
pub fn refuse_kind(plan: &mut Plan, line: u64, message: String) {
    plan.errors.push(CellError::new(line, COLUMNS[9], message));
    plan.errors.sort_by_key(|e| e.line);
}

/// A new object (named first on `line`, 0 for a form): every field is new.
pub fn creation(line: u64, after: Object) -> PlannedChange {
    let fields = after
        .fields()
        .into_iter()
        .map(|(l, v)| (l, String::new(), v))
        .collect();
    PlannedChange {
        line,
        before: None,
        after,
        fields,
    }
}

/// A change made in a form rather than a file (line 0): `None` when nothing changes.
/// Parents never change here either.
pub fn edit(before: &Object, after: Object) -> Option<PlannedChange> {
    if *before == after || before.parent() != after.parent() || before.key() != after.key() {
        return None;
    }
    Some(PlannedChange {
        line: 0,
        fields: diff(before, &after),
        before: Some(before.clone()),
        after,
    })
}

/// The audit record's detail of a change: every field, before and after.
pub fn describe(change: &PlannedChange) -> String {
    let fields: Vec<String> = change
        .fields
        .iter()
        .map(|(label, before, after)| match change.before {
            None => format!("{label} „{after}“"),
            Some(_) => format!("{label}: „{before}“ → „{after}“"),
        })
        .collect();
    let verb = if change.before.is_none() {
        "angelegt"
    } else {
        "geändert"
    };
    let line = match change.line {
        0 => String::new(),
        n => format!(" (Zeile {n})"),
    };
    format!(
        "{} „{}“ {verb}{line}: {}",
        change.after.level().label(),
        change.after.key(),
        fields.join("; ")
    )
}

#[cfg(test)]
#[path = "master_data_import/tests.rs"]
mod tests;
