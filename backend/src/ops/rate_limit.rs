//! Rate limits: so many requests per minute per client address, and per API token for the
//! requests that send one (which count against their address too). A limit is a sliding minute: this
//! minute's count plus the last minute's, weighted by how much of it is still inside the last
//! 60 seconds — smooth at the minute's turn, and two counters a key. Beyond it, 429 with
//! `Retry-After`; every answer under `/api/v1` says where the caller stands in `RateLimit-*`
//! headers.
//!
//! The counts are kept in memory. Instances on one PostgreSQL share them without a write per
//! request: each second, every instance writes the counts that moved (one statement) and reads
//! the others' (`share`), so a caller spread over instances by the balancer meets one limit,
//! give or take a second of its traffic.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{ResponseError, web};

use crate::config::RateLimits as Limits;
use crate::error::ApiError;

/// The window limits are counted in.
pub const WINDOW_SECS: i64 = 60;
/// Keys held per minute: beyond this, new keys share one count (`Key::Overflow`), so a flood of
/// addresses can neither make the limiter eat the memory (two minutes of 50,000 keys are about
/// 15 MB) nor switch it off.
const MAX_KEYS: usize = 50_000;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    /// An API token, by a digest of its secret (the secret itself is never kept).
    Token(String),
    /// A client address (an IPv6 one by its /64: one subscriber's block).
    Address(String),
    /// Every new caller while a minute already holds `MAX_KEYS` keys: they share one count
    /// rather than go uncounted, so flooding the limiter with keys does not switch it off.
    Overflow,
}

impl Key {
    fn text(&self) -> String {
        match self {
            Key::Token(d) => format!("t:{d}"),
            Key::Address(a) => format!("a:{a}"),
            Key::Overflow => "o:".to_owned(),
        }
    }
}

#[derive(Default, Clone, Copy)]
struct Counts {
    /// This instance's requests in the window, and what it last told the others.
    mine: i64,
    shared: i64,
    /// The other instances' requests in the window, as last read.
    others: i64,
}

/// The counts of every key, by window.
#[derive(Default)]
struct Windows {
    current: i64,
    this: HashMap<Key, Counts>,
    last: HashMap<Key, Counts>,
    /// This minute's keys ran out (said once a minute in the log).
    full: bool,
}

impl Windows {
    /// Moves to `window`: this minute's counts become the last's; older ones go. Never back: a
    /// thread that read the time just before another moved on, or a clock stepped back, counts
    /// in the current minute rather than wiping it.
    fn roll(&mut self, window: i64) {
        if window <= self.current {
            return;
        }
        self.full = false;
        self.last = if window == self.current + 1 { std::mem::take(&mut self.this) } else { HashMap::new() };
        self.this.clear();
        self.current = window;
    }
}

/// Where a caller stands after a request: the limit, what is left, and when it has all back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub limit: u32,
    pub remaining: u32,
    /// Seconds until the caller may send again (refused) or until the window turns (allowed).
    pub reset: u64,
    pub allowed: bool,
}

pub struct RateLimiter {
    limits: Limits,
    trust_forwarded_for: bool,
    windows: Mutex<Windows>,
}

impl RateLimiter {
    pub fn new(limits: Limits, trust_forwarded_for: bool) -> Self {
        Self { limits, trust_forwarded_for, windows: Mutex::default() }
    }

    /// Counts a request against each of its `keys` at `now_ms` (Unix milliseconds), or refuses
    /// it, counting nothing, if any of them is spent. The standing returned is the tightest.
    fn check(&self, keys: &[(Key, u32)], now_ms: i64) -> Option<Standing> {
        let window = now_ms.div_euclid(WINDOW_SECS * 1000);
        let mut w = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        w.roll(window);
        // A moment read before the minute turned is taken as the new minute's start.
        let into = if window < w.current {
            0.0
        } else {
            now_ms.rem_euclid(WINDOW_SECS * 1000) as f64 / (WINDOW_SECS * 1000) as f64
        };
        let until_turn = ((1.0 - into) * WINDOW_SECS as f64).ceil() as u64;
        let mut tightest: Option<Standing> = None;
        let mut counted = Vec::with_capacity(keys.len());
        for (key, limit) in keys {
            let key = if !w.this.contains_key(key) && w.this.len() >= MAX_KEYS {
                if !w.full {
                    w.full = true;
                    tracing::warn!(keys = MAX_KEYS, "rate limiter full this minute: new callers share one count");
                }
                &Key::Overflow
            } else {
                key
            };
            let last = w.last.get(key).map_or(0, |c| c.mine + c.others) as f64;
            let this = w.this.get(key).map_or(0, |c| c.mine + c.others) as f64;
            let used = this + last * (1.0 - into);
            let limit_f = f64::from(*limit);
            let standing = if used + 1.0 > limit_f {
                let wait = wait_secs(this, last, limit_f, into);
                Standing { limit: *limit, remaining: 0, reset: ((wait - 1e-9).ceil() as u64).max(1), allowed: false }
            } else {
                let remaining = (limit_f - used - 1.0).floor().max(0.0) as u32;
                Standing { limit: *limit, remaining, reset: until_turn, allowed: true }
            };
            counted.push(key.clone());
            tightest = Some(match tightest {
                None => standing,
                Some(t) if !t.allowed && (standing.allowed || t.reset >= standing.reset) => t,
                Some(t) if t.allowed && standing.allowed && t.remaining <= standing.remaining => t,
                Some(_) => standing,
            });
        }
        if tightest.is_some_and(|t| t.allowed) {
            for key in counted {
                w.this.entry(key).or_default().mine += 1;
            }
        }
        tightest
    }

