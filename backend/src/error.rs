//! The one error type of the service. Every variant maps to an RFC 9457 problem with a stable
//! `type`; the request-context middleware adds `request_id` to every problem body.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// One invalid input, named by its field (JSON field, query parameter, header or CSV column).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }
}

/// RFC 9457 problem details, the body of every non-2xx response.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Problem {
    /// Stable identifier of the kind of problem, e.g. `urn:zhuxiang:problem:validation`.
    #[serde(rename = "type")]
    pub kind: String,
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
    BadRequest { detail: String, errors: Vec<FieldError> },
    #[error("unauthorized: {0}")]
    Unauthorized(String),
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("precondition failed")]
    PreconditionFailed,
    #[error("precondition required")]
    PreconditionRequired,
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("database unavailable")]
    Unavailable,
    #[error("internal error: {0:#}")]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, message)])
    }

    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::BadRequest { detail: detail.into(), errors: vec![] }
    }

    fn slug_and_title(&self) -> (&'static str, &'static str) {
        match self {
            Self::BadRequest { .. } => ("bad-request", "Malformed request"),
            Self::Unauthorized(_) => ("unauthorized", "Authentication required"),
            Self::Forbidden(_) => ("forbidden", "Not allowed"),
            Self::NotFound => ("not-found", "Not found"),
            Self::Conflict(_) => ("conflict", "Conflict with the current state"),
            Self::PreconditionFailed => ("precondition-failed", "The resource changed since you read it"),
            Self::PreconditionRequired => ("precondition-required", "If-Match header required"),
            Self::Validation(_) => ("validation", "Invalid input"),
            Self::TooManyRequests { .. } => ("rate-limited", "Too many attempts"),
            Self::Unavailable => ("unavailable", "Database unavailable"),
            Self::Internal(_) => ("internal", "Internal error"),
        }
    }

    pub fn problem(&self) -> Problem {
        let (slug, title) = self.slug_and_title();
        let (detail, errors) = match self {
            Self::BadRequest { detail, errors } => (Some(detail.clone()), errors.clone()),
            Self::Unauthorized(d) | Self::Forbidden(d) | Self::Conflict(d) => (Some(d.clone()), vec![]),
            Self::NotFound => (Some("No such resource, or it is outside your scope.".into()), vec![]),
            Self::PreconditionFailed => {
                (Some("The If-Match value does not match the current ETag; reload and retry.".into()), vec![])
            }
            Self::PreconditionRequired => {
                (Some("Send the ETag you read as If-Match to change this resource.".into()), vec![])
            }
            Self::Validation(errors) => {
                let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
                (Some(format!("Invalid fields: {}", fields.join(", "))), errors.clone())
            }
            Self::TooManyRequests { retry_after_secs } => {
                (Some(format!("Try again in {retry_after_secs} seconds.")), vec![])
            }
            Self::Unavailable => (Some("The database cannot be reached; try again shortly.".into()), vec![]),
            // Internals stay in the log (with the request id), never in the response.
            Self::Internal(_) => (Some("An unexpected error occurred; quote the request_id.".into()), vec![]),
        };
        Problem {
            kind: format!("urn:zhuxiang:problem:{slug}"),
            title: title.into(),
            status: self.status_code().as_u16(),
            detail,
            request_id: None,
            errors,
        }
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
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let Self::Internal(e) = self {
            tracing::error!(error = %format!("{e:#}"), "internal error");
        }
        let mut res = HttpResponse::build(self.status_code());
        res.insert_header((header::CONTENT_TYPE, PROBLEM_JSON));
        match self {
            Self::TooManyRequests { retry_after_secs } => {
                res.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
            }
            Self::Unauthorized(_) => {
                res.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
            }
            _ => {}
        }
        res.body(serde_json::to_vec(&self.problem()).unwrap_or_default())
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => Self::NotFound,
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
