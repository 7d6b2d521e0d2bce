//! Short-lived results of dashboard aggregates (coverage, campaign funnels): computed once and
//! shared by the readers that follow, until any write commits (`invalidate`, called by every
//! write transaction of this instance) or `MAX_AGE` passes (so instances sharing one PostgreSQL
//! converge). Under load this turns N identical aggregate queries into one.

use std::collections::HashMap;
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
}

impl Aggregates {
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    pub fn get(&self, key: &str) -> Option<Arc<Value>> {
        let generation = self.generation.load(Ordering::SeqCst);
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.get(key).filter(|(g, at, _)| *g == generation && at.elapsed() < MAX_AGE).map(|(_, _, v)| v.clone())
    }

    /// Stores a result computed at `generation` (read before computing, so a write that
    /// committed meanwhile makes it stale at once).
    pub fn put(&self, key: &str, generation: u64, value: Value) -> Arc<Value> {
        let value = Arc::new(value);
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() > 1000 {
            entries.clear();
        }
        entries.insert(key.to_owned(), (generation, Instant::now(), value.clone()));
        value
    }

    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_makes_cached_results_stale() {
        let c = Aggregates::default();
        let g = c.generation();
        c.put("coverage", g, serde_json::json!({"covered": 1}));
        assert_eq!(c.get("coverage").map(|v| v["covered"].clone()), Some(serde_json::json!(1)));
        c.invalidate();
        assert!(c.get("coverage").is_none());
        // A result computed before a write does not outlive it.
        c.put("funnel", g, serde_json::json!({}));
        assert!(c.get("funnel").is_none());
    }
}
