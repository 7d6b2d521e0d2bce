//! Spreadsheets in and out: every upload is read within its limits (413 / 422 naming the limit)
//! without the server stalling, and exports never hand a formula to a coordinator's Excel.

use std::io::{Cursor, Write};
use std::time::{Duration, Instant};

use calamine::{Data, Reader, Xlsx};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Resp, TestApp};

const FORMULA: &str = "=cmd|' /C calc'!A0";

async fn upload(app: &TestApp, token: &str, path: &str, body: Vec<u8>) -> Resp {
    let res = app
        .client
        .post(format!("{}{path}", app.base))
        .bearer_auth(token)
        .header("content-type", "application/octet-stream")
        .header("accept-language", "en")
        .body(body)
        .send()
        .await
        .expect("send");
    let status = res.status();
    let headers = res.headers().clone();
    let text = res.text().await.expect("body");
    Resp { status, headers, body: serde_json::from_str(&text).unwrap_or(Value::String(text)) }
}

/// The problem's one error names the file and the limit.
fn names_limit(r: &Resp, status: u16, words: &str) {
    let p = r.problem(status);
    assert_eq!(p["errors"][0]["field"], "file", "{p}");
    let message = p["errors"][0]["message"].as_str().unwrap_or("");
    assert!(message.contains(words), "{words:?} in {p}");
}

/// The 1.5 KB-class file that made calamine allocate 512 GiB: cells A1 and XFD1048576.
fn sparse_xlsx() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "名称").expect("A1");
    sheet.write_string(1_048_575, 16_383, "x").expect("XFD1048576");
    book.save_to_buffer().expect("xlsx")
}

/// A real workbook whose one sheet is `rows` rows of `cols` cells, all `1`: it deflates about
/// 1000:1. With `lie`, the sheet's ZIP headers claim it unpacks to 1 KB.
fn bomb(rows: usize, cols: usize, lie: bool) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9));
    // The sheet first, so its headers are the first local and the first central header.
    zip.start_file("xl/worksheets/sheet1.xml", deflated).expect("entry");
    zip.write_all(b"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>")
        .expect("write");
    let row = format!("<row>{}</row>", "<c><v>1</v></c>".repeat(cols));
    let per_write = (1 << 20) / row.len() + 1;
    let block = row.repeat(per_write);
    for _ in 0..rows / per_write {
        zip.write_all(block.as_bytes()).expect("write");
    }
    zip.write_all(row.repeat(rows % per_write).as_bytes()).expect("write");
    zip.write_all(b"</sheetData></worksheet>").expect("write");
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let pkg = "http://schemas.openxmlformats.org/package/2006/relationships";
    let parts = [
        (
            "[Content_Types].xml",
            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
             <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
             <Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>"
                .to_owned(),
        ),
        (
            "_rels/.rels",
            format!(
                "<Relationships xmlns=\"{pkg}\"><Relationship Id=\"rId1\" Type=\"{rel}/officeDocument\" \
                 Target=\"xl/workbook.xml\"/></Relationships>"
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"{rel}\">\
                 <sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                "<Relationships xmlns=\"{pkg}\"><Relationship Id=\"rId1\" Type=\"{rel}/worksheet\" \
                 Target=\"worksheets/sheet1.xml\"/></Relationships>"
            ),
        ),
    ];
    for (name, text) in parts {
        zip.start_file(name, deflated).expect("entry");
        zip.write_all(text.as_bytes()).expect("write");
    }
    let mut bytes = zip.finish().expect("zip").into_inner();
    if lie {
        let central = bytes.windows(4).position(|w| w == [0x50, 0x4b, 0x01, 0x02]).expect("central directory");
        for at in [22, central + 24] {
            bytes[at..at + 4].copy_from_slice(&1024u32.to_le_bytes());
        }
    }
    bytes
}

