//! The statistics platform: roll-ups against hand-computed figures in every scope, series at
//! the month edges of China Standard Time, exports, the public figures, and the maintained
//! aggregates against a recount after concurrent writes (on SQLite and, with
//! TEST_DATABASE_URL, on PostgreSQL).

use futures_util::future::join_all;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Resp, TestApp};
use crate::projects::{ZHAOJUE, world};

const XIDE: &str = "513432";
const HUIZE: &str = "530326";

fn project(county: &str, org: &str, assistance_type: &str, planned: &str, people: i64) -> Value {
    json!({"title": format!("{county}{assistance_type}项目"), "county_code": county,
           "organizations": [{"organization_id": org, "role": "lead"}],
           "assistance_type": assistance_type, "planned_funds": planned, "beneficiaries_planned": people})
}

async fn create(app: &TestApp, token: &str, body: Value) -> String {
    let r = app.post("/api/v1/projects", token, body).await;
    assert_eq!(r.status, 201, "{}", r.body);
    r.body["id"].as_str().expect("id").to_owned()
}

async fn move_to(app: &TestApp, token: &str, id: &str, to: &str, reason: &str) -> Resp {
    let r = app.move_entity(token, &format!("/api/v1/projects/{id}"), to, reason).await;
    assert_eq!(r.status, 200, "{to}: {}", r.body);
    r
}

async fn progress(app: &TestApp, token: &str, id: &str, date: &str, funds: &str, people: i64) {
    let body = json!({"date": date, "narrative": "资金到位", "funds_delta": funds, "beneficiaries_delta": people});
    let r = app.post(&format!("/api/v1/projects/{id}/updates"), token, body).await;
    assert_eq!(r.status, 201, "{}", r.body);
}

/// Signs, declares and confirms a project's landing (the organization, then the county).
async fn land(app: &TestApp, member: &str, county: &str, id: &str) {
    move_to(app, member, id, "signed", "签约").await;
    move_to(app, member, id, "landed", "已建成").await;
    move_to(app, county, id, "landed", "县里核验").await;
}

