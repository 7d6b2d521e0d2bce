//! One attempt to deliver an event: a job (`JobKind::WebhookDelivery`) run by any instance's
//! workers. It POSTs the event's body, signed, and records the answer; a failed attempt queues
//! the next after a doubling wait, until `ATTEMPTS`; `DISABLE_AFTER` failed attempts in a row
//! disable the subscription and tell the person who made it.

use std::net::IpAddr;
use std::time::Instant;

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde_json::json;

use super::model::{DeliveryRow, EventRow, SubscriptionRow};
use super::outbox::Attempt;
use super::store::{self, ATTEMPTS, DISABLE_AFTER};
use super::signature;
use crate::config::WebhookSettings;
use crate::db::DbConn;
use crate::db::schema::{webhook_deliveries, webhook_events, webhook_subscriptions};
use crate::domain::DeliveryStatus;
use crate::error::{ApiError, ApiResult};
use crate::jobs::model::JobKind;
use crate::jobs::worker::JobRun;

/// The job's work (registered in `webhooks::register`). An attempt that could not be made or
/// recorded (no connection, a busy database) is queued again after the retry wait rather than
/// left pending with no job to make it.
pub fn run(job: &JobRun, input: serde_json::Value) -> Result<serde_json::Value, String> {
    let Attempt { delivery_id, attempt } = serde_json::from_value(input).map_err(|e| e.to_string())?;
    attempt_once(job, &delivery_id, attempt).or_else(|e| {
        let again = Attempt { delivery_id: delivery_id.clone(), attempt };
        let later = Utc::now().naive_utc() + backoff(job.config.webhooks.retry_base, 1);
        let mut conn = job.pool.get().map_err(|_| e.clone())?;
        let created_by = webhook_deliveries::table
            .inner_join(webhook_subscriptions::table)
            .filter(webhook_deliveries::id.eq(&delivery_id))
            .select(webhook_subscriptions::created_by)
            .first::<String>(&mut conn)
            .map_err(|_| e.clone())?;
        crate::jobs::store::enqueue_at(&mut conn, JobKind::WebhookDelivery, &created_by, Utc::now().naive_utc(), Some(later), &again)
            .map_err(|_| e.clone())?;
        Err(format!("{e}; queued again for {later}"))
    })
}

fn attempt_once(job: &JobRun, delivery_id: &str, attempt: i64) -> Result<serde_json::Value, String> {
    let mut conn = job.pool.get().map_err(|e| e.to_string())?;
    let found: Option<(DeliveryRow, SubscriptionRow, EventRow)> = webhook_deliveries::table
        .inner_join(webhook_subscriptions::table)
        .inner_join(webhook_events::table)
        .filter(webhook_deliveries::id.eq(delivery_id))
        .select((DeliveryRow::as_select(), SubscriptionRow::as_select(), EventRow::as_select()))
        .first(&mut conn)
        .optional()
        .map_err(|e| e.to_string())?;
    let skipped = |why: &str| Ok(json!({"delivery_id": delivery_id, "skipped": why}));
    let Some((delivery, subscription, event)) = found else { return skipped("the webhook was deleted") };
    // Cancelled, or this attempt was made by a run whose instance stopped before its end.
    if delivery.status != DeliveryStatus::Pending || delivery.attempts != attempt - 1 {
        return skipped("already attempted");
    }
    // Paused meanwhile (an event emitted while the pause committed), or its issuer may no
    // longer give its scope: nothing is sent.
    if !subscription.enabled || !super::outbox::issuer_allows(&mut conn, &subscription).map_err(|e| e.to_string())? {
        store::cancel_delivery(&mut conn, &delivery.id).map_err(|e| e.to_string())?;
        return skipped("the subscription is paused or its issuer may no longer give its scope");
    }
    let settings = &job.config.webhooks;
    let started = Instant::now();
    let answer = send(settings, &subscription, &delivery.id, &event);
    let latency_ms = started.elapsed().as_millis().min(i64::MAX as u128) as i64;
    let status = crate::db::write_transaction(&mut conn, |conn| {
        record(conn, settings, &subscription, &delivery, attempt, &answer, latency_ms, Utc::now().naive_utc())
    })
    .map_err(|e: ApiError| e.to_string())?;
    Ok(json!({
        "delivery_id": delivery_id,
        "attempt": attempt,
        "status": status,
        "response_status": answer.as_ref().ok(),
        "latency_ms": latency_ms,
    }))
}

