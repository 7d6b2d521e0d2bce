use reqwest::Method;
use serde_json::json;

use crate::helpers::TestApp;

#[actix_web::test]
async fn the_31_provinces_with_regions_and_counts() {
    let app = TestApp::spawn().await;
    let viewer = {
        let a = app.admin().await;
        app.user(&a, "viewer1", "viewer", json!({})).await
    };
    let r = app.get("/api/v1/provinces", &viewer).await;
    assert_eq!(r.status, 200);
    let items = r.body["items"].as_array().expect("items");
    assert_eq!(items.len(), 31);
    let count = |region: &str| items.iter().filter(|p| p["region"] == region).count();
    assert_eq!((count("east"), count("central"), count("west"), count("northeast")), (10, 6, 12, 3));
    let sichuan = app.get("/api/v1/provinces/510000", &viewer).await;
    assert_eq!(sichuan.body["name"], "四川省");
    assert_eq!(sichuan.body["key_county_count"], 25);
    assert_eq!(sichuan.body["county_count"], 183);
    app.get("/api/v1/provinces/990000", &viewer).await.problem(404);
    app.get("/api/v1/provinces/abc", &viewer).await.problem(404);
}

#[actix_web::test]
async fn counties_filter_search_and_paginate() {
    let app = TestApp::spawn().await;
    let t = app.admin().await;
    let key = app.get("/api/v1/counties?key_county=true&count=true&limit=1", &t).await;
    assert_eq!(key.body["total"], 94);
    let sc = app.get("/api/v1/counties?province=510000&key_county=true&count=true", &t).await;
    assert_eq!(sc.body["total"], 25);
    assert!(
        sc.body["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|c| c["province_code"] == "510000" && c["key_county"] == true)
    );

    let q = app.get("/api/v1/counties?q=%E6%98%AD%E8%A7%89", &t).await; // 昭觉
    let items = q.body["items"].as_array().expect("items");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["code"], "513431");
    assert_eq!(items[0]["prefecture"], "凉山彝族自治州");
    assert_eq!(items[0]["province_name"], "四川省");
    assert_eq!(app.get("/api/v1/counties?q=513431", &t).await.body["items"][0]["name"], "昭觉县");
    // Wildcards in the search are literal.
    assert_eq!(app.get("/api/v1/counties?q=%25", &t).await.body["items"].as_array().expect("items").len(), 0);

    // Walk all key counties 40 at a time: every one exactly once, in code order.
    let mut codes: Vec<String> = vec![];
    let mut next = String::new();
    for _ in 0..10 {
        let page = app.get(&format!("/api/v1/counties?key_county=true&limit=40{next}"), &t).await;
        codes.extend(
            page.body["items"].as_array().expect("items").iter().map(|c| c["code"].as_str().expect("code").to_owned()),
        );
        match page.body["next_cursor"].as_str() {
            Some(c) => next = format!("&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(codes.len(), 94);
    let mut sorted = codes.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted, codes);

    app.get("/api/v1/counties?limit=500", &t).await.problem(422);
    app.get("/api/v1/counties?cursor=!!!", &t).await.problem(422);
    app.get("/api/v1/counties?province=51", &t).await.problem(422);
    // A query value of the wrong type is a 422 naming the parameter, as the contract declares
    // for every list (it was a 400 naming no parameter).
    assert_eq!(app.get("/api/v1/counties?key_county=maybe", &t).await.error_fields(), ["key_county"]);
    assert_eq!(app.get("/api/v1/counties?limit=ten", &t).await.error_fields(), ["limit"]);
}

#[actix_web::test]
async fn a_national_admin_marks_a_key_county_with_if_match_and_the_gap_shrinks() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (sc, _) = app.sichuan_and_yunnan().await;
    let before = app.get("/api/v1/key-counties/summary", &sc).await;
    assert_eq!(
        (before.body["target"].as_i64(), before.body["registered"].as_i64(), before.body["gap"].as_i64()),
        (Some(160), Some(94), Some(66))
    );
    let gansu = before.body["by_province"].as_array().expect("p").iter().find(|p| p["province_code"] == "620000");
    let gansu = gansu.expect("甘肃 is listed before any of its counties is registered");
    assert_eq!((gansu["target"].as_i64(), gansu["registered"].as_i64()), (Some(23), Some(0)));

    // 东乡族自治县 (甘肃, 622926): a key county the seed could not verify.
    let county = app.get("/api/v1/counties/622926", &admin).await;
    assert_eq!(county.body["key_county"], false);
    let etag = county.etag();
    app.patch("/api/v1/counties/622926", &sc, &etag, json!({"key_county": true})).await.problem(403);
    app.call(Method::PATCH, "/api/v1/counties/622926", Some(&admin), Some(json!({"key_county": true})), &[])
        .await
        .problem(428);
    app.patch("/api/v1/counties/622926", &admin, "\"stale\"", json!({"key_county": true})).await.problem(412);
    let ok = app.patch("/api/v1/counties/622926", &admin, &etag, json!({"key_county": true})).await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert_eq!(ok.body["key_county"], true);
    app.patch("/api/v1/counties/622926", &admin, &etag, json!({"key_county": false})).await.problem(412);

    let after = app.get("/api/v1/key-counties/summary", &sc).await;
    assert_eq!((after.body["registered"].as_i64(), after.body["gap"].as_i64()), (Some(95), Some(65)));
    let gansu =
        after.body["by_province"].as_array().expect("rows").iter().find(|p| p["province_code"] == "620000").cloned();
    assert_eq!(gansu.expect("gansu")["registered"], 1);

    let audit = app.get("/api/v1/audit-events?entity_type=county&entity_id=622926", &admin).await;
    let e = &audit.body["items"][0];
    assert_eq!(e["action"], "county.update");
    assert_eq!((e["before"]["key_county"].as_bool(), e["after"]["key_county"].as_bool()), (Some(false), Some(true)));
    app.get("/api/v1/counties/999999", &admin).await.problem(404);
}

async fn import(app: &TestApp, token: &str, dry_run: bool, csv: &str) -> crate::helpers::Resp {
    import_in(app, token, dry_run, csv, "zh-CN").await
}

async fn import_in(app: &TestApp, token: &str, dry_run: bool, csv: &str, lang: &str) -> crate::helpers::Resp {
    let res = app
        .client
        .post(format!("{}/api/v1/key-counties/import?dry_run={dry_run}", app.base))
        .bearer_auth(token)
        .header("accept-language", lang)
        .header("content-type", "text/csv")
        .body(csv.to_owned())
        .send()
        .await
        .expect("send");
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.json().await.expect("json");
    crate::helpers::Resp { status, headers, body }
}

#[actix_web::test]
async fn the_key_county_list_imports_with_a_dry_run_and_row_errors() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let bad =
        "区划代码,名称\n622926,东乡族自治县\n622927,积石山保安族东乡族撒拉族自治县\n630000,青海省\n513431,昭觉县\n";
    let dry = import(&app, &admin, true, bad).await;
    assert_eq!(dry.status, 200, "{}", dry.body);
    assert_eq!(dry.body["applied"], false);
    assert_eq!(dry.body["rows_total"], 4);
    assert_eq!(dry.body["unchanged"], 1, "昭觉县 is already a key county");
    assert_eq!(dry.body["changes"].as_array().expect("changes").len(), 2);
    assert_eq!(
        dry.body["errors"],
        json!([{"row": 4, "column": "区划代码", "message": "“630000”：县级代码不以 00 结尾（以 00 结尾的是省或地市）"}])
    );
    let en = import_in(&app, &admin, true, bad, "en-US,en;q=0.9").await;
    assert_eq!(
        en.body["errors"][0]["message"],
        "\"630000\": a county code does not end in 00 (that is a province or prefecture)"
    );
    // Nothing was written by the dry run, and applying a file with errors is refused whole.
    let r = import(&app, &admin, false, bad).await;
    assert_eq!(r.body["errors"][0]["field"], "rows[4].区划代码");
    r.problem(422);
    assert_eq!(app.get("/api/v1/key-counties/summary", &admin).await.body["registered"], 94);

    let good = "code,name\n622926,东乡族自治县\n622927,积石山保安族东乡族撒拉族自治县\n513431,昭觉县\n";
    let applied = import(&app, &admin, false, good).await;
    assert_eq!(applied.body["applied"], true);
    assert_eq!(applied.body["changes"].as_array().expect("changes").len(), 2);
    assert_eq!(app.get("/api/v1/key-counties/summary", &admin).await.body["registered"], 96);
    // Re-importing the same list changes nothing.
    let again = import(&app, &admin, false, good).await;
    assert_eq!((again.body["changes"].as_array().map(Vec::len), again.body["unchanged"].as_i64()), (Some(0), Some(3)));

    let (sc, _) = app.sichuan_and_yunnan().await;
    import(&app, &sc, true, good).await.problem(403);
    let audit = app.get("/api/v1/audit-events?action=key_county_import.apply", &admin).await;
    assert_eq!(audit.body["items"].as_array().expect("items").len(), 2);
}

#[actix_web::test]
async fn east_west_pairs_name_both_provinces() {
    let app = TestApp::spawn().await;
    let t = app.admin().await;
    let r = app.get("/api/v1/east-west-pairs", &t).await;
    let items = r.body["items"].as_array().expect("items");
    assert_eq!(items.len(), 11);
    assert!(items.iter().any(|p| p["east_province_name"] == "浙江省" && p["west_province_name"] == "四川省"));
}
