use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::TestApp;

pub(crate) const ZHAOJUE: &str = "513431";

pub(crate) struct World {
    pub admin: String,
    pub county: String,
    pub member: String,
    pub org: String,
}

pub(crate) async fn world(app: &TestApp) -> World {
    let admin = app.admin().await;
    let county = app
        .user(&admin, "zhaojue", "county_officer", json!({"county_code": ZHAOJUE, "display_name": "昭觉县乡村振兴局"}))
        .await;
    let org = app.org(&admin, 1, "330000", &["industry"]).await;
    let member =
        app.user(&admin, "zj-staff", "org_member", json!({"organization_id": org, "display_name": "李明"})).await;
    World { admin, county, member, org }
}

/// How histories name the world's member and county officer.
pub(crate) const MEMBER: &str = "李明（测试社会组织1）";
pub(crate) const COUNTY: &str = "昭觉县乡村振兴局";

pub(crate) fn project(org: &str) -> Value {
    json!({"title": "花椒烘干车间", "county_code": ZHAOJUE, "organizations": [{"organization_id": org, "role": "lead"}],
           "assistance_type": "industry", "planned_funds": "500000", "beneficiaries_planned": 300})
}

async fn move_to(app: &TestApp, token: &str, id: &str, to: &str, reason: &str) -> crate::helpers::Resp {
    let cur = app.get(&format!("/api/v1/projects/{id}"), token).await;
    app.call(
        Method::POST,
        &format!("/api/v1/projects/{id}/transitions"),
        Some(token),
        Some(json!({"to": to, "reason": reason})),
        &[("if-match", &cur.etag())],
    )
    .await
}

