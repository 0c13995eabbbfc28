//! A short memory in front of the database for what nearly every request reads again:
//! the session, the signed-in user with their roles, the list of RDs, the agencies.
//!
//! Changes made through this process are seen at once (each memory is told). On
//! PostgreSQL, changes made elsewhere – another server instance, `user lock` on the
//! command line, a session deleted by hand – are announced by the database itself
//! (triggers that `NOTIFY kt_cache`, see `db::cache_events`) and forgotten when the
//! announcement arrives; while no listener is connected, nothing is answered from memory.
//! On SQLite (one server per file), changes from the command line are seen after at most
//! the time to live: KT_CACHE_SECONDS, default 2, at most 60; 0 turns the memory off.

use crate::db::org::AgencyRow;
use std::hash::Hash;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The longest time to live KT_CACHE_SECONDS may ask for: a lock from the command line
/// must not wait longer than this.
pub const MAX_TTL: Duration = Duration::from_secs(60);

/// An RD as the filters offer it: (id, code, name).
pub type Region = (i64, String, String);

/// More than the Federal Agency has agencies (about 150), so all of them fit.
const AGENCY_CAPACITY: u64 = 512;

/// A memory's time to live from the environment variable `name`: whole seconds, 0 = off,
/// at most `MAX_TTL`; `None` when unset.
pub fn ttl_setting(name: &str) -> Result<Option<Duration>, String> {
    let Ok(s) = std::env::var(name) else {
        return Ok(None);
    };
    match s.trim().parse::<u64>() {
        Ok(secs) if secs <= MAX_TTL.as_secs() => Ok(Some(Duration::from_secs(secs))),
        _ => Err(format!(
            "{name} muss eine ganze Zahl von 0 bis {} sein (Sekunden), nicht „{s}“.",
            MAX_TTL.as_secs()
        )),
    }
}

/// How a memory forgets what another process announced changed: the key as announced,
/// or `None` for everything.
type RemoteForget = dyn Fn(Option<&str>) + Send + Sync;

/// The memories by name, for announcements from other processes. Held weakly: a memory
/// that is dropped (a test's) leaves the list at the next announcement.
#[derive(Clone, Default)]
struct Registry(Arc<std::sync::Mutex<Vec<Registered>>>);

/// A memory's name and how to tell it.
type Registered = (&'static str, std::sync::Weak<RemoteForget>);

impl Registry {
    fn add(&self, name: &'static str, forget: &Arc<RemoteForget>) {
        let mut list = self.0.lock().unwrap_or_else(|p| p.into_inner());
        list.push((name, Arc::downgrade(forget)));
    }

    /// Tells the memories named `name` (every memory for `None`) to forget `key`.
    fn announce(&self, name: Option<&str>, key: Option<&str>) {
        let mut list = self.0.lock().unwrap_or_else(|p| p.into_inner());
        list.retain(|(n, forget)| match forget.upgrade() {
            Some(forget) => {
                if name.is_none_or(|name| name == *n) {
                    forget(key);
                }
                true
            }
            None => false,
        });
    }
}

/// Cloned with the application state for every request: cheap, each map is shared.
#[derive(Clone)]
pub struct Cache {
    ttl: Duration,
    regions: Memo<(), Arc<Vec<Region>>>,
    agencies: Memo<String, AgencyRow>,
    registry: Registry,
    /// Whether remembered values may be answered: always on SQLite; on PostgreSQL only
    /// while the listener for other processes' changes is connected.
    trusted: Arc<AtomicBool>,
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache")
            .field("ttl", &self.ttl)
            .field("trusted", &self.trusted)
            .finish_non_exhaustive()
    }
}

/// One map of the memory (a no-op when the memory is off). A value read from the
/// database before a change must not stay after the change: every forget or put counts a
/// generation up, and a value whose read began in an older generation is not kept.
#[derive(Clone)]
pub struct Memo<K, V> {
    /// In an `Arc`: a moka cache's own clone touches several shared counters, and the
    /// memories are cloned with the session layer and the state for every request.
    map: Option<Arc<moka::sync::Cache<K, V>>>,
    generation: Arc<AtomicU64>,
    trusted: Arc<AtomicBool>,
    /// Kept alive with the memory; the registry holds it weakly.
    _remote: Arc<RemoteForget>,
}

