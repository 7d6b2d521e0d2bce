use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::Method;
use serde_json::json;

use crate::helpers::{ADMIN_PASSWORD, JWT_SECRET, TestApp};

#[actix_web::test]
async fn login_returns_tokens_and_me_describes_the_caller() {
    let app = TestApp::spawn().await;
    let r = app.login_as("admin", ADMIN_PASSWORD).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["token_type"], "Bearer");
    assert_eq!(r.body["expires_in"], 900);
    assert!(r.body["refresh_token"].as_str().is_some_and(|t| t.len() >= 40));
    let cookie = r.header("set-cookie").expect("refresh cookie");
    assert!(cookie.contains("HttpOnly") && cookie.contains("Path=/api/v1/auth"), "{cookie}");
    let me = app.get("/api/v1/me", r.body["access_token"].as_str().expect("token")).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.body["username"], "admin");
    assert_eq!(me.body["role"], "national_admin");
    assert!(me.body.get("password_hash").is_none() && me.body.get("password").is_none());
}

#[actix_web::test]
async fn wrong_password_and_unknown_user_look_the_same() {
    let app = TestApp::spawn().await;
    let a = app.login_as("admin", "not-the-password").await;
    let b = app.login_as("nobody", "not-the-password").await;
    a.problem(401);
    b.problem(401);
    assert_eq!(a.body["detail"], b.body["detail"]);
}

#[actix_web::test]
async fn repeated_failures_are_throttled_with_retry_after() {
    let app = TestApp::spawn().await;
    for _ in 0..5 {
        app.login_as("admin", "wrong-password").await.problem(401);
    }
    // Even the right password is refused while the username is throttled.
    let r = app.login_as("admin", ADMIN_PASSWORD).await;
    r.problem(429);
    let wait: u64 = r.header("retry-after").expect("Retry-After").parse().expect("seconds");
    assert!(wait > 0 && wait <= 900, "{wait}");
}

#[actix_web::test]
async fn requests_without_or_with_bad_tokens_are_401() {
    let app = TestApp::spawn().await;
    app.call(Method::GET, "/api/v1/me", None, None, &[]).await.problem(401);
    app.get("/api/v1/me", "garbage").await.problem(401);
    app.call(Method::GET, "/api/v1/me", None, None, &[("authorization", "Basic YWRtaW46eA==")]).await.problem(401);
}

#[actix_web::test]
async fn an_expired_access_token_is_refused() {
    let app = TestApp::spawn().await;
    let token = app.admin().await;
    assert_eq!(app.get("/api/v1/me", &token).await.status, 200);
    app.state.clock.advance(16 * 60);
    app.get("/api/v1/me", &token).await.problem(401);
}

fn forge(header: serde_json::Value, claims: serde_json::Value, signature: &str) -> String {
    format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string()),
        signature
    )
}

#[actix_web::test]
async fn alg_none_tampered_and_wrong_issuer_tokens_are_refused() {
    let app = TestApp::spawn().await;
    let token = app.admin().await;
    let me = app.get("/api/v1/me", &token).await;
    let sub = me.body["id"].as_str().expect("id");
    let now = chrono::Utc::now().timestamp();
    let claims = json!({"iss": "zhuxiang", "aud": "zhuxiang-api", "sub": sub, "iat": now, "nbf": now, "exp": now + 600, "jti": "x"});

    let none = forge(json!({"alg": "none", "typ": "JWT"}), claims.clone(), "");
    app.get("/api/v1/me", &none).await.problem(401);

    // A valid token whose payload is swapped keeps a signature that no longer matches.
    let parts: Vec<&str> = token.split('.').collect();
    let mut tampered_claims = claims.clone();
    tampered_claims["exp"] = json!(now + 999_999);
    let tampered = format!("{}.{}.{}", parts[0], URL_SAFE_NO_PAD.encode(tampered_claims.to_string()), parts[2]);
    app.get("/api/v1/me", &tampered).await.problem(401);

    let key = jsonwebtoken::EncodingKey::from_secret(JWT_SECRET.as_bytes());
    let mut wrong_iss = claims.clone();
    wrong_iss["iss"] = json!("someone-else");
    let t = jsonwebtoken::encode(&jsonwebtoken::Header::default(), &wrong_iss, &key).expect("encode");
    app.get("/api/v1/me", &t).await.problem(401);

    let hs512 = jsonwebtoken::encode(&jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS512), &claims, &key)
        .expect("encode");
    app.get("/api/v1/me", &hs512).await.problem(401);

    // The same claims, correctly signed with HS256, are accepted: the refusals above are real.
    let good = jsonwebtoken::encode(&jsonwebtoken::Header::default(), &claims, &key).expect("encode");
    assert_eq!(app.get("/api/v1/me", &good).await.status, 200);

    let mut future = claims.clone();
    future["nbf"] = json!(now + 3600);
    let t = jsonwebtoken::encode(&jsonwebtoken::Header::default(), &future, &key).expect("encode");
    app.get("/api/v1/me", &t).await.problem(401);
}

async fn refresh(app: &TestApp, token: &str) -> crate::helpers::Resp {
    // A fresh client: the cookie jar must not stand in for the token under test.
    let client = reqwest::Client::new();
    let res = client
        .post(format!("{}/api/v1/auth/refresh", app.base))
        .json(&json!({"refresh_token": token}))
        .send()
        .await
        .expect("send");
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.json().await.unwrap_or(serde_json::Value::Null);
    crate::helpers::Resp { status, headers, body }
}

