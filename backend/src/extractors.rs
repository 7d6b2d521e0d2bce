//! actix's JSON and query extractor errors, turned into the API's problems naming the field.

use actix_web::error::{JsonPayloadError, QueryPayloadError};
use actix_web::{HttpRequest, web};

use crate::error::{ApiError, FieldError};

/// serde names the offending field in backticks ("missing field `password`").
fn field_in(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(message[start..start + len].to_owned())
}

fn json_error(err: JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let api = match &err {
        JsonPayloadError::Deserialize(e) if e.is_data() => {
            let message = e.to_string();
            let field = field_in(&message).unwrap_or_else(|| "body".into());
            ApiError::Validation(vec![FieldError::new(field, message)])
        }
        JsonPayloadError::ContentType => ApiError::bad_request("Send the body as application/json."),
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => {
            ApiError::bad_request("The body is too large.")
        }
        other => ApiError::BadRequest {
            detail: format!("Malformed JSON: {other}"),
            errors: vec![FieldError::new("body", other.to_string())],
        },
    };
    api.into()
}

fn query_error(err: QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    // serde_urlencoded does not say which parameter failed, so the detail quotes its message.
    let message = err.to_string();
    ApiError::BadRequest { detail: format!("Malformed query: {message}"), errors: vec![FieldError::new("query", message)] }
        .into()
}

pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default().limit(256 * 1024).error_handler(json_error)
}

pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(query_error)
}

#[cfg(test)]
mod tests {
    use super::field_in;

    #[test]
    fn finds_the_field_serde_names() {
        assert_eq!(field_in("missing field `password` at line 1 column 2").as_deref(), Some("password"));
        assert_eq!(field_in("no field here"), None);
    }
}
