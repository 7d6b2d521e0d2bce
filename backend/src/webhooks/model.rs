use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::schema::{webhook_deliveries, webhook_events, webhook_subscriptions};
use crate::domain::{DeliveryStatus, Role, WebhookEvent};

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = webhook_subscriptions)]
pub struct SubscriptionRow {
    pub id: String,
    pub name: String,
    pub url: String,
    pub secret: String,
    pub events_json: String,
    pub role: Role,
    pub province_code: Option<String>,
    pub county_code: Option<String>,
    pub organization_id: Option<String>,
    pub enabled: bool,
    pub disabled_reason: Option<String>,
    pub failures: i64,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i64,
}

impl SubscriptionRow {
    pub fn events(&self) -> Vec<WebhookEvent> {
        // Written only from a validated list (`routes`); an unreadable one subscribes to nothing.
        serde_json::from_str(&self.events_json).unwrap_or_default()
    }
}

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = webhook_events)]
pub struct EventRow {
    pub id: String,
    pub event: WebhookEvent,
    pub payload_json: String,
    pub created_at: NaiveDateTime,
}

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = webhook_deliveries)]
pub struct DeliveryRow {
    pub id: String,
    pub subscription_id: String,
    pub event_id: String,
    pub status: DeliveryStatus,
    pub attempts: i64,
    pub next_attempt_at: Option<NaiveDateTime>,
    pub last_attempt_at: Option<NaiveDateTime>,
    pub response_status: Option<i64>,
    pub latency_ms: Option<i64>,
    pub error: Option<String>,
    pub redelivery_of: Option<String>,
    pub created_at: NaiveDateTime,
}

impl DeliveryRow {
    pub fn new(subscription_id: &str, event_id: &str, redelivery_of: Option<String>, now: NaiveDateTime) -> Self {
        Self {
            id: uuid::Uuid::now_v7().to_string(),
            subscription_id: subscription_id.to_owned(),
            event_id: event_id.to_owned(),
            status: DeliveryStatus::Pending,
            attempts: 0,
            next_attempt_at: Some(now),
            last_attempt_at: None,
            response_status: None,
            latency_ms: None,
            error: None,
            redelivery_of,
            created_at: now,
        }
    }
}

/// The events a subscription may ask for: at least one, `ping` aside (sent on request only).
fn subscribable_events() -> utoipa::openapi::schema::Array {
    let names: Vec<&str> = WebhookEvent::ALL.iter().filter(|e| **e != WebhookEvent::Ping).map(|e| e.as_str()).collect();
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(utoipa::openapi::ObjectBuilder::new().schema_type(utoipa::openapi::schema::Type::String).enum_values(Some(names)))
        .min_items(Some(1))
        .unique_items(true)
        .build()
}

