//! SQLite's writers queue here, first come first served.
//!
//! SQLite lets one connection write at a time. Left to SQLite, a writer that finds the lock taken
//! sleeps in the busy handler (1, 2, 5 … 100 ms) and tries again, and may lose the race again and
//! again to writers that arrived later: under 32 clients that gave POST a p99 of 1.1 s and a
//! maximum of 2.6 s. Here the writers of one database file wait in line and each starts the moment
//! the one before it ends, so a write waits for the writes ahead of it and no longer.
//!
//! The line is per file (tests open many databases in one process) and bounded in time like the
//! busy timeout it replaces: a writer that waited that long gets SQLite's own "database is locked",
//! which the service answers with 503. PostgreSQL's writers need no line.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Condvar, LazyLock, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// One database file's line of writers.
pub struct WriteGate {
    queue: Mutex<Queue>,
    turn: Condvar,
    /// How long a writer waits for its turn (the connection's busy timeout).
    patience: Duration,
}

#[derive(Default)]
struct Queue {
    next_ticket: u64,
    waiting: VecDeque<u64>,
    writing: bool,
}

/// A writer's turn: the line moves on when it is dropped (after the commit or the rollback). It
/// may be dropped on another thread than the one that took it: a request's deferred transaction
/// commits from wherever its last piece of work ran.
pub struct WriteTurn(Arc<WriteGate>);

static GATES: LazyLock<Mutex<HashMap<String, Arc<WriteGate>>>> = LazyLock::new(Default::default);

impl WriteGate {
    /// The line of the database file `file` (as SQLite names it), made on first use.
    pub fn of(file: &str, patience: Duration) -> Arc<WriteGate> {
        let mut gates = GATES.lock().unwrap_or_else(|e| e.into_inner());
        gates
            .entry(file.to_owned())
            .or_insert_with(|| {
                Arc::new(WriteGate { queue: Mutex::new(Queue::default()), turn: Condvar::new(), patience })
            })
            .clone()
    }

    /// The line of `file` if a connection to it was opened in this process.
    pub fn existing(file: &str) -> Option<Arc<WriteGate>> {
        GATES.lock().unwrap_or_else(|e| e.into_inner()).get(file).cloned()
    }

    fn queue(&self) -> MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits for this writer's turn; `None` once the patience ran out (it has left the line).
    pub fn enter(self: &Arc<Self>) -> Option<WriteTurn> {
        let deadline = Instant::now() + self.patience;
        let mut queue = self.queue();
        let ticket = queue.next_ticket;
        queue.next_ticket += 1;
        queue.waiting.push_back(ticket);
        loop {
            if !queue.writing && queue.waiting.front() == Some(&ticket) {
                queue.waiting.pop_front();
                queue.writing = true;
                return Some(WriteTurn(self.clone()));
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                queue.waiting.retain(|t| *t != ticket);
                // The writer behind this one may be first now.
                self.turn.notify_all();
                return None;
            }
            queue = self.turn.wait_timeout(queue, left).unwrap_or_else(|e| e.into_inner()).0;
        }
    }
}

impl Drop for WriteTurn {
    fn drop(&mut self) {
        self.0.queue().writing = false;
        // A pool's worth of waiters at most: each checks whether it is first.
        self.0.turn.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writers_go_in_the_order_they_came_and_one_at_a_time() {
        let gate = WriteGate::of("test-order", Duration::from_secs(5));
        let first = gate.enter().expect("the line is empty");
        let order = Arc::new(Mutex::new(vec![]));
        let mut handles = vec![];
        for n in 0..4 {
            let (line, order) = (gate.clone(), order.clone());
            handles.push(std::thread::spawn(move || {
                let _turn = line.enter().expect("a turn within the patience");
                order.lock().expect("order").push(n);
            }));
            // each in the line before the next one comes
            while gate.queue().waiting.len() < n + 1 {
                std::thread::yield_now();
            }
        }
        drop(first);
        handles.into_iter().for_each(|h| h.join().expect("writer"));
        assert_eq!(*order.lock().expect("order"), vec![0, 1, 2, 3]);
    }

    #[test]
    fn a_writer_that_waited_too_long_leaves_the_line_and_the_next_one_goes() {
        let gate = WriteGate::of("test-patience", Duration::from_millis(50));
        let holder = gate.enter().expect("the line is empty");
        assert!(gate.enter().is_none(), "the line is held past the patience");
        assert!(gate.queue().waiting.is_empty());
        drop(holder);
        assert!(gate.enter().is_some());
    }
}
