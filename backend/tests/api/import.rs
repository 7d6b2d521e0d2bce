use reqwest::Method;
use serde_json::Value;

use crate::helpers::{Resp, TestApp, credit_code};

const HEADER: [&str; 9] = [
    "名称",
    "统一社会信用代码",
    "登记管理机关所在省",
    "社会组织类型",
    "登记级别",
    "类别",
    "业务专长",
    "是否建立党组织",
    "推荐单位",
];

fn rows(codes: &[String]) -> Vec<[String; 9]> {
    codes
        .iter()
        .enumerate()
        .map(|(i, c)| {
            [
                format!("导入测试组织{i}"),
                c.clone(),
                "浙江省".into(),
                "社会团体".into(),
                "省级".into(),
                "公益慈善类".into(),
                "产业、就业".into(),
                if i % 2 == 0 { "是" } else { "否" }.into(),
                "民政部".into(),
            ]
        })
        .collect()
}

fn xlsx(rows: &[[String; 9]]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in HEADER.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("write");
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, v).expect("write");
        }
    }
    book.save_to_buffer().expect("xlsx")
}

/// Uploads, then polls the job until it ends; returns its report.
async fn import(app: &TestApp, token: &str, bytes: Vec<u8>, dry_run: bool) -> Value {
    let location = start_import(app, token, bytes, dry_run).await;
    for _ in 0..200 {
        let job = app.get(&location, token).await;
        match job.body["status"].as_str() {
            Some("succeeded") => {
                assert_eq!(job.body["done"], job.body["total"]);
                return job.body["result"].clone();
            }
            Some("failed") => panic!("job failed: {}", job.body),
            _ => tokio::time::sleep(std::time::Duration::from_millis(25)).await,
        }
    }
    panic!("the import job did not finish");
}

/// Uploads; the job's location.
async fn start_import(app: &TestApp, token: &str, bytes: Vec<u8>, dry_run: bool) -> String {
    let res = app
        .client
        .post(format!("{}/api/v1/organizations/import?dry_run={dry_run}", app.base))
        .bearer_auth(token)
        .header("content-type", "application/octet-stream")
        .body(bytes)
        .send()
        .await
        .expect("send");
    assert_eq!(res.status(), 202);
    res.headers()["location"].to_str().expect("location").to_owned()
}

#[actix_web::test]
async fn an_xlsx_import_previews_row_errors_applies_and_is_idempotent() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let codes: Vec<String> = (1..=3).map(credit_code).collect();
    let mut bad = rows(&codes);
    bad[1][1] = "NOT-A-CODE".into();
    bad[2][3] = "公司".into();

    let dry = import(&app, &admin, xlsx(&bad), true).await;
    assert_eq!(
        (dry["rows_total"].as_u64(), dry["created"].as_u64(), dry["applied"].as_bool()),
        (Some(3), Some(1), Some(false))
    );
    let errors: Vec<(u64, &str)> = dry["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| (e["row"].as_u64().unwrap_or(0), e["column"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(errors, vec![(3, "统一社会信用代码"), (4, "社会组织类型")]);
    assert!(dry["errors"][0]["message"].as_str().is_some_and(|m| m.contains("18 位")), "in the user's language: {dry}");
    // Applying a file with errors writes nothing.
    let refused = import(&app, &admin, xlsx(&bad), false).await;
    assert_eq!(refused["applied"], false);
    assert_eq!(app.get("/api/v1/organizations?count=true", &admin).await.body["total"], 0);

    let good = xlsx(&rows(&codes));
    let applied = import(&app, &admin, good.clone(), false).await;
    assert_eq!((applied["created"].as_u64(), applied["applied"].as_bool()), (Some(3), Some(true)));
    let org = app.get(&format!("/api/v1/organizations?q={}", codes[0]), &admin).await;
    let org = &org.body["items"][0];
    assert_eq!(org["province_code"], "330000");
    assert_eq!(org["specialties"], serde_json::json!(["industry", "employment"]));
    assert_eq!((org["party_org"].as_bool(), org["recommended_by"].as_str()), (Some(true), Some("civil_affairs")));

    // Re-importing the same file changes nothing.
    let again = import(&app, &admin, good, false).await;
    assert_eq!(
        (again["created"].as_u64(), again["updated"].as_u64(), again["unchanged"].as_u64()),
        (Some(0), Some(0), Some(3))
    );
    let audit = app.get("/api/v1/audit-events?action=organization.import", &admin).await;
    assert_eq!(audit.body["items"].as_array().map(Vec::len), Some(3));

    // A changed row updates by credit code.
    let mut changed = rows(&codes);
    changed[0][0] = "导入测试组织（更名）".into();
    let upd = import(&app, &admin, xlsx(&changed), false).await;
    assert_eq!((upd["updated"].as_u64(), upd["unchanged"].as_u64()), (Some(1), Some(2)));
}

async fn export(app: &TestApp, token: &str, format: &str) -> (String, Vec<u8>) {
    let res = app
        .client
        .get(format!("{}/api/v1/organizations/export?format={format}", app.base))
        .bearer_auth(token)
        .send()
        .await
        .expect("send");
    assert_eq!(res.status(), 200);
    let ct = res.headers()["content-type"].to_str().expect("ct").to_owned();
    (ct, res.bytes().await.expect("bytes").to_vec())
}

