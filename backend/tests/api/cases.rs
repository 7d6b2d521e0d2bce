//! Case collection and typical cases: the lifecycle by role, the deadline, own projects only,
//! figures from the linked projects, the consent gate, and the public showcase.

use serde_json::{Value, json};

use crate::brands::{World, brand, world};
use crate::helpers::{Resp, TestApp};

async fn collection(app: &TestApp, admin: &str, deadline: &str) -> String {
    let r = app
        .post(
            "/api/v1/case-collections",
            admin,
            json!({"title": "2026 年度案例征集", "year": 2026, "deadline": deadline}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    r.body["id"].as_str().expect("id").to_owned()
}

async fn case(app: &TestApp, w: &World, collection: &str, extra: Value) -> Resp {
    let mut body = json!({"collection_id": collection, "title": "互助养老的昭觉做法", "organization_id": w.org,
                          "line": "governance", "background": "留守老人多", "approach": "村级互助点",
                          "results": "覆盖 12 个村", "lessons": "依托村两委"});
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    app.post("/api/v1/cases", &w.member, body).await
}

async fn to(app: &TestApp, token: &str, id: &str, to: &str, reason: &str) -> Resp {
    app.move_entity(token, &format!("/api/v1/cases/{id}"), to, reason).await
}

#[actix_web::test]
async fn a_case_goes_from_draft_to_typical_and_is_public_only_with_consent_in_a_published_collection() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let c = collection(&app, &w.admin, "2099-12-31").await;
    let created = case(&app, &w, &c, json!({})).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.body["id"].as_str().expect("id").to_owned();
    let path = format!("/api/v1/cases/{id}");
    assert_eq!(created.body["status"], "draft");
    for outsider in [&w.other_province, &w.county, &w.viewer] {
        assert_eq!(app.get(&path, outsider).await.status, 404);
    }
    assert_eq!(to(&app, &w.member, &id, "submitted", "").await.body["status"], "submitted");
    to(&app, &w.member, &id, "shortlisted", "").await.problem(403);
    to(&app, &w.other_province, &id, "shortlisted", "").await.problem(404);
    assert_eq!(to(&app, &w.province, &id, "returned", "").await.error_fields(), ["reason"]);
    assert_eq!(to(&app, &w.province, &id, "returned", "请补充成效数据").await.body["status"], "returned");
    let cur = app.get(&path, &w.member).await;
    // Consent is the organization's own word, not its coordinators'.
    assert_eq!(app.patch(&path, &w.province, &cur.etag(), json!({"consent_to_publish": true})).await.status, 403);
    let fixed = app.patch(&path, &w.member, &cur.etag(), json!({"results": "覆盖 12 个村、860 位老人"})).await;
    assert_eq!(fixed.status, 200, "{}", fixed.body);
    assert_eq!(to(&app, &w.member, &id, "submitted", "").await.body["status"], "submitted");
    assert_eq!(to(&app, &w.province, &id, "shortlisted", "").await.body["status"], "shortlisted");
    to(&app, &w.province, &id, "typical", "").await.problem(403);
    let typical = to(&app, &w.admin, &id, "typical", "").await;
    assert_eq!((typical.body["status"].as_str(), typical.body["public"].as_bool()), (Some("typical"), Some(false)));
    let cur = app.get(&path, &w.member).await;
    assert_eq!(app.patch(&path, &w.member, &cur.etag(), json!({"title": "改"})).await.status, 403, "no longer a draft");

    // Not consented to: never public, even in a published collection.
    let coll = format!("/api/v1/case-collections/{c}");
    assert_eq!(app.move_entity(&w.admin, &coll, "closed", "").await.status, 200);
    assert_eq!(app.move_entity(&w.admin, &coll, "published", "").await.status, 200);
    assert_eq!(app.get(&path, &w.viewer).await.status, 404);
    let anonymous = app.client.get(format!("{}/api/v1/public/showcase", app.base)).send().await.expect("sent");
    let show: Value = anonymous.json().await.expect("json");
    assert_eq!(show["cases"], json!([]));
    assert_eq!(show["totals"]["typical_cases"], 0);

    // A second case, consented to, made typical in another collection and published.
    let c2 = collection(&app, &w.admin, "2099-12-31").await;
    let second = case(&app, &w, &c2, json!({"title": "村级互助点", "consent_to_publish": true})).await;
    let second = second.body["id"].as_str().expect("id").to_owned();
    for (who, step) in [(&w.member, "submitted"), (&w.province, "shortlisted"), (&w.admin, "typical")] {
        assert_eq!(to(&app, who, &second, step, "").await.status, 200, "{step}");
    }
    assert_eq!(app.get(&format!("/api/v1/cases/{second}"), &w.county).await.status, 404, "not touching 昭觉");
    assert_eq!(app.get(&format!("/api/v1/cases/{second}"), &w.viewer).await.status, 404, "collection still open");
    let coll2 = format!("/api/v1/case-collections/{c2}");
    for step in ["closed", "published"] {
        assert_eq!(app.move_entity(&w.admin, &coll2, step, "").await.status, 200);
    }
    let public = app.get(&format!("/api/v1/cases/{second}"), &w.viewer).await;
    assert_eq!((public.status.as_u16(), public.body["public"].as_bool()), (200, Some(true)));
    let show: Value = app
        .client
        .get(format!("{}/api/v1/public/showcase", app.base))
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    let titles: Vec<&str> =
        show["cases"].as_array().expect("cases").iter().filter_map(|c| c["title"].as_str()).collect();
    assert_eq!(titles, ["村级互助点"]);
    assert_eq!(show["totals"]["typical_cases"], 1);
    assert_eq!(
        app.get("/api/v1/cases?status=typical", &w.viewer).await.body["items"].as_array().map(Vec::len),
        Some(1)
    );
}

#[actix_web::test]
async fn submitting_after_the_deadline_is_refused_naming_it() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let c = collection(&app, &w.admin, "2021-06-30").await;
    let id = case(&app, &w, &c, json!({})).await.body["id"].as_str().expect("id").to_owned();
    let late = to(&app, &w.member, &id, "submitted", "").await;
    assert!(late.problem(409)["detail"].as_str().unwrap_or("").contains("2021-06-30"), "{}", late.body);
    // Extending the deadline lets it in.
    let coll = format!("/api/v1/case-collections/{c}");
    let cur = app.get(&coll, &w.admin).await;
    assert_eq!(app.patch(&coll, &w.province, &cur.etag(), json!({"deadline": "2099-01-01"})).await.status, 403);
    assert_eq!(app.patch(&coll, &w.admin, &cur.etag(), json!({"deadline": "2099-01-01"})).await.status, 200);
    assert_eq!(to(&app, &w.member, &id, "submitted", "").await.body["status"], "submitted");
    // A closed collection takes no new cases.
    assert_eq!(app.move_entity(&w.admin, &coll, "closed", "").await.status, 200);
    assert_eq!(case(&app, &w, &c, json!({})).await.status, 409);
}

