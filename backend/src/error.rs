//! The one error type of the service. Every variant maps to an RFC 9457 problem with a stable
//! `type`; the request-context middleware renders it in the request's language and adds
//! `request_id`.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::{Lifecycle, Refusal};
use crate::i18n::{Lang, Text};
use crate::tr;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// One invalid input, named by its field (JSON path, query parameter, header or CSV cell).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub field: String,
    pub message: Text,
}

impl Invalid {
    pub fn new(field: impl Into<String>, message: Text) -> Self {
        Self { field: field.into(), message }
    }
}

/// One invalid input as a problem lists it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    /// In the language of `Accept-Language` (zh-CN by default, or en).
    pub message: String,
}

/// RFC 9457 problem details, the body of every non-2xx response.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Problem {
    /// Stable identifier of the kind of problem, e.g. `urn:zhuxiang:problem:validation`.
    #[serde(rename = "type")]
    pub kind: String,
    /// In the language of `Accept-Language` (zh-CN by default, or en).
    pub title: String,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The `x-request-id` of the response, to quote when reporting a problem.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub errors: Vec<FieldError>,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("bad request: {detail}")]
    BadRequest { detail: Text, errors: Vec<Invalid> },
    #[error("unauthorized: {0}")]
    Unauthorized(Text),
    #[error("forbidden: {0}")]
    Forbidden(Text),
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(Text),
    #[error("precondition failed")]
    PreconditionFailed,
    #[error("precondition required")]
    PreconditionRequired,
    #[error("validation failed")]
    Validation(Vec<Invalid>),
    /// The request content is beyond a size limit (an upload, or what it unpacks to); each
    /// entry names the input and the limit.
    #[error("payload too large")]
    PayloadTooLarge(Vec<Invalid>),
    /// Login attempts beyond the throttle (`auth::throttle`).
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    /// Requests beyond the caller's rate limit (`ops::rate_limit`).
    #[error("rate limit exceeded")]
    RateLimited { retry_after_secs: u64 },
    #[error("database unavailable")]
    Unavailable,
    /// Something this server was built or set up without (the PDF font): 503 saying what.
    #[error("not installed: {0:?}")]
    NotInstalled(Text),
    #[error("internal error: {0:#}")]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    pub fn field(field: &str, message: Text) -> Self {
        Self::Validation(vec![Invalid::new(field, message)])
    }

    pub fn bad_request(detail: Text) -> Self {
        Self::BadRequest { detail, errors: vec![] }
    }

    fn slug_and_title(&self) -> (&'static str, Text) {
        match self {
            Self::BadRequest { .. } => ("bad-request", tr!("请求格式有误", "Malformed request")),
            Self::Unauthorized(_) => ("unauthorized", tr!("需要登录", "Authentication required")),
            Self::Forbidden(_) => ("forbidden", tr!("无权执行此操作", "Not allowed")),
            Self::NotFound => ("not-found", tr!("未找到", "Not found")),
            Self::Conflict(_) => ("conflict", tr!("与当前状态冲突", "Conflict with the current state")),
            Self::PreconditionFailed => {
                ("precondition-failed", tr!("数据已被他人修改", "The resource changed since you read it"))
            }
            Self::PreconditionRequired => {
                ("precondition-required", tr!("缺少 If-Match 请求头", "If-Match header required"))
            }
            Self::Validation(_) => ("validation", tr!("输入有误", "Invalid input")),
            Self::PayloadTooLarge(_) => ("payload-too-large", tr!("内容过大", "Content too large")),
            Self::TooManyRequests { .. } => ("rate-limited", tr!("尝试次数过多", "Too many attempts")),
            Self::RateLimited { .. } => ("rate-limit-exceeded", tr!("请求过于频繁", "Too many requests")),
            Self::Unavailable => ("unavailable", tr!("数据库暂不可用", "Database unavailable")),
            Self::NotInstalled(_) => ("not-installed", tr!("服务器缺少所需组件", "Not installed on this server")),
            Self::Internal(_) => ("internal", tr!("内部错误", "Internal error")),
        }
    }

    fn detail(&self) -> Option<Text> {
        Some(match self {
            Self::BadRequest { detail, .. } => detail.clone(),
            Self::Unauthorized(d) | Self::Forbidden(d) | Self::Conflict(d) | Self::NotInstalled(d) => d.clone(),
            Self::NotFound => {
                tr!("该对象不存在，或不在您的权限范围内。", "No such resource, or it is outside your scope.")
            }
            Self::PreconditionFailed => tr!(
                "If-Match 与当前 ETag 不一致：请刷新后重试。",
                "The If-Match value does not match the current ETag; reload and retry."
            ),
            Self::PreconditionRequired => tr!(
                "修改此对象时须在 If-Match 中带上读取时的 ETag。",
                "Send the ETag you read as If-Match to change this resource."
            ),
            Self::Validation(errors) => {
                let fields = errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>().join(", ");
                tr!("以下字段有误：{fields}", "Invalid fields: {fields}")
            }
            Self::PayloadTooLarge(errors) => {
                let zh = errors.iter().map(|e| e.message.zh.as_str()).collect::<Vec<_>>().join("；");
                let en = errors.iter().map(|e| e.message.en.as_str()).collect::<Vec<_>>().join("; ");
                Text::new(zh, en)
            }
            Self::TooManyRequests { retry_after_secs: s } | Self::RateLimited { retry_after_secs: s } => {
                tr!("请 {s} 秒后再试。", "Try again in {s} seconds.")
            }
            Self::Unavailable => {
                tr!("无法连接数据库，请稍后再试。", "The database cannot be reached; try again shortly.")
            }
            // Internals stay in the log (with the request id), never in the response.
            Self::Internal(_) => {
                tr!("发生意外错误，请提供 request_id。", "An unexpected error occurred; quote the request_id.")
            }
        })
    }

    pub fn problem(&self, lang: Lang) -> Problem {
        let (slug, title) = self.slug_and_title();
        let errors = match self {
            Self::BadRequest { errors, .. } | Self::Validation(errors) | Self::PayloadTooLarge(errors) => errors
                .iter()
                .map(|e| FieldError { field: e.field.clone(), message: e.message.get(lang).to_owned() })
                .collect(),
            _ => vec![],
        };
        Problem {
            kind: format!("urn:zhuxiang:problem:{slug}"),
            title: title.get(lang).to_owned(),
            status: self.status_code().as_u16(),
            detail: self.detail().map(|d| d.get(lang).to_owned()),
            request_id: None,
            errors,
        }
    }

    /// The response in the request's language; `error_response` (zh-CN) is the fallback.
    pub fn response(&self, lang: Lang, request_id: Option<&str>) -> HttpResponse {
        if let Self::Internal(e) = self {
            tracing::error!(error = %format!("{e:#}"), request_id, "internal error");
        }
        let mut res = self.builder();
        let mut problem = self.problem(lang);
        problem.request_id = request_id.map(str::to_owned);
        res.body(serde_json::to_vec(&problem).unwrap_or_default())
    }
}