#[actix_web::test]
async fn landing_needs_the_organization_to_declare_and_the_county_to_confirm() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let p = app.post("/api/v1/projects", &w.member, project(&w.org)).await;
    assert_eq!(p.status, 201, "{}", p.body);
    assert_eq!((p.body["status"].as_str(), p.body["funds_in_place"].as_str()), (Some("docking"), Some("0.00")));
    let id = p.body["id"].as_str().expect("id").to_owned();
    assert_eq!(move_to(&app, &w.member, &id, "signed", "签约").await.body["status"], "signed");

    // The county cannot confirm what was not declared, and a coordinator cannot land it alone.
    move_to(&app, &w.county, &id, "landed", "").await.problem(409);
    move_to(&app, &w.admin, &id, "landed", "").await.problem(403);
    let declared = move_to(&app, &w.member, &id, "landed", "车间已建成").await;
    assert_eq!(declared.status, 200, "{}", declared.body);
    assert_eq!(declared.body["status"], "signed", "declared, not landed");
    // people by their names, an organization's member with the organization, never by login name
    assert_eq!(declared.body["landing"]["declared_by"], MEMBER);
    assert!(declared.body["landing"]["confirmed_by"].is_null());
    move_to(&app, &w.member, &id, "landed", "").await.problem(409);
    // what waits for the county: the declared landing
    let waiting =
        app.get(&format!("/api/v1/projects?county={ZHAOJUE}&landing_declared=true&count=true"), &w.county).await;
    assert_eq!(waiting.body["total"], 1, "{}", waiting.body);
    let landed = move_to(&app, &w.county, &id, "landed", "县里现场核验").await;
    assert_eq!(app.get("/api/v1/projects?landing_declared=true&count=true", &w.county).await.body["total"], 0);
    assert_eq!(landed.body["status"], "landed");
    assert_eq!(
        (landed.body["landing"]["confirmed_by"].as_str(), landed.body["landing"]["declared_by"].as_str()),
        (Some(COUNTY), Some(MEMBER))
    );
    assert!(landed.body["landing"]["declared_at"].is_string() && landed.body["landing"]["confirmed_at"].is_string());
    let steps: Vec<(&str, &str)> = landed.body["history"]
        .as_array()
        .expect("history")
        .iter()
        .map(|e| (e["to_status"].as_str().unwrap_or(""), e["actor"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(steps, vec![("docking", MEMBER), ("signed", MEMBER), ("landed", MEMBER), ("landed", COUNTY)]);

    // Illegal and reason-less moves.
    move_to(&app, &w.admin, &id, "docking", "").await.problem(409);
    move_to(&app, &w.admin, &id, "suspended", "").await.error_fields();
    let suspended = move_to(&app, &w.admin, &id, "suspended", "资金审计").await;
    assert_eq!(suspended.body["allowed_transitions"], json!(["landed", "cancelled"]), "resume where it was, or cancel");
    assert_eq!(move_to(&app, &w.admin, &id, "landed", "审计结束").await.body["status"], "landed");
    assert_eq!(move_to(&app, &w.county, &id, "completed", "").await.body["status"], "completed");
}

#[actix_web::test]
async fn figures_are_the_sum_of_updates_and_projects_go_stale_without_them() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let p = app.post("/api/v1/projects", &w.member, project(&w.org)).await;
    let id = p.body["id"].as_str().expect("id").to_owned();
    for (funds, people) in [("120000.50", 40), ("79999.50", 60)] {
        let r = app
            .post(&format!("/api/v1/projects/{id}/updates"), &w.member, json!({"date": "2026-05-01", "narrative": "资金到位", "funds_delta": funds, "beneficiaries_delta": people}))
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
    }
    let cur = app.get(&format!("/api/v1/projects/{id}"), &w.admin).await;
    assert_eq!(
        (cur.body["funds_in_place"].as_str(), cur.body["beneficiaries_reached"].as_i64()),
        (Some("200000.00"), Some(100))
    );
    // Figures cannot be edited by hand.
    let r = app.patch(&format!("/api/v1/projects/{id}"), &w.admin, &cur.etag(), json!({"funds_in_place": "1"})).await;
    assert_eq!(r.error_fields(), vec!["funds_in_place"]);
    // An update can move the status too.
    let signed = app
        .post(
            &format!("/api/v1/projects/{id}/updates"),
            &w.member,
            json!({"date": "2026-05-02", "narrative": "签订协议", "to": "signed"}),
        )
        .await;
    assert_eq!(signed.body["status"], "signed");
    assert_eq!(
        app.get(&format!("/api/v1/projects/{id}/updates"), &w.member).await.body["items"].as_array().map(Vec::len),
        Some(3)
    );

    // 91 days later, without updates, it is stale (the service clock moves; nothing sleeps).
    assert_eq!(app.get("/api/v1/projects?stale=true&count=true", &w.admin).await.body["total"], 0);
    app.state.clock.advance(91 * 86_400);
    let admin = app.admin().await;
    let stale = app.get("/api/v1/projects?stale=true&count=true", &admin).await;
    assert_eq!(stale.body["total"], 1);
    assert_eq!(stale.body["items"][0]["stale"], true);
    let member = app.token("zj-staff", crate::helpers::PASSWORD).await;
    app.post(
        &format!("/api/v1/projects/{id}/updates"),
        &member,
        json!({"date": "2026-08-10", "narrative": "设备安装"}),
    )
    .await;
    assert_eq!(app.get("/api/v1/projects?stale=true&count=true", &admin).await.body["total"], 0);
    assert_eq!(app.get("/api/v1/projects?stale=false&count=true", &admin).await.body["total"], 1);
}

#[actix_web::test]
async fn projects_stay_in_scope_and_suspended_organizations_cannot_start_them() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let (sc, yn) = app.sichuan_and_yunnan().await;
    let p = app.post("/api/v1/projects", &w.member, project(&w.org)).await;
    let path = format!("/api/v1/projects/{}", p.body["id"].as_str().expect("id"));
    assert_eq!(app.get(&path, &sc).await.status, 200);
    app.get(&path, &yn).await.problem(404);
    let other_org = app.org(&w.admin, 2, "330000", &["health"]).await;
    let outsider = app.user(&w.admin, "other-staff", "org_member", json!({"organization_id": other_org})).await;
    app.get(&path, &outsider).await.problem(404);
    app.post("/api/v1/projects", &outsider, project(&w.org)).await.problem(403);
    assert_eq!(app.get("/api/v1/projects?count=true", &yn).await.body["total"], 0);

    let cur = app.get(&format!("/api/v1/organizations/{}", w.org), &w.admin).await;
    app.call(
        Method::POST,
        &format!("/api/v1/organizations/{}/transitions", w.org),
        Some(&w.admin),
        Some(json!({"to": "revoked", "reason": "注销"})),
        &[("if-match", &cur.etag())],
    )
    .await;
    app.post("/api/v1/projects", &w.admin, project(&w.org)).await.problem(409);
    let mut two_leads = project(&other_org);
    two_leads["organizations"] =
        json!([{"organization_id": other_org, "role": "lead"}, {"organization_id": w.org, "role": "lead"}]);
    assert_eq!(app.post("/api/v1/projects", &w.admin, two_leads).await.error_fields(), vec!["organizations"]);
}

