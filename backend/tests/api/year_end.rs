//! Provincial year-end reports: written by the province, signed by both its departments (an edit
//! clears the signatures), submitted with its figures frozen, returned with comments per
//! section, resubmitted, accepted and locked, reopened; versions with their changes; the national
//! board with its deadline and reminders; the PDF and the year's downloads.

use reqwest::Method;
use serde_json::{Value, json};

use crate::brands::{brand, world};
use crate::helpers::{Resp, TestApp};

const REPORTS: &str = "/api/v1/year-end-reports";

async fn unread(app: &TestApp, token: &str) -> Vec<String> {
    let r = app.get("/api/v1/me/notifications?unread=true", token).await;
    r.body["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|n| n["kind"].as_str().unwrap_or_default().to_owned())
        .collect()
}

async fn sign(app: &TestApp, token: &str, path: &str) -> Resp {
    let etag = app.get(path, token).await.etag();
    app.call(Method::POST, &format!("{path}/signatures"), Some(token), Some(json!({})), &[("if-match", &etag)]).await
}

async fn write(app: &TestApp, token: &str, path: &str, sections: Value) -> Resp {
    let etag = app.get(path, token).await.etag();
    app.patch(path, token, &etag, json!({"sections": sections})).await
}

async fn transition(app: &TestApp, token: &str, path: &str, body: Value) -> Resp {
    let etag = app.get(path, token).await.etag();
    app.call(Method::POST, &format!("{path}/transitions"), Some(token), Some(body), &[("if-match", &etag)]).await
}

fn departments(r: &Resp) -> Vec<String> {
    r.body["signatures"]
        .as_array()
        .expect("signatures")
        .iter()
        .map(|s| s["department"].as_str().unwrap_or_default().to_owned())
        .collect()
}

fn figure(figures: &Value, key: &str) -> String {
    figures
        .as_array()
        .expect("figures")
        .iter()
        .find(|f| f["key"] == key)
        .map(|f| f["value"].as_str().unwrap_or_default().to_owned())
        .unwrap_or_default()
}

/// 四川's report for 2026, started by its (乡村振兴) officer; and a 民政 officer of 四川.
async fn started(app: &TestApp, w: &crate::brands::World) -> (String, String) {
    let civil = app
        .user(
            &w.admin,
            "sc-civil",
            "provincial_officer",
            json!({"province_code": "510000", "department": "civil_affairs"}),
        )
        .await;
    let r = app.post(REPORTS, &w.province, json!({"year": 2026})).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!((r.body["status"].as_str(), r.body["province_name"].as_str()), (Some("draft"), Some("四川省")));
    (format!("{REPORTS}/{}", r.body["id"].as_str().expect("id")), civil)
}

#[actix_web::test]
async fn both_departments_sign_the_nation_returns_a_section_and_accepts_the_resubmission() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let (path, civil) = started(&app, &w).await;

    // rich text keeps its formatting and loses its scripts
    let r = write(
        &app,
        &w.province,
        &path,
        json!({"work": "<p onclick=\"x()\">开展<strong>结对</strong><script>alert(1)</script></p>"}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["sections"]["work"], "<p>开展<strong>结对</strong></p>");
    assert!(r.body["live_figures"].as_array().is_some_and(|f| !f.is_empty()));
    assert_eq!(r.body["figures"], Value::Null, "nothing frozen while it is written");

    // one department signs; the other is asked to, and submitting waits for it
    let r = sign(&app, &w.province, &path).await;
    assert_eq!((r.status.as_u16(), departments(&r)), (200, vec!["rural_revitalization".to_owned()]), "{}", r.body);
    sign(&app, &w.province, &path).await.problem(409);
    assert_eq!(unread(&app, &civil).await, vec!["report_to_sign"]);
    let refused = transition(&app, &w.province, &path, json!({"to": "submitted"})).await;
    assert!(refused.problem(409)["detail"].as_str().unwrap_or_default().contains("民政部门"), "{}", refused.body);

    // an edit after a signature clears it: both sign what the report now says
    let r = write(&app, &civil, &path, json!({"results": "<p>覆盖 12 个重点帮扶县</p>"})).await;
    assert_eq!((r.status.as_u16(), departments(&r).len()), (200, 0), "{}", r.body);
    assert!(unread(&app, &civil).await.is_empty(), "no one is asked to sign a text that changed");
    assert_eq!(sign(&app, &civil, &path).await.status, 200);
    assert_eq!(sign(&app, &w.province, &path).await.status, 200);
    let r = transition(&app, &w.province, &path, json!({"to": "submitted"})).await;
    assert_eq!((r.status.as_u16(), r.body["status"].as_str()), (200, Some("submitted")), "{}", r.body);
    assert!(r.body["figures"].as_array().is_some_and(|f| !f.is_empty()), "frozen at submission");
    assert!(unread(&app, &civil).await.is_empty());

    // with the nation: the province changes nothing; a return needs a reason and names sections
    write(&app, &w.province, &path, json!({"work": "<p>改</p>"})).await.problem(403);
    transition(&app, &w.province, &path, json!({"to": "accepted"})).await.problem(403);
    transition(&app, &w.admin, &path, json!({"to": "returned"})).await.problem(422);
    let bad = transition(
        &app,
        &w.admin,
        &path,
        json!({"to": "returned", "reason": "x", "comments": {"results": "字".repeat(2001)}}),
    )
    .await;
    assert_eq!(bad.error_fields(), vec!["comments.results"]);
    let r = transition(
        &app,
        &w.admin,
        &path,
        json!({"to": "returned", "reason": "数据需核实", "comments": {"results": "请补充受益人数"}}),
    )
    .await;
    assert_eq!(
        (r.status.as_u16(), r.body["return_comments"]["results"].as_str()),
        (200, Some("请补充受益人数")),
        "{}",
        r.body
    );
    assert_eq!(unread(&app, &w.province).await, vec!["report_returned"]);

    // resubmitted with the section changed and signed again; the versions show what changed
    write(&app, &w.province, &path, json!({"results": "<p>覆盖 12 个重点帮扶县，受益 3.2 万人</p>"})).await;
    sign(&app, &w.province, &path).await;
    sign(&app, &civil, &path).await;
    let r = transition(&app, &civil, &path, json!({"to": "submitted"})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(unread(&app, &w.province).await.is_empty(), "the return is answered");
    let versions = app.get(&format!("{path}/versions"), &w.admin).await;
    let items = versions.body["items"].as_array().expect("items");
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["number"], 2);
    let changed: Vec<&str> =
        items[0]["changes"].as_array().expect("changes").iter().filter_map(|c| c["field"].as_str()).collect();
    assert_eq!(changed, vec!["sections.results"], "{}", items[0]["changes"]);
    assert_eq!(items[0]["signatures"].as_array().map(Vec::len), Some(2));
    // the return stays beside the version it answered, after the resubmission
    assert_eq!(items[0]["review"], Value::Null, "the resubmission waits");
    assert_eq!(
        (
            items[1]["review"]["outcome"].as_str(),
            items[1]["review"]["reason"].as_str(),
            items[1]["review"]["comments"]["results"].as_str()
        ),
        (Some("returned"), Some("数据需核实"), Some("请补充受益人数"))
    );

    // accepted: locked
    let r = transition(&app, &w.admin, &path, json!({"to": "accepted"})).await;
    assert_eq!(
        (r.status.as_u16(), r.body["status"].as_str(), r.body["may_edit"].as_bool()),
        (200, Some("accepted"), Some(false))
    );
    write(&app, &w.province, &path, json!({"work": "<p>改</p>"})).await.problem(403);
    sign(&app, &w.province, &path).await.problem(403);
    let etag = app.get(&path, &w.province).await.etag();
    let upload = app
        .call(
            Method::POST,
            &format!("{path}/attachments?filename=plan.pdf"),
            Some(&w.province),
            None,
            &[("if-match", &etag)],
        )
        .await;
    assert_eq!(upload.status, 403, "{}", upload.body);

    // reopened by the nation with a reason: written and signed again
    transition(&app, &w.admin, &path, json!({"to": "draft"})).await.problem(422);
    let r = transition(&app, &w.admin, &path, json!({"to": "draft", "reason": "补报典型案例"})).await;
    assert_eq!((r.status.as_u16(), r.body["status"].as_str()), (200, Some("draft")), "{}", r.body);
    assert_eq!(
        (r.body["figures"].clone(), departments(&r).len(), r.body["return_reason"].as_str()),
        (Value::Null, 0, Some("补报典型案例"))
    );
    let moves: Vec<&str> = app.get(&path, &w.province).await.body["history"]
        .as_array()
        .expect("history")
        .iter()
        .filter_map(|e| e["to_status"].as_str())
        .map(|s| match s {
            "draft" => "d",
            "submitted" => "s",
            "returned" => "r",
            "accepted" => "a",
            _ => "?",
        })
        .collect();
    assert_eq!(moves.concat(), "dsrsad");
}

#[actix_web::test]
async fn frozen_figures_stay_as_submitted_while_the_live_ones_show_the_drift() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let (path, civil) = started(&app, &w).await;
    brand(&app, &w.member, &w.org, "幸福互助院").await;
    let incident = json!({"title": "培训现场食物中毒", "kind": "safety", "severity": "high", "organization_id": w.org,
                          "county_code": "513431", "occurred_at": "2026-11-20T02:00:00Z", "description": "已送医"});
    assert_eq!(app.post("/api/v1/incidents", &w.county, incident).await.status, 201);
    let live = app.get(&path, &w.province).await;
    assert_eq!(figure(&live.body["live_figures"], "brands"), "1");
    let incidents: Vec<String> = ["incidents", "incidents_urgent", "incidents_open"]
        .iter()
        .map(|k| figure(&live.body["live_figures"], k))
        .collect();
    assert_eq!(incidents, ["1", "1", "1"], "the statistics' incidents of 四川 in 2026");
    sign(&app, &w.province, &path).await;
    sign(&app, &civil, &path).await;
    let submitted = transition(&app, &w.province, &path, json!({"to": "submitted"})).await;
    assert_eq!(figure(&submitted.body["figures"], "brands"), "1");
    brand(&app, &w.member, &w.org, "乡村书屋").await;
    let after = app.get(&path, &w.admin).await;
    assert_eq!(
        (figure(&after.body["figures"], "brands"), figure(&after.body["live_figures"], "brands")),
        ("1".into(), "2".into())
    );
}