#[actix_web::test]
async fn a_sparse_sheet_and_zip_bombs_are_refused_while_healthz_answers() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let import = "/api/v1/organizations/import?dry_run=true";

    let sparse = sparse_xlsx();
    assert!(sparse.len() < 8 * 1024, "a few KB: {}", sparse.len());
    // 132,813 rows of 64 cells: 8.5 million cells, 130 MB of XML in a file of about 370 KB.
    let honest = bomb(132_813, 64, false);
    let liar = bomb(132_813, 64, true);
    assert!(honest.len() < 512 * 1024, "{}", honest.len());
    // The same construction, small, is a workbook the import reads (its rows are row errors).
    assert_eq!(upload(&app, &admin, import, bomb(3, 3, false)).await.status, StatusCode::ACCEPTED);

    let done = std::cell::Cell::new(false);
    let uploads = async {
        let r = futures_util::join!(
            upload(&app, &admin, import, sparse),
            upload(&app, &admin, import, honest),
            upload(&app, &admin, import, liar),
        );
        done.set(true);
        r
    };
    let probe = async {
        let mut answers = vec![];
        loop {
            let started = Instant::now();
            let r = app.client.get(format!("{}/healthz", app.base)).send().await.expect("healthz");
            answers.push((r.status(), started.elapsed(), !done.get()));
            if done.get() {
                return answers;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    };
    let ((sparse, honest, liar), answers) = futures_util::join!(uploads, probe);

    names_limit(&sparse, 422, "at most 100000 rows");
    names_limit(&honest, 413, "unpack to at most 96 MiB");
    names_limit(&liar, 413, "unpack to at most 96 MiB");
    let during = answers.iter().filter(|(_, _, during)| *during).count();
    let slowest = answers.iter().map(|(_, t, _)| *t).max().unwrap_or_default();
    assert!(answers.iter().all(|(s, _, _)| *s == StatusCode::OK), "{answers:?}");
    assert!(during >= 1, "/healthz answered while the uploads ran: {answers:?}");
    assert!(slowest < Duration::from_secs(2), "/healthz never waits on a parse: {answers:?}");
    // No job was started for the refused files: the one job is the small workbook's.
    let pool = app.state.pool.clone();
    let jobs: i64 = actix_web::web::block(move || {
        use diesel::prelude::*;
        zhuxiang::db::schema::jobs::table.count().get_result(&mut pool.get().expect("connection"))
    })
    .await
    .expect("blocking")
    .expect("count");
    assert_eq!(jobs, 1);
}

#[actix_web::test]
async fn an_upload_beyond_the_byte_limit_is_413_naming_it_with_or_without_a_length() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let too_big = vec![b'a'; 16 * 1024 * 1024 + 1];
    let r = upload(&app, &admin, "/api/v1/organizations/import", too_big).await;
    names_limit(&r, 413, "at most 16 MiB");

    // Chunked, with no Content-Length to refuse it by: counted as it arrives.
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(app.base.trim_start_matches("http://")).await.expect("connect");
    let head = format!(
        "POST /api/v1/key-counties/import HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {admin}\r\n\
         Content-Type: text/csv\r\nAccept-Language: en\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    s.write_all(head.as_bytes()).await.expect("head");
    let line = "513431,昭觉县,1\n".repeat(64 * 1024);
    let mut sent = 0;
    while sent <= 17 * 1024 * 1024 {
        let chunk = format!("{:x}\r\n{line}\r\n", line.len());
        if s.write_all(chunk.as_bytes()).await.is_err() {
            break;
        }
        sent += line.len();
    }
    let _ = s.write_all(b"0\r\n\r\n").await;
    let mut response = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(20), s.read_to_end(&mut response)).await;
    let text = String::from_utf8_lossy(&response);
    assert!(text.starts_with("HTTP/1.1 413"), "{}", &text[..text.len().min(300)]);
    assert!(text.contains("at most 16 MiB") && text.contains("\"field\":\"file\""), "{text}");
}

