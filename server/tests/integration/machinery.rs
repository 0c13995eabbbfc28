//! A property test of the whole machinery: random sequences of filing, item edits of
//! every kind and order actions, by everyone in the demo cast, against the real server
//! and database. After every step: a success was by someone entitled and in scope (by a
//! table written here, not the policy's), the state moved as the life cycle says, and
//! the versions of every kind stay numbered without gaps with exactly one live, change
//! only when an order is implemented (one new version per item) and are otherwise never
//! altered but for the old live version's end.
//!
//! The sequences come from proptest's generator with a fixed seed (KT_PROPERTY_SEED
//! and KT_PROPERTY_STEPS vary them); there is no shrinking across the async server, so
//! a failure prints the seed and the steps so far.

use crate::both_databases;
use crate::common::{Backend, Client, TestApp};
use app::on_db;
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::collections::HashMap;

const CAST: [&str; 6] = [
    "aa-kiel",
    "aa-muenchen",
    "rd-nord",
    "rd-bayern",
    "rim-nord",
    "zentrale",
];
const AGENCIES: [&str; 2] = ["kiel", "muenchen"];
/// The operations a step draws from, weighted so that orders collect items and move
/// along their life cycle rather than being filed and withdrawn over and over. The
/// item edits name their kind.
const OPS: [&str; 24] = [
    "anlegen",
    "anlegen",
    "weiterleitung",
    "weiterleitung",
    "weiterleitung",
    "e-mail-kommunikation",
    "e-mail-kommunikation",
    "e-mail-kommunikation",
    "eakte-regelwerk",
    "eakte-regelwerk",
    "eakte-regelwerk",
    "einreichen",
    "einreichen",
    "einreichen",
    "genehmigen",
    "genehmigen",
    "genehmigen",
    "ablehnen",
    "zurueckgeben",
    "umsetzen",
    "umsetzen",
    "umsetzen",
    "umsetzen",
    "zurueckziehen",
];
const KINDS: [&str; 3] = ["weiterleitung", "e-mail-kommunikation", "eakte-regelwerk"];

/// What a step tries. `who` beyond the cast means "whoever the table names for it", so
/// that sequences reach the later states often enough.
#[derive(Clone, Copy, Debug)]
struct Step {
    who: usize,
    op: usize,
    pick: usize,
}

fn steps(seed: u64, count: usize) -> Vec<Step> {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &bytes);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    let one = (0..CAST.len() + 9, 0..OPS.len(), 0..64usize).prop_map(|(who, op, pick)| Step {
        who,
        op,
        pick,
    });
    proptest::collection::vec(one, count)
        .new_tree(&mut runner)
        .expect("steps")
        .current()
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Who may do what, independent of the policy: the agency's admin files, edits, submits
/// and withdraws; its region's reviewer decides; RIM Nord implements Kiel's orders (the
/// demo has no RIM for Bayern); the Zentrale only reads.
fn entitled(agency: &str, op: &str) -> Option<&'static str> {
    match (agency, op) {
        ("kiel", "genehmigen" | "ablehnen" | "zurueckgeben") => Some("rd-nord"),
        ("muenchen", "genehmigen" | "ablehnen" | "zurueckgeben") => Some("rd-bayern"),
        ("kiel", "umsetzen") => Some("rim-nord"),
        ("muenchen", "umsetzen") => None,
        ("kiel", _) => Some("aa-kiel"),
        (_, _) => Some("aa-muenchen"),
    }
}

/// The state an action leads to from `from`, or None where the life cycle has no such
/// move. An order is reviewed by its RD when it holds a routing item.
fn after(action: &str, from: &str, reviewed: bool) -> Option<&'static str> {
    let editable = matches!(from, "entwurf" | "zur-ueberarbeitung");
    match action {
        "einreichen" if editable => Some("eingereicht"),
        "zurueckziehen" if editable || from == "eingereicht" => Some("zurueckgezogen"),
        "genehmigen" if reviewed && from == "eingereicht" => Some("genehmigt"),
        "ablehnen" if reviewed && from == "eingereicht" => Some("abgelehnt"),
        "zurueckgeben" if reviewed && from == "eingereicht" => Some("zur-ueberarbeitung"),
        "umsetzen" if (reviewed && from == "genehmigt") || (!reviewed && from == "eingereicht") => {
            Some("umgesetzt")
        }
        _ => None,
    }
}

