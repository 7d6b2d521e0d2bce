//! Security headers on every kind of response, the refresh cookie's attributes when it is
//! cleared, and who may read `/metrics`.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{ADMIN_PASSWORD, Resp, TestApp};

fn assert_security_headers(r: &Resp, what: &str) {
    let csp = r.header("content-security-policy").unwrap_or_else(|| panic!("{what}: no CSP"));
    for directive in ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'"] {
        assert!(csp.contains(directive), "{what}: {directive} missing from {csp}");
    }
    assert!(!csp.contains("unsafe-eval"), "{what}: {csp}");
    let script_src = csp.split(';').find(|d| d.trim().starts_with("script-src")).expect("script-src");
    assert!(!script_src.contains("unsafe-inline"), "{what}: inline scripts must stay blocked: {csp}");
    assert_eq!(r.header("x-content-type-options").as_deref(), Some("nosniff"), "{what}");
    assert_eq!(r.header("x-frame-options").as_deref(), Some("DENY"), "{what}");
    assert_eq!(r.header("referrer-policy").as_deref(), Some("same-origin"), "{what}");
}

#[actix_web::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::spawn().await;
    let t = app.admin().await;
    let cases = [
        ("the API", app.get("/api/v1/counties?limit=1", &t).await, 200),
        ("a problem", app.get("/api/v1/nope", &t).await, 404),
        ("an unauthenticated call", app.call(Method::GET, "/api/v1/me", None, None, &[]).await, 401),
        ("the contract", app.call(Method::GET, "/api/v1/openapi.json", None, None, &[]).await, 200),
        ("the explorer", app.call(Method::GET, "/docs/", None, None, &[]).await, 200),
        ("the explorer's script", app.call(Method::GET, "/docs/swagger-initializer.js", None, None, &[]).await, 200),
        ("the front page", app.call(Method::GET, "/", None, None, &[]).await, 200),
        ("health", app.call(Method::GET, "/healthz", None, None, &[]).await, 200),
        ("metrics", app.call(Method::GET, "/metrics", None, None, &[]).await, 200),
    ];
    for (what, r, status) in &cases {
        assert_eq!(r.status, *status, "{what}: {}", r.body);
        assert_security_headers(r, what);
    }
    // The explorer never loads the public validator's badge (another origin, blocked by the CSP).
    let init = &cases[5].1;
    let script = init.body.as_str().expect("script text");
    assert!(script.contains("\"validatorUrl\": \"none\""), "{script}");
}

/// The `Set-Cookie` value for the refresh cookie, split into lower-case attributes.
fn refresh_cookie(r: &Resp) -> Vec<String> {
    let raw = r
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("zx_refresh="))
        .unwrap_or_else(|| panic!("no zx_refresh cookie: {:?}", r.headers))
        .to_owned();
    raw.split(';').skip(1).map(|a| a.trim().to_ascii_lowercase()).collect()
}

#[actix_web::test]
async fn logout_clears_the_refresh_cookie_with_the_attributes_it_was_set_with() {
    // Secure, as behind HTTPS. A Secure cookie is not sent back over plain HTTP, so the refresh
    // token goes in the body.
    let app = TestApp::spawn_with(&[("SECURE_COOKIES", "true")], None).await;
    let login = app.login_as("admin", ADMIN_PASSWORD).await;
    assert_eq!(login.status, 200, "{}", login.body);
    let set = refresh_cookie(&login);
    let refresh = login.body["refresh_token"].as_str().expect("refresh token").to_owned();
    let logout =
        app.call(Method::POST, "/api/v1/auth/logout", None, Some(json!({ "refresh_token": refresh })), &[]).await;
    assert_eq!(logout.status, 204, "{}", logout.body);
    let cleared = refresh_cookie(&logout);
    for attribute in ["path=/api/v1/auth", "httponly", "secure", "samesite=strict"] {
        assert!(set.contains(&attribute.to_owned()), "set without {attribute}: {set:?}");
        assert!(cleared.contains(&attribute.to_owned()), "cleared without {attribute}: {cleared:?}");
    }
    assert!(cleared.iter().any(|a| a == "max-age=0"), "the cleared cookie expires now: {cleared:?}");
}

const METRICS_TOKEN: &str = "metrics-token-for-tests-0123";

#[actix_web::test]
async fn metrics_need_the_configured_bearer_token() {
    let app = TestApp::spawn_with(&[("METRICS_TOKEN", METRICS_TOKEN)], None).await;
    let admin = app.admin().await;
    for (what, auth) in [
        ("no token", None),
        ("a user's access token", Some(format!("Bearer {admin}"))),
        ("a wrong token", Some(format!("Bearer {METRICS_TOKEN}x"))),
        ("the token without the scheme", Some(METRICS_TOKEN.to_owned())),
    ] {
        let headers: Vec<(&str, &str)> = auth.iter().map(|a| ("authorization", a.as_str())).collect();
        let r = app.call(Method::GET, "/metrics", None, None, &headers).await;
        r.problem(401);
        assert_eq!(r.header("www-authenticate").as_deref(), Some("Bearer"), "{what}");
        assert!(!r.body.to_string().contains("http_requests_total"), "{what}: {}", r.body);
    }
    let bearer = format!("Bearer {METRICS_TOKEN}");
    let ok = app.call(Method::GET, "/metrics", None, None, &[("authorization", &bearer)]).await;
    assert_eq!(ok.status, 200);
    let text = ok.body.as_str().expect("text");
    assert!(text.contains(r#"route="/metrics",status="401"} 4"#), "the refusals are counted: {text}");
    // The rest of the API is unaffected by the metrics token.
    assert_eq!(app.get("/api/v1/counties?limit=1", &admin).await.status, 200);
    assert_eq!(app.call(Method::GET, "/healthz", None, None, &[]).await.status, 200);
}