#[actix_web::test]
async fn a_case_links_only_its_own_projects_and_shows_their_figures() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let c = collection(&app, &w.admin, "2099-12-31").await;
    let project = |token: String, org: String, funds: &'static str| {
        let app = &app;
        async move {
            let r = app
                .post(
                    "/api/v1/projects",
                    &token,
                    json!({"title": "养老点", "county_code": "513431", "assistance_type": "elderly_care", "planned_funds": funds,
                           "organizations": [{"organization_id": org, "role": "lead"}]}),
                )
                .await;
            assert_eq!(r.status, 201, "{}", r.body);
            r.body["id"].as_str().expect("id").to_owned()
        }
    };
    let own = project(w.member.clone(), w.org.clone(), "80000").await;
    let foreign = project(w.admin.clone(), w.other_org.clone(), "1").await;
    let refused = case(&app, &w, &c, json!({"project_ids": [own, foreign]})).await;
    assert_eq!(refused.error_fields(), ["project_ids"]);
    let other_brand = brand(&app, &w.admin, &w.other_org, "暖心行动").await;
    assert_eq!(case(&app, &w, &c, json!({"brand_id": other_brand})).await.error_fields(), ["brand_id"]);
    assert_eq!(case(&app, &w, &c, json!({"county_codes": ["999999"]})).await.error_fields(), ["county_codes"]);
    let ok = case(&app, &w, &c, json!({"project_ids": [own], "county_codes": ["513431"]})).await;
    assert_eq!(ok.status, 201, "{}", ok.body);
    assert_eq!(ok.body["figures"]["projects"], 1);
    assert_eq!(ok.body["figures"]["funds_planned"], "80000.00");
    // Export: the organization sees its own case only.
    let theirs = app
        .post(
            "/api/v1/cases",
            &w.admin,
            json!({"collection_id": c, "title": "他省案例", "organization_id": w.other_org, "line": "development"}),
        )
        .await;
    assert_eq!(theirs.status, 201);
    let csv = |token: &str| {
        let r = app.client.get(format!("{}/api/v1/cases/export", app.base)).bearer_auth(token).send();
        async move { r.await.expect("sent").text().await.expect("text") }
    };
    assert_eq!(csv(&w.admin).await.lines().count(), 3);
    assert_eq!(csv(&w.member).await.lines().count(), 2);
    assert_eq!(csv(&w.viewer).await.lines().count(), 1);
}

