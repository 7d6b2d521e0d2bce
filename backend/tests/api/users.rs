use serde_json::json;

use crate::helpers::{PASSWORD, TestApp};

#[actix_web::test]
async fn a_sichuan_officer_manages_sichuan_county_officers_only() {
    let app = TestApp::spawn().await;
    let (sc, _yn) = app.sichuan_and_yunnan().await;
    let admin = app.admin().await;

    // 昭觉县 (四川): allowed.
    let ok = app
        .post("/api/v1/users", &sc, json!({"username": "zhaojue", "password": PASSWORD, "display_name": "昭觉县乡村振兴局", "role": "county_officer", "county_code": "513431"}))
        .await;
    assert_eq!(ok.status, 201, "{}", ok.body);
    assert_eq!(ok.body["province_code"], "510000");
    assert!(ok.header("location").is_some_and(|l| l.ends_with(ok.body["id"].as_str().expect("id"))));
    assert!(ok.body.get("password").is_none());

    // 会泽县 (云南): refused.
    app.post("/api/v1/users", &sc, json!({"username": "huize", "password": PASSWORD, "display_name": "会泽", "role": "county_officer", "county_code": "530326"}))
        .await
        .problem(403);
    // Nor may it create a provincial officer, even of its own province.
    app.post("/api/v1/users", &sc, json!({"username": "sc2", "password": PASSWORD, "display_name": "x", "role": "provincial_officer", "province_code": "510000"}))
        .await
        .problem(403);

    // A 云南 county officer made by the admin is invisible to 四川: 404 on read and on write.
    let yn_user = app
        .post("/api/v1/users", &admin, json!({"username": "huize", "password": PASSWORD, "display_name": "会泽", "role": "county_officer", "county_code": "530326"}))
        .await;
    assert_eq!(yn_user.status, 201);
    let yn_id = yn_user.body["id"].as_str().expect("id");
    app.get(&format!("/api/v1/users/{yn_id}"), &sc).await.problem(404);
    app.patch(&format!("/api/v1/users/{yn_id}"), &sc, &yn_user.etag(), json!({"display_name": "hijacked"}))
        .await
        .problem(404);

    // Its list holds only its own county officers.
    let list = app.get("/api/v1/users", &sc).await;
    let names: Vec<&str> =
        list.body["items"].as_array().expect("items").iter().map(|u| u["username"].as_str().unwrap_or("")).collect();
    assert_eq!(names, vec!["zhaojue"]);
    // The admin sees everyone.
    let all = app.get("/api/v1/users?limit=200", &admin).await;
    assert_eq!(all.body["items"].as_array().expect("items").len(), 5);
}

#[actix_web::test]
async fn roles_without_user_management_are_refused() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let county = app.user(&admin, "zhaojue", "county_officer", json!({"county_code": "513431"})).await;
    app.get("/api/v1/users", &county).await.problem(403);
    app.post(
        "/api/v1/users",
        &county,
        json!({"username": "x1", "password": PASSWORD, "display_name": "x", "role": "viewer"}),
    )
    .await
    .problem(403);
    let viewer = app.user(&admin, "viewer1", "viewer", json!({})).await;
    app.get("/api/v1/users", &viewer).await.problem(403);
    app.get("/api/v1/audit-events", &viewer).await.problem(403);
}

#[actix_web::test]
async fn invalid_users_get_422_naming_the_field_and_duplicates_409() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let r = app
        .post(
            "/api/v1/users",
            &admin,
            json!({"username": "a", "password": "short", "display_name": " ", "role": "viewer"}),
        )
        .await;
    let mut fields = r.error_fields();
    fields.sort();
    assert_eq!(fields, vec!["display_name", "password", "username"]);
    let r = app
        .post(
            "/api/v1/users",
            &admin,
            json!({"username": "cty", "password": PASSWORD, "display_name": "x", "role": "county_officer"}),
        )
        .await;
    assert_eq!(r.error_fields(), vec!["county_code"]);
    let r = app.post("/api/v1/users", &admin, json!({"username": "cty", "password": PASSWORD, "display_name": "x", "role": "county_officer", "county_code": "999999"})).await;
    assert_eq!(r.error_fields(), vec!["county_code"]);
    let r = app.post("/api/v1/users", &admin, json!({"username": "prv", "password": PASSWORD, "display_name": "x", "role": "provincial_officer", "province_code": "513431"})).await;
    assert_eq!(r.error_fields(), vec!["province_code"]);
    let r = app
        .post(
            "/api/v1/users",
            &admin,
            json!({"username": "x", "password": PASSWORD, "display_name": "x", "role": "root"}),
        )
        .await;
    assert_eq!(r.error_fields(), vec!["role"]);
    let r = app
        .post(
            "/api/v1/users",
            &admin,
            json!({"username": "admin", "password": PASSWORD, "display_name": "x", "role": "viewer"}),
        )
        .await;
    r.problem(409);
}

