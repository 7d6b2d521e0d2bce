//! What waits for someone: notices written by the change that causes them and settled by the
//! change that answers them, the bell's ETag polling, marking read, the daily sweep queued once
//! across two instances and run as a job, and the coordinators' departments.

use std::sync::{Arc, Barrier};

use chrono::Duration;
use reqwest::Method;
use serde_json::{Value, json};
use zhuxiang::jobs::daily::{Swept, run_if_due};

use crate::brands::world;
use crate::helpers::{Resp, TestApp};
use crate::projects::ZHAOJUE;

/// The notices the sweep a look queued wrote, once its job has run (`None`: the look found the day
/// claimed already).
async fn swept(app: &TestApp, admin: &str, look: Swept) -> Option<i64> {
    let Swept::Queued { job_id } = look else { return None };
    let job = app.wait_for_job(&job_id, admin).await;
    assert_eq!((job["kind"].as_str(), job["status"].as_str()), (Some("daily_sweep"), Some("succeeded")), "{job}");
    job["result"]["done"]["notifications"].as_i64()
}

async fn mine(app: &TestApp, token: &str) -> Resp {
    let r = app.get("/api/v1/me/notifications", token).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r
}

fn kinds(r: &Resp) -> Vec<(String, bool)> {
    r.body["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|n| (n["kind"].as_str().unwrap_or_default().to_owned(), n["read_at"].is_null()))
        .collect()
}

#[actix_web::test]
async fn a_declared_landing_waits_for_the_county_and_is_settled_by_its_confirmation() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let p = app
        .post(
            "/api/v1/projects",
            &w.member,
            json!({"title": "花椒烘干车间", "county_code": ZHAOJUE, "assistance_type": "industry",
                   "organizations": [{"organization_id": w.org, "role": "lead"}]}),
        )
        .await;
    assert_eq!(p.status, 201, "{}", p.body);
    let path = format!("/api/v1/projects/{}", p.body["id"].as_str().expect("id"));
    assert_eq!(app.move_entity(&w.member, &path, "signed", "").await.status, 200);
    assert_eq!(mine(&app, &w.county).await.body["unread"], 0);

    assert_eq!(app.move_entity(&w.member, &path, "landed", "车间已建成").await.status, 200);
    let bell = mine(&app, &w.county).await;
    assert_eq!(bell.body["unread"], 1, "{}", bell.body);
    let n = &bell.body["items"][0];
    assert_eq!((n["kind"].as_str(), n["entity_type"].as_str()), (Some("landing_to_confirm"), Some("project")));
    assert_eq!((n["subject"].as_str(), n["entity_id"].as_str()), (Some("花椒烘干车间"), p.body["id"].as_str()));
    // whoever declared it needs no telling, and other provinces are not told
    assert_eq!(mine(&app, &w.member).await.body["unread"], 0);
    assert_eq!(mine(&app, &w.other_province).await.body["items"], json!([]));

    // polling: 304 while nothing changed, for one small query
    let etag = bell.etag();
    let again =
        app.call(Method::GET, "/api/v1/me/notifications", Some(&w.county), None, &[("if-none-match", &etag)]).await;
    assert_eq!(again.status, 304);

    // the county confirms: nothing waits any more, and the ETag moved
    assert_eq!(app.move_entity(&w.county, &path, "landed", "").await.status, 200);
    let after =
        app.call(Method::GET, "/api/v1/me/notifications", Some(&w.county), None, &[("if-none-match", &etag)]).await;
    assert_eq!(after.status, 200);
    assert_eq!(after.body["unread"], 0);
    assert_eq!(kinds(&after), vec![("landing_to_confirm".to_owned(), false)]);
}

