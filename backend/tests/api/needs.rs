use reqwest::Method;
use serde_json::json;

use crate::helpers::TestApp;

const ZHAOJUE: &str = "513431";

#[actix_web::test]
async fn counties_raise_needs_and_other_provinces_cannot_read_them() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (sc, yn) = app.sichuan_and_yunnan().await;
    let county = app.user(&admin, "zhaojue", "county_officer", json!({"county_code": ZHAOJUE})).await;
    let need = json!({"county_code": ZHAOJUE, "assistance_type": "industry", "title": "花椒产业链建设", "budget_estimate": "800000", "beneficiaries": 1200, "priority": "high"});
    let r = app.post("/api/v1/needs", &county, need.clone()).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!((r.body["status"].as_str(), r.body["budget_estimate"].as_str()), (Some("open"), Some("800000.00")));
    let id = r.body["id"].as_str().expect("id").to_owned();
    // Another county's officer cannot raise needs for 昭觉.
    let other = app.user(&admin, "xide", "county_officer", json!({"county_code": "513432"})).await;
    app.post("/api/v1/needs", &other, need.clone()).await.problem(403);
    // 四川 reads it; 云南 gets 404 (not 403: existence is not revealed).
    assert_eq!(app.get(&format!("/api/v1/needs/{id}"), &sc).await.status, 200);
    app.get(&format!("/api/v1/needs/{id}"), &yn).await.problem(404);
    assert_eq!(app.get("/api/v1/needs?count=true", &yn).await.body["total"], 0);
    // Bad money and a stale change.
    let mut bad = need.clone();
    bad["budget_estimate"] = json!("12.345");
    assert_eq!(app.post("/api/v1/needs", &county, bad).await.error_fields(), vec!["budget_estimate"]);
    let cur = app.get(&format!("/api/v1/needs/{id}"), &county).await;
    assert_eq!(
        app.patch(&format!("/api/v1/needs/{id}"), &county, &cur.etag(), json!({"beneficiaries": 1500})).await.status,
        200
    );
    app.patch(&format!("/api/v1/needs/{id}"), &county, &cur.etag(), json!({"beneficiaries": 1})).await.problem(412);
    // open → matched → closed; closed → open is illegal.
    let t = |to: &str| {
        let (path, to, county) = (format!("/api/v1/needs/{id}/transitions"), to.to_owned(), county.clone());
        let app = &app;
        async move {
            let cur = app.get(&format!("/api/v1/needs/{}", path.split('/').nth(4).unwrap_or("")), &county).await;
            app.call(Method::POST, &path, Some(&county), Some(json!({"to": to})), &[("if-match", &cur.etag())]).await
        }
    };
    assert_eq!(t("matched").await.body["status"], "matched");
    assert_eq!(t("closed").await.body["status"], "closed");
    t("open").await.problem(409);
}

