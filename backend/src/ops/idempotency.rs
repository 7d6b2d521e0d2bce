//! `Idempotency-Key` on POSTs (API.md; the IETF httpapi Idempotency-Key draft): a request retried
//! with the same key by the same caller gets the first response again instead of acting twice.
//!
//! - The key is bound to its request: the path, and a SHA-256 of the query and body. The same
//!   key with another request is refused (422), never answered with the first response.
//! - The key's claim, the write and the stored response commit in one transaction (the request's
//!   deferred transaction, `db::work::Deferred`): a crash anywhere before the commit leaves no
//!   claim to block the retry, and a concurrent retry waits for the first and replays it.
//! - A response marked `Cache-Control: no-store` (it holds a secret, e.g. an API token) is not
//!   kept: its replay is a 409 naming the created resource, and the secret is stored nowhere.
//! - A failed request (non-2xx) rolls back with its claim; the corrected request may reuse the
//!   key. Keys live for 24 hours.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{FromRequest, HttpMessage, HttpResponse, web};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use futures_util::StreamExt;
use sha2::Digest;

use crate::auth::Caller;
use crate::db::schema::idempotency_keys;
use crate::db::work::{Deferred, Finished};
use crate::db::{DbConn, is_unique_violation};
use crate::error::ApiError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::tr;

pub const HEADER: &str = "idempotency-key";
const REPLAYED: &str = "idempotent-replayed";
const TTL_HOURS: i64 = 24;
/// The most this layer reads to fingerprint a body; every route's own limit is below it.
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// The request a key stands for.
#[derive(Clone)]
struct Request {
    actor: String,
    key: String,
    path: String,
    /// SHA-256 of the query string and the body, hex.
    fingerprint: String,
    now: NaiveDateTime,
}

impl Request {
    fn cutoff(&self) -> NaiveDateTime {
        self.now - chrono::Duration::hours(TTL_HOURS)
    }
}

/// A finished request's record.
#[derive(Queryable)]
struct Record {
    path: String,
    fingerprint: String,
    status: i64,
    location: Option<String>,
    etag: Option<String>,
    /// `None` when the response was not kept (`Cache-Control: no-store`).
    body: Option<String>,
}

/// The finished request with this key, if any. A record without a response is not one: the
/// earlier scheme committed claims on their own, and a crash left them behind.
fn finished(conn: &mut DbConn, r: &Request) -> Result<Option<Record>, ApiError> {
    Ok(idempotency_keys::table
        .find((&r.actor, &r.key))
        .filter(idempotency_keys::created_at.ge(r.cutoff()))
        .filter(idempotency_keys::status.is_not_null())
        .select((
            idempotency_keys::path,
            idempotency_keys::request_hash,
            idempotency_keys::status.assume_not_null(),
            idempotency_keys::location,
            idempotency_keys::etag,
            idempotency_keys::body,
        ))
        .first(conn)
        .optional()?)
}

/// The claim, first in the request's write transaction. A concurrent claim of the same key
/// waits here until the other transaction ends; if that one committed, this is a unique
/// violation and `lost` says so (the request will then replay the winner's response).
fn claim(conn: &mut DbConn, r: &Request, lost: &AtomicBool) -> Result<(), ApiError> {
    // What expired or was left behind without a response blocks nothing.
    diesel::delete(
        idempotency_keys::table
            .find((&r.actor, &r.key))
            .filter(idempotency_keys::status.is_null().or(idempotency_keys::created_at.lt(r.cutoff()))),
    )
    .execute(conn)?;
    let inserted = diesel::insert_into(idempotency_keys::table)
        .values((
            idempotency_keys::actor_id.eq(&r.actor),
            idempotency_keys::idempotency_key.eq(&r.key),
            idempotency_keys::method.eq("POST"),
            idempotency_keys::path.eq(&r.path),
            idempotency_keys::request_hash.eq(&r.fingerprint),
            idempotency_keys::created_at.eq(r.now),
        ))
        .execute(conn);
    match inserted {
        Ok(_) => Ok(()),
        Err(e) if is_unique_violation(&e) => {
            lost.store(true, Ordering::SeqCst);
            Err(ApiError::Conflict(tr!(
                "使用该 Idempotency-Key 的请求已由另一请求完成。",
                "Another request with this Idempotency-Key finished first."
            )))
        }
        Err(e) => Err(e.into()),
    }
}

/// The response to a request whose key is already used: the replay, or why not.
fn answer(found: Record, r: &Request, lang: Lang) -> Result<HttpResponse, ApiError> {
    if found.path != r.path {
        return Err(ApiError::field(
            "Idempotency-Key",
            tr!("该键已用于另一个接口", "this key was used for another endpoint"),
        ));
    }
    // Records from before fingerprints were kept have none: they replay as before.
    if !found.fingerprint.is_empty() && found.fingerprint != r.fingerprint {
        return Err(ApiError::field(
            "Idempotency-Key",
            tr!("该键已用于内容不同的另一请求", "this key was used for a request with a different body"),
        ));
    }
    let Some(body) = found.body else {
        let mut res = ApiError::Conflict(tr!(
            "使用该 Idempotency-Key 的请求已成功；其响应含仅显示一次的密钥，不再重复提供。请使用 Location 所指的对象。",
            "The request with this Idempotency-Key succeeded; its response held a secret that is shown only once. \
             The object made is at Location."
        ))
        .response(lang, None);
        if let Some(l) = found.location.and_then(|l| HeaderValue::from_str(&l).ok()) {
            res.headers_mut().insert(header::LOCATION, l);
        }
        return Ok(res);
    };
    let mut res = HttpResponse::build(StatusCode::from_u16(found.status as u16).unwrap_or(StatusCode::OK));
    res.content_type("application/json").insert_header((REPLAYED, "true"));
    if let Some(l) = found.location {
        res.insert_header((header::LOCATION, l));
    }
    if let Some(e) = found.etag {
        res.insert_header((header::ETAG, e));
    }
    Ok(res.body(body))
}