#[actix_web::test]
async fn the_showcase_is_public_cacheable_and_holds_only_published_data() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let shown = brand(&app, &w.member, &w.org, "幸福互助院").await;
    brand(&app, &w.member, &w.org, "还在草稿的品牌").await;
    let png = [b"\x89PNG\r\n\x1a\n".as_slice(), b"photo"].concat();
    let photo = app
        .client
        .post(format!("{}/api/v1/brands/{shown}/attachments", app.base))
        .bearer_auth(&w.member)
        .body(png.clone())
        .send()
        .await
        .expect("sent");
    let photo: Value = photo.json().await.expect("json");
    // Evidence goes in while the brand is a draft, and is reviewed with it.
    for (who, step) in
        [(&w.member, "applied"), (&w.province, "recommended"), (&w.admin, "recognized"), (&w.admin, "demonstration")]
    {
        assert_eq!(app.move_entity(who, &format!("/api/v1/brands/{shown}"), step, "").await.status, 200, "{step}");
    }
    let r = app.client.get(format!("{}/api/v1/public/showcase", app.base)).send().await.expect("sent");
    assert_eq!(r.status(), 200);
    let etag = r.headers()["etag"].to_str().expect("etag").to_owned();
    assert!(r.headers()["cache-control"].to_str().expect("cc").contains("public"));
    let text = r.text().await.expect("text");
    assert!(!text.contains("还在草稿的品牌"), "no unpublished brand");
    assert!(!text.contains("credit_code") && !text.contains("username"), "no personal or account data");
    let show: Value = serde_json::from_str(&text).expect("json");
    let governance = show["lines"].as_array().expect("lines").iter().find(|l| l["line"] == "governance").expect("line");
    assert_eq!(governance["brands"][0]["name"], "幸福互助院");
    assert_eq!(governance["brands"][0]["status"], "demonstration");
    assert_eq!(governance["brands"][0]["photo_ids"], json!([photo["id"]]));
    assert_eq!(show["totals"]["brands_demonstration"], 1);
    assert_eq!(show["totals"]["key_counties_target"], 160);
    let again = app.client.get(format!("{}/api/v1/public/showcase", app.base)).header("if-none-match", &etag).send();
    assert_eq!(again.await.expect("sent").status(), 304);
    let img = app
        .client
        .get(format!("{}/api/v1/public/attachments/{}", app.base, photo["id"].as_str().expect("id")))
        .send()
        .await
        .expect("sent");
    assert_eq!((img.status().as_u16(), img.headers()["content-type"].to_str().ok()), (200, Some("image/png")));
    // A suspended owner's brands wait for review off the showcase, photos included.
    let org = format!("/api/v1/organizations/{}", w.org);
    assert_eq!(app.move_entity(&w.admin, &org, "suspended", "年检不合格").await.status, 200);
    let show: Value = app
        .client
        .get(format!("{}/api/v1/public/showcase", app.base))
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    assert_eq!(show["totals"]["brands_demonstration"], 0);
    let img = app.client.get(format!("{}/api/v1/public/attachments/{}", app.base, photo["id"].as_str().expect("id")));
    assert_eq!(img.send().await.expect("sent").status(), 404);
}
