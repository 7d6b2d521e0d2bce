//! Events into the outbox, in the transaction of the change that causes them: the event is
//! written with one delivery (and its job) per subscription that may see it, or not at all —
//! a change that rolls back tells nobody, and a committed one is delivered even if this
//! instance stops at once (another's workers take the jobs).

use diesel::prelude::*;

use super::model::{DeliveryRow, EventRow, SubscriptionRow, WebhookPayload, WebhookPayloadData};
use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::{users, webhook_deliveries, webhook_events, webhook_subscriptions};
use crate::domain::WebhookEvent;
use crate::error::{ApiError, ApiResult};
use crate::jobs::model::JobKind;
use crate::users::model::UserRow;

/// What happened, to which object.
pub struct Event<'a> {
    pub kind: WebhookEvent,
    /// `project`, `pairing`, …: the object's family, as integrators read it.
    pub entity_type: &'a str,
    pub entity_id: &'a str,
    /// The object's name.
    pub subject: &'a str,
    /// Where the API serves the object (`/api/v1/projects/<id>`).
    pub href: String,
}

/// The job's input: which delivery, and which attempt it makes. A run taken over after its
/// instance stopped skips an attempt already recorded; one cut off mid-send is sent again, so a
/// delivery is at least once (receivers deduplicate on the event id).
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Attempt {
    pub delivery_id: String,
    pub attempt: i64,
}

/// Writes `event` for every enabled subscription to its kind whose role and scope `sees` the
/// object — the family's own read rule, asked as that subscription (`audience`) after the
/// change. Returns how many deliveries were queued (the job workers wake once they are
/// committed, `db::effects`).
pub fn emit(
    conn: &mut DbConn,
    caller: &Caller,
    event: Event,
    mut sees: impl FnMut(&mut DbConn, &Caller) -> ApiResult<bool>,
) -> ApiResult<usize> {
    let mut to = Vec::new();
    for subscription in subscribers(conn, event.kind, caller.now)? {
        if sees(conn, &audience(&subscription, caller.now))? {
            to.push(subscription);
        }
    }
    Ok(queue(conn, caller, &event, &to)?.len())
}

/// `sees` for a family whose read is `visible_row(conn, caller, id)`: not found is not seen.
pub fn found<T>(read: ApiResult<T>) -> ApiResult<bool> {
    match read {
        Ok(_) => Ok(true),
        Err(ApiError::NotFound) => Ok(false),
        Err(e) => Err(e),
    }
}

/// The party a subscription receives events as: its role and scope, like an API token's.
fn audience(s: &SubscriptionRow, now: chrono::NaiveDateTime) -> Caller {
    Caller {
        actor_id: s.id.clone(),
        label: format!("webhook:{}", s.name),
        name: format!("webhook:{}", s.name),
        role: s.role,
        province_code: s.province_code.clone(),
        county_code: s.county_code.clone(),
        organization_id: s.organization_id.clone(),
        department: None,
        is_service_account: true,
        request_id: None,
        now,
    }
}

/// The enabled subscriptions to `kind` whose issuer is enabled and still may grant their role
/// and scope (the rule that keeps an API token working).
fn subscribers(conn: &mut DbConn, kind: WebhookEvent, now: chrono::NaiveDateTime) -> ApiResult<Vec<SubscriptionRow>> {
    let rows: Vec<(SubscriptionRow, UserRow)> = webhook_subscriptions::table
        .inner_join(users::table.on(users::id.eq(webhook_subscriptions::created_by)))
        .filter(webhook_subscriptions::enabled.eq(true))
        // The list is a JSON array of names with neither `%` nor `_`.
        .filter(webhook_subscriptions::events_json.like(format!("%\"{kind}\"%")))
        .select((SubscriptionRow::as_select(), UserRow::as_select()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter(|(s, issuer)| grants(issuer, s, now) && s.events().contains(&kind))
        .map(|(s, _)| s)
        .collect())
}

/// The API token rule for a subscription: its issuer is enabled and may still give its role and
/// scope.
fn grants(issuer: &UserRow, s: &SubscriptionRow, now: chrono::NaiveDateTime) -> bool {
    crate::auth::caller::issuer_grants(issuer, s.role, s.province_code.as_deref(), now)
}

/// `grants`, read now: checked again before each attempt, as retries outlive the event.
pub fn issuer_allows(conn: &mut DbConn, s: &SubscriptionRow) -> ApiResult<bool> {
    let issuer: Option<UserRow> = users::table.find(&s.created_by).select(UserRow::as_select()).first(conn).optional()?;
    Ok(issuer.is_some_and(|u| grants(&u, s, chrono::Utc::now().naive_utc())))
}

/// Writes the event and a delivery with its first attempt's job for each of `to`.
pub fn queue(conn: &mut DbConn, caller: &Caller, event: &Event, to: &[SubscriptionRow]) -> ApiResult<Vec<DeliveryRow>> {
    if to.is_empty() {
        return Ok(Vec::new());
    }
    let id = uuid::Uuid::now_v7().to_string();
    let payload = WebhookPayload {
        id: id.clone(),
        event: event.kind,
        occurred_at: caller.now.and_utc(),
        data: WebhookPayloadData {
            entity_type: event.entity_type.to_owned(),
            entity_id: event.entity_id.to_owned(),
            subject: event.subject.to_owned(),
            href: event.href.clone(),
        },
    };
    let payload_json =
        serde_json::to_string(&payload).map_err(|e| ApiError::Internal(anyhow::anyhow!("a webhook payload: {e}")))?;
    diesel::insert_into(webhook_events::table)
        .values(EventRow { id: id.clone(), event: event.kind, payload_json, created_at: caller.now })
        .execute(conn)?;
    let mut deliveries = Vec::with_capacity(to.len());
    for subscription in to {
        let delivery = DeliveryRow::new(&subscription.id, &id, None, caller.now);
        // In a savepoint of its own: a subscription deleted since it was read (its row gone, the
        // insert refused) is skipped without failing the change that caused the event.
        match crate::db::write_transaction(conn, |conn| deliver(conn, caller, delivery.clone())) {
            Ok(()) => deliveries.push(delivery),
            Err(ApiError::NotFound) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(deliveries)
}

/// Writes a delivery and queues its first attempt; `NotFound` if its subscription is gone.
pub fn deliver(conn: &mut DbConn, caller: &Caller, delivery: DeliveryRow) -> ApiResult<()> {
    use diesel::result::{DatabaseErrorKind, Error};
    diesel::insert_into(webhook_deliveries::table).values(&delivery).execute(conn).map_err(|e| match e {
        Error::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, _) => ApiError::NotFound,
        e => e.into(),
    })?;
    crate::jobs::store::enqueue(conn, JobKind::WebhookDelivery, caller, &Attempt { delivery_id: delivery.id, attempt: 1 })?;
    Ok(())
}
