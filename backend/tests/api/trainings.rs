//! Trainings: who organizes at which level, the lifecycle, participants added and imported
//! (row errors named, bounded head counts), attendance once held, an organization's trainings,
//! and the export.

use serde_json::{Value, json};

use crate::brands::world;
use crate::helpers::{Resp, TestApp, credit_code};
use crate::projects::ZHAOJUE;

fn training(level: &str, extra: Value) -> Value {
    let mut body = json!({"title": "社会组织参与乡村振兴能力提升培训", "organizer_level": level, "starts_on": "2026-06-01",
                          "ends_on": "2026-06-03", "mode": "mixed", "place": "成都", "assistance_types": ["industry"],
                          "topics": ["项目管理", "资金规范使用"], "description": "面向四川省社会组织"});
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    body
}

fn base64_cursor(key: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(key)
}

async fn import(app: &TestApp, token: &str, id: &str, csv: &str, dry_run: bool) -> Resp {
    let res = app
        .client
        .post(format!("{}/api/v1/trainings/{id}/participants/import?dry_run={dry_run}", app.base))
        .bearer_auth(token)
        .header("content-type", "text/csv")
        .body(csv.to_owned())
        .send()
        .await
        .expect("sent");
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.json().await.unwrap_or(Value::Null);
    Resp { status, headers, body }
}