#[actix_web::test]
async fn a_pairing_asks_the_invited_organization_to_answer_and_the_county_to_confirm() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    // the province proposes the organization for 昭觉县: the organization answers, the county confirms
    let r = app
        .post(
            "/api/v1/pairings",
            &w.province,
            json!({"county_code": ZHAOJUE, "lead_organization_id": w.org, "assistance_types": ["industry"], "channel": "west_local_org"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.body["id"].as_str().expect("id").to_owned();
    let member = mine(&app, &w.member).await;
    assert_eq!(kinds(&member), vec![("pairing_to_answer".to_owned(), true)]);
    assert_eq!(member.body["items"][0]["subject"], "昭觉县");
    let county = mine(&app, &w.county).await;
    assert_eq!(kinds(&county), vec![("pairing_to_confirm".to_owned(), true)]);
    assert_eq!(county.body["items"][0]["subject"], "测试社会组织1");

    assert_eq!(app.move_pairing(&w.member, &id, "accepted", "").await.status, 200);
    assert_eq!(mine(&app, &w.member).await.body["unread"], 0);
    assert_eq!(mine(&app, &w.county).await.body["unread"], 1);
    assert_eq!(app.move_pairing(&w.county, &id, "confirmed", "").await.status, 200);
    assert_eq!(mine(&app, &w.county).await.body["unread"], 0);
}

#[actix_web::test]
async fn a_submitted_case_waits_for_its_province_and_a_returned_one_for_its_organization() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    // ten days from today in China, the day the sweep counts in
    let deadline = (zhuxiang::clock::in_china(app.state.clock.now()).date() + Duration::days(10)).to_string();
    let c = app
        .post(
            "/api/v1/case-collections",
            &w.admin,
            json!({"title": "年度案例征集", "year": 2026, "deadline": deadline}),
        )
        .await;
    assert_eq!(c.status, 201, "{}", c.body);
    let case = app
        .post(
            "/api/v1/cases",
            &w.member,
            json!({"collection_id": c.body["id"], "title": "互助养老的昭觉做法", "organization_id": w.org, "line": "governance",
                   "background": "留守老人多", "approach": "村级互助点", "results": "覆盖 12 个村", "lessons": "依托村两委"}),
        )
        .await;
    assert_eq!(case.status, 201, "{}", case.body);
    let path = format!("/api/v1/cases/{}", case.body["id"].as_str().expect("id"));
    assert_eq!(app.move_entity(&w.member, &path, "submitted", "").await.status, 200);
    assert_eq!(kinds(&mine(&app, &w.province).await), vec![("case_to_review".to_owned(), true)]);
    assert_eq!(mine(&app, &w.other_province).await.body["unread"], 0);
    assert_eq!(app.move_entity(&w.province, &path, "returned", "请补充成效数据").await.status, 200);
    assert_eq!(kinds(&mine(&app, &w.province).await), vec![("case_to_review".to_owned(), false)]);
    assert_eq!(kinds(&mine(&app, &w.member).await), vec![("case_returned".to_owned(), true)]);

    // the sweep tells a returned case's organization its collection closes within 14 days
    let now = app.state.clock.now();
    assert_eq!(swept(&app, &w.admin, run_if_due(&app.state.pool, now).expect("sweep")).await, Some(1));
    let bell = mine(&app, &w.member).await;
    let n = &bell.body["items"][0];
    assert_eq!((n["kind"].as_str(), n["amount"].as_i64()), (Some("deadline_soon"), Some(10)), "{}", bell.body);
}

#[actix_web::test]
async fn marking_read_touches_only_the_callers_own_and_is_bounded() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    for (i, org) in [&w.org, &w.other_org].into_iter().enumerate() {
        let r = app
            .post(
                "/api/v1/pairings",
                &w.admin,
                json!({"county_code": ZHAOJUE, "lead_organization_id": org, "assistance_types": ["industry"], "channel": "west_local_org"}),
            )
            .await;
        assert_eq!(r.status, 201, "pairing {i}: {}", r.body);
    }
    let county = mine(&app, &w.county).await;
    assert_eq!(county.body["unread"], 2);
    let ids: Vec<Value> = county.body["items"].as_array().expect("items").iter().map(|n| n["id"].clone()).collect();
    // a page of one, then the next by its cursor
    let first = app.get("/api/v1/me/notifications?limit=1", &w.county).await;
    assert_eq!(first.body["items"].as_array().map(Vec::len), Some(1));
    let cursor = first.body["next_cursor"].as_str().expect("a next page").to_owned();
    let second = app.get(&format!("/api/v1/me/notifications?limit=1&cursor={cursor}"), &w.county).await;
    assert_eq!(second.body["items"][0]["id"], ids[1]);
    assert!(second.body["next_cursor"].is_null());

    // someone else's ids change nothing
    let r = app.post("/api/v1/me/notifications/read", &w.member, json!({"ids": ids})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(mine(&app, &w.county).await.body["unread"], 2);
    let r = app.post("/api/v1/me/notifications/read", &w.county, json!({"ids": [ids[0]]})).await;
    assert_eq!(r.body["unread"], 1);
    let unread = app.get("/api/v1/me/notifications?unread=true", &w.county).await;
    assert_eq!(unread.body["items"].as_array().map(Vec::len), Some(1));
    let r = app.post("/api/v1/me/notifications/read", &w.county, json!({"all": true})).await;
    assert_eq!(r.body["unread"], 0);

    let too_many: Vec<i64> = (0..201).collect();
    let r = app.post("/api/v1/me/notifications/read", &w.county, json!({"ids": too_many})).await;
    assert_eq!(r.problem(422)["errors"][0]["field"], "ids");
    let r = app.get("/api/v1/me/notifications?cursor=bm90LWEtbnVtYmVy", &w.county).await;
    assert_eq!(r.problem(422)["errors"][0]["field"], "cursor");
}

#[actix_web::test]
async fn the_daily_sweep_runs_once_across_two_instances_and_does_not_nag() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let p = app
        .post(
            "/api/v1/projects",
            &w.member,
            json!({"title": "花椒烘干车间", "county_code": ZHAOJUE, "assistance_type": "industry",
                   "organizations": [{"organization_id": w.org, "role": "lead"}]}),
        )
        .await;
    assert_eq!(p.status, 201, "{}", p.body);

    // 100 days on, at noon in China, the project is stale: two instances (two pools on one
    // database) look at once
    let day = zhuxiang::clock::in_china(app.state.clock.now()).date() + Duration::days(100);
    let later = zhuxiang::clock::china_day_start(day) + Duration::hours(12);
    let url = zhuxiang::config::DatabaseUrl::parse(&app.database_url).expect("url");
    let pools = [app.state.pool.clone(), zhuxiang::db::pool(&url, 2).expect("a second instance's pool")];
    let barrier = Arc::new(Barrier::new(2));
    let outcomes: Vec<Swept> = std::thread::scope(|s| {
        let looks: Vec<_> = pools
            .iter()
            .map(|pool| {
                let barrier = barrier.clone();
                s.spawn(move || {
                    barrier.wait();
                    run_if_due(pool, later).expect("a look never fails")
                })
            })
            .collect();
        looks.into_iter().map(|l| l.join().expect("thread")).collect()
    });
    let queued: Vec<Swept> = outcomes.iter().filter(|o| **o != Swept::NotDue).cloned().collect();
    assert_eq!(queued.len(), 1, "{outcomes:?}");
    let look = queued.into_iter().next().expect("one look queued the sweep");
    assert_eq!(swept(&app, &w.admin, look).await, Some(1));

    let bell = mine(&app, &w.member).await;
    let n = &bell.body["items"][0];
    assert_eq!(
        (n["kind"].as_str(), n["entity_id"].as_str(), n["amount"].as_i64()),
        (Some("projects_stale"), Some(w.org.as_str()), Some(1))
    );
    assert_eq!(bell.body["unread"], 1);

    // the same day again: nobody sweeps; the next day, one sweeps but does not tell again within a week
    assert_eq!(run_if_due(&pools[1], later + Duration::hours(1)).expect("look"), Swept::NotDue);
    let r = app.post("/api/v1/me/notifications/read", &w.member, json!({"all": true})).await;
    assert_eq!(r.body["unread"], 0);
    assert_eq!(swept(&app, &w.admin, run_if_due(&pools[1], later + Duration::days(1)).expect("look")).await, Some(0));
    assert_eq!(swept(&app, &w.admin, run_if_due(&pools[0], later + Duration::days(8)).expect("look")).await, Some(1));
    assert_eq!(mine(&app, &w.member).await.body["unread"], 1);
}