/// POSTs the event's body to the subscription's URL; the receiver's HTTP status, or why none.
fn send(settings: &WebhookSettings, s: &SubscriptionRow, delivery_id: &str, event: &EventRow) -> Result<u16, String> {
    let url = reqwest::Url::parse(&s.url).map_err(|e| format!("the URL is not valid: {e}"))?;
    // Resolved here and pinned, so the address checked is the address called (a name that
    // resolves to a public address when checked and a private one when called gains nothing).
    let addrs = url.socket_addrs(|| None).map_err(|e| format!("cannot resolve the host: {e}"))?;
    let addr = addrs
        .into_iter()
        .find(|a| settings.allow_private || is_public(a.ip()))
        .ok_or("the host resolves to no public address: refused (WEBHOOK_ALLOW_PRIVATE)")?;
    let mut client = reqwest::blocking::Client::builder()
        .timeout(settings.timeout)
        // A redirect would lead past the address check, and so would a proxy (it resolves the
        // name itself): neither, whatever HTTPS_PROXY says.
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .user_agent("zhuxiang-webhooks/1");
    if let Some(host) = url.domain() {
        client = client.resolve(host, addr);
    }
    let client = client.build().map_err(|e| e.to_string())?;
    let body = event.payload_json.as_bytes().to_vec();
    let signed = signature::sign(&s.secret, Utc::now().timestamp(), &body);
    let response = client
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header("X-Zhuxiang-Event", event.event.as_str())
        .header("X-Zhuxiang-Event-Id", &event.id)
        .header("X-Zhuxiang-Delivery", delivery_id)
        .header(signature::HEADER, signed)
        .body(body)
        .send()
        .map_err(|e| without_url(&e))?;
    Ok(response.status().as_u16())
}

/// reqwest's message names the URL, which may carry a receiver's token in its query: kept out
/// of what the delivery log shows.
fn without_url(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "could not connect"
    } else {
        "the request failed"
    };
    let mut source = std::error::Error::source(e);
    let mut cause = String::new();
    while let Some(s) = source {
        cause = s.to_string();
        source = s.source();
    }
    if cause.is_empty() { kind.to_owned() } else { format!("{kind}: {cause}") }
}

/// An address the Internet routes to: not loopback, private, link-local, shared (CGNAT),
/// benchmarking, reserved, documentation, multicast or unspecified — nor one of those inside an
/// IPv6 form that carries an IPv4 address (mapped, compatible, NAT64, 6to4).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(a) => {
            let [first, second, third, _] = a.octets();
            !(a.is_private()
                || a.is_loopback()
                || a.is_link_local()
                || a.is_unspecified()
                || a.is_broadcast()
                || a.is_multicast()
                || a.is_documentation()
                || first == 0
                || first >= 240
                || (first == 100 && (second & 0xc0) == 64)
                || (first == 198 && (second & 0xfe) == 18)
                || (first == 192 && second == 0 && third == 0))
        }
        IpAddr::V6(a) => {
            let s = a.segments();
            let v4 = |hi: u16, lo: u16| IpAddr::V4(std::net::Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo)));
            if let Some(v4) = a.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            if s[..6] == [0; 6] {
                return is_public(v4(s[6], s[7])); // ::a.b.c.d, and :: and ::1 with it
            }
            if s[0] == 0x64 && s[1] == 0xff9b {
                return s[2..6] == [0; 4] && is_public(v4(s[6], s[7])); // NAT64; 64:ff9b:1::/48 is local
            }
            if s[0] == 0x2002 {
                return is_public(v4(s[1], s[2])); // 6to4
            }
            !(a.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00
                || (s[0] & 0xffc0) == 0xfe80
                || (s[0] & 0xffc0) == 0xfec0
                || (s[0] == 0x2001 && s[1] == 0x0db8))
        }
    }
}

/// The wait before attempt `attempt + 1`, after `attempt` failed: `base`, doubled each time.
pub fn backoff(base: std::time::Duration, attempt: i64) -> chrono::Duration {
    let doubled = base.saturating_mul(1u32 << attempt.clamp(1, 16).saturating_sub(1) as u32);
    chrono::Duration::from_std(doubled).unwrap_or(chrono::Duration::days(1))
}

