//! How a request's database work runs: off the async workers (`web::block`), and bounded in
//! time. A stalled database must cost a client a 503 within the configured timeouts, not a hang:
//! the wait for a connection is bounded by the pool (`DbTimeouts::connect`), the work itself by
//! `DbTimeouts::statement`. Work that overruns keeps its blocking thread until the database
//! answers, but is marked abandoned, so it never commits after its client was told 503.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use actix_web::web;
use tokio::sync::oneshot;

use super::{DbConn, DbPool, PooledConn};
use crate::error::{ApiError, ApiResult};

thread_local! {
    /// Whether the request whose work runs on this blocking thread has stopped waiting for it.
    static ABANDONED: RefCell<Option<Arc<AtomicBool>>> = const { RefCell::new(None) };
}

/// Whether the request this thread works for has given up (checked before a commit).
pub fn abandoned() -> bool {
    ABANDONED.with(|a| a.borrow().as_ref().is_some_and(|f| f.load(Ordering::SeqCst)))
}

/// Installs a request's abandon flag on the blocking thread for the duration of its work.
struct Watched;

impl Watched {
    fn install(flag: Arc<AtomicBool>) -> Self {
        ABANDONED.with(|a| *a.borrow_mut() = Some(flag));
        Watched
    }
}

impl Drop for Watched {
    fn drop(&mut self) {
        ABANDONED.with(|a| *a.borrow_mut() = None);
    }
}

/// Tells the waiting request that the work has its connection: from then on the statement
/// timeout runs.
pub struct Connected(Option<oneshot::Sender<()>>);

impl Connected {
    pub fn now(&mut self) {
        if let Some(tx) = self.0.take() {
            let _ = tx.send(());
        }
    }
}

/// Runs `work` on the blocking pool within the pool's timeouts.
pub async fn bounded<T, F>(pool: &DbPool, work: F) -> ApiResult<T>
where
    F: FnOnce(&mut Connected) -> ApiResult<T> + Send + 'static,
    T: Send + 'static,
{
    let timeouts = pool.timeouts;
    let flag = Arc::new(AtomicBool::new(false));
    let (tx, mut connected) = oneshot::channel();
    let watched = flag.clone();
    let job = web::block(move || {
        let _watched = Watched::install(watched);
        work(&mut Connected(Some(tx)))
    });
    tokio::pin!(job);
    let give_up = |what: &str| {
        flag.store(true, Ordering::SeqCst);
        tracing::warn!(waited = what, "the database did not answer in time");
        ApiError::Unavailable
    };
    // The pool gives up after `connect` by itself; the margin only covers its bookkeeping.
    let getting = tokio::time::timeout(timeouts.connect + Duration::from_millis(500), async {
        tokio::select! {
            done = &mut job => Some(done),
            _ = &mut connected => None,
        }
    })
    .await;
    match getting {
        Err(_) => return Err(give_up("connection")),
        Ok(Some(done)) => return done?,
        Ok(None) => {}
    }
    let Some(limit) = timeouts.statement else { return job.await? };
    match tokio::time::timeout(limit, job).await {
        Ok(done) => done?,
        Err(_) => Err(give_up("statement")),
    }
}

/// Runs `f` on a connection from the pool.
pub async fn run<T, F>(pool: &DbPool, f: F) -> ApiResult<T>
where
    F: FnOnce(&mut DbConn) -> ApiResult<T> + Send + 'static,
    T: Send + 'static,
{
    let pool2 = pool.clone();
    bounded(pool, move |connected| {
        let mut conn: PooledConn = pool2.get()?;
        connected.now();
        f(&mut conn)
    })
    .await
}

/// Runs `f` in one write transaction: a write and its audit row commit together or not at all.
pub async fn run_tx<T, F>(pool: &DbPool, f: F) -> ApiResult<T>
where
    F: FnOnce(&mut DbConn) -> ApiResult<T> + Send + 'static,
    T: Send + 'static,
{
    run(pool, move |conn| super::write_transaction::<T, ApiError, _>(conn, f)).await
}