    /// The keys a request counts against: its client address, and its API token if it sends
    /// one (so made-up tokens cannot dodge the address's limit).
    fn keys_of(&self, req: &ServiceRequest) -> Vec<(Key, u32)> {
        let mut keys = Vec::with_capacity(2);
        if let Some(limit) = self.limits.per_address
            && let Some(ip) = client_ip(req.request(), self.trust_forwarded_for)
        {
            keys.push((Key::Address(address_key(ip)), limit));
        }
        let bearer = req
            .headers()
            .get(actix_web::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, t)| t.trim());
        if let (Some(limit), Some(secret)) =
            (self.limits.per_token, bearer.and_then(|t| t.strip_prefix(crate::secrets::API_TOKEN_PREFIX)))
        {
            let digest = crate::secrets::token_digest(secret);
            keys.push((Key::Token(digest[..32].to_owned()), limit));
        }
        keys
    }

    /// The client's address as the limits and the login throttle count it (an IPv6 one by its
    /// /64).
    pub fn client_address(&self, req: &actix_web::HttpRequest) -> String {
        client_ip(req, self.trust_forwarded_for).map_or_else(|| "unknown".into(), address_key)
    }
}

/// Seconds until one more request fits, with `this` and `last` minute's counts and `into` (0–1)
/// of this minute gone: while this minute alone fits, until enough of the last minute's weight
/// slid out; otherwise, past the turn, until enough of this minute's has.
fn wait_secs(this: f64, last: f64, limit: f64, into: f64) -> f64 {
    let window = WINDOW_SECS as f64;
    if this + 1.0 <= limit {
        // `last` > 0 here: the sliding count is over the limit only through it.
        let at = 1.0 - (limit - this - 1.0) / last;
        (at - into) * window
    } else {
        let at = 1.0 - (limit - 1.0) / this;
        (1.0 - into) * window + at * window
    }
}

/// An address as its key: IPv4 whole, IPv6 by its /64 (one subscriber's block, which it may
/// cycle through).
fn address_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(a) => a.to_string(),
        IpAddr::V6(a) => match a.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = a.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// The client's address: the connection's, or — behind a proxy the operator trusts
/// (`TRUST_FORWARDED_FOR`) — the last one in `X-Forwarded-For`, which that proxy appended (the
/// ones before it are whatever the client sent).
pub fn client_ip(req: &actix_web::HttpRequest, trust_forwarded_for: bool) -> Option<IpAddr> {
    if trust_forwarded_for
        && let Some(forwarded) = req.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok())
        && let Some(ip) = forwarded.rsplit(',').next().and_then(|a| a.trim().parse().ok())
    {
        return Some(ip);
    }
    req.peer_addr().map(|a| a.ip())
}

/// The middleware of the `/api/v1` scope.
pub async fn rate_limit(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    // Its own app data (the service's `AppState` holds it too), so this module needs no state.
    let limiter = req.app_data::<web::Data<RateLimiter>>().cloned();
    let checked = limiter.as_ref().and_then(|l| l.check(&l.keys_of(&req), chrono::Utc::now().timestamp_millis()));
    let Some(standing) = checked else { return Ok(next.call(req).await?.map_into_boxed_body()) };
    if !standing.allowed {
        let response = ApiError::RateLimited { retry_after_secs: standing.reset }.error_response();
        let mut res = req.into_response(response);
        headers(res.headers_mut(), standing);
        return Ok(res.map_into_boxed_body());
    }
    let mut res = next.call(req).await?.map_into_boxed_body();
    headers(res.headers_mut(), standing);
    Ok(res)
}