#[actix_web::test]
async fn exports_re_import_cleanly_in_both_formats() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let codes: Vec<String> = (10..15).map(credit_code).collect();
    import(&app, &admin, xlsx(&rows(&codes)), false).await;
    let (ct, csv) = export(&app, &admin, "csv").await;
    assert!(ct.starts_with("text/csv"));
    let text = String::from_utf8(csv.clone()).expect("utf8");
    assert!(text.starts_with("\u{feff}名称,统一社会信用代码"), "{}", &text[..60.min(text.len())]);
    assert_eq!(text.lines().count(), 6, "a header and five organizations");
    let back = import(&app, &admin, csv, false).await;
    assert_eq!((back["unchanged"].as_u64(), back["errors"].as_array().map(Vec::len)), (Some(5), Some(0)));
    let (ct, xlsx_bytes) = export(&app, &admin, "xlsx").await;
    assert!(ct.contains("spreadsheetml"));
    let back = import(&app, &admin, xlsx_bytes, false).await;
    assert_eq!((back["unchanged"].as_u64(), back["errors"].as_array().map(Vec::len)), (Some(5), Some(0)));
}

#[actix_web::test]
async fn imports_are_for_coordinators_and_jobs_for_their_owner() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (sc, yn) = app.sichuan_and_yunnan().await;
    // A 四川 officer may only import 四川 organizations: the 浙江 rows are row errors.
    let report = import(&app, &sc, xlsx(&rows(&[credit_code(1)])), true).await;
    assert_eq!(report["errors"][0]["column"], "登记管理机关所在省");
    let viewer = app.user(&admin, "viewer1", "viewer", serde_json::json!({})).await;
    let r = app
        .client
        .post(format!("{}/api/v1/organizations/import", app.base))
        .bearer_auth(&viewer)
        .body(xlsx(&[]))
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), 403);
    // Someone else's job is not found.
    let res = app
        .client
        .post(format!("{}/api/v1/organizations/import", app.base))
        .bearer_auth(&sc)
        .body(xlsx(&[]))
        .send()
        .await
        .expect("send");
    let location = res.headers()["location"].to_str().expect("loc").to_owned();
    let other: Resp = app.call(Method::GET, &location, Some(&yn), None, &[]).await;
    other.problem(404);
    // Garbage is a 400 naming the problem.
    let r = app
        .client
        .post(format!("{}/api/v1/organizations/import", app.base))
        .bearer_auth(&admin)
        .body(vec![0xff, 0xfe, 0x00])
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), 400);
}

/// A `multipart/form-data` body as generated clients send a file: the file in the `file` part,
/// another field beside it.
fn form(boundary: &str, file_name: &str, content_type: &str, file: &[u8]) -> Vec<u8> {
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nignored\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
         Content-Type: {content_type}\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    body
}

