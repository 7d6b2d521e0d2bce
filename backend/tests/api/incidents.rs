//! Incidents and risk: reported by the county (or the organization about its own project),
//! handled with a log, resolved by the county and closed by the province; urgent ones told at
//! once; a handling step that suspends the organization flags its projects, which the risk view
//! then lists; every place stays inside its coordinators' view.

use serde_json::{Value, json};

use crate::brands::world;
use crate::helpers::{Resp, TestApp};
use crate::projects::ZHAOJUE;

fn report(org: &str, severity: &str, extra: Value) -> Value {
    let mut body = json!({"title": "培训现场食物中毒", "kind": "safety", "severity": severity, "organization_id": org,
                          "county_code": ZHAOJUE, "occurred_at": "2026-11-20T02:00:00Z", "description": "12 名学员出现不适，已送医"});
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    body
}

async fn unread(app: &TestApp, token: &str) -> Vec<String> {
    let r = app.get("/api/v1/me/notifications?unread=true", token).await;
    r.body["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|n| n["kind"].as_str().unwrap_or_default().to_owned())
        .collect()
}

async fn step(app: &TestApp, token: &str, id: &str, body: Value) -> Resp {
    app.post(&format!("/api/v1/incidents/{id}/actions"), token, body).await
}

#[actix_web::test]
async fn an_incident_is_reported_handled_resolved_and_closed_and_an_urgent_one_is_told_at_once() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let r = app.post("/api/v1/incidents", &w.county, report(&w.org, "high", json!({}))).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!((r.body["status"].as_str(), r.body["county_name"].as_str()), (Some("reported"), Some("昭觉县")));
    let id = r.body["id"].as_str().expect("id").to_owned();
    let path = format!("/api/v1/incidents/{id}");

    // high: the national admins and 四川's officers are told; 云南 is not, nor does it see it
    assert_eq!(unread(&app, &w.admin).await, vec!["incident_urgent"]);
    assert_eq!(unread(&app, &w.province).await, vec!["incident_urgent"]);
    assert!(unread(&app, &w.other_province).await.is_empty());
    app.get(&path, &w.other_province).await.problem(404);
    app.get("/api/v1/incidents", &w.viewer).await.problem(403);
    let listed = app.get("/api/v1/incidents?open=true&severity=high", &w.province).await;
    assert_eq!(listed.body["items"].as_array().map(Vec::len), Some(1));
    let elsewhere = app.get("/api/v1/incidents", &w.other_province).await;
    assert_eq!(elsewhere.body["items"], json!([]));

    // the county takes it up and logs what it did; it cannot close, the province does
    assert_eq!(app.move_entity(&w.county, &path, "handling", "").await.status, 200);
    let s = step(&app, &w.county, &id, json!({"note": "已联系县卫健局，学员均已出院"})).await;
    assert_eq!(s.status, 201, "{}", s.body);
    step(&app, &w.county, &id, json!({"note": " "})).await.problem(422);
    assert_eq!(app.move_entity(&w.county, &path, "resolved", "").await.status, 200);
    app.move_entity(&w.county, &path, "closed", "").await.problem(403);
    // reopening needs a reason
    app.move_entity(&w.province, &path, "handling", "").await.problem(422);
    let closed = app.move_entity(&w.province, &path, "closed", "").await;
    assert_eq!((closed.status.as_u16(), closed.body["status"].as_str()), (200, Some("closed")), "{}", closed.body);
    let one = app.get(&path, &w.province).await;
    let moves: Vec<&str> =
        one.body["history"].as_array().expect("history").iter().filter_map(|e| e["to_status"].as_str()).collect();
    assert_eq!(moves, vec!["reported", "handling", "resolved", "closed"]);
    let log = app.get(&format!("{path}/actions"), &w.province).await;
    assert_eq!(log.body["items"][0]["note"], "已联系县卫健局，学员均已出院");
    step(&app, &w.county, &id, json!({"note": "补充"})).await.problem(409);

    // resolved and closed: nothing about it waits any more
    assert!(unread(&app, &w.admin).await.is_empty());
    assert!(unread(&app, &w.province).await.is_empty());
}

