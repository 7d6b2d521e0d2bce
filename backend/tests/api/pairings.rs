use reqwest::Method;
use serde_json::json;

use crate::helpers::TestApp;

const ZHAOJUE: &str = "513431"; // 昭觉县, 四川凉山州, a key county

fn apply(county: &str, lead: &str, channel: &str) -> serde_json::Value {
    json!({"county_code": county, "lead_organization_id": lead, "assistance_types": ["industry", "education"],
           "channel": channel, "planned_funds": "1250000.00", "planned_projects": 3, "commitment": "三年产业帮扶"})
}

#[actix_web::test]
async fn the_consent_path_from_application_to_activation_keeps_its_history() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (sc, _) = app.sichuan_and_yunnan().await;
    let county = app.user(&admin, "zhaojue", "county_officer", json!({"county_code": ZHAOJUE})).await;
    let org = app.org(&admin, 1, "330000", &["industry"]).await;
    let member = app.user(&admin, "zj-staff", "org_member", json!({"organization_id": org})).await;

    // The organization applies.
    let r = app.post("/api/v1/pairings", &member, apply(ZHAOJUE, &org, "east_org")).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["status"], "proposed");
    assert_eq!(r.body["planned_funds"], "1250000.00");
    assert_eq!(r.body["county_name"], "昭觉县");
    assert_eq!(r.body["allowed_transitions"], json!(["terminated"]), "the applicant may only withdraw");
    let id = r.body["id"].as_str().expect("id").to_owned();

    // Only the county consents; an organization cannot confirm its own application.
    app.move_pairing(&member, &id, "confirmed", "").await.problem(403);
    // The province recommends, the county confirms, the coordinator activates.
    assert_eq!(app.move_pairing(&sc, &id, "recommended", "省民政厅推荐").await.status, 200);
    let confirmed = app.move_pairing(&county, &id, "confirmed", "县里同意").await;
    assert_eq!(confirmed.status, 200, "{}", confirmed.body);
    // Illegal: confirmed → concluded; the problem names the current and allowed statuses.
    let illegal = app.move_pairing(&admin, &id, "concluded", "").await;
    illegal.problem(409);
    let detail = illegal.body["detail"].as_str().expect("detail");
    assert!(detail.contains("confirmed") && detail.contains("active, terminated"), "{detail}");
    let active = app.move_pairing(&sc, &id, "active", "").await;
    assert_eq!(active.body["status"], "active");
    assert!(active.body["start_date"].is_string());

    // Stale If-Match on a transition.
    let stale = app
        .call(
            Method::POST,
            &format!("/api/v1/pairings/{id}/transitions"),
            Some(&admin),
            Some(json!({"to": "concluded"})),
            &[("if-match", &r.etag())],
        )
        .await;
    stale.problem(412);
    app.call(
        Method::POST,
        &format!("/api/v1/pairings/{id}/transitions"),
        Some(&admin),
        Some(json!({"to": "concluded"})),
        &[],
    )
    .await
    .problem(428);

    // Termination needs a reason; the ended pairing keeps its full history.
    app.move_pairing(&admin, &id, "terminated", "").await.error_fields();
    let ended = app.move_pairing(&admin, &id, "terminated", "组织调整帮扶方向").await;
    assert_eq!(ended.status, 200);
    let history: Vec<(String, String)> = ended.body["history"]
        .as_array()
        .expect("history")
        .iter()
        .map(|e| (e["to_status"].as_str().unwrap_or("").to_owned(), e["actor"].as_str().unwrap_or("").to_owned()))
        .collect();
    let expected = [
        ("proposed", "zj-staff"),
        ("recommended", "sc-officer"),
        ("confirmed", "zhaojue"),
        ("active", "sc-officer"),
        ("terminated", "admin"),
    ];
    assert_eq!(history, expected.map(|(a, b)| (a.to_owned(), b.to_owned())).to_vec());
    assert_eq!(ended.body["history"][4]["reason"], "组织调整帮扶方向");
    assert!(ended.body["end_date"].is_string());
}