/// The hand-built best candidate: an organization from 浙江 (which assists 四川 under east–west
/// cooperation) with an industry offer preferring 四川 and capacity over the budget, and a
/// pairing track record. Decoys each lack something.
#[actix_web::test]
async fn matching_ranks_the_best_candidate_first_with_its_reason() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let county = app.user(&admin, "zhaojue", "county_officer", json!({"county_code": ZHAOJUE})).await;
    let best = app.org(&admin, 1, "330000", &["industry"]).await;
    let no_type = app.org(&admin, 2, "330000", &["health"]).await;
    let far = app.org(&admin, 3, "110000", &["industry"]).await;
    let suspended = app.org(&admin, 4, "330000", &["industry"]).await;
    for org in [&best, &suspended] {
        let offer = json!({"title": "产业帮扶资金与技术", "assistance_types": ["industry"], "preferred_province_codes": ["510000"], "capacity": "2000000"});
        assert_eq!(app.post(&format!("/api/v1/organizations/{org}/offers"), &admin, offer).await.status, 201);
    }
    // Track record: one active pairing elsewhere (applied for by the organization, confirmed
    // by the county).
    let best_staff = app.user(&admin, "best-staff", "org_member", json!({"organization_id": best})).await;
    let p = app
        .post("/api/v1/pairings", &best_staff, json!({"county_code": "513432", "lead_organization_id": best, "assistance_types": ["industry"], "channel": "east_org"}))
        .await;
    let pid = p.body["id"].as_str().expect("id").to_owned();
    let xide = app.user(&admin, "xide", "county_officer", json!({"county_code": "513432"})).await;
    assert_eq!(app.move_pairing(&xide, &pid, "confirmed", "").await.body["status"], "active");
    let cur = app.get(&format!("/api/v1/organizations/{suspended}"), &admin).await;
    app.call(
        Method::POST,
        &format!("/api/v1/organizations/{suspended}/transitions"),
        Some(&admin),
        Some(json!({"to": "suspended", "reason": "停业整顿"})),
        &[("if-match", &cur.etag())],
    )
    .await;

    let need = app
        .post("/api/v1/needs", &county, json!({"county_code": ZHAOJUE, "assistance_type": "industry", "title": "花椒产业", "budget_estimate": "1000000", "priority": "high"}))
        .await;
    let need_id = need.body["id"].as_str().expect("id").to_owned();
    let m = app.get(&format!("/api/v1/needs/{need_id}/matches?limit=10"), &county).await;
    assert_eq!(m.status, 200, "{}", m.body);
    let items = m.body["items"].as_array().expect("items");
    assert_eq!(items[0]["organization_id"], best.as_str());
    assert_eq!(
        items[0]["parts"],
        json!({"type_fit": 40, "region": 20, "east_west": 15, "capacity": 10, "track_record": 2, "load": 0})
    );
    assert_eq!(items[0]["score"], 87);
    assert_eq!(
        items[0]["reason"]["zh"],
        "业务专长或资源覆盖产业帮扶；意向帮扶四川省；浙江省与四川省为东西部协作结对省份；资源能力可覆盖预算；已有1个结对经验"
    );
    assert!(items[0]["reason"]["en"].as_str().is_some_and(|r| r.contains("east–west")));
    let order: Vec<&str> = items.iter().map(|i| i["organization_id"].as_str().unwrap_or("")).collect();
    assert!(!order.contains(&suspended.as_str()), "suspended organizations never appear");
    let pos = |id: &str| order.iter().position(|o| *o == id).expect("ranked");
    assert!(pos(&far) < pos(&no_type), "type fit outweighs an east–west partnership");
    // Deterministic.
    let again = app.get(&format!("/api/v1/needs/{need_id}/matches?limit=10"), &county).await;
    assert_eq!(again.body, m.body);
    app.get(&format!("/api/v1/needs/{need_id}/matches?limit=0"), &county).await.problem(422);

    // The reverse view ranks the need for the organization.
    let rev = app.get(&format!("/api/v1/organizations/{best}/matching-needs"), &admin).await;
    assert_eq!(rev.body["items"][0]["need_id"], need_id.as_str());
    assert_eq!(rev.body["items"][0]["score"], 87);
    assert_eq!(
        app.get(&format!("/api/v1/organizations/{suspended}/matching-needs"), &admin).await.body["items"],
        json!([])
    );

    // The county invites the best match: a pairing for the need, waiting for the organization.
    let inv =
        app.post(&format!("/api/v1/needs/{need_id}/invitations"), &county, json!({"organization_id": best})).await;
    assert_eq!(inv.status, 201, "{}", inv.body);
    assert_eq!(
        (inv.body["status"].as_str(), inv.body["channel"].as_str()),
        (Some("proposed"), Some("east_west_cooperation"))
    );
    assert_eq!(inv.body["need_id"], need_id.as_str());
    assert_eq!(inv.body["organizations"][0]["consent"], "invited");
    // A second invitation names the organization and the time of the first, not an id.
    let again =
        app.post(&format!("/api/v1/needs/{need_id}/invitations"), &county, json!({"organization_id": best})).await;
    let detail = again.problem(409)["detail"].as_str().expect("detail").to_owned();
    let first_at = chrono::DateTime::parse_from_rfc3339(inv.body["created_at"].as_str().expect("created_at"))
        .expect("a time")
        .with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8"));
    assert!(detail.contains("测试社会组织1") && !detail.contains(&best), "{detail}");
    assert!(detail.contains(&first_at.format("%Y-%m-%d %H:%M").to_string()), "{detail}");
    app.post(&format!("/api/v1/needs/{need_id}/invitations"), &county, json!({"organization_id": suspended}))
        .await
        .problem(409);
}

