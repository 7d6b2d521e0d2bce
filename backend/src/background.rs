//! The threads that work beside the requests (job workers, the daily sweep's look, instance
//! notices, shared rate-limit counts), started through `Threads::spawn` so that a stopping
//! service waits for them before the process exits.
//!
//! Why wait: the process's exit handlers free OpenSSL's global state, which libpq's TLS
//! connections use. A thread still inside libpq at that moment can crash the process: seen as
//! "double free or corruption" or a segmentation fault when `serve` exited on a port in use
//! after these threads had started (3 times in about 26 tries). A crash at a SIGTERM stop was
//! not reproduced; the wait keeps that exit free of the same race.

use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

pub struct Threads {
    /// Each thread holds a clone until it ends; `join` drops this one.
    alive: Mutex<Option<Sender<()>>>,
    /// Disconnected once every clone is dropped: every thread has ended.
    ended: Mutex<Receiver<()>>,
}

impl Default for Threads {
    fn default() -> Self {
        let (alive, ended) = mpsc::channel();
        Self { alive: Mutex::new(Some(alive)), ended: Mutex::new(ended) }
    }
}

impl Threads {
    /// Starts `work` on a thread of its own named `name` (after `join`, it is not started).
    pub fn spawn(&self, name: &str, work: impl FnOnce() + Send + 'static) -> std::io::Result<()> {
        let Some(alive) = self.alive.lock().unwrap_or_else(|e| e.into_inner()).clone() else {
            return Ok(());
        };
        std::thread::Builder::new().name(name.to_owned()).spawn(move || {
            let _alive = alive;
            work();
        })?;
        Ok(())
    }

    /// Waits, at most `within`, until every thread started here has ended (each was told to stop
    /// first); whether they all did.
    pub fn join(&self, within: Duration) -> bool {
        self.alive.lock().unwrap_or_else(|e| e.into_inner()).take();
        let ended = self.ended.lock().unwrap_or_else(|e| e.into_inner());
        let deadline = Instant::now() + within;
        loop {
            match ended.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Err(RecvTimeoutError::Disconnected) => return true,
                Err(RecvTimeoutError::Timeout) => return false,
                Ok(()) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    #[test]
    fn join_waits_for_the_threads_to_end() -> std::io::Result<()> {
        let threads = Threads::default();
        let stop = Arc::new(AtomicBool::new(false));
        let ended = Arc::new(AtomicBool::new(false));
        let (s, e) = (stop.clone(), ended.clone());
        threads.spawn("test", move || {
            while !s.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(10));
            }
            std::thread::sleep(Duration::from_millis(50));
            e.store(true, Ordering::SeqCst);
        })?;
        assert!(!threads.join(Duration::from_millis(30)), "still running: not joined");
        stop.store(true, Ordering::SeqCst);
        assert!(threads.join(Duration::from_secs(5)));
        assert!(ended.load(Ordering::SeqCst), "join returned only after the thread's work ended");
        Ok(())
    }
}