#[actix_web::test]
async fn coordinators_belong_to_a_department_shown_on_the_account_and_in_the_audit_log() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let me = app.get("/api/v1/me", &admin).await;
    assert_eq!(me.body["department"], "rural_revitalization", "{}", me.body);

    let civil = app
        .post(
            "/api/v1/users",
            &admin,
            json!({"username": "sc-civil", "password": crate::helpers::PASSWORD, "display_name": "四川省民政厅",
                   "role": "provincial_officer", "province_code": "510000", "department": "civil_affairs"}),
        )
        .await;
    assert_eq!(
        (civil.status.as_u16(), civil.body["department"].as_str()),
        (201, Some("civil_affairs")),
        "{}",
        civil.body
    );
    let plain = app
        .post(
            "/api/v1/users",
            &admin,
            json!({"username": "sc-rural", "password": crate::helpers::PASSWORD, "display_name": "四川省乡村振兴局",
                   "role": "provincial_officer", "province_code": "510000"}),
        )
        .await;
    assert_eq!(plain.body["department"], "rural_revitalization");
    // other roles have none, whatever is sent
    let expert = app
        .post(
            "/api/v1/users",
            &admin,
            json!({"username": "expert", "password": crate::helpers::PASSWORD, "display_name": "专家",
                   "role": "evaluator", "department": "civil_affairs"}),
        )
        .await;
    assert!(expert.body["department"].is_null(), "{}", expert.body);
    let listed = app.get("/api/v1/users?department=civil_affairs", &admin).await;
    let names: Vec<&str> =
        listed.body["items"].as_array().expect("items").iter().filter_map(|u| u["username"].as_str()).collect();
    assert_eq!(names, vec!["sc-civil"]);

    // an act of the civil-affairs officer is audited with the department
    let token = app.token("sc-civil", crate::helpers::PASSWORD).await;
    let county = app
        .user(&token, "zj-civil", "county_officer", json!({"county_code": ZHAOJUE, "department": "civil_affairs"}))
        .await;
    assert!(!county.is_empty());
    let events = app.get("/api/v1/audit-events?action=user.create&limit=200", &admin).await;
    let by_civil = events.body["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|e| e["actor_label"] == "sc-civil")
        .expect("the civil-affairs officer's act");
    assert_eq!(by_civil["actor_department"], "civil_affairs");
    assert_eq!(by_civil["after"]["department"], "civil_affairs");

    // an admin moves the account to the other department
    let id = plain.body["id"].as_str().expect("id");
    let r =
        app.patch(&format!("/api/v1/users/{id}"), &admin, &plain.etag(), json!({"department": "civil_affairs"})).await;
    assert_eq!((r.status.as_u16(), r.body["department"].as_str()), (200, Some("civil_affairs")), "{}", r.body);
    let bad = app.patch(&format!("/api/v1/users/{id}"), &admin, &r.etag(), json!({"department": "finance"})).await;
    bad.problem(422);
}