#[actix_web::test]
async fn one_live_pairing_per_organization_and_county() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let a = app.org(&admin, 1, "330000", &["industry"]).await;
    let b = app.org(&admin, 2, "330000", &["health"]).await;
    let first = app.post("/api/v1/pairings", &admin, apply(ZHAOJUE, &a, "east_org")).await;
    assert_eq!(first.status, 201);
    app.post("/api/v1/pairings", &admin, apply(ZHAOJUE, &a, "east_org")).await.problem(409);
    // Also as a member of a group led by another organization.
    let mut group = apply(ZHAOJUE, &b, "east_org");
    group["organization_ids"] = json!([a]);
    app.post("/api/v1/pairings", &admin, group.clone()).await.problem(409);
    // Another county is fine, and once the first pairing ends the county is free again.
    assert_eq!(app.post("/api/v1/pairings", &admin, apply("513432", &a, "east_org")).await.status, 201);
    let id = first.body["id"].as_str().expect("id");
    assert_eq!(app.move_pairing(&admin, id, "terminated", "重新组团").await.status, 200);
    let regrouped = app.post("/api/v1/pairings", &admin, group).await;
    assert_eq!(regrouped.status, 201, "{}", regrouped.body);
    assert_eq!(regrouped.body["organization_ids"], json!([b, a]), "lead first");
}

#[actix_web::test]
async fn the_east_west_channel_needs_a_cooperation_pair() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let zhejiang = app.org(&admin, 1, "330000", &["industry"]).await; // 浙江 assists 四川
    let beijing = app.org(&admin, 2, "110000", &["industry"]).await; // 北京 assists 内蒙古
    let r = app.post("/api/v1/pairings", &admin, apply(ZHAOJUE, &beijing, "east_west_cooperation")).await;
    assert_eq!(r.error_fields(), vec!["channel"]);
    assert!(r.body["errors"][0]["message"].as_str().is_some_and(|m| m.contains("东西部协作")));
    assert_eq!(
        app.post("/api/v1/pairings", &admin, apply(ZHAOJUE, &zhejiang, "east_west_cooperation")).await.status,
        201
    );
}

#[actix_web::test]
async fn suspended_organizations_cannot_pair_and_their_pairings_are_flagged() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let org = app.org(&admin, 1, "330000", &["industry"]).await;
    let p = app.post("/api/v1/pairings", &admin, apply(ZHAOJUE, &org, "east_org")).await;
    let id = p.body["id"].as_str().expect("id").to_owned();
    let cur = app.get(&format!("/api/v1/organizations/{org}"), &admin).await;
    let s = app
        .call(
            Method::POST,
            &format!("/api/v1/organizations/{org}/transitions"),
            Some(&admin),
            Some(json!({"to": "suspended", "reason": "涉嫌违规募捐"})),
            &[("if-match", &cur.etag())],
        )
        .await;
    assert_eq!(s.status, 200, "{}", s.body);
    let flagged = app.get(&format!("/api/v1/pairings/{id}"), &admin).await;
    assert_eq!(flagged.body["review_flag"], true);
    assert!(flagged.body["review_reason"].as_str().is_some_and(|r| r.contains("涉嫌违规募捐")));
    assert_eq!(app.get("/api/v1/pairings?review_flag=true&count=true", &admin).await.body["total"], 1);
    app.post("/api/v1/pairings", &admin, apply("513432", &org, "east_org")).await.problem(409);
    let county = app.user(&admin, "zhaojue", "county_officer", json!({"county_code": ZHAOJUE})).await;
    app.move_pairing(&county, &id, "confirmed", "").await.problem(409);
}

#[actix_web::test]
async fn unpublished_pairings_stay_inside_their_scope() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (sc, yn) = app.sichuan_and_yunnan().await;
    let org = app.org(&admin, 1, "330000", &["industry"]).await;
    let other = app.org(&admin, 2, "330000", &["industry"]).await;
    let outsider = app.user(&admin, "other-staff", "org_member", json!({"organization_id": other})).await;
    let p = app.post("/api/v1/pairings", &admin, apply(ZHAOJUE, &org, "east_org")).await;
    let path = format!("/api/v1/pairings/{}", p.body["id"].as_str().expect("id"));
    assert_eq!(app.get(&path, &sc).await.status, 200);
    app.get(&path, &yn).await.problem(404);
    app.get(&path, &outsider).await.problem(404);
    assert_eq!(app.get("/api/v1/pairings?count=true", &yn).await.body["total"], 0);
    // Once active it is published: everyone may read it, only the parties may move it.
    let county = app.user(&admin, "zhaojue", "county_officer", json!({"county_code": ZHAOJUE})).await;
    let id = p.body["id"].as_str().expect("id");
    app.move_pairing(&county, id, "confirmed", "").await;
    app.move_pairing(&admin, id, "active", "").await;
    assert_eq!(app.get(&path, &yn).await.status, 200);
    app.move_pairing(&yn, id, "concluded", "").await.problem(403);
}

