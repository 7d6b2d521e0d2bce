//! Short-lived results of dashboard aggregates (coverage, campaign funnels): computed once and
//! shared by the readers that follow, until any write commits (`invalidate`, called by every
//! write transaction of this instance) or `MAX_AGE` passes (so instances sharing one PostgreSQL
//! converge). Under load this turns N identical aggregate queries into one.
//!
//! After `MAX_AGE` with no write in between, one reader recomputes while the others keep
//! getting the previous result: a herd of readers never recomputes at once.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

pub const MAX_AGE: Duration = Duration::from_secs(5);

/// A result, the write generation it was computed at, and when.
type Entry = (u64, Instant, Arc<Value>);

#[derive(Default)]
pub struct Aggregates {
    generation: AtomicU64,
    entries: Mutex<HashMap<String, Entry>>,
    refreshing: Mutex<HashSet<String>>,
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

    pub fn lookup(&self, key: &str) -> Lookup {
        let generation = self.generation.load(Ordering::SeqCst);
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        match entries.get(key) {
            Some((g, at, v)) if *g == generation => {
                if at.elapsed() < MAX_AGE {
                    return Lookup::Hit(v.clone());
                }
                // Old but not invalidated: one reader refreshes, the rest keep the old value.
                let mut refreshing = self.refreshing.lock().unwrap_or_else(|e| e.into_inner());
                if refreshing.contains(key) {
                    return Lookup::Hit(v.clone());
                }
                refreshing.insert(key.to_owned());
                Lookup::Compute(generation)
            }
            _ => {
                // Missing or invalidated: the first reader computes, the others wait for it.
                let mut refreshing = self.refreshing.lock().unwrap_or_else(|e| e.into_inner());
                if refreshing.contains(key) {
                    return Lookup::Wait;
                }
                refreshing.insert(key.to_owned());
                Lookup::Compute(generation)
            }
        }
    }

    /// The cached result (`Ok`), or the generation to compute it at (`Err`), waiting up to 5 s
    /// while another reader computes the same result.
    pub async fn get_or_claim(&self, key: &str) -> Result<Arc<Value>, u64> {
        for _ in 0..500 {
            match self.lookup(key) {
                Lookup::Hit(v) => return Ok(v),
                Lookup::Compute(generation) => return Err(generation),
                Lookup::Wait => tokio::time::sleep(Duration::from_millis(10)).await,
            }
        }
        // The computing reader is stuck: compute too rather than fail.
        Err(self.generation.load(Ordering::SeqCst))
    }

    /// Stores a result computed at `generation` (read before computing, so a write that
    /// committed meanwhile makes it stale at once).
    pub fn put(&self, key: &str, generation: u64, value: Value) -> Arc<Value> {
        let value = Arc::new(value);
        {
            let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
            if entries.len() > 1000 {
                entries.clear();
            }
            entries.insert(key.to_owned(), (generation, Instant::now(), value.clone()));
        }
        self.refreshing.lock().unwrap_or_else(|e| e.into_inner()).remove(key);
        value
    }

    /// After a failed computation: let the next reader try.
    pub fn abandon(&self, key: &str) {
        self.refreshing.lock().unwrap_or_else(|e| e.into_inner()).remove(key);
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
        let Lookup::Compute(g) = c.lookup("coverage") else { panic!("empty cache") };
        c.put("coverage", g, serde_json::json!({"covered": 1}));
        assert_eq!(hit(c.lookup("coverage")), Some(serde_json::json!({"covered": 1})));
        c.invalidate();
        let Lookup::Compute(g2) = c.lookup("coverage") else { panic!("invalidated") };
        assert!(matches!(c.lookup("coverage"), Lookup::Wait), "one reader computes, the next waits");
        c.put("coverage", g2, serde_json::json!({"covered": 2}));
        assert_eq!(hit(c.lookup("coverage")), Some(serde_json::json!({"covered": 2})));
        // A result computed before a write does not outlive it.
        let Lookup::Compute(g3) = c.lookup("funnel") else { panic!("empty") };
        c.invalidate();
        c.put("funnel", g3, serde_json::json!({}));
        assert!(matches!(c.lookup("funnel"), Lookup::Compute(_)));
    }
}
