//! The authenticated party of a request: a user (JWT access token) or a service account
//! (API token). Its role and scope are read from the database on every request, so disabling a
//! user or revoking a token takes effect at once.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use actix_web::{FromRequest, HttpMessage, HttpRequest, dev::Payload, http::header, web};
use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{api_tokens, organizations, users};
use crate::domain::{Department, Role};
use crate::error::ApiError;
use crate::ops::request_context::RequestId;
use crate::state::AppState;
use crate::tr;
use crate::users::model::UserRow;

pub use crate::secrets::API_TOKEN_PREFIX;

/// Serializable so a background job runs as the caller who asked for it (`jobs::worker`).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Caller {
    /// The user id, or the API token id for a service account.
    pub actor_id: String,
    /// `username` or `token:<name>`, as shown in the audit log.
    pub label: String,
    /// Who the caller is to the people reading a history: the display name, with the
    /// organization for its members (`张三（某某基金会）`); a token's label. Histories, landings,
    /// updates and consents record this, never the login name.
    pub name: String,
    pub role: Role,
    pub province_code: Option<String>,
    pub county_code: Option<String>,
    pub organization_id: Option<String>,
    /// A coordinator's department (乡村振兴 or 民政); recorded in the audit log with the act.
    pub department: Option<Department>,
    pub is_service_account: bool,
    pub request_id: Option<String>,
    pub now: NaiveDateTime,
}

impl Caller {
    /// `organization` is the name of the user's organization, for its members.
    pub fn from_user(u: &UserRow, organization: Option<&str>, request_id: Option<String>, now: NaiveDateTime) -> Self {
        Self {
            actor_id: u.id.clone(),
            label: u.username.clone(),
            name: person_name(&u.display_name, organization),
            role: u.role(),
            province_code: u.province_code.clone(),
            county_code: u.county_code.clone(),
            organization_id: u.organization_id.clone(),
            department: u.department,
            is_service_account: false,
            request_id,
            now,
        }
    }
}

impl Caller {
    /// A member of the public (the showcase, without login): reads what a viewer reads, the
    /// published rows only, and may change nothing.
    pub fn public(now: NaiveDateTime) -> Self {
        Self {
            actor_id: String::new(),
            label: "public".into(),
            name: "public".into(),
            role: Role::Viewer,
            province_code: None,
            county_code: None,
            organization_id: None,
            department: None,
            is_service_account: false,
            request_id: None,
            now,
        }
    }
}

/// A person as histories show them: `张三（某某基金会）` for an organization's member.
pub fn person_name(display_name: &str, organization: Option<&str>) -> String {
    match organization {
        Some(org) => format!("{display_name}（{org}）"),
        None => display_name.to_owned(),
    }
}

fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim().to_owned())
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = bearer(req);
        let request_id = req.extensions().get::<RequestId>().map(|r| r.0.clone());
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::Internal(anyhow::anyhow!("state missing")))?;
            let token = token
                .ok_or_else(|| ApiError::Unauthorized(tr!("请使用 Bearer 令牌登录后访问。", "Send a Bearer token.")))?;
            let now = state.clock.now();
            if let Some(secret) = token.strip_prefix(API_TOKEN_PREFIX) {
                let digest = super::token_digest(secret);
                return state.db(move |conn| service_account(conn, &digest, request_id, now)).await;
            }
            let user_id = state.jwt.verify(&token, now).ok_or_else(|| {
                ApiError::Unauthorized(tr!("访问令牌无效或已过期。", "The access token is invalid or expired."))
            })?;
            let known = match state.known_users.get(&user_id) {
                Some(known) => known,
                None => {
                    let generation = state.known_users.generation();
                    let id = user_id.clone();
                    // One query: the user and, for an organization's member, the organization's name.
                    let found: Option<(UserRow, Option<String>)> = state
                        .db(move |conn| {
                            Ok(users::table
                                .left_join(
                                    organizations::table.on(organizations::id.nullable().eq(users::organization_id)),
                                )
                                .filter(users::id.eq(&id))
                                .select((UserRow::as_select(), organizations::name.nullable()))
                                .first(conn)
                                .optional()?)
                        })
                        .await?;
                    let Some(found) = found else { return Err(gone()) };
                    let known = Arc::new(found);
                    state.known_users.remember(&user_id, generation, known.clone());
                    known
                }
            };
            let (user, organization) = &*known;
            if user.disabled {
                return Err(gone());
            }
            Ok(Caller::from_user(user, organization.as_deref(), request_id, now))
        })
    }
}