#[actix_web::test]
async fn the_key_county_import_reads_through_the_same_bounded_reader() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let path = "/api/v1/key-counties/import?dry_run=true";
    let mut csv = String::from("区划代码,名称,重点帮扶县\n");
    csv.push_str(&"513431,昭觉县,1\n".repeat(100_000));
    names_limit(&upload(&app, &admin, path, csv.into_bytes()).await, 422, "at most 100000 rows");
    let wide = format!("区划代码{}\n513431\n", ",x".repeat(64));
    names_limit(&upload(&app, &admin, path, wide.into_bytes()).await, 422, "at most 64 columns");
    names_limit(&upload(&app, &admin, path, sparse_xlsx()).await, 422, "at most 100000 rows");
    names_limit(&upload(&app, &admin, path, bomb(132_813, 64, true)).await, 413, "unpack to at most 96 MiB");
    // Within the limits the same reader gives the report as before.
    let ok = upload(&app, &admin, path, "区划代码,名称\n513431,昭觉县\n".as_bytes().to_vec()).await;
    assert_eq!((ok.status, ok.body["unchanged"].as_u64()), (StatusCode::OK, Some(1)), "{}", ok.body);
    let garbage = upload(&app, &admin, path, vec![0xff, 0xfe, 0x00]).await;
    assert_eq!(garbage.problem(400)["errors"][0]["field"], "file");
}

async fn download(app: &TestApp, token: &str, path: &str) -> Vec<u8> {
    let res = app.client.get(format!("{}{path}", app.base)).bearer_auth(token).send().await.expect("send");
    assert_eq!(res.status(), 200);
    res.bytes().await.expect("bytes").to_vec()
}

/// The first sheet of an xlsx and the formulas in it.
fn open_xlsx(bytes: Vec<u8>) -> (calamine::Range<Data>, usize) {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("xlsx");
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).expect("sheet");
    let formulas = book.worksheet_formula(&name).expect("formulas").used_cells().count();
    (range, formulas)
}

/// The CSV row (after the header) whose first field is `first`, as raw fields.
fn csv_row(bytes: &[u8], first: &str) -> Vec<String> {
    let text = String::from_utf8(bytes.to_vec()).expect("utf8");
    let mut reader = csv::ReaderBuilder::new().from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    reader
        .records()
        .map(|r| r.expect("record").iter().map(str::to_owned).collect::<Vec<_>>())
        .find(|r| r[0] == first)
        .unwrap_or_else(|| panic!("no row {first:?} in {text}"))
}

#[actix_web::test]
async fn project_exports_write_titles_as_inert_text_and_amounts_as_numbers() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let org = app.org(&admin, 1, "330000", &["industry"]).await;
    let body = json!({"title": FORMULA, "county_code": "513431",
        "organizations": [{"organization_id": org, "role": "lead"}], "assistance_type": "industry",
        "planned_funds": "1250000.07", "beneficiaries_planned": 300, "contract_number": "-1+2"});
    let p = app.post("/api/v1/projects", &admin, body).await;
    assert_eq!(p.status, 201, "{}", p.body);

    let csv = download(&app, &admin, "/api/v1/projects/export?format=csv").await;
    let row = csv_row(&csv, &format!("'{FORMULA}"));
    assert_eq!(row[12], "'-1+2", "every text cell is made inert");
    assert_eq!(
        (row[7].as_str(), row[8].as_str(), row[9].as_str()),
        ("1250000.07", "0.00", "300"),
        "numbers as numbers"
    );

    let (sheet, formulas) = open_xlsx(download(&app, &admin, "/api/v1/projects/export?format=xlsx").await);
    assert_eq!(formulas, 0, "no formula anywhere in the sheet");
    // rows 0–1 say what and when, and the filters; row 3 is the header, row 4 the project
    assert_eq!(sheet.get((1, 0)), Some(&Data::String("筛选条件：无".into())));
    assert_eq!(sheet.get((3, 0)), Some(&Data::String("项目名称".into())));
    assert_eq!(sheet.get((4, 0)), Some(&Data::String(FORMULA.into())), "the title is a string cell");
    assert_eq!(sheet.get((4, 12)), Some(&Data::String("-1+2".into())));
    assert_eq!(sheet.get((4, 7)), Some(&Data::Float(1_250_000.07)), "amounts are number cells");
    assert_eq!(sheet.get((4, 8)), Some(&Data::Float(0.0)));
    assert_eq!(sheet.get((4, 9)), Some(&Data::Float(300.0)), "counts are number cells");
}

