use reqwest::Method;
use serde_json::json;

use crate::helpers::{PASSWORD, TestApp, credit_code};

fn body(name: &str, code: &str, province: &str) -> serde_json::Value {
    json!({"name": name, "credit_code": code, "legal_form": "social_group", "registration_level": "provincial",
           "province_code": province, "category": "industry_association", "specialties": ["industry", "employment"],
           "party_org": true, "recommended_by": "civil_affairs"})
}

#[actix_web::test]
async fn credit_codes_are_parsed_decoded_flagged_and_unique() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let code = credit_code(1);
    let r =
        app.post("/api/v1/organizations", &admin, body("浙江省乡村振兴促进会", &code.to_lowercase(), "330000")).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["credit_code"], code.as_str(), "stored in capitals");
    assert_eq!(r.body["credit_code_check_failed"], false);
    assert_eq!(r.body["credit_code_info"]["department"], "民政");
    assert_eq!(r.body["credit_code_info"]["kind"], "社会团体");
    assert_eq!(r.body["specialties"], json!(["industry", "employment"]));

    // Malformed: wrong length, forbidden letters.
    let r = app.post("/api/v1/organizations", &admin, body("x", "51100000500000", "330000")).await;
    assert_eq!(r.error_fields(), vec!["credit_code"]);
    let r = app.post("/api/v1/organizations", &admin, body("x", "5110000050000000IO", "330000")).await;
    assert_eq!(r.error_fields(), vec!["credit_code"]);
    // The legal form must agree with position 2 of the code.
    let mut b = body("x", &credit_code(2), "330000");
    b["legal_form"] = json!("foundation");
    assert_eq!(app.post("/api/v1/organizations", &admin, b).await.error_fields(), vec!["legal_form"]);

    // A failing check character is kept but flagged.
    let good = credit_code(3);
    let last = good.chars().last().expect("last");
    let bad = format!("{}{}", &good[..17], if last == '1' { '2' } else { '1' });
    let r = app.post("/api/v1/organizations", &admin, body("早期登记的组织", &bad, "330000")).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["credit_code_check_failed"], true);
    assert_eq!(r.body["credit_code_confirmation"], json!(null));
    let id = r.body["id"].as_str().expect("id").to_owned();
    let to_confirm = "/api/v1/organizations?credit_code_to_confirm=true&count=true";
    assert_eq!(app.get(to_confirm, &admin).await.body["total"], 1);

    // A national admin confirms it against the certificate, once; nobody else may.
    let path = format!("/api/v1/organizations/{id}");
    let confirm = |token: String| {
        let app = &app;
        let path = path.clone();
        async move {
            let etag = app.get(&path, &token).await.etag();
            let url = format!("{path}/credit-code-confirmation");
            app.call(Method::POST, &url, Some(&token), None, &[("if-match", &etag)]).await
        }
    };
    let zj = app.user(&admin, "zj-officer", "provincial_officer", json!({"province_code": "330000"})).await;
    confirm(zj).await.problem(403);
    let confirmed = confirm(admin.clone()).await;
    assert_eq!(confirmed.status, 200, "{}", confirmed.body);
    assert_eq!(confirmed.body["credit_code_check_failed"], true, "the fact stays");
    assert_eq!(confirmed.body["credit_code_confirmation"]["by"], "平台管理员");
    assert_eq!(app.get(to_confirm, &admin).await.body["total"], 0);
    confirm(admin.clone()).await.problem(409);
    // A code that passed its check needs no confirmation.
    let good_id = app.get(&format!("/api/v1/organizations?q={code}"), &admin).await.body["items"][0]["id"].clone();
    let good_path = format!("/api/v1/organizations/{}", good_id.as_str().expect("id"));
    let etag = app.get(&good_path, &admin).await.etag();
    let url = format!("{good_path}/credit-code-confirmation");
    app.call(Method::POST, &url, Some(&admin), None, &[("if-match", &etag)]).await.problem(409);
    let audit = app.get(&format!("/api/v1/audit-events?entity_id={id}"), &admin).await;
    assert!(
        audit.body["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|e| e["action"] == "organization.credit_code_confirmed")
    );

    // Duplicate code → 409.
    app.post("/api/v1/organizations", &admin, body("重复", &code, "330000")).await.problem(409);
}

