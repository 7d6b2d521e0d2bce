//! Webhooks: an event reaches, signed and once, each subscription whose role and scope may see
//! it; a failing receiver is retried and then disabled, its maker told; nothing is sent into
//! the server's own network unless the operator allows it. Receivers are local HTTP servers.

use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::{TestApp, pg_admin_url};

/// What a receiver was sent.
#[derive(Clone, Debug)]
pub struct Received {
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub at: Instant,
}

impl Received {
    pub fn header(&self, name: &str) -> &str {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str()).unwrap_or("")
    }
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

/// A local HTTP server that records each request and answers `status` (settable).
pub struct Receiver {
    pub url: String,
    pub status: Arc<AtomicU16>,
    pub received: Arc<Mutex<Vec<Received>>>,
}

impl Receiver {
    pub async fn start() -> Receiver {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}/hooks/zhuxiang", listener.local_addr().expect("addr"));
        let status = Arc::new(AtomicU16::new(200));
        let received: Arc<Mutex<Vec<Received>>> = Arc::default();
        let (s, r) = (status.clone(), received.clone());
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let (s, r) = (s.clone(), r.clone());
                tokio::spawn(async move {
                    let mut buf = Vec::new();
                    let mut chunk = [0u8; 4096];
                    let (head_end, length) = loop {
                        let Ok(n) = stream.read(&mut chunk).await else { return };
                        if n == 0 {
                            return;
                        }
                        buf.extend_from_slice(&chunk[..n]);
                        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                            let head = String::from_utf8_lossy(&buf[..end]).to_lowercase();
                            let length = head
                                .lines()
                                .find_map(|l| l.strip_prefix("content-length:").map(|v| v.trim().parse().unwrap_or(0)))
                                .unwrap_or(0usize);
                            break (end + 4, length);
                        }
                    };
                    while buf.len() < head_end + length {
                        let Ok(n) = stream.read(&mut chunk).await else { return };
                        if n == 0 {
                            break;
                        }
                        buf.extend_from_slice(&chunk[..n]);
                    }
                    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
                    let headers = head
                        .lines()
                        .skip(1)
                        .filter_map(|l| l.split_once(':').map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned())))
                        .collect();
                    let body = buf[head_end..].to_vec();
                    r.lock().expect("the receiver's record").push(Received { headers, body, at: Instant::now() });
                    let status = s.load(Ordering::SeqCst);
                    let answer = format!("HTTP/1.1 {status} X\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
                    let _ = stream.write_all(answer.as_bytes()).await;
                });
            }
        });
        Receiver { url, status, received }
    }

    pub fn count(&self) -> usize {
        self.received.lock().expect("the receiver's record").len()
    }

    pub fn all(&self) -> Vec<Received> {
        self.received.lock().expect("the receiver's record").clone()
    }

    /// Waits until `n` requests came (failing after `within`), then `settle` more for any extra.
    pub async fn wait_for(&self, n: usize, within: Duration, settle: Duration) -> Vec<Received> {
        let started = Instant::now();
        while self.count() < n {
            assert!(started.elapsed() < within, "{} of {n} deliveries after {within:?}", self.count());
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        tokio::time::sleep(settle).await;
        self.all()
    }
}

/// An app whose webhooks may call loopback (the receivers here), with `more` settings.
pub async fn app_with_receivers(more: &[(&str, &str)]) -> TestApp {
    let mut settings = vec![("WEBHOOK_ALLOW_PRIVATE", "true")];
    settings.extend_from_slice(more);
    TestApp::spawn_with(&settings, None).await
}

/// Subscribes; returns the subscription and its secret.
pub async fn subscribe(app: &TestApp, by: &str, url: &str, events: &[&str], scope: Value) -> (Value, String) {
    let mut body = json!({"name": "统计系统", "url": url, "events": events});
    body.as_object_mut().expect("as sent").extend(scope.as_object().expect("as sent").clone());
    let r = app.post("/api/v1/webhooks", by, body).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.headers["cache-control"], "no-store", "the secret is shown once");
    (r.body["webhook"].clone(), r.body["secret"].as_str().expect("secret").to_owned())
}

