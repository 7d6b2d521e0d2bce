//! Two instances on one PostgreSQL, as behind a load balancer: what one writes, the other shows
//! at once, also where it had an answer cached (`peers`). A SQLite file is served by one
//! instance, so these run with TEST_DATABASE_URL only (as `./scripts/test` and CI run them).

use std::time::{Duration, Instant};

use serde_json::json;

use crate::helpers::{PASSWORD, Resp, TestApp, pg_admin_url};
use crate::projects::{ZHAOJUE, world};

/// A second instance serving the first one's database.
async fn second_instance(a: &TestApp) -> TestApp {
    TestApp::spawn_with(&[("DATABASE_URL", &a.database_url)], None).await
}

/// Asks B until `holds` says yes; how long that took. Fails after a second: the caches' own age
/// limits (2 s for users, 5 s for aggregates) would have let it through later without notices.
async fn within_a_second<F, Fut>(what: &str, mut ask: F, holds: impl Fn(&Resp) -> bool) -> Duration
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Resp>,
{
    let started = Instant::now();
    loop {
        let r = ask().await;
        if holds(&r) {
            let took = started.elapsed();
            eprintln!("instances: {what} after {} ms", took.as_millis());
            return took;
        }
        assert!(started.elapsed() < Duration::from_secs(1), "{what}: still not after a second: {}", r.body);
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[actix_web::test]
async fn a_project_created_on_one_instance_is_counted_by_the_others_cached_statistics_within_a_second() {
    if pg_admin_url().is_none() {
        return;
    }
    let a = TestApp::spawn().await;
    let w = world(&a).await;
    let b = second_instance(&a).await;
    let admin_b = b.admin().await;
    let q = "/api/v1/statistics/projects?group_by=status";
    let count = |r: &Resp| r.body["totals"]["count"].as_i64().unwrap_or(-1);
    // B computes the figure and keeps it (for up to 5 s, or until a write it hears of).
    let before = count(&b.get(q, &admin_b).await);
    assert_eq!(count(&b.get(q, &admin_b).await), before);

    let body = json!({"title": "两地同见项目", "county_code": ZHAOJUE,
                      "organizations": [{"organization_id": w.org, "role": "lead"}],
                      "assistance_type": "industry", "planned_funds": "1000", "beneficiaries_planned": 10});
    let r = a.post("/api/v1/projects", &w.member, body).await;
    assert_eq!(r.status, 201, "{}", r.body);
    // Read through B at once, as the next request behind a balancer would be.
    let id = r.body["id"].as_str().expect("id");
    assert_eq!(b.get(&format!("/api/v1/projects/{id}"), &admin_b).await.status, 200);
    within_a_second("a project created on A is counted on B", || b.get(q, &admin_b), |r| count(r) == before + 1).await;
    assert!(b.state.peers.heard() > 0, "B heard A's notice");
}

#[actix_web::test]
async fn an_account_disabled_on_one_instance_is_refused_by_the_other_within_a_second() {
    if pg_admin_url().is_none() {
        return;
    }
    let a = TestApp::spawn().await;
    let admin = a.admin().await;
    let viewer = a.user(&admin, "two-instances", "viewer", json!({})).await;
    let b = second_instance(&a).await;
    // B looks the account up and keeps it (for up to 2 s, or until a write it hears of).
    let me = b.get("/api/v1/me", &viewer).await;
    assert_eq!(me.status, 200, "{}", me.body);
    let login = b.login_as("two-instances", PASSWORD).await;
    let refresh_token = login.body["refresh_token"].as_str().expect("refresh token").to_owned();

    let id = me.body["id"].as_str().expect("id");
    let u = a.get(&format!("/api/v1/users/{id}"), &admin).await;
    let r = a.patch(&format!("/api/v1/users/{id}"), &admin, &u.etag(), json!({"disabled": true})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    within_a_second("an account disabled on A is refused on B", || b.get("/api/v1/me", &viewer), |r| r.status == 401)
        .await;
    // Its refresh token (issued by B) is refused by both.
    for app in [&a, &b] {
        // A fresh client: no cookie may stand in for the token under test.
        let res = reqwest::Client::new()
            .post(format!("{}/api/v1/auth/refresh", app.base))
            .json(&json!({"refresh_token": refresh_token}))
            .send()
            .await
            .expect("send");
        assert_eq!(res.status(), 401);
    }
}