#[actix_web::test]
async fn changes_need_the_current_etag() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let created = app
        .post(
            "/api/v1/users",
            &admin,
            json!({"username": "viewer-1", "password": PASSWORD, "display_name": "甲", "role": "viewer"}),
        )
        .await;
    let path = format!("/api/v1/users/{}", created.body["id"].as_str().expect("id"));
    let etag = created.etag();
    app.call(reqwest::Method::PATCH, &path, Some(&admin), Some(json!({"display_name": "乙"})), &[]).await.problem(428);
    let ok = app.patch(&path, &admin, &etag, json!({"display_name": "乙"})).await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert_eq!(ok.body["display_name"], "乙");
    assert_ne!(ok.etag(), etag);
    // A second coordinator still holding the old ETag does not overwrite the change.
    app.patch(&path, &admin, &etag, json!({"display_name": "丙"})).await.problem(412);
    assert_eq!(app.get(&path, &admin).await.body["display_name"], "乙");
}

#[actix_web::test]
async fn a_password_reset_takes_effect_and_is_audited_without_the_secret() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let created = app
        .post(
            "/api/v1/users",
            &admin,
            json!({"username": "viewer-1", "password": PASSWORD, "display_name": "甲", "role": "viewer"}),
        )
        .await;
    let id = created.body["id"].as_str().expect("id").to_owned();
    let r = app
        .patch(&format!("/api/v1/users/{id}"), &admin, &created.etag(), json!({"password": "A-new-passw0rd!"}))
        .await;
    assert_eq!(r.status, 200);
    app.login_as("viewer-1", PASSWORD).await.problem(401);
    assert_eq!(app.login_as("viewer-1", "A-new-passw0rd!").await.status, 200);
    let audit = app.get(&format!("/api/v1/audit-events?entity_type=user&entity_id={id}"), &admin).await;
    let events = audit.body["items"].as_array().expect("items");
    let actions: Vec<&str> = events.iter().map(|e| e["action"].as_str().unwrap_or("")).collect();
    assert_eq!(actions, vec!["user.update", "user.create"]);
    assert_eq!(events[1]["after"]["username"], "viewer-1");
    assert_eq!(events[0]["actor_label"], "admin");
    let text = audit.body.to_string();
    assert!(!text.contains("A-new-passw0rd!") && !text.contains("argon2"), "no secret in the audit log");
}

#[actix_web::test]
async fn admins_cannot_lock_themselves_out() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let me = app.get("/api/v1/me", &admin).await;
    let path = format!("/api/v1/users/{}", me.body["id"].as_str().expect("id"));
    let cur = app.get(&path, &admin).await;
    app.patch(&path, &admin, &cur.etag(), json!({"disabled": true})).await.problem(409);
    app.patch(&path, &admin, &cur.etag(), json!({"role": "viewer"})).await.problem(409);
}

#[actix_web::test]
async fn users_paginate_by_username_and_filter() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    for i in 0..5 {
        let r = app.post("/api/v1/users", &admin, json!({"username": format!("user{i}"), "password": PASSWORD, "display_name": format!("用户{i}"), "role": "viewer"})).await;
        assert_eq!(r.status, 201);
    }
    let mut seen = vec![];
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/users?role=viewer&limit=2&cursor={c}"),
            None => "/api/v1/users?role=viewer&limit=2".into(),
        };
        let page = app.get(&path, &admin).await;
        assert_eq!(page.status, 200, "{}", page.body);
        for u in page.body["items"].as_array().expect("items") {
            seen.push(u["username"].as_str().expect("name").to_owned());
        }
        match page.body["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen, vec!["user0", "user1", "user2", "user3", "user4"]);
    let q = app.get("/api/v1/users?q=%E7%94%A8%E6%88%B73", &admin).await;
    assert_eq!(q.body["items"].as_array().expect("items").len(), 1);
    let counted = app.get("/api/v1/users?role=viewer&limit=2&count=true", &admin).await;
    assert_eq!((counted.body["total"].as_i64(), counted.body["items"].as_array().map(Vec::len)), (Some(5), Some(2)));
    assert!(app.get("/api/v1/users?role=viewer", &admin).await.body.get("total").is_none());
}

