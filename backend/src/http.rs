//! Small HTTP conventions shared by every endpoint family: ETag / If-Match, cursors, list pages.

use actix_web::HttpRequest;
use actix_web::http::header;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::{ApiError, ApiResult};
use crate::tr;

pub const MAX_LIMIT: i64 = 200;
pub const DEFAULT_LIMIT: i64 = 50;

/// The strong ETag of a versioned row.
pub fn etag(kind: &str, id: &str, version: i64) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(format!("{kind}/{id}/{version}"));
    format!("\"{}\"", hex::encode(&digest[..8]))
}

/// A change to an existing resource must name the version it was made against:
/// 428 when `If-Match` is missing, 412 when it is stale.
/// Read the header in the handler (`if_match_value`, 428 when missing) and compare it with the
/// current ETag inside the write's transaction (`require_if_match_value`, 412 when stale).
pub fn require_if_match_value(if_match: &str, current: &str) -> ApiResult<()> {
    let matches = if_match.split(',').map(str::trim).any(|v| v == current || v == "*");
    if matches { Ok(()) } else { Err(ApiError::PreconditionFailed) }
}

pub fn if_match_value(req: &HttpRequest) -> ApiResult<String> {
    req.headers()
        .get(header::IF_MATCH)
        .ok_or(ApiError::PreconditionRequired)?
        .to_str()
        .map(str::to_owned)
        .map_err(|_| ApiError::PreconditionFailed)
}

pub fn limit(requested: Option<i64>) -> ApiResult<i64> {
    match requested {
        None => Ok(DEFAULT_LIMIT),
        Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        Some(_) => {
            Err(ApiError::field("limit", tr!("须在 1 到 {MAX_LIMIT} 之间", "must be between 1 and {MAX_LIMIT}")))
        }
    }
}

/// Cursors are opaque to clients: the last row's sort key, base64url-encoded.
pub fn encode_cursor(key: &str) -> String {
    URL_SAFE_NO_PAD.encode(key)
}

pub fn decode_cursor(cursor: Option<&str>) -> ApiResult<Option<String>> {
    cursor
        .map(|c| {
            URL_SAFE_NO_PAD
                .decode(c)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                // PostgreSQL cannot hold U+0000 in text: a cursor carrying one is not ours.
                .filter(|s| !s.contains('\0'))
                .ok_or_else(|| ApiError::field("cursor", tr!("不是本接口返回的游标", "not a cursor this API returned")))
        })
        .transpose()
}

/// The time in a cursor's key (the `updated_at` lists sort by), refused as a 422 naming
/// `cursor` unless it is one this API could have written: a parseable time within years
/// 2000–2999 (PostgreSQL refuses timestamps far outside that with a 500-worthy error).
pub fn cursor_time(key: &str) -> ApiResult<chrono::NaiveDateTime> {
    chrono::NaiveDateTime::parse_from_str(key, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .filter(|t| (2000..3000).contains(&chrono::Datelike::year(t)))
        .ok_or_else(|| ApiError::field("cursor", tr!("不是本接口返回的游标", "not a cursor this API returned")))
}

/// Keyset page: fetch `limit + 1` rows; the extra one only says whether there is a next page.
/// The next page's cursor is the last row's key, encoded for a client.
pub fn page<T>(rows: Vec<T>, limit: i64, key: impl Fn(&T) -> String) -> (Vec<T>, Option<String>) {
    let (rows, next) = page_by_key(rows, limit, key);
    (rows, next.map(|k| encode_cursor(&k)))
}

/// The same split, with the last row's key as it is: for the server's own paging (exports).
pub fn page_by_key<T>(mut rows: Vec<T>, limit: i64, key: impl Fn(&T) -> String) -> (Vec<T>, Option<String>) {
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next = if more { rows.last().map(key) } else { None };
    (rows, next)
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Page<T: ToSchema> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; null on the last page.
    pub next_cursor: Option<String>,
    /// Only when asked for with `count=true`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<i64>,
}

/// A file sent or received as the raw body (binary in the contract).
#[derive(ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct RawFile(#[allow(dead_code)] Vec<u8>);

/// A complete, unpaginated collection (small reference sets).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Items<T: ToSchema> {
    pub items: Vec<T>,
}

/// The response of a cached body (`cache::Aggregates::body`): 304 when the client's
/// `If-None-Match` names its ETag, else the body, both with `cache_control`.
pub fn cached_json(
    req: &HttpRequest,
    cached: &serde_json::Value,
    cache_control: &'static str,
) -> actix_web::HttpResponse {
    let etag = cached["etag"].as_str().unwrap_or_default();
    let matches = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let mut response = if matches { actix_web::HttpResponse::NotModified() } else { actix_web::HttpResponse::Ok() };
    response.insert_header((header::ETAG, etag)).insert_header((header::CACHE_CONTROL, cache_control));
    if matches {
        return response.finish();
    }
    response.content_type("application/json").body(cached["body"].as_str().unwrap_or_default().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let c = encode_cursor("513431");
        assert_eq!(decode_cursor(Some(&c)).expect("ok"), Some("513431".into()));
        assert!(decode_cursor(Some("%%%")).is_err());
    }

    #[test]
    fn pages_know_whether_more_follow() {
        let (items, next) = page(vec![1, 2, 3], 2, |n| n.to_string());
        assert_eq!(items, vec![1, 2]);
        assert_eq!(next, Some(encode_cursor("2")));
        let (_, next) = page(vec![1, 2], 2, |n| n.to_string());
        assert_eq!(next, None);
    }

    #[test]
    fn limits_are_capped() {
        assert_eq!(limit(None).expect("default"), DEFAULT_LIMIT);
        assert!(limit(Some(0)).is_err());
        assert!(limit(Some(201)).is_err());
    }
}
