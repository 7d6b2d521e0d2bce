//! Login, refresh, logout and `me`. The refresh token is returned in the body (for integrations)
//! and also set as an HttpOnly cookie scoped to `/api/v1/auth`, so the SPA never stores it.

use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Caller, jwt, password, refresh, throttle};
use crate::error::{ApiError, ApiResult, Problem, ReadErrors, Unauthenticated};
use crate::extractors::Json;
use crate::state::AppState;
use crate::tr;
use crate::users::model::User;
use crate::users::store as users;

pub const REFRESH_COOKIE: &str = "zx_refresh";

#[derive(Deserialize, ToSchema)]
pub struct LoginRequest {
    pub username: String,
    #[schema(write_only)]
    pub password: String,
}

#[derive(Deserialize, ToSchema, Default)]
pub struct RefreshRequest {
    /// Optional when the `zx_refresh` cookie is sent.
    pub refresh_token: Option<String>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct TokenResponse {
    /// JWT access token for `Authorization: Bearer …`.
    pub access_token: String,
    /// Single-use: each refresh returns a new one.
    pub refresh_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
}

fn session_response(state: &AppState, user_id: &str, refresh_token: String) -> ApiResult<HttpResponse> {
    let access_token = state.jwt.issue(user_id, state.clock.now())?;
    let cookie =
        refresh_cookie(state, refresh_token.clone()).max_age(CookieDuration::days(refresh::REFRESH_TTL_DAYS)).finish();
    Ok(HttpResponse::Ok().cookie(cookie).json(TokenResponse {
        access_token,
        refresh_token,
        token_type: "Bearer".into(),
        expires_in: jwt::ACCESS_TTL_SECS,
    }))
}

/// The refresh cookie's attributes, one place for setting and clearing it: a browser replaces
/// (and so clears) a cookie only when name, path and domain match, and a clearing `Set-Cookie`
/// without `SameSite`, `HttpOnly` and `Secure` would briefly stand as a weaker cookie.
fn refresh_cookie(state: &AppState, value: String) -> actix_web::cookie::CookieBuilder<'static> {
    Cookie::build(REFRESH_COOKIE, value)
        .path("/api/v1/auth")
        .http_only(true)
        .secure(state.secure_cookies)
        .same_site(SameSite::Strict)
}

/// The client's address as the rate limits see it (through a trusted proxy's `X-Forwarded-For`).
fn peer(state: &AppState, req: &HttpRequest) -> String {
    state.rate_limits.client_address(req)
}

/// Log in with a username and password
///
/// Every attempt counts before its password is checked: at most 5 per username from one address
/// and 20 from one address within a 15-minute window that opens at the first; beyond that, 429
/// with Retry-After and no check. A successful login clears its username's count. Failures
/// from one address never lock the account out of another.
#[utoipa::path(
    post, path = "/api/v1/auth/login", tag = "auth", operation_id = "login",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Tokens; also sets the HttpOnly `zx_refresh` cookie", body = TokenResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts for this username from this address, or from this address; see Retry-After", body = Problem, content_type = "application/problem+json",
         headers(("Retry-After" = u64, description = "Seconds to wait"))),
        Unauthenticated,
    ),
    security(())
)]
pub async fn login(state: web::Data<AppState>, req: HttpRequest, body: Json<LoginRequest>) -> ApiResult<HttpResponse> {
    let LoginRequest { username, password: given } = body.into_inner();
    let addr = peer(&state, &req);
    let keys = throttle::Keys::new(&username, &addr);
    let now = state.clock.now();
    let counted = keys.clone();
    state.db(move |conn| throttle::claim(conn, &counted, now)).await?;
    let name = username.clone();
    let outcome = state
        .db(move |conn| {
            let user = users::by_username(conn, &name)?;
            let Some(user) = user else {
                password::burn_time(&given);
                return Ok(None);
            };
            if user.disabled || !password::verify(&given, &user.password_hash) {
                return Ok(None);
            }
            let token = refresh::issue(conn, &user.id, None, now)?;
            throttle::succeeded(conn, &keys)?;
            Ok(Some((user.id, token)))
        })
        .await?;
    match outcome {
        Some((user_id, token)) => session_response(&state, &user_id, token),
        None => {
            tracing::info!(username = %username, addr = %addr, "failed login");
            Err(ApiError::Unauthorized(tr!("用户名或密码错误。", "Wrong username or password.")))
        }
    }
}

fn presented_token(req: &HttpRequest, body: Option<Json<RefreshRequest>>) -> Option<String> {
    body.and_then(|b| b.into_inner().refresh_token)
        .or_else(|| req.cookie(REFRESH_COOKIE).map(|c| c.value().to_owned()))
        .filter(|t| !t.is_empty())
}

/// Exchange a refresh token for new tokens
///
/// The presented token is used up; presenting it again revokes every token of its session.
#[utoipa::path(
    post, path = "/api/v1/auth/refresh", tag = "auth", operation_id = "refreshSession",
    request_body(content = RefreshRequest, description = "May be empty when the `zx_refresh` cookie is sent"),
    responses(
        (status = 200, description = "New tokens", body = TokenResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        Unauthenticated,
    ),
    security(())
)]
pub async fn refresh_session(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Option<Json<RefreshRequest>>,
) -> ApiResult<HttpResponse> {
    let secret = presented_token(&req, body).ok_or_else(|| {
        ApiError::Unauthorized(tr!(
            "请提供 refresh_token 或 zx_refresh Cookie。",
            "Send a refresh_token or the zx_refresh cookie."
        ))
    })?;
    let now = state.clock.now();
    let rotated = state
        .tx(move |conn| match refresh::rotate(conn, &secret, now)? {
            refresh::Rotation::Rotated { user_id, next } => {
                let active = users::get(conn, &user_id)?.is_some_and(|u| !u.disabled);
                Ok(active.then_some((user_id, next)))
            }
            refresh::Rotation::Refused => Ok(None),
        })
        .await?;
    match rotated {
        Some((user_id, next)) => session_response(&state, &user_id, next),
        None => Err(ApiError::Unauthorized(tr!(
            "刷新令牌无效、已过期或已吊销，请重新登录。",
            "The refresh token is invalid, expired or revoked."
        ))),
    }
}

/// Log out: revoke the session's refresh tokens
#[utoipa::path(
    post, path = "/api/v1/auth/logout", tag = "auth", operation_id = "logout",
    request_body(content = RefreshRequest, description = "May be empty when the `zx_refresh` cookie is sent"),
    responses(
        (status = 204, description = "Logged out; the cookie is cleared"),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
pub async fn logout(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Option<Json<RefreshRequest>>,
) -> ApiResult<HttpResponse> {
    if let Some(secret) = presented_token(&req, body) {
        let now = state.clock.now();
        state.db(move |conn| refresh::revoke(conn, &secret, now)).await?;
    }
    let mut gone = refresh_cookie(&state, String::new()).finish();
    gone.make_removal();
    Ok(HttpResponse::NoContent().cookie(gone).finish())
}

/// The authenticated user
#[utoipa::path(
    get, path = "/api/v1/me", tag = "auth", operation_id = "getMe",
    responses(
        (status = 200, description = "The caller's account", body = User),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn me(state: web::Data<AppState>, caller: Caller) -> ApiResult<web::Json<User>> {
    if caller.is_service_account {
        return Err(ApiError::NotFound);
    }
    let id = caller.actor_id.clone();
    let row = state.db(move |conn| users::get(conn, &id)).await?.ok_or(ApiError::NotFound)?;
    Ok(web::Json(User::from(&row)))
}