#[actix_web::test]
async fn lists_filter_sort_by_funds_page_by_keyset_and_export() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    for i in 0..5 {
        let mut b = project(&w.org);
        b["title"] = json!(format!("项目{i}"));
        b["government_purchase"] = json!(i % 2 == 0);
        b["contract_number"] = json!(format!("GP-{i}"));
        let p = app.post("/api/v1/projects", &w.member, b).await;
        let id = p.body["id"].as_str().expect("id").to_owned();
        app.post(
            &format!("/api/v1/projects/{id}/updates"),
            &w.member,
            json!({"date": "2026-05-01", "narrative": "到位", "funds_delta": format!("{}", (i + 1) * 1000)}),
        )
        .await;
    }
    let titles = |r: &crate::helpers::Resp| -> Vec<String> {
        r.body["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|p| p["title"].as_str().unwrap_or("").to_owned())
            .collect()
    };
    let by_funds = app.get("/api/v1/projects?sort=-funds_in_place&limit=2", &w.admin).await;
    assert_eq!(titles(&by_funds), vec!["项目4", "项目3"]);
    let next = app
        .get(
            &format!(
                "/api/v1/projects?sort=-funds_in_place&limit=2&cursor={}",
                by_funds.body["next_cursor"].as_str().expect("c")
            ),
            &w.admin,
        )
        .await;
    assert_eq!(titles(&next), vec!["项目2", "项目1"]);
    // Most recently changed first, every project once across keyset pages.
    let mut seen = vec![];
    let mut cursor = String::new();
    loop {
        let page = app.get(&format!("/api/v1/projects?limit=2{cursor}"), &w.admin).await;
        seen.extend(titles(&page));
        match page.body["next_cursor"].as_str() {
            Some(c) => cursor = format!("&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(seen, vec!["项目4", "项目3", "项目2", "项目1", "项目0"]);
    let gp = app.get("/api/v1/projects?government_purchase=true&count=true", &w.admin).await;
    assert_eq!(gp.body["total"], 3);
    assert_eq!(app.get("/api/v1/projects?q=%E9%A1%B9%E7%9B%AE3&count=true", &w.admin).await.body["total"], 1);

    let csv = app
        .client
        .get(format!("{}/api/v1/projects/export?format=csv&government_purchase=true", app.base))
        .bearer_auth(&w.admin)
        .send()
        .await
        .expect("send");
    assert_eq!(csv.status(), 200);
    let text = csv.text().await.expect("text");
    assert_eq!(text.lines().count(), 4, "a header and three projects: {text}");
    assert!(text.starts_with("\u{feff}项目名称"));
    let xlsx = app
        .client
        .get(format!("{}/api/v1/projects/export?format=xlsx", app.base))
        .bearer_auth(&w.admin)
        .send()
        .await
        .expect("send");
    assert_eq!(xlsx.status(), 200);
    let bytes = xlsx.bytes().await.expect("bytes");
    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("xlsx");
    use calamine::Reader;
    let sheet = book.worksheet_range_at(0).expect("sheet").expect("range");
    let rows: Vec<Vec<String>> = sheet.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    // what it is and when, the filters (none), a blank row, the header, five projects
    assert!(rows[0][0].starts_with("项目　导出时间：") && rows[0][0].ends_with("（北京时间）"), "{:?}", rows[0]);
    assert_eq!(rows[1][0], "筛选条件：无");
    assert_eq!(rows[3][0], "项目名称", "{:?}", rows[3]);
    assert_eq!(rows.len(), 9, "two lines, a blank row, a header and five projects");
}

#[actix_web::test]
async fn the_campaign_funnel_counts_a_hand_built_set() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let (sc, _) = app.sichuan_and_yunnan().await;
    let c = app
        .post(
            "/api/v1/campaigns",
            &w.admin,
            json!({"year": 2026, "theme": "社会组织乡村行·四川", "province_codes": ["510000"]}),
        )
        .await;
    assert_eq!(c.status, 201, "{}", c.body);
    app.post("/api/v1/campaigns", &sc, json!({"year": 2026, "theme": "x"})).await.problem(403);
    let cid = c.body["id"].as_str().expect("id").to_owned();
    let e = app.post(&format!("/api/v1/campaigns/{cid}/events"), &sc, json!({"date": "2026-06-01", "place": "昭觉县会议中心", "county_code": ZHAOJUE, "organization_ids": [w.org]})).await;
    assert_eq!(e.status, 201, "{}", e.body);
    let eid = e.body["id"].as_str().expect("id").to_owned();
    // Five projects docked at the event: 2 stay docking, 1 signed, 1 landed, 1 completed.
    let mut ids = vec![];
    for i in 0..5 {
        let mut b = project(&w.org);
        b["title"] = json!(format!("对接项目{i}"));
        b["event_id"] = json!(eid);
        let p = app.post("/api/v1/projects", &w.member, b).await;
        assert_eq!(p.body["campaign_id"], cid.as_str());
        ids.push(p.body["id"].as_str().expect("id").to_owned());
    }
    for id in &ids[2..] {
        move_to(&app, &w.member, id, "signed", "").await;
    }
    for id in &ids[3..] {
        move_to(&app, &w.member, id, "landed", "").await;
        move_to(&app, &w.county, id, "landed", "").await;
        app.post(
            &format!("/api/v1/projects/{id}/updates"),
            &w.member,
            json!({"date": "2026-07-01", "narrative": "到位", "funds_delta": "1000"}),
        )
        .await;
    }
    move_to(&app, &w.county, &ids[4], "completed", "").await;
    let f = app.get(&format!("/api/v1/campaigns/{cid}/funnel"), &w.admin).await;
    assert_eq!(f.status, 200, "{}", f.body);
    let got = |k: &str| f.body[k].as_i64();
    assert_eq!((got("docked"), got("signed"), got("landed"), got("completed")), (Some(5), Some(3), Some(2), Some(1)));
    assert_eq!(f.body["funds"], "2000.00");
    assert_eq!((f.body["signed_rate"].as_f64(), f.body["landed_rate"].as_f64()), (Some(0.6), Some(0.667)));
    assert_eq!(f.body["by_event"][0]["event_id"], eid.as_str());
    assert_eq!(f.body["by_province"][0]["province_code"], "510000");
    assert_eq!(f.body["at_risk_total"], 0);
    // 181 days on, the signed-but-not-landed project is at risk.
    app.state.clock.advance(181 * 86_400);
    let admin = app.admin().await;
    let later = app.get(&format!("/api/v1/campaigns/{cid}/funnel"), &admin).await;
    assert_eq!(later.body["at_risk_total"], 1);
    assert_eq!(later.body["at_risk"][0]["project_id"], ids[2].as_str());
    let listed = app.get(&format!("/api/v1/projects?campaign={cid}&event={eid}&count=true"), &admin).await;
    assert_eq!(listed.body["total"], 5);
}

async fn answer(app: &TestApp, token: &str, id: &str, org: &str, to: &str) -> crate::helpers::Resp {
    let cur = app.get(&format!("/api/v1/projects/{id}"), token).await;
    app.call(
        Method::POST,
        &format!("/api/v1/projects/{id}/organizations/{org}/transitions"),
        Some(token),
        Some(json!({"to": to, "reason": ""})),
        &[("if-match", &cur.header("etag").unwrap_or_default())],
    )
    .await
}

/// The (consent, consent_by, allowed_transitions) of an organization named in a project.
fn answer_of(p: &Value, org: &str) -> (String, Option<String>, Value) {
    let o = p["organizations"].as_array().expect("orgs").iter().find(|o| o["organization_id"] == org).expect("named");
    (
        o["consent"].as_str().unwrap_or("").to_owned(),
        o["consent_by"].as_str().map(str::to_owned),
        o["allowed_transitions"].clone(),
    )
}

#[actix_web::test]
async fn an_organization_named_in_a_project_takes_part_only_after_accepting() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let partner = app.org(&w.admin, 2, "330000", &["health"]).await;
    let p_staff = app.user(&w.admin, "p-staff", "org_member", json!({"organization_id": partner})).await;
    let mut b = project(&w.org);
    b["organizations"] =
        json!([{"organization_id": w.org, "role": "lead"}, {"organization_id": partner, "role": "partner"}]);
    let p = app.post("/api/v1/projects", &w.member, b).await;
    assert_eq!(p.status, 201, "{}", p.body);
    let id = p.body["id"].as_str().expect("id").to_owned();
    assert_eq!(answer_of(&p.body, &w.org).0, "accepted", "the creator's own organization takes part at once");
    assert_eq!(answer_of(&p.body, &partner), ("invited".to_owned(), None, json!([])));

    // The partner is not attached: not among its projects, no say in the project; it reads the
    // invitation and answers it.
    let count = |q: String| {
        let admin = w.admin.clone();
        let app = &app;
        async move { app.get(&format!("/api/v1/projects?{q}&count=true"), &admin).await.body["total"].clone() }
    };
    assert_eq!(count(format!("organization={partner}")).await, 0);
    assert_eq!(count(format!("awaiting_organization={partner}")).await, 1);
    let seen = app.get(&format!("/api/v1/projects/{id}"), &p_staff).await;
    assert_eq!(seen.status, 200);
    assert_eq!(answer_of(&seen.body, &partner).2, json!(["accepted", "declined"]));
    assert_eq!(seen.body["allowed_transitions"], json!([]));
    move_to(&app, &p_staff, &id, "signed", "").await.problem(403);
    app.post(&format!("/api/v1/projects/{id}/updates"), &p_staff, json!({"date": "2026-05-01", "narrative": "x"}))
        .await
        .problem(403);
    // Nobody answers for it: not the lead, not the county, not a coordinator.
    for token in [&w.member, &w.county, &w.admin] {
        answer(&app, token, &id, &partner, "accepted").await.problem(403);
    }
    let accepted = answer(&app, &p_staff, &id, &partner, "accepted").await;
    assert_eq!(accepted.status, 200, "{}", accepted.body);
    let (consent, by, allowed) = answer_of(&accepted.body, &partner);
    assert_eq!((consent.as_str(), by.as_deref(), allowed), ("accepted", Some("p-staff（测试社会组织2）"), json!([])));
    assert!(accepted.body["organizations"].as_array().expect("o").iter().any(|o| o["consent_at"].is_string()));
    answer(&app, &p_staff, &id, &partner, "declined").await.problem(409);
    assert_eq!(count(format!("organization={partner}")).await, 1);
    assert_eq!(count(format!("awaiting_organization={partner}")).await, 0);
    assert_eq!(move_to(&app, &p_staff, &id, "signed", "").await.body["status"], "signed");
}

/// A docking and a progress update answer with the project made from what the write read and
/// wrote, without reading it back: the answer must be exactly what the next read returns.
#[actix_web::test]
async fn the_answer_to_a_docking_or_a_progress_update_is_what_the_next_read_returns() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let partner = app.org(&w.admin, 2, "330000", &["health"]).await;
    let mut b = project(&w.org);
    // the partner listed first: every answer orders them the same way (the lead first)
    b["organizations"] =
        json!([{"organization_id": partner, "role": "partner"}, {"organization_id": w.org, "role": "lead"}]);
    let docked = app.post("/api/v1/projects", &w.member, b).await;
    assert_eq!(docked.status, 201, "{}", docked.body);
    let id = docked.body["id"].as_str().expect("id").to_owned();
    let read = |who: String| {
        let (app, id) = (&app, id.clone());
        async move { app.get(&format!("/api/v1/projects/{id}"), &who).await }
    };
    let again = read(w.member.clone()).await;
    assert_eq!(docked.body, again.body);
    assert_eq!(docked.etag(), again.etag());
    assert_eq!(docked.body["history"].as_array().map(Vec::len), Some(1));
    assert_eq!(docked.body["organizations"][0]["consent"], "accepted");
    assert_eq!(docked.body["organizations"][1]["consent"], "invited");

    // an append, then one that moves the status too (its history entry is in the answer)
    for (body, entries) in [
        (json!({"date": "2026-05-01", "narrative": "资金到位", "funds_delta": "1000.50", "beneficiaries_delta": 7}), 1),
        (json!({"date": "2026-05-02", "narrative": "签订协议", "funds_delta": "1.00", "to": "signed"}), 2),
    ] {
        let r = app.post(&format!("/api/v1/projects/{id}/updates"), &w.member, body).await;
        assert_eq!(r.status, 201, "{}", r.body);
        let again = read(w.member.clone()).await;
        assert_eq!(r.body, again.body);
        assert_eq!(r.etag(), again.etag());
        assert_eq!(r.body["history"].as_array().map(Vec::len), Some(entries));
    }
    assert_eq!(read(w.admin.clone()).await.body["funds_in_place"], "1001.50");
}