impl<K, V> Memo<K, V>
where
    K: Hash + Eq + Clone + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
{
    pub fn get(&self, key: &K) -> Option<V> {
        if !self.trusted.load(Ordering::SeqCst) {
            return None;
        }
        self.map.as_ref()?.get(key)
    }

    /// Reads the value with `load` and keeps it, unless a change came in meanwhile.
    pub async fn refresh<E>(
        &self,
        key: &K,
        load: impl std::future::Future<Output = Result<Option<V>, E>>,
    ) -> Result<Option<V>, E> {
        let seen = self.generation.load(Ordering::SeqCst);
        let value = load.await?;
        if let (Some(map), Some(v)) = (&self.map, &value) {
            map.insert(key.clone(), v.clone());
            if self.generation.load(Ordering::SeqCst) != seen {
                map.invalidate(key);
            }
        }
        Ok(value)
    }

    /// The remembered value if `usable`, else `refresh`.
    pub async fn read_through<E>(
        &self,
        key: &K,
        usable: impl Fn(&V) -> bool,
        load: impl std::future::Future<Output = Result<Option<V>, E>>,
    ) -> Result<Option<V>, E> {
        match self.get(key).filter(|v| usable(v)) {
            Some(hit) => Ok(Some(hit)),
            None => self.refresh(key, load).await,
        }
    }

    /// Drops a value after its row was changed in the database (call after the write).
    pub fn forget(&self, key: &K) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        if let Some(map) = &self.map {
            map.invalidate(key);
        }
    }

    /// Drops every value (after a change that touches many rows).
    pub fn forget_all(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        if let Some(map) = &self.map {
            map.invalidate_all();
        }
    }

    /// Stores a value this process has just written to the database; reads begun before
    /// the write cannot overwrite it.
    pub fn put(&self, key: K, value: V) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        if let Some(map) = &self.map {
            map.insert(key, value);
        }
    }
}

impl<K, V> std::fmt::Debug for Memo<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Memo")
            .field("on", &self.map.is_some())
            .field("generation", &self.generation)
            .finish_non_exhaustive()
    }
}

impl Default for Cache {
    fn default() -> Self {
        Self::new(Duration::from_secs(2))
    }
}

impl Cache {
    pub fn new(ttl: Duration) -> Self {
        let ttl = ttl.min(MAX_TTL);
        let registry = Registry::default();
        let trusted = Arc::new(AtomicBool::new(true));
        let agency = |k: &str| Some(k.to_string());
        Cache {
            ttl,
            regions: memo(ttl, 1, &trusted, &registry, REGIONS, |_| Some(())),
            agencies: memo(ttl, AGENCY_CAPACITY, &trusted, &registry, AGENCIES, agency),
            registry,
            trusted,
        }
    }

    /// Another process changed the row `key` of what the memories called `name` hold
    /// (`None`: anything of it): forget it. An unknown name forgets nothing.
    pub fn changed_elsewhere(&self, name: &str, key: Option<&str>) {
        self.registry.announce(Some(name), key);
    }

    /// Whether remembered values are answered (see `set_trusted`).
    pub fn is_trusted(&self) -> bool {
        self.trusted.load(Ordering::SeqCst)
    }

    /// Stop answering from memory (the listener for other processes' changes is gone) or
    /// start again (it is connected, and everything kept before was forgotten).
    pub fn set_trusted(&self, trusted: bool) {
        if trusted {
            self.registry.announce(None, None);
        }
        self.trusted.store(trusted, Ordering::SeqCst);
        if !trusted {
            self.registry.announce(None, None);
        }
    }

    /// Reads KT_CACHE_SECONDS (whole seconds, 0 = off, at most 60).
    pub fn from_env() -> Result<Self, String> {
        Ok(ttl_setting("KT_CACHE_SECONDS")?.map_or_else(Self::default, Self::new))
    }

    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    /// A new map whose entries live the time to live, named `name` for announcements of
    /// changes made by other processes (keys parsed by `parse`). Each user of the memory
    /// builds its map once, at start-up.
    pub fn memo<K, V>(
        &self,
        name: &'static str,
        capacity: u64,
        parse: fn(&str) -> Option<K>,
    ) -> Memo<K, V>
    where
        K: Hash + Eq + Clone + Send + Sync + 'static,
        V: Clone + Send + Sync + 'static,
    {
        memo(
            self.ttl,
            capacity,
            &self.trusted,
            &self.registry,
            name,
            parse,
        )
    }

