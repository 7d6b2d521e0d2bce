//! `Idempotency-Key` on creates (API.md): a POST retried with the same key by the same caller
//! gets the first response again instead of making a second row. Keys live for 24 hours. A
//! retry while the first request is still running is a 409; a failed first attempt (non-2xx)
//! leaves no key, so the corrected request can reuse it.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{FromRequest, HttpResponse, web};
use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::auth::Caller;
use crate::db::schema::idempotency_keys;
use crate::error::ApiError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::tr;

pub const HEADER: &str = "idempotency-key";
const TTL_HOURS: i64 = 24;

type Stored = (Option<i64>, Option<String>, Option<String>, Option<String>, String);

enum Claim {
    /// The key is ours now: run the request.
    New,
    /// The first request finished: replay it.
    Done {
        status: u16,
        location: Option<String>,
        etag: Option<String>,
        body: String,
    },
    /// The first request is still running, or the key was used for another endpoint.
    Busy,
    Mismatch,
}

fn claim(
    state: &AppState,
    actor: String,
    key: String,
    method: String,
    path: String,
    now: NaiveDateTime,
) -> Result<Claim, ApiError> {
    let mut conn = state.pool.get()?;
    crate::db::write_transaction::<_, ApiError, _>(&mut conn, |conn| {
        diesel::delete(
            idempotency_keys::table.filter(idempotency_keys::created_at.lt(now - chrono::Duration::hours(TTL_HOURS))),
        )
        .execute(conn)?;
        let found: Option<Stored> = idempotency_keys::table
            .find((&actor, &key))
            .select((
                idempotency_keys::status,
                idempotency_keys::location,
                idempotency_keys::etag,
                idempotency_keys::body,
                idempotency_keys::path,
            ))
            .first(conn)
            .optional()?;
        Ok(match found {
            Some((_, _, _, _, stored_path)) if stored_path != path => Claim::Mismatch,
            Some((Some(status), location, etag, body, _)) => {
                Claim::Done { status: status as u16, location, etag, body: body.unwrap_or_default() }
            }
            Some((None, ..)) => Claim::Busy,
            None => {
                diesel::insert_into(idempotency_keys::table)
                    .values((
                        idempotency_keys::actor_id.eq(&actor),
                        idempotency_keys::idempotency_key.eq(&key),
                        idempotency_keys::method.eq(&method),
                        idempotency_keys::path.eq(&path),
                        idempotency_keys::created_at.eq(now),
                    ))
                    .execute(conn)?;
                Claim::New
            }
        })
    })
}

pub async fn idempotency(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let key = req.headers().get(HEADER).and_then(|v| v.to_str().ok()).map(str::trim).map(str::to_owned);
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let (Some(key), Some(state), true) = (key, state, req.method() == Method::POST) else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let lang = Lang::of(req.request());
    if key.is_empty() || key.len() > 255 {
        let e = ApiError::field("Idempotency-Key", tr!("应为 1–255 个字符", "1–255 characters"));
        return Ok(req.into_response(e.response(lang, None)));
    }
    // Unauthenticated requests are left to the handler, which refuses them.
    let Ok(caller) = Caller::from_request(req.request(), &mut Payload::None).await else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let actor = caller.actor_id.clone();
    let path = req.path().to_owned();
    let (a, k, p) = (actor.clone(), key.clone(), path.clone());
    let st = state.clone();
    let claimed = web::block(move || claim(&st, a, k, "POST".into(), p, caller.now)).await.map_err(ApiError::from)?;
    match claimed? {
        Claim::Done { status, location, etag, body } => {
            let mut res = HttpResponse::build(StatusCode::from_u16(status).unwrap_or(StatusCode::OK));
            res.content_type("application/json").insert_header(("idempotent-replayed", "true"));
            if let Some(l) = location {
                res.insert_header((header::LOCATION, l));
            }
            if let Some(e) = etag {
                res.insert_header((header::ETAG, e));
            }
            return Ok(req.into_response(res.body(body)));
        }
        Claim::Busy => {
            let e = ApiError::Conflict(tr!(
                "使用该 Idempotency-Key 的请求仍在处理中。",
                "A request with this Idempotency-Key is still being processed."
            ));
            return Ok(req.into_response(e.response(lang, None)));
        }
        Claim::Mismatch => {
            let e = ApiError::field(
                "Idempotency-Key",
                tr!("该键已用于另一个接口", "this key was used for another endpoint"),
            );
            return Ok(req.into_response(e.response(lang, None)));
        }
        Claim::New => {}
    }
    let res = next.call(req).await?.map_into_boxed_body();
    let status = res.status();
    let location = res.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let etag = res.headers().get(header::ETAG).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let (http_req, res) = res.into_parts();
    let (head, body) = res.into_parts();
    let bytes = actix_web::body::to_bytes(body).await.unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    web::block(move || -> Result<(), ApiError> {
        let mut conn = state.pool.get()?;
        let row = idempotency_keys::table.find((&actor, &key));
        if status.is_success() {
            diesel::update(row)
                .set((
                    idempotency_keys::status.eq(i64::from(status.as_u16())),
                    idempotency_keys::location.eq(location),
                    idempotency_keys::etag.eq(etag),
                    idempotency_keys::body.eq(text),
                ))
                .execute(&mut conn)?;
        } else {
            diesel::delete(row).execute(&mut conn)?;
        }
        Ok(())
    })
    .await
    .map_err(ApiError::from)??;
    let mut res = head.set_body(BoxBody::new(bytes));
    res.headers_mut().insert(HeaderName::from_static("idempotent-replayed"), HeaderValue::from_static("false"));
    Ok(ServiceResponse::new(http_req, res))
}
