use reqwest::Method;
use serde_json::json;

use crate::helpers::TestApp;

#[actix_web::test]
async fn an_api_token_is_shown_once_works_like_its_role_and_can_be_revoked() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let r = app
        .post(
            "/api/v1/api-tokens",
            &admin,
            json!({"name": "四川统计系统", "role": "provincial_officer", "province_code": "510000"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let secret = r.body["secret"].as_str().expect("secret").to_owned();
    assert!(secret.starts_with("zxt_"));
    let id = r.body["token"]["id"].as_str().expect("id").to_owned();

    // It reads reference data and manages 四川 county officers, like a 四川 provincial officer.
    assert_eq!(app.get("/api/v1/counties?province=510000&limit=1", &secret).await.status, 200);
    let made = app.post("/api/v1/users", &secret, json!({"username": "zhaojue", "password": crate::helpers::PASSWORD, "display_name": "昭觉", "role": "county_officer", "county_code": "513431"})).await;
    assert_eq!(made.status, 201, "{}", made.body);
    app.post("/api/v1/users", &secret, json!({"username": "huize", "password": crate::helpers::PASSWORD, "display_name": "会泽", "role": "county_officer", "county_code": "530326"})).await.problem(403);
    let audit =
        app.get(&format!("/api/v1/audit-events?entity_id={}", made.body["id"].as_str().expect("id")), &admin).await;
    assert_eq!(audit.body["items"][0]["actor_label"], "token:四川统计系统");

    // The secret is never shown again.
    let listed = app.get("/api/v1/api-tokens", &admin).await;
    assert!(!listed.body.to_string().contains(&secret[4..]));
    let one = app.get(&format!("/api/v1/api-tokens/{id}"), &admin).await;
    assert!(one.body["last_used_at"].is_string());
    app.call(Method::DELETE, &format!("/api/v1/api-tokens/{id}"), Some(&admin), None, &[]).await.problem(428);
    let revoked = app
        .call(Method::DELETE, &format!("/api/v1/api-tokens/{id}"), Some(&admin), None, &[("if-match", &one.etag())])
        .await;
    assert_eq!(revoked.status, 204);
    app.get("/api/v1/counties?limit=1", &secret).await.problem(401);
    app.get("/api/v1/counties?limit=1", "zxt_not-a-real-token").await.problem(401);
}

#[actix_web::test]
async fn token_issuing_follows_the_account_scope_rules() {
    let app = TestApp::spawn().await;
    let (sc, yn) = app.sichuan_and_yunnan().await;
    app.post("/api/v1/api-tokens", &sc, json!({"name": "x", "role": "provincial_officer", "province_code": "530000"}))
        .await
        .problem(403);
    app.post("/api/v1/api-tokens", &sc, json!({"name": "x", "role": "national_admin"})).await.problem(403);
    let own = app
        .post("/api/v1/api-tokens", &sc, json!({"name": "x", "role": "county_officer", "county_code": "513431"}))
        .await;
    assert_eq!(own.status, 201);
    let id = own.body["token"]["id"].as_str().expect("id");
    // 云南 cannot see or revoke 四川's token.
    app.get(&format!("/api/v1/api-tokens/{id}"), &yn).await.problem(404);
    assert_eq!(app.get("/api/v1/api-tokens", &yn).await.body["items"].as_array().map(Vec::len), Some(0));
    app.post("/api/v1/api-tokens", &sc, json!({"name": " ", "role": "county_officer", "county_code": "513431"}))
        .await
        .error_fields();
}

/// Disables or re-enables a user as the admin (reading its ETag first).
async fn set_disabled(app: &TestApp, admin: &str, username: &str, disabled: bool) {
    let users = app.get(&format!("/api/v1/users?q={username}"), admin).await;
    let id = users.body["items"][0]["id"].as_str().expect("user id").to_owned();
    let cur = app.get(&format!("/api/v1/users/{id}"), admin).await;
    let r = app.patch(&format!("/api/v1/users/{id}"), admin, &cur.etag(), json!({"disabled": disabled})).await;
    assert_eq!(r.status, 200, "{}", r.body);
}

#[actix_web::test]
async fn a_token_stops_working_while_its_issuer_is_disabled_or_loses_the_right() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (sc, _) = app.sichuan_and_yunnan().await;
    let r = app
        .post(
            "/api/v1/api-tokens",
            &sc,
            json!({"name": "昭觉县对接系统", "role": "county_officer", "county_code": "513431"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let secret = r.body["secret"].as_str().expect("secret").to_owned();
    assert_eq!(app.get("/api/v1/needs?limit=1", &secret).await.status, 200);

    set_disabled(&app, &admin, "sc-officer", true).await;
    let refused = app.get("/api/v1/needs?limit=1", &secret).await;
    refused.problem(401);
    assert!(refused.body["detail"].as_str().is_some_and(|d| d.contains("停用")), "{}", refused.body);

    // Enabled again, the issuer answers for its token again.
    set_disabled(&app, &admin, "sc-officer", false).await;
    assert_eq!(app.get("/api/v1/needs?limit=1", &secret).await.status, 200);

    // Moved to 云南, the officer may no longer issue 四川 tokens: the old one stops.
    let users = app.get("/api/v1/users?q=sc-officer", &admin).await;
    let id = users.body["items"][0]["id"].as_str().expect("id").to_owned();
    let cur = app.get(&format!("/api/v1/users/{id}"), &admin).await;
    let moved =
        app.patch(&format!("/api/v1/users/{id}"), &admin, &cur.etag(), json!({"province_code": "530000"})).await;
    assert_eq!(moved.status, 200, "{}", moved.body);
    app.get("/api/v1/needs?limit=1", &secret).await.problem(401);
}

#[actix_web::test]
async fn an_api_token_cannot_issue_tokens() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let r = app.post("/api/v1/api-tokens", &admin, json!({"name": "国家统计接口", "role": "national_admin"})).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let secret = r.body["secret"].as_str().expect("secret").to_owned();
    let minted = app.post("/api/v1/api-tokens", &secret, json!({"name": "child", "role": "viewer"})).await;
    let problem = minted.problem(403);
    assert!(problem["detail"].as_str().is_some_and(|d| d.contains("API 令牌不能签发")), "{problem}");
    // Nothing was written: the admin still sees its one token.
    assert_eq!(app.get("/api/v1/api-tokens", &admin).await.body["items"].as_array().map(Vec::len), Some(1));
}
