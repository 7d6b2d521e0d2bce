//! Request-body and query extractors whose errors are the API's problems naming the field.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::error::QueryPayloadError;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use serde::de::DeserializeOwned;

use crate::error::{ApiError, Invalid};
use crate::tr;

pub const MAX_JSON_BYTES: usize = 256 * 1024;

/// A JSON body. Unlike `web::Json`, a type error names the path of the offending field
/// (`organizations[0].role`), so clients can point at it.
pub struct Json<T>(pub T);

impl<T> Json<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

/// serde names a missing or unknown field in backticks ("missing field `password`").
fn field_in(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(message[start..start + len].to_owned())
}

pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let message = inner.to_string();
        if inner.is_data() {
            let field = if path == "." {
                // Missing and unknown fields are reported at their parent: name the field itself.
                if message.starts_with("missing field") || message.starts_with("unknown field") {
                    field_in(&message).unwrap_or_else(|| "body".into())
                } else {
                    "body".into()
                }
            } else {
                path
            };
            ApiError::Validation(vec![Invalid::new(field, tr!("值无效：{message}", "{message}"))])
        } else {
            ApiError::BadRequest {
                detail: tr!("JSON 格式有误：{message}", "Malformed JSON: {message}"),
                errors: vec![Invalid::new("body", tr!("{message}", "{message}"))],
            }
        }
    })
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let json_type =
            req.mime_type().ok().flatten().is_some_and(|m| m.subtype() == mime::JSON || m.suffix() == Some(mime::JSON));
        let bytes = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            if !json_type {
                return Err(ApiError::bad_request(tr!(
                    "请求体须为 application/json。",
                    "Send the body as application/json."
                )));
            }
            let bytes = bytes.await.map_err(|_| {
                ApiError::bad_request(tr!("请求体无法读取或过大。", "The body could not be read or is too large."))
            })?;
            parse_json(&bytes).map(Json)
        })
    }
}

fn query_error(err: QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    // serde_urlencoded does not say which parameter failed, so the detail quotes its message.
    let message = err.to_string();
    ApiError::BadRequest {
        detail: tr!("查询参数有误：{message}", "Malformed query: {message}"),
        errors: vec![Invalid::new("query", tr!("{message}", "{message}"))],
    }
    .into()
}

pub fn payload_config() -> web::PayloadConfig {
    web::PayloadConfig::new(MAX_JSON_BYTES)
}

pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(query_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        name: String,
        role: crate::domain::Role,
        items: Vec<Item>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Item {
        n: u32,
    }

    fn field(json: &str) -> (u16, String) {
        match parse_json::<Body>(json.as_bytes()) {
            Err(e) => {
                let p = e.problem(crate::i18n::Lang::En);
                (p.status, p.errors.first().map(|e| e.field.clone()).unwrap_or_default())
            }
            Ok(_) => (200, String::new()),
        }
    }

    #[test]
    fn names_the_offending_field() {
        assert_eq!(field(r#"{"name": "a", "role": "root", "items": []}"#), (422, "role".into()));
        assert_eq!(field(r#"{"name": "a", "role": "viewer", "items": [{"n": -1}]}"#), (422, "items[0].n".into()));
        assert_eq!(field(r#"{"role": "viewer", "items": []}"#), (422, "name".into()));
        assert_eq!(field(r#"{"name": "a", "role": "viewer", "items": [], "x": 1}"#), (422, "x".into()));
        assert_eq!(field(r#"{"name": "a", "#), (400, "body".into()));
        assert_eq!(field(r#"not json"#), (400, "body".into()));
    }
}