#[actix_web::test]
async fn reports_are_the_provinces_own_and_the_nations() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let (path, _) = started(&app, &w).await;
    app.post(REPORTS, &w.province, json!({"year": 2026})).await.problem(409);
    app.post(REPORTS, &w.province, json!({"year": 2026, "province_code": "530000"})).await.problem(403);
    app.post(REPORTS, &w.admin, json!({"year": 2026})).await.problem(403);
    app.post(REPORTS, &w.province, json!({"year": 1999})).await.problem(422);
    app.get(&path, &w.other_province).await.problem(404);
    assert_eq!(app.get(REPORTS, &w.other_province).await.body["items"], json!([]));
    for outsider in [&w.county, &w.member, &w.viewer] {
        app.get(REPORTS, outsider).await.problem(403);
        app.get(&path, outsider).await.problem(404);
    }
    let mine = app.get(&format!("{REPORTS}?year=2026&status=draft&count=true"), &w.province).await;
    assert_eq!(mine.body["total"], 1);
    // another province's officer can neither write nor sign it
    let etag = app.get(&path, &w.admin).await.etag();
    app.patch(&path, &w.other_province, &etag, json!({"sections": {"work": "x"}})).await.problem(404);
    // a section is bounded
    let long = format!("<p>{}</p>", "字".repeat(20_001));
    assert_eq!(write(&app, &w.province, &path, json!({"work": long})).await.error_fields(), vec!["sections.work"]);
    app.get(&format!("{REPORTS}/board?year=2026"), &w.province).await.problem(403);
}