    /// Drops the remembered RDs and agencies after their master data changed (the master-
    /// data import, or a form that creates or renames one); other instances hear of it
    /// from the database (PostgreSQL) or after the time to live (SQLite).
    pub fn forget_organisation(&self) {
        self.regions.forget_all();
        self.agencies.forget_all();
    }

    /// All RDs ordered by name, from memory or from `load`.
    pub async fn regions<E>(
        &self,
        load: impl std::future::Future<Output = Result<Vec<Region>, E>>,
    ) -> Result<Arc<Vec<Region>>, E> {
        let loaded = async { load.await.map(|v| Some(Arc::new(v))) };
        let regions = self.regions.read_through(&(), |_| true, loaded).await?;
        Ok(regions.unwrap_or_default())
    }

    /// The agency with this code, from memory or from `load` (an unknown code is not
    /// remembered).
    pub async fn agency<E>(
        &self,
        code: &str,
        load: impl std::future::Future<Output = Result<Option<AgencyRow>, E>>,
    ) -> Result<Option<AgencyRow>, E> {
        self.agencies
            .read_through(&code.to_string(), |_| true, load)
            .await
    }
}

/// The names the database announces changes under (`db::cache_events`, migration 0027).
pub const SESSIONS: &str = "sitzung";
pub const USERS: &str = "benutzer";
pub const REGIONS: &str = "rds";
pub const AGENCIES: &str = "agenturen";