#[actix_web::test]
async fn a_list_item_names_the_organizations_with_their_answers_and_follows_a_rename() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let partner = app.org(&w.admin, 2, "330000", &["health"]).await;
    let p_staff = app.user(&w.admin, "p-staff", "org_member", json!({"organization_id": partner})).await;
    let mut b = project(&w.org);
    b["organizations"] =
        json!([{"organization_id": partner, "role": "partner"}, {"organization_id": w.org, "role": "lead"}]);
    let id = app.post("/api/v1/projects", &w.member, b).await.body["id"].as_str().expect("id").to_owned();
    let listed = || {
        let (app, admin, id) = (&app, w.admin.clone(), id.clone());
        async move {
            let page = app.get("/api/v1/projects?limit=200", &admin).await;
            assert_eq!(page.status, 200, "{}", page.body);
            page.body["items"]
                .as_array()
                .expect("items")
                .iter()
                .find(|p| p["id"] == id.as_str())
                .expect("listed")
                .clone()
        }
    };
    let item = listed().await;
    // the lead first, each with its part, name and answer; what only the detail shows is left out
    assert_eq!(
        item["organizations"],
        json!([
            {"organization_id": w.org, "role": "lead", "name": "测试社会组织1", "consent": "accepted"},
            {"organization_id": partner, "role": "partner", "name": "测试社会组织2", "consent": "invited"},
        ])
    );
    for detail_only in ["history", "allowed_transitions", "landing", "sustainability", "contract_amount"] {
        assert!(item.get(detail_only).is_none(), "{detail_only} in a list item");
    }
    assert_eq!(answer(&app, &p_staff, &id, &partner, "accepted").await.status, 200);
    assert_eq!(listed().await["organizations"][1]["consent"], "accepted");
    // renamed: every list that names it says so at once
    let org = app.get(&format!("/api/v1/organizations/{partner}"), &w.admin).await;
    let renamed = app
        .patch(&format!("/api/v1/organizations/{partner}"), &w.admin, &org.etag(), json!({"name": "更名后的组织"}))
        .await;
    assert_eq!(renamed.status, 200, "{}", renamed.body);
    assert_eq!(listed().await["organizations"][1]["name"], "更名后的组织");
    let detail = app.get(&format!("/api/v1/projects/{id}"), &w.admin).await;
    assert_eq!(detail.body["organizations"][1]["name"], "更名后的组织");
}

