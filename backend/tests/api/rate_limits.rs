//! Rate limits: per API token, and per client address for everyone else; 429 with Retry-After
//! and the RateLimit-* headers; a trusted proxy's X-Forwarded-For names the client; instances on
//! one PostgreSQL share a caller's count.

use std::time::Duration;

use reqwest::Method;
use serde_json::json;

use crate::helpers::{TestApp, pg_admin_url};

fn header(r: &crate::helpers::Resp, name: &str) -> String {
    r.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

async fn api_token(app: &TestApp, admin: &str, n: u32) -> String {
    let r = app
        .post(
            "/api/v1/api-tokens",
            admin,
            json!({"name": format!("统计系统{n}"), "role": "provincial_officer", "province_code": "510000"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    r.body["secret"].as_str().expect("secret").to_owned()
}

/// Waits out the last seconds of a minute, so a test's requests fall in one.
async fn not_at_the_minutes_turn() {
    let into = chrono::Utc::now().timestamp() % 60;
    if into > 45 {
        tokio::time::sleep(Duration::from_secs((61 - into) as u64)).await;
    }
}

#[actix_web::test]
async fn an_api_token_beyond_its_limit_gets_429_with_retry_after_while_others_go_on() {
    let app = TestApp::spawn_with(&[("RATE_LIMIT_TOKEN", "5"), ("RATE_LIMIT_ADDRESS", "off")], None).await;
    let admin = app.admin().await;
    let (first, second) = (api_token(&app, &admin, 1).await, api_token(&app, &admin, 2).await);
    not_at_the_minutes_turn().await;
    for n in 0..5 {
        let r = app.get("/api/v1/counties?limit=1", &first).await;
        assert_eq!(r.status, 200, "request {n}: {}", r.body);
        assert_eq!(header(&r, "ratelimit-limit"), "5");
        assert_eq!(header(&r, "ratelimit-remaining"), (4 - n).to_string());
        assert_eq!(header(&r, "ratelimit-policy"), "5;w=60");
        assert!(header(&r, "ratelimit-reset").parse::<u64>().is_ok_and(|s| s <= 60));
    }
    let refused = app.get("/api/v1/counties?limit=1", &first).await;
    assert_eq!(refused.status, 429, "{}", refused.body);
    assert_eq!(refused.headers["content-type"], "application/problem+json");
    assert!(refused.body["type"].as_str().is_some_and(|t| t.ends_with("rate-limit-exceeded")), "{}", refused.body);
    let wait: u64 = header(&refused, "retry-after").parse().expect("Retry-After in seconds");
    assert!((1..=120).contains(&wait), "{wait}");
    assert_eq!(header(&refused, "ratelimit-remaining"), "0");
    assert_eq!(header(&refused, "ratelimit-reset"), wait.to_string());
    // Refused before anything else happens: even a write is neither done nor recorded.
    let write = app
        .call(
            Method::POST,
            "/api/v1/needs",
            Some(&first),
            Some(json!({"county_code": "513431", "assistance_type": "education",
            "title": "不应写入", "priority": "low"})),
            &[("idempotency-key", "k-1")],
        )
        .await;
    assert_eq!(write.status, 429);
    let needs = app.get("/api/v1/needs?q=不应写入", &admin).await;
    assert_eq!(needs.body["items"], json!([]), "{}", needs.body);

    // Another token has its own count; people are not under the token limit.
    assert_eq!(app.get("/api/v1/counties?limit=1", &second).await.status, 200);
    let person = app.get("/api/v1/counties?limit=1", &admin).await;
    assert_eq!(person.status, 200);
    assert_eq!(header(&person, "ratelimit-limit"), "", "no address limit is set");
}

/// The public showcase (no login, so the address is all there is to count by), as relayed for `addr`.
async fn from(app: &TestApp, addr: &str) -> crate::helpers::Resp {
    app.call(Method::GET, "/api/v1/public/showcase", None, None, &[("x-forwarded-for", addr)]).await
}

#[actix_web::test]
async fn an_address_beyond_its_limit_gets_429_and_only_a_trusted_proxy_names_the_client() {
    let behind_proxy = TestApp::spawn_with(&[("RATE_LIMIT_ADDRESS", "3"), ("TRUST_FORWARDED_FOR", "true")], None).await;
    not_at_the_minutes_turn().await;
    for _ in 0..3 {
        assert_eq!(from(&behind_proxy, "10.0.0.1, 198.51.100.7").await.status, 200);
    }
    let refused = from(&behind_proxy, "198.51.100.7").await;
    assert_eq!(refused.status, 429, "{}", refused.body);
    // The client cannot choose its address: the proxy appended the last entry; the ones before
    // are the client's own words.
    assert_eq!(from(&behind_proxy, "203.0.113.9, 198.51.100.7").await.status, 429);
    assert_eq!(from(&behind_proxy, "198.51.100.8").await.status, 200, "another client");

    // Without a trusted proxy the header is ignored: everything here comes from 127.0.0.1.
    let direct = TestApp::spawn_with(&[("RATE_LIMIT_ADDRESS", "3")], None).await;
    for n in 0..3 {
        assert_eq!(from(&direct, if n % 2 == 0 { "198.51.100.1" } else { "198.51.100.2" }).await.status, 200);
    }
    assert_eq!(from(&direct, "198.51.100.3").await.status, 429, "a forged X-Forwarded-For does not reset the count");
}

#[actix_web::test]
async fn instances_on_one_postgresql_share_a_tokens_count() {
    if pg_admin_url().is_none() {
        return;
    }
    let limits = [("RATE_LIMIT_TOKEN", "10"), ("RATE_LIMIT_ADDRESS", "off")];
    let a = TestApp::spawn_with(&limits, None).await;
    let b = TestApp::spawn_with(&[limits[0], limits[1], ("DATABASE_URL", &a.database_url)], None).await;
    let admin = a.admin().await;
    let token = api_token(&a, &admin, 1).await;
    not_at_the_minutes_turn().await;
    for _ in 0..6 {
        assert_eq!(a.get("/api/v1/counties?limit=1", &token).await.status, 200);
    }
    // A tells the others within a second.
    tokio::time::sleep(Duration::from_millis(2200)).await;
    let mut allowed = 0;
    for _ in 0..6 {
        if b.get("/api/v1/counties?limit=1", &token).await.status == 200 {
            allowed += 1;
        }
    }
    assert_eq!(allowed, 4, "B counts A's 6 of 10");
}