fn headers(h: &mut actix_web::http::header::HeaderMap, s: Standing) {
    let mut put = |name: &'static str, value: String| {
        if let Ok(v) = HeaderValue::from_str(&value) {
            h.insert(HeaderName::from_static(name), v);
        }
    };
    put("ratelimit-limit", s.limit.to_string());
    put("ratelimit-remaining", s.remaining.to_string());
    put("ratelimit-reset", s.reset.to_string());
    put("ratelimit-policy", format!("{};w={WINDOW_SECS}", s.limit));
}

/// Shares this instance's counts with the others on one PostgreSQL, once a second, until the
/// service stops (`threads`) or the limiter is dropped.
pub fn share(url: String, limiter: &Arc<RateLimiter>, threads: &crate::background::Threads) {
    let limiter = Arc::downgrade(limiter);
    let instance = uuid::Uuid::now_v7().simple().to_string();
    let spawned = threads.spawn("rate-limits", move |signal| {
        use diesel::Connection;
        let mut conn: Option<diesel::PgConnection> = None;
        while let Some(l) = limiter.upgrade().filter(|_| !signal.stopping()) {
            if conn.is_none() {
                conn = diesel::PgConnection::establish(&url).ok();
            }
            if let Some(c) = conn.as_mut()
                && let Err(e) = exchange(c, &l, &instance)
            {
                tracing::debug!(error = %e, "cannot share rate-limit counts; retrying");
                conn = None;
            }
            drop(l);
            signal.pause(Duration::from_secs(1));
        }
    });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "cannot start sharing rate-limit counts");
    }
}

#[derive(diesel::QueryableByName)]
struct Total {
    #[diesel(sql_type = diesel::sql_types::Text)]
    key: String,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    window_start: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    total: i64,
}

/// One round: writes the counts that moved, reads the others' totals, forgets old windows.
fn exchange(conn: &mut diesel::PgConnection, limiter: &RateLimiter, instance: &str) -> anyhow::Result<()> {
    use diesel::RunQueryDsl;
    use diesel::sql_types::{Array, BigInt, Text};
    let (window, moved) = {
        let mut guard = limiter.windows.lock().unwrap_or_else(|e| e.into_inner());
        let w = &mut *guard;
        w.roll(chrono::Utc::now().timestamp().div_euclid(WINDOW_SECS));
        let current = w.current;
        let mut moved: Vec<(Key, i64, i64)> = Vec::new();
        for (offset, counts) in [(0, &w.this), (1, &w.last)] {
            for (key, c) in counts.iter().filter(|(_, c)| c.mine != c.shared) {
                moved.push((key.clone(), current - offset, c.mine));
            }
        }
        (current, moved)
    };
    if !moved.is_empty() {
        let keys: Vec<String> = moved.iter().map(|(k, _, _)| k.text()).collect();
        let windows: Vec<i64> = moved.iter().map(|(_, w, _)| *w).collect();
        let counts: Vec<i64> = moved.iter().map(|(_, _, c)| *c).collect();
        diesel::sql_query(
            "INSERT INTO rate_counts (key, window_start, instance, count) \
             SELECT k, w, $4, c FROM UNNEST($1::text[], $2::bigint[], $3::bigint[]) AS t(k, w, c) \
             ON CONFLICT (key, window_start, instance) DO UPDATE SET count = excluded.count",
        )
        .bind::<Array<Text>, _>(keys)
        .bind::<Array<BigInt>, _>(windows)
        .bind::<Array<BigInt>, _>(counts)
        .bind::<Text, _>(instance)
        .execute(conn)?;
    }
    let totals: Vec<Total> = diesel::sql_query(
        "SELECT key, window_start, SUM(count)::bigint AS total FROM rate_counts \
         WHERE window_start >= $1 AND instance <> $2 GROUP BY key, window_start",
    )
    .bind::<BigInt, _>(window - 1)
    .bind::<Text, _>(instance)
    .load(conn)?;
    diesel::sql_query("DELETE FROM rate_counts WHERE window_start < $1").bind::<BigInt, _>(window - 1).execute(conn)?;
    let mut guard = limiter.windows.lock().unwrap_or_else(|e| e.into_inner());
    let w = &mut *guard;
    if w.current != window {
        return Ok(()); // the minute turned meanwhile: the next round writes and reads again
    }
    // Only now, written: a failed round sends the same counts again.
    for (key, at, count) in moved {
        let map = if at == window { &mut w.this } else { &mut w.last };
        if let Some(c) = map.get_mut(&key) {
            c.shared = c.shared.max(count);
        }
    }
    for counts in w.this.values_mut().chain(w.last.values_mut()) {
        counts.others = 0;
    }
    for t in totals {
        let Some(key) = parse_key(&t.key) else { continue };
        let map = match t.window_start - window {
            0 => &mut w.this,
            -1 => &mut w.last,
            _ => continue, // an instance whose clock runs ahead: its next minute is not ours yet
        };
        if map.len() < MAX_KEYS || map.contains_key(&key) {
            map.entry(key).or_default().others = t.total;
        }
    }
    Ok(())
}