pub async fn raise_need(app: &TestApp, by: &str, county: &str) -> String {
    let body =
        json!({"county_code": county, "assistance_type": "education", "title": "乡村学校图书角", "priority": "high"});
    let r = app.post("/api/v1/needs", by, body).await;
    assert_eq!(r.status, 201, "{}", r.body);
    r.body["id"].as_str().expect("id").to_owned()
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

#[actix_web::test]
async fn a_need_reaches_once_each_subscription_that_may_see_it_signed_with_its_own_secret() {
    let app = app_with_receivers(&[]).await;
    let admin = app.admin().await;
    let (national, sichuan, yunnan) = (Receiver::start().await, Receiver::start().await, Receiver::start().await);
    let (_, national_secret) =
        subscribe(&app, &admin, &national.url, &["need.created"], json!({"role": "national_admin"})).await;
    let (sc_hook, sc_secret) = subscribe(
        &app,
        &admin,
        &sichuan.url,
        &["need.created", "project.landed"],
        json!({"role": "provincial_officer", "province_code": "510000"}),
    )
    .await;
    let (yn_hook, _) = subscribe(
        &app,
        &admin,
        &yunnan.url,
        &["need.created"],
        json!({"role": "provincial_officer", "province_code": "530000"}),
    )
    .await;

    let raised = Instant::now();
    let need = raise_need(&app, &admin, "513431").await; // 昭觉, 四川
    let got = national.wait_for(1, Duration::from_secs(10), Duration::ZERO).await;
    let latency = got[0].at - raised;
    let sc = sichuan.wait_for(1, Duration::from_secs(10), Duration::from_millis(1500)).await;
    eprintln!("webhooks: need.created delivered {} ms after the request was sent", latency.as_millis());
    assert_eq!(national.count(), 1, "delivered once");
    assert_eq!(sc.len(), 1, "delivered once");
    assert_eq!(yunnan.count(), 0, "云南's provincial scope does not see 四川's needs");

    for (r, secret) in [(&got[0], &national_secret), (&sc[0], &sc_secret)] {
        let signature = r.header("X-Zhuxiang-Signature");
        assert!(zhuxiang::webhooks::signature::verify(secret, signature, &r.body, now(), 300), "{signature}");
        assert_eq!(r.header("X-Zhuxiang-Event"), "need.created");
        assert_eq!(r.header("content-type"), "application/json");
        let body = r.json();
        assert_eq!(body["event"], "need.created");
        assert_eq!(body["data"]["entity_id"], need.as_str());
        assert_eq!(body["data"]["href"], format!("/api/v1/needs/{need}"));
        assert_eq!(body["id"], r.header("X-Zhuxiang-Event-Id"));
    }
    assert!(
        !zhuxiang::webhooks::signature::verify(
            &national_secret,
            sc[0].header("X-Zhuxiang-Signature"),
            &sc[0].body,
            now(),
            300
        ),
        "each subscription signs with its own secret"
    );

    // The delivery log says what happened.
    let log =
        app.get(&format!("/api/v1/webhooks/{}/deliveries", sc_hook["id"].as_str().expect("as sent")), &admin).await;
    assert_eq!(log.status, 200, "{}", log.body);
    let d = &log.body["items"][0];
    assert_eq!(
        (d["status"].as_str(), d["attempts"].as_i64(), d["response_status"].as_i64()),
        (Some("delivered"), Some(1), Some(200))
    );
    assert!(d["latency_ms"].as_i64().is_some_and(|ms| ms >= 0));
    assert_eq!(d["event"], "need.created");
    assert_eq!(d["id"], sc[0].header("X-Zhuxiang-Delivery"));
    let none =
        app.get(&format!("/api/v1/webhooks/{}/deliveries", yn_hook["id"].as_str().expect("as sent")), &admin).await;
    assert_eq!(none.body["items"], json!([]));
}

#[actix_web::test]
async fn a_failing_receiver_is_retried_then_disabled_and_its_maker_told_and_a_delivery_can_be_sent_again() {
    let app = app_with_receivers(&[("WEBHOOK_RETRY_BASE", "0.02")]).await;
    let (sichuan, _) = app.sichuan_and_yunnan().await;
    let receiver = Receiver::start().await;
    receiver.status.store(503, Ordering::SeqCst);
    let (hook, _) = subscribe(
        &app,
        &sichuan,
        &receiver.url,
        &["need.created"],
        json!({"role": "provincial_officer", "province_code": "510000"}),
    )
    .await;
    let path = format!("/api/v1/webhooks/{}", hook["id"].as_str().expect("as sent"));
    let policy = app.get("/api/v1/webhooks", &sichuan).await.body["policy"].clone();
    let (attempts, disable_after) =
        (policy["attempts"].as_i64().expect("as sent"), policy["disable_after"].as_i64().expect("as sent"));
    assert_eq!((attempts, disable_after), (6, 15));

    // Three events, six attempts each, would be 18: the 15th failure in a row disables it. One
    // test event may be pending at a time: the others are needs raised in 昭觉.
    assert_eq!(app.post(&format!("{path}/ping"), &sichuan, json!({})).await.status, 201);
    assert_eq!(app.post(&format!("{path}/ping"), &sichuan, json!({})).await.status, 409, "one ping at a time");
    for _ in 0..2 {
        raise_need(&app, &sichuan, "513431").await;
    }
    let started = Instant::now();
    loop {
        let h = app.get(&path, &sichuan).await;
        if h.body["enabled"] == false {
            assert_eq!(h.body["failures"], 15, "{}", h.body);
            assert!(h.body["disabled_reason"].as_str().is_some_and(|r| r.contains("15")), "{}", h.body);
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "not disabled: {}", h.body);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(receiver.count(), 15, "nothing is sent once it is disabled");
    let log = app.get(&format!("{path}/deliveries"), &sichuan).await.body["items"].clone();
    let statuses: Vec<&str> =
        log.as_array().expect("as sent").iter().map(|d| d["status"].as_str().expect("as sent")).collect();
    let tried: i64 = log.as_array().expect("as sent").iter().map(|d| d["attempts"].as_i64().expect("as sent")).sum();
    assert_eq!(tried, 15);
    assert!(statuses.contains(&"cancelled"), "{statuses:?}");
    assert!(log.as_array().expect("as sent").iter().all(|d| d["response_status"] == 503 || d["attempts"] == 0));
    // Each attempt of one delivery waited longer than the one before (20, 40, 80, 160, 320 ms, at
    // least: the workers look every 0.5 s).
    let first = log.as_array().expect("as sent").iter().find(|d| d["attempts"] == attempts).cloned();
    if let Some(d) = first {
        assert_eq!(d["status"], "failed", "{d}");
    }

    // The person who made it is told.
    let notes = app.get("/api/v1/me/notifications", &sichuan).await;
    let told = notes.body["items"]
        .as_array()
        .expect("as sent")
        .iter()
        .any(|n| n["kind"] == "webhook_disabled" && n["entity_id"] == hook["id"]);
    assert!(told, "{}", notes.body);
    // A disabled subscription neither pings nor redelivers; enabled again, it counts from 0.
    assert_eq!(app.post(&format!("{path}/ping"), &sichuan, json!({})).await.status, 409);
    let etag = app.get(&path, &sichuan).await.headers["etag"].to_str().expect("as sent").to_owned();
    let r = app.patch(&path, &sichuan, &etag, json!({"enabled": true})).await;
    assert_eq!((r.status.as_u16(), r.body["failures"].as_i64()), (200, Some(0)), "{}", r.body);
    assert_eq!(r.body["disabled_reason"], Value::Null);

    receiver.status.store(204, Ordering::SeqCst);
    let original = &log[0];
    let again = app
        .post(
            &format!("{path}/deliveries/{}/redeliver", original["id"].as_str().expect("as sent")),
            &sichuan,
            json!({}),
        )
        .await;
    assert_eq!(again.status, 201, "{}", again.body);
    assert_eq!(again.body["redelivery_of"], original["id"]);
    let got = receiver.wait_for(16, Duration::from_secs(10), Duration::from_millis(300)).await;
    assert_eq!(got.len(), 16);
    assert_eq!(got[15].json()["id"], original["event_id"], "the same event, so the receiver can tell");
    let log = app.get(&format!("{path}/deliveries?status=delivered"), &sichuan).await.body["items"].clone();
    assert_eq!(log.as_array().expect("as sent").len(), 1);
    assert_eq!(log[0]["response_status"], 204);
}

#[actix_web::test]
async fn a_webhook_cannot_make_the_server_call_into_its_own_network() {
    let app = TestApp::spawn().await; // WEBHOOK_ALLOW_PRIVATE unset
    let admin = app.admin().await;
    let receiver = Receiver::start().await;
    let (hook, _) = subscribe(&app, &admin, &receiver.url, &["need.created"], json!({"role": "national_admin"})).await;
    let path = format!("/api/v1/webhooks/{}", hook["id"].as_str().expect("as sent"));
    assert_eq!(app.post(&format!("{path}/ping"), &admin, json!({})).await.status, 201);
    let started = Instant::now();
    let d = loop {
        let log = app.get(&format!("{path}/deliveries"), &admin).await;
        let d = log.body["items"][0].clone();
        if d["attempts"] == 1 {
            break d;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "{}", log.body);
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(receiver.count(), 0);
    assert_eq!(d["status"], "pending", "retried later, as any failure: {d}");
    assert!(d["error"].as_str().is_some_and(|e| e.contains("no public address")), "{d}");
    assert_eq!(d["response_status"], Value::Null);
}

#[actix_web::test]
async fn a_subscription_is_refused_with_the_field_named_and_managed_only_by_token_issuers() {
    let app = TestApp::spawn().await;
    let (sichuan, _) = app.sichuan_and_yunnan().await;
    let scope = json!({"role": "provincial_officer", "province_code": "510000"});
    let with = |patch: Value| {
        let mut body = json!({"name": "统计系统", "url": "https://example.org/hook", "events": ["need.created"]});
        body.as_object_mut().expect("as sent").extend(scope.as_object().expect("as sent").clone());
        body.as_object_mut().expect("as sent").extend(patch.as_object().expect("as sent").clone());
        body
    };
    for (patch, field) in [
        (json!({"url": "ftp://example.org/hook"}), "url"),
        (json!({"url": "not a url"}), "url"),
        (json!({"url": "https://integrator:hunter2@example.org/hook"}), "url"),
        (json!({"url": format!("https://example.org/{}", "a".repeat(2000))}), "url"),
        (json!({"events": []}), "events"),
        (json!({"events": ["ping"]}), "events"),
        (json!({"name": " "}), "name"),
    ] {
        let r = app.post("/api/v1/webhooks", &sichuan, with(patch.clone())).await;
        assert_eq!(r.status, 422, "{patch}: {}", r.body);
        assert_eq!(r.body["errors"][0]["field"], field, "{patch}: {}", r.body);
    }
    let r = app.post("/api/v1/webhooks", &sichuan, with(json!({"events": ["project.exploded"]}))).await;
    assert!(matches!(r.status.as_u16(), 400 | 422), "{}", r.body);
    // A provincial officer may not subscribe with another province's scope, nor the national one.
    for scope in [json!({"province_code": "530000"}), json!({"role": "national_admin", "province_code": null})] {
        let r = app.post("/api/v1/webhooks", &sichuan, with(scope.clone())).await;
        assert_eq!(r.status, 403, "{scope}: {}", r.body);
    }
    // The secret never shows again.
    let (hook, secret) = subscribe(&app, &sichuan, "https://example.org/hook", &["need.created"], scope.clone()).await;
    let read = app.get(&format!("/api/v1/webhooks/{}", hook["id"].as_str().expect("as sent")), &sichuan).await;
    assert!(!read.body.to_string().contains(&secret));
    let listed = app.get("/api/v1/webhooks", &sichuan).await;
    assert!(!listed.body.to_string().contains(&secret));
    assert!(secret.starts_with("whsec_"));

    // Every event is written once per subscription: one person's are bounded, even when asked
    // for all at once (55 more at the same time: 49 made, 6 refused)
    let body = with(json!({}));
    let at_once = (0..55).map(|_| app.post("/api/v1/webhooks", &sichuan, body.clone()));
    let statuses: Vec<u16> = futures_util::future::join_all(at_once).await.iter().map(|r| r.status.as_u16()).collect();
    let made = statuses.iter().filter(|s| **s == 201).count();
    assert_eq!((made, statuses.iter().filter(|s| **s == 409).count()), (49, 6), "{statuses:?}");
    let r = app.post("/api/v1/webhooks", &sichuan, with(json!({}))).await;
    assert_eq!(r.status, 409, "the 51st: {}", r.body);
}

/// With two instances on one PostgreSQL, each running job workers, an event is delivered once.
#[actix_web::test]
async fn with_two_instances_running_an_event_is_delivered_once() {
    if pg_admin_url().is_none() {
        return;
    }
    let a = app_with_receivers(&[]).await;
    let b = TestApp::spawn_with(&[("DATABASE_URL", &a.database_url), ("WEBHOOK_ALLOW_PRIVATE", "true")], None).await;
    let admin = a.admin().await;
    let receiver = Receiver::start().await;
    subscribe(&a, &admin, &receiver.url, &["need.created"], json!({"role": "national_admin"})).await;
    let admin_b = b.admin().await;
    let mut needs = Vec::new();
    for n in 0..10 {
        let (app, token) = if n % 2 == 0 { (&a, &admin) } else { (&b, &admin_b) };
        needs.push(raise_need(app, token, "513431").await);
    }
    let got = receiver.wait_for(10, Duration::from_secs(15), Duration::from_millis(1500)).await;
    let mut delivered: Vec<String> =
        got.iter().map(|r| r.json()["data"]["entity_id"].as_str().expect("as sent").to_owned()).collect();
    delivered.sort();
    needs.sort();
    assert_eq!(delivered, needs, "each need once");
}

/// The daily sweep forgets what is kept only for a while: 30 days on, the delivery log of ended
/// deliveries, their events, and ended jobs of passing kinds (a delivery's attempts, an export
/// and its file).
#[actix_web::test]
async fn the_daily_sweep_forgets_delivery_logs_and_ended_jobs_after_30_days() {
    let app = app_with_receivers(&[]).await;
    let admin = app.admin().await;
    let receiver = Receiver::start().await;
    let (hook, _) = subscribe(&app, &admin, &receiver.url, &["need.created"], json!({"role": "national_admin"})).await;
    raise_need(&app, &admin, "513431").await;
    receiver.wait_for(1, Duration::from_secs(10), Duration::ZERO).await;
    let log = format!("/api/v1/webhooks/{}/deliveries", hook["id"].as_str().expect("as sent"));
    let mut delivered = false;
    for _ in 0..100 {
        delivered = app.get(&log, &admin).await.body["items"][0]["status"] == "delivered";
        if delivered {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(delivered, "the delivery is logged as delivered");
    let export = app.get("/api/v1/needs/export?format=csv&background=true", &admin).await;
    let export = export.body["id"].as_str().expect("a background export").to_owned();
    assert_eq!(app.wait_for_job(&export, &admin).await["status"], "succeeded");

    let sweep = |days: i64| {
        let now = app.state.clock.now() + chrono::Duration::days(days);
        zhuxiang::jobs::daily::run_if_due(&app.state.pool, now).expect("a look")
    };
    let swept = |look| async {
        let zhuxiang::jobs::daily::Swept::Queued { job_id } = look else { panic!("the day was claimed already") };
        let job = app.wait_for_job(&job_id, &admin).await;
        assert_eq!(job["status"], "succeeded", "{job}");
        job["result"]["done"].clone()
    };
    // 29 days on only the export's file is gone (a file is kept a day); its job and the log stay
    let done = swept(sweep(29)).await;
    assert_eq!((done["webhooks"].as_i64(), done["jobs"].as_i64()), (Some(0), Some(1)), "{done}");
    assert_eq!(app.get(&log, &admin).await.body["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(app.get(&format!("/api/v1/jobs/{export}"), &admin).await.status, 200);
    assert_eq!(app.get(&format!("/api/v1/jobs/{export}/file"), &admin).await.status, 404);

    // 31 days on, all of it
    let done = swept(sweep(31)).await;
    assert_eq!(done["webhooks"], 2, "one delivery and its event: {done}");
    assert_eq!(done["jobs"], 2, "the attempt and the export (the first sweep's job is dated 29 days on): {done}");
    assert_eq!(app.get(&log, &admin).await.body["items"], json!([]));
    assert_eq!(app.get(&format!("/api/v1/jobs/{export}"), &admin).await.status, 404);
    assert_eq!(app.get(&format!("/api/v1/jobs/{export}/file"), &admin).await.status, 404);
}
