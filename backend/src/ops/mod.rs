//! Operations: health and readiness, Prometheus metrics, the request-context middleware.

pub mod health;
pub mod idempotency;
pub mod metrics;
pub mod request_context;
pub mod security_headers;
