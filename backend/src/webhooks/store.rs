//! Subscriptions and their deliveries: reads under the token rule, enabling and disabling.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{DeliveryRow, EventRow, SubscriptionRow};
use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::{webhook_deliveries, webhook_events, webhook_subscriptions};
use crate::domain::DeliveryStatus;
use crate::error::{ApiError, ApiResult};
use crate::notifications::model::NotificationKind;
use crate::notifications::send::{Notice, To, notify_from_platform};
use crate::tr;

/// Attempts per delivery: the first and five retries (30 s … 8 min apart by default).
pub const ATTEMPTS: i64 = 6;
/// Failed attempts in a row, across deliveries, that disable a subscription: a receiver down
/// for about half an hour of traffic, not one bad minute.
pub const DISABLE_AFTER: i64 = 15;

/// Subscriptions one person may make: every event is written once per subscription that may
/// see it, so their number bounds what one change costs.
pub const MAX_PER_PERSON: i64 = 50;

/// Who manages webhooks: those who issue API tokens.
pub use crate::auth::scope::INTEGRATION_ISSUERS as MANAGERS;

pub fn load(conn: &mut DbConn, id: &str) -> ApiResult<Option<SubscriptionRow>> {
    Ok(webhook_subscriptions::table.find(id).select(SubscriptionRow::as_select()).first(conn).optional()?)
}

/// A subscription the caller manages — the API token rule: one it could have made — else 404.
pub fn visible(conn: &mut DbConn, caller: &Caller, id: &str) -> ApiResult<SubscriptionRow> {
    load(conn, id)?.filter(|s| caller.may_issue_token(s.role, s.province_code.as_deref())).ok_or(ApiError::NotFound)
}

/// The caller's subscriptions, newest first.
pub fn list(conn: &mut DbConn, caller: &Caller) -> ApiResult<Vec<SubscriptionRow>> {
    let mut q = webhook_subscriptions::table.select(SubscriptionRow::as_select()).into_boxed();
    if let Some(p) = caller.account_province_scope() {
        q = q.filter(webhook_subscriptions::province_code.eq(p.to_owned()));
    }
    let rows: Vec<SubscriptionRow> = q.order(webhook_subscriptions::id.desc()).load(conn)?;
    Ok(rows.into_iter().filter(|s| caller.may_issue_token(s.role, s.province_code.as_deref())).collect())
}

/// A page of a subscription's deliveries, newest first, after the cursor's id.
pub fn deliveries(
    conn: &mut DbConn,
    subscription_id: &str,
    status: Option<DeliveryStatus>,
    after: Option<String>,
    limit: i64,
) -> ApiResult<Vec<(DeliveryRow, EventRow)>> {
    let mut q = webhook_deliveries::table
        .inner_join(webhook_events::table)
        .filter(webhook_deliveries::subscription_id.eq(subscription_id.to_owned()))
        .select((DeliveryRow::as_select(), EventRow::as_select()))
        .into_boxed();
    if let Some(status) = status {
        q = q.filter(webhook_deliveries::status.eq(status));
    }
    if let Some(after) = after {
        q = q.filter(webhook_deliveries::id.lt(after));
    }
    Ok(q.order(webhook_deliveries::id.desc()).limit(limit + 1).load(conn)?)
}

pub fn delivery(conn: &mut DbConn, subscription_id: &str, id: &str) -> ApiResult<(DeliveryRow, EventRow)> {
    webhook_deliveries::table
        .inner_join(webhook_events::table)
        .filter(webhook_deliveries::id.eq(id))
        .filter(webhook_deliveries::subscription_id.eq(subscription_id))
        .select((DeliveryRow::as_select(), EventRow::as_select()))
        .first(conn)
        .optional()?
        .ok_or(ApiError::NotFound)
}