/// A map whose entries live `ttl`, answering only while `trusted`, told by `registry`
/// when another process announces a change under `name` (keys parsed by `parse`).
fn memo<K, V>(
    ttl: Duration,
    capacity: u64,
    trusted: &Arc<AtomicBool>,
    registry: &Registry,
    name: &'static str,
    parse: fn(&str) -> Option<K>,
) -> Memo<K, V>
where
    K: Hash + Eq + Clone + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
{
    let map = (!ttl.is_zero()).then(|| {
        Arc::new(
            moka::sync::Cache::builder()
                .max_capacity(capacity)
                .time_to_live(ttl)
                .build(),
        )
    });
    let generation = Arc::new(AtomicU64::new(0));
    let forget: Arc<RemoteForget> = {
        let (map, generation) = (map.clone(), generation.clone());
        Arc::new(move |key: Option<&str>| {
            generation.fetch_add(1, Ordering::SeqCst);
            if let Some(map) = &map {
                match key.and_then(parse) {
                    Some(k) => map.invalidate(&k),
                    None => map.invalidate_all(),
                }
            }
        })
    };
    registry.add(name, &forget);
    Memo {
        map,
        generation,
        trusted: trusted.clone(),
        _remote: forget,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_seconds_turn_the_memory_off_and_the_time_to_live_is_capped() {
        let off = Cache::new(Duration::ZERO);
        assert!(off
            .memo::<i64, i64>("test", 10, |k| k.parse().ok())
            .map
            .is_none());
        assert!(off.regions.map.is_none());
        assert!(Cache::default()
            .memo::<i64, i64>("test", 10, |k| k.parse().ok())
            .map
            .is_some());
        assert_eq!(Cache::new(Duration::from_secs(3600)).ttl(), MAX_TTL);
    }

    #[tokio::test]
    async fn a_value_read_before_a_change_is_not_kept() {
        let memo = Cache::default().memo::<i64, &str>("test", 10, |k| k.parse().ok());
        let found = |v| async move { Ok::<_, ()>(Some(v)) };
        // The row changes (and the memory is told) while the old value is being read ...
        let read = memo.refresh(&1, async {
            memo.forget(&1);
            Ok::<_, ()>(Some("alt"))
        });
        assert_eq!(read.await, Ok(Some("alt")));
        // ... so it is not kept.
        assert_eq!(memo.get(&1), None);
        memo.refresh(&1, found("neu")).await.unwrap();
        assert_eq!(memo.get(&1), Some("neu"));
        // A value this process has just written wins over a read begun before it.
        let read = memo.refresh(&1, async {
            memo.put(1, "geschrieben");
            Ok::<_, ()>(Some("gelesen"))
        });
        read.await.unwrap();
        assert_ne!(memo.get(&1), Some("gelesen"));
        // A usable value is answered from memory, an unusable one read afresh.
        memo.put(1, "gemerkt");
        let hit = memo.read_through(&1, |_| true, found("db")).await;
        assert_eq!(hit, Ok(Some("gemerkt")));
        let miss = memo
            .read_through(&1, |v| *v != "gemerkt", found("db"))
            .await;
        assert_eq!(miss, Ok(Some("db")));
    }

    #[tokio::test]
    async fn regions_are_loaded_once_within_the_time_to_live() {
        let cache = Cache::new(Duration::from_secs(60));
        let row = || Ok::<_, ()>(vec![(1, "nord".to_string(), "Nord".to_string())]);
        let first = cache.regions(async { row() }).await.unwrap();
        let second = cache
            .regions(async { Err::<Vec<Region>, ()>(()) })
            .await
            .unwrap();
        assert_eq!(first, second, "the second call is answered from memory");
        let off = Cache::new(Duration::ZERO);
        assert!(off
            .regions(async { Err::<Vec<Region>, ()>(()) })
            .await
            .is_err());
    }

    #[tokio::test]
    async fn agencies_are_remembered_unknown_codes_are_not() {
        let cache = Cache::new(Duration::from_secs(60));
        let kiel = AgencyRow {
            id: 7,
            region_id: 1,
            code: "kiel".into(),
            name: "Agentur für Arbeit Kiel".into(),
            region_code: "nord".into(),
            region_name: "Nord".into(),
            office_count: 3,
            active: true,
            successor_code: None,
            successor_name: None,
        };
        let loaded = cache.agency("kiel", async { Ok::<_, ()>(Some(kiel.clone())) });
        assert_eq!(loaded.await.unwrap().map(|a| a.id), Some(7));
        let remembered = cache.agency("kiel", async { Err::<Option<AgencyRow>, ()>(()) });
        assert_eq!(remembered.await.unwrap().map(|a| a.id), Some(7));
        let unknown = cache.agency("atlantis", async { Ok::<_, ()>(None) });
        assert!(unknown.await.unwrap().is_none());
        let asked_again = cache.agency("atlantis", async { Err::<Option<AgencyRow>, ()>(()) });
        assert!(asked_again.await.is_err(), "an unknown code is read again");
    }

    #[tokio::test]
    async fn announcements_forget_the_named_key_and_an_untrusted_memory_answers_nothing() {
        let cache = Cache::default();
        let users = cache.memo::<i64, &str>(USERS, 10, |k| k.parse().ok());
        let sessions = cache.memo::<i64, &str>(SESSIONS, 10, |k| k.parse().ok());
        users.put(1, "eins");
        users.put(2, "zwei");
        sessions.put(1, "sitzung");
        cache.changed_elsewhere(USERS, Some("1"));
        assert_eq!(users.get(&1), None, "announced");
        assert_eq!(users.get(&2), Some("zwei"), "another key");
        assert_eq!(sessions.get(&1), Some("sitzung"), "another memory");
        cache.changed_elsewhere(USERS, None);
        assert_eq!(users.get(&2), None, "no key: all of it");
        // A read under way when the announcement arrives is not kept.
        let read = users.refresh(&3, async {
            cache.changed_elsewhere(USERS, Some("3"));
            Ok::<_, ()>(Some("alt"))
        });
        read.await.unwrap();
        assert_eq!(users.get(&3), None);
        // Without a listener nothing is answered, and nothing kept before comes back.
        users.put(4, "vier");
        cache.set_trusted(false);
        assert_eq!(users.get(&4), None);
        cache.set_trusted(true);
        assert_eq!(users.get(&4), None);
        assert_eq!(sessions.get(&1), None);
        // A dropped memory leaves the registry.
        drop(sessions);
        cache.changed_elsewhere(SESSIONS, None);
        let left = cache.registry.0.lock().unwrap().len();
        assert_eq!(left, 3, "rds, agenturen, benutzer");
    }
}
