//! The audit log as an accountability tool: labelled codes, people by name, the fields an event
//! changed (status moves included), filters by actor and China-time dates, and the export.

use serde_json::{Value, json};

use crate::helpers::TestApp;
use crate::projects::{MEMBER, project, world};

fn actions(page: &Value) -> Vec<String> {
    page["items"].as_array().expect("items").iter().map(|e| e["action"].as_str().unwrap_or("").to_owned()).collect()
}

#[actix_web::test]
async fn the_audit_log_names_people_shows_what_changed_and_filters_by_actor_and_day() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let id = app.post("/api/v1/projects", &w.member, project(&w.org)).await.body["id"].as_str().expect("id").to_owned();
    let moved = app.move_entity(&w.member, &format!("/api/v1/projects/{id}"), "signed", "签约").await;
    assert_eq!(moved.status, 200, "{}", moved.body);

    let page = app.get(&format!("/api/v1/audit-events?entity_id={id}"), &w.admin).await;
    assert_eq!(actions(&page.body), ["project.transition", "project.create"]);
    let signed = &page.body["items"][0];
    // the account's login name stays in the trail; the person is named beside it
    assert_eq!((signed["actor_label"].as_str(), signed["actor_name"].as_str()), (Some("zj-staff"), Some(MEMBER)));
    // a status move changes the status (and says why), never "nothing"
    let changed: Vec<&str> =
        signed["changed_fields"].as_array().expect("fields").iter().filter_map(Value::as_str).collect();
    assert!(changed.contains(&"status") && changed.contains(&"reason"), "{changed:?}");
    assert_eq!(page.body["items"][1]["changed_fields"], json!([]), "a creation lists no changed fields");

    // by actor: the member's events only
    let member_id = signed["actor_id"].as_str().expect("actor id");
    let mine = app.get(&format!("/api/v1/audit-events?actor={member_id}"), &w.admin).await;
    assert!(!mine.body["items"].as_array().expect("items").is_empty());
    assert!(mine.body["items"].as_array().expect("items").iter().all(|e| e["actor_name"] == MEMBER));

    // by China-time day: today holds them, yesterday and tomorrow none; a reversed range is named
    let today = (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive();
    let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    let range = |from: String, to: String| format!("/api/v1/audit-events?entity_id={id}&from={from}&to={to}");
    let (yesterday, tomorrow) = (today.pred_opt().expect("day"), today.succ_opt().expect("day"));
    assert_eq!(actions(&app.get(&range(day(today), day(today)), &w.admin).await.body).len(), 2);
    assert_eq!(actions(&app.get(&range(day(yesterday), day(yesterday)), &w.admin).await.body).len(), 0);
    assert_eq!(actions(&app.get(&range(day(tomorrow), day(tomorrow)), &w.admin).await.body).len(), 0);
    assert_eq!(app.get(&range(day(today), day(yesterday)), &w.admin).await.error_fields(), ["to"]);
    let no_date = app.get("/api/v1/audit-events?from=2026-13-01", &w.admin).await;
    assert_eq!(no_date.error_fields(), ["from"], "a date that is no date is named");

    // the vocabulary labels every code the log holds
    let vocabulary = app.get("/api/v1/audit-events/vocabulary", &w.admin).await;
    let label = |kind: &str, code: &str| {
        vocabulary.body[kind].as_array().expect("terms").iter().find(|t| t["code"] == code).map(|t| t["zh"].clone())
    };
    assert_eq!(label("actions", "project.transition"), Some(json!("项目状态变更")));
    assert_eq!(label("entity_types", "project"), Some(json!("项目")));
    assert_eq!(app.get("/api/v1/audit-events/vocabulary", &w.county).await.status, 403);

    // the export: the same filters, Chinese labels, the person and the account
    let csv = app.get(&format!("/api/v1/audit-events/export?entity_id={id}&format=csv"), &w.admin).await;
    assert_eq!(csv.status, 200);
    let text = csv.body.as_str().expect("csv").trim_start_matches('\u{feff}').to_owned();
    let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    let header = lines.iter().position(|l| l.starts_with("时间,")).expect("a header row");
    assert_eq!(lines.len() - header - 1, 2, "{text}");
    assert!(lines[header + 1].contains("项目状态变更") && lines[header + 1].contains(MEMBER), "{text}");
    assert!(lines[header + 2].contains("创建对接项目") && lines[header + 2].contains("zj-staff"), "{text}");
}
