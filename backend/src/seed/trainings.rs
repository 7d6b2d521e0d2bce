//! The demo's trainings (组织培训): a national one held by 民政部 and a provincial one held by
//! 四川 with the demo organizations trained and their attendance, and a county one planned in
//! 昭觉, so the trainings pages and an organization's trainings have something to show.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::{status_events, training_participants, trainings};
use crate::domain::training::{OrganizerLevel, TrainingMode, TrainingStatus};
use crate::domain::{Department, Role};
use crate::history::StatusEventRow;
use crate::trainings::model::{ParticipantRow, TrainingRow};

/// (title, level, department, province, county, days from now, mode, place, topics, organizations trained)
type Plan = (
    &'static str,
    OrganizerLevel,
    Department,
    Option<&'static str>,
    Option<&'static str>,
    i64,
    TrainingMode,
    &'static str,
    &'static [&'static str],
    usize,
);

const PLANS: [Plan; 3] = [
    (
        "全国社会组织助力乡村振兴专题培训班",
        OrganizerLevel::National,
        Department::CivilAffairs,
        None,
        None,
        -60,
        TrainingMode::Mixed,
        "北京",
        &["政策解读", "项目管理", "资金规范使用"],
        12,
    ),
    (
        "四川省社会组织结对帮扶能力提升培训",
        OrganizerLevel::Provincial,
        Department::RuralRevitalization,
        Some("510000"),
        None,
        -20,
        TrainingMode::Onsite,
        "成都",
        &["结对帮扶", "典型案例", "风险防范"],
        6,
    ),
    (
        "昭觉县社会组织项目申报辅导",
        OrganizerLevel::County,
        Department::RuralRevitalization,
        Some("510000"),
        Some("513431"),
        15,
        TrainingMode::Online,
        "线上",
        &["项目申报", "进展填报"],
        3,
    ),
];

/// Writes the demo trainings for `orgs`; returns how many.
pub fn trainings(conn: &mut DbConn, orgs: &[String], now: NaiveDateTime) -> anyhow::Result<usize> {
    let actor = Caller {
        role: Role::NationalAdmin,
        label: "seed".into(),
        name: crate::bootstrap::ADMIN_DISPLAY_NAME.into(),
        ..Caller::public(now)
    };
    for (i, (title, level, department, province, county, days, mode, place, topics, trained)) in
        PLANS.iter().enumerate()
    {
        let starts_on = (now + Duration::days(*days)).date();
        let held = *days < 0;
        let created = now - Duration::days(90 - i as i64);
        let row = TrainingRow {
            id: uuid::Uuid::now_v7().to_string(),
            title: (*title).into(),
            organizer_level: *level,
            organizer_department: *department,
            province_code: province.map(str::to_owned),
            county_code: county.map(str::to_owned),
            starts_on,
            ends_on: starts_on + Duration::days(2),
            mode: *mode,
            place: (*place).into(),
            assistance_types: r#"["industry","employment"]"#.into(),
            topics: serde_json::to_string(topics)?,
            description: "依据《社会组织助力乡村振兴专项行动方案》，强化组织培训，提升社会组织参与乡村振兴的能力。"
                .into(),
            status: if held { TrainingStatus::Held } else { TrainingStatus::Planned },
            version: 1,
            created_at: created,
            updated_at: created,
        };
        diesel::insert_into(trainings::table).values(&row).execute(conn)?;
        let mut events = vec![StatusEventRow::new(
            crate::trainings::store::ENTITY,
            &row.id,
            &actor.name,
            created,
            None,
            "planned",
            "",
        )];
        if held {
            let at = now + Duration::days(*days + 2);
            events.push(StatusEventRow::new(
                crate::trainings::store::ENTITY,
                &row.id,
                &actor.name,
                at,
                Some("planned"),
                "held",
                "",
            ));
        }
        crate::batch_insert!(conn, status_events::table, &events)?;
        let participants: Vec<ParticipantRow> = orgs
            .iter()
            .take(*trained)
            .enumerate()
            .map(|(n, org)| ParticipantRow {
                training_id: row.id.clone(),
                organization_id: org.clone(),
                head_count: 1 + (n as i64 % 3),
                attended: held.then_some(n % 5 != 4),
                added_at: created,
            })
            .collect();
        crate::batch_insert!(conn, training_participants::table, &participants)?;
    }
    Ok(PLANS.len())
}