/// (organization, its answer, the pairing's status) of each invitation for a need.
async fn invitations(app: &TestApp, token: &str, need_id: &str) -> Vec<(String, String, String)> {
    let r = app.get(&format!("/api/v1/pairings?need={need_id}"), token).await;
    let mut v: Vec<(String, String, String)> = r.body["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|p| {
            (
                p["organizations"][0]["id"].as_str().unwrap_or("").to_owned(),
                p["organizations"][0]["consent"].as_str().unwrap_or("").to_owned(),
                p["status"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    v.sort();
    v
}

/// An invitation from a need is a pairing waiting for the organization: it sees it among its
/// invitations, and only its acceptance (with the county's confirmation) makes a live pairing.
#[actix_web::test]
async fn an_invitation_waits_for_the_organizations_answer_and_shows_on_the_need() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let county = app.user(&admin, "zhaojue", "county_officer", json!({"county_code": ZHAOJUE})).await;
    let yes = app.org(&admin, 1, "330000", &["industry"]).await;
    let no = app.org(&admin, 2, "330000", &["industry"]).await;
    let yes_staff = app.user(&admin, "yes-staff", "org_member", json!({"organization_id": yes})).await;
    let no_staff = app.user(&admin, "no-staff", "org_member", json!({"organization_id": no})).await;
    let need = app
        .post("/api/v1/needs", &county, json!({"county_code": ZHAOJUE, "assistance_type": "industry", "title": "花椒产业", "budget_estimate": "1000000", "priority": "high"}))
        .await;
    let need_id = need.body["id"].as_str().expect("id").to_owned();
    for org in [&yes, &no] {
        let r =
            app.post(&format!("/api/v1/needs/{need_id}/invitations"), &county, json!({"organization_id": org})).await;
        assert_eq!(r.status, 201, "{}", r.body);
    }
    // Each organization sees its own invitation, and nothing attaches it yet.
    for (org, staff) in [(&yes, &yes_staff), (&no, &no_staff)] {
        let mine = app.get(&format!("/api/v1/pairings?awaiting_organization={org}&count=true"), staff).await;
        assert_eq!(mine.body["total"], 1, "{}", mine.body);
        assert_eq!(mine.body["items"][0]["need_id"], need_id.as_str());
        assert_eq!(app.get(&format!("/api/v1/pairings?organization={org}&count=true"), &admin).await.body["total"], 0);
    }
    let mut expected = vec![
        (yes.clone(), "invited".to_owned(), "proposed".to_owned()),
        (no.clone(), "invited".to_owned(), "proposed".to_owned()),
    ];
    expected.sort();
    assert_eq!(invitations(&app, &county, &need_id).await, expected);

    let pid = |org: &str| {
        let (path, staff) = (
            format!("/api/v1/pairings?awaiting_organization={org}"),
            if org == yes { yes_staff.clone() } else { no_staff.clone() },
        );
        let app = &app;
        async move { app.get(&path, &staff).await.body["items"][0]["id"].as_str().expect("id").to_owned() }
    };
    let (yes_pairing, no_pairing) = (pid(&yes).await, pid(&no).await);
    assert_eq!(app.move_pairing(&no_staff, &no_pairing, "declined", "").await.body["status"], "declined");
    assert_eq!(app.move_pairing(&yes_staff, &yes_pairing, "accepted", "").await.body["status"], "accepted");
    assert_eq!(app.move_pairing(&county, &yes_pairing, "confirmed", "").await.body["status"], "active");
    let mut expected = vec![
        (yes.clone(), "accepted".to_owned(), "active".to_owned()),
        (no.clone(), "declined".to_owned(), "declined".to_owned()),
    ];
    expected.sort();
    assert_eq!(invitations(&app, &county, &need_id).await, expected);
    assert_eq!(
        app.get(&format!("/api/v1/pairings?awaiting_organization={yes}&count=true"), &yes_staff).await.body["total"],
        0
    );
    // A declined invitation is not repeated.
    let again =
        app.post(&format!("/api/v1/needs/{need_id}/invitations"), &county, json!({"organization_id": no})).await;
    assert!(again.problem(409)["detail"].as_str().is_some_and(|d| d.contains("已拒绝")), "{}", again.body);
}

#[actix_web::test]
async fn a_needs_matches_list_only_organizations_whose_offers_the_caller_may_read() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let county = app.user(&admin, "zhaojue", "county_officer", json!({"county_code": ZHAOJUE})).await;
    let mine = app.org(&admin, 1, "330000", &["industry"]).await;
    let rival = app.org(&admin, 2, "330000", &["industry"]).await;
    for org in [&mine, &rival] {
        let offer = json!({"title": "产业资金", "assistance_types": ["industry"], "capacity": "500000"});
        assert_eq!(app.post(&format!("/api/v1/organizations/{org}/offers"), &admin, offer).await.status, 201);
    }
    let member = app.user(&admin, "staff", "org_member", json!({"organization_id": mine})).await;
    let viewer = app.user(&admin, "viewer1", "viewer", json!({})).await;
    let need = app
        .post("/api/v1/needs", &county, json!({"county_code": ZHAOJUE, "assistance_type": "industry", "title": "花椒产业", "budget_estimate": "1000000", "priority": "high"}))
        .await;
    let path = format!("/api/v1/needs/{}/matches?limit=10", need.body["id"].as_str().expect("id"));
    let ids = |r: &crate::helpers::Resp| -> Vec<String> {
        r.body["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|m| m["organization_id"].as_str().unwrap_or("").to_owned())
            .collect()
    };
    // The county and its coordinators rank every active organization; all three read the open need.
    let mut both = vec![mine.clone(), rival.clone()];
    both.sort();
    let mut ranked = ids(&app.get(&path, &county).await);
    ranked.sort();
    assert_eq!(ranked, both);
    // A member sees where its own organization stands, not its rival's offers; a viewer nothing.
    assert_eq!(ids(&app.get(&path, &member).await), vec![mine.clone()]);
    assert_eq!(ids(&app.get(&path, &viewer).await), Vec::<String>::new());
}

#[actix_web::test]
async fn needs_export_with_the_lists_filters_and_the_callers_scope() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (sc, yn) = app.sichuan_and_yunnan().await;
    let county = app.user(&admin, "zhaojue", "county_officer", json!({"county_code": ZHAOJUE})).await;
    for (title, priority, budget) in [("花椒产业链建设", "high", "800000"), ("乡村学校图书角", "low", "12000.5")]
    {
        let need = json!({"county_code": ZHAOJUE, "assistance_type": "industry", "title": title, "budget_estimate": budget, "beneficiaries": 1200, "priority": priority});
        assert_eq!(app.post("/api/v1/needs", &county, need).await.status, 201);
    }
    let csv = |token: String, q: &'static str| {
        let app = &app;
        async move {
            let r = app.get(&format!("/api/v1/needs/export?format=csv{q}"), &token).await;
            assert_eq!(r.status, 200, "{}", r.body);
            r.body.as_str().expect("csv").trim_start_matches('\u{feff}').to_owned()
        }
    };
    let all = csv(sc.clone(), "").await;
    let lines: Vec<&str> = all.lines().collect();
    assert_eq!(
        lines[0],
        "县代码,县,省级代码,帮扶类型,需求标题,需求说明,预算估算（元）,预计受益人数,优先级,状态,提出时间"
    );
    assert_eq!(lines.len(), 3, "a header and two needs, newest first: {all}");
    assert!(
        lines[1].starts_with("513431,昭觉县,510000,产业帮扶,乡村学校图书角,,12000.50,1200,低,待对接,"),
        "{}",
        lines[1]
    );
    let high = csv(admin.clone(), "&priority=high").await;
    assert_eq!(high.lines().count(), 2, "{high}");
    assert!(high.contains("花椒产业链建设") && !high.contains("图书角"), "{high}");
    // another province's officer exports what their list shows: none of 四川's needs
    assert_eq!(csv(yn, "").await.lines().count(), 1);
    let xlsx = app.get("/api/v1/needs/export", &county).await;
    assert_eq!(
        xlsx.header("content-type").as_deref(),
        Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    );
}
