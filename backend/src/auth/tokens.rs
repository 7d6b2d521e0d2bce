//! Service accounts for integrations: long-lived API tokens, shown once, stored hashed,
//! revocable, with a role and scope under the same rules as user accounts.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::caller::API_TOKEN_PREFIX;
use super::{Caller, random_token, token_digest};
use crate::audit;
use crate::db::DbConn;
use crate::db::schema::api_tokens;
use crate::domain::Role;
use crate::error::{ApiError, ApiResult, CreateErrors, Problem, ReadErrors, Unauthenticated};
use crate::extractors::Json;
use crate::http::{self, Items};
use crate::state::AppState;
use crate::tr;
use crate::users::store::granted_scope;

use super::scope::INTEGRATION_ISSUERS as ISSUERS;

#[derive(Queryable, Selectable, Insertable, Clone)]
#[diesel(table_name = api_tokens)]
struct TokenRow {
    id: String,
    name: String,
    token_hash: String,
    role: Role,
    province_code: Option<String>,
    county_code: Option<String>,
    organization_id: Option<String>,
    created_by: String,
    created_at: NaiveDateTime,
    last_used_at: Option<NaiveDateTime>,
    revoked_at: Option<NaiveDateTime>,
    version: i64,
}

/// An API token's metadata (never its secret).
#[derive(Serialize, Deserialize, ToSchema)]
pub struct ApiToken {
    pub id: String,
    pub name: String,
    pub role: Role,
    pub province_code: Option<String>,
    pub county_code: Option<String>,
    pub organization_id: Option<String>,
    /// Id of the user who issued it.
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl From<&TokenRow> for ApiToken {
    fn from(r: &TokenRow) -> Self {
        Self {
            id: r.id.clone(),
            name: r.name.clone(),
            role: r.role,
            province_code: r.province_code.clone(),
            county_code: r.county_code.clone(),
            organization_id: r.organization_id.clone(),
            created_by: r.created_by.clone(),
            created_at: r.created_at.and_utc(),
            last_used_at: r.last_used_at.map(|t| t.and_utc()),
            revoked_at: r.revoked_at.map(|t| t.and_utc()),
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateApiToken {
    /// What the integration is, e.g. `四川省统计系统`.
    #[schema(schema_with = crate::bounds::short_name)]
    pub name: String,
    pub role: Role,
    #[schema(schema_with = crate::bounds::province_code_or_null)]
    pub province_code: Option<String>,
    #[schema(schema_with = crate::bounds::county_code_or_null)]
    pub county_code: Option<String>,
    pub organization_id: Option<String>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct CreatedApiToken {
    pub token: ApiToken,
    /// The bearer secret. Shown only in this response; store it now.
    pub secret: String,
}

fn token_etag(t: &TokenRow) -> String {
    http::etag("api-token", &t.id, t.version)
}

fn visible(caller: &Caller, row: Option<TokenRow>) -> ApiResult<TokenRow> {
    row.filter(|t| caller.may_issue_token(t.role, t.province_code.as_deref())).ok_or(ApiError::NotFound)
}

fn load(conn: &mut DbConn, id: &str) -> ApiResult<Option<TokenRow>> {
    Ok(api_tokens::table.find(id).select(TokenRow::as_select()).first(conn).optional()?)
}

/// List API tokens in the caller's scope
#[utoipa::path(
    get, path = "/api/v1/api-tokens", tag = "api-tokens", operation_id = "listApiTokens",
    responses(
        (status = 200, description = "Tokens, newest first", body = Items<ApiToken>),
        (status = 403, description = "The role may not manage tokens", body = Problem, content_type = "application/problem+json"),
        Unauthenticated,
    ),
    security(("bearer" = []))
)]
pub async fn list_tokens(state: web::Data<AppState>, caller: Caller) -> ApiResult<web::Json<Items<ApiToken>>> {
    caller.require_role(ISSUERS)?;
    let scope = caller.account_province_scope().map(str::to_owned);
    let rows: Vec<TokenRow> = state
        .db(move |conn| {
            let mut q = api_tokens::table.select(TokenRow::as_select()).into_boxed();
            if let Some(p) = scope {
                q = q.filter(api_tokens::province_code.eq(p));
            }
            Ok(q.order(api_tokens::id.desc()).load(conn)?)
        })
        .await?;
    let items = rows
        .into_iter()
        .filter(|t| caller.may_issue_token(t.role, t.province_code.as_deref()))
        .map(|t| ApiToken::from(&t))
        .collect();
    Ok(web::Json(Items { items }))
}

/// Issue an API token for an integration
///
/// Issued by a person (national admin, or provincial officer within its province), never by
/// another API token (403): a token's rights derive from the account that issued it, and it
/// stops working while that account is disabled or no longer may issue it.
#[utoipa::path(
    post, path = "/api/v1/api-tokens", tag = "api-tokens", operation_id = "createApiToken",
    request_body = CreateApiToken,
    responses(
        (status = 201, description = "The token and its secret, shown once (`Cache-Control: no-store`)", body = CreatedApiToken,
         headers(("Location" = String), ("ETag" = String))),
        (status = 409, description = "A retry with the Idempotency-Key of a token already issued: the secret is not \
         shown again (revoke the token at Location and issue another)", body = Problem, content_type = "application/problem+json",
         headers(("Location" = String))),
        (status = 403, description = "The caller may not grant this role or scope, or is itself an API token: tokens are issued by people", body = Problem, content_type = "application/problem+json"),
        CreateErrors,
    ),
    security(("bearer" = []))
)]
pub async fn create_token(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<CreateApiToken>,
) -> ApiResult<HttpResponse> {
    caller.require_role(ISSUERS)?;
    // A token's rights are checked against its issuer on every use; a token that issued tokens
    // would let them outlive every person who answers for them.
    if caller.is_service_account {
        return Err(ApiError::Forbidden(tr!(
            "API 令牌不能签发令牌，请由账号登录后签发。",
            "An API token cannot issue tokens; sign in as a person to issue one."
        )));
    }
    let body = body.into_inner();
    let name = body.name.trim().to_owned();
    if !crate::bounds::SHORT_NAME.accepts(&name) {
        return Err(ApiError::field("name", tr!("1–100 个字符", "1–100 characters")));
    }
    let secret = random_token(32);
    let digest = token_digest(&secret);
    let row = state
        .tx(move |conn| {
            let (province_code, county_code, organization_id) = granted_scope(
                conn,
                &caller,
                body.role,
                (body.province_code.as_deref(), body.county_code.as_deref(), body.organization_id.as_deref()),
                tr!("您不能签发该角色或范围的令牌。", "You may not issue a token with this role or scope."),
            )?;
            let row = TokenRow {
                id: uuid::Uuid::now_v7().to_string(),
                name,
                token_hash: digest,
                role: body.role,
                province_code,
                county_code,
                organization_id,
                created_by: caller.actor_id.clone(),
                created_at: caller.now,
                last_used_at: None,
                revoked_at: None,
                version: 1,
            };
            diesel::insert_into(api_tokens::table).values(&row).execute(conn)?;
            audit::record(
                conn,
                &caller,
                "api_token.create",
                "api_token",
                &row.id,
                None::<&ApiToken>,
                Some(&ApiToken::from(&row)),
            )?;
            Ok(row)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/api-tokens/{}", row.id)))
        .insert_header((header::ETAG, token_etag(&row)))
        // The secret is shown once: kept by no cache, and by no idempotency record.
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(CreatedApiToken { token: ApiToken::from(&row), secret: format!("{API_TOKEN_PREFIX}{secret}") }))
}

/// Read an API token's metadata
#[utoipa::path(
    get, path = "/api/v1/api-tokens/{id}", tag = "api-tokens", operation_id = "getApiToken",
    params(("id" = String, Path, description = "Token id")),
    responses(
        (status = 200, description = "The token", body = ApiToken, headers(("ETag" = String))),
        (status = 403, description = "The role may not manage tokens", body = Problem, content_type = "application/problem+json"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn get_token(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    caller.require_role(ISSUERS)?;
    let id = id.into_inner();
    let row = visible(&caller, state.db(move |conn| load(conn, &id)).await?)?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, token_etag(&row))).json(ApiToken::from(&row)))
}

/// Revoke an API token
#[utoipa::path(
    delete, path = "/api/v1/api-tokens/{id}", tag = "api-tokens", operation_id = "revokeApiToken",
    params(
        ("id" = String, Path, description = "Token id"),
        ("If-Match" = String, Header, description = "The ETag last read"),
    ),
    responses(
        (status = 204, description = "Revoked; the secret stops working at once"),
        (status = 403, description = "The role may not manage tokens", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Stale If-Match", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn revoke_token(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    caller.require_role(ISSUERS)?;
    let if_match = http::if_match_value(&req)?;
    let id = id.into_inner();
    state
        .tx(move |conn| {
            let before = visible(&caller, load(conn, &id)?)?;
            http::require_if_match_value(&if_match, &token_etag(&before))?;
            let mut after = before.clone();
            after.revoked_at = Some(after.revoked_at.unwrap_or(caller.now));
            after.version += 1;
            diesel::update(api_tokens::table.find(&id).filter(api_tokens::version.eq(before.version)))
                .set((api_tokens::revoked_at.eq(after.revoked_at), api_tokens::version.eq(after.version)))
                .execute(conn)?;
            audit::record(
                conn,
                &caller,
                "api_token.revoke",
                "api_token",
                &id,
                Some(&ApiToken::from(&before)),
                Some(&ApiToken::from(&after)),
            )
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
