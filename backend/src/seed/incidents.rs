//! The demo's incidents (应急处理 · 风险防范): four on 四川's projects, one at every stage, reported
//! by the province with their handling logs; the urgent open one is told to the national admin
//! and sc-officer, so the incident pages, the bell and the risk view have something to show.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::{incident_actions, incidents, project_organizations, projects};
use crate::domain::incident::{IncidentKind, IncidentStatus, Severity};
use crate::domain::{Consent, Role};
use crate::history::StatusEventRow;
use crate::incidents::model::{ActionRow, IncidentRow};

/// (title, kind, severity, final status, days ago, description, handling notes)
type Story = (&'static str, IncidentKind, Severity, IncidentStatus, i64, &'static str, &'static [&'static str]);

const STORIES: [Story; 4] = [
    (
        "冒用基金会名义向村民收取“入会费”",
        IncidentKind::FraudImpersonation,
        Severity::High,
        IncidentStatus::Handling,
        3,
        "有人自称项目工作人员，在两个村收取每户 200 元“入会费”，基金会称并未授权。",
        &["已通报县公安局，并在村务公开栏张贴提醒", "基金会发布声明，公布官方联系方式"],
    ),
    (
        "养老站施工现场脚手架倒塌",
        IncidentKind::Safety,
        Severity::Medium,
        IncidentStatus::Resolved,
        40,
        "夜间大风致脚手架倒塌，无人员伤亡，施工暂停两天。",
        &["县应急管理局现场检查，要求加固后复工", "加固完成，已复工"],
    ),
    (
        "项目资金拨付延迟引发群众质疑",
        IncidentKind::PublicOpinion,
        Severity::Low,
        IncidentStatus::Reported,
        1,
        "部分村民在微信群质疑产业项目资金去向。",
        &[],
    ),
    (
        "合作社分红纠纷",
        IncidentKind::Dispute,
        Severity::Low,
        IncidentStatus::Closed,
        120,
        "两户村民对分红比例有异议，经村委会调解达成一致。",
        &["乡司法所组织调解", "双方签署调解协议"],
    ),
];

const SICHUAN: &str = "510000";

fn provincial_officer(now: NaiveDateTime) -> Caller {
    Caller {
        role: Role::ProvincialOfficer,
        label: "sc-officer".into(),
        name: "四川省乡村振兴局".into(),
        province_code: Some(SICHUAN.into()),
        ..Caller::public(now)
    }
}

/// Writes the demo incidents on 四川's projects; returns how many.
pub fn incidents(conn: &mut DbConn, now: NaiveDateTime) -> anyhow::Result<usize> {
    let on: Vec<(String, String, String)> = projects::table
        .inner_join(project_organizations::table)
        .filter(projects::province_code.eq(SICHUAN))
        .filter(project_organizations::consent.eq(Consent::Accepted))
        .order(projects::id)
        .select((projects::id, projects::county_code, project_organizations::organization_id))
        .limit(STORIES.len() as i64)
        .load(conn)?;
    let reporter = provincial_officer(now);
    let mut made = 0;
    for ((title, kind, severity, status, days, description, notes), (project, county, org)) in STORIES.iter().zip(on) {
        let at = now - Duration::days(*days);
        let row = IncidentRow {
            id: uuid::Uuid::now_v7().to_string(),
            title: (*title).into(),
            kind: *kind,
            severity: *severity,
            organization_id: org,
            project_id: Some(project),
            pairing_id: None,
            county_code: county,
            province_code: SICHUAN.into(),
            occurred_at: at,
            description: (*description).into(),
            status: *status,
            reporter_id: String::new(),
            reported_by: reporter.name.clone(),
            reporter_organization_id: None,
            resolved_at: matches!(status, IncidentStatus::Resolved | IncidentStatus::Closed)
                .then(|| at + Duration::days(5)),
            version: 1,
            created_at: at,
            updated_at: at + Duration::days(5).min(Duration::days(*days)),
        };
        diesel::insert_into(incidents::table).values(&row).execute(conn)?;
        let path: &[IncidentStatus] = match status {
            IncidentStatus::Reported => &[IncidentStatus::Reported],
            IncidentStatus::Handling => &[IncidentStatus::Reported, IncidentStatus::Handling],
            IncidentStatus::Resolved => &[IncidentStatus::Reported, IncidentStatus::Handling, IncidentStatus::Resolved],
            IncidentStatus::Closed => {
                &[IncidentStatus::Reported, IncidentStatus::Handling, IncidentStatus::Resolved, IncidentStatus::Closed]
            }
        };
        let mut from: Option<&str> = None;
        for (i, s) in path.iter().enumerate() {
            let when = at + Duration::hours(i as i64 * 20).min(Duration::days(*days));
            let event = StatusEventRow::new(
                crate::incidents::store::ENTITY,
                &row.id,
                &reporter.name,
                when,
                from,
                s.as_str(),
                "",
            );
            diesel::insert_into(crate::db::schema::status_events::table).values(&event).execute(conn)?;
            from = Some(s.as_str());
        }
        for (i, note) in notes.iter().enumerate() {
            let action = ActionRow {
                id: uuid::Uuid::now_v7().to_string(),
                incident_id: row.id.clone(),
                at: at + Duration::hours(6 + i as i64 * 24).min(Duration::days(*days)),
                actor_id: String::new(),
                actor_name: reporter.name.clone(),
                note: (*note).into(),
                suspended_organization: false,
            };
            diesel::insert_into(incident_actions::table).values(&action).execute(conn)?;
        }
        crate::incidents::notices::changed(conn, &reporter, None, &row)?;
        made += 1;
    }
    Ok(made)
}
