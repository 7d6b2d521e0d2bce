//! Races and retries (ARCHITECTURE.md: "PostgreSQL is where races live"): appends summed in the
//! database, If-Match conflicts, and Idempotency-Key bound to its request body and committed
//! with its write. Every test runs on SQLite and, with TEST_DATABASE_URL, on PostgreSQL.

use futures_util::future::join_all;
use serde_json::json;

use crate::helpers::{Resp, TestApp};
use crate::projects::{project, world};

fn statuses(rs: &[Resp]) -> std::collections::BTreeMap<u16, usize> {
    let mut m = std::collections::BTreeMap::new();
    for r in rs {
        *m.entry(r.status.as_u16()).or_default() += 1;
    }
    m
}

/// `http_requests_total` of one method, route and status, as `/metrics` says now.
pub async fn requests_total(app: &TestApp, method: &str, route: &str, status: u16) -> u64 {
    let m = app.call(reqwest::Method::GET, "/metrics", None, None, &[]).await;
    let prefix = format!("http_requests_total{{method=\"{method}\",route=\"{route}\",status=\"{status}\"}} ");
    m.body.as_str().unwrap_or("").lines().find_map(|l| l.strip_prefix(&prefix)?.parse().ok()).unwrap_or(0)
}

#[actix_web::test]
async fn concurrent_progress_updates_are_all_counted() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let p = app.post("/api/v1/projects", &w.member, project(&w.org)).await;
    let id = p.body["id"].as_str().expect("id").to_owned();
    let path = format!("/api/v1/projects/{id}/updates");
    // Appends need no If-Match: 100 at once must all land, none lost to another.
    let updates = (1..=100u64).map(|i| {
        let body = json!({"date": "2026-05-01", "narrative": format!("第{i}笔"), "funds_delta": format!("{i}.{:02}", i % 100), "beneficiaries_delta": i});
        app.post(&path, &w.member, body)
    });
    let results = join_all(updates).await;
    assert_eq!(
        statuses(&results),
        [(201, 100)].into(),
        "{:?}",
        results.iter().find(|r| r.status != 201).map(|r| &r.body)
    );
    let fen: u64 = (1..=100u64).map(|i| i * 100 + i % 100).sum();
    let cur = app.get(&format!("/api/v1/projects/{id}"), &w.admin).await;
    assert_eq!(cur.body["funds_in_place"], format!("{}.{:02}", fen / 100, fen % 100));
    assert_eq!(cur.body["beneficiaries_reached"], 5050);
    let listed = app.get(&path, &w.admin).await;
    assert_eq!(listed.body["items"].as_array().map(Vec::len), Some(100));
    // Each append moved the version: an ETag read before them all is stale now.
    let r = app.patch(&format!("/api/v1/projects/{id}"), &w.admin, &p.etag(), json!({"title": "改名"})).await;
    r.problem(412);
}

#[actix_web::test]
async fn conflicting_patches_with_one_if_match_let_exactly_one_through() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let p = app.post("/api/v1/projects", &w.member, project(&w.org)).await;
    let path = format!("/api/v1/projects/{}", p.body["id"].as_str().expect("id"));
    let etag = p.etag();
    let patches = (0..100).map(|i| app.patch(&path, &w.member, &etag, json!({"title": format!("标题{i}")})));
    let results = join_all(patches).await;
    assert_eq!(statuses(&results), [(200, 1), (412, 99)].into());
    let winner = results.iter().find(|r| r.status == 200).expect("one winner");
    let cur = app.get(&path, &w.admin).await;
    assert_eq!(cur.body["title"], winner.body["title"]);
    assert_eq!(cur.etag(), winner.etag());
}
