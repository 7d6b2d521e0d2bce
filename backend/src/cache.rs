//! Short-lived results of dashboard aggregates (coverage, campaign funnels): computed once and
//! shared by the readers that follow, until any write commits (`invalidate`, called by every
//! write transaction of this instance) or `MAX_AGE` passes (so instances sharing one PostgreSQL
//! converge). Under load this turns N identical aggregate queries into one.
//!
//! After `MAX_AGE` with no write in between, one reader recomputes while the others keep
//! getting the previous result: a herd of readers never recomputes at once.
//!
//! A reader that waits for another's computation takes its result if that computation began
//! after the reader asked (it then counts every write committed before the reader asked), even
//! when writes committed meanwhile: under a steady stream of writes, a reader that insisted on
//! the very latest generation would wait for computation after computation.
//!
//! A result is keyed by the data scope it was computed for (`Key`): an aggregate over what a
//! national admin may read never answers a viewer, and a caller cannot name a key without a scope.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::sync::Notify;

use crate::auth::scope::DataScope;
use crate::error::{ApiError, ApiResult};

pub const MAX_AGE: Duration = Duration::from_secs(5);

/// A result, the write generation it was computed at, and when.
type Entry = (u64, Instant, Arc<Value>);

/// What an aggregate is (`funnel/{id}/{day}`), and the scope of the data it was computed from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    scope: DataScope,
    name: String,
}

impl Key {
    pub fn new(scope: DataScope, name: impl Into<String>) -> Self {
        Self { scope, name: name.into() }
    }
}

#[derive(Default)]
pub struct Aggregates {
    generation: AtomicU64,
    entries: Mutex<HashMap<Key, Entry>>,
    refreshing: Mutex<HashSet<Key>>,
    /// Wakes the readers waiting for a computation when one ends (`put`, `abandon`).
    computed: Notify,
}

/// How fresh a result must be.
#[derive(Clone, Copy)]
enum Freshness {
    /// As of the last write, and at most `MAX_AGE` old; readers wait for the first computation.
    Exact,
    /// At most this old; once computed, served stale while one reader recomputes.
    Public(Duration),
}

pub enum Lookup {
    /// Serve this.
    Hit(Arc<Value>),
    /// Compute it, then `put` with this generation (or `abandon` on failure).
    Compute(u64),
    /// Another reader is computing it: ask again shortly.
    Wait,
}

impl Aggregates {
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// Moves with every `invalidate` (`peers` tells other instances when it moved here).
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    pub fn lookup(&self, key: &Key) -> Lookup {
        self.lookup_with(key, Freshness::Exact, self.generation())
    }

    /// `asked`: the generation when the reader first asked; a result computed at it or later
    /// counts every write the reader could have seen.
    fn lookup_with(&self, key: &Key, freshness: Freshness, asked: u64) -> Lookup {
        let generation = self.generation.load(Ordering::SeqCst);
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let max_age = match freshness {
            Freshness::Exact => MAX_AGE,
            Freshness::Public(age) => age,
        };
        match entries.get(key) {
            Some((g, at, v)) if *g >= asked || matches!(freshness, Freshness::Public(_)) => {
                if *g >= asked && at.elapsed() < max_age {
                    return Lookup::Hit(v.clone());
                }
                // Old (or, for a public result, invalidated): one reader refreshes, the rest keep
                // the old value.
                let mut refreshing = self.refreshing.lock().unwrap_or_else(|e| e.into_inner());
                if refreshing.contains(key) {
                    return Lookup::Hit(v.clone());
                }
                refreshing.insert(key.clone());
                Lookup::Compute(generation)
            }
            _ => {
                // Missing or invalidated: the first reader computes, the others wait for it.
                let mut refreshing = self.refreshing.lock().unwrap_or_else(|e| e.into_inner());
                if refreshing.contains(key) {
                    return Lookup::Wait;
                }
                refreshing.insert(key.clone());
                Lookup::Compute(generation)
            }
        }
    }

    /// The cached result (`Ok`), or the generation to compute it at (`Err`), waiting up to 5 s
    /// while another reader computes the same result.
    pub async fn get_or_claim(&self, key: &Key) -> Result<Arc<Value>, u64> {
        self.claim(key, Freshness::Exact).await
    }