#[actix_web::test]
async fn the_board_follows_the_deadline_reminds_and_downloads_the_accepted_reports() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let board = app.get(&format!("{REPORTS}/board?year=2026"), &w.admin).await;
    assert_eq!(board.status, 200, "{}", board.body);
    assert_eq!(board.body["deadline"], "2026-12-31");
    let provinces = board.body["provinces"].as_array().expect("provinces");
    assert_eq!(provinces.len(), 31);
    assert!(provinces[0]["key_counties"].as_i64().unwrap_or(0) > 0, "key-county provinces first");
    assert_eq!(board.body["counts"]["not_started"], 31);

    // an early deadline makes every unsubmitted report overdue; a reminder tells the province
    let r = app
        .call(
            Method::PUT,
            &format!("{REPORTS}/deadlines/2026"),
            Some(&w.admin),
            Some(json!({"deadline": "2026-10-01"})),
            &[],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let row = |b: &Value, code: &str| {
        b["provinces"].as_array().expect("rows").iter().find(|p| p["province_code"] == code).cloned().expect("row")
    };
    assert!(row(&r.body, "510000")["days_overdue"].as_i64().unwrap_or(0) > 0);
    app.call(
        Method::PUT,
        &format!("{REPORTS}/deadlines/2026"),
        Some(&w.admin),
        Some(json!({"deadline": "2028-01-01"})),
        &[],
    )
    .await
    .problem(422);
    let reminded =
        app.post(&format!("{REPORTS}/reminders"), &w.admin, json!({"year": 2026, "province_codes": ["510000"]})).await;
    assert_eq!(
        (reminded.status.as_u16(), reminded.body["provinces"].clone()),
        (200, json!(["510000"])),
        "{}",
        reminded.body
    );
    assert_eq!(unread(&app, &w.province).await, vec!["report_due"]);
    assert!(unread(&app, &w.other_province).await.is_empty());
    app.post(&format!("{REPORTS}/reminders"), &w.admin, json!({"year": 2026, "province_codes": ["990000"]}))
        .await
        .problem(422);

    // 四川 submits and is accepted: the board says so, the reminder is settled
    let (path, civil) = started(&app, &w).await;
    write(&app, &w.province, &path, json!({"work": "<p>四川省组织社会组织结对帮扶</p>"})).await;
    assert_eq!(row(&app.get(&format!("{REPORTS}/board?year=2026"), &w.admin).await.body, "510000")["state"], "draft");
    sign(&app, &w.province, &path).await;
    assert_eq!(
        row(&app.get(&format!("{REPORTS}/board?year=2026"), &w.admin).await.body, "510000")["state"],
        "signed_by_one"
    );
    sign(&app, &civil, &path).await;
    transition(&app, &w.province, &path, json!({"to": "submitted"})).await;
    assert!(unread(&app, &w.province).await.is_empty());
    transition(&app, &w.admin, &path, json!({"to": "accepted"})).await;
    let board = app.get(&format!("{REPORTS}/board?year=2026"), &w.admin).await;
    assert_eq!(
        (row(&board.body, "510000")["state"].as_str(), board.body["counts"]["accepted"].as_i64()),
        (Some("accepted"), Some(1))
    );
    let again =
        app.post(&format!("{REPORTS}/reminders"), &w.admin, json!({"year": 2026, "province_codes": ["510000"]})).await;
    assert_eq!(again.body["provinces"], json!([]), "an accepted province is not reminded");

    // the year's figures as a spreadsheet, the PDFs as a zip
    let get = |url: String| {
        let app = &app;
        let token = w.admin.clone();
        async move {
            let r = app.client.get(format!("{}{url}", app.base)).bearer_auth(token).send().await.expect("sent");
            let status = r.status().as_u16();
            let headers = r.headers().clone();
            (status, headers, r.bytes().await.expect("bytes").to_vec())
        }
    };
    let (status, _, csv) = get(format!("{REPORTS}/export?year=2026")).await;
    let csv = String::from_utf8_lossy(&csv).to_string();
    assert_eq!(status, 200);
    assert!(csv.contains("四川省") && csv.contains("在帮结对"), "{csv}");
    let (status, headers, xlsx) = get(format!("{REPORTS}/export?year=2026&format=xlsx")).await;
    assert_eq!((status, xlsx.starts_with(b"PK")), (200, true), "{headers:?}");
    let (status, headers, zip) = get(format!("{REPORTS}/pdfs?year=2026")).await;
    assert_eq!((status, zip.starts_with(b"PK")), (200, true), "{headers:?}");
    let name = "四川省-2026-年度报告.pdf".as_bytes();
    assert!(zip.windows(name.len()).any(|w| w == name), "the zip holds 四川's PDF by name");
}