#[actix_web::test]
async fn a_county_docked_project_is_signed_only_once_its_lead_accepts_and_a_decline_is_recorded() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let other = app.org(&w.admin, 2, "330000", &["health"]).await;
    let o_staff = app.user(&w.admin, "o-staff", "org_member", json!({"organization_id": other})).await;
    // The county docks two projects naming organizations: both only invited.
    let p = app.post("/api/v1/projects", &w.county, project(&w.org)).await;
    assert_eq!(p.status, 201, "{}", p.body);
    let id = p.body["id"].as_str().expect("id").to_owned();
    assert_eq!(p.body["allowed_transitions"], json!([]), "nothing to sign before the lead accepts");
    let signed = move_to(&app, &w.county, &id, "signed", "").await;
    assert!(signed.problem(409)["detail"].as_str().is_some_and(|d| d.contains("牵头组织")), "{}", signed.body);
    assert_eq!(answer(&app, &w.member, &id, &w.org, "accepted").await.status, 200);
    assert_eq!(move_to(&app, &w.county, &id, "signed", "签约").await.body["status"], "signed");

    let q = app.post("/api/v1/projects", &w.county, project(&other)).await;
    let qid = q.body["id"].as_str().expect("id").to_owned();
    let declined = answer(&app, &o_staff, &qid, &other, "declined").await;
    assert_eq!(declined.status, 200, "{}", declined.body);
    assert_eq!(answer_of(&declined.body, &other).0, "declined");
    assert_eq!(answer_of(&declined.body, &other).1.as_deref(), Some("o-staff（测试社会组织2）"));
    // Recorded for the county and the audit log; the organization no longer sees the project.
    let cur = app.get(&format!("/api/v1/projects/{qid}"), &w.county).await;
    assert_eq!(answer_of(&cur.body, &other).0, "declined");
    app.get(&format!("/api/v1/projects/{qid}"), &o_staff).await.problem(404);
    let audit = app.get("/api/v1/audit-events?action=project.consent", &w.admin).await;
    assert!(audit.body.to_string().contains("declined"), "{}", audit.body);
    move_to(&app, &w.county, &qid, "signed", "").await.problem(409);
}

