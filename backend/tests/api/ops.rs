use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::json;

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

/// What the test proxy does with the traffic to PostgreSQL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Link {
    Up,
    /// A network outage: live connections are cut, new ones refused.
    Reset,
    /// A stalled database: connections stay open, nothing gets through until it is up again.
    Stalled,
}

/// A TCP proxy in front of PostgreSQL that the test can cut or stall.
struct Outage {
    addr: String,
    link: tokio::sync::watch::Sender<Link>,
}

impl Outage {
    async fn start(upstream: String) -> Outage {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr").to_string();
        let (link, rx) = tokio::sync::watch::channel(Link::Up);
        actix_web::rt::spawn(async move {
            loop {
                let Ok((client, _)) = listener.accept().await else { return };
                let mut rx = rx.clone();
                let upstream = upstream.clone();
                actix_web::rt::spawn(async move {
                    // A new connection waits out a stall, and is refused during a reset.
                    match rx.wait_for(|l| *l != Link::Stalled).await.map(|l| *l) {
                        Ok(Link::Up) => {}
                        _ => return,
                    }
                    let Ok(server) = tokio::net::TcpStream::connect(&upstream).await else { return };
                    let (client_in, client_out) = client.into_split();
                    let (server_in, server_out) = server.into_split();
                    tokio::select! {
                        _ = pipe(client_in, server_out, rx.clone()) => {}
                        _ = pipe(server_in, client_out, rx.clone()) => {}
                        _ = rx.wait_for(|l| *l == Link::Reset) => {} // cut live connections too
                    }
                });
            }
        });
        Outage { addr, link }
    }
}

/// Copies one direction of a connection, holding the bytes while the link is stalled.
async fn pipe(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    mut link: tokio::sync::watch::Receiver<Link>,
) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        let n = match from.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        if link.wait_for(|l| *l != Link::Stalled).await.is_err() || to.write_all(&buf[..n]).await.is_err() {
            return;
        }
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

    outage.link.send_replace(Link::Reset);
    let down = app.call(Method::GET, "/readyz", None, None, &[]).await;
    down.problem(503);
    assert_eq!(down.body["type"], "urn:zhuxiang:problem:unavailable");
    // Other endpoints say the same, never a 500.
    app.get("/api/v1/provinces", &token).await.problem(503);

    outage.link.send_replace(Link::Up);
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

/// Waits for a response, failing the test instead of hanging when the service hangs.
async fn within<T>(limit: Duration, what: &str, f: impl std::future::Future<Output = T>) -> (T, Duration) {
    let started = Instant::now();
    let out = tokio::time::timeout(limit, f).await.unwrap_or_else(|_| panic!("{what}: no answer within {limit:?}"));
    (out, started.elapsed())
}

/// Polls `/readyz` until it says 200; how long that took.
async fn until_ready(app: &TestApp, limit: Duration) -> Duration {
    let started = Instant::now();
    while started.elapsed() < limit {
        let r = tokio::time::timeout(limit, app.call(Method::GET, "/readyz", None, None, &[])).await;
        if r.is_ok_and(|r| r.status == 200) {
            return started.elapsed();
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("not ready again within {limit:?}");
}

/// Connections reset and a stalled database both give 503 problems (with Retry-After and the
/// request id, logged and counted) within the configured timeouts, never a hang or a 500,
/// and the service answers again within a second of the database returning. PostgreSQL only:
/// the faults are staged on the network between the service and the database.
#[actix_web::test]
async fn database_faults_answer_503_within_the_timeouts_and_recover_at_once() {
    let Some(admin) = crate::helpers::pg_admin_url() else { return };
    crate::logs::capture();
    let outage = Outage::start(crate::helpers::host_of(&admin)).await;
    let settings = [("DATABASE_CONNECT_TIMEOUT", "1"), ("DATABASE_STATEMENT_TIMEOUT", "1")];
    let app = TestApp::spawn_full(Some(&outage.addr), &settings, None).await;
    let token = app.admin().await;
    // Connect (libpq waits at least 2 s) plus statement, plus scheduling on a busy machine.
    let limit = Duration::from_secs(5);
    for fault in [Link::Reset, Link::Stalled] {
        outage.link.send_replace(fault);
        let (read, read_took) = within(limit, "a read", app.get("/api/v1/provinces", &token)).await;
        read.problem(503);
        assert_eq!(read.header("retry-after").as_deref(), Some("1"));
        let (ready, ready_took) = within(limit, "/readyz", app.call(Method::GET, "/readyz", None, None, &[])).await;
        ready.problem(503);
        // A create with an Idempotency-Key fails in the idempotency layer, a middleware.
        let before = crate::concurrency::requests_total(&app, "POST", "/api/v1/campaigns", 503).await;
        let key = format!("{fault:?}");
        let headers = [("idempotency-key", key.as_str())];
        let create = app.call(
            Method::POST,
            "/api/v1/campaigns",
            Some(&token),
            Some(json!({"year": 2026, "theme": "乡村行"})),
            &headers,
        );
        let (created, create_took) = within(limit, "a create", create).await;
        created.problem(503);
        let id = created.body["request_id"].as_str().expect("request id");
        assert_eq!(crate::logs::request_log(id).expect("logged")["status"], 503);
        assert_eq!(crate::concurrency::requests_total(&app, "POST", "/api/v1/campaigns", 503).await, before + 1);

        outage.link.send_replace(Link::Up);
        let recovered = until_ready(&app, Duration::from_secs(10)).await;
        eprintln!(
            "{fault:?}: read 503 in {read_took:.2?}, /readyz 503 in {ready_took:.2?}, create 503 in \
             {create_took:.2?}; ready {recovered:.2?} after the database returned"
        );
        assert!(recovered < Duration::from_secs(1), "{fault:?}: recovered only after {recovered:?}");
        assert_eq!(app.get("/api/v1/provinces", &token).await.status, 200);
    }
}

/// SQLite's stall: another writer holds the database longer than the statement timeout. A
/// write waits that long, then gets a 503 problem (not a 500), and works once it is released.
#[actix_web::test]
async fn a_write_blocked_past_the_statement_timeout_answers_503() {
    if crate::helpers::pg_admin_url().is_some() {
        return; // PostgreSQL's stalls are staged through the proxy above
    }
    let app = TestApp::spawn_full(None, &[("DATABASE_STATEMENT_TIMEOUT", "1")], None).await;
    let token = app.admin().await;
    let mut holder = app.state.pool.get().expect("conn");
    use diesel::connection::SimpleConnection;
    holder.batch_execute("BEGIN IMMEDIATE").expect("lock");
    let campaign = json!({"year": 2026, "theme": "乡村行"});
    let (r, took) =
        within(Duration::from_secs(5), "a blocked write", app.post("/api/v1/campaigns", &token, campaign.clone()))
            .await;
    r.problem(503);
    assert_eq!(r.header("retry-after").as_deref(), Some("1"));
    eprintln!("a write blocked by another writer: 503 in {took:.2?}");
    assert!(took < Duration::from_millis(2500), "{took:?}");
    assert_eq!(app.call(Method::GET, "/readyz", None, None, &[]).await.status, 200, "readers are not blocked");
    holder.batch_execute("ROLLBACK").expect("release");
    drop(holder);
    assert_eq!(app.post("/api/v1/campaigns", &token, campaign).await.status, 201);
}
