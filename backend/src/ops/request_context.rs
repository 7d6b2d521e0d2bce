//! Wraps every request: assigns the request id (`x-request-id`), records metrics, writes the
//! structured request log, and makes every error response a problem+json carrying that id —
//! including actix's own responses (unknown route, wrong method).

use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, web};

use crate::error::{ApiError, PROBLEM_JSON};
use crate::i18n::Lang;
use crate::state::AppState;

pub const REQUEST_ID_HEADER: &str = "x-request-id";

#[derive(Clone, Debug)]
pub struct RequestId(pub String);

fn incoming_id(req: &ServiceRequest) -> Option<String> {
    let v = req.headers().get(REQUEST_ID_HEADER)?.to_str().ok()?;
    (!v.is_empty() && v.len() <= 64 && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')).then(|| v.to_owned())
}

pub async fn request_context(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let id = incoming_id(&req).unwrap_or_else(|| uuid::Uuid::now_v7().to_string());
    req.extensions_mut().insert(RequestId(id.clone()));
    let started = Instant::now();
    let method = req.method().to_string();
    let path = req.path().to_owned();
    // Handlers' and extractors' errors arrive here as responses already; an `Err` could only
    // come from a middleware inside this one and is rendered by its own `ResponseError`.
    let res = if path.contains("%00") {
        // U+0000 names no object, and PostgreSQL cannot even compare text holding it: 404 here.
        req.into_response(actix_web::HttpResponse::from_error(ApiError::NotFound))
    } else {
        next.call(req).await?.map_into_boxed_body()
    };
    let status = res.status();
    let mut res = if status.is_client_error() || status.is_server_error() { into_problem(res, &id).await } else { res };
    if let Ok(v) = HeaderValue::from_str(&id) {
        res.headers_mut().insert(header::HeaderName::from_static(REQUEST_ID_HEADER), v);
    }
    let route = res.request().match_pattern().unwrap_or_else(|| "unmatched".into());
    let elapsed = started.elapsed();
    if let Some(state) = res.request().app_data::<web::Data<AppState>>() {
        state.metrics.observe(&method, &route, status.as_u16(), elapsed.as_secs_f64());
    }
    tracing::info!(
        request_id = %id, method = %method, route = %route, path = %path,
        status = status.as_u16(), latency_ms = elapsed.as_secs_f64() * 1000.0, "request"
    );
    Ok(res)
}

/// Renders the API's errors in the request's language with the request id, and replaces
/// actix's own error bodies (unknown route, wrong method, body too large) with problems.
async fn into_problem(res: ServiceResponse<BoxBody>, id: &str) -> ServiceResponse<BoxBody> {
    let lang = Lang::of(res.request());
    let rendered = res.response().error().and_then(|e| e.as_error::<ApiError>()).map(|e| e.response(lang, Some(id)));
    if let Some(problem) = rendered {
        return res.into_response(problem);
    }
    let status = res.status();
    let is_problem =
        res.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    let (req, res) = res.into_parts();
    let (mut head, body) = res.into_parts();
    let bytes = actix_web::body::to_bytes(body).await.unwrap_or_default();
    let mut problem: serde_json::Value = if is_problem {
        serde_json::from_slice(&bytes).unwrap_or_else(|_| serde_json::json!({}))
    } else {
        let (slug, zh, en) = match status.as_u16() {
            404 => ("not-found", "未找到", "Not found"),
            405 => ("method-not-allowed", "不支持该请求方法", "Method not allowed"),
            413 => ("payload-too-large", "请求体过大", "Request body too large"),
            415 => ("unsupported-media-type", "不支持的内容类型", "Unsupported media type"),
            s if s >= 500 => ("internal", "内部错误", "Internal error"),
            _ => ("bad-request", "请求格式有误", "Bad request"),
        };
        let title = if lang == Lang::En { en } else { zh };
        let detail = String::from_utf8_lossy(&bytes).chars().take(300).collect::<String>();
        let mut p = serde_json::json!({
            "type": format!("urn:zhuxiang:problem:{slug}"),
            "title": title,
            "status": status.as_u16(),
        });
        if !detail.trim().is_empty() && status.as_u16() < 500 {
            p["detail"] = detail.into();
        }
        p
    };
    problem["request_id"] = id.into();
    head.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    head.headers_mut().remove(header::CONTENT_LENGTH);
    let res = head.set_body(BoxBody::new(serde_json::to_vec(&problem).unwrap_or_default()));
    ServiceResponse::new(req, res)
}