#[actix_web::test]
async fn coverage_counts_key_counties_with_an_active_pairing() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let before = app.get("/api/v1/coverage", &admin).await;
    assert_eq!((before.body["key_counties"].as_i64(), before.body["covered"].as_i64()), (Some(94), Some(0)));
    assert_eq!(before.body["uncovered"].as_array().map(Vec::len), Some(94));

    let county = app.user(&admin, "zhaojue", "county_officer", json!({"county_code": ZHAOJUE})).await;
    let mut ids = vec![];
    for n in 1..=3 {
        let org = app.org(&admin, n, "330000", &["industry"]).await;
        let p = app.post("/api/v1/pairings", &admin, apply(ZHAOJUE, &org, "east_org")).await;
        let id = p.body["id"].as_str().expect("id").to_owned();
        app.move_pairing(&county, &id, "confirmed", "").await;
        assert_eq!(app.move_pairing(&admin, &id, "active", "").await.status, 200);
        ids.push(id);
    }
    let after = app.get("/api/v1/coverage", &admin).await;
    assert_eq!(after.body["covered"], 1);
    assert_eq!(after.body["uncovered"].as_array().map(Vec::len), Some(93));
    assert!(!after.body["uncovered"].as_array().expect("u").iter().any(|c| c["code"] == ZHAOJUE));
    let sichuan = after.body["by_province"]
        .as_array()
        .expect("p")
        .iter()
        .find(|p| p["province_code"] == "510000")
        .cloned()
        .expect("sc");
    assert_eq!((sichuan["key_counties"].as_i64(), sichuan["covered"].as_i64()), (Some(25), Some(1)));
    let industry = after.body["by_assistance_type"]
        .as_array()
        .expect("t")
        .iter()
        .find(|t| t["assistance_type"] == "industry")
        .cloned()
        .expect("i");
    assert_eq!((industry["covered_counties"].as_i64(), industry["active_pairings"].as_i64()), (Some(1), Some(3)));
    assert_eq!(after.body["concentrated"][0]["code"], ZHAOJUE);
    let zhaojue =
        after.body["counties"].as_array().expect("c").iter().find(|c| c["code"] == ZHAOJUE).cloned().expect("z");
    assert_eq!((zhaojue["covered"].as_bool(), zhaojue["active_pairings"].as_i64()), (Some(true), Some(3)));

    // A provincial officer sees its province; the year filter reads the pairings' dates.
    let (_, yn) = app.sichuan_and_yunnan().await;
    let yunnan = app.get("/api/v1/coverage", &yn).await;
    assert_eq!((yunnan.body["key_counties"].as_i64(), yunnan.body["covered"].as_i64()), (Some(12), Some(0)));
    let this_year = chrono::Utc::now().format("%Y").to_string();
    assert_eq!(app.get(&format!("/api/v1/coverage?year={this_year}"), &admin).await.body["covered"], 1);
    assert_eq!(app.get("/api/v1/coverage?year=2022", &admin).await.body["covered"], 0);
    app.get("/api/v1/coverage?year=1999", &admin).await.problem(422);

    // Concluding all three uncovers the county again.
    for id in &ids {
        app.move_pairing(&admin, id, "concluded", "").await;
    }
    assert_eq!(app.get("/api/v1/coverage", &admin).await.body["covered"], 0);
}

#[actix_web::test]
async fn local_cultivation_is_recorded_and_summed() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let org = app.org(&admin, 1, "330000", &["industry"]).await;
    let member = app.user(&admin, "staff", "org_member", json!({"organization_id": org})).await;
    let p = app.post("/api/v1/pairings", &member, apply(ZHAOJUE, &org, "east_org")).await;
    let path = format!("/api/v1/pairings/{}/cultivation", p.body["id"].as_str().expect("id"));
    for (d, t, v) in [("2026-03-01", 2, 30), ("2026-06-01", 1, 12)] {
        let r = app.post(&path, &member, json!({"record_date": d, "trainings": t, "trainees": 40, "local_organizations": 1, "volunteers": v, "social_workers": 2})).await;
        assert_eq!(r.status, 201, "{}", r.body);
    }
    let s = app.get(&path, &admin).await;
    assert_eq!(
        (s.body["trainings"].as_i64(), s.body["volunteers"].as_i64(), s.body["social_workers"].as_i64()),
        (Some(3), Some(42), Some(4))
    );
    assert_eq!(s.body["records"][0]["record_date"], "2026-06-01");
    assert_eq!(
        app.post(&path, &member, json!({"record_date": "2026-07-01", "volunteers": -1})).await.error_fields(),
        vec!["volunteers"]
    );
    let viewer = app.user(&admin, "viewer1", "viewer", json!({})).await;
    app.post(&path, &viewer, json!({"record_date": "2026-07-01"})).await.problem(404);
}
