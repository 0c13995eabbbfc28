//! A short memory in front of the database for what nearly every request reads again:
//! the session, the signed-in user with their roles, the list of RDs, the agencies.
//!
//! Changes made through this process are seen at once (each memory is told). Changes made
//! elsewhere – another server instance, `user lock` on the command line, a session deleted
//! by hand – are seen after at most the time to live: KT_CACHE_SECONDS, default 2, at most
//! 60; 0 turns the memory off.

use crate::db::org::AgencyRow;
use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};
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

/// Cloned with the application state for every request: cheap, each map is shared.
#[derive(Clone, Debug)]
pub struct Cache {
    ttl: Duration,
    regions: Memo<(), Arc<Vec<Region>>>,
    agencies: Memo<String, AgencyRow>,
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
}

impl<K, V> Memo<K, V>
where
    K: Hash + Eq + Clone + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
{
    pub fn get(&self, key: &K) -> Option<V> {
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
        Self {
            ttl,
            regions: memo(ttl, 1),
            agencies: memo(ttl, AGENCY_CAPACITY),
        }
    }

    /// Reads KT_CACHE_SECONDS (whole seconds, 0 = off, at most 60).
    pub fn from_env() -> Result<Self, String> {
        Ok(ttl_setting("KT_CACHE_SECONDS")?.map_or_else(Self::default, Self::new))
    }

    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    /// A new map whose entries live the time to live. Each user of the memory builds its
    /// map once, at start-up.
    pub fn memo<K, V>(&self, capacity: u64) -> Memo<K, V>
    where
        K: Hash + Eq + Clone + Send + Sync + 'static,
        V: Clone + Send + Sync + 'static,
    {
        memo(self.ttl, capacity)
    }

    /// Drops the remembered RDs and agencies after their master data changed (the master-
    /// data import, or a form that creates or renames one); other instances see the change
    /// after the time to live.
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

fn memo<K, V>(ttl: Duration, capacity: u64) -> Memo<K, V>
where
    K: Hash + Eq + Clone + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
{
    Memo {
        map: (!ttl.is_zero()).then(|| {
            Arc::new(
                moka::sync::Cache::builder()
                    .max_capacity(capacity)
                    .time_to_live(ttl)
                    .build(),
            )
        }),
        generation: Arc::new(AtomicU64::new(0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_seconds_turn_the_memory_off_and_the_time_to_live_is_capped() {
        let off = Cache::new(Duration::ZERO);
        assert!(off.memo::<i64, i64>(10).map.is_none());
        assert!(off.regions.map.is_none());
        assert!(Cache::default().memo::<i64, i64>(10).map.is_some());
        assert_eq!(Cache::new(Duration::from_secs(3600)).ttl(), MAX_TTL);
    }

    #[tokio::test]
    async fn a_value_read_before_a_change_is_not_kept() {
        let memo = Cache::default().memo::<i64, &str>(10);
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
}