#[actix_web::test]
async fn a_report_renders_to_a_pdf_whose_text_names_the_province_and_its_figures() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let (path, _) = started(&app, &w).await;
    brand(&app, &w.member, &w.org, "幸福互助院").await;
    write(&app, &w.province, &path, json!({"practices": "<p>“组织＋合作社＋农户”模式带动增收</p>"})).await;
    let r = app.client.get(format!("{}{path}.pdf", app.base)).bearer_auth(&w.province).send().await.expect("sent");
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert!(r.headers()["content-disposition"].to_str().unwrap_or_default().contains("filename*=UTF-8''"));
    let pdf = r.bytes().await.expect("bytes").to_vec();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = pdf_text(&pdf);
    for expected in ["四川省", "2026", "主要数据", "公益品牌", "培训人次", "发生事件", "合作社", "下一步打算"]
    {
        assert!(text.contains(expected), "{expected:?} not in the PDF's text:\n{text}");
    }
    // a figure: the figures table's row of brands reads the one brand 四川 has
    let row = text.lines().find(|l| l.trim_start().starts_with("公益品牌")).expect("the brands row");
    assert_eq!(row.split_whitespace().collect::<Vec<_>>(), ["公益品牌", "1"], "{text}");
    let other =
        app.client.get(format!("{}{path}.pdf", app.base)).bearer_auth(&w.other_province).send().await.expect("sent");
    assert_eq!(other.status(), 404);
}

