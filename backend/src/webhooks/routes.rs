//! Webhook subscriptions, their delivery log, redelivery and a test ping.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use diesel::prelude::*;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::model::{
    CreateWebhook, CreatedWebhook, DeliveryRow, PatchWebhook, SubscriptionRow, Webhook, WebhookDelivery,
    WebhookDeliveryPolicy,
};
use super::outbox::{self, Event};
use super::store::{self, ATTEMPTS, DISABLE_AFTER, MANAGERS, MAX_PER_PERSON};
use crate::audit;
use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::{users, webhook_deliveries, webhook_subscriptions};
use crate::domain::{DeliveryStatus, WebhookEvent};
use crate::error::{ApiError, ApiResult, ChangeErrors, CreateErrors, Invalid, ListErrors, Problem, ReadErrors};
use crate::extractors::Json;
use crate::http::{self, Page};
use crate::state::AppState;
use crate::tr;
use crate::users::store::granted_scope;

/// The subscriptions and how their deliveries are retried.
#[derive(serde::Serialize, serde::Deserialize, ToSchema)]
pub struct WebhookList {
    pub items: Vec<Webhook>,
    pub policy: WebhookDeliveryPolicy,
}

#[derive(Deserialize, IntoParams, Debug, Default)]
#[into_params(parameter_in = Query)]
pub struct DeliveryQuery {
    pub status: Option<DeliveryStatus>,
    #[param(schema_with = crate::bounds::list_limit)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// Who may change subscriptions: their managers, as people. A token's rights derive from a
/// person, and a leaked one must not redirect or silence another integration's events.
fn changer(caller: &Caller) -> ApiResult<()> {
    caller.require_role(MANAGERS)?;
    if caller.is_service_account {
        return Err(ApiError::Forbidden(tr!(
            "API 令牌不能管理 Webhook 订阅，请由账号登录后操作。",
            "An API token cannot manage webhook subscriptions; sign in as a person."
        )));
    }
    Ok(())
}

fn etag(s: &SubscriptionRow) -> String {
    http::etag("webhook", &s.id, s.version)
}

/// The subscription with its ETag.
fn respond(s: &SubscriptionRow) -> HttpResponse {
    HttpResponse::Ok().insert_header((header::ETAG, etag(s))).json(Webhook::from(s))
}

/// The URL and events, checked; errors name the field.
fn check(name: Option<&str>, url: Option<&str>, events: Option<&[WebhookEvent]>) -> ApiResult<()> {
    let mut errors = Vec::new();
    if let Some(name) = name
        && !crate::bounds::SHORT_NAME.accepts(name.trim())
    {
        errors.push(Invalid::new("name", tr!("1–100 个字符", "1–100 characters")));
    }
    if let Some(url) = url {
        let parsed = reqwest::Url::parse(url).ok().filter(|u| {
            matches!(u.scheme(), "https" | "http")
                && u.host_str().is_some_and(|h| !h.is_empty())
                // credentials in the URL would be shown to whoever reads the subscription: the
                // signature is how a receiver knows the sender
                && u.username().is_empty()
                && u.password().is_none()
                && url.len() <= crate::bounds::WEBHOOK_URL_MAX
        });
        if parsed.is_none() {
            errors.push(Invalid::new(
                "url",
                tr!(
                    "请填写 http(s):// 开头的完整地址（最多 2000 个字符，不含用户名和密码）",
                    "an http(s):// address of at most 2000 characters, without a user name or password"
                ),
            ));
        }
    }
    if let Some(events) = events {
        if events.is_empty() {
            errors.push(Invalid::new("events", tr!("至少选择一个事件", "choose at least one event")));
        }
        if events.contains(&WebhookEvent::Ping) {
            errors.push(Invalid::new("events", tr!("ping 只在测试时发送，不能订阅", "ping is sent on request only")));
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(ApiError::Validation(errors)) }
}

fn events_json(events: &[WebhookEvent]) -> String {
    let mut events = events.to_vec();
    events.sort();
    events.dedup();
    serde_json::to_string(&events).unwrap_or_else(|_| "[]".into())
}

/// List webhook subscriptions
///
/// The subscriptions the caller manages — those it could make, as for API tokens — newest
/// first, with the retry policy.
#[utoipa::path(
    get, path = "/api/v1/webhooks", tag = "webhooks", operation_id = "listWebhooks",
    responses(
        (status = 200, description = "Subscriptions and the delivery policy", body = WebhookList),
        (status = 403, description = "The role may not manage webhooks", body = Problem, content_type = "application/problem+json"),
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn list_webhooks(state: web::Data<AppState>, caller: Caller) -> ApiResult<web::Json<WebhookList>> {
    caller.require_role(MANAGERS)?;
    let rows = state.db(move |conn| store::list(conn, &caller)).await?;
    let settings = &state.webhooks;
    Ok(web::Json(WebhookList {
        items: rows.iter().map(Webhook::from).collect(),
        policy: WebhookDeliveryPolicy {
            attempts: ATTEMPTS,
            retry_base_seconds: settings.retry_base.as_secs_f64(),
            disable_after: DISABLE_AFTER,
            timeout_seconds: settings.timeout.as_secs_f64(),
        },
    }))
}

/// Subscribe to events
///
/// Made by a person (national admin, or provincial officer within its province) with a role and
/// scope it could give an API token: the subscription receives only the events that role and
/// scope may read. Every delivery is signed with the secret returned here, once.
#[utoipa::path(
    post, path = "/api/v1/webhooks", tag = "webhooks", operation_id = "createWebhook",
    request_body = CreateWebhook,
    responses(
        (status = 201, description = "The subscription and its signing secret, shown once (`Cache-Control: no-store`)",
         body = CreatedWebhook, headers(("Location" = String), ("ETag" = String))),
        (status = 403, description = "The caller may not give this role or scope, or is an API token", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The caller already made 50 subscriptions", body = Problem, content_type = "application/problem+json"),
        CreateErrors,
    ),
    security(("bearer" = []))
)]
pub async fn create_webhook(state: web::Data<AppState>, caller: Caller, body: Json<CreateWebhook>) -> ApiResult<HttpResponse> {
    changer(&caller)?;
    let body = body.into_inner();
    check(Some(&body.name), Some(&body.url), Some(&body.events))?;
    let secret = format!("whsec_{}", crate::secrets::random_token(32));
    let kept = secret.clone();
    let row = state
        .tx(move |conn| {
            let (province_code, county_code, organization_id) = granted_scope(
                conn,
                &caller,
                body.role,
                (body.province_code.as_deref(), body.county_code.as_deref(), body.organization_id.as_deref()),
                tr!("您不能以该角色或范围订阅。", "You may not subscribe with this role or scope."),
            )?;
            // One person's creations take turns (PostgreSQL: the person's row is locked; SQLite's
            // writers take turns anyway), so two at once cannot both pass the cap.
            if let DbConn::Postgres(c) = conn {
                users::table.find(&caller.actor_id).select(users::id).for_no_key_update().load::<String>(c)?;
            }
            let made: i64 = webhook_subscriptions::table
                .filter(webhook_subscriptions::created_by.eq(&caller.actor_id))
                .count()
                .get_result(conn)?;
            if made >= MAX_PER_PERSON {
                return Err(ApiError::Conflict(tr!(
                    "每人最多创建 {MAX_PER_PERSON} 个订阅，请先删除不用的订阅。",
                    "At most {MAX_PER_PERSON} subscriptions per person: delete one you no longer use."
                )));
            }
            let row = SubscriptionRow {
                id: uuid::Uuid::now_v7().to_string(),
                name: body.name.trim().to_owned(),
                url: body.url,
                secret: kept,
                events_json: events_json(&body.events),
                role: body.role,
                province_code,
                county_code,
                organization_id,
                enabled: true,
                disabled_reason: None,
                failures: 0,
                created_by: caller.actor_id.clone(),
                created_at: caller.now,
                updated_at: caller.now,
                version: 1,
            };
            diesel::insert_into(webhook_subscriptions::table).values(&row).execute(conn)?;
            audit::record(conn, &caller, "webhook.create", "webhook", &row.id, None::<&Webhook>, Some(&Webhook::from(&row)))?;
            Ok(row)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/webhooks/{}", row.id)))
        .insert_header((header::ETAG, etag(&row)))
        // The secret is shown once: kept by no cache, and by no idempotency record.
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(CreatedWebhook { webhook: Webhook::from(&row), secret }))
}

/// Read a webhook subscription
#[utoipa::path(
    get, path = "/api/v1/webhooks/{id}", tag = "webhooks", operation_id = "getWebhook",
    params(("id" = String, Path, description = "Subscription id")),
    responses(
        (status = 200, description = "The subscription", body = Webhook, headers(("ETag" = String))),
        (status = 403, description = "The role may not manage webhooks", body = Problem, content_type = "application/problem+json"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn get_webhook(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    caller.require_role(MANAGERS)?;
    let row = state.db(move |conn| store::visible(conn, &caller, &id)).await?;
    Ok(respond(&row))
}

/// Change a webhook subscription
///
/// Its name, URL or events, or `enabled`: `false` pauses it and cancels its pending
/// deliveries; `true` enables it again with its failures counted from 0.
#[utoipa::path(
    patch, path = "/api/v1/webhooks/{id}", tag = "webhooks", operation_id = "patchWebhook",
    params(
        ("id" = String, Path, description = "Subscription id"),
        ("If-Match" = String, Header, description = "The ETag last read"),
    ),
    request_body = PatchWebhook,
    responses(
        (status = 200, description = "The subscription as changed", body = Webhook, headers(("ETag" = String))),
        (status = 403, description = "The role may not manage webhooks, or the caller is an API token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each named in `errors`", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn patch_webhook(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<PatchWebhook>,
) -> ApiResult<HttpResponse> {
    changer(&caller)?;
    let if_match = http::if_match_value(&req)?;
    let (id, patch) = (id.into_inner(), body.into_inner());
    check(patch.name.as_deref(), patch.url.as_deref(), patch.events.as_deref())?;
    let row = state
        .tx(move |conn| {
            let before = store::visible(conn, &caller, &id)?;
            http::require_if_match_value(&if_match, &etag(&before))?;
            let mut after = before.clone();
            if let Some(name) = patch.name {
                after.name = name.trim().to_owned();
            }
            if let Some(url) = patch.url {
                after.url = url;
            }
            if let Some(events) = &patch.events {
                after.events_json = events_json(events);
            }
            match patch.enabled {
                Some(true) if !before.enabled => {
                    after.enabled = true;
                    after.failures = 0;
                    after.disabled_reason = None;
                }
                Some(false) if before.enabled => after.enabled = false,
                _ => {}
            }
            after.updated_at = caller.now;
            after.version += 1;
            let changed = diesel::update(
                webhook_subscriptions::table.find(&id).filter(webhook_subscriptions::version.eq(before.version)),
            )
            .set((
                webhook_subscriptions::name.eq(&after.name),
                webhook_subscriptions::url.eq(&after.url),
                webhook_subscriptions::events_json.eq(&after.events_json),
                webhook_subscriptions::enabled.eq(after.enabled),
                webhook_subscriptions::failures.eq(after.failures),
                webhook_subscriptions::disabled_reason.eq(&after.disabled_reason),
                webhook_subscriptions::updated_at.eq(after.updated_at),
                webhook_subscriptions::version.eq(after.version),
            ))
            .execute(conn)?;
            if changed == 0 {
                return Err(ApiError::PreconditionFailed);
            }
            // After the subscription's row (which every change of its deliveries takes first).
            if before.enabled && !after.enabled {
                store::cancel_pending(conn, &id)?;
            }
            audit::record(conn, &caller, "webhook.update", "webhook", &id, Some(&Webhook::from(&before)), Some(&Webhook::from(&after)))?;
            Ok(after)
        })
        .await?;
    Ok(respond(&row))
}

/// Delete a webhook subscription
///
/// Its delivery log goes with it; attempts already queued send nothing.
#[utoipa::path(
    delete, path = "/api/v1/webhooks/{id}", tag = "webhooks", operation_id = "deleteWebhook",
    params(
        ("id" = String, Path, description = "Subscription id"),
        ("If-Match" = String, Header, description = "The ETag last read"),
    ),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "The role may not manage webhooks", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn delete_webhook(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    changer(&caller)?;
    let if_match = http::if_match_value(&req)?;
    let id = id.into_inner();
    state
        .tx(move |conn| {
            let before = store::visible(conn, &caller, &id)?;
            http::require_if_match_value(&if_match, &etag(&before))?;
            diesel::delete(webhook_deliveries::table.filter(webhook_deliveries::subscription_id.eq(&id))).execute(conn)?;
            diesel::delete(webhook_subscriptions::table.find(&id)).execute(conn)?;
            audit::record(conn, &caller, "webhook.delete", "webhook", &id, Some(&Webhook::from(&before)), None::<&Webhook>)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A subscription's delivery log
///
/// Newest first, in keyset pages: each event's delivery with its status, attempts, and the last
/// attempt's response code, latency and error.
#[utoipa::path(
    get, path = "/api/v1/webhooks/{id}/deliveries", tag = "webhooks", operation_id = "listWebhookDeliveries",
    params(("id" = String, Path, description = "Subscription id"), DeliveryQuery),
    responses(
        (status = 200, description = "A page of deliveries", body = Page<WebhookDelivery>),
        (status = 403, description = "The role may not manage webhooks", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such subscription, or it is outside your scope", body = Problem, content_type = "application/problem+json"),
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn list_webhook_deliveries(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    query: crate::extractors::Query<DeliveryQuery>,
) -> ApiResult<web::Json<Page<WebhookDelivery>>> {
    caller.require_role(MANAGERS)?;
    let limit = http::limit(query.limit)?;
    let after = http::decode_cursor(query.cursor.as_deref())?;
    let status = query.status;
    let page = state
        .db(move |conn| {
            let subscription = store::visible(conn, &caller, &id)?;
            let rows = store::deliveries(conn, &subscription.id, status, after, limit)?;
            let (rows, next_cursor) = http::page(rows, limit, |(d, _)| d.id.clone());
            Ok(Page { items: rows.into_iter().map(|(d, e)| WebhookDelivery::new(d, &e)).collect(), next_cursor, total: None })
        })
        .await?;
    Ok(web::Json(page))
}

/// Send a delivery again
///
/// A new delivery of the same event (the same body and event id, so a receiver that saw it
/// can tell), attempted at once with its own retries. The subscription must be enabled.
#[utoipa::path(
    post, path = "/api/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver", tag = "webhooks",
    operation_id = "redeliverWebhookDelivery",
    params(
        ("id" = String, Path, description = "Subscription id"),
        ("delivery_id" = String, Path, description = "The delivery to send again"),
    ),
    responses(
        (status = 201, description = "The new delivery, pending", body = WebhookDelivery),
        (status = 403, description = "The role may not manage webhooks", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The subscription is disabled (enable it first), or this delivery is being sent again already", body = Problem, content_type = "application/problem+json"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn redeliver_webhook_delivery(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    changer(&caller)?;
    let (id, delivery_id) = path.into_inner();
    let delivery = state
        .tx(move |conn| {
            let subscription = enabled(store::visible(conn, &caller, &id)?)?;
            let (original, event) = store::delivery(conn, &subscription.id, &delivery_id)?;
            if store::pending_redelivery(conn, &original.id)? {
                return Err(ApiError::Conflict(tr!(
                    "该投递已在重新投递中，请等待结果。",
                    "This delivery is being sent again already: wait for the result."
                )));
            }
            let copy = DeliveryRow::new(&subscription.id, &event.id, Some(original.id), caller.now);
            outbox::deliver(conn, &caller, copy.clone())?;
            let change = serde_json::json!({"delivery_id": copy.id, "redelivery_of": copy.redelivery_of});
            audit::record(conn, &caller, "webhook.redeliver", "webhook", &id, None::<&()>, Some(&change))?;
            Ok(WebhookDelivery::new(copy, &event))
        })
        .await?;
    Ok(HttpResponse::Created().json(delivery))
}

/// Send a test event
///
/// A `ping` event to this subscription only, delivered like any other: the delivery log shows
/// whether the receiver answered and how fast.
#[utoipa::path(
    post, path = "/api/v1/webhooks/{id}/ping", tag = "webhooks", operation_id = "pingWebhook",
    params(("id" = String, Path, description = "Subscription id")),
    responses(
        (status = 201, description = "The ping's delivery, pending", body = WebhookDelivery),
        (status = 403, description = "The role may not manage webhooks", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The subscription is disabled (enable it first), or its last test event is still pending", body = Problem, content_type = "application/problem+json"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn ping_webhook(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    changer(&caller)?;
    let delivery = state
        .tx(move |conn| {
            let subscription = enabled(store::visible(conn, &caller, &id)?)?;
            if store::pending_ping(conn, &subscription.id)? {
                return Err(ApiError::Conflict(tr!(
                    "上一次测试尚未完成，请等待结果。",
                    "The last test event is still pending: wait for its result."
                )));
            }
            let event = Event {
                kind: WebhookEvent::Ping,
                entity_type: "webhook",
                entity_id: &subscription.id,
                subject: &subscription.name,
                href: format!("/api/v1/webhooks/{}", subscription.id),
            };
            // none when the subscription was deleted since it was read (`outbox::queue`)
            let delivery = outbox::queue(conn, &caller, &event, std::slice::from_ref(&subscription))?
                .into_iter()
                .next()
                .ok_or(ApiError::NotFound)?;
            let change = serde_json::json!({"delivery_id": delivery.id});
            audit::record(conn, &caller, "webhook.ping", "webhook", &subscription.id, None::<&()>, Some(&change))?;
            let (d, e) = store::delivery(conn, &subscription.id, &delivery.id)?;
            Ok(WebhookDelivery::new(d, &e))
        })
        .await?;
    Ok(HttpResponse::Created().json(delivery))
}

fn enabled(s: SubscriptionRow) -> ApiResult<SubscriptionRow> {
    if s.enabled {
        Ok(s)
    } else {
        Err(ApiError::Conflict(tr!("该订阅已停用，请先启用。", "The subscription is disabled: enable it first.")))
    }
}
