//! The threads that work beside the requests (job workers, the daily sweep's look, instance
//! notices, shared rate-limit counts), started through `Threads::spawn` so that a stopping
//! service tells them all at once (`Threads::stop`) and waits for them before the process exits.
//!
//! Why wait: the process's exit handlers free OpenSSL's global state, which libpq's TLS
//! connections use. A thread still inside libpq at that moment can crash the process: seen as
//! "double free or corruption" or a segmentation fault when `serve` exited on a port in use
//! after these threads had started (3 times in about 26 tries). A crash at a SIGTERM stop was
//! not reproduced; the wait keeps that exit free of the same race.
//!
//! Why one signal: every thread waits between its rounds on `Signal`, so a stop ends every wait
//! at once. Threads that slept out their interval made each stop (every API test's end) wait up
//! to a second.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

pub struct Threads {
    /// Each thread holds a clone until it ends; `join` drops this one.
    alive: Mutex<Option<Sender<()>>>,
    /// Disconnected once every clone is dropped: every thread has ended.
    ended: Mutex<Receiver<()>>,
    signal: Arc<Signal>,
}

impl Default for Threads {
    fn default() -> Self {
        let (alive, ended) = mpsc::channel();
        Self { alive: Mutex::new(Some(alive)), ended: Mutex::new(ended), signal: Arc::default() }
    }
}

impl Threads {
    /// Starts `work` on a thread of its own named `name` (after `join`, it is not started); it
    /// waits on the signal it is handed and ends once that says the service is stopping.
    pub fn spawn(&self, name: &str, work: impl FnOnce(&Signal) + Send + 'static) -> std::io::Result<()> {
        let Some(alive) = self.alive.lock().unwrap_or_else(|e| e.into_inner()).clone() else {
            return Ok(());
        };
        let signal = self.signal.clone();
        std::thread::Builder::new().name(name.to_owned()).spawn(move || {
            let _alive = alive;
            work(&signal);
        })?;
        Ok(())
    }

    /// The signal the threads started here wait on (job workers are woken through it).
    pub fn signal(&self) -> Arc<Signal> {
        self.signal.clone()
    }

    /// The service is stopping: every thread started here ends its wait at once and stops (a job
    /// that is running finishes first).
    pub fn stop(&self) {
        self.signal.stop();
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

/// What the background threads wait on between their rounds: the service stopping (all of them
/// end) and a job queued on this instance (a job worker looks now rather than at its next poll).
#[derive(Default)]
pub struct Signal {
    state: Mutex<State>,
    changed: Condvar,
}

#[derive(Default)]
struct State {
    stopping: bool,
    queued: bool,
}

impl Signal {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn stopping(&self) -> bool {
        self.lock().stopping
    }

    fn stop(&self) {
        self.lock().stopping = true;
        self.changed.notify_all();
    }

    /// Waits `at_most`, less if the service stops first; whether to go on.
    pub fn pause(&self, at_most: Duration) -> bool {
        let state = self.lock();
        let (state, _) =
            self.changed.wait_timeout_while(state, at_most, |s| !s.stopping).unwrap_or_else(|e| e.into_inner());
        !state.stopping
    }

    /// A job was queued: a worker waiting in `pause_for_job` looks now.
    pub fn job_queued(&self) {
        self.lock().queued = true;
        // every waiter wakes and looks again at what it waits for: one wakened by `notify_one`
        // might be a thread that does not take jobs, and the job would wait for the next poll
        self.changed.notify_all();
    }

    /// Waits for a queued job (taking the news of it) at most `at_most`, less if the service stops
    /// first; whether to go on.
    pub fn pause_for_job(&self, at_most: Duration) -> bool {
        let state = self.lock();
        let (mut state, _) = self
            .changed
            .wait_timeout_while(state, at_most, |s| !s.stopping && !s.queued)
            .unwrap_or_else(|e| e.into_inner());
        state.queued = false;
        !state.stopping
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};

    #[test]
    fn join_waits_for_the_threads_to_end() -> std::io::Result<()> {
        let threads = Threads::default();
        let ended = Arc::new(AtomicBool::new(false));
        let e = ended.clone();
        threads.spawn("test", move |signal| {
            while signal.pause(Duration::from_millis(10)) {}
            std::thread::sleep(Duration::from_millis(50));
            e.store(true, Ordering::SeqCst);
        })?;
        assert!(!threads.join(Duration::from_millis(30)), "still running: not joined");
        threads.stop();
        assert!(threads.join(Duration::from_secs(5)));
        assert!(ended.load(Ordering::SeqCst), "join returned only after the thread's work ended");
        Ok(())
    }

    #[test]
    fn a_stop_ends_every_wait_at_once() -> std::io::Result<()> {
        let threads = Threads::default();
        threads.spawn("pausing", |signal| while signal.pause(Duration::from_secs(60)) {})?;
        threads.spawn("waiting for jobs", |signal| while signal.pause_for_job(Duration::from_secs(60)) {})?;
        std::thread::sleep(Duration::from_millis(20));
        let asked = Instant::now();
        threads.stop();
        assert!(threads.join(Duration::from_secs(5)), "both threads ended");
        assert!(asked.elapsed() < Duration::from_secs(1), "not after their minute: {:?}", asked.elapsed());
        Ok(())
    }

    #[test]
    fn a_queued_job_wakes_a_worker_and_not_a_pause() {
        let signal = Signal::default();
        signal.job_queued();
        let asked = Instant::now();
        assert!(signal.pause_for_job(Duration::from_secs(60)), "woken, not stopped");
        assert!(asked.elapsed() < Duration::from_secs(1));
        // the news was taken: the next wait runs its time
        assert!(signal.pause_for_job(Duration::from_millis(20)));
        signal.job_queued();
        let asked = Instant::now();
        assert!(signal.pause(Duration::from_millis(50)));
        assert!(asked.elapsed() >= Duration::from_millis(50), "a pause waits out a queued job");
    }
}