#[actix_web::test]
async fn each_level_is_organized_by_its_own_and_read_by_everyone() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    // a province plans its own, not another's; a county its own county's; nobody else
    let own = app.post("/api/v1/trainings", &w.province, training("provincial", json!({}))).await;
    assert_eq!(own.status, 201, "{}", own.body);
    assert_eq!(
        (own.body["province_code"].as_str(), own.body["organizer"].as_str()),
        (Some("510000"), Some("四川省乡村振兴局"))
    );
    app.post("/api/v1/trainings", &w.province, training("provincial", json!({"province_code": "530000"})))
        .await
        .problem(403);
    app.post("/api/v1/trainings", &w.province, training("national", json!({}))).await.problem(403);
    let county = app.post("/api/v1/trainings", &w.county, training("county", json!({}))).await;
    assert_eq!((county.status.as_u16(), county.body["county_code"].as_str()), (201, Some(ZHAOJUE)), "{}", county.body);
    app.post("/api/v1/trainings", &w.member, training("county", json!({"county_code": ZHAOJUE}))).await.problem(403);
    let national = app
        .post("/api/v1/trainings", &w.admin, training("national", json!({"organizer_department": "civil_affairs"})))
        .await;
    assert_eq!(national.body["organizer"], "民政部");
    // checked, naming the field
    let bad = app
        .post(
            "/api/v1/trainings",
            &w.province,
            training("provincial", json!({"ends_on": "2026-05-01", "topics": [""]})),
        )
        .await;
    assert_eq!(bad.error_fields(), vec!["ends_on", "topics"]);

    // everyone signed in reads them, newest start first, filtered by year and level
    let listed = app.get("/api/v1/trainings?year=2026&level=provincial", &w.viewer).await;
    assert_eq!(listed.body["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(listed.body["items"][0]["may_manage"], false);

    // the organizer changes it while planned, holds it once started, and then it stays
    let path = format!("/api/v1/trainings/{}", own.body["id"].as_str().expect("id"));
    app.patch(&path, &w.other_province, &own.etag(), json!({"place": "昆明"})).await.problem(403);
    let moved = app.patch(&path, &w.province, &own.etag(), json!({"place": "西昌"})).await;
    assert_eq!(moved.body["place"], "西昌");
    app.move_entity(&w.province, &path, "cancelled", "").await.problem(422);
    let held = app.move_entity(&w.province, &path, "held", "").await;
    assert_eq!(held.body["status"], "held", "{}", held.body);
    app.patch(&path, &w.province, &held.etag(), json!({"place": "成都"})).await.problem(409);
    // a training that has not started cannot be held yet
    let later = app
        .post(
            "/api/v1/trainings",
            &w.province,
            training("provincial", json!({"starts_on": "2099-01-01", "ends_on": "2099-01-02"})),
        )
        .await;
    let later_path = format!("/api/v1/trainings/{}", later.body["id"].as_str().expect("id"));
    app.move_entity(&w.province, &later_path, "held", "").await.problem(409);
}

#[actix_web::test]
async fn participants_are_added_imported_with_row_errors_and_confirmed_after_the_training() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let t = app.post("/api/v1/trainings", &w.province, training("provincial", json!({}))).await;
    let id = t.body["id"].as_str().expect("id").to_owned();
    let participants = format!("/api/v1/trainings/{id}/participants");

    let r = app.post(&participants, &w.province, json!({"organization_id": w.org, "head_count": 3})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    app.post(&participants, &w.province, json!({"organization_id": w.org, "head_count": 0})).await.problem(422);
    app.post(&participants, &w.province, json!({"organization_id": w.org, "head_count": 2, "attended": true}))
        .await
        .problem(422);
    app.post(&participants, &w.county, json!({"organization_id": w.org, "head_count": 2})).await.problem(403);

    // an import: a name, a credit code, and three rows that are wrong, each named
    let csv = format!(
        "组织名称,统一社会信用代码,人数\n测试社会组织1,,5\n,{},4\n不存在的组织,,2\n测试社会组织1,,1\n,{},abc\n",
        credit_code(2),
        credit_code(2)
    );
    let dry = import(&app, &w.province, &id, &csv, true).await;
    assert_eq!(dry.status, 200, "{}", dry.body);
    assert_eq!((dry.body["rows_total"].as_u64(), dry.body["applied"].as_u64()), (Some(5), Some(2)));
    let lines: Vec<u64> =
        dry.body["errors"].as_array().expect("errors").iter().filter_map(|e| e["row"].as_u64()).collect();
    assert_eq!(lines, vec![4, 5, 6]);
    // applying is refused while a row is wrong; a clean file applies
    import(&app, &w.province, &id, &csv, false).await.problem(422);
    let clean = format!("组织名称,统一社会信用代码,人数\n测试社会组织1,,5\n,{},4\n", credit_code(2));
    let applied = import(&app, &w.province, &id, &clean, false).await;
    assert_eq!((applied.status.as_u16(), applied.body["applied"].as_u64()), (200, Some(2)), "{}", applied.body);
    let list = app.get(&participants, &w.member).await;
    let counts: Vec<(String, i64)> = list.body["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|p| {
            (p["organization_name"].as_str().unwrap_or_default().to_owned(), p["head_count"].as_i64().unwrap_or(0))
        })
        .collect();
    assert_eq!(counts, vec![("测试社会组织1".to_owned(), 5), ("测试社会组织2".to_owned(), 4)]);
    let one = app.get(&format!("/api/v1/trainings/{id}"), &w.member).await;
    assert_eq!((one.body["organizations"].as_i64(), one.body["head_count"].as_i64()), (Some(2), Some(9)));

    // held: attendance is confirmed; the organization's page lists the training
    assert_eq!(app.move_entity(&w.province, &format!("/api/v1/trainings/{id}"), "held", "").await.status, 200);
    let r = app
        .post(&participants, &w.province, json!({"organization_id": w.org, "head_count": 5, "attended": true}))
        .await;
    assert_eq!(r.body["attended"], true);
    // a sheet imported again corrects head counts and keeps the attendance confirmed
    let again = import(&app, &w.province, &id, "组织名称,人数\n测试社会组织1,6\n", false).await;
    assert_eq!(again.body["applied"], 1, "{}", again.body);
    let list = app.get(&participants, &w.province).await;
    assert_eq!(
        (list.body["items"][0]["head_count"].as_i64(), list.body["items"][0]["attended"].as_bool()),
        (Some(6), Some(true))
    );
    // an organization confirmed absent trained nobody
    let absent = app
        .post(&participants, &w.province, json!({"organization_id": w.other_org, "head_count": 4, "attended": false}))
        .await;
    assert_eq!(absent.status, 200, "{}", absent.body);
    // a cell holding U+0000 is a row error, not a database error
    let nul = import(&app, &w.province, &id, "组织名称,人数\n测试\u{0}组织,2\n", true).await;
    assert_eq!((nul.status.as_u16(), nul.body["errors"][0]["row"].as_u64()), (200, Some(2)), "{}", nul.body);
    // years and cursors outside what the API writes are 422s naming them
    assert_eq!(app.get("/api/v1/trainings?year=-5000", &w.member).await.error_fields(), vec!["year"]);
    let forged = base64_cursor("-5000-01-01\u{1f}x");
    assert_eq!(app.get(&format!("/api/v1/trainings?cursor={forged}"), &w.member).await.error_fields(), vec!["cursor"]);
    let theirs = app.get(&format!("/api/v1/trainings?organization={}", w.org), &w.member).await;
    assert_eq!(theirs.body["items"][0]["id"].as_str(), Some(id.as_str()));
    let export = app
        .client
        .get(format!("{}/api/v1/trainings/export?year=2026", app.base))
        .bearer_auth(&w.admin)
        .send()
        .await
        .expect("sent");
    let text = export.text().await.expect("csv");
    assert!(
        text.contains("培训名称") && text.contains("社会组织参与乡村振兴能力提升培训,省级,四川省乡村振兴局"),
        "{text}"
    );
    // the absent organization is neither an organization nor people trained
    assert!(text.lines().nth(1).is_some_and(|l| l.ends_with(",1,6")), "{text}");
}