/// The text a reader's tool extracts from a PDF (`pdftotext`, Debian's poppler-utils).
pub fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("report.pdf");
    std::fs::write(&file, pdf).expect("write");
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8", file.to_str().expect("path"), "-"])
        .output()
        .expect("pdftotext is missing: apt-get install -y poppler-utils");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// On PostgreSQL too: two officers starting the same report, and two of one department signing
/// at once, get one success and a clear refusal each — never a 500.
#[actix_web::test]
async fn concurrent_starts_and_signatures_are_refused_cleanly() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let rural = app.user(&w.admin, "sc-rural-2", "provincial_officer", json!({"province_code": "510000"})).await;
    let body = json!({"year": 2027});
    let (a, b) = tokio::join!(app.post(REPORTS, &w.province, body.clone()), app.post(REPORTS, &rural, body));
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [201, 409], "{} {}", a.body, b.body);
    let id = [a, b].into_iter().find(|r| r.status == 201).expect("created").body["id"].as_str().expect("id").to_owned();
    let path = format!("{REPORTS}/{id}");
    let etag = app.get(&path, &w.province).await.etag();
    let (signatures, headers) = (format!("{path}/signatures"), [("if-match", etag.as_str())]);
    let (a, b) = tokio::join!(
        app.call(Method::POST, &signatures, Some(&w.province), Some(json!({})), &headers),
        app.call(Method::POST, &signatures, Some(&rural), Some(json!({})), &headers)
    );
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort();
    assert!(statuses == [200, 409] || statuses == [200, 412], "{statuses:?}: {} {}", a.body, b.body);
    assert_eq!(departments(&app.get(&path, &w.admin).await), vec!["rural_revitalization".to_owned()]);
}

/// An attachment is part of what was signed: adding one removes the signatures, and once the
/// report is with the nation (or two submissions race) nothing is added and nothing is lost.
#[actix_web::test]
async fn attachments_clear_signatures_and_a_submission_races_cleanly() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let (path, civil) = started(&app, &w).await;
    let upload = |token: String| {
        let url = format!("{}{path}/attachments?filename=行动方案.pdf", app.base);
        let client = app.client.clone();
        async move {
            let r = client
                .post(url)
                .bearer_auth(token)
                .header("content-type", "application/pdf")
                .body("%PDF-1.4\n%%EOF\n")
                .send()
                .await;
            r.expect("sent").status().as_u16()
        }
    };
    sign(&app, &w.province, &path).await;
    assert_eq!(upload(w.province.clone()).await, 201);
    assert!(departments(&app.get(&path, &w.admin).await).is_empty(), "the plan changed what was signed");

    assert_eq!(sign(&app, &w.province, &path).await.status, 200);
    assert_eq!(sign(&app, &civil, &path).await.status, 200);
    let etag = app.get(&path, &w.province).await.etag();
    let body = json!({"to": "submitted"});
    let moves = format!("{path}/transitions");
    let headers = [("if-match", etag.as_str())];
    let (a, b) = tokio::join!(
        app.call(Method::POST, &moves, Some(&w.province), Some(body.clone()), &headers),
        app.call(Method::POST, &moves, Some(&civil), Some(body), &headers)
    );
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 412], "{} {}", a.body, b.body);
    assert_eq!(app.get(&format!("{path}/versions"), &w.admin).await.body["items"].as_array().map(Vec::len), Some(1));
    // with the nation: no file goes in or out
    assert_eq!(upload(w.province.clone()).await, 403);
    let files = app.get(&format!("{path}/attachments"), &w.province).await;
    let file = files.body["items"][0]["id"].as_str().expect("the plan").to_owned();
    let gone = app.call(Method::DELETE, &format!("{path}/attachments/{file}"), Some(&w.province), None, &[]).await;
    assert_eq!(gone.status, 403, "{}", gone.body);
}
