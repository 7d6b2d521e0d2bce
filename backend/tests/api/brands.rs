//! Public-welfare brands: the lifecycle by role, line and focus, the projects that carry a
//! brand, the dossier against figures computed by hand, evidence, scope and export.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Resp, TestApp};

const ZHAOJUE: &str = "513431";
const XICHANG: &str = "513401";

pub(crate) struct World {
    pub admin: String,
    pub province: String,
    pub other_province: String,
    pub county: String,
    pub member: String,
    pub viewer: String,
    pub org: String,
    pub other_org: String,
}

pub(crate) async fn world(app: &TestApp) -> World {
    let admin = app.admin().await;
    let org = app.org(&admin, 1, "510000", &["industry"]).await;
    let other_org = app.org(&admin, 2, "530000", &["industry"]).await;
    World {
        province: app.user(&admin, "sc-officer", "provincial_officer", json!({"province_code": "510000"})).await,
        other_province: app.user(&admin, "yn-officer", "provincial_officer", json!({"province_code": "530000"})).await,
        county: app.user(&admin, "zj-county", "county_officer", json!({"county_code": ZHAOJUE})).await,
        member: app.user(&admin, "staff", "org_member", json!({"organization_id": org})).await,
        viewer: app.user(&admin, "public-viewer", "viewer", json!({})).await,
        admin,
        org,
        other_org,
    }
}