/// The rows as `(keys…, count, planned, in place)`, keys joined by `/`.
fn table(r: &Resp, keys: &[&str]) -> Vec<(String, i64, String, String)> {
    assert_eq!(r.status, 200, "{}", r.body);
    r.body["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| {
            let k: Vec<String> = keys
                .iter()
                .map(|k| match &row[*k] {
                    Value::String(s) => s.clone(),
                    v => v.to_string(),
                })
                .collect();
            let f = &row["figures"];
            (
                k.join("/"),
                f["count"].as_i64().unwrap_or(-1),
                f["planned_funds"].as_str().unwrap_or("").to_owned(),
                f["funds_in_place"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

fn row(k: &str, n: i64, planned: &str, in_place: &str) -> (String, i64, String, String) {
    (k.to_owned(), n, planned.to_owned(), in_place.to_owned())
}

#[actix_web::test]
async fn each_scope_gets_its_own_hand_computed_roll_up() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let (sichuan, yunnan) = app.sichuan_and_yunnan().await;
    let viewer = app.user(&w.admin, "s-viewer", "viewer", json!({})).await;
    let other = app.org(&w.admin, 2, "530000", &["health"]).await;

    let p1 = create(&app, &w.member, project(ZHAOJUE, &w.org, "industry", "500000", 300)).await;
    create(&app, &w.member, project(XIDE, &w.org, "education", "100000", 50)).await;
    create(&app, &w.admin, project(ZHAOJUE, &other, "health", "200000", 80)).await;
    create(&app, &w.admin, project(HUIZE, &other, "health", "300000.10", 90)).await;
    let q = "/api/v1/statistics/projects?group_by=province,status";
    let before = app.get(q, &w.admin).await;
    assert_eq!(table(&before, &["province", "status"]).len(), 2, "{}", before.body);

    progress(&app, &w.member, &p1, "2026-05-01", "120000.50", 40).await;
    progress(&app, &w.member, &p1, "2026-06-01", "79999.50", 60).await;
    land(&app, &w.member, &w.county, &p1).await;

    // The national admin: every project (and the cached answer of before did not survive the writes).
    let national = app.get(q, &w.admin).await;
    assert_eq!(
        table(&national, &["province", "status"]),
        vec![
            row("510000/docking", 2, "300000.00", "0.00"),
            row("510000/landed", 1, "500000.00", "200000.00"),
            row("530000/docking", 1, "300000.10", "0.00"),
        ]
    );
    assert_eq!(national.body["rows"][0]["province_name"], "四川省");
    let totals = &national.body["totals"];
    assert_eq!(
        (totals["count"].as_i64(), totals["planned_funds"].as_str(), totals["funds_in_place"].as_str()),
        (Some(4), Some("1100000.10"), Some("200000.00"))
    );
    assert_eq!(
        (totals["beneficiaries_planned"].as_i64(), totals["beneficiaries_reached"].as_i64()),
        (Some(520), Some(100))
    );

    // The same request from four more scopes: four more answers.
    assert_eq!(
        table(&app.get(q, &sichuan).await, &["province", "status"]),
        vec![row("510000/docking", 2, "300000.00", "0.00"), row("510000/landed", 1, "500000.00", "200000.00")]
    );
    assert_eq!(
        table(&app.get(q, &yunnan).await, &["province", "status"]),
        vec![row("530000/docking", 1, "300000.10", "0.00")]
    );
    assert_eq!(
        table(&app.get(q, &w.county).await, &["province", "status"]),
        vec![row("510000/docking", 1, "200000.00", "0.00"), row("510000/landed", 1, "500000.00", "200000.00")]
    );
    assert_eq!(
        table(&app.get(q, &w.member).await, &["province", "status"]),
        vec![row("510000/docking", 1, "100000.00", "0.00"), row("510000/landed", 1, "500000.00", "200000.00")]
    );
    assert_eq!(
        table(&app.get(q, &viewer).await, &["province", "status"]),
        vec![row("510000/landed", 1, "500000.00", "200000.00")]
    );
    // A province outside one's own is an empty table, not someone else's figures.
    let elsewhere = app.get(&format!("{q}&province=530000"), &sichuan).await;
    assert_eq!(
        (elsewhere.body["rows"].as_array().map(Vec::len), elsewhere.body["totals"]["count"].as_i64()),
        (Some(0), Some(0))
    );

    // Filters and other keys.
    assert_eq!(
        table(
            &app.get("/api/v1/statistics/projects?group_by=county&assistance_type=health", &w.admin).await,
            &["county"]
        ),
        vec![row(ZHAOJUE, 1, "200000.00", "0.00"), row(HUIZE, 1, "300000.10", "0.00")]
    );
    let by_county = app.get("/api/v1/statistics/projects?group_by=county&province=510000", &w.admin).await;
    assert_eq!(
        (by_county.body["rows"][0]["county_name"].as_str(), by_county.body["rows"][1]["county_name"].as_str()),
        (Some("昭觉县"), Some("喜德县"))
    );
    let none = app.get("/api/v1/statistics/projects?year=2025", &w.admin).await;
    assert_eq!(none.body["totals"]["count"], 0, "{}", none.body);
    let this_year = 2026 + i64::from(chrono::Datelike::year(&chrono::Utc::now()) - 2026);
    assert_eq!(
        app.get(&format!("/api/v1/statistics/projects?year={this_year}"), &w.admin).await.body["totals"]["count"],
        4
    );
    let keyed = app.get("/api/v1/statistics/projects?group_by=key_county,government_purchase", &w.admin).await;
    let counted: i64 =
        keyed.body["rows"].as_array().expect("rows").iter().map(|r| r["figures"]["count"].as_i64().unwrap_or(0)).sum();
    assert_eq!(counted, 4);
    assert_eq!(
        table(
            &app.get("/api/v1/statistics/projects?group_by=assistance_type,year&status=landed", &w.admin).await,
            &["assistance_type"]
        ),
        vec![row("industry", 1, "500000.00", "200000.00")]
    );

    // The same answer again is a 304 for a client that kept it.
    let again = app.call(Method::GET, q, Some(&w.admin), None, &[("if-none-match", &national.etag())]).await;
    assert_eq!(again.status, 304);
}

#[actix_web::test]
async fn bad_queries_are_422s_naming_the_parameter() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    for (query, field) in [
        ("group_by=province,bogus", "group_by"),
        ("group_by=province,province", "group_by"),
        ("group_by=province,county,status,year", "group_by"),
        ("year=1999", "year"),
        ("status=nope", "status"),
    ] {
        let r = app.get(&format!("/api/v1/statistics/projects?{query}"), &admin).await;
        assert_eq!(r.error_fields(), vec![field], "{query}: {}", r.body);
    }
    for (query, field) in [
        ("from=2026-05-01&to=2026-04-01", "from"),
        ("from=2010-01-01&to=2026-01-01", "from"),
        ("interval=week", "interval"),
    ] {
        let r = app.get(&format!("/api/v1/statistics/projects/series?{query}"), &admin).await;
        assert_eq!(r.error_fields(), vec![field], "{query}: {}", r.body);
    }
    // a fact the platform does not keep is no table at all (the contract says 404)
    app.get("/api/v1/statistics/tables/donations", &admin).await.problem(404);
    app.get("/api/v1/statistics/tables/donations/export", &admin).await.problem(404);
}

/// Sets the service clock to a UTC instant (the offset is whole seconds: a landing "at" 23:30
/// may be a second or two after it), and signs the world's organization member and county
/// officer in again at that time.
async fn set_clock(app: &TestApp, at: &str) -> (String, String) {
    let target = chrono::NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M:%S").expect("instant");
    app.state.clock.advance((target - app.state.clock.now()).num_seconds());
    (app.token("zj-staff", crate::helpers::PASSWORD).await, app.token("zhaojue", crate::helpers::PASSWORD).await)
}

#[actix_web::test]
async fn series_put_a_landing_in_its_month_of_china_standard_time() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    // Both landings are on 31 March in UTC; in China the second is on 1 April.
    let (member, _) = set_clock(&app, "2026-03-31T12:00:00").await;
    let march = create(&app, &member, project(ZHAOJUE, &w.org, "industry", "1000", 1)).await;
    let april = create(&app, &member, project(ZHAOJUE, &w.org, "education", "1000", 1)).await;
    move_to(&app, &member, &march, "signed", "签约").await;
    move_to(&app, &member, &march, "landed", "建成").await;
    move_to(&app, &member, &april, "signed", "签约").await;
    move_to(&app, &member, &april, "landed", "建成").await;
    let (_, county) = set_clock(&app, "2026-03-31T15:30:00").await; // 23:30 in Beijing
    move_to(&app, &county, &march, "landed", "核验").await;
    let (member, county) = set_clock(&app, "2026-03-31T16:30:00").await; // 00:30 on 1 April in Beijing
    move_to(&app, &county, &april, "landed", "核验").await;
    progress(&app, &member, &april, "2026-04-02", "250.00", 5).await;
    let admin = app.admin().await;

    let months = app.get("/api/v1/statistics/projects/series?from=2026-02-01&to=2026-04-30", &admin).await;
    assert_eq!(months.status, 200, "{}", months.body);
    let got: Vec<(String, i64, i64, String)> = months.body["periods"]
        .as_array()
        .expect("periods")
        .iter()
        .map(|p| {
            (
                p["period"].as_str().unwrap_or("").to_owned(),
                p["docked"].as_i64().unwrap_or(-1),
                p["landed"].as_i64().unwrap_or(-1),
                p["funds_in_place"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("2026-02".into(), 0, 0, "0.00".into()),
            ("2026-03".into(), 2, 1, "0.00".into()),
            ("2026-04".into(), 0, 1, "250.00".into()),
        ]
    );
    let quarters =
        app.get("/api/v1/statistics/projects/series?interval=quarter&from=2026-01-01&to=2026-06-30", &admin).await;
    let q: Vec<(&str, i64)> = quarters.body["periods"]
        .as_array()
        .expect("periods")
        .iter()
        .map(|p| (p["period"].as_str().unwrap_or(""), p["landed"].as_i64().unwrap_or(-1)))
        .collect();
    assert_eq!(q, vec![("2026-Q1", 1), ("2026-Q2", 1)]);
    let years = app
        .get(
            "/api/v1/statistics/projects/series?interval=year&from=2025-01-01&to=2026-12-31&assistance_type=education",
            &member,
        )
        .await;
    let y: Vec<(&str, i64, &str)> = years.body["periods"]
        .as_array()
        .expect("periods")
        .iter()
        .map(|p| {
            (
                p["period"].as_str().unwrap_or(""),
                p["landed"].as_i64().unwrap_or(-1),
                p["funds_in_place"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(y, vec![("2025", 0, "0.00"), ("2026", 1, "250.00")], "the organization's own projects, by type");
}

/// The dashboard's 本年落地 figure (the series' `landed` summed over the year) links to the
/// project list filtered by `landed_year`: both put a landing in its year of China Standard Time.
#[actix_web::test]
async fn the_list_of_a_years_landings_is_the_series_landed_figure() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let (member, _) = set_clock(&app, "2025-12-31T12:00:00").await;
    let old = create(&app, &member, project(ZHAOJUE, &w.org, "industry", "1000", 1)).await;
    let new = create(&app, &member, project(ZHAOJUE, &w.org, "education", "1000", 1)).await;
    for p in [&old, &new] {
        move_to(&app, &member, p, "signed", "签约").await;
        move_to(&app, &member, p, "landed", "建成").await;
    }
    let (_, county) = set_clock(&app, "2025-12-31T15:30:00").await; // 23:30 on 31 December in Beijing
    move_to(&app, &county, &old, "landed", "核验").await;
    let (_, county) = set_clock(&app, "2025-12-31T16:30:00").await; // 00:30 on 1 January 2026 in Beijing
    move_to(&app, &county, &new, "landed", "核验").await;
    let admin = app.admin().await;

    let years = app.get("/api/v1/statistics/projects/series?interval=year&from=2025-01-01&to=2026-12-31", &admin).await;
    let landed: Vec<(&str, i64)> = years.body["periods"]
        .as_array()
        .expect("periods")
        .iter()
        .map(|p| (p["period"].as_str().unwrap_or(""), p["landed"].as_i64().unwrap_or(-1)))
        .collect();
    assert_eq!(landed, vec![("2025", 1), ("2026", 1)]);
    for (year, id) in [(2025, &old), (2026, &new)] {
        let list = app.get(&format!("/api/v1/projects?landed_year={year}&county={ZHAOJUE}&count=true"), &admin).await;
        assert_eq!(list.status, 200, "{}", list.body);
        assert_eq!(list.body["total"], 1, "{year}: {}", list.body);
        assert_eq!(list.body["items"][0]["id"].as_str(), Some(id.as_str()), "{year}");
    }
    let r = app.get("/api/v1/projects?landed_year=1999", &admin).await;
    assert_eq!(r.error_fields(), vec!["landed_year"], "{}", r.body);
}

#[actix_web::test]
async fn roll_ups_export_with_chinese_headers_and_a_totals_row_and_the_public_figures_need_no_login() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let p1 = create(&app, &w.member, project(ZHAOJUE, &w.org, "industry", "500000", 300)).await;
    create(&app, &w.member, project(XIDE, &w.org, "education", "100000", 50)).await;
    progress(&app, &w.member, &p1, "2026-05-01", "1234.56", 7).await;
    land(&app, &w.member, &w.county, &p1).await;

    let csv = app.get("/api/v1/statistics/projects/export?group_by=county,status&format=csv", &w.admin).await;
    assert_eq!(csv.status, 200);
    let text = csv.body.as_str().expect("csv text").trim_start_matches('\u{feff}').to_owned();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "县代码,县,项目状态,项目数,计划资金（元）,到位资金（元）,政府购买合同金额（元）,计划受益人数,实际受益人数"
    );
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[1].starts_with("513431,昭觉县,已落地,1,500000.00,1234.56"), "{}", lines[1]);
    assert!(lines[3].starts_with("合计,,,2,600000.00,1234.56"), "{}", lines[3]);
    let xlsx = app.get("/api/v1/statistics/projects/export?group_by=province", &w.admin).await;
    assert_eq!(
        xlsx.header("content-type").as_deref(),
        Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    );

    let public = app.call(Method::GET, "/api/v1/public/statistics", None, None, &[]).await;
    assert_eq!(public.status, 200, "{}", public.body);
    assert_eq!(public.header("cache-control").as_deref(), Some("public, max-age=60"));
    // Published projects only: the landed one, not the one still docking.
    assert_eq!(
        (public.body["projects"]["count"].as_i64(), public.body["projects"]["funds_in_place"].as_str()),
        (Some(1), Some("1234.56"))
    );
    assert_eq!(public.body["by_province"][0]["province"], "510000");
    let months = public.body["this_year"].as_array().expect("months");
    assert_eq!(months[0]["period"].as_str().map(|p| p.ends_with("-01")), Some(true));
    let landed: i64 = months.iter().map(|m| m["landed"].as_i64().unwrap_or(0)).sum();
    assert_eq!(landed, 1);
    let again =
        app.call(Method::GET, "/api/v1/public/statistics", None, None, &[("if-none-match", &public.etag())]).await;
    assert_eq!(again.status, 304);
}

#[actix_web::test]
async fn the_maintained_figures_equal_a_recount_after_a_hundred_concurrent_writes() {
    let app = TestApp::spawn_full(None, &[("DATABASE_CONNECT_TIMEOUT", "30")], None).await;
    let w = world(&app).await;
    let mut ids = vec![];
    for i in 0..10 {
        let county = if i % 2 == 0 { ZHAOJUE } else { XIDE };
        ids.push(
            create(&app, &w.member, project(county, &w.org, "industry", &format!("{}000.0{}", i + 1, i), 10 + i)).await,
        );
    }
    let types = ["industry", "education", "health", "employment"];
    let writes = (0..100usize).map(|i| {
        let (app, member, admin) = (&app, w.member.clone(), w.admin.clone());
        let id = ids[i % ids.len()].clone();
        async move {
            let path = format!("/api/v1/projects/{id}");
            match i % 4 {
                // appends: no If-Match, all must count
                0 | 1 => {
                    let body = json!({"date": format!("2026-{:02}-15", 1 + i % 12), "narrative": "进展", "funds_delta": format!("{i}.{:02}", i % 100), "beneficiaries_delta": i});
                    app.post(&format!("{path}/updates"), &member, body).await
                }
                // a change of type and planned funds, against the version read: projects move
                // between the same cells in opposite directions at once (on PostgreSQL that
                // deadlocked without the county lock of projects::rollup)
                2 => {
                    let cur = app.get(&path, &admin).await;
                    let to = if cur.body["assistance_type"] == "industry" { types[1 + i % (types.len() - 1)] } else { "industry" };
                    let body = json!({"assistance_type": to, "planned_funds": format!("{}.50", 1000 + i)});
                    app.patch(&path, &admin, &cur.etag(), body).await
                }
                // a status move
                _ => {
                    let cur = app.get(&path, &member).await;
                    let to = if cur.body["status"] == "docking" { "signed" } else { "landed" };
                    app.call(Method::POST, &format!("{path}/transitions"), Some(&member), Some(json!({"to": to, "reason": "推进"})), &[("if-match", &cur.etag())]).await
                }
            }
        }
    });
    let results = join_all(writes).await;
    for r in &results {
        assert!([200, 201, 409, 412].contains(&r.status.as_u16()), "{} {}", r.status, r.body);
    }
    // appends need no If-Match: every one of them lands
    assert!(results.iter().enumerate().filter(|(i, _)| i % 4 < 2).all(|(_, r)| r.status == 201));

    // The recount: every project as the list reads it.
    let list = app.get("/api/v1/projects?limit=200", &w.admin).await;
    let mut expected: std::collections::BTreeMap<String, (i64, i128, i128, i128)> = Default::default();
    let fen = |v: &Value| -> i128 { v.as_str().expect("money").replace('.', "").parse().expect("fen") };
    for p in list.body["items"].as_array().expect("items") {
        let e = expected
            .entry(format!("{}/{}", p["status"].as_str().unwrap_or(""), p["assistance_type"].as_str().unwrap_or("")))
            .or_default();
        e.0 += 1;
        e.1 += fen(&p["planned_funds"]);
        e.2 += fen(&p["funds_in_place"]);
        e.3 += i128::from(p["beneficiaries_reached"].as_i64().unwrap_or(0));
    }
    let q = "/api/v1/statistics/projects?group_by=status,assistance_type";
    let rolled = app.get(q, &w.admin).await;
    let mut got: std::collections::BTreeMap<String, (i64, i128, i128, i128)> = Default::default();
    for r in rolled.body["rows"].as_array().expect("rows") {
        let f = &r["figures"];
        got.insert(
            format!("{}/{}", r["status"].as_str().unwrap_or(""), r["assistance_type"].as_str().unwrap_or("")),
            (
                f["count"].as_i64().unwrap_or(0),
                fen(&f["planned_funds"]),
                fen(&f["funds_in_place"]),
                i128::from(f["beneficiaries_reached"].as_i64().unwrap_or(0)),
            ),
        );
    }
    assert_eq!(got, expected);
    // Funds by month add up to the funds in place.
    let series = app.get("/api/v1/statistics/projects/series?from=2026-01-01&to=2026-12-31", &w.admin).await;
    let by_month: i128 =
        series.body["periods"].as_array().expect("periods").iter().map(|p| fen(&p["funds_in_place"])).sum();
    assert_eq!(by_month, expected.values().map(|e| e.2).sum::<i128>());

    // And both equal what a recount from scratch writes.
    let series_q = "/api/v1/statistics/projects/series?from=2026-01-01&to=2026-12-31";
    let (before, before_series) = (rolled.body.clone(), series.body.clone());
    let mut conn = app.state.pool.get().expect("connection");
    zhuxiang::projects::rollup::rebuild(&mut conn).expect("rebuild");
    drop(conn);
    app.state.aggregates.invalidate();
    assert_eq!(app.get(q, &w.admin).await.body, before);
    assert_eq!(app.get(series_q, &w.admin).await.body, before_series);
}

fn pairing(county: &str, lead: &str) -> Value {
    json!({"county_code": county, "lead_organization_id": lead, "assistance_types": ["industry"],
           "channel": "east_org", "planned_funds": "1250000.00", "planned_projects": 3, "commitment": "三年产业帮扶"})
}

/// `(key values…, first measure)` of a table's rows.
fn keyed(r: &Resp, keys: &[&str], measure: &str) -> Vec<(String, Value)> {
    assert_eq!(r.status, 200, "{}", r.body);
    r.body["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| {
            (
                keys.iter()
                    .map(|k| row[*k].as_str().map(str::to_owned).unwrap_or_else(|| row[*k].to_string()))
                    .collect::<Vec<_>>()
                    .join("/"),
                row[measure].clone(),
            )
        })
        .collect()
}

#[actix_web::test]
async fn every_fact_has_a_table_over_the_callers_scope_and_exports_it_in_chinese() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let (sichuan, yunnan) = app.sichuan_and_yunnan().await;
    let viewer = app.user(&w.admin, "t-viewer", "viewer", json!({})).await;
    let other = app.org(&w.admin, 2, "530000", &["health"]).await;
    let p = app.post("/api/v1/pairings", &w.member, pairing(ZHAOJUE, &w.org)).await;
    let id = p.body["id"].as_str().expect("id").to_owned();
    assert_eq!(app.move_pairing(&w.county, &id, "confirmed", "").await.body["status"], "active");
    for (day, volunteers) in [("2026-03-01", 30), ("2026-06-01", 12)] {
        let body = json!({"record_date": day, "trainings": 1, "trainees": 40, "local_organizations": 1, "volunteers": volunteers, "social_workers": 2});
        assert_eq!(app.post(&format!("/api/v1/pairings/{id}/cultivation"), &w.member, body).await.status, 201);
    }
    let proposed = app.post("/api/v1/pairings", &w.admin, pairing(HUIZE, &other)).await;
    assert_eq!(proposed.status, 201, "{}", proposed.body);
    let waiting = proposed.body["status"].as_str().expect("status").to_owned();

    let t = |fact: &str, q: &str| format!("/api/v1/statistics/tables/{fact}?{q}");
    let pairings = t("pairings", "group_by=province,status");
    assert_eq!(
        keyed(&app.get(&pairings, &w.admin).await, &["province", "status"], "count"),
        vec![("510000/active".into(), json!(1)), (format!("530000/{waiting}"), json!(1))]
    );
    let national = app.get(&pairings, &w.admin).await;
    assert_eq!(national.body["rows"][0]["planned_funds"], "1250000.00");
    assert_eq!(national.body["rows"][0]["province_name"], "四川省");
    assert_eq!(national.body["totals"]["count"], 2);
    let labels: Vec<&str> = national.body["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .map(|c| c["label_zh"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(labels, vec!["省份", "省份名称", "结对状态", "结对数", "覆盖县数", "计划资金（元）", "计划项目数"]);
    for token in [&viewer, &w.member, &sichuan, &w.county] {
        assert_eq!(
            keyed(&app.get(&pairings, token).await, &["province", "status"], "count"),
            vec![("510000/active".into(), json!(1))]
        );
    }
    assert_eq!(
        keyed(&app.get(&pairings, &yunnan).await, &["province", "status"], "count"),
        vec![(format!("530000/{waiting}"), json!(1))]
    );

    // cultivation: what the active pairing recorded, for those who may see it
    let cultivation = t("cultivation", "group_by=county");
    let c = app.get(&cultivation, &viewer).await;
    assert_eq!(
        (
            c.body["rows"][0]["county"].as_str(),
            c.body["rows"][0]["volunteers"].as_i64(),
            c.body["rows"][0]["social_workers"].as_i64()
        ),
        (Some(ZHAOJUE), Some(42), Some(4))
    );
    assert_eq!(app.get(&cultivation, &yunnan).await.body["totals"]["volunteers"], 0);

    // organizations: a county officer's are those paired with the county
    let orgs = t("organizations", "group_by=province");
    assert_eq!(
        keyed(&app.get(&orgs, &w.admin).await, &["province"], "count"),
        vec![("330000".into(), json!(1)), ("530000".into(), json!(1))]
    );
    assert_eq!(keyed(&app.get(&orgs, &w.county).await, &["province"], "count"), vec![("330000".into(), json!(1))]);
    assert_eq!(keyed(&app.get(&orgs, &w.member).await, &["province"], "count"), vec![("330000".into(), json!(1))]);
    assert_eq!(keyed(&app.get(&orgs, &sichuan).await, &["province"], "count"), vec![]);

    // no needs yet: an empty table, its ratio undefined rather than a division by zero
    let needs = app.get(&t("needs", "group_by=status,priority"), &w.admin).await;
    assert_eq!(
        (needs.body["rows"].as_array().map(Vec::len), needs.body["totals"]["count"].as_i64()),
        (Some(0), Some(0))
    );
    assert!(needs.body["totals"]["matched_ratio"].is_null());
    // projects through the same shape
    create(&app, &w.member, project(ZHAOJUE, &w.org, "industry", "500000", 300)).await;
    let projects = app.get(&t("projects", "group_by=assistance_type"), &w.member).await;
    assert_eq!(keyed(&projects, &["assistance_type"], "planned_funds"), vec![("industry".into(), json!("500000.00"))]);

    // what a fact does not know is a 422 naming the parameter
    for (path, field) in [
        (t("organizations", "county=513431"), "county"),
        (t("organizations", "group_by=channel"), "group_by"),
        (t("pairings", "status=bogus"), "status"),
        (t("brands", "priority=high"), "priority"),
        (t("needs", "year=1900"), "year"),
    ] {
        assert_eq!(app.get(&path, &w.admin).await.error_fields(), vec![field], "{path}");
    }
    assert_eq!(app.get("/api/v1/statistics/tables/bogus", &w.admin).await.status, 404);

    let csv = app
        .get(
            &t("pairings", "group_by=status,channel&format=csv").replace("tables/pairings?", "tables/pairings/export?"),
            &w.admin,
        )
        .await;
    assert_eq!(csv.status, 200, "{}", csv.body);
    let text = csv.body.as_str().expect("csv").trim_start_matches('\u{feff}').to_owned();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "结对状态,结对渠道,结对数,覆盖县数,计划资金（元）,计划项目数");
    assert!(lines.contains(&"帮扶中,东部社会组织,1,1,1250000.00,3"), "{text}");
    assert_eq!(lines.last().copied(), Some("合计,,2,2,2500000.00,6"));
}

/// `(keys…, measures…)` of a table's rows, keys joined by `/` (null as `null`).
fn measured(r: &Resp, keys: &[&str], measures: &[&str]) -> Vec<(String, Vec<i64>)> {
    keyed(r, keys, measures[0])
        .into_iter()
        .zip(r.body["rows"].as_array().expect("rows"))
        .map(|((k, _), row)| (k, measures.iter().map(|m| row[*m].as_i64().unwrap_or(-1)).collect()))
        .collect()
}

fn totals(r: &Resp, measures: &[&str]) -> Vec<i64> {
    assert_eq!(r.status, 200, "{}", r.body);
    measures.iter().map(|m| r.body["totals"][*m].as_i64().unwrap_or(-1)).collect()
}

fn training(level: &str, title: &str) -> Value {
    json!({"title": title, "organizer_level": level, "starts_on": "2026-06-01", "ends_on": "2026-06-03",
           "mode": "onsite", "place": "成都"})
}

async fn plan(app: &TestApp, token: &str, body: Value) -> String {
    let r = app.post("/api/v1/trainings", token, body).await;
    assert_eq!(r.status, 201, "{}", r.body);
    r.body["id"].as_str().expect("id").to_owned()
}

async fn participant(app: &TestApp, token: &str, training: &str, body: Value) {
    let r = app.post(&format!("/api/v1/trainings/{training}/participants"), token, body).await;
    assert_eq!(r.status, 200, "{}", r.body);
}

#[actix_web::test]
async fn trainings_count_the_organizations_and_people_trained_in_each_scope() {
    let app = TestApp::spawn().await;
    let w = crate::brands::world(&app).await;
    // 四川's own training, held: one organization came (5 people), one was confirmed absent (4)
    let held = plan(&app, &w.province, training("provincial", "四川省社会组织能力提升培训")).await;
    participant(&app, &w.province, &held, json!({"organization_id": w.org, "head_count": 5})).await;
    participant(&app, &w.province, &held, json!({"organization_id": w.other_org, "head_count": 4})).await;
    assert_eq!(app.move_entity(&w.province, &format!("/api/v1/trainings/{held}"), "held", "").await.status, 200);
    participant(&app, &w.province, &held, json!({"organization_id": w.org, "head_count": 5, "attended": true})).await;
    participant(&app, &w.province, &held, json!({"organization_id": w.other_org, "head_count": 4, "attended": false}))
        .await;
    // 昭觉's, planned (attendance not yet confirmed: its people count); 云南's; a national one
    let mut online = training("county", "昭觉县社会组织培训");
    online["mode"] = json!("online");
    let county = plan(&app, &w.county, online).await;
    participant(&app, &w.county, &county, json!({"organization_id": w.org, "head_count": 2})).await;
    let yunnan = plan(&app, &w.other_province, training("provincial", "云南省社会组织培训")).await;
    participant(&app, &w.other_province, &yunnan, json!({"organization_id": w.other_org, "head_count": 7})).await;
    plan(&app, &w.admin, training("national", "全国社会组织骨干培训")).await;

    let t = |q: &str| format!("/api/v1/statistics/tables/trainings?{q}");
    let m = ["count", "organizations", "head_count"];
    // the training with one organization absent: one training, one organization, its 5 people
    let one = app.get(&t("province=510000&level=provincial"), &w.admin).await;
    assert_eq!(totals(&one, &m), vec![1, 1, 5]);
    // by province: the national training is the row of no province, named 全国, first
    let by_province = app.get(&t("group_by=province"), &w.admin).await;
    assert_eq!(
        measured(&by_province, &["province"], &m),
        vec![("null".into(), vec![1, 0, 0]), ("510000".into(), vec![2, 1, 7]), ("530000".into(), vec![1, 1, 7])]
    );
    assert_eq!(by_province.body["rows"][0]["province_name"], "全国");
    assert_eq!(totals(&by_province, &m), vec![4, 2, 14]);
    let labels: Vec<&str> = by_province.body["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .filter_map(|c| c["label_zh"].as_str())
        .collect();
    assert_eq!(labels, vec!["省份", "省份名称", "培训场次", "参训组织", "培训人次"]);

    // each scope its own: a province its provincial and county trainings, not 云南's nor the
    // national one; a county its own; an organization those it took part in; the others the held
    let by_level = t("group_by=level");
    assert_eq!(
        measured(&app.get(&by_level, &w.province).await, &["level"], &m),
        vec![("county".into(), vec![1, 1, 2]), ("provincial".into(), vec![1, 1, 5])]
    );
    assert_eq!(
        measured(&app.get(&by_level, &w.other_province).await, &["level"], &m),
        vec![("provincial".into(), vec![1, 1, 7])]
    );
    assert_eq!(measured(&app.get(&by_level, &w.county).await, &["level"], &m), vec![("county".into(), vec![1, 1, 2])]);
    assert_eq!(totals(&app.get(&t(""), &w.member).await, &m), vec![2, 1, 7]);
    assert_eq!(
        measured(&app.get(&t("group_by=status,mode"), &w.viewer).await, &["status", "mode"], &m),
        vec![("held/onsite".into(), vec![1, 1, 5])]
    );
    // the year of the start; filters by the training's own keys only
    assert_eq!(
        keyed(&app.get(&t("group_by=year"), &w.admin).await, &["year"], "count"),
        vec![("2026".into(), json!(4))]
    );
    for (path, field) in [(t("county=513431"), "county"), (t("level=bogus"), "level"), (t("severity=high"), "severity")]
    {
        assert_eq!(app.get(&path, &w.admin).await.error_fields(), vec![field], "{path}");
    }

    // the export names the values in Chinese
    let csv =
        app.get(&t("group_by=level,status&format=csv").replace("trainings?", "trainings/export?"), &w.admin).await;
    assert_eq!(csv.status, 200, "{}", csv.body);
    let text = csv.body.as_str().expect("csv").trim_start_matches('\u{feff}').to_owned();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "主办层级,培训状态,培训场次,参训组织,培训人次");
    assert!(lines.contains(&"省级,已举办,1,1,5"), "{text}");
    assert!(lines.contains(&"国家级,计划中,1,0,0"), "{text}");
}

fn incident(org: &str, county: &str, severity: &str, extra: Value) -> Value {
    let mut body = json!({"title": "项目现场安全事故", "kind": "safety", "severity": severity, "organization_id": org,
                          "county_code": county, "occurred_at": "2026-11-20T02:00:00Z", "description": "已妥善处置"});
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    body
}

async fn report(app: &TestApp, token: &str, body: Value) -> String {
    let r = app.post("/api/v1/incidents", token, body).await;
    assert_eq!(r.status, 201, "{}", r.body);
    r.body["id"].as_str().expect("id").to_owned()
}

#[actix_web::test]
async fn incidents_count_by_severity_and_status_and_nobody_sees_more_than_the_incident_list() {
    let app = TestApp::spawn().await;
    let w = crate::brands::world(&app).await;
    // 昭觉: a high one reported by the county, a low one handled and resolved, a medium one the
    // organization reported about its own project; 会泽 (云南): a critical one, at 01:00 on
    // 1 January 2026 in China (still 2025 in UTC)
    report(&app, &w.county, incident(&w.org, ZHAOJUE, "high", json!({}))).await;
    let low = report(&app, &w.county, incident(&w.org, ZHAOJUE, "low", json!({"kind": "dispute"}))).await;
    for to in ["handling", "resolved"] {
        assert_eq!(app.move_entity(&w.county, &format!("/api/v1/incidents/{low}"), to, "").await.status, 200);
    }
    let p = app
        .post(
            "/api/v1/projects",
            &w.member,
            json!({"title": "花椒烘干车间", "county_code": ZHAOJUE, "assistance_type": "industry",
                   "organizations": [{"organization_id": w.org, "role": "lead"}]}),
        )
        .await;
    let project = p.body["id"].as_str().expect("project");
    report(&app, &w.member, incident(&w.org, ZHAOJUE, "medium", json!({"project_id": project, "county_code": null})))
        .await;
    report(&app, &w.admin, incident(&w.other_org, HUIZE, "critical", json!({"occurred_at": "2025-12-31T17:00:00Z"})))
        .await;

    let t = |q: &str| format!("/api/v1/statistics/tables/incidents?{q}");
    let m = ["count", "urgent", "open"];
    let by_severity = app.get(&t("group_by=severity"), &w.admin).await;
    assert_eq!(
        measured(&by_severity, &["severity"], &m),
        vec![
            ("critical".into(), vec![1, 1, 1]),
            ("high".into(), vec![1, 1, 1]),
            ("low".into(), vec![1, 0, 0]),
            ("medium".into(), vec![1, 0, 1])
        ]
    );
    assert_eq!(totals(&by_severity, &m), vec![4, 2, 3]);
    assert_eq!(
        measured(&app.get(&t("group_by=status"), &w.admin).await, &["status"], &m),
        vec![("reported".into(), vec![3, 2, 3]), ("resolved".into(), vec![1, 0, 0])]
    );
    assert_eq!(
        keyed(&app.get(&t("group_by=year"), &w.admin).await, &["year"], "count"),
        vec![("2026".into(), json!(4))]
    );
    assert_eq!(
        measured(&app.get(&t("group_by=province,kind&severity=low"), &w.admin).await, &["province", "kind"], &m),
        vec![("510000/dispute".into(), vec![1, 0, 0])]
    );

    // each scope exactly what its incident list holds: a province its own, a county its own, an
    // organization's members the ones it reported; viewers none (incidents are never public)
    for (token, expected) in [
        (&w.province, vec![3, 1, 2]),
        (&w.other_province, vec![1, 1, 1]),
        (&w.county, vec![3, 1, 2]),
        (&w.member, vec![1, 0, 1]),
    ] {
        let listed = app.get("/api/v1/incidents", token).await;
        assert_eq!(listed.body["items"].as_array().map(|i| i.len() as i64), Some(expected[0]), "{}", listed.body);
        assert_eq!(totals(&app.get(&t(""), token).await, &m), expected);
    }
    let anonymous = app.get(&t("group_by=province,severity"), &w.viewer).await;
    assert_eq!((anonymous.body["rows"].clone(), totals(&anonymous, &m)), (json!([]), vec![0, 0, 0]));
    let labels: Vec<&str> =
        anonymous.body["columns"].as_array().expect("columns").iter().filter_map(|c| c["label_zh"].as_str()).collect();
    assert_eq!(labels, vec!["省份", "省份名称", "事件等级", "事件数", "重大及以上", "未结"]);
    assert_eq!(app.get(&t("level=national"), &w.admin).await.error_fields(), vec!["level"]);

    let csv = app
        .get(&t("group_by=severity,status&format=csv").replace("incidents?", "incidents/export?"), &w.province)
        .await;
    let text = csv.body.as_str().expect("csv").trim_start_matches('\u{feff}').to_owned();
    assert_eq!(
        text.lines().collect::<Vec<_>>(),
        vec![
            "事件等级,事件状态,事件数,重大及以上,未结",
            "重大,已报告,1,1,1",
            "一般,已处置,1,0,0",
            "较大,已报告,1,0,1",
            "合计,,3,1,2"
        ]
    );
}
