//! Login throttling: repeated failures for one username or from one address within a window
//! block further attempts (429 with Retry-After) until the oldest failure leaves the window.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const WINDOW: Duration = Duration::from_secs(15 * 60);
pub const MAX_PER_USERNAME: usize = 5;
pub const MAX_PER_ADDRESS: usize = 20;

#[derive(Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl LoginThrottle {
    fn keys(username: &str, addr: &str) -> [(String, usize); 2] {
        [(format!("user:{}", username.to_lowercase()), MAX_PER_USERNAME), (format!("addr:{addr}"), MAX_PER_ADDRESS)]
    }

    /// Seconds to wait when either key is over its limit.
    pub fn blocked_for(&self, username: &str, addr: &str) -> Option<u64> {
        let now = Instant::now();
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        Self::keys(username, addr)
            .iter()
            .filter_map(|(key, max)| {
                let q = map.get_mut(key)?;
                while q.front().is_some_and(|t| now.duration_since(*t) >= WINDOW) {
                    q.pop_front();
                }
                (q.len() >= *max).then(|| {
                    let oldest = *q.front()?;
                    Some((WINDOW - now.duration_since(oldest)).as_secs().max(1))
                })?
            })
            .max()
    }

    pub fn record_failure(&self, username: &str, addr: &str) {
        let now = Instant::now();
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        // Bound memory under a spray of usernames: forget the whole table when it grows huge.
        if map.len() > 100_000 {
            map.clear();
        }
        for (key, _) in Self::keys(username, addr) {
            map.entry(key).or_default().push_back(now);
        }
    }

    pub fn record_success(&self, username: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        map.remove(&format!("user:{}", username.to_lowercase()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_a_username_after_repeated_failures() {
        let t = LoginThrottle::default();
        for _ in 0..MAX_PER_USERNAME {
            assert_eq!(t.blocked_for("Admin", "1.1.1.1"), None);
            t.record_failure("admin", "1.1.1.1");
        }
        let wait = t.blocked_for("ADMIN", "2.2.2.2").expect("blocked");
        assert!(wait > 0 && wait <= WINDOW.as_secs());
        assert_eq!(t.blocked_for("someone-else", "3.3.3.3"), None);
    }

    #[test]
    fn blocks_an_address_spraying_usernames() {
        let t = LoginThrottle::default();
        for i in 0..MAX_PER_ADDRESS {
            t.record_failure(&format!("user{i}"), "9.9.9.9");
        }
        assert!(t.blocked_for("fresh-user", "9.9.9.9").is_some());
        assert_eq!(t.blocked_for("fresh-user", "8.8.8.8"), None);
    }
}