impl ApiError {
    /// Status and headers: the problem type, and when to retry or how to authenticate.
    fn builder(&self) -> actix_web::HttpResponseBuilder {
        let mut res = HttpResponse::build(self.status_code());
        res.insert_header((header::CONTENT_TYPE, PROBLEM_JSON));
        match self {
            Self::TooManyRequests { retry_after_secs } | Self::RateLimited { retry_after_secs } => {
                res.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
            }
            // The pool reconnects as soon as the database answers again.
            Self::Unavailable => {
                res.insert_header((header::RETRY_AFTER, "1"));
            }
            Self::Unauthorized(_) => {
                res.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
            }
            _ => {}
        }
        res
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::BadRequest { .. } => StatusCode::BAD_REQUEST,
            Self::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            Self::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
            Self::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::TooManyRequests { .. } | Self::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable | Self::NotInstalled(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        // Logged once, by the middleware's `response`, which also localizes it.
        self.builder().body(serde_json::to_vec(&self.problem(Lang::Zh)).unwrap_or_default())
    }
}

/// The one answer to a refused lifecycle move, for every entity: 409 naming the current status
/// and the moves allowed from it, 403, 422 naming `reason`, or 409 with the entity's own rule.
impl<S: Lifecycle> From<Refusal<S>> for ApiError {
    fn from(refusal: Refusal<S>) -> Self {
        match refusal {
            Refusal::Illegal { current, to, allowed } => {
                let (noun_zh, noun_en) = S::NOUN;
                let (current, to) = (current.name(), to.name());
                let allowed = allowed.iter().map(|s| s.name()).collect::<Vec<_>>().join(", ");
                let allowed = if allowed.is_empty() { "—".to_owned() } else { allowed };
                ApiError::Conflict(tr!(
                    "{noun_zh}当前状态为 {current}，不能变更为 {to}；可变更为：{allowed}",
                    "The {noun_en} is {current}; it cannot move to {to}. Allowed: {allowed}"
                ))
            }
            Refusal::NotYours => ApiError::Forbidden(tr!("您不能执行这一步。", "This move is not yours to make.")),
            Refusal::ReasonRequired => ApiError::field("reason", tr!("请说明原因", "a reason is required")),
            Refusal::Blocked { zh, en } => ApiError::Conflict(Text::new(zh, en)),
        }
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::Error;
        match e {
            Error::NotFound => Self::NotFound,
            // The database went away or did not answer in time: an outage, not a bug.
            e if crate::db::is_connection_error(&e) => {
                tracing::warn!(error = %e, "database unavailable");
                Self::Unavailable
            }
            other => Self::Internal(other.into()),
        }
    }
}

impl From<diesel::r2d2::PoolError> for ApiError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        tracing::warn!(error = %e, "database pool could not hand out a connection");
        Self::Unavailable
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        Self::Internal(anyhow::anyhow!("blocking task failed: {e}"))
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// The problem responses most operations share, for the OpenAPI document:
/// `responses((status = 200, …), Unauthenticated)`.
#[derive(utoipa::IntoResponses)]
pub enum Unauthenticated {
    /// Not authenticated: no, invalid or expired credentials
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
}

/// Reading one object.
#[derive(utoipa::IntoResponses)]
pub enum ReadErrors {
    /// Not authenticated: no, invalid or expired credentials
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
    /// No such object, or it is outside your scope
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
}

/// Changing an existing object with `If-Match` (403, 409 and 422 are listed per operation).
#[derive(utoipa::IntoResponses)]
pub enum ChangeErrors {
    /// Malformed JSON
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
    /// Not authenticated: no, invalid or expired credentials
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
    /// No such object, or it is outside your scope
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
    /// The object changed since you read it: stale If-Match
    #[response(status = 412, content_type = "application/problem+json")]
    PreconditionFailed(Problem),
    /// If-Match missing
    #[response(status = 428, content_type = "application/problem+json")]
    PreconditionRequired(Problem),
}

/// Listing: no credentials, an invalid filter, limit or cursor.
#[derive(utoipa::IntoResponses)]
pub enum ListErrors {
    /// Not authenticated: no, invalid or expired credentials
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
    /// Invalid filter, limit or cursor
    #[response(status = 422, content_type = "application/problem+json")]
    Invalid(Problem),
}

/// Creating: malformed JSON, no credentials, invalid fields (403 and 409 are listed per operation).
#[derive(utoipa::IntoResponses)]
pub enum CreateErrors {
    /// Malformed JSON
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
    /// Not authenticated: no, invalid or expired credentials
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
    /// Invalid fields, each named in `errors`
    #[response(status = 422, content_type = "application/problem+json")]
    Invalid(Problem),
}