#[actix_web::test]
async fn reports_are_checked_and_an_organization_reports_only_about_its_own_project() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let future = app
        .post("/api/v1/incidents", &w.county, report(&w.org, "low", json!({"occurred_at": "2099-01-01T00:00:00Z"})))
        .await;
    assert_eq!(future.error_fields(), vec!["occurred_at"]);
    let nowhere =
        app.post("/api/v1/incidents", &w.county, report(&w.org, "low", json!({"county_code": "999999"}))).await;
    assert_eq!(nowhere.error_fields(), vec!["county_code"]);
    let p = app
        .post(
            "/api/v1/projects",
            &w.member,
            json!({"title": "花椒烘干车间", "county_code": ZHAOJUE, "assistance_type": "industry",
                   "organizations": [{"organization_id": w.org, "role": "lead"}]}),
        )
        .await;
    let project = p.body["id"].as_str().expect("project").to_owned();
    // another organization's project is not one to name
    let wrong =
        app.post("/api/v1/incidents", &w.county, report(&w.other_org, "low", json!({"project_id": project}))).await;
    assert_eq!(wrong.error_fields(), vec!["project_id"]);
    // the member: not without its own project; with it, yes, and it follows only its own reports
    app.post("/api/v1/incidents", &w.member, report(&w.org, "low", json!({}))).await.problem(403);
    let own = app
        .post(
            "/api/v1/incidents",
            &w.member,
            report(&w.org, "medium", json!({"project_id": project, "county_code": null})),
        )
        .await;
    assert_eq!(own.status, 201, "{}", own.body);
    assert_eq!(own.body["project_title"], "花椒烘干车间");
    let by_county = app.post("/api/v1/incidents", &w.county, report(&w.org, "low", json!({}))).await;
    assert_eq!(by_county.status, 201);
    let mine = app.get("/api/v1/incidents", &w.member).await;
    let ids: Vec<&Value> = mine.body["items"].as_array().expect("items").iter().map(|i| &i["id"]).collect();
    assert_eq!(ids, vec![&own.body["id"]]);
    // it corrects its report while new, not once the county took it up
    let path = format!("/api/v1/incidents/{}", own.body["id"].as_str().expect("id"));
    let fixed = app.patch(&path, &w.member, &own.etag(), json!({"description": "8 名学员出现不适"})).await;
    assert_eq!(fixed.status, 200, "{}", fixed.body);
    assert_eq!(app.move_entity(&w.county, &path, "handling", "").await.status, 200);
    let cur = app.get(&path, &w.member).await;
    app.patch(&path, &w.member, &cur.etag(), json!({"description": "x"})).await.problem(403);
    // raising it to critical tells the admins
    let cur = app.get(&path, &w.county).await;
    let raised = app.patch(&path, &w.county, &cur.etag(), json!({"severity": "critical"})).await;
    assert_eq!(raised.status, 200, "{}", raised.body);
    assert_eq!(unread(&app, &w.admin).await, vec!["incident_urgent"]);
    // lowered again, it no longer presses: the notice is settled
    let cur = app.get(&path, &w.county).await;
    let lowered = app.patch(&path, &w.county, &cur.etag(), json!({"severity": "medium"})).await;
    assert_eq!(lowered.status, 200, "{}", lowered.body);
    assert!(unread(&app, &w.admin).await.is_empty());
}

#[actix_web::test]
async fn a_handling_step_suspends_the_organization_and_the_risk_view_lists_its_flagged_project() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let p = app
        .post(
            "/api/v1/projects",
            &w.member,
            json!({"title": "村级互助养老站", "county_code": ZHAOJUE, "assistance_type": "elderly_care",
                   "organizations": [{"organization_id": w.org, "role": "lead"}]}),
        )
        .await;
    let project = p.body["id"].as_str().expect("project").to_owned();
    let mut ids = vec![];
    for kind in ["funds_misuse", "fraud_impersonation"] {
        let r = app
            .post(
                "/api/v1/incidents",
                &w.province,
                report(&w.org, "medium", json!({"kind": kind, "project_id": project})),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
        ids.push(r.body["id"].as_str().expect("id").to_owned());
    }
    // the county handles, but only the organization's province suspends it
    assert_eq!(app.get(&format!("/api/v1/incidents/{}", ids[0]), &w.county).await.body["may_suspend"], false);
    step(&app, &w.county, &ids[0], json!({"note": "暂停", "suspend_organization": true})).await.problem(403);
    let s = step(&app, &w.province, &ids[0], json!({"note": "挪用项目资金，暂停其活动", "suspend_organization": true}))
        .await;
    assert_eq!((s.status.as_u16(), s.body["suspended_organization"].as_bool()), (201, Some(true)), "{}", s.body);
    let org = app.get(&format!("/api/v1/organizations/{}", w.org), &w.province).await;
    assert_eq!(org.body["status"], "suspended");
    assert!(org.body["status_reason"].as_str().is_some_and(|r| r.contains("挪用项目资金")), "{}", org.body);
    let proj = app.get(&format!("/api/v1/projects/{project}"), &w.province).await;
    assert!(proj.body["review"].as_str().is_some_and(|r| r.contains("挪用项目资金")), "{}", proj.body);
    let incident = app.get(&format!("/api/v1/incidents/{}", ids[0]), &w.province).await;
    assert_eq!(incident.body["organization_status"], "suspended");
    step(&app, &w.province, &ids[1], json!({"note": "再次暂停", "suspend_organization": true})).await.problem(409);

    // the risk view of 四川: the flagged project with its two open incidents, the repeated organization
    let risks = app.get("/api/v1/risks", &w.province).await;
    assert_eq!(risks.status, 200, "{}", risks.body);
    let at_risk = &risks.body["projects_at_risk"][0];
    assert_eq!(
        (at_risk["project_id"].as_str(), at_risk["flagged"].as_bool(), at_risk["open_incidents"].as_i64()),
        (Some(project.as_str()), Some(true), Some(2))
    );
    assert_eq!(risks.body["projects_at_risk_total"], 1);
    assert_eq!(risks.body["repeated_organizations"][0]["incidents"], 2);
    assert_eq!(
        risks.body["open_incidents"],
        json!([{"severity": "medium", "total": 2, "within_7_days": 0, "within_30_days": 2, "older": 0}])
    );
    // each sees its own area only
    let yunnan = app.get("/api/v1/risks", &w.other_province).await;
    assert_eq!(
        (yunnan.body["projects_at_risk_total"].as_i64(), yunnan.body["open_incidents"].clone()),
        (Some(0), json!([]))
    );
    app.get("/api/v1/risks?province=510000", &w.other_province).await.problem(403);
    app.get("/api/v1/risks?province=510000", &w.county).await.problem(403);
    assert_eq!(app.get(&format!("/api/v1/risks?county={ZHAOJUE}"), &w.county).await.body["projects_at_risk_total"], 1);
    app.get("/api/v1/risks", &w.member).await.problem(403);
}
