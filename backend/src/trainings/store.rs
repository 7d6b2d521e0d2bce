use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Date, Text};

use super::model::{Training, TrainingQuery, TrainingRow};
use crate::auth::Caller;
use crate::db::schema::{counties, provinces, training_participants, trainings};
use crate::db::sql::{Bind, Dynamic, like_pattern};
use crate::db::{DbConn, MultiBackend};
use crate::domain::training::{OrganizerLevel, TrainingStatus};
use crate::domain::{Department, Party, Role, lifecycle};
use crate::error::{ApiError, ApiResult};
use crate::tr;

/// The history's entity name.
pub const ENTITY: &str = "training";

pub fn etag(row: &TrainingRow) -> String {
    crate::http::etag(ENTITY, &row.id, row.version)
}

/// Who organizes a training at this level and place: national ones the national admins; a
/// province's the national admins and its officers; a county's also its county officers.
pub fn organizes(caller: &Caller, level: OrganizerLevel, province: Option<&str>, county: Option<&str>) -> bool {
    match level {
        OrganizerLevel::National => caller.role == Role::NationalAdmin,
        OrganizerLevel::Provincial => province.is_some_and(|p| caller.administers_org(p)),
        OrganizerLevel::County => county.is_some_and(|c| caller.coordinates_county(c) || caller.is_county(c)),
    }
}

pub fn manages(caller: &Caller, row: &TrainingRow) -> bool {
    organizes(caller, row.organizer_level, row.province_code.as_deref(), row.county_code.as_deref())
}

pub fn parties(caller: &Caller, row: &TrainingRow) -> Vec<Party> {
    if manages(caller, row) { vec![Party::Coordinator] } else { vec![] }
}

pub fn load(conn: &mut DbConn, id: &str) -> ApiResult<TrainingRow> {
    trainings::table.find(id).select(TrainingRow::as_select()).first(conn).optional()?.ok_or(ApiError::NotFound)
}

/// Trainings are open to everyone signed in: organizations look for the ones to attend.
pub fn filtered<'a>(query: &TrainingQuery) -> trainings::BoxedQuery<'a, MultiBackend> {
    let mut q = trainings::table.into_boxed();
    // the year is checked by `TrainingQuery::check` (2021–2100)
    if let Some(y) = query.year.and_then(|y| i32::try_from(y).ok())
        && let (Some(from), Some(to)) = (NaiveDate::from_ymd_opt(y, 1, 1), NaiveDate::from_ymd_opt(y, 12, 31))
    {
        q = q.filter(trainings::starts_on.between(from, to));
    }
    if let Some(v) = query.level {
        q = q.filter(trainings::organizer_level.eq(v));
    }
    if let Some(v) = query.status {
        q = q.filter(trainings::status.eq(v));
    }
    if let Some(v) = &query.province {
        q = q.filter(trainings::province_code.eq(v.clone()));
    }
    if let Some(v) = &query.organization {
        let attended = training_participants::table
            .filter(training_participants::organization_id.eq(v.clone()))
            .select(training_participants::training_id);
        q = q.filter(trainings::id.eq_any(attended));
    }
    if let Some(text) = query.q.as_deref().filter(|t| !t.trim().is_empty()) {
        q = q.filter(trainings::title.like(like_pattern(text)).escape('\\'));
    }
    q
}

pub fn cursor_key(row: &TrainingRow) -> String {
    format!("{}\u{1f}{}", row.starts_on, row.id)
}

/// A page, the latest start first, in keyset order.
pub fn page(conn: &mut DbConn, query: &TrainingQuery, after: Option<&str>, limit: i64) -> ApiResult<Vec<TrainingRow>> {
    let mut q = filtered(query).select(TrainingRow::as_select());
    if let Some(after) = after {
        let bad = || ApiError::field("cursor", tr!("不是本接口返回的游标", "not a cursor this API returned"));
        let (day, id) = after.split_once('\u{1f}').ok_or_else(bad)?;
        // a day this API could have written (PostgreSQL refuses far-off dates with an error)
        let day: NaiveDate = day.parse().ok().filter(|d: &NaiveDate| (2000..=2100).contains(&chrono::Datelike::year(d))).ok_or_else(bad)?;
        q = q.filter(
            sql::<Bool>("(trainings.starts_on, trainings.id) < (")
                .bind::<Date, _>(day)
                .sql(", ")
                .bind::<Text, _>(id.to_owned())
                .sql(")"),
        );
    }
    Ok(q.order((trainings::starts_on.desc(), trainings::id.desc())).limit(limit + 1).load(conn)?)
}

pub fn save(conn: &mut DbConn, row: &TrainingRow, expected: i64) -> ApiResult<()> {
    let n = diesel::update(trainings::table.find(&row.id).filter(trainings::version.eq(expected)))
        .set((
            trainings::title.eq(&row.title),
            trainings::starts_on.eq(row.starts_on),
            trainings::ends_on.eq(row.ends_on),
            trainings::mode.eq(row.mode),
            trainings::place.eq(&row.place),
            trainings::assistance_types.eq(&row.assistance_types),
            trainings::topics.eq(&row.topics),
            trainings::description.eq(&row.description),
            trainings::status.eq(row.status),
            trainings::version.eq(row.version),
            trainings::updated_at.eq(row.updated_at),
        ))
        .execute(conn)?;
    if n == 0 { Err(ApiError::PreconditionFailed) } else { Ok(()) }
}