fn service_account(
    conn: &mut crate::db::DbConn,
    digest: &str,
    request_id: Option<String>,
    now: NaiveDateTime,
) -> Result<Caller, ApiError> {
    type TokenScope = (String, String, String, Option<String>, Option<String>, Option<String>, Option<NaiveDateTime>);
    let row: Option<(TokenScope, UserRow)> = api_tokens::table
        .inner_join(users::table.on(users::id.eq(api_tokens::created_by)))
        .filter(api_tokens::token_hash.eq(digest))
        .filter(api_tokens::revoked_at.is_null())
        .select((
            (
                api_tokens::id,
                api_tokens::name,
                api_tokens::role,
                api_tokens::province_code,
                api_tokens::county_code,
                api_tokens::organization_id,
                api_tokens::last_used_at,
            ),
            UserRow::as_select(),
        ))
        .first(conn)
        .optional()?;
    let Some(((id, name, role, province_code, county_code, organization_id, last_used), issuer)) = row else {
        return Err(ApiError::Unauthorized(tr!("API 令牌无效或已吊销。", "The API token is unknown or revoked.")));
    };
    // An unknown role in the database is an error to look at, never a guess at a lesser role.
    let role: Role =
        role.parse().map_err(|e: String| ApiError::Internal(anyhow::anyhow!("an API token's role: {e}")))?;
    // A token never exceeds its issuer's rights, now as when it was issued: it stops working
    // while the account that issued it is disabled, or no longer may issue such a token (its
    // role or province changed).
    if !issuer_grants(&issuer, role, province_code.as_deref(), now) {
        return Err(ApiError::Unauthorized(tr!(
            "签发该 API 令牌的账号已停用或已无权签发此令牌。",
            "The account that issued this API token is disabled or may no longer issue it."
        )));
    }
    // Recording every use would turn each read into a write; once a minute is enough to see
    // whether an integration is alive.
    if last_used.is_none_or(|t| now - t > chrono::Duration::minutes(1)) {
        diesel::update(api_tokens::table.find(&id)).set(api_tokens::last_used_at.eq(now)).execute(conn)?;
    }
    Ok(Caller {
        actor_id: id,
        label: format!("token:{name}"),
        name: format!("token:{name}"),
        role,
        province_code,
        county_code,
        organization_id,
        department: None,
        is_service_account: true,
        request_id,
        now,
    })
}

/// Whether the account that issued an API token or a webhook subscription of `role` (and
/// `province`) still may: enabled, and still allowed to issue it (its role or province may have
/// changed).
pub fn issuer_grants(issuer: &UserRow, role: Role, province: Option<&str>, now: NaiveDateTime) -> bool {
    !issuer.disabled && Caller::from_user(issuer, None, None, now).may_issue_token(role, province)
}

fn gone() -> ApiError {
    ApiError::Unauthorized(tr!("账号已停用或不存在。", "The account is disabled or gone."))
}

/// Whether `caller`, as recorded when a background job was queued, may still act as recorded
/// now: the account enabled with the same role and scope, or the API token unrevoked and its
/// issuer still allowed to issue it. A job that runs later than its request (an export after a
/// queue, a takeover) runs only while this holds, so disabling an account or revoking a token
/// also stops its queued work.
pub fn still_holds(conn: &mut crate::db::DbConn, caller: &Caller) -> Result<bool, ApiError> {
    if caller.is_service_account {
        let row: Option<(String, Option<String>, UserRow)> = api_tokens::table
            .inner_join(users::table.on(users::id.eq(api_tokens::created_by)))
            .filter(api_tokens::id.eq(&caller.actor_id))
            .filter(api_tokens::revoked_at.is_null())
            .select((api_tokens::role, api_tokens::province_code, UserRow::as_select()))
            .first(conn)
            .optional()?;
        return Ok(row.is_some_and(|(role, province, issuer)| {
            role == caller.role.as_str() && issuer_grants(&issuer, caller.role, province.as_deref(), caller.now)
        }));
    }
    let user: Option<UserRow> = users::table.find(&caller.actor_id).select(UserRow::as_select()).first(conn).optional()?;
    Ok(user.is_some_and(|u| {
        !u.disabled
            && u.role() == caller.role
            && u.province_code == caller.province_code
            && u.county_code == caller.county_code
            && u.organization_id == caller.organization_id
    }))
}
