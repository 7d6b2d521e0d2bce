//! What a transaction's work did that this instance acts on once it commits (`AppState::tx`):
//! forget the signed-in users it knows, wake its job workers. The stores that do such writes say
//! so here, inside the transaction, on the thread that runs it; `AppState::tx` takes the record
//! when the work returns and acts after the commit (never, if it rolls back).
//!
//! Acting on every commit instead cost each write request work of its own: after a project's
//! POST, the next request of every signed-in user looked its user up again (two transactions a
//! POST instead of one), and after each progress update the job workers woke to find nothing.

use std::cell::Cell;

/// The after-commit work a transaction asked for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Effects {
    /// A user's row or an organization's name was written (what `known_users` keeps).
    pub users: bool,
    /// A job was queued (`jobs::store::enqueue`).
    pub jobs: bool,
}

thread_local! {
    static EFFECTS: Cell<Effects> = const { Cell::new(Effects { users: false, jobs: false }) };
}

fn mark(f: impl FnOnce(&mut Effects)) {
    EFFECTS.with(|e| {
        let mut now = e.get();
        f(&mut now);
        e.set(now);
    });
}

/// A user's row or an organization's name is written in this transaction.
pub fn users_written() {
    mark(|e| e.users = true);
}

/// A job is queued in this transaction.
pub fn job_queued() {
    mark(|e| e.jobs = true);
}

/// What the work on this thread asked for since the last call (and starts again).
pub fn take() -> Effects {
    EFFECTS.with(|e| e.replace(Effects::default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_transaction_asked_for_is_taken_once() {
        take();
        assert_eq!(take(), Effects::default(), "nothing asked");
        users_written();
        job_queued();
        users_written();
        assert_eq!(take(), Effects { users: true, jobs: true });
        assert_eq!(take(), Effects::default(), "taken: the next transaction starts clean");
        job_queued();
        let other = std::thread::spawn(take).join().expect("thread");
        assert_eq!(other, Effects::default(), "another thread's work is its own");
        assert_eq!(take(), Effects { users: false, jobs: true });
    }
}