/// Moves the version of a training whose participants are about to change (its counts are part
/// of it), holding its row until the transaction ends: 409 if it was cancelled meanwhile.
pub fn touch(conn: &mut DbConn, id: &str, now: chrono::NaiveDateTime) -> ApiResult<()> {
    let n = diesel::update(trainings::table.find(id).filter(trainings::status.ne(TrainingStatus::Cancelled)))
        .set((trainings::version.eq(trainings::version + 1), trainings::updated_at.eq(now)))
        .execute(conn)?;
    if n == 0 {
        return Err(ApiError::Conflict(tr!("培训已取消。", "The training was cancelled.")));
    }
    Ok(())
}

#[derive(QueryableByName)]
struct Counts {
    #[diesel(sql_type = Text)]
    training_id: String,
    #[diesel(sql_type = BigInt)]
    organizations: i64,
    #[diesel(sql_type = BigInt)]
    head_count: i64,
}

/// Organizations trained and people in all, per training, counted by the database.
fn participant_counts(conn: &mut DbConn, ids: &[&str]) -> ApiResult<Vec<Counts>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let mut q = Dynamic::new(conn);
    q.push(
        // organizations and people trained: those not confirmed absent (as the statistics count them)
        "SELECT training_id, CAST(SUM(CASE WHEN attended IS NOT NULL AND NOT attended THEN 0 ELSE 1 END) AS BIGINT) AS organizations, \
         CAST(SUM(CASE WHEN attended IS NOT NULL AND NOT attended THEN 0 ELSE head_count END) AS BIGINT) AS head_count \
         FROM training_participants WHERE training_id IN ",
    );
    q.bind_list(ids.iter().map(|id| Bind::Text((*id).to_owned())));
    q.push(" GROUP BY training_id");
    Ok(q.load(conn)?)
}

/// The organizer as people say it.
fn organizer(row: &TrainingRow, provinces: &HashMap<String, String>, counties: &HashMap<String, String>) -> String {
    let rural = row.organizer_department == Department::RuralRevitalization;
    let name = |codes: &HashMap<String, String>, code: &Option<String>| code.as_ref().and_then(|c| codes.get(c)).cloned().unwrap_or_default();
    match row.organizer_level {
        OrganizerLevel::National => (if rural { "国家乡村振兴局" } else { "民政部" }).to_owned(),
        OrganizerLevel::Provincial => format!("{}{}", name(provinces, &row.province_code), if rural { "乡村振兴局" } else { "民政厅" }),
        OrganizerLevel::County => format!("{}{}", name(counties, &row.county_code), if rural { "乡村振兴局" } else { "民政局" }),
    }
}

pub fn to_dtos(conn: &mut DbConn, caller: &Caller, rows: &[TrainingRow], with_history: bool) -> ApiResult<Vec<Training>> {
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let counts: HashMap<String, (i64, i64)> =
        participant_counts(conn, &ids)?.into_iter().map(|c| (c.training_id, (c.organizations, c.head_count))).collect();
    let province_codes: Vec<&str> = rows.iter().filter_map(|r| r.province_code.as_deref()).collect();
    let province_names: HashMap<String, String> =
        provinces::table.filter(provinces::code.eq_any(&province_codes)).select((provinces::code, provinces::name)).load(conn)?.into_iter().collect();
    let county_codes: Vec<&str> = rows.iter().filter_map(|r| r.county_code.as_deref()).collect();
    let county_names: HashMap<String, String> =
        counties::table.filter(counties::code.eq_any(&county_codes)).select((counties::code, counties::name)).load(conn)?.into_iter().collect();
    let mut histories = if with_history { crate::history::of(conn, ENTITY, &ids)? } else { HashMap::new() };
    Ok(rows
        .iter()
        .map(|r| {
            let (organizations, head_count) = counts.get(&r.id).copied().unwrap_or((0, 0));
            Training {
                id: r.id.clone(),
                title: r.title.clone(),
                organizer_level: r.organizer_level,
                organizer_department: r.organizer_department,
                province_code: r.province_code.clone(),
                county_code: r.county_code.clone(),
                organizer: organizer(r, &province_names, &county_names),
                starts_on: r.starts_on,
                ends_on: r.ends_on,
                mode: r.mode,
                place: r.place.clone(),
                assistance_types: serde_json::from_str(&r.assistance_types).unwrap_or_default(),
                topics: serde_json::from_str(&r.topics).unwrap_or_default(),
                description: r.description.clone(),
                status: r.status,
                organizations,
                head_count,
                may_manage: manages(caller, r),
                allowed_transitions: lifecycle::allowed_for(r.status, &parties(caller, r)),
                history: histories.remove(&r.id).unwrap_or_default(),
                version: r.version,
                created_at: r.created_at.and_utc(),
                updated_at: r.updated_at.and_utc(),
            }
        })
        .collect())
}

pub fn one(conn: &mut DbConn, caller: &Caller, row: &TrainingRow) -> ApiResult<Training> {
    to_dtos(conn, caller, std::slice::from_ref(row), true)?.pop().ok_or(ApiError::NotFound)
}

/// A training's participants change while it is not cancelled, by its organizer.
pub fn require_manager(caller: &Caller, row: &TrainingRow) -> ApiResult<()> {
    if !manages(caller, row) {
        return Err(ApiError::Forbidden(tr!("只有主办方可以修改该培训。", "Only the organizer changes this training.")));
    }
    Ok(())
}

/// Refuses changes to a cancelled training (409).
pub fn require_live(row: &TrainingRow) -> ApiResult<()> {
    if row.status == TrainingStatus::Cancelled {
        return Err(ApiError::Conflict(tr!("培训已取消。", "The training was cancelled.")));
    }
    Ok(())
}