/// Reads the body to fingerprint it and puts it back for the handler.
async fn fingerprint(req: &mut ServiceRequest) -> Result<String, actix_web::Error> {
    let mut payload = req.take_payload();
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk?;
        if body.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(PayloadError::Overflow.into());
        }
        body.extend_from_slice(&chunk);
    }
    let body = body.freeze();
    let mut hash = sha2::Sha256::new();
    hash.update(req.query_string().as_bytes());
    hash.update([0]);
    hash.update(&body);
    req.set_payload(Payload::from(body));
    Ok(hex::encode(hash.finalize()))
}

pub async fn idempotency(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let key = req.headers().get(HEADER).and_then(|v| v.to_str().ok()).map(str::trim).map(str::to_owned);
    let state = req.app_data::<web::Data<AppState>>().cloned();
    // Sign-in and session routes are not creates (and their responses hold secrets).
    let applies = req.method() == Method::POST && !req.path().starts_with("/api/v1/auth/");
    let (Some(key), Some(state), true) = (key, state, applies) else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let lang = Lang::of(req.request());
    if key.is_empty() || key.len() > 255 {
        return Err(ApiError::field("Idempotency-Key", tr!("应为 1–255 个字符", "1–255 characters")).into());
    }
    let caller = match Caller::from_request(req.request(), &mut Payload::None).await {
        Ok(caller) => caller,
        // The handler refuses the unauthenticated request in its own words.
        Err(ApiError::Unauthorized(_)) => return Ok(next.call(req).await?.map_into_boxed_body()),
        Err(e) => return Err(e.into()),
    };
    let request = Request {
        actor: caller.actor_id.clone(),
        key,
        path: req.path().to_owned(),
        fingerprint: fingerprint(&mut req).await?,
        now: caller.now,
    };
    let r = request.clone();
    let found = state
        .db(move |conn| {
            diesel::delete(idempotency_keys::table.filter(idempotency_keys::created_at.lt(r.cutoff())))
                .execute(conn)?;
            finished(conn, &r)
        })
        .await?;
    if let Some(found) = found {
        return Ok(req.into_response(answer(found, &request, lang)?));
    }

    let lost = Arc::new(AtomicBool::new(false));
    let (r, l) = (request.clone(), lost.clone());
    let deferred = Deferred::new(Arc::new(move |conn: &mut DbConn| claim(conn, &r, &l)));
    let matching = state.matching.generation();
    let res = match deferred.scope(next.call(req)).await {
        Ok(res) => res.map_into_boxed_body(),
        Err(e) => {
            deferred.finish(&state.pool, None).await?;
            return Err(e);
        }
    };
    if lost.load(Ordering::SeqCst) {
        // Another request with this key committed while this one ran: answer as it was answered.
        deferred.finish(&state.pool, None).await?;
        let r = request.clone();
        let found = state.db(move |conn| finished(conn, &r)).await?.ok_or_else(|| {
            ApiError::Internal(anyhow::anyhow!("an idempotency claim was lost to a record that is gone"))
        })?;
        return Ok(res.into_response(answer(found, &request, lang)?));
    }
    if !res.status().is_success() {
        deferred.finish(&state.pool, None).await?;
        return Ok(res);
    }
    let (http_req, res) = res.into_parts();
    let (head, body) = res.into_parts();
    let bytes = actix_web::body::to_bytes(body).await.map_err(|e| ApiError::Internal(anyhow::anyhow!("{e}")))?;
    let store = stored(&head, &bytes, request.clone());
    if deferred.finish(&state.pool, Some(store)).await? == Finished::Committed
        && state.matching.generation() != matching
    {
        // The handler invalidated the matching index before its write was visible to others:
        // once more now that it is.
        state.matching.invalidate();
    }
    let mut res = head.set_body(BoxBody::new(bytes));
    res.headers_mut().insert(HeaderName::from_static(REPLAYED), HeaderValue::from_static("false"));
    Ok(ServiceResponse::new(http_req, res))
}

/// Stores a successful response beside its claim (the body only if it may be kept).
fn stored(head: &actix_web::HttpResponse<()>, bytes: &[u8], r: Request) -> crate::db::work::Store {
    let header_text = |name| head.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let no_store = head
        .headers()
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|d| d.trim().eq_ignore_ascii_case("no-store")));
    let status = i64::from(head.status().as_u16());
    let location = header_text(header::LOCATION);
    let etag = header_text(header::ETAG);
    let body = (!no_store).then(|| String::from_utf8_lossy(bytes).into_owned());
    Box::new(move |conn: &mut DbConn| {
        diesel::update(idempotency_keys::table.find((&r.actor, &r.key)))
            .set((
                idempotency_keys::status.eq(status),
                idempotency_keys::location.eq(location),
                idempotency_keys::etag.eq(etag),
                idempotency_keys::body.eq(body),
            ))
            .execute(conn)?;
        Ok(())
    })
}
