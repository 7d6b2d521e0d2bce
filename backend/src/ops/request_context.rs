//! Wraps every request: assigns the request id (`x-request-id`), records metrics, writes the
//! structured request log, and makes every error response a problem+json carrying that id —
//! including actix's own responses (unknown route, wrong method).

use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpResponse, ResponseError, web};

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
    let route = req.match_pattern().unwrap_or_else(|| "unmatched".into());
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let lang = Lang::of(req.request());
    let done = |status: StatusCode| {
        let elapsed = started.elapsed();
        if let Some(state) = &state {
            state.metrics.observe(&method, &route, status.as_u16(), elapsed.as_secs_f64());
        }
        tracing::info!(
            request_id = %id, method = %method, route = %route, path = %path,
            status = status.as_u16(), latency_ms = elapsed.as_secs_f64() * 1000.0, "request"
        );
    };
    // Handlers' and extractors' errors arrive here as responses already. An `Err` comes from a
    // middleware inside this one (idempotency, a database outage there) and has lost its
    // request: it is rendered here, as the same problem with the request id, logged and counted,
    // and handed to actix as an error whose response is that problem.
    let res = if path.contains("%00") {
        // U+0000 names no object, and PostgreSQL cannot even compare text holding it: 404 here.
        req.into_response(actix_web::HttpResponse::from_error(ApiError::NotFound))
    } else {
        match next.call(req).await {
            Ok(res) => res.map_into_boxed_body(),
            Err(e) => {
                let problem = Rendered::of(&e, lang, &id);
                done(problem.status);
                return Err(problem.into());
            }
        }
    };
    let status = res.status();
    let mut res = if status.is_client_error() || status.is_server_error() { into_problem(res, &id).await } else { res };
    if let Ok(v) = HeaderValue::from_str(&id) {
        res.headers_mut().insert(header::HeaderName::from_static(REQUEST_ID_HEADER), v);
    }
    done(status);
    Ok(res)
}

/// A middleware's error as the finished problem response (see `request_context`).
#[derive(Debug)]
struct Rendered {
    status: StatusCode,
    headers: header::HeaderMap,
    body: Vec<u8>,
}

impl Rendered {
    fn of(e: &actix_web::Error, lang: Lang, id: &str) -> Self {
        let res = match e.as_error::<ApiError>() {
            Some(api) => api.response(lang, Some(id)),
            None => {
                let res = e.error_response();
                let status = res.status();
                if status.is_server_error() {
                    tracing::error!(error = %e, request_id = id, "internal error");
                }
                let mut problem = generic_problem(status, lang, &e.to_string());
                problem["request_id"] = id.into();
                HttpResponse::build(status)
                    .insert_header((header::CONTENT_TYPE, PROBLEM_JSON))
                    .body(serde_json::to_vec(&problem).unwrap_or_default())
            }
        };
        let status = res.status();
        let mut headers = res.headers().clone();
        if let Ok(v) = HeaderValue::from_str(id) {
            headers.insert(header::HeaderName::from_static(REQUEST_ID_HEADER), v);
        }
        let body = match res.into_body().try_into_bytes() {
            Ok(bytes) => bytes.to_vec(),
            Err(_) => vec![],
        };
        Self { status, headers, body }
    }
}

impl std::fmt::Display for Rendered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "problem {}", self.status)
    }
}

impl ResponseError for Rendered {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        let mut res = HttpResponse::build(self.status).body(self.body.clone());
        for (k, v) in &self.headers {
            res.headers_mut().insert(k.clone(), v.clone());
        }
        res
    }
}

/// The problem for an error response that is not one of ours (unknown route, wrong method, body
/// too large): a stable type per status, and actix's text as the detail below 500.
fn generic_problem(status: StatusCode, lang: Lang, detail: &str) -> serde_json::Value {
    let (slug, zh, en) = match status.as_u16() {
        404 => ("not-found", "未找到", "Not found"),
        405 => ("method-not-allowed", "不支持该请求方法", "Method not allowed"),
        413 => ("payload-too-large", "请求体过大", "Request body too large"),
        415 => ("unsupported-media-type", "不支持的内容类型", "Unsupported media type"),
        s if s >= 500 => ("internal", "内部错误", "Internal error"),
        _ => ("bad-request", "请求格式有误", "Bad request"),
    };
    let title = if lang == Lang::En { en } else { zh };
    let mut p = serde_json::json!({
        "type": format!("urn:zhuxiang:problem:{slug}"),
        "title": title,
        "status": status.as_u16(),
    });
    let detail = detail.chars().take(300).collect::<String>();
    if !detail.trim().is_empty() && status.as_u16() < 500 {
        p["detail"] = detail.into();
    }
    p
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
    if status.is_server_error()
        && let Some(e) = res.response().error()
    {
        tracing::error!(error = %e, request_id = id, "internal error");
    }
    let is_problem =
        res.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    let (req, res) = res.into_parts();
    let (mut head, body) = res.into_parts();
    let bytes = actix_web::body::to_bytes(body).await.unwrap_or_default();
    let mut problem: serde_json::Value = if is_problem {
        serde_json::from_slice(&bytes).unwrap_or_else(|_| serde_json::json!({}))
    } else {
        generic_problem(status, lang, &String::from_utf8_lossy(&bytes))
    };
    problem["request_id"] = id.into();
    head.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    head.headers_mut().remove(header::CONTENT_LENGTH);
    let res = head.set_body(BoxBody::new(serde_json::to_vec(&problem).unwrap_or_default()));
    ServiceResponse::new(req, res)
}
