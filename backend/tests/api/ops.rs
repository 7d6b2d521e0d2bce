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

/// A TCP proxy in front of PostgreSQL that the test can cut, like a network outage.
struct Outage {
    addr: String,
    up: tokio::sync::watch::Sender<bool>,
}

impl Outage {
    async fn start(upstream: String) -> Outage {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr").to_string();
        let (up, rx) = tokio::sync::watch::channel(true);
        actix_web::rt::spawn(async move {
            loop {
                let Ok((mut client, _)) = listener.accept().await else { return };
                let mut rx = rx.clone();
                if !*rx.borrow() {
                    continue; // dropped: the connection is refused
                }
                let upstream = upstream.clone();
                actix_web::rt::spawn(async move {
                    let Ok(mut server) = tokio::net::TcpStream::connect(&upstream).await else { return };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                        _ = rx.wait_for(|up| !*up) => {} // cut live connections too
                    }
                });
            }
        });
        Outage { addr, up }
    }
}

/// Readiness reports a database outage as 503 and recovers by itself. An embedded SQLite file
/// cannot become unreachable, so the outage is staged on PostgreSQL (CI runs it there);
/// on SQLite the test checks readiness and the API while nothing fails.
#[actix_web::test]
async fn readiness_reports_a_database_outage_and_recovers() {
    let Some(admin) = crate::helpers::pg_admin_url() else {
        let app = TestApp::spawn().await;
        assert_eq!(app.call(Method::GET, "/readyz", None, None, &[]).await.status, 200);
        return;
    };
    let outage = Outage::start(crate::helpers::host_of(&admin)).await;
    let app = TestApp::spawn_via(Some(&outage.addr)).await;
    let token = app.admin().await;
    assert_eq!(app.call(Method::GET, "/readyz", None, None, &[]).await.status, 200);

    outage.up.send_replace(false);
    let down = app.call(Method::GET, "/readyz", None, None, &[]).await;
    down.problem(503);
    assert_eq!(down.body["type"], "urn:zhuxiang:problem:unavailable");
    // Other endpoints say the same, never a 500.
    app.get("/api/v1/provinces", &token).await.problem(503);

    outage.up.send_replace(true);
    let mut status = 0;
    for _ in 0..20 {
        status = app.call(Method::GET, "/readyz", None, None, &[]).await.status.as_u16();
        if status == 200 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(status, 200, "readiness recovers when the database returns");
    assert_eq!(app.get("/api/v1/provinces", &token).await.status, 200);
}
