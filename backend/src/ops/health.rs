use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(healthz))
        .route("/readyz", web::get().to(readyz))
        .route("/metrics", web::get().to(metrics));
}

/// The process is up.
async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({ "status": "ok" }))
}

/// The database answers. The pool reconnects by itself, so this recovers when the database does.
async fn readyz(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    state.db(|conn| crate::db::ping(conn).map_err(|_| ApiError::Unavailable)).await.map_err(|e| match e {
        ApiError::Internal(_) => ApiError::Unavailable,
        other => other,
    })?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "status": "ready" })))
}

/// Prometheus text; who may read it is `METRICS_TOKEN` / `BIND_ADDR` (see `MetricsAccess`).
async fn metrics(state: web::Data<AppState>, req: HttpRequest) -> ApiResult<HttpResponse> {
    let authorization = req.headers().get(header::AUTHORIZATION).and_then(|v| v.to_str().ok());
    state.metrics.authorize(authorization)?;
    let pool = state.pool.state();
    let text = state.metrics.render(pool.connections, pool.idle_connections);
    Ok(HttpResponse::Ok().content_type("text/plain; version=0.0.4").body(text))
}
