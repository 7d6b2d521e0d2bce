//! What every handler shares: the pool, the token keys, the metrics, the caches.

use std::sync::Arc;

use crate::auth::jwt::JwtKeys;
use crate::clock::Clock;
use crate::db::{DbConn, DbPool};
use crate::error::ApiResult;
use crate::matching::MatchingCache;
use crate::ops::metrics::Metrics;

#[derive(Clone)]
pub struct AppState {
    pub pool: DbPool,
    pub jwt: Arc<JwtKeys>,
    pub metrics: Arc<Metrics>,
    pub matching: Arc<MatchingCache>,
    pub aggregates: Arc<crate::cache::Aggregates>,
    pub known_users: Arc<crate::auth::known_users::KnownUsers>,
    /// Tells the other instances on one PostgreSQL when this one wrote (`peers`).
    pub peers: Arc<crate::peers::Peers>,
    /// Wakes this instance's job workers (`jobs::worker`).
    pub jobs: Arc<crate::jobs::worker::Queue>,
    pub clock: Clock,
    pub secure_cookies: bool,
    /// How webhooks are delivered (the policy their list publishes).
    pub webhooks: Arc<crate::config::WebhookSettings>,
    /// Requests counted per API token and per address (`ops::rate_limit`).
    pub rate_limits: Arc<crate::ops::rate_limit::RateLimiter>,
    /// The threads beside the requests, waited for when the service stops (`background`).
    pub background: Arc<crate::background::Threads>,
}

impl AppState {
    /// Runs diesel work on the blocking pool, never on the async workers, within the database
    /// timeouts (`db::work`).
    pub async fn db<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConn) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        crate::db::work::run(&self.pool, f).await
    }

    /// Like `db`, inside one transaction: a write and its audit row commit together or not at all.
    /// Once it commits, the caches forget and the job workers wake as its work asked
    /// (`db::effects`).
    pub async fn tx<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConn) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let (value, effects) = crate::db::work::run_tx(&self.pool, move |conn| {
            crate::db::effects::take();
            let value = f(conn)?;
            Ok((value, crate::db::effects::take()))
        })
        .await?;
        let (aggregates, known_users, jobs) = (self.aggregates.clone(), self.known_users.clone(), self.jobs.clone());
        self.after_commit(move || {
            aggregates.invalidate();
            if effects.users {
                known_users.forget_all();
            }
            if effects.jobs {
                jobs.wake();
            }
        });
        Ok(value)
    }

    /// Tells the threads that work beside the requests (job workers, the daily sweep, instance
    /// notices, shared rate-limit counts) to end, then waits for them (at most `within`: a job
    /// that is running finishes first), so the process exits with none of them inside libpq.
    pub fn end_background(&self, within: std::time::Duration) {
        self.background.stop();
        if !self.background.join(within) {
            tracing::warn!(?within, "background threads still running at exit");
        }
    }

    /// Runs `f` once the request's writes are committed (at once, unless an Idempotency-Key
    /// defers the commit to the end of the request): work that must see them.
    pub fn after_commit(&self, f: impl FnOnce() + Send + 'static) {
        crate::db::work::after_commit(f)
    }
}