#[actix_web::test]
async fn organization_exports_write_names_as_inert_text_and_re_import_unchanged() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let id = app.org(&admin, 7, "330000", &["industry"]).await;
    let cur = app.get(&format!("/api/v1/organizations/{id}"), &admin).await;
    let renamed =
        app.patch(&format!("/api/v1/organizations/{id}"), &admin, &cur.etag(), json!({"name": FORMULA})).await;
    assert_eq!(renamed.status, 200, "{}", renamed.body);

    let csv = download(&app, &admin, "/api/v1/organizations/export?format=csv").await;
    let row = csv_row(&csv, &format!("'{FORMULA}"));
    assert_eq!(row[1], crate::helpers::credit_code(7));
    let xlsx = download(&app, &admin, "/api/v1/organizations/export?format=xlsx").await;
    let (sheet, formulas) = open_xlsx(xlsx.clone());
    assert_eq!(formulas, 0, "no formula anywhere in the sheet");
    // rows 0–1 say what and when, and the filters; row 3 is the template's header, row 4 the organization
    assert!(matches!(sheet.get((0, 0)), Some(Data::String(s)) if s.starts_with("社会组织　导出时间：")));
    assert_eq!(sheet.get((3, 0)), Some(&Data::String("名称".into())));
    assert_eq!(sheet.get((4, 0)), Some(&Data::String(FORMULA.into())), "the name is a string cell");

    // Both files re-import to the same name: the apostrophe is the export's, not the data's, and
    // the import finds the header below the xlsx's export block.
    for file in [csv, xlsx] {
        let res = upload(&app, &admin, "/api/v1/organizations/import?dry_run=true", file).await;
        assert_eq!(res.status, StatusCode::ACCEPTED, "{}", res.body);
        let location = res.header("location").expect("location");
        let report = loop {
            let job = app.get(&location, &admin).await;
            match job.body["status"].as_str() {
                Some("succeeded") => break job.body["result"].clone(),
                Some("failed") => panic!("{}", job.body),
                _ => tokio::time::sleep(Duration::from_millis(25)).await,
            }
        };
        assert_eq!((report["unchanged"].as_u64(), report["updated"].as_u64()), (Some(1), Some(0)), "{report}");
    }
}