/// A webhook subscription (never its secret).
#[derive(Serialize, Deserialize, ToSchema)]
pub struct Webhook {
    pub id: String,
    pub name: String,
    /// Where events are POSTed.
    pub url: String,
    pub events: Vec<WebhookEvent>,
    /// The role and scope whose view decides which events it receives, as for an API token.
    pub role: Role,
    pub province_code: Option<String>,
    pub county_code: Option<String>,
    pub organization_id: Option<String>,
    /// Off by hand, or after `WebhookDeliveryPolicy::disable_after` failed attempts in a row.
    pub enabled: bool,
    /// Why the platform disabled it, if it did.
    pub disabled_reason: Option<String>,
    /// Failed attempts in a row (0 after any delivered one).
    pub failures: i64,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<&SubscriptionRow> for Webhook {
    fn from(r: &SubscriptionRow) -> Self {
        Self {
            id: r.id.clone(),
            name: r.name.clone(),
            url: r.url.clone(),
            events: r.events(),
            role: r.role,
            province_code: r.province_code.clone(),
            county_code: r.county_code.clone(),
            organization_id: r.organization_id.clone(),
            enabled: r.enabled,
            disabled_reason: r.disabled_reason.clone(),
            failures: r.failures,
            created_by: r.created_by.clone(),
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateWebhook {
    /// What receives it, e.g. `四川省统计系统`.
    #[schema(schema_with = crate::bounds::short_name)]
    pub name: String,
    /// `https://…` (or `http://…`), at most 2,000 characters.
    #[schema(schema_with = crate::bounds::webhook_url)]
    pub url: String,
    /// At least one event (`ping` is sent on request only).
    #[schema(schema_with = subscribable_events)]
    pub events: Vec<WebhookEvent>,
    pub role: Role,
    #[schema(schema_with = crate::bounds::province_code_or_null)]
    pub province_code: Option<String>,
    #[schema(schema_with = crate::bounds::county_code_or_null)]
    pub county_code: Option<String>,
    pub organization_id: Option<String>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct CreatedWebhook {
    pub webhook: Webhook,
    /// The signing secret (`whsec_…`). Shown only in this response: keep it with the receiver.
    pub secret: String,
}

/// A JSON merge patch: the fields sent are changed. The role and scope are fixed at creation
/// (delete and subscribe again to change them).
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct PatchWebhook {
    #[schema(schema_with = crate::bounds::short_name)]
    pub name: Option<String>,
    #[schema(schema_with = crate::bounds::webhook_url)]
    pub url: Option<String>,
    #[schema(schema_with = subscribable_events)]
    pub events: Option<Vec<WebhookEvent>>,
    /// `true` enables it again (its failures start from 0); `false` pauses it (pending
    /// deliveries are cancelled).
    pub enabled: Option<bool>,
}

/// One event's delivery to a subscription, with its last attempt.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct WebhookDelivery {
    pub id: String,
    pub webhook_id: String,
    pub event_id: String,
    pub event: WebhookEvent,
    pub status: DeliveryStatus,
    /// Attempts made so far (at most `WebhookDeliveryPolicy::attempts`).
    pub attempts: i64,
    /// When the next attempt is due, while pending.
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub last_attempt_at: Option<DateTime<Utc>>,
    /// The receiver's HTTP status at the last attempt (none when it did not answer).
    pub response_status: Option<i64>,
    /// How long the last attempt took, in milliseconds.
    pub latency_ms: Option<i64>,
    /// Why the last attempt failed, if it did.
    pub error: Option<String>,
    /// The delivery this one sends again, for a redelivery.
    pub redelivery_of: Option<String>,
    pub created_at: DateTime<Utc>,
    /// The body sent (the same bytes at every attempt; the signature is made per attempt).
    pub payload: serde_json::Value,
}

impl WebhookDelivery {
    pub fn new(d: DeliveryRow, e: &EventRow) -> Self {
        Self {
            id: d.id,
            webhook_id: d.subscription_id,
            event_id: d.event_id,
            event: e.event,
            status: d.status,
            attempts: d.attempts,
            next_attempt_at: d.next_attempt_at.filter(|_| d.status == DeliveryStatus::Pending).map(|t| t.and_utc()),
            last_attempt_at: d.last_attempt_at.map(|t| t.and_utc()),
            response_status: d.response_status,
            latency_ms: d.latency_ms,
            error: d.error,
            redelivery_of: d.redelivery_of,
            created_at: d.created_at.and_utc(),
            payload: serde_json::from_str(&e.payload_json).unwrap_or(serde_json::Value::Null),
        }
    }
}

/// How deliveries are retried and when a subscription is disabled: published so integrators
/// and the SPA can say it.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct WebhookDeliveryPolicy {
    /// Attempts per delivery before it is failed.
    pub attempts: i64,
    /// The wait before the first retry, in seconds; it doubles at each retry.
    pub retry_base_seconds: f64,
    /// Failed attempts in a row after which a subscription is disabled.
    pub disable_after: i64,
    /// How long a receiver may take to answer, in seconds.
    pub timeout_seconds: f64,
}

/// The body POSTed to a receiver.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct WebhookPayload {
    /// The event's id: the same at every attempt and redelivery (deduplicate on it).
    pub id: String,
    pub event: WebhookEvent,
    pub occurred_at: DateTime<Utc>,
    pub data: WebhookPayloadData,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct WebhookPayloadData {
    /// `pairing`, `project`, `need`, `year_end_report`, `brand` (or `webhook` for a ping).
    pub entity_type: String,
    pub entity_id: String,
    /// The object's name as a person reads it.
    pub subject: String,
    /// Where to read the object with the integration's API token.
    pub href: String,
}
