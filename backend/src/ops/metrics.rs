//! Prometheus text metrics: requests by route and status, a latency histogram, pool use.
//! Hand-rolled: a handful of counters does not warrant a metrics framework.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;

use sha2::{Digest, Sha256};

use crate::config::MetricsAccess;
use crate::error::{ApiError, ApiResult};
use crate::tr;

const BUCKETS: [f64; 12] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0];

#[derive(Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    sum: f64,
    count: u64,
}

pub struct Metrics {
    requests: Mutex<BTreeMap<(String, String, u16), u64>>,
    latency: Mutex<BTreeMap<String, Histogram>>,
    access: MetricsAccess,
}

fn escape(label: &str) -> String {
    label.replace('\\', "\\\\").replace('"', "\\\"")
}

impl Metrics {
    pub fn new(access: MetricsAccess) -> Self {
        Self { requests: Mutex::default(), latency: Mutex::default(), access }
    }

    /// May this request read the metrics? `Authorization` is the request's header, if any.
    /// Tokens are compared as SHA-256 digests, so the comparison's time says nothing about
    /// how much of a guess was right.
    pub fn authorize(&self, authorization: Option<&str>) -> ApiResult<()> {
        match &self.access {
            MetricsAccess::Open => Ok(()),
            MetricsAccess::Closed => Err(ApiError::NotFound),
            MetricsAccess::Token(expected) => {
                let presented = authorization.and_then(|h| h.strip_prefix("Bearer ")).unwrap_or("");
                if Sha256::digest(presented) == Sha256::digest(expected.expose()) {
                    Ok(())
                } else {
                    Err(ApiError::Unauthorized(tr!(
                        "读取指标需要 METRICS_TOKEN 令牌。",
                        "Reading the metrics needs the METRICS_TOKEN bearer token."
                    )))
                }
            }
        }
    }

    pub fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        {
            let mut r = self.requests.lock().unwrap_or_else(|e| e.into_inner());
            *r.entry((method.to_owned(), route.to_owned(), status)).or_default() += 1;
        }
        let mut l = self.latency.lock().unwrap_or_else(|e| e.into_inner());
        let h = l.entry(route.to_owned()).or_default();
        for (i, b) in BUCKETS.iter().enumerate() {
            if seconds <= *b {
                h.counts[i] += 1;
            }
        }
        h.sum += seconds;
        h.count += 1;
    }

    pub fn render(&self, pool_connections: u32, pool_idle: u32) -> String {
        let mut out = String::new();
        out.push_str("# HELP http_requests_total HTTP requests by method, route and status.\n");
        out.push_str("# TYPE http_requests_total counter\n");
        for ((m, r, s), n) in self.requests.lock().unwrap_or_else(|e| e.into_inner()).iter() {
            let _ = writeln!(out, "http_requests_total{{method=\"{m}\",route=\"{}\",status=\"{s}\"}} {n}", escape(r));
        }
        out.push_str("# HELP http_request_duration_seconds Request latency by route.\n");
        out.push_str("# TYPE http_request_duration_seconds histogram\n");
        for (r, h) in self.latency.lock().unwrap_or_else(|e| e.into_inner()).iter() {
            let r = escape(r);
            for (i, b) in BUCKETS.iter().enumerate() {
                let _ =
                    writeln!(out, "http_request_duration_seconds_bucket{{route=\"{r}\",le=\"{b}\"}} {}", h.counts[i]);
            }
            let _ = writeln!(out, "http_request_duration_seconds_bucket{{route=\"{r}\",le=\"+Inf\"}} {}", h.count);
            let _ = writeln!(out, "http_request_duration_seconds_sum{{route=\"{r}\"}} {}", h.sum);
            let _ = writeln!(out, "http_request_duration_seconds_count{{route=\"{r}\"}} {}", h.count);
        }
        out.push_str("# HELP db_pool_connections Open database connections.\n# TYPE db_pool_connections gauge\n");
        let _ = writeln!(out, "db_pool_connections {pool_connections}");
        out.push_str("# HELP db_pool_in_use Connections checked out of the pool.\n# TYPE db_pool_in_use gauge\n");
        let _ = writeln!(out, "db_pool_in_use {}", pool_connections.saturating_sub(pool_idle));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Secret;

    #[test]
    fn a_token_must_match_exactly() {
        let m = Metrics::new(MetricsAccess::Token(Secret::new("a-metrics-token-0123".into())));
        assert!(m.authorize(Some("Bearer a-metrics-token-0123")).is_ok());
        for wrong in [None, Some(""), Some("Bearer "), Some("Bearer a-metrics-token-012"), Some("a-metrics-token-0123")]
        {
            assert!(matches!(m.authorize(wrong), Err(ApiError::Unauthorized(_))), "{wrong:?}");
        }
        assert!(matches!(Metrics::new(MetricsAccess::Closed).authorize(None), Err(ApiError::NotFound)));
    }

    #[test]
    fn renders_counters_and_cumulative_buckets() {
        let m = Metrics::new(MetricsAccess::Open);
        m.observe("GET", "/api/v1/counties", 200, 0.003);
        m.observe("GET", "/api/v1/counties", 200, 0.2);
        let text = m.render(3, 1);
        assert!(text.contains("http_requests_total{method=\"GET\",route=\"/api/v1/counties\",status=\"200\"} 2"));
        assert!(text.contains("http_request_duration_seconds_bucket{route=\"/api/v1/counties\",le=\"0.005\"} 1"));
        assert!(text.contains("http_request_duration_seconds_bucket{route=\"/api/v1/counties\",le=\"0.25\"} 2"));
        assert!(text.contains("db_pool_in_use 2"));
    }
}