#[actix_web::test]
async fn the_funnel_counts_only_the_projects_the_caller_may_read() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    app.sichuan_and_yunnan().await;
    let other_org = app.org(&w.admin, 2, "330000", &["health"]).await;
    app.user(&w.admin, "other-staff", "org_member", json!({"organization_id": other_org})).await;
    app.user(&w.admin, "viewer1", "viewer", json!({})).await;
    app.user(&w.admin, "expert1", "evaluator", json!({})).await;
    let c = app
        .post("/api/v1/campaigns", &w.admin, json!({"year": 2026, "theme": "乡村行", "province_codes": ["510000"]}))
        .await;
    let cid = c.body["id"].as_str().expect("id").to_owned();
    let e = app
        .post(
            &format!("/api/v1/campaigns/{cid}/events"),
            &w.admin,
            json!({"date": "2026-06-01", "place": "昭觉", "county_code": ZHAOJUE, "organization_ids": [w.org]}),
        )
        .await;
    let eid = e.body["id"].as_str().expect("id").to_owned();
    // 对接中, 已签约 (at risk in 181 days), 已落地, 已完成: only the last two are published.
    let mut ids = vec![];
    for title in ["未公开的对接项目", "未公开的签约项目", "已落地项目", "已完成项目"] {
        let mut b = project(&w.org);
        b["title"] = json!(title);
        b["event_id"] = json!(eid);
        let p = app.post("/api/v1/projects", &w.member, b).await;
        ids.push(p.body["id"].as_str().expect("id").to_owned());
    }
    for id in &ids[1..] {
        move_to(&app, &w.member, id, "signed", "").await;
    }
    for id in &ids[2..] {
        move_to(&app, &w.member, id, "landed", "").await;
        move_to(&app, &w.county, id, "landed", "").await;
    }
    move_to(&app, &w.county, &ids[3], "completed", "").await;
    for id in &ids[1..] {
        let r = app
            .post(
                &format!("/api/v1/projects/{id}/updates"),
                &w.member,
                json!({"date": "2026-07-01", "narrative": "到位", "funds_delta": "1000"}),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
    }
    app.state.clock.advance(181 * 86_400);
    let path = format!("/api/v1/campaigns/{cid}/funnel");
    let funnel = |token: String| {
        let path = path.clone();
        let app = &app;
        async move { app.get(&path, &token).await.body }
    };
    let figures = |f: &Value| {
        (
            f["scope"].as_str().unwrap_or("").to_owned(),
            ["docked", "signed", "landed", "completed"].map(|k| f[k].as_i64().unwrap_or(-1)),
            f["funds"].as_str().unwrap_or("").to_owned(),
            f["at_risk_total"].as_i64().unwrap_or(-1),
        )
    };
    // The national admin first: its result is cached, and must answer nobody else.
    let all = funnel(app.admin().await).await;
    assert_eq!(figures(&all), ("all".into(), [4, 3, 2, 1], "3000.00".into(), 1));
    assert_eq!(all["at_risk"][0]["title"], "未公开的签约项目");
    for (who, scope) in [("sc-officer", "province"), ("zhaojue", "county"), ("zj-staff", "organization")] {
        let f = funnel(app.token(who, crate::helpers::PASSWORD).await).await;
        assert_eq!(figures(&f), (scope.into(), [4, 3, 2, 1], "3000.00".into(), 1), "{who}: {f}");
    }
    // Everyone else counts the published projects only, and never sees an unpublished title.
    for (who, scope) in [
        ("viewer1", "published"),
        ("expert1", "published"),
        ("other-staff", "organization"),
        ("yn-officer", "province"),
    ] {
        let f = funnel(app.token(who, crate::helpers::PASSWORD).await).await;
        assert_eq!(figures(&f), (scope.into(), [2, 2, 2, 1], "2000.00".into(), 0), "{who}: {f}");
        assert_eq!(f["at_risk"], json!([]));
        assert!(!f.to_string().contains("未公开"), "{who}: {f}");
        assert_eq!(f["by_event"][0]["stages"]["docked"], 2, "{who}: {f}");
        assert_eq!(f["by_province"][0]["stages"]["funds"], "2000.00", "{who}: {f}");
    }
}

