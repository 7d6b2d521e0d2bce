//! Request-body and query extractors whose errors are the API's problems naming the field:
//! malformed JSON is a 400; a well-formed body or query with a value of the wrong type, or text
//! holding U+0000 (which PostgreSQL cannot store), is a 422 naming the field or parameter.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
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

fn nul_refused(field: String) -> ApiError {
    ApiError::Validation(vec![Invalid::new(
        field,
        tr!("不能包含 U+0000 字符", "must not contain the character U+0000"),
    )])
}

/// The JSON path of the first string (or key) holding U+0000, if any.
fn nul_path(value: &serde_json::Value, path: &str) -> Option<String> {
    use serde_json::Value;
    let join = |key: &str| if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") };
    match value {
        Value::String(s) if s.contains('\0') => Some(if path.is_empty() { "body".into() } else { path.to_owned() }),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, v)| nul_path(v, &format!("{path}[{i}]"))),
        Value::Object(map) => {
            map.iter().find_map(|(k, v)| if k.contains('\0') { Some(join("body")) } else { nul_path(v, &join(k)) })
        }
        _ => None,
    }
}

/// JSON has one number type: `2073.0` is the integer 2073 (JSON Schema agrees), so integral
/// floats become integers before the typed fields read them.
fn integral_floats_as_integers(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Number(n) if n.is_f64() => {
            if let Some(f) = n.as_f64()
                && f.fract() == 0.0
                && f.abs() < 9_007_199_254_740_992.0
            {
                *value = Value::from(f as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_floats_as_integers),
        Value::Object(map) => map.values_mut().for_each(integral_floats_as_integers),
        _ => {}
    }
}

pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| ApiError::BadRequest {
        detail: tr!("JSON 格式有误：{e}", "Malformed JSON: {e}"),
        errors: vec![Invalid::new("body", tr!("{e}", "{e}"))],
    })?;
    if let Some(field) = nul_path(&value, "") {
        return Err(nul_refused(field));
    }
    integral_floats_as_integers(&mut value);
    serde_path_to_error::deserialize(value).map_err(|e| {
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

/// Query parameters. Unlike `web::Query`, a value of the wrong type is a 422 naming the
/// parameter (`limit`), as the contract's list operations declare.
pub struct Query<T>(pub T);

impl<T> Query<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Query<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

pub fn parse_query<T: DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    if let Some((name, _)) =
        form_urlencoded::parse(query.as_bytes()).find(|(k, v)| k.contains('\0') || v.contains('\0'))
    {
        return Err(nul_refused(name.into_owned()));
    }
    let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let message = e.into_inner().to_string();
        let field = if path == "." { field_in(&message).unwrap_or_else(|| "query".into()) } else { path };
        ApiError::Validation(vec![Invalid::new(field, tr!("值无效：{message}", "{message}"))])
    })
}

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(parse_query(req.query_string()).map(Query))
    }
}

/// The form field that carries the file in a `multipart/form-data` upload, which is how common
/// generated clients and browsers send files (a raw body works as well).
pub const FILE_FIELD: &str = "file";

/// A file sent as the raw body or as the `file` part of a multipart form, with the name the
/// client gave it (the multipart part's filename, or `?filename=`), if any.
pub struct FileBody {
    pub bytes: web::Bytes,
    pub filename: Option<String>,
}

/// Reads a file upload of at most `max` bytes: `too_large` (a 413 naming the limit) before a
/// byte is read when `Content-Length` already says so, or as soon as the body passes it. Call
/// it from an extractor listed after the caller, so an unauthenticated body is never read.
pub fn file_body(
    req: &HttpRequest,
    payload: &mut Payload,
    max: usize,
    too_large: impl Fn() -> ApiError + 'static,
) -> impl Future<Output = Result<FileBody, ApiError>> + 'static {
    use futures_util::StreamExt;
    let declared = req
        .headers()
        .get(actix_web::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let multipart = req.mime_type().ok().flatten().is_some_and(|m| m.essence_str() == "multipart/form-data");
    let headers = req.headers().clone();
    let query_name = web::Query::<std::collections::HashMap<String, String>>::from_query(req.query_string())
        .ok()
        .and_then(|q| q.get("filename").cloned());
    let mut payload = payload.take();
    async move {
        // Multipart framing adds a little to the file itself.
        let max = if multipart { max + 16 * 1024 } else { max };
        if declared.is_some_and(|n| n > max as u64) {
            return Err(too_large());
        }
        let mut body = web::BytesMut::with_capacity(declared.map_or(0, |n| n as usize));
        while let Some(chunk) = payload.next().await {
            let chunk =
                chunk.map_err(|_| ApiError::bad_request(tr!("请求体无法读取。", "The body could not be read.")))?;
            if body.len() + chunk.len() > max {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        let body = body.freeze();
        if multipart {
            let (bytes, filename) = file_part(&headers, body).await?;
            Ok(FileBody { bytes, filename: filename.or(query_name) })
        } else {
            Ok(FileBody { bytes: body, filename: query_name })
        }
    }
}

/// The content and filename of the `file` part of a multipart body already read within its limit.
async fn file_part(
    headers: &actix_web::http::header::HeaderMap,
    body: web::Bytes,
) -> Result<(web::Bytes, Option<String>), ApiError> {
    use futures_util::StreamExt;
    let malformed = |e: actix_multipart::MultipartError| {
        ApiError::bad_request(tr!("multipart 请求体有误：{e}", "Malformed multipart body: {e}"))
    };
    let stream = futures_util::stream::once(async move { Ok::<_, actix_web::error::PayloadError>(body) });
    let mut parts = actix_multipart::Multipart::new(headers, stream);
    while let Some(part) = parts.next().await {
        let mut part = part.map_err(malformed)?;
        if part.name() != Some(FILE_FIELD) {
            // Drain parts we do not use.
            while let Some(chunk) = part.next().await {
                chunk.map_err(malformed)?;
            }
            continue;
        }
        let filename = part.content_disposition().and_then(|d| d.get_filename()).map(str::to_owned);
        let mut file = web::BytesMut::new();
        while let Some(chunk) = part.next().await {
            file.extend_from_slice(&chunk.map_err(malformed)?);
        }
        return Ok((file.freeze(), filename));
    }
    Err(ApiError::field(FILE_FIELD, tr!("请在 file 字段中上传文件", "send the file in the `file` field")))
}

pub fn payload_config() -> web::PayloadConfig {
    web::PayloadConfig::new(MAX_JSON_BYTES)
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
        assert_eq!(field(r#"{"name": "a\u0000", "role": "viewer", "items": []}"#), (422, "name".into()));
    }

    #[test]
    fn integral_floats_are_integers() {
        assert_eq!(field(r#"{"name": "a", "role": "viewer", "items": [{"n": 3.0}]}"#), (200, String::new()));
        assert_eq!(field(r#"{"name": "a", "role": "viewer", "items": [{"n": 3.5}]}"#), (422, "items[0].n".into()));
    }
}
