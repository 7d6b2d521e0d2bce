use reqwest::Method;

use crate::helpers::TestApp;

#[actix_web::test]
async fn every_error_is_problem_json_with_the_request_id() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    app.get("/api/v1/no-such-thing", &admin).await.problem(404);
    // A path that exists answers another method with 405, whichever family it is in.
    app.call(Method::DELETE, "/api/v1/provinces", Some(&admin), None, &[]).await.problem(405);
    app.call(Method::PUT, "/api/v1/counties/513431", Some(&admin), None, &[]).await.problem(405);

    // Malformed JSON, wrong content type, wrong field types.
    let raw = app
        .client
        .post(format!("{}/api/v1/users", app.base))
        .bearer_auth(&admin)
        .header("content-type", "application/json")
        .body("{\"username\": ")
        .send()
        .await
        .expect("send");
    assert_eq!(raw.status(), 400);
    assert_eq!(raw.headers()["content-type"], "application/problem+json");
    let text =
        app.client.post(format!("{}/api/v1/users", app.base)).bearer_auth(&admin).body("x").send().await.expect("send");
    assert_eq!(text.status(), 400);
    let r = app
        .post(
            "/api/v1/users",
            &admin,
            serde_json::json!({"username": 5, "password": "x", "display_name": "x", "role": "viewer"}),
        )
        .await;
    assert_eq!(r.error_fields(), vec!["username"]);
}

#[actix_web::test]
async fn a_request_id_from_the_caller_is_kept() {
    let app = TestApp::spawn().await;
    let r = app.call(Method::GET, "/api/v1/me", None, None, &[("x-request-id", "trace-123")]).await;
    assert_eq!(r.header("x-request-id").as_deref(), Some("trace-123"));
    assert_eq!(r.problem(401)["request_id"], "trace-123");
    // Anything that is not a plain id is replaced, so logs cannot be forged.
    let r = app.call(Method::GET, "/healthz", None, None, &[("x-request-id", "a b\"c")]).await;
    assert_ne!(r.header("x-request-id").as_deref(), Some("a b\"c"));
}

#[actix_web::test]
async fn problems_speak_chinese_by_default_and_english_on_request() {
    let app = TestApp::spawn().await;
    let zh = app.login_as("admin", "wrong-password").await;
    assert_eq!(zh.problem(401)["title"], "需要登录");
    assert_eq!(zh.body["detail"], "用户名或密码错误。");
    let en = app
        .call(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(serde_json::json!({"username": "admin", "password": "wrong-password"})),
            &[("accept-language", "en-GB,en;q=0.8")],
        )
        .await;
    assert_eq!(en.problem(401)["title"], "Authentication required");
    assert_eq!(en.body["detail"], "Wrong username or password.");
    let admin = app.admin().await;
    let r = app.call(Method::GET, "/api/v1/nowhere", Some(&admin), None, &[("accept-language", "en")]).await;
    assert_eq!(r.problem(404)["title"], "Not found");
    let r = app
        .post(
            "/api/v1/users",
            &admin,
            serde_json::json!({"username": "ab", "password": "short", "display_name": "x", "role": "viewer"}),
        )
        .await;
    let messages: Vec<&str> =
        r.body["errors"].as_array().expect("errors").iter().filter_map(|e| e["message"].as_str()).collect();
    assert!(messages.contains(&"至少 10 个字符"), "{messages:?}");
}

/// PostgreSQL cannot store U+0000 in text: such input is refused at the edge with a 422 naming
/// the field, on both databases, instead of failing deep in the store (a 500 on PostgreSQL).
#[actix_web::test]
async fn text_holding_u0000_is_a_422_naming_the_field() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let body = serde_json::json!({
        "username": "nul-user", "password": "Passw0rd-for-tests", "display_name": "a\u{0}b", "role": "viewer"
    });
    assert_eq!(app.post("/api/v1/users", &admin, body).await.error_fields(), ["display_name"]);
    assert_eq!(app.get("/api/v1/organizations?q=a%00b", &admin).await.error_fields(), ["q"]);
    // An id holding U+0000 names nothing.
    app.get("/api/v1/needs/a%00b", &admin).await.problem(404);
    // A wrongly typed query value names its parameter too.
    assert_eq!(app.get("/api/v1/organizations?limit=many", &admin).await.error_fields(), ["limit"]);
}

/// Rows hold typed statuses: a value the code does not know, read from the database (the
/// tables' CHECK constraints keep them out; a newer version's value could still arrive), is an
/// error that names it, never read as some other status.
#[actix_web::test]
async fn an_unknown_status_in_the_database_is_an_error_not_a_substitute() {
    use diesel::prelude::*;
    use diesel::sql_types::Text;
    use zhuxiang::domain::OrgStatus;

    let app = TestApp::spawn().await;
    let mut conn = app.state.pool.get().expect("connection");
    let read = |conn: &mut zhuxiang::db::DbConn, value: &str| {
        diesel::select(diesel::dsl::sql::<Text>(&format!("'{value}'"))).get_result::<OrgStatus>(conn)
    };
    assert_eq!(read(&mut conn, "suspended").expect("a known status"), OrgStatus::Suspended);
    let error = read(&mut conn, "dormant").expect_err("an unknown status does not read");
    let described = format!("{error:?}");
    assert!(described.contains("OrgStatus") && described.contains("unknown value \\\"dormant\\\""), "{described}");
}