/// Sends a file as a project's evidence, as `token`.
async fn add_evidence(app: &TestApp, token: &str, id: &str, name: &str, bytes: &'static [u8]) -> crate::helpers::Resp {
    let r = app
        .client
        .post(format!("{}/api/v1/projects/{id}/attachments?filename={name}", app.base))
        .bearer_auth(token.to_owned())
        .header("content-type", "application/octet-stream")
        .body(bytes)
        .send()
        .await
        .expect("sent");
    let (status, headers) = (r.status(), r.headers().clone());
    let text = r.text().await.expect("body");
    crate::helpers::Resp { status, headers, body: serde_json::from_str(&text).unwrap_or(Value::String(text)) }
}

#[actix_web::test]
async fn landing_carries_evidence_that_the_county_sees_before_confirming() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let id = app.post("/api/v1/projects", &w.member, project(&w.org)).await.body["id"].as_str().expect("id").to_owned();
    move_to(&app, &w.member, &id, "signed", "签约").await;
    let png = b"\x89PNG\r\n\x1a\n0000";
    // the organization declares the landing with a photo and a note
    let photo = add_evidence(&app, &w.member, &id, "车间.png", png).await;
    assert_eq!(photo.status, 201, "{}", photo.body);
    assert_eq!(
        (photo.body["content_type"].as_str(), photo.body["created_by"].as_str()),
        (Some("image/png"), Some(MEMBER))
    );
    add_evidence(&app, &w.member, &id, "page.html", b"<html>").await.error_fields();
    move_to(&app, &w.member, &id, "landed", "车间已建成，附照片").await;
    // the county reads it before confirming, and adds the acceptance document with its confirmation
    let seen = app.get(&format!("/api/v1/projects/{id}/attachments"), &w.county).await;
    assert_eq!(seen.body["items"].as_array().map(Vec::len), Some(1), "{}", seen.body);
    assert_eq!(add_evidence(&app, &w.county, &id, "验收单.pdf", b"%PDF-1.4\n%%EOF\n").await.status, 201);
    let landed = move_to(&app, &w.county, &id, "landed", "县里现场核验").await;
    assert_eq!(landed.body["status"], "landed");
    let notes: Vec<&str> = landed.body["history"]
        .as_array()
        .expect("history")
        .iter()
        .filter(|e| e["from_status"] == "signed" && e["to_status"] == "landed")
        .map(|e| e["note"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(notes, ["车间已建成，附照片", "县里现场核验"]);
    // progress photos go on while it is open; a coordinator reads but does not add; a completed
    // project's evidence stays as it was judged
    assert_eq!(add_evidence(&app, &w.member, &id, "进展.png", png).await.status, 201);
    add_evidence(&app, &w.admin, &id, "x.png", png).await.problem(403);
    assert_eq!(
        app.get(&format!("/api/v1/projects/{id}/attachments"), &w.admin).await.body["items"].as_array().map(Vec::len),
        Some(3)
    );
    move_to(&app, &w.county, &id, "completed", "").await;
    add_evidence(&app, &w.member, &id, "late.png", png).await.problem(409);
    let audit = app.get(&format!("/api/v1/audit-events?action=project.attachment.add&entity_id={id}"), &w.admin).await;
    assert_eq!(audit.body["items"].as_array().map(Vec::len), Some(3));
}