    /// Like `get_or_claim`, for a public result that may lag the data by a little (the
    /// showcase: published data, sent with `Cache-Control: max-age` anyway): it is recomputed
    /// after `max_age` or after a write, but once one exists no reader ever waits — the old one
    /// is served while a single reader recomputes, so a burst of writes never stalls its readers.
    pub async fn get_or_claim_public(&self, key: &Key, max_age: Duration) -> Result<Arc<Value>, u64> {
        self.claim(key, Freshness::Public(max_age)).await
    }

    async fn claim(&self, key: &Key, freshness: Freshness) -> Result<Arc<Value>, u64> {
        let asked = self.generation();
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            // Listening before looking: a computation that ends in between still wakes us.
            let computed = self.computed.notified();
            tokio::pin!(computed);
            computed.as_mut().enable();
            match self.lookup_with(key, freshness, asked) {
                Lookup::Hit(v) => return Ok(v),
                Lookup::Compute(generation) => return Err(generation),
                Lookup::Wait => {}
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                // The computing reader is stuck: compute too rather than fail.
                return Err(self.generation());
            }
            let _ = tokio::time::timeout(left, computed).await;
        }
    }

    /// Stores a result computed at `generation` (read before computing, so a write that
    /// committed meanwhile makes it stale at once).
    pub fn put(&self, key: &Key, generation: u64, value: Value) -> Arc<Value> {
        let value = Arc::new(value);
        {
            let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
            if entries.len() > 1000 {
                entries.clear();
            }
            // A reader that gave up waiting may finish after a newer computation: keep the newer.
            if entries.get(key).is_none_or(|(g, _, _)| *g <= generation) {
                entries.insert(key.clone(), (generation, Instant::now(), value.clone()));
            }
        }
        self.refreshing.lock().unwrap_or_else(|e| e.into_inner()).remove(key);
        self.computed.notify_waiters();
        value
    }

    /// After a failed computation: let the next reader try.
    pub fn abandon(&self, key: &Key) {
        self.refreshing.lock().unwrap_or_else(|e| e.into_inner()).remove(key);
        self.computed.notify_waiters();
    }

    /// The JSON response body of `key` and its ETag (`{"etag", "body"}`, for
    /// `http::cached_json`), computed by `compute` when there is none fresh enough: as of the
    /// last write (`max_age: None`), or at most `max_age` old for public results. Kept as the
    /// body, so a hit costs no query and no serialization.
    pub async fn body<T, Fut>(
        &self,
        key: &Key,
        max_age: Option<Duration>,
        compute: impl FnOnce() -> Fut,
    ) -> ApiResult<Arc<Value>>
    where
        T: serde::Serialize,
        Fut: std::future::Future<Output = ApiResult<T>>,
    {
        use sha2::Digest;
        let claimed = match max_age {
            None => self.get_or_claim(key).await,
            Some(age) => self.get_or_claim_public(key, age).await,
        };
        let generation = match claimed {
            Ok(hit) => return Ok(hit),
            Err(generation) => generation,
        };
        let value = compute().await.inspect_err(|_| self.abandon(key))?;
        let body = serde_json::to_string(&value).map_err(|e| {
            self.abandon(key);
            ApiError::Internal(e.into())
        })?;
        let etag = format!("\"{}\"", &hex::encode(sha2::Sha256::digest(body.as_bytes()))[..32]);
        Ok(self.put(key, generation, serde_json::json!({"etag": etag, "body": body})))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(l: Lookup) -> Option<Value> {
        match l {
            Lookup::Hit(v) => Some((*v).clone()),
            Lookup::Compute(_) | Lookup::Wait => None,
        }
    }

    #[test]
    fn a_write_makes_cached_results_stale() {
        let c = Aggregates::default();
        let coverage = Key::new(DataScope::Published, "coverage");
        let Lookup::Compute(g) = c.lookup(&coverage) else { panic!("empty cache") };
        c.put(&coverage, g, serde_json::json!({"covered": 1}));
        assert_eq!(hit(c.lookup(&coverage)), Some(serde_json::json!({"covered": 1})));
        c.invalidate();
        let Lookup::Compute(g2) = c.lookup(&coverage) else { panic!("invalidated") };
        assert!(matches!(c.lookup(&coverage), Lookup::Wait), "one reader computes, the next waits");
        c.put(&coverage, g2, serde_json::json!({"covered": 2}));
        assert_eq!(hit(c.lookup(&coverage)), Some(serde_json::json!({"covered": 2})));
        // A result computed before a write does not outlive it.
        let funnel = Key::new(DataScope::All, "funnel");
        let Lookup::Compute(g3) = c.lookup(&funnel) else { panic!("empty") };
        c.invalidate();
        c.put(&funnel, g3, serde_json::json!({}));
        assert!(matches!(c.lookup(&funnel), Lookup::Compute(_)));
    }

    #[test]
    fn a_waiting_reader_takes_a_computation_that_began_after_it_asked() {
        let c = Aggregates::default();
        let stats = Key::new(DataScope::All, "statistics");
        let asked = c.generation();
        let Lookup::Compute(g) = c.lookup(&stats) else { panic!("empty cache") };
        assert!(matches!(c.lookup_with(&stats, Freshness::Exact, asked), Lookup::Wait));
        // A write commits while the computation runs.
        c.invalidate();
        c.put(&stats, g, serde_json::json!({"projects": 1}));
        assert_eq!(
            hit(c.lookup_with(&stats, Freshness::Exact, asked)),
            Some(serde_json::json!({"projects": 1})),
            "it counts every write committed before the waiting reader asked"
        );
        assert!(matches!(c.lookup(&stats), Lookup::Compute(_)), "a reader arriving after the write does not take it");
        // An older result never replaces a newer one.
        c.put(&stats, g + 1, serde_json::json!({"projects": 2}));
        c.put(&stats, g, serde_json::json!({"projects": 1}));
        assert_eq!(hit(c.lookup(&stats)), Some(serde_json::json!({"projects": 2})));
    }

    #[test]
    fn waiting_readers_wake_when_the_computation_ends() {
        let rt = tokio::runtime::Builder::new_current_thread().enable_time().build().expect("runtime");
        rt.block_on(async {
            let c = Arc::new(Aggregates::default());
            let key = Key::new(DataScope::All, "coverage");
            let Err(g) = c.get_or_claim(&key).await else { panic!("empty cache") };
            let waiter = tokio::spawn({
                let (c, key) = (c.clone(), key.clone());
                async move { c.get_or_claim(&key).await }
            });
            tokio::task::yield_now().await;
            let started = Instant::now();
            c.put(&key, g, serde_json::json!({"covered": 3}));
            let got = waiter.await.expect("waiter").expect("a hit");
            assert_eq!(*got, serde_json::json!({"covered": 3}));
            assert!(started.elapsed() < Duration::from_secs(1), "woken, not timed out");
        });
    }

    #[test]
    fn a_public_result_is_served_stale_while_one_reader_recomputes_it() {
        let c = Aggregates::default();
        let show = Key::new(DataScope::Published, "showcase");
        let public = Freshness::Public(Duration::from_secs(60));
        assert!(matches!(c.lookup_with(&show, public, c.generation()), Lookup::Compute(_)));
        assert!(matches!(c.lookup_with(&show, public, c.generation()), Lookup::Wait), "nothing to serve yet: wait");
        c.put(&show, 0, serde_json::json!({"brands": 1}));
        c.invalidate();
        let Lookup::Compute(g) = c.lookup_with(&show, public, c.generation()) else { panic!("a write: recompute") };
        assert_eq!(
            hit(c.lookup_with(&show, public, c.generation())),
            Some(serde_json::json!({"brands": 1})),
            "the others keep the old"
        );
        c.put(&show, g, serde_json::json!({"brands": 2}));
        assert_eq!(hit(c.lookup_with(&show, public, c.generation())), Some(serde_json::json!({"brands": 2})));
        assert!(matches!(c.lookup(&show), Lookup::Hit(_)));
    }

    #[test]
    fn a_result_answers_only_the_scope_it_was_computed_for() {
        let c = Aggregates::default();
        let admin = Key::new(DataScope::All, "funnel/c1");
        let Lookup::Compute(g) = c.lookup(&admin) else { panic!("empty cache") };
        c.put(&admin, g, serde_json::json!({"docked": 5}));
        for other in [DataScope::Published, DataScope::Province("510000".into()), DataScope::Province("530000".into())]
        {
            assert!(matches!(c.lookup(&Key::new(other, "funnel/c1")), Lookup::Compute(_)));
        }
        assert_eq!(hit(c.lookup(&admin)), Some(serde_json::json!({"docked": 5})));
    }
}