#[actix_web::test]
async fn uploads_accept_multipart_form_data_as_the_contract_says() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let boundary = "zx-boundary-7f3a";
    let upload = |path: &str, body: Vec<u8>| {
        app.client
            .post(format!("{}{path}", app.base))
            .bearer_auth(&admin)
            .header("content-type", format!("multipart/form-data; boundary={boundary}"))
            .body(body)
            .send()
    };
    // The key-county list: the same report as for a text/csv body.
    let csv = "code,key_county\n513431,1\n".as_bytes();
    let res = upload("/api/v1/key-counties/import?dry_run=true", form(boundary, "k.csv", "text/csv", csv))
        .await
        .expect("send");
    assert_eq!(res.status(), 200);
    let report: Value = res.json().await.expect("json");
    assert_eq!((report["rows_total"].as_u64(), report["errors"].as_array().map(Vec::len)), (Some(1), Some(0)));

    // Organizations from an xlsx file in a form: a job whose dry run sees the rows.
    let file = xlsx(&rows(&[credit_code(1), credit_code(2)]));
    let xlsx_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    let res = upload("/api/v1/organizations/import?dry_run=true", form(boundary, "o.xlsx", xlsx_type, &file))
        .await
        .expect("send");
    assert_eq!(res.status(), 202);
    let location = res.headers()["location"].to_str().expect("location").to_owned();
    let mut result = Value::Null;
    for _ in 0..200 {
        let job = app.get(&location, &admin).await;
        if job.body["status"] == "succeeded" {
            result = job.body["result"].clone();
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert_eq!((result["rows_total"].as_u64(), result["created"].as_u64()), (Some(2), Some(2)), "{result}");

    // A form without its `file` field names the field.
    let res = upload("/api/v1/key-counties/import", form(boundary, "k.csv", "text/csv", csv).replace_name())
        .await
        .expect("send");
    assert_eq!(res.status(), 422);
    let problem: Value = res.json().await.expect("json");
    assert_eq!(problem["errors"][0]["field"], "file");
}

trait RenameFilePart {
    fn replace_name(self) -> Vec<u8>;
}

impl RenameFilePart for Vec<u8> {
    /// The same form with its `file` part renamed.
    fn replace_name(self) -> Vec<u8> {
        String::from_utf8(self).expect("utf-8 form").replace("name=\"file\"", "name=\"upload\"").into_bytes()
    }
}

#[actix_web::test]
async fn an_import_cannot_take_over_another_provinces_organization() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let (sc, _) = app.sichuan_and_yunnan().await;
    let gz = app.user(&admin, "gz-officer", "provincial_officer", serde_json::json!({"province_code": "520000"})).await;
    let guizhou_org = app.org(&admin, 7, "520000", &["industry"]).await;
    app.org(&admin, 8, "510000", &["industry"]).await;
    // Row 2 claims 贵州's organization for 四川; row 3 renames 四川's own.
    let mut file = rows(&[credit_code(7), credit_code(8)]);
    for row in file.iter_mut() {
        row[2] = "四川省".into();
    }
    file[0][0] = "被接管的组织".into();
    file[1][0] = "四川自己的组织（更名）".into();

    let dry = import(&app, &sc, xlsx(&file), true).await;
    let errors = dry["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{dry}");
    assert_eq!((errors[0]["row"].as_u64(), errors[0]["column"].as_str()), (Some(2), Some("统一社会信用代码")));
    assert!(errors[0]["message"].as_str().is_some_and(|m| m.contains("测试社会组织7")), "{dry}");
    assert_eq!((dry["updated"].as_u64(), dry["created"].as_u64()), (Some(1), Some(0)), "only 四川's own row updates");
    let refused = import(&app, &sc, xlsx(&file), false).await;
    assert_eq!(refused["applied"], false);

    // 贵州's organization is untouched, still 贵州's to manage and never 四川's.
    let org = app.get(&format!("/api/v1/organizations/{guizhou_org}"), &admin).await;
    assert_eq!(
        (org.body["name"].as_str(), org.body["province_code"].as_str()),
        (Some("测试社会组织7"), Some("520000"))
    );
    suspend(&app, &sc, &guizhou_org, &org.etag()).await.problem(403);
    assert_eq!(suspend(&app, &gz, &guizhou_org, &org.etag()).await.status, 200);

    // Without the foreign row the same officer's import applies.
    let own = import(&app, &sc, xlsx(&file[1..]), false).await;
    assert_eq!((own["updated"].as_u64(), own["applied"].as_bool()), (Some(1), Some(true)), "{own}");
    // A national admin may still move an organization between provinces by import.
    let moved = import(&app, &admin, xlsx(&file[..1]), false).await;
    assert_eq!((moved["updated"].as_u64(), moved["applied"].as_bool()), (Some(1), Some(true)), "{moved}");
}

async fn suspend(app: &TestApp, token: &str, org: &str, etag: &str) -> Resp {
    app.call(
        Method::POST,
        &format!("/api/v1/organizations/{org}/transitions"),
        Some(token),
        Some(serde_json::json!({"to": "suspended", "reason": "核查"})),
        &[("if-match", etag)],
    )
    .await
}

#[actix_web::test]
async fn an_import_left_by_a_stopped_instance_is_finished_once_by_another() {
    // Instance A queues the import but runs no jobs of its own.
    let a = TestApp::spawn_with(&[("JOB_WORKERS", "0")], None).await;
    let admin = a.admin().await;
    let codes: Vec<String> = (500..540).map(credit_code).collect();
    let location = start_import(&a, &admin, xlsx(&rows(&codes)), false).await;
    let job_id = location.rsplit('/').next().expect("an id").to_owned();

    // The job as an instance that claimed it and stopped leaves it: running, its lease run out.
    {
        use diesel::prelude::*;
        use zhuxiang::db::schema::jobs;
        let url = zhuxiang::config::DatabaseUrl::parse(&a.database_url).expect("url");
        let mut conn = zhuxiang::db::pool(&url, 1).expect("pool").get().expect("connect");
        let gone = chrono::Utc::now().naive_utc() - chrono::Duration::seconds(1);
        let n = diesel::update(jobs::table.find(&job_id))
            .set((
                jobs::status.eq("running"),
                jobs::lease_owner.eq("instance-gone"),
                jobs::lease_until.eq(gone),
                jobs::attempts.eq(1),
            ))
            .execute(&mut conn)
            .expect("update");
        assert_eq!(n, 1);
    }
    // Another instance on the same database takes it over; either instance reports it.
    let b = TestApp::spawn_with(&[("DATABASE_URL", &a.database_url)], None).await;
    let mut job = Value::Null;
    for _ in 0..400 {
        job = a.get(&location, &admin).await.body;
        if job["status"] != "running" && job["status"] != "queued" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert_eq!(job["status"], "succeeded", "{job}");
    assert_eq!(job["attempts"], 2, "run once by the stopped instance, once by the one that took over: {job}");
    assert_eq!((job["result"]["created"].as_u64(), job["done"].as_i64()), (Some(40), Some(40)), "{job}");
    // Written once.
    assert_eq!(b.get("/api/v1/organizations?count=true&limit=1", &admin).await.body["total"], 40);
}