/// Concurrent writers queue instead of failing (SQLite: immediate write transactions).
#[actix_web::test]
async fn concurrent_creates_all_succeed() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let creates = (0..16).map(|i| {
        // A county officer: creating one reads the county before writing.
        let body = json!({"username": format!("parallel{i}"), "password": PASSWORD, "display_name": format!("并发{i}"), "role": "county_officer", "county_code": "513431"});
        app.post("/api/v1/users", &admin, body)
    });
    let results = futures_util::future::join_all(creates).await;
    let statuses: Vec<u16> = results.iter().map(|r| r.status.as_u16()).collect();
    assert!(statuses.iter().all(|s| *s == 201), "{statuses:?}");
    let audit = app.get("/api/v1/audit-events?action=user.create&limit=200", &admin).await;
    assert_eq!(audit.body["items"].as_array().map(Vec::len), Some(17), "one audit row per create, plus the bootstrap");
}

#[actix_web::test]
async fn a_retried_create_with_an_idempotency_key_makes_one_user() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let body = json!({"username": "retry-me", "password": PASSWORD, "display_name": "重试", "role": "viewer"});
    async fn send(app: &TestApp, token: &str, body: &serde_json::Value, key: &str) -> crate::helpers::Resp {
        app.call(reqwest::Method::POST, "/api/v1/users", Some(token), Some(body.clone()), &[("idempotency-key", key)])
            .await
    }
    let first = send(&app, &admin, &body, "create-retry-me-1").await;
    assert_eq!(first.status, 201, "{}", first.body);
    assert_eq!(first.header("idempotent-replayed").as_deref(), Some("false"));
    let again = send(&app, &admin, &body, "create-retry-me-1").await;
    assert_eq!(again.status, 201);
    assert_eq!(again.header("idempotent-replayed").as_deref(), Some("true"));
    assert_eq!(again.body["id"], first.body["id"]);
    assert_eq!((again.header("location"), again.header("etag")), (first.header("location"), first.header("etag")));
    let list = app.get("/api/v1/users?q=retry-me&count=true", &admin).await;
    assert_eq!(list.body["total"], 1);
    // A new key is a new request: here a duplicate username.
    send(&app, &admin, &body, "create-retry-me-2").await.problem(409);
    // A failed attempt leaves no key behind; the same key on another endpoint is refused.
    let r = app
        .call(
            reqwest::Method::POST,
            "/api/v1/api-tokens",
            Some(&admin),
            Some(json!({"name": "x", "role": "viewer"})),
            &[("idempotency-key", "create-retry-me-1")],
        )
        .await;
    assert_eq!(r.error_fields(), vec!["Idempotency-Key"]);
}

#[actix_web::test]
async fn a_locked_out_county_officer_is_shown_and_unlocked_by_its_province_only() {
    let app = TestApp::spawn().await;
    let (sc, yn) = app.sichuan_and_yunnan().await;
    app.user(&sc, "zj-officer", "county_officer", json!({"county_code": "513431"})).await;
    assert!(listed(&app, &sc).await["locked_until"].is_null(), "not locked before any failure");
    for _ in 0..5 {
        app.login_as("ZJ-Officer", "wrong-password").await.problem(401);
    }
    app.login_as("zj-officer", PASSWORD).await.problem(429);
    let user = listed(&app, &sc).await;
    let until = user["locked_until"].as_str().expect("the lock is shown with its end");
    let until = chrono::DateTime::parse_from_rfc3339(until).expect("a time");
    let minutes = (until.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_minutes();
    assert!((13..=15).contains(&minutes), "the lock ends with its 15-minute window: {minutes} min");
    let id = user["id"].as_str().expect("id").to_owned();
    assert!(app.get(&format!("/api/v1/users/{id}"), &sc).await.body["locked_until"].is_string());

    // 云南 may not see it, let alone clear it; 四川 clears it and the officer logs in at once.
    let path = format!("/api/v1/users/{id}/lockout");
    app.call(reqwest::Method::DELETE, &path, Some(&yn), None, &[]).await.problem(404);
    assert_eq!(app.call(reqwest::Method::DELETE, &path, Some(&sc), None, &[]).await.status, 204);
    assert!(listed(&app, &sc).await["locked_until"].is_null());
    assert_eq!(app.login_as("zj-officer", PASSWORD).await.status, 200);

    let admin = app.admin().await;
    let audit = app.get(&format!("/api/v1/audit-events?action=user.unlock&entity_id={id}"), &admin).await;
    let event = &audit.body["items"][0];
    assert_eq!((event["actor_label"].as_str(), event["actor_name"].as_str()), (Some("sc-officer"), Some("sc-officer")));
    assert_eq!(event["after"]["addresses_cleared"], 1);
    assert!(event["after"]["locked_until"].is_string());
}

/// The first user the caller's list finds for `zj-officer`.
async fn listed(app: &TestApp, token: &str) -> serde_json::Value {
    let r = app.get("/api/v1/users?q=zj-officer", token).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body["items"][0].clone()
}