#[actix_web::test]
async fn members_edit_only_their_own_organization() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let mine = app.org(&admin, 10, "330000", &["industry"]).await;
    let other = app.org(&admin, 11, "330000", &["health"]).await;
    let member = app.user(&admin, "org-staff", "org_member", json!({"organization_id": mine})).await;
    app.post("/api/v1/users", &admin, json!({"username": "nobody-org", "password": PASSWORD, "display_name": "x", "role": "org_member", "organization_id": "nope"}))
        .await
        .error_fields();

    let cur = app.get(&format!("/api/v1/organizations/{mine}"), &member).await;
    let r = app
        .patch(
            &format!("/api/v1/organizations/{mine}"),
            &member,
            &cur.etag(),
            json!({"name": "改名后的组织", "specialties": ["education"]}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["name"], "改名后的组织");
    // Not the recommendation or the code.
    let cur = app.get(&format!("/api/v1/organizations/{mine}"), &member).await;
    app.patch(
        &format!("/api/v1/organizations/{mine}"),
        &member,
        &cur.etag(),
        json!({"recommended_by": "civil_affairs"}),
    )
    .await
    .problem(403);
    // Not another organization.
    let theirs = app.get(&format!("/api/v1/organizations/{other}"), &member).await;
    app.patch(&format!("/api/v1/organizations/{other}"), &member, &theirs.etag(), json!({"name": "hijack"}))
        .await
        .problem(403);
    assert_eq!(app.get(&format!("/api/v1/organizations/{other}"), &admin).await.body["name"], "测试社会组织11");
    // Nor register one.
    app.post("/api/v1/organizations", &member, body("x", &credit_code(12), "330000")).await.problem(403);
}

#[actix_web::test]
async fn provincial_officers_register_and_suspend_only_their_province() {
    let app = TestApp::spawn().await;
    let (sc, _yn) = app.sichuan_and_yunnan().await;
    let r = app.post("/api/v1/organizations", &sc, body("四川省扶贫基金会", &credit_code(20), "510000")).await;
    assert_eq!(r.status, 201, "{}", r.body);
    app.post("/api/v1/organizations", &sc, body("云南组织", &credit_code(21), "530000")).await.problem(403);

    let admin = app.admin().await;
    let yunnan_org = app.org(&admin, 22, "530000", &["industry"]).await;
    let cur = app.get(&format!("/api/v1/organizations/{yunnan_org}"), &sc).await;
    let path = format!("/api/v1/organizations/{yunnan_org}/transitions");
    let t = |token: &str, etag: &str, to: &str, reason: &str| {
        let (token, etag, path) = (token.to_owned(), etag.to_owned(), path.clone());
        let body = json!({"to": to, "reason": reason});
        let app = &app;
        async move { app.call(reqwest::Method::POST, &path, Some(&token), Some(body), &[("if-match", &etag)]).await }
    };
    t(&sc, &cur.etag(), "suspended", "违规").await.problem(403);
    t(&admin, &cur.etag(), "suspended", " ").await.error_fields();
    let ok = t(&admin, &cur.etag(), "suspended", "年检不合格").await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert_eq!(
        (ok.body["status"].as_str(), ok.body["status_reason"].as_str()),
        (Some("suspended"), Some("年检不合格"))
    );
    t(&admin, &ok.etag(), "suspended", "again").await.problem(409);
    let back = t(&admin, &ok.etag(), "active", "整改完成").await;
    assert_eq!(back.body["status"], "active");
}

