//! What every handler shares: the pool, the token keys, the login throttle, the metrics.

use std::sync::Arc;

use actix_web::web;

use crate::auth::jwt::JwtKeys;
use crate::auth::throttle::LoginThrottle;
use crate::clock::Clock;
use crate::db::{DbConn, DbPool};
use crate::error::{ApiError, ApiResult};
use crate::matching::MatchingCache;
use crate::ops::metrics::Metrics;

#[derive(Clone)]
pub struct AppState {
    pub pool: DbPool,
    pub jwt: Arc<JwtKeys>,
    pub throttle: Arc<LoginThrottle>,
    pub metrics: Arc<Metrics>,
    pub matching: Arc<MatchingCache>,
    pub aggregates: Arc<crate::cache::Aggregates>,
    pub clock: Clock,
    pub secure_cookies: bool,
}

impl AppState {
    /// Runs diesel work on the blocking pool, never on the async workers.
    pub async fn db<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConn) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool.get()?;
            f(&mut conn)
        })
        .await?
    }

    /// Like `db`, inside one transaction: a write and its audit row commit together or not at all.
    pub async fn tx<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConn) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let result = self.db(move |conn| crate::db::write_transaction::<T, ApiError, _>(conn, f)).await;
        if result.is_ok() {
            self.aggregates.invalidate();
        }
        result
    }
}
