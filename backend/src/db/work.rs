//! How a request's database work runs: off the async workers (`web::block`), bounded in time,
//! and, for a request that carries an Idempotency-Key, inside one deferred transaction.
//!
//! Time: a stalled database must cost a client a 503 within the configured timeouts, not a
//! hang. The wait for a connection is bounded by the pool (`DbTimeouts::connect`), the work
//! itself by `DbTimeouts::statement`. Work that overruns keeps its blocking thread until the
//! database answers, but is marked abandoned, so it never commits after its client was told 503.
//!
//! Deferred transaction (`Deferred`): the request's first write transaction starts with the
//! idempotency layer's claim of the key and stays open after the handler's closure returns; the
//! request's later database work runs inside it, and the idempotency layer stores the response
//! beside the claim and commits. Claim, write and response commit together or not at all, so a
//! crash leaves no claim behind, and a concurrent request with the same key waits on the claim
//! (PostgreSQL's unique index, SQLite's write lock) and then finds the stored response.

use std::cell::RefCell;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::web;
use tokio::sync::oneshot;

use super::write_gate::WriteTurn;
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

/// Runs `f` on a connection from the pool, or inside the request's deferred transaction once
/// it is open (so the request reads its own writes, and never waits on its own lock).
pub async fn run<T, F>(pool: &DbPool, f: F) -> ApiResult<T>
where
    F: FnOnce(&mut DbConn) -> ApiResult<T> + Send + 'static,
    T: Send + 'static,
{
    if let Some(deferred) = Deferred::current()
        && let Some(conn) = deferred.take_conn()
    {
        return on_open(pool, &deferred, conn, f).await;
    }
    let pool2 = pool.clone();
    bounded(pool, move |connected| {
        let mut conn: PooledConn = pool2.get()?;
        connected.now();
        f(&mut conn)
    })
    .await
}

/// Runs `f` in one write transaction: a write and its audit row commit together or not at all.
/// In a request with a deferred transaction, the first one opens it (after the claim) and leaves
/// it open; later ones are savepoints in it.
pub async fn run_tx<T, F>(pool: &DbPool, f: F) -> ApiResult<T>
where
    F: FnOnce(&mut DbConn) -> ApiResult<T> + Send + 'static,
    T: Send + 'static,
{
    let Some(deferred) = Deferred::current() else {
        return run(pool, move |conn| super::write_transaction::<T, ApiError, _>(conn, f)).await;
    };
    if let Some(conn) = deferred.take_conn() {
        return on_open(pool, &deferred, conn, move |c| super::write_transaction::<T, ApiError, _>(c, f)).await;
    }
    {
        let state = deferred.lock();
        if state.lost {
            return Err(ApiError::Unavailable);
        }
        if state.open {
            return Err(ApiError::Internal(anyhow::anyhow!("a write while the request's transaction is in use")));
        }
    }
    let claim = deferred.lock().claim.clone();
    let pool2 = pool.clone();
    let (conn, result) = bounded(pool, move |connected| {
        let mut conn: PooledConn = pool2.get()?;
        connected.now();
        let turn = super::begin_write(&mut conn)?;
        match claim(&mut conn).and_then(|()| f(&mut conn)) {
            Ok(value) => Ok((Some((conn, turn)), Ok(value))),
            Err(e) => {
                let _ = super::rollback(&mut conn);
                Ok((None, Err(e)))
            }
        }
    })
    .await?;
    if let Some((conn, turn)) = conn {
        let mut state = deferred.lock();
        state.conn = Some(conn);
        state.turn = turn;
        state.open = true;
    }
    result
}