#[actix_web::test]
async fn organizations_filter_sort_and_paginate() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    for (n, province, specs) in
        [(30, "330000", vec!["industry"]), (31, "330000", vec!["health"]), (32, "440000", vec!["industry", "health"])]
    {
        app.org(&admin, n, province, &specs).await;
    }
    let ids = |r: &crate::helpers::Resp| -> Vec<String> {
        r.body["items"].as_array().expect("items").iter().map(|o| o["name"].as_str().unwrap_or("").to_owned()).collect()
    };
    let r = app.get("/api/v1/organizations?specialty=industry&count=true", &admin).await;
    assert_eq!(r.body["total"], 2);
    assert_eq!(ids(&r), vec!["测试社会组织30", "测试社会组织32"]);
    let r = app.get("/api/v1/organizations?province=330000&specialty=health", &admin).await;
    assert_eq!(ids(&r), vec!["测试社会组织31"]);
    let r = app.get(&format!("/api/v1/organizations?q={}", &credit_code(31)[..17]), &admin).await;
    assert_eq!(ids(&r), vec!["测试社会组织31"]);
    let r = app.get("/api/v1/organizations?q=%E7%BB%84%E7%BB%8732", &admin).await; // 组织32
    assert_eq!(ids(&r), vec!["测试社会组织32"]);
    // Pages of one, by name, then most recently changed first.
    let p1 = app.get("/api/v1/organizations?limit=1", &admin).await;
    let p2 = app
        .get(
            &format!("/api/v1/organizations?limit=1&cursor={}", p1.body["next_cursor"].as_str().expect("cursor")),
            &admin,
        )
        .await;
    assert_eq!((ids(&p1), ids(&p2)), (vec!["测试社会组织30".to_owned()], vec!["测试社会组织31".to_owned()]));
    let recent = app.get("/api/v1/organizations?sort=-updated_at&limit=2", &admin).await;
    assert_eq!(ids(&recent), vec!["测试社会组织32", "测试社会组织31"]);
    let next = app
        .get(
            &format!(
                "/api/v1/organizations?sort=-updated_at&limit=2&cursor={}",
                recent.body["next_cursor"].as_str().expect("c")
            ),
            &admin,
        )
        .await;
    assert_eq!(ids(&next), vec!["测试社会组织30"]);
}

#[actix_web::test]
async fn offers_are_read_only_by_the_organization_and_the_coordinators_who_may_pair_it() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (sc, _) = app.sichuan_and_yunnan().await;
    let org = app.org(&admin, 1, "330000", &["industry"]).await;
    let other = app.org(&admin, 2, "330000", &["health"]).await;
    let zj = app.user(&admin, "zj-officer", "provincial_officer", json!({"province_code": "330000"})).await;
    let member = app.user(&admin, "staff", "org_member", json!({"organization_id": org})).await;
    let outsider = app.user(&admin, "other-staff", "org_member", json!({"organization_id": other})).await;
    let county = app.user(&admin, "zhaojue", "county_officer", json!({"county_code": "513431"})).await;
    let viewer = app.user(&admin, "viewer1", "viewer", json!({})).await;
    let evaluator = app.user(&admin, "expert1", "evaluator", json!({})).await;
    let offer = app
        .post(
            &format!("/api/v1/organizations/{org}/offers"),
            &member,
            json!({"title": "产业帮扶资金", "assistance_types": ["industry"], "capacity": "1250000"}),
        )
        .await;
    assert_eq!(offer.status, 201, "{}", offer.body);
    let offer_path = format!("/api/v1/offers/{}", offer.body["id"].as_str().expect("id"));
    let list_path = format!("/api/v1/organizations/{org}/offers");
    let matching_path = format!("/api/v1/organizations/{org}/matching-needs");

    // The organization and every coordinator who may pair it.
    for token in [&member, &admin, &zj, &sc, &county] {
        let list = app.get(&list_path, token).await;
        assert_eq!(list.body["items"].as_array().map(Vec::len), Some(1), "{}", list.body);
        assert_eq!(app.get(&offer_path, token).await.body["title"], "产业帮扶资金");
        assert_eq!(app.get(&matching_path, token).await.status, 200);
    }
    // Nobody else: not found, as if there were none, and not writable either.
    for token in [&outsider, &viewer, &evaluator] {
        app.get(&list_path, token).await.problem(404);
        app.get(&offer_path, token).await.problem(404);
        app.get(&matching_path, token).await.problem(404);
        app.patch(&offer_path, token, &offer.etag(), json!({"title": "x"})).await.problem(404);
    }
    // A coordinator who may read but not act for the organization is refused the write.
    app.patch(&offer_path, &sc, &offer.etag(), json!({"title": "x"})).await.problem(403);

    // A suspended organization cannot be paired: its offers stay with it and its province.
    let cur = app.get(&format!("/api/v1/organizations/{org}"), &admin).await;
    let r = app
        .call(
            reqwest::Method::POST,
            &format!("/api/v1/organizations/{org}/transitions"),
            Some(&admin),
            Some(json!({"to": "suspended", "reason": "年检未通过"})),
            &[("if-match", &cur.etag())],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    for token in [&sc, &county] {
        app.get(&list_path, token).await.problem(404);
    }
    for token in [&member, &zj, &admin] {
        assert_eq!(app.get(&list_path, token).await.status, 200);
    }
}