#[actix_web::test]
async fn refresh_rotates_and_reusing_a_rotated_token_revokes_the_family() {
    let app = TestApp::spawn().await;
    let login = app.login_as("admin", ADMIN_PASSWORD).await;
    let first = login.body["refresh_token"].as_str().expect("rt").to_owned();
    let r = refresh(&app, &first).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let second = r.body["refresh_token"].as_str().expect("rt").to_owned();
    assert_ne!(first, second);
    assert_eq!(app.get("/api/v1/me", r.body["access_token"].as_str().expect("at")).await.status, 200);

    // The first token was used up: presenting it again is treated as theft...
    refresh(&app, &first).await.problem(401);
    // ...and the legitimate successor dies with it.
    refresh(&app, &second).await.problem(401);
}

#[actix_web::test]
async fn the_refresh_cookie_restores_a_session_and_logout_ends_it() {
    let app = TestApp::spawn().await;
    app.login_as("admin", ADMIN_PASSWORD).await;
    // The test client keeps the HttpOnly cookie, as a browser does.
    let r = app.call(Method::POST, "/api/v1/auth/refresh", None, Some(json!({})), &[]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let token = r.body["refresh_token"].as_str().expect("rt").to_owned();
    let out = app.call(Method::POST, "/api/v1/auth/logout", None, Some(json!({})), &[]).await;
    assert_eq!(out.status, 204);
    refresh(&app, &token).await.problem(401);
    app.call(Method::POST, "/api/v1/auth/refresh", None, Some(json!({})), &[]).await.problem(401);
}

#[actix_web::test]
async fn a_disabled_user_loses_access_at_once() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let token = app.user(&admin, "viewer1", "viewer", json!({})).await;
    let me = app.get("/api/v1/me", &token).await;
    let id = me.body["id"].as_str().expect("id").to_owned();
    let u = app.get(&format!("/api/v1/users/{id}"), &admin).await;
    let r = app.patch(&format!("/api/v1/users/{id}"), &admin, &u.etag(), json!({"disabled": true})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    app.get("/api/v1/me", &token).await.problem(401);
    app.login_as("viewer1", crate::helpers::PASSWORD).await.problem(401);
}

/// Logs in through `client` (which may be bound to another loopback address).
async fn login_via(app: &TestApp, client: &reqwest::Client, username: &str, password: &str) -> crate::helpers::Resp {
    let res = client
        .post(format!("{}/api/v1/auth/login", app.base))
        .json(&json!({"username": username, "password": password}))
        .send()
        .await
        .expect("send");
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.json().await.unwrap_or(serde_json::Value::Null);
    crate::helpers::Resp { status, headers, body }
}

/// A client whose requests come from 127.0.0.2: another address than the test's own.
fn elsewhere() -> reqwest::Client {
    reqwest::Client::builder().local_address(std::net::IpAddr::from([127, 0, 0, 2])).build().expect("client")
}

#[actix_web::test]
async fn concurrent_wrong_passwords_are_counted_before_any_is_checked() {
    let app = TestApp::spawn().await;
    let client = reqwest::Client::new();
    let attempts = (0..50).map(|i| login_via(&app, &client, "admin", if i % 2 == 0 { "guess-a" } else { "guess-b" }));
    let results = futures_util::future::join_all(attempts).await;
    let checked = results.iter().filter(|r| r.status == 401).count();
    let refused = results.iter().filter(|r| r.status == 429).count();
    assert_eq!(checked + refused, 50, "only 401 and 429: {:?}", results.iter().map(|r| r.status).collect::<Vec<_>>());
    assert!((1..=5).contains(&checked), "at most 5 guesses reach the password check, got {checked}");
    for r in results.iter().filter(|r| r.status == 429) {
        r.problem(429);
        assert!(r.header("retry-after").is_some());
    }
}

#[actix_web::test]
async fn an_attacker_locked_out_does_not_lock_the_user_out_from_another_address() {
    let app = TestApp::spawn().await;
    let attacker = elsewhere();
    for _ in 0..5 {
        login_via(&app, &attacker, "admin", "wrong-password").await.problem(401);
    }
    login_via(&app, &attacker, "admin", ADMIN_PASSWORD).await.problem(429);
    // Then the attacker's address runs out altogether, spraying other names.
    for i in 0..15 {
        login_via(&app, &attacker, &format!("user{i}"), "wrong-password").await.problem(401);
    }
    let blocked = login_via(&app, &attacker, "someone-new", "wrong-password").await;
    blocked.problem(429);
    let wait: i64 = blocked.header("retry-after").expect("Retry-After").parse().expect("seconds");
    assert!(wait > 0 && wait <= 900, "{wait}");

    // The admin, from its own address, is not locked out; its own slips are forgiven by a
    // success, so four more after it are still checked (a fifth and sixth would be 429 otherwise).
    for round in 0..2 {
        for _ in 0..4 {
            app.login_as("admin", "typo").await.problem(401);
        }
        let r = app.login_as("admin", ADMIN_PASSWORD).await;
        assert_eq!(r.status, 200, "round {round}: {}", r.body);
    }

    // Once the window has passed, the attacker's address is counted afresh.
    app.state.clock.advance(15 * 60 + 1);
    login_via(&app, &attacker, "admin", "wrong-password").await.problem(401);
}
