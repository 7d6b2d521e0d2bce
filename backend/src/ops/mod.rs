//! Operations: health and readiness, Prometheus metrics, rate limits, the request-context middleware.

pub mod health;
pub mod idempotency;
pub mod metrics;
pub mod rate_limit;
pub mod request_context;
pub mod security_headers;
