//! The signed-in users this instance looked up a moment ago.
//!
//! Every request with a session token needs its user's row (role, scope, organization, whether
//! the account is disabled). Looking it up each time was a database round trip of its own before
//! the request's real work: of the GET of a project, half the round trips. A row found here is
//! used for at most `FRESH` and only until this instance commits a write to a user's row or an
//! organization's name (a disabled account, a changed role or scope is seen by the next
//! request); another instance's change is seen within a tenth of a second (`peers`), at most
//! `FRESH`.
//!
//! Only those writes forget: forgetting after every commit made each write request cost the next
//! request of every signed-in user a lookup of its own (a project's POST took two transactions
//! instead of one). The stores that write those rows say so (`db::effects::users_written`), and
//! `AppState::tx` forgets once the transaction commits.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::users::model::UserRow;

/// How long a looked-up user is used without looking again.
pub const FRESH: Duration = Duration::from_secs(2);
/// Beyond this many, the oldest half is forgotten (a bound on memory, never reached by real use).
const MAX_USERS: usize = 20_000;

/// A user's row and, for an organization's member, the organization's name.
pub type Known = Arc<(UserRow, Option<String>)>;

#[derive(Default)]
pub struct KnownUsers {
    /// Moves on with every write this instance commits: rows read before it are not used.
    generation: AtomicU64,
    users: Mutex<HashMap<String, (Instant, u64, Known)>>,
}

impl KnownUsers {
    fn users(&self) -> MutexGuard<'_, HashMap<String, (Instant, u64, Known)>> {
        self.users.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// What to pass to `remember` for a lookup that starts now.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    pub fn get(&self, user_id: &str) -> Option<Known> {
        let generation = self.generation();
        let users = self.users();
        let (at, seen, known) = users.get(user_id)?;
        (*seen == generation && at.elapsed() < FRESH).then(|| known.clone())
    }

    /// Keeps a row read by a lookup that started at `generation`: if a write committed since,
    /// the row may predate it and is not kept.
    pub fn remember(&self, user_id: &str, generation: u64, known: Known) {
        if generation != self.generation() {
            return;
        }
        let mut users = self.users();
        if users.len() >= MAX_USERS {
            let mut ages: Vec<Instant> = users.values().map(|(at, ..)| *at).collect();
            let (_, middle, _) = ages.select_nth_unstable(MAX_USERS / 2);
            let middle = *middle;
            users.retain(|_, (at, ..)| *at > middle);
        }
        users.insert(user_id.to_owned(), (Instant::now(), generation, known));
    }

    /// After a write committed: every row read before it may be out of date.
    pub fn forget_all(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.users().clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: &str) -> Known {
        let now = chrono::Utc::now().naive_utc();
        Arc::new((
            UserRow {
                id: id.into(),
                username: id.into(),
                password_hash: String::new(),
                display_name: id.into(),
                role: crate::domain::Role::NationalAdmin,
                province_code: None,
                county_code: None,
                organization_id: None,
                disabled: false,
                version: 1,
                created_at: now,
                updated_at: now,
                department: None,
            },
            None,
        ))
    }

    #[test]
    fn a_write_between_the_lookup_and_remembering_it_keeps_the_row_out() {
        let known = KnownUsers::default();
        let before = known.generation();
        known.forget_all();
        known.remember("u1", before, user("u1"));
        assert!(known.get("u1").is_none());
        known.remember("u1", known.generation(), user("u1"));
        assert!(known.get("u1").is_some());
        known.forget_all();
        assert!(known.get("u1").is_none());
    }

    #[test]
    fn memory_is_bounded() {
        let known = KnownUsers::default();
        for n in 0..MAX_USERS + 10 {
            known.remember(&format!("u{n}"), known.generation(), user("u"));
        }
        assert!(known.users().len() <= MAX_USERS / 2 + 11);
        assert!(known.get(&format!("u{}", MAX_USERS + 9)).is_some(), "the newest are kept");
    }
}
