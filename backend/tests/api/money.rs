//! Money never overflows silently: a write that would carry a figure past the largest amount is
//! refused with 422, and totals over many projects are exact however large they grow.

use diesel::RunQueryDsl;
use serde_json::json;

use crate::helpers::TestApp;
use crate::projects::{ZHAOJUE, project, world};

/// The largest amount an API field accepts (10 trillion yuan).
const LARGEST: &str = "10000000000000.00";

#[actix_web::test]
async fn figures_that_would_overflow_are_refused() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let p = app.post("/api/v1/projects", &w.member, project(&w.org)).await;
    let id = p.body["id"].as_str().expect("id").to_owned();
    let path = format!("/api/v1/projects/{id}/updates");
    let update = |funds: &str, people: i64| json!({"date": "2026-05-01", "narrative": "到位", "funds_delta": funds, "beneficiaries_delta": people});
    let r = app.post(&path, &w.member, update(LARGEST, i64::MAX)).await;
    assert_eq!(r.status, 201, "{}", r.body);
    // One fen more, or one person more, would pass what a figure can hold.
    assert_eq!(app.post(&path, &w.member, update("0.01", 0)).await.error_fields(), vec!["funds_delta"]);
    assert_eq!(app.post(&path, &w.member, update("0", 1)).await.error_fields(), vec!["beneficiaries_delta"]);
    let cur = app.get(&format!("/api/v1/projects/{id}"), &w.admin).await;
    assert_eq!(cur.body["funds_in_place"], LARGEST);
    assert_eq!(cur.body["beneficiaries_reached"], i64::MAX);
    assert_eq!(app.get(&path, &w.admin).await.body["items"].as_array().map(Vec::len), Some(1), "nothing half-written");
}

/// 9,224 projects at the largest amount hold more fen than a 64-bit integer: the campaign funnel
/// still answers, with the exact total.
#[actix_web::test]
async fn the_funnel_sums_funds_beyond_64_bits_exactly() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let c = app.post("/api/v1/campaigns", &w.admin, json!({"year": 2026, "theme": "乡村行"})).await;
    let cid = c.body["id"].as_str().expect("id").to_owned();
    let e = app
        .post(
            &format!("/api/v1/campaigns/{cid}/events"),
            &w.admin,
            json!({"date": "2026-06-01", "place": "昭觉", "county_code": ZHAOJUE, "organization_ids": [w.org]}),
        )
        .await;
    let mut b = project(&w.org);
    b["event_id"] = e.body["id"].clone();
    let p = app.post("/api/v1/projects", &w.member, b).await;
    let id = p.body["id"].as_str().expect("id").to_owned();
    let r = app
        .post(
            &format!("/api/v1/projects/{id}/updates"),
            &w.member,
            json!({"date": "2026-05-01", "narrative": "到位", "funds_delta": LARGEST}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    // 9,223 more like it, copied in the database (through the API this would take minutes).
    let mut conn = app.state.pool.get().expect("conn");
    let copied = diesel::sql_query(format!(
        "INSERT INTO projects (id, title, county_code, province_code, event_id, campaign_id, assistance_type, \
         funds_in_place_fen, status, stage, last_activity_at, created_at, updated_at) \
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 9223) \
         SELECT 'copy-' || CAST(n.i AS TEXT), p.title, p.county_code, p.province_code, p.event_id, p.campaign_id, \
         p.assistance_type, p.funds_in_place_fen, p.status, p.stage, p.last_activity_at, p.created_at, p.updated_at \
         FROM n CROSS JOIN projects p WHERE p.id = '{id}'"
    ))
    .execute(&mut conn)
    .expect("copies");
    assert_eq!(copied, 9223);
    drop(conn);
    let f = app.get(&format!("/api/v1/campaigns/{cid}/funnel"), &w.admin).await;
    assert_eq!(f.status, 200, "{}", f.body);
    assert_eq!(f.body["docked"], 9224);
    assert_eq!(f.body["funds"], "92240000000000000.00");
    assert_eq!(f.body["by_province"][0]["stages"]["funds"], "92240000000000000.00");
}