/// Is a test event of the subscription still pending (one at a time: pings are not a way to
/// make the server POST at will)?
pub fn pending_ping(conn: &mut DbConn, subscription_id: &str) -> ApiResult<bool> {
    let n: i64 = webhook_deliveries::table
        .inner_join(webhook_events::table)
        .filter(webhook_deliveries::subscription_id.eq(subscription_id))
        .filter(webhook_deliveries::status.eq(DeliveryStatus::Pending))
        .filter(webhook_events::event.eq(crate::domain::WebhookEvent::Ping))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Is a redelivery of this delivery still pending (one at a time)?
pub fn pending_redelivery(conn: &mut DbConn, delivery_id: &str) -> ApiResult<bool> {
    let n: i64 = webhook_deliveries::table
        .filter(webhook_deliveries::redelivery_of.eq(delivery_id))
        .filter(webhook_deliveries::status.eq(DeliveryStatus::Pending))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Cancels one pending delivery (its subscription was paused, or its issuer may no longer give
/// its scope).
pub fn cancel_delivery(conn: &mut DbConn, id: &str) -> ApiResult<usize> {
    Ok(diesel::update(
        webhook_deliveries::table.find(id).filter(webhook_deliveries::status.eq(DeliveryStatus::Pending)),
    )
    .set((
        webhook_deliveries::status.eq(DeliveryStatus::Cancelled),
        webhook_deliveries::next_attempt_at.eq(None::<NaiveDateTime>),
    ))
    .execute(conn)?)
}

/// Stops a subscription's pending deliveries (it was paused or disabled): their queued
/// attempts find them cancelled and send nothing.
pub fn cancel_pending(conn: &mut DbConn, subscription_id: &str) -> ApiResult<usize> {
    Ok(diesel::update(
        webhook_deliveries::table
            .filter(webhook_deliveries::subscription_id.eq(subscription_id))
            .filter(webhook_deliveries::status.eq(DeliveryStatus::Pending)),
    )
    .set((
        webhook_deliveries::status.eq(DeliveryStatus::Cancelled),
        webhook_deliveries::next_attempt_at.eq(None::<NaiveDateTime>),
    ))
    .execute(conn)?)
}

/// The platform disables a subscription whose receiver failed `DISABLE_AFTER` attempts in a
/// row, and tells the person who made it.
pub fn disable_after_failures(conn: &mut DbConn, s: &SubscriptionRow, now: NaiveDateTime) -> ApiResult<()> {
    let reason = tr!(
        "接收端连续 {DISABLE_AFTER} 次投递失败，平台已自动停用该订阅。",
        "The receiver failed {DISABLE_AFTER} attempts in a row; the platform disabled the subscription."
    );
    diesel::update(webhook_subscriptions::table.find(&s.id).filter(webhook_subscriptions::version.eq(s.version)))
        .set((
            webhook_subscriptions::enabled.eq(false),
            webhook_subscriptions::disabled_reason.eq(reason.zh),
            webhook_subscriptions::updated_at.eq(now),
            webhook_subscriptions::version.eq(s.version + 1),
        ))
        .execute(conn)?;
    cancel_pending(conn, &s.id)?;
    crate::audit::record_system(
        conn,
        "webhooks",
        "webhook.disable",
        "webhook",
        &s.id,
        Some(serde_json::json!({"enabled": false, "failures": s.failures})),
        now,
    )?;
    let notice = Notice::new(NotificationKind::WebhookDisabled, "webhook", &s.id, &s.name);
    notify_from_platform(conn, To::User(&s.created_by), notice, now)?;
    Ok(())
}

/// How long a delivery's log line is kept once it has ended.
pub const KEPT_DAYS: i64 = 30;

/// The webhooks' part of the daily sweep: the delivery log of ended deliveries older than 30
/// days, then the events no delivery refers to any more. Returns the rows removed.
pub fn forget_old(conn: &mut DbConn, now: NaiveDateTime) -> ApiResult<usize> {
    let cut = now - chrono::Duration::days(KEPT_DAYS);
    let deliveries = diesel::delete(
        webhook_deliveries::table
            .filter(webhook_deliveries::created_at.lt(cut))
            .filter(webhook_deliveries::status.ne(DeliveryStatus::Pending)),
    )
    .execute(conn)?;
    let referred = webhook_deliveries::table.filter(webhook_deliveries::event_id.eq(webhook_events::id));
    let events = diesel::delete(
        webhook_events::table
            .filter(webhook_events::created_at.lt(cut))
            .filter(diesel::dsl::not(diesel::dsl::exists(referred))),
    )
    .execute(conn)?;
    Ok(deliveries + events)
}
