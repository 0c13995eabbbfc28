//! A short memory in front of the database for what nearly every request reads again:
//! the session, the signed-in user with their roles, the list of RDs.
//!
//! Changes made through this process are seen at once (each memory is told). Changes made
//! elsewhere – another server instance, `user lock` on the command line, a session deleted
//! by hand – are seen after at most the time to live: KT_CACHE_SECONDS, default 2, at most
//! 60; 0 turns the memory off.

use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The longest time to live KT_CACHE_SECONDS may ask for: a lock from the command line
/// must not wait longer than this.
pub const MAX_TTL: Duration = Duration::from_secs(60);

/// An RD as the filters offer it: (id, code, name).
pub type Region = (i64, String, String);

#[derive(Clone, Debug)]
pub struct Cache {
    ttl: Duration,
    regions: Option<Memo<(), Arc<Vec<Region>>>>,
}

/// One map of the memory. A value read from the database before a change must not stay
/// after the change was forgotten: every forget counts a generation up, and a fill whose
/// read began in an older generation takes its value out again.
#[derive(Clone)]
pub struct Memo<K, V> {
    map: moka::sync::Cache<K, V>,
    generation: Arc<AtomicU64>,
}

impl<K, V> Memo<K, V>
where
    K: Hash + Eq + Clone + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
{
    pub fn get(&self, key: &K) -> Option<V> {
        self.map.get(key)
    }

    /// To be taken before the database read whose result goes to `fill`.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Stores a value read from the database after `generation()` returned `seen`.
    pub fn fill(&self, key: K, value: V, seen: u64) {
        self.map.insert(key.clone(), value);
        if self.generation() != seen {
            self.map.invalidate(&key);
        }
    }

    /// Drops a value after its row was changed in the database (call after the write).
    pub fn forget(&self, key: &K) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.map.invalidate(key);
    }

    /// Stores a value this process has just written to the database; reads begun before
    /// the write cannot overwrite it.
    pub fn put(&self, key: K, value: V) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.map.insert(key, value);
    }
}

impl<K, V> std::fmt::Debug for Memo<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Memo")
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
        let mut cache = Self {
            ttl: ttl.min(MAX_TTL),
            regions: None,
        };
        cache.regions = cache.memo(1);
        cache
    }

    /// Reads KT_CACHE_SECONDS (whole seconds, 0 = off, at most 60).
    pub fn from_env() -> Result<Self, String> {
        match std::env::var("KT_CACHE_SECONDS") {
            Err(_) => Ok(Self::default()),
            Ok(s) => match s.trim().parse::<u64>() {
                Ok(secs) if secs <= MAX_TTL.as_secs() => Ok(Self::new(Duration::from_secs(secs))),
                _ => Err(format!(
                    "KT_CACHE_SECONDS muss eine ganze Zahl von 0 bis {} sein (Sekunden), nicht „{s}“.",
                    MAX_TTL.as_secs()
                )),
            },
        }
    }

    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    /// A new map whose entries live `ttl`; None when the memory is off.
    pub fn memo<K, V>(&self, capacity: u64) -> Option<Memo<K, V>>
    where
        K: Hash + Eq + Clone + Send + Sync + 'static,
        V: Clone + Send + Sync + 'static,
    {
        (!self.ttl.is_zero()).then(|| Memo {
            map: moka::sync::Cache::builder()
                .max_capacity(capacity)
                .time_to_live(self.ttl)
                .build(),
            generation: Arc::new(AtomicU64::new(0)),
        })
    }

    /// All RDs ordered by name, from memory or from `load` (RDs change only by seeding).
    pub async fn regions<E, F>(&self, load: F) -> Result<Arc<Vec<Region>>, E>
    where
        F: std::future::Future<Output = Result<Vec<Region>, E>>,
    {
        let seen = self.regions.as_ref().map(|m| m.generation());
        if let Some(hit) = self.regions.as_ref().and_then(|m| m.get(&())) {
            return Ok(hit);
        }
        let fresh = Arc::new(load.await?);
        if let (Some(m), Some(seen)) = (&self.regions, seen) {
            m.fill((), fresh.clone(), seen);
        }
        Ok(fresh)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_seconds_turn_the_memory_off_and_the_time_to_live_is_capped() {
        let off = Cache::new(Duration::ZERO);
        assert!(off.memo::<i64, i64>(10).is_none());
        assert!(off.regions.is_none());
        assert!(Cache::default().memo::<i64, i64>(10).is_some());
        assert_eq!(Cache::new(Duration::from_secs(3600)).ttl(), MAX_TTL);
    }

    #[test]
    fn a_value_read_before_a_forget_is_not_kept() {
        let memo = Cache::default().memo::<i64, &str>(10).unwrap();
        let seen = memo.generation();
        // Meanwhile the row changes and the memory is told ...
        memo.forget(&1);
        // ... so the value read before must not stay.
        memo.fill(1, "alt", seen);
        assert_eq!(memo.get(&1), None);
        let seen = memo.generation();
        memo.fill(1, "neu", seen);
        assert_eq!(memo.get(&1), Some("neu"));
        // A value this process has just written wins over a read begun before it.
        let seen = memo.generation();
        memo.put(1, "geschrieben");
        memo.fill(1, "gelesen", seen);
        assert_ne!(memo.get(&1), Some("gelesen"));
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
}