/// Runs `f` on the request's open transaction and puts the connection back. If the work times
/// out, the connection stays with its blocking thread and the transaction is lost (rolled back
/// when the pool discards the connection): `Deferred::finish` then reports the outage.
async fn on_open<T, F>(pool: &DbPool, deferred: &Deferred, conn: PooledConn, f: F) -> ApiResult<T>
where
    F: FnOnce(&mut DbConn) -> ApiResult<T> + Send + 'static,
    T: Send + 'static,
{
    let done = bounded(pool, move |connected| {
        connected.now();
        let mut conn = conn;
        let result = f(&mut conn);
        Ok((conn, result))
    })
    .await;
    let mut state = deferred.lock();
    match done {
        Ok((conn, result)) => {
            state.conn = Some(conn);
            result
        }
        Err(e) => {
            state.lost = true;
            Err(e)
        }
    }
}

/// Runs `f` once the request's writes are committed: at once, or, inside a deferred
/// transaction, after its commit (never, if it rolls back). For work that must see the write,
/// such as a background job reading the row the request made, and for cache invalidation.
pub fn after_commit(f: impl FnOnce() + Send + 'static) {
    if let Some(deferred) = Deferred::current() {
        let mut state = deferred.lock();
        if state.open {
            state.after_commit.push(Box::new(f));
            return;
        }
    }
    f()
}

/// The claim a deferred transaction starts with.
pub type Claim = Arc<dyn Fn(&mut DbConn) -> ApiResult<()> + Send + Sync>;

/// What `Deferred::finish` stores beside the claim before committing.
pub type Store = Box<dyn FnOnce(&mut DbConn) -> ApiResult<()> + Send>;

/// How a deferred transaction ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Finished {
    /// The request wrote nothing (no write transaction ran, or each one failed).
    NothingWritten,
    Committed,
    RolledBack,
}

struct DeferredState {
    claim: Claim,
    conn: Option<PooledConn>,
    /// The transaction began (its connection may be out with work of the request).
    open: bool,
    /// Its connection stayed with work that overran the timeout: the transaction is gone.
    lost: bool,
    /// SQLite: the transaction's turn among the file's writers, given up after it ends.
    turn: Option<WriteTurn>,
    after_commit: Vec<Box<dyn FnOnce() + Send>>,
}

/// One request's deferred transaction (see the module documentation).
pub struct Deferred(Mutex<DeferredState>);

tokio::task_local! {
    static DEFERRED: Arc<Deferred>;
}

impl Deferred {
    pub fn new(claim: Claim) -> Arc<Self> {
        Arc::new(Self(Mutex::new(DeferredState {
            claim,
            conn: None,
            open: false,
            lost: false,
            turn: None,
            after_commit: vec![],
        })))
    }

    fn current() -> Option<Arc<Deferred>> {
        DEFERRED.try_with(Arc::clone).ok()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, DeferredState> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn take_conn(&self) -> Option<PooledConn> {
        self.lock().conn.take()
    }

    /// Runs `f` (the rest of the request) with this transaction as the request's.
    pub async fn scope<F: Future>(self: &Arc<Self>, f: F) -> F::Output {
        DEFERRED.scope(self.clone(), f).await
    }

    /// Ends the transaction: with `Some(store)`, stores the response and commits, then runs the
    /// after-commit work; with `None`, rolls back.
    pub async fn finish(&self, pool: &DbPool, store: Option<Store>) -> ApiResult<Finished> {
        let (conn, open, hooks, turn) = {
            let mut state = self.lock();
            (state.conn.take(), state.open, std::mem::take(&mut state.after_commit), state.turn.take())
        };
        let Some(conn) = conn else {
            return if open { Err(ApiError::Unavailable) } else { Ok(Finished::NothingWritten) };
        };
        let finished = bounded(pool, move |connected| {
            connected.now();
            let mut conn = conn;
            // the next writer goes once this transaction has ended, either way
            let _turn = turn;
            let Some(store) = store else {
                super::rollback(&mut conn)?;
                return Ok(Finished::RolledBack);
            };
            if let Err(e) = store(&mut conn) {
                let _ = super::rollback(&mut conn);
                return Err(e);
            }
            super::commit(&mut conn)?;
            Ok(Finished::Committed)
        })
        .await?;
        if finished == Finished::Committed {
            hooks.into_iter().for_each(|f| f());
        }
        Ok(finished)
    }
}