fn parse_key(text: &str) -> Option<Key> {
    match text.split_once(':')? {
        ("t", d) => Some(Key::Token(d.to_owned())),
        ("a", a) => Some(Key::Address(a.to_owned())),
        ("o", _) => Some(Key::Overflow),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter() -> RateLimiter {
        RateLimiter::new(Limits { per_token: Some(10), per_address: Some(10) }, false)
    }

    fn one(l: &RateLimiter, key: Key, now_ms: i64) -> Standing {
        l.check(&[(key, 10)], now_ms).expect("counted")
    }

    #[test]
    fn a_request_counts_against_its_address_and_token_and_the_tightest_answers() {
        let l = limiter();
        let start = 1_800_000_000_000;
        let address = Key::Address("203.0.113.7".into());
        for n in 0..4 {
            assert!(
                l.check(&[(address.clone(), 10), (Key::Token("a".into()), 4)], start + n).expect("counted").allowed
            );
        }
        let spent = l.check(&[(address.clone(), 10), (Key::Token("a".into()), 4)], start + 5).expect("counted");
        assert!(!spent.allowed);
        assert_eq!(spent.limit, 4, "the token's limit refused it");
        // The refused request counted nowhere: the address has 6 left, not 5.
        let next = l.check(&[(address, 10), (Key::Token("b".into()), 4)], start + 6).expect("counted");
        assert_eq!((next.limit, next.remaining), (4, 3), "the tighter of 10 − 5 and 4 − 1");
    }

    fn key() -> Key {
        Key::Address("203.0.113.7".into())
    }

    #[test]
    fn a_minute_allows_the_limit_then_refuses_until_it_turns() {
        let l = limiter();
        let start = 1_800_000_000_000; // a minute's start (divisible by 60,000)
        for n in 0..10 {
            let s = one(&l, key(), start + n * 100);
            assert!(s.allowed, "request {n}");
            assert_eq!(s.remaining, 9 - n as u32);
        }
        let refused = one(&l, key(), start + 2_000);
        assert!(!refused.allowed);
        // Past the turn (58 s), until the 10 of this minute weigh 9 or less: 6 s more.
        assert_eq!(refused.reset, 64);
        assert!(one(&l, Key::Address("203.0.113.8".into()), start + 2_000).allowed, "another address has its own");
    }

    #[test]
    fn the_last_minute_weighs_as_much_as_is_still_inside_the_sliding_minute() {
        let l = limiter();
        let start = 1_800_000_000_000;
        for n in 0..10 {
            assert!(one(&l, key(), start + 59_000 + n).allowed);
        }
        // 15 s into the next minute, three quarters of the last still count: 7.5 of 10 used.
        let next = start + 60_000 + 15_000;
        assert!(one(&l, key(), next).allowed);
        assert!(one(&l, key(), next).allowed);
        let refused = one(&l, key(), next);
        assert!(!refused.allowed, "7.5 + 2 + 1 > 10");
        // 7 of the last minute's 10 may weigh: once 30 % of the new minute has gone, 3 s from now.
        assert_eq!(refused.reset, 3);
        // A minute later everything has slid out.
        assert!(one(&l, key(), start + 180_000).allowed);
    }

    #[test]
    fn a_moment_read_before_the_minute_turned_counts_in_the_new_minute() {
        let l = limiter();
        let start = 1_800_000_000_000;
        for n in 0..5 {
            assert!(one(&l, key(), start + 60_000 + n).allowed);
        }
        // A thread that read the clock at 59.999 s locks after another moved on: nothing is wiped.
        let late = one(&l, key(), start + 59_999);
        assert_eq!(late.remaining, 4, "5 + 1 of 10 counted in the new minute");
    }

    #[test]
    fn a_flood_of_new_keys_shares_one_count_instead_of_going_uncounted() {
        let l = limiter();
        let start = 1_800_000_000_000;
        for n in 0..MAX_KEYS {
            one(&l, Key::Address(format!("k{n}")), start);
        }
        let newcomers: Vec<bool> = (0..11).map(|n| one(&l, Key::Address(format!("new{n}")), start).allowed).collect();
        assert_eq!(newcomers.iter().filter(|a| **a).count(), 10, "the overflow's limit is one caller's");
        assert!(one(&l, Key::Address("k7".into()), start).allowed, "a key held already keeps its own count");
    }

    #[test]
    fn ipv6_addresses_share_their_64() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().expect("an address");
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().expect("an address");
        assert_eq!(address_key(a), address_key(b));
        assert_eq!(address_key("::ffff:198.51.100.4".parse().expect("an address")), "198.51.100.4");
    }
}