/// A national export asked for in the background: 202 at once with a job any instance runs, and
/// at `/jobs/{id}/file` the same file the streamed export sends, for its owner only.
#[actix_web::test]
async fn a_background_export_is_a_job_whose_file_is_the_streamed_one_and_only_its_owners() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let org = app.org(&admin, 1, "330000", &["industry"]).await;
    for i in 0..3 {
        let body = json!({"title": format!("{FORMULA}{i}"), "county_code": "513431",
            "organizations": [{"organization_id": org, "role": "lead"}], "assistance_type": "industry"});
        let p = app.post("/api/v1/projects", &admin, body).await;
        assert_eq!(p.status, 201, "{}", p.body);
    }
    let officer = app.user(&admin, "zj-officer", "provincial_officer", json!({"province_code": "330000"})).await;

    let streamed = download(&app, &admin, "/api/v1/projects/export?format=csv&status=docking").await;
    let queued = app.get("/api/v1/projects/export?format=csv&status=docking&background=true", &admin).await;
    assert_eq!(queued.status, 202, "{}", queued.body);
    let id = queued.body["id"].as_str().expect("a job").to_owned();
    assert_eq!(queued.headers["location"], format!("/api/v1/jobs/{id}").as_str());
    assert_eq!(queued.body["kind"], "export");
    let job = app.wait_for_job(&id, &admin).await;
    assert_eq!((job["status"].as_str(), job["result"]["rows"].as_i64()), (Some("succeeded"), Some(3)), "{job}");
    assert!(
        job["result"]["file_name"].as_str().is_some_and(|n| n.starts_with("projects-") && n.ends_with(".csv")),
        "{job}"
    );
    let file = download(&app, &admin, &format!("/api/v1/jobs/{id}/file")).await;
    assert_eq!(file, streamed, "the background file is the streamed one");
    assert_eq!(job["result"]["size_bytes"].as_u64(), Some(file.len() as u64));
    // a file of several slices (1 MiB each) comes back whole, byte for byte
    let large: Vec<u8> = (0..2_621_447_u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
    {
        use diesel::prelude::*;
        use zhuxiang::db::schema::export_files;
        let mut conn = app.state.pool.get().expect("connection");
        diesel::update(export_files::table.find(&id))
            .set((export_files::content.eq(&large), export_files::size_bytes.eq(large.len() as i64)))
            .execute(&mut conn)
            .expect("a larger file");
    }
    assert_eq!(download(&app, &admin, &format!("/api/v1/jobs/{id}/file")).await, large);
    // nobody else sees the job or its file
    assert_eq!(app.get(&format!("/api/v1/jobs/{id}/file"), &officer).await.status, 404);
    assert_eq!(app.get(&format!("/api/v1/jobs/{id}"), &officer).await.status, 404);

    // xlsx, the family's default: the preamble names the filters of the request
    let queued = app.get("/api/v1/projects/export?format=xlsx&background=true&status=docking", &admin).await;
    let id = queued.body["id"].as_str().expect("a job").to_owned();
    assert_eq!(app.wait_for_job(&id, &admin).await["status"], "succeeded");
    let (sheet, formulas) = open_xlsx(download(&app, &admin, &format!("/api/v1/jobs/{id}/file")).await);
    assert_eq!(formulas, 0);
    assert_eq!(sheet.get((1, 0)), Some(&Data::String("筛选条件：status=docking".into())));
    assert_eq!(sheet.get((3, 0)), Some(&Data::String("项目名称".into())));
    assert_eq!(sheet.height(), 7, "the preamble, a blank line, the header and three projects");

    // a bad filter is refused at once, naming it, and no job is queued; the audit log stays
    // national admins' in the background too
    let bad = app.get("/api/v1/projects/export?background=true&status=nope", &admin).await;
    assert_eq!(bad.problem(422)["errors"][0]["field"], "status");
    assert_eq!(app.get("/api/v1/audit-events/export?background=true", &officer).await.status, 403);
    // a job without a file (still running, or not an export) has none to download
    let audit = app.get("/api/v1/audit-events/export?background=true&format=csv", &admin).await;
    assert_eq!(audit.status, 202, "{}", audit.body);
    let swept = app.get("/api/v1/jobs/00000000-0000-0000-0000-000000000000/file", &admin).await;
    assert_eq!(swept.status, 404);
}

/// Background exports are bounded per person (two at a time: each takes a worker for minutes),
/// and a queued one does not run once its account is disabled.
#[actix_web::test]
async fn background_exports_are_two_at_a_time_and_stop_with_their_account() {
    // no workers here: the jobs stay queued until an instance with workers starts
    let app = TestApp::spawn_with(&[("JOB_WORKERS", "0")], None).await;
    let admin = app.admin().await;
    let officer = app.user(&admin, "zj-officer", "provincial_officer", json!({"province_code": "330000"})).await;
    let path = "/api/v1/projects/export?format=csv&background=true";
    let first = app.get(path, &officer).await;
    assert_eq!(first.status, 202, "{}", first.body);
    assert_eq!(app.get(path, &officer).await.status, 202);
    let third = app.get(path, &officer).await;
    assert!(third.problem(409)["detail"].as_str().is_some_and(|d| d.contains('2')), "{}", third.body);
    assert_eq!(app.get(path, &admin).await.status, 202, "the cap is each person's");

    let me = app.get("/api/v1/me", &officer).await.body["id"].as_str().expect("id").to_owned();
    let user = app.get(&format!("/api/v1/users/{me}"), &admin).await;
    let disabled = app.patch(&format!("/api/v1/users/{me}"), &admin, &user.etag(), json!({"disabled": true})).await;
    assert_eq!(disabled.status, 200, "{}", disabled.body);
    let _workers = TestApp::spawn_with(&[("DATABASE_URL", &app.database_url)], None).await;
    let job = app.wait_for_job(first.body["id"].as_str().expect("a job"), &admin).await;
    assert_eq!(job["status"], "failed", "{job}");
    assert!(job["error"].as_str().is_some_and(|e| e.contains("已停用")), "{job}");
    assert_eq!(app.get(&format!("/api/v1/jobs/{}/file", job["id"].as_str().expect("id")), &admin).await.status, 404);
}