pub(crate) async fn brand(app: &TestApp, token: &str, org: &str, name: &str) -> String {
    let r = app
        .post(
            "/api/v1/brands",
            token,
            json!({"name": name, "line": "governance", "focus": ["elderly_care", "left_behind_care"],
                   "owner_organization_id": org, "started_year": 2023, "description": "农村互助养老"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    r.body["id"].as_str().expect("id").to_owned()
}

async fn to(app: &TestApp, token: &str, id: &str, to: &str, reason: &str) -> Resp {
    app.move_entity(token, &format!("/api/v1/brands/{id}"), to, reason).await
}

#[actix_web::test]
async fn a_brand_is_applied_for_recommended_recognized_and_named_demonstration_by_the_right_hands() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let id = brand(&app, &w.member, &w.org, "幸福互助院").await;
    let path = format!("/api/v1/brands/{id}");
    let draft = app.get(&path, &w.member).await;
    assert_eq!((draft.body["status"].as_str(), draft.body["editable"].as_bool()), (Some("draft"), Some(true)));
    assert_eq!(draft.body["allowed_transitions"], json!(["applied"]));
    assert_eq!(draft.body["province_code"], "510000", "the owner's province");

    // Unpublished: outside its province and organization it does not exist.
    for outsider in [&w.other_province, &w.county, &w.viewer] {
        assert_eq!(app.get(&path, outsider).await.status, 404);
    }
    to(&app, &w.province, &id, "recommended", "").await.problem(409);
    assert_eq!(to(&app, &w.member, &id, "applied", "").await.body["status"], "applied");
    to(&app, &w.member, &id, "recommended", "").await.problem(403);
    to(&app, &w.other_province, &id, "recommended", "").await.problem(404);
    // Returning needs a reason; the owner applies again.
    assert_eq!(to(&app, &w.province, &id, "returned", " ").await.error_fields(), ["reason"]);
    assert_eq!(to(&app, &w.province, &id, "returned", "请补充服务对象数据").await.body["status"], "returned");
    let again = app.get(&path, &w.member).await;
    assert_eq!(again.body["editable"], true, "a returned brand is the owner's to fix");
    assert_eq!(to(&app, &w.member, &id, "applied", "").await.body["status"], "applied");
    assert_eq!(to(&app, &w.province, &id, "recommended", "").await.body["status"], "recommended");
    to(&app, &w.province, &id, "recognized", "").await.problem(403);
    assert_eq!(to(&app, &w.admin, &id, "recognized", "").await.body["status"], "recognized");
    // Recognized: every signed-in role reads it, nobody edits it any more.
    assert_eq!(app.get(&path, &w.viewer).await.status, 200);
    assert_eq!(app.get(&path, &w.county).await.status, 200);
    let now = app.get(&path, &w.member).await;
    assert_eq!(app.patch(&path, &w.member, &now.etag(), json!({"name": "改名"})).await.status, 403);
    let demo = to(&app, &w.admin, &id, "demonstration", "").await;
    assert_eq!(demo.body["status"], "demonstration");
    let steps: Vec<(&str, &str)> = demo.body["history"]
        .as_array()
        .expect("history")
        .iter()
        .map(|e| (e["to_status"].as_str().unwrap_or(""), e["actor"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(
        steps,
        [
            ("draft", "staff（测试社会组织1）"),
            ("applied", "staff（测试社会组织1）"),
            ("returned", "sc-officer"),
            ("applied", "staff（测试社会组织1）"),
            ("recommended", "sc-officer"),
            ("recognized", "平台管理员"),
            ("demonstration", "平台管理员"),
        ]
    );
    assert_eq!(demo.body["history"][2]["reason"], "请补充服务对象数据");
    assert_eq!(to(&app, &w.admin, &id, "revoked", "").await.error_fields(), ["reason"]);
    assert_eq!(to(&app, &w.admin, &id, "revoked", "数据造假").await.body["status"], "revoked");
    assert_eq!(app.get(&path, &w.viewer).await.status, 404, "a revoked brand is no longer public");
}

#[actix_web::test]
async fn focus_must_belong_to_the_line_and_only_the_owner_registers() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let body = |focus: Value, org: &str| json!({"name": "数字乡村", "line": "construction", "focus": focus, "owner_organization_id": org});
    let wrong = app.post("/api/v1/brands", &w.member, body(json!(["digital_village", "elderly_care"]), &w.org)).await;
    assert_eq!(wrong.error_fields(), ["focus"]);
    assert!(wrong.body["errors"][0]["message"].as_str().unwrap_or("").contains("elderly_care"), "{}", wrong.body);
    assert_eq!(app.post("/api/v1/brands", &w.member, body(json!([]), &w.org)).await.error_fields(), ["focus"]);
    assert_eq!(app.post("/api/v1/brands", &w.member, body(json!(["unknown"]), &w.org)).await.status, 422);
    assert_eq!(app.post("/api/v1/brands", &w.member, body(json!(["digital_village"]), &w.other_org)).await.status, 403);
    assert_eq!(
        app.post("/api/v1/brands", &w.other_province, body(json!(["digital_village"]), &w.org)).await.status,
        403
    );
    let ok = app.post("/api/v1/brands", &w.province, body(json!(["digital_village", "public_services"]), &w.org)).await;
    assert_eq!(ok.status, 201, "{}", ok.body);
    let path = format!("/api/v1/brands/{}", ok.body["id"].as_str().expect("id"));
    let changed = app.patch(&path, &w.member, &ok.etag(), json!({"line": "governance"})).await;
    assert_eq!(changed.error_fields(), ["focus"], "changing the line re-checks the focus");
}

async fn project(app: &TestApp, token: &str, org: &str, county: &str, funds: &str, brand: Option<&str>) -> Resp {
    app.post(
        "/api/v1/projects",
        token,
        json!({"title": "互助养老点", "county_code": county, "organizations": [{"organization_id": org, "role": "lead"}],
               "assistance_type": "elderly_care", "planned_funds": funds, "beneficiaries_planned": 100, "brand_id": brand}),
    )
    .await
}

async fn update(app: &TestApp, token: &str, project: &str, funds: &str, people: i64) {
    let r = app
        .post(
            &format!("/api/v1/projects/{project}/updates"),
            token,
            json!({"date": "2026-11-01", "narrative": "进展", "funds_delta": funds, "beneficiaries_delta": people}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
}

#[actix_web::test]
async fn projects_carry_only_their_organizations_brands_and_the_dossier_adds_them_up() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let id = brand(&app, &w.member, &w.org, "幸福互助院").await;
    let other = brand(&app, &w.admin, &w.other_org, "暖心行动").await;

    // Another organization's brand: refused, naming the field.
    let refused = project(&app, &w.member, &w.org, ZHAOJUE, "1000", Some(&other)).await;
    assert_eq!(refused.error_fields(), ["brand_id"]);
    // Nor by inviting that organization: an invitation is not taking part, and the brand's
    // figures are its own organization's to claim, not any project party's.
    let with_rival = json!({"title": "借名项目", "county_code": ZHAOJUE, "assistance_type": "elderly_care", "brand_id": other,
        "organizations": [{"organization_id": w.org, "role": "lead"}, {"organization_id": w.other_org, "role": "partner"}]});
    assert_eq!(app.post("/api/v1/projects", &w.member, with_rival).await.error_fields(), ["brand_id"]);
    let by_county = json!({"title": "县里登记", "county_code": ZHAOJUE, "assistance_type": "elderly_care", "brand_id": other,
        "organizations": [{"organization_id": w.other_org, "role": "lead"}]});
    let zj = app.user(&w.admin, "zj-county3", "county_officer", json!({"county_code": ZHAOJUE})).await;
    assert_eq!(app.post("/api/v1/projects", &zj, by_county).await.error_fields(), ["brand_id"]);
    let a = project(&app, &w.member, &w.org, ZHAOJUE, "300000", Some(&id)).await;
    assert_eq!(a.status, 201, "{}", a.body);
    assert_eq!(a.body["brand_id"], id.as_str());
    let a = a.body["id"].as_str().expect("id").to_owned();
    let b =
        project(&app, &w.member, &w.org, XICHANG, "200000.50", None).await.body["id"].as_str().expect("id").to_owned();
    // Linking later is a change of the project, checked and audited.
    let path = format!("/api/v1/projects/{b}");
    let cur = app.get(&path, &w.member).await;
    assert_eq!(app.patch(&path, &w.member, &cur.etag(), json!({"brand_id": other})).await.error_fields(), ["brand_id"]);
    let linked = app.patch(&path, &w.member, &cur.etag(), json!({"brand_id": id})).await;
    assert_eq!(linked.status, 200, "{}", linked.body);
    let audit = app.get(&format!("/api/v1/audit-events?entity_id={b}"), &w.admin).await;
    let change =
        audit.body["items"].as_array().expect("items").iter().find(|e| e["action"] == "project.update").cloned();
    let change = change.expect("the link is audited");
    assert_eq!((change["before"]["brand_id"].clone(), change["after"]["brand_id"].clone()), (Value::Null, json!(id)));

    update(&app, &w.member, &a, "120000", 40).await;
    update(&app, &w.member, &a, "30000.25", 10).await;
    update(&app, &w.member, &b, "50000", 5).await;
    // Project a lands.
    let zhaojue = app.user(&w.admin, "zj-county2", "county_officer", json!({"county_code": ZHAOJUE})).await;
    for (who, step) in [(&w.member, "signed"), (&w.member, "landed"), (&zhaojue, "landed")] {
        let r = app.move_entity(who, &format!("/api/v1/projects/{a}"), step, "").await;
        assert_eq!(r.status, 200, "{step}: {}", r.body);
    }
    let key = |code: &str| {
        let app = &app;
        let admin = w.admin.clone();
        let code = code.to_owned();
        async move { app.get(&format!("/api/v1/counties/{code}"), &admin).await.body["key_county"] == true }
    };
    let key_counties = i64::from(key(ZHAOJUE).await) + i64::from(key(XICHANG).await);
    let d = app.get(&format!("/api/v1/brands/{id}"), &w.member).await.body["dossier"].clone();
    assert_eq!(d["projects"], 2);
    assert_eq!(d["projects_by_status"], json!([{"status": "docking", "count": 1}, {"status": "landed", "count": 1}]));
    assert_eq!((d["counties_reached"].clone(), d["provinces_reached"].clone()), (json!(2), json!(1)));
    assert_eq!(d["key_counties_reached"], key_counties);
    assert_eq!((d["funds_planned"].as_str(), d["funds_in_place"].as_str()), (Some("500000.50"), Some("200000.25")));
    assert_eq!((d["beneficiaries_planned"].clone(), d["beneficiaries_reached"].clone()), (json!(200), json!(55)));
    assert_eq!(d["landed_ratio"], 0.5);
    assert_eq!(d["updated_recently_ratio"], 1.0);
    assert_eq!(d["years_active"], chrono::Utc::now().format("%Y").to_string().parse::<i64>().expect("year") - 2023 + 1);

    let listed = app.get(&format!("/api/v1/brands/{id}/projects"), &w.member).await;
    let mut titles: Vec<&str> =
        listed.body["items"].as_array().expect("items").iter().filter_map(|p| p["id"].as_str()).collect();
    titles.sort();
    let mut expected = vec![a.as_str(), b.as_str()];
    expected.sort();
    assert_eq!(titles, expected);
    // Once recognized, others read its dossier over its published projects only: the landed
    // one, not the docking one in 西昌.
    for (who, step) in [(&w.member, "applied"), (&w.province, "recommended"), (&w.admin, "recognized")] {
        assert_eq!(to(&app, who, &id, step, "").await.status, 200, "{step}");
    }
    let public = app.get(&format!("/api/v1/brands/{id}"), &w.viewer).await.body["dossier"].clone();
    assert_eq!((public["published_only"].as_bool(), public["projects"].as_i64()), (Some(true), Some(1)));
    assert_eq!((public["funds_in_place"].as_str(), public["counties_reached"].as_i64()), (Some("150000.25"), Some(1)));
    assert_eq!(public["projects_by_status"], json!([{"status": "landed", "count": 1}]));
    let own = app.get(&format!("/api/v1/brands/{id}"), &w.member).await.body["dossier"].clone();
    assert_eq!((own["published_only"].as_bool(), own["projects"].as_i64()), (Some(false), Some(2)));
    // Lists sort by what everyone may see: the published funds in place.
    let sorted = app.get("/api/v1/brands?sort=-funds_in_place", &w.admin).await;
    assert_eq!(sorted.body["items"][0]["id"], id.as_str());

    // Unlinking takes the project's figures away again.
    let cur = app.get(&path, &w.member).await;
    assert_eq!(app.patch(&path, &w.member, &cur.etag(), json!({"brand_id": null})).await.status, 200);
    let d = app.get(&format!("/api/v1/brands/{id}"), &w.member).await.body["dossier"].clone();
    assert_eq!((d["projects"].clone(), d["funds_in_place"].clone()), (json!(1), json!("150000.25")));
}

#[actix_web::test]
async fn evidence_is_typed_by_its_bytes_bounded_and_downloaded_as_a_file() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let id = brand(&app, &w.member, &w.org, "幸福互助院").await;
    let upload = |token: String, body: Vec<u8>, name: &'static str| {
        let url = format!("{}/api/v1/brands/{id}/attachments?filename={name}", app.base);
        let client = app.client.clone();
        async move {
            let r = client.post(url).bearer_auth(token).body(body).send().await.expect("sent");
            let status = r.status().as_u16();
            (status, r.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    let html = b"<html><script>alert(document.cookie)</script></html>".to_vec();
    let (status, body) = upload(w.member.clone(), html, "photo.jpg").await;
    assert_eq!((status, body["errors"][0]["field"].as_str()), (422, Some("file")), "{body}");
    let big = [b"%PDF-1.7\n".as_slice(), &vec![b'x'; 5 * 1024 * 1024]].concat();
    assert_eq!(upload(w.member.clone(), big, "big.pdf").await.0, 413);
    let png = [b"\x89PNG\r\n\x1a\n".as_slice(), b"rest-of-a-png"].concat();
    let (status, a) = upload(w.member.clone(), png.clone(), "村口%22.png").await;
    assert_eq!(status, 201, "{a}");
    assert_eq!((a["content_type"].as_str(), a["size_bytes"].as_i64()), (Some("image/png"), Some(png.len() as i64)));
    assert_eq!(upload(w.other_province.clone(), png.clone(), "x.png").await.0, 404, "out of scope");
    assert_eq!(upload(w.viewer.clone(), png.clone(), "x.png").await.0, 404);

    let url = format!("{}/api/v1/brands/{id}/attachments/{}", app.base, a["id"].as_str().expect("id"));
    let r = app.client.get(&url).bearer_auth(&w.member).send().await.expect("sent");
    assert_eq!(r.status(), 200);
    let h = |n: &str| r.headers().get(n).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    assert_eq!(h("content-type"), "image/png");
    assert!(h("content-disposition").starts_with("attachment;"), "{}", h("content-disposition"));
    assert!(h("content-security-policy").contains("sandbox"));
    assert_eq!(h("x-content-type-options"), "nosniff");
    assert_eq!(r.bytes().await.expect("bytes").to_vec(), png);

    // At most 20 files per brand.
    for _ in 1..20 {
        assert_eq!(upload(w.member.clone(), png.clone(), "p.png").await.0, 201);
    }
    assert_eq!(upload(w.member.clone(), png.clone(), "p.png").await.0, 413);
    // A name keeps no path, and always ends in the extension of what the bytes are.
    let list = app.get(&format!("/api/v1/brands/{id}/attachments"), &w.member).await;
    assert_eq!(list.body["items"][0]["filename"], "村口.png", "the quote it sent is gone");
    assert_eq!(list.body["items"][1]["filename"], "p.png");
    let list = app.get(&format!("/api/v1/brands/{id}/attachments"), &w.member).await;
    assert_eq!(list.body["items"].as_array().map(Vec::len), Some(20));
    let del = app.call(Method::DELETE, url.trim_start_matches(&app.base), Some(&w.other_province), None, &[]).await;
    assert_eq!(del.status, 404);
    let del = app.call(Method::DELETE, url.trim_start_matches(&app.base), Some(&w.member), None, &[]).await;
    assert_eq!(del.status, 204);
    // Evidence is reviewed with the brand: once applied for, it no longer changes.
    assert_eq!(to(&app, &w.member, &id, "applied", "").await.status, 200);
    assert_eq!(upload(w.member.clone(), png.clone(), "late.png").await.0, 403);
}

#[actix_web::test]
async fn lists_and_exports_keep_to_the_scope_and_suspension_flags_brands() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let mine = brand(&app, &w.member, &w.org, "幸福互助院").await;
    let theirs = brand(&app, &w.admin, &w.other_org, "暖心行动").await;
    let names = |r: &Resp| -> Vec<String> {
        r.body["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter_map(|b| b["name"].as_str().map(str::to_owned))
            .collect()
    };
    assert_eq!(names(&app.get("/api/v1/brands", &w.member).await), ["幸福互助院"]);
    assert_eq!(names(&app.get("/api/v1/brands", &w.other_province).await), ["暖心行动"]);
    assert!(names(&app.get("/api/v1/brands", &w.viewer).await).is_empty());
    assert_eq!(app.get("/api/v1/brands?count=true", &w.admin).await.body["total"], 2);
    let filtered = app.get("/api/v1/brands?focus=elderly_care&line=governance&q=暖心", &w.admin).await;
    assert_eq!(names(&filtered), ["暖心行动"]);
    assert_eq!(app.get("/api/v1/brands?line=nope", &w.admin).await.status, 422);
    // A cursor is ours or refused (one carrying U+0000 would reach PostgreSQL as invalid text).
    use base64::Engine;
    let forged = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode("a\0b\u{1f}x");
    let r = app.get(&format!("/api/v1/brands?sort=name&cursor={forged}"), &w.admin).await;
    assert_eq!(r.error_fields(), ["cursor"]);

    let csv = |token: &str| {
        let r = app.client.get(format!("{}/api/v1/brands/export?format=csv", app.base)).bearer_auth(token).send();
        async move { r.await.expect("sent").text().await.expect("text") }
    };
    assert_eq!(csv(&w.admin).await.lines().count(), 3, "header and two brands");
    let member_csv = csv(&w.member).await;
    assert_eq!(member_csv.lines().count(), 2);
    assert!(member_csv.contains("幸福互助院") && !member_csv.contains("暖心行动"));
    let xlsx = app.client.get(format!("{}/api/v1/brands/export?format=xlsx", app.base)).bearer_auth(&w.admin).send();
    assert_eq!(xlsx.await.expect("sent").status(), 200);

    // Suspending the owner flags its brand; reinstating clears it.
    let org_path = format!("/api/v1/organizations/{}", w.other_org);
    assert_eq!(app.move_entity(&w.admin, &org_path, "suspended", "违规").await.status, 200);
    let flagged = app.get(&format!("/api/v1/brands/{theirs}"), &w.admin).await;
    assert_eq!(flagged.body["review"], "suspended: 违规");
    assert_eq!(names(&app.get("/api/v1/brands?review_flag=true", &w.admin).await), ["暖心行动"]);
    assert_eq!(app.move_entity(&w.admin, &org_path, "active", "整改完成").await.status, 200);
    assert_eq!(app.get(&format!("/api/v1/brands/{theirs}"), &w.admin).await.body["review"], Value::Null);
    assert_eq!(app.get(&format!("/api/v1/brands/{mine}"), &w.admin).await.body["review"], Value::Null);
}
