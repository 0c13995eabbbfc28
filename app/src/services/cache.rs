//! A short memory in front of the database for what nearly every request reads again:
//! the session, the signed-in user with their roles, the list of RDs.
//!
//! Changes made through this process are seen at once (each cache is told). Changes made
//! elsewhere – another server instance, `user lock` on the command line, a session deleted
//! by hand – are seen after at most the time to live: KT_CACHE_SECONDS, default 2;
//! 0 turns the memory off.

use std::hash::Hash;
use std::sync::Arc;
use std::time::Duration;

/// An RD as the filters offer it: (id, code, name).
pub type Region = (i64, String, String);

#[derive(Clone, Debug)]
pub struct Cache {
    ttl: Duration,
    regions: Option<moka::sync::Cache<(), Arc<Vec<Region>>>>,
}

impl Default for Cache {
    fn default() -> Self {
        Self::new(Duration::from_secs(2))
    }
}

impl Cache {
    pub fn new(ttl: Duration) -> Self {
        let mut cache = Self { ttl, regions: None };
        cache.regions = cache.memo(1);
        cache
    }

    /// Reads KT_CACHE_SECONDS (whole seconds, 0 = off).
    pub fn from_env() -> Result<Self, String> {
        match std::env::var("KT_CACHE_SECONDS") {
            Err(_) => Ok(Self::default()),
            Ok(s) => s
                .trim()
                .parse::<u64>()
                .map(|secs| Self::new(Duration::from_secs(secs)))
                .map_err(|_| format!("KT_CACHE_SECONDS ist keine ganze Zahl von Sekunden: „{s}“.")),
        }
    }

    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    /// A new map whose entries live `ttl`; None when the memory is off.
    pub fn memo<K, V>(&self, capacity: u64) -> Option<moka::sync::Cache<K, V>>
    where
        K: Hash + Eq + Send + Sync + 'static,
        V: Clone + Send + Sync + 'static,
    {
        (!self.ttl.is_zero()).then(|| {
            moka::sync::Cache::builder()
                .max_capacity(capacity)
                .time_to_live(self.ttl)
                .build()
        })
    }

    /// All RDs ordered by name, from memory or from `load`.
    pub async fn regions<E, F>(&self, load: F) -> Result<Arc<Vec<Region>>, E>
    where
        F: std::future::Future<Output = Result<Vec<Region>, E>>,
    {
        if let Some(hit) = self.regions.as_ref().and_then(|c| c.get(&())) {
            return Ok(hit);
        }
        let fresh = Arc::new(load.await?);
        if let Some(c) = &self.regions {
            c.insert((), fresh.clone());
        }
        Ok(fresh)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_seconds_turn_the_memory_off() {
        let off = Cache::new(Duration::ZERO);
        assert!(off.memo::<i64, i64>(10).is_none());
        assert!(off.regions.is_none());
        assert!(Cache::default().memo::<i64, i64>(10).is_some());
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