/// The entries each agency's items may change, and the Postkörbe they may point to.
struct Targets {
    /// (Dienststelle, Anliegen, Postfach, Bereich) with the live version's values.
    routing: Vec<(String, String, i64, i64)>,
    settings: Vec<i64>,
    rules: Vec<i64>,
    postkoerbe: Vec<i64>,
}

async fn targets(app: &TestApp, agency: &str) -> Targets {
    let db = &app.db;
    let routing = on_db!(db, pool => sqlx::query_as(
        "SELECT o.code, c.code, CAST(v.mailbox_id AS BIGINT), CAST(v.area_id AS BIGINT)
         FROM routing_entries e JOIN offices o ON o.id = e.office_id
         JOIN agencies a ON a.id = o.agency_id JOIN concerns c ON c.id = e.concern_id
         JOIN routing_versions v ON v.entry_id = e.id AND v.valid_until IS NULL
         WHERE a.code = $1 AND c.active ORDER BY e.id LIMIT 3")
        .bind(agency).fetch_all(pool).await.unwrap());
    let settings = on_db!(db, pool => sqlx::query_scalar(
        "SELECT CAST(e.id AS BIGINT) FROM mailbox_setting_entries e
         JOIN mailboxes m ON m.id = e.mailbox_id JOIN offices o ON o.id = m.office_id
         JOIN agencies a ON a.id = o.agency_id WHERE a.code = $1 ORDER BY e.id LIMIT 3")
        .bind(agency).fetch_all(pool).await.unwrap());
    let rules = on_db!(db, pool => sqlx::query_scalar(
        "SELECT CAST(e.id AS BIGINT) FROM eakte_rule_entries e
         JOIN agencies a ON a.id = e.agency_id WHERE a.code = $1 ORDER BY e.id LIMIT 3")
        .bind(agency).fetch_all(pool).await.unwrap());
    let postkoerbe = on_db!(db, pool => sqlx::query_scalar(
        "SELECT CAST(p.id AS BIGINT) FROM postkoerbe p JOIN offices o ON o.id = p.office_id
         JOIN agencies a ON a.id = o.agency_id WHERE a.code = $1 ORDER BY p.id LIMIT 3")
        .bind(agency).fetch_all(pool).await.unwrap());
    let t = Targets {
        routing,
        settings,
        rules,
        postkoerbe,
    };
    assert!(
        !t.routing.is_empty()
            && !t.settings.is_empty()
            && !t.rules.is_empty()
            && !t.postkoerbe.is_empty(),
        "the demo has entries of every kind in {agency}"
    );
    t
}

/// One stored version: (kind, entry, version) → (value, valid from, valid until, order).
type Versions = HashMap<(String, i64, i64), (String, String, Option<String>, Option<i64>)>;

/// A row as read: kind, entry, version, value, valid from, valid until, order.
type VersionRow = (
    String,
    i64,
    i64,
    String,
    String,
    Option<String>,
    Option<i64>,
);

/// The versions of every kind: all of them, or (`touched`) only those of the entries of
/// the two agencies the steps file for, which is all one step may change.
async fn versions(app: &TestApp, touched: bool) -> Versions {
    let db = &app.db;
    let only = if touched {
        "IN (SELECT id FROM agencies WHERE code IN ('kiel', 'muenchen'))"
    } else {
        "IS NOT NULL"
    };
    let sql = format!(
        "SELECT 'weiterleitung', CAST(v.entry_id AS BIGINT), CAST(v.version AS BIGINT),
                CAST(v.mailbox_id AS TEXT) || '/' || CAST(v.area_id AS TEXT) || '/' || v.addresses,
                CAST(v.valid_from AS TEXT), CAST(v.valid_until AS TEXT), CAST(v.order_id AS BIGINT)
         FROM routing_versions v JOIN routing_entries e ON e.id = v.entry_id
         JOIN offices o ON o.id = e.office_id WHERE o.agency_id {only}
         UNION ALL
         SELECT 'e-mail-kommunikation', CAST(v.entry_id AS BIGINT), CAST(v.version AS BIGINT),
                v.email_mode, CAST(v.valid_from AS TEXT), CAST(v.valid_until AS TEXT),
                CAST(v.order_id AS BIGINT)
         FROM mailbox_setting_versions v JOIN mailbox_setting_entries e ON e.id = v.entry_id
         JOIN mailboxes m ON m.id = e.mailbox_id JOIN offices o ON o.id = m.office_id
         WHERE o.agency_id {only}
         UNION ALL
         SELECT 'eakte-regelwerk', CAST(v.entry_id AS BIGINT), CAST(v.version AS BIGINT),
                CAST(v.postkorb_id AS TEXT), CAST(v.valid_from AS TEXT),
                CAST(v.valid_until AS TEXT), CAST(v.order_id AS BIGINT)
         FROM eakte_rule_versions v JOIN eakte_rule_entries e ON e.id = v.entry_id
         WHERE e.agency_id {only}"
    );
    let rows: Vec<VersionRow> =
        on_db!(db, pool => sqlx::query_as(&sql).fetch_all(pool).await.unwrap());
    rows.into_iter()
        .map(|(k, e, v, value, from, until, order)| ((k, e, v), (value, from, until, order)))
        .collect()
}
/// Numbered 1..n without gaps and exactly one live version, per entry of every kind.
fn assert_chains(now: &Versions) {
    let mut chains: HashMap<(&str, i64), Vec<(i64, bool)>> = HashMap::new();
    for ((kind, entry, version), (_, _, until, _)) in now {
        chains
            .entry((kind.as_str(), *entry))
            .or_default()
            .push((*version, until.is_none()));
    }
    for (key, mut chain) in chains {
        chain.sort();
        let numbered = chain
            .iter()
            .enumerate()
            .all(|(i, (v, _))| *v == i as i64 + 1);
        let live = chain.iter().filter(|(_, live)| *live).count();
        assert!(numbered && live == 1, "{key:?}: {chain:?}");
    }
}

/// Nothing written is changed, but for a live version that an implementation ended.
fn assert_unaltered(before: &Versions, now: &Versions) {
    for (key, (value, from, until, order)) in before {
        let (v2, f2, u2, o2) = now.get(key).unwrap_or_else(|| panic!("{key:?} gone"));
        assert_eq!((value, from, order), (v2, f2, o2), "{key:?} changed");
        assert!(until.is_none() || until == u2, "{key:?}: end moved");
    }
}

/// (id, agency code, state, revision, items, routing items) of an order.
async fn order_row(app: &TestApp, number: &str) -> (i64, String, String, i64, i64, i64) {
    let db = &app.db;
    on_db!(db, pool => sqlx::query_as(
        "SELECT CAST(o.id AS BIGINT), a.code, o.state, CAST(o.revision AS BIGINT),
            (SELECT COUNT(*) FROM order_items i WHERE i.order_id = o.id)
            + (SELECT COUNT(*) FROM order_mailbox_items i WHERE i.order_id = o.id)
            + (SELECT COUNT(*) FROM order_eakte_items i WHERE i.order_id = o.id),
            (SELECT COUNT(*) FROM order_items i WHERE i.order_id = o.id)
         FROM orders o JOIN agencies a ON a.id = o.agency_id WHERE o.number = $1")
        .bind(number).fetch_one(pool).await.unwrap())
}

struct Run<'a> {
    app: &'a TestApp,
    clients: HashMap<&'static str, Client>,
    targets: HashMap<&'static str, Targets>,
    orders: Vec<String>,
    successes: HashMap<String, usize>,
}

impl Run<'_> {
    fn client(&self, name: &str) -> &Client {
        &self.clients[name]
    }

    /// The person a step acts as: one of the cast, or whom the table names for `op`.
    fn actor(&self, who: usize, agency: &str, op: &str) -> &'static str {
        CAST.get(who)
            .copied()
            .or_else(|| entitled(agency, op))
            .unwrap_or("zentrale")
    }

    /// Files a draft; returns whether it was accepted.
    async fn file(&mut self, step: Step) -> bool {
        // Mostly Kiel: only its orders can go the whole way (RIM Nord).
        let agency = AGENCIES[usize::from(step.pick.is_multiple_of(4))];
        let name = self.actor(step.who, agency, "anlegen");
        let form = [
            ("agentur", agency),
            ("begruendung", "Zufällige Folge der Eigenschaftsprüfung"),
            ("wirksam_ab", "31.12.2099"),
        ];
        let (status, number) = self.client(name).call_json("auftrag/anlegen", &form).await;
        if status != 200 {
            return false;
        }
        assert_eq!(
            entitled(agency, "anlegen"),
            Some(name),
            "{name} filed for {agency}"
        );
        self.orders.push(number.as_str().unwrap().to_string());
        true
    }

    /// Adds or changes an item of one kind (`kind` 0..3) on an order.
    async fn edit(&mut self, step: Step, kind: usize) -> bool {
        let Some(number) = self.pick_order(step.pick).await else {
            return false;
        };
        let (_, agency, state, revision, ..) = order_row(self.app, &number).await;
        let name = self.actor(step.who, &agency, "bearbeiten");
        let t = &self.targets[agency.as_str()];
        let (revision, n) = (revision.to_string(), step.pick / 2);
        let (endpoint, form): (&str, Vec<(&str, String)>) = match kind {
            0 => {
                let (office, concern, mailbox, area) = &t.routing[n % t.routing.len()];
                let addresses = format!("eigenschaft-{}@arbeitsagentur.de", step.pick);
                let form = vec![
                    ("dienststelle", office.clone()),
                    ("anliegen", concern.clone()),
                    ("postfach", mailbox.to_string()),
                    ("bereich", area.to_string()),
                    ("adressen", addresses),
                ];
                ("auftrag/position", form)
            }
            1 => {
                let mode = if n % 2 == 0 { "intern" } else { "extern" };
                let entry = t.settings[n % t.settings.len()].to_string();
                let form = vec![("eintrag", entry), ("modus", mode.to_string())];
                ("auftrag/einstellung", form)
            }
            _ => {
                // Now and then a Postkorb of the other agency, which must be refused.
                let other = &self.targets[if agency == "kiel" { "muenchen" } else { "kiel" }];
                let postkoerbe = if n % 5 == 4 {
                    &other.postkoerbe
                } else {
                    &t.postkoerbe
                };
                let postkorb = postkoerbe[n % postkoerbe.len()].to_string();
                let entry = t.rules[n % t.rules.len()].to_string();
                (
                    "auftrag/eakte-regel",
                    vec![("regel", entry), ("postkorb", postkorb)],
                )
            }
        };
        let mut args = vec![("nummer", number.clone()), ("revision", revision)];
        args.extend(form);
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (status, _) = self.client(name).call_json(endpoint, &args).await;
        if status != 200 {
            return false;
        }
        assert_eq!(
            entitled(&agency, "bearbeiten"),
            Some(name),
            "{name} edited {number}"
        );
        assert!(
            matches!(state.as_str(), "entwurf" | "zur-ueberarbeitung"),
            "{number} edited while {state}"
        );
        true
    }

    /// Takes an order action; returns whether it was accepted, checked against the
    /// tables and, for an implementation, against the versions it wrote.
    async fn act(&mut self, step: Step, action: &'static str, before: &Versions) -> bool {
        let Some(number) = self.pick_order(step.pick).await else {
            return false;
        };
        let (id, agency, from, revision, items, routing) = order_row(self.app, &number).await;
        let name = self.actor(step.who, &agency, action);
        let form = [
            ("nummer", number.as_str()),
            ("revision", &revision.to_string()),
            ("aktion", action),
            ("grund", "Begründung der Eigenschaftsprüfung"),
        ];
        let (status, _) = self.client(name).call_json("auftrag/aktion", &form).await;
        if status != 200 {
            return false;
        }
        assert_eq!(
            entitled(&agency, action),
            Some(name),
            "{name}: {action} {number}"
        );
        let to = order_row(self.app, &number).await.2;
        assert_eq!(
            after(action, &from, routing > 0).map(str::to_string),
            Some(to),
            "{action} of {number} from {from}"
        );
        if action == "umsetzen" {
            let now = versions(self.app, true).await;
            let written: Vec<_> = now.keys().filter(|k| !before.contains_key(*k)).collect();
            assert_eq!(
                written.len() as i64,
                items,
                "one version per item of {number}"
            );
            assert!(written.iter().all(|k| now[*k].3 == Some(id)));
        }
        true
    }

    /// One of the last orders this run filed: mostly one that someone can still move on,
    /// now and then any (so that finished orders are tried too).
    async fn pick_order(&self, pick: usize) -> Option<String> {
        let mut open = Vec::new();
        for number in self.orders.iter().rev().take(6) {
            let (_, agency, state, ..) = order_row(self.app, number).await;
            // München's submitted or approved orders wait for a RIM the demo lacks.
            let stuck =
                agency == "muenchen" && matches!(state.as_str(), "eingereicht" | "genehmigt");
            if !stuck && !matches!(state.as_str(), "umgesetzt" | "abgelehnt" | "zurueckgezogen") {
                open.push(number);
            }
        }
        let recent: Vec<&String> = self.orders.iter().rev().take(4).collect();
        let from = if open.is_empty() || pick.is_multiple_of(8) {
            recent
        } else {
            open
        };
        (!from.is_empty()).then(|| from[pick % from.len()].clone())
    }

    async fn step(&mut self, step: Step) {
        let before = versions(self.app, true).await;
        let what = OPS[step.op];
        let accepted = match what {
            "anlegen" => self.file(step).await,
            kind if KINDS.contains(&kind) => {
                let index = KINDS.iter().position(|k| *k == kind).unwrap_or(0);
                self.edit(step, index).await
            }
            action => self.act(step, action, &before).await,
        };
        let now = versions(self.app, true).await;
        assert_chains(&now);
        assert_unaltered(&before, &now);
        if what != "umsetzen" || !accepted {
            assert_eq!(before.len(), now.len(), "no version without implementation");
        }
        if accepted {
            *self.successes.entry(what.to_string()).or_default() += 1;
        }
    }
}

async fn random_orders_of_every_kind_keep_entitlement_and_versions(backend: Backend) {
    let app = TestApp::start(backend).await;
    let seed = env_number("KT_PROPERTY_SEED", 20250701);
    let count = env_number("KT_PROPERTY_STEPS", 400) as usize;
    let mut clients = HashMap::new();
    for name in CAST {
        clients.insert(name, app.signed_in(name).await);
    }
    let mut targets_by_agency = HashMap::new();
    for agency in AGENCIES {
        targets_by_agency.insert(agency, targets(&app, agency).await);
    }
    let mut run = Run {
        app: &app,
        clients,
        targets: targets_by_agency,
        orders: Vec::new(),
        successes: HashMap::new(),
    };
    let at_start = versions(&app, false).await;
    let all = steps(seed, count);
    for (i, step) in all.iter().enumerate() {
        let done = std::panic::AssertUnwindSafe(run.step(*step));
        if let Err(e) = futures_util::FutureExt::catch_unwind(done).await {
            eprintln!(
                "KT_PROPERTY_SEED={seed}, Schritt {i}: {step:?}; davor: {:?}",
                &all[..i]
            );
            std::panic::resume_unwind(e);
        }
    }
    let at_end = versions(&app, false).await;
    assert_chains(&at_end);
    assert_unaltered(&at_start, &at_end);
    // Not vacuous: the sequences reached every kind and the whole life cycle.
    for what in [
        "anlegen",
        "weiterleitung",
        "e-mail-kommunikation",
        "eakte-regelwerk",
        "einreichen",
        "genehmigen",
        "umsetzen",
    ] {
        assert!(
            run.successes.get(what).copied().unwrap_or(0) > 0,
            "{what} never succeeded: {:?}",
            run.successes
        );
    }
    eprintln!("Eigenschaftsprüfung {backend:?}: {:?}", run.successes);
}

both_databases!(random_orders_of_every_kind_keep_entitlement_and_versions);