/// Records an attempt's answer; queues the next attempt, or ends the delivery; counts the
/// subscription's failures in a row and disables it at `DISABLE_AFTER`.
#[allow(clippy::too_many_arguments)]
fn record(
    conn: &mut DbConn,
    settings: &WebhookSettings,
    s: &SubscriptionRow,
    delivery: &DeliveryRow,
    attempt: i64,
    answer: &Result<u16, String>,
    latency_ms: i64,
    now: NaiveDateTime,
) -> ApiResult<DeliveryStatus> {
    let delivered = matches!(answer, Ok(code) if (200..300).contains(code));
    let status = match () {
        _ if delivered => DeliveryStatus::Delivered,
        _ if attempt >= ATTEMPTS => DeliveryStatus::Failed,
        _ => DeliveryStatus::Pending,
    };
    let next = (status == DeliveryStatus::Pending).then(|| now + backoff(settings.retry_base, attempt));
    let error = match answer {
        Ok(code) if !delivered => Some(format!("the receiver answered HTTP {code}")),
        Ok(_) => None,
        Err(e) => Some(e.clone()),
    };
    // The subscription's row first, as every change of a subscription and its deliveries takes
    // it (PATCH, disabling): on PostgreSQL they queue on it instead of deadlocking on deliveries.
    diesel::update(webhook_subscriptions::table.find(&s.id))
        .set(webhook_subscriptions::failures.eq(webhook_subscriptions::failures))
        .execute(conn)?;
    // Only if nobody recorded this attempt meanwhile (a cancel, or a second run of the job).
    let recorded = diesel::update(
        webhook_deliveries::table
            .find(&delivery.id)
            .filter(webhook_deliveries::attempts.eq(attempt - 1))
            .filter(webhook_deliveries::status.eq(DeliveryStatus::Pending)),
    )
    .set((
        webhook_deliveries::status.eq(status),
        webhook_deliveries::attempts.eq(attempt),
        webhook_deliveries::next_attempt_at.eq(next),
        webhook_deliveries::last_attempt_at.eq(now),
        webhook_deliveries::response_status.eq(answer.as_ref().ok().map(|c| i64::from(*c))),
        webhook_deliveries::latency_ms.eq(latency_ms),
        webhook_deliveries::error.eq(error),
    ))
    .execute(conn)?;
    if recorded == 0 {
        return Ok(DeliveryStatus::Cancelled);
    }
    if delivered {
        diesel::update(webhook_subscriptions::table.find(&s.id))
            .set(webhook_subscriptions::failures.eq(0))
            .execute(conn)?;
        return Ok(status);
    }
    diesel::update(webhook_subscriptions::table.find(&s.id))
        .set(webhook_subscriptions::failures.eq(webhook_subscriptions::failures + 1))
        .execute(conn)?;
    let current = store::load(conn, &s.id)?.ok_or(ApiError::NotFound)?;
    if current.enabled && current.failures >= DISABLE_AFTER {
        store::disable_after_failures(conn, &current, now)?;
        return Ok(DeliveryStatus::Cancelled);
    }
    if let Some(next) = next.filter(|_| current.enabled) {
        let next_attempt = Attempt { delivery_id: delivery.id.clone(), attempt: attempt + 1 };
        crate::jobs::store::enqueue_at(conn, JobKind::WebhookDelivery, &s.created_by, now, Some(next), &next_attempt)?;
    }
    Ok(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_twice_as_long_each_time() {
        let base = std::time::Duration::from_secs(30);
        let waits: Vec<i64> = (1..ATTEMPTS).map(|a| backoff(base, a).num_seconds()).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480]);
        assert_eq!(backoff(base, 99).num_seconds(), 30 * (1 << 15), "capped, never overflowing");
    }

    #[test]
    fn only_addresses_the_internet_routes_to_are_called() {
        for private in [
            "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
            "198.18.0.1", "192.0.0.8", "240.0.0.1", "::", "::1", "fd00::1", "fe80::1", "fec0::1", "::ffff:127.0.0.1",
            "::169.254.169.254", "64:ff9b::a9fe:a9fe", "64:ff9b:1::1", "2002:a9fe:a9fe::1", "2001:db8::1",
        ] {
            assert!(!is_public(private.parse().expect("an address")), "{private}");
        }
        for public in ["8.8.8.8", "111.13.100.91", "2400:3200::1", "64:ff9b::808:808", "2002:808:808::1"] {
            assert!(is_public(public.parse().expect("an address")), "{public}");
        }
    }
}
