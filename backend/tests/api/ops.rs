use reqwest::Method;

use crate::helpers::TestApp;

#[actix_web::test]
async fn health_readiness_and_metrics() {
    let app = TestApp::spawn().await;
    assert_eq!(app.call(Method::GET, "/healthz", None, None, &[]).await.status, 200);
    let ready = app.call(Method::GET, "/readyz", None, None, &[]).await;
    assert_eq!(ready.status, 200);
    let t = app.admin().await;
    app.get("/api/v1/counties?limit=1", &t).await;
    app.get("/api/v1/nope", &t).await;
    let m = app.call(Method::GET, "/metrics", None, None, &[]).await;
    let text = m.body.as_str().expect("text");
    assert!(text.contains(r#"http_requests_total{method="GET",route="/api/v1/counties",status="200"} 1"#), "{text}");
    assert!(text.contains(r#"status="404""#));
    assert!(text.contains("http_request_duration_seconds_bucket{route=\"/api/v1/counties\",le=\"+Inf\"} 1"));
    assert!(text.contains("db_pool_in_use"));
}
