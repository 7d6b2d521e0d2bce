//! Frameworks and rounds: their queries, who sees them, and their contract shapes. Frameworks
//! and rounds are the national liaison units' to write; everyone signed in reads the frameworks
//! in use and the published rounds, experts also the rounds they score in.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text, Timestamp};

use super::model::{Framework, FrameworkQuery, FrameworkRow, Round, RoundProgress, RoundQuery, RoundRow};
use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::{evaluation_assignments, evaluation_rounds, evaluation_subjects, indicator_frameworks};
use crate::domain::evaluation::{AssignmentStatus, FrameworkStatus, RoundStatus};
use crate::domain::{Party, Role, lifecycle};
use crate::error::{ApiError, ApiResult};
use crate::tr;

/// The history's entity names.
pub const FRAMEWORK: &str = "indicator_framework";
pub const ROUND: &str = "evaluation_round";

/// National admins act for the liaison units; nobody else writes frameworks or rounds.
pub fn parties(caller: &Caller) -> Vec<Party> {
    if caller.role == Role::NationalAdmin { vec![Party::National] } else { vec![] }
}

pub fn require_national(caller: &Caller) -> ApiResult<()> {
    if caller.role == Role::NationalAdmin {
        Ok(())
    } else {
        Err(ApiError::Forbidden(tr!(
            "评估工作由全国联络单位（国家级管理员）组织。",
            "Evaluations are run by the national liaison units (national admins)."
        )))
    }
}

fn bad_cursor() -> ApiError {
    ApiError::field("cursor", tr!("不是本接口返回的游标", "not a cursor this API returned"))
}

/// `updated_at` and id, the key of both lists (most recently changed first).
pub fn cursor_key(updated_at: NaiveDateTime, id: &str) -> String {
    format!("{}\u{1f}{id}", updated_at.format("%Y-%m-%dT%H:%M:%S%.f"))
}

fn after_key(after: Option<&str>) -> ApiResult<Option<(NaiveDateTime, String)>> {
    after
        .map(|a| {
            let (at, id) = a.rsplit_once('\u{1f}').ok_or_else(bad_cursor)?;
            let at = crate::http::cursor_time(at)?;
            Ok((at, id.to_owned()))
        })
        .transpose()
}

// ---- frameworks ----

pub fn framework_etag(f: &FrameworkRow) -> String {
    crate::http::etag("framework", &f.id, f.revision)
}

pub fn load_framework(conn: &mut DbConn, id: &str) -> ApiResult<Option<FrameworkRow>> {
    Ok(indicator_frameworks::table.find(id).select(FrameworkRow::as_select()).first(conn).optional()?)
}

/// Drafts are the admins' work in progress; frameworks in use (active or retired) are public
/// knowledge: experts score by them and subjects are measured by them.
pub fn visible_framework(conn: &mut DbConn, caller: &Caller, id: &str) -> ApiResult<FrameworkRow> {
    let row = load_framework(conn, id)?.ok_or(ApiError::NotFound)?;
    if row.status == FrameworkStatus::Draft && caller.role != Role::NationalAdmin {
        return Err(ApiError::NotFound);
    }
    Ok(row)
}

pub fn framework_page(
    conn: &mut DbConn,
    caller: &Caller,
    query: &FrameworkQuery,
    after: Option<&str>,
    limit: i64,
) -> ApiResult<Vec<FrameworkRow>> {
    let mut q = indicator_frameworks::table.select(FrameworkRow::as_select()).into_boxed();
    if caller.role != Role::NationalAdmin {
        q = q.filter(indicator_frameworks::status.ne(FrameworkStatus::Draft));
    }
    if let Some(s) = query.status {
        q = q.filter(indicator_frameworks::status.eq(s));
    }
    if let Some(t) = query.subject_type {
        q = q.filter(indicator_frameworks::subject_type.eq(t));
    }
    if let Some(l) = &query.lineage {
        q = q.filter(indicator_frameworks::lineage_id.eq(l.clone()));
    }
    if let Some((at, id)) = after_key(after)? {
        q = q.filter(
            sql::<Bool>("(indicator_frameworks.updated_at, indicator_frameworks.id) < (")
                .bind::<Timestamp, _>(at)
                .sql(", ")
                .bind::<Text, _>(id)
                .sql(")"),
        );
    }
    Ok(q.order((indicator_frameworks::updated_at.desc(), indicator_frameworks::id.desc())).limit(limit + 1).load(conn)?)
}

pub fn save_framework(conn: &mut DbConn, row: &FrameworkRow, expected: i64) -> ApiResult<()> {
    let n = diesel::update(indicator_frameworks::table.find(&row.id).filter(indicator_frameworks::revision.eq(expected)))
        .set((
            indicator_frameworks::name.eq(&row.name),
            indicator_frameworks::description.eq(&row.description),
            indicator_frameworks::tree.eq(&row.tree),
            indicator_frameworks::status.eq(row.status),
            indicator_frameworks::revision.eq(row.revision),
            indicator_frameworks::updated_at.eq(row.updated_at),
        ))
        .execute(conn)?;
    if n == 0 { Err(ApiError::PreconditionFailed) } else { Ok(()) }
}

pub fn framework_dtos(conn: &mut DbConn, caller: &Caller, rows: &[FrameworkRow], with_history: bool) -> ApiResult<Vec<Framework>> {
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let mut history = if with_history { crate::history::of(conn, FRAMEWORK, &ids)? } else { HashMap::new() };
    let parties = parties(caller);
    Ok(rows
        .iter()
        .map(|r| Framework {
            id: r.id.clone(),
            name: r.name.clone(),
            version: r.version,
            lineage_id: r.lineage_id.clone(),
            subject_type: r.subject_type,
            status: r.status,
            description: r.description.clone(),
            tree: r.tree(),
            allowed_transitions: lifecycle::allowed_for(r.status, &parties),
            editable: r.status == FrameworkStatus::Draft && caller.role == Role::NationalAdmin,
            history: history.remove(&r.id).unwrap_or_default(),
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        })
        .collect())
}

pub fn framework_dto(conn: &mut DbConn, caller: &Caller, row: &FrameworkRow) -> ApiResult<Framework> {
    framework_dtos(conn, caller, std::slice::from_ref(row), true)?.pop().ok_or(ApiError::NotFound)
}

// ---- rounds ----

pub fn round_etag(r: &RoundRow) -> String {
    crate::http::etag("round", &r.id, r.version)
}

pub fn load_round(conn: &mut DbConn, id: &str) -> ApiResult<Option<RoundRow>> {
    Ok(evaluation_rounds::table.find(id).select(RoundRow::as_select()).first(conn).optional()?)
}

/// Is the caller one of the round's experts (an assignment in any state)?
pub fn is_round_expert(conn: &mut DbConn, caller: &Caller, round_id: &str) -> ApiResult<bool> {
    if caller.role != Role::Evaluator {
        return Ok(false);
    }
    let n: i64 = evaluation_assignments::table
        .filter(evaluation_assignments::round_id.eq(round_id))
        .filter(evaluation_assignments::evaluator_id.eq(&caller.actor_id))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// National admins see every round; experts the rounds they score in; everyone the published.
pub fn visible_round(conn: &mut DbConn, caller: &Caller, id: &str) -> ApiResult<RoundRow> {
    let row = load_round(conn, id)?.ok_or(ApiError::NotFound)?;
    let sees = caller.role == Role::NationalAdmin
        || row.status == RoundStatus::Published
        || is_round_expert(conn, caller, &row.id)?;
    if sees { Ok(row) } else { Err(ApiError::NotFound) }
}

pub fn round_page(conn: &mut DbConn, caller: &Caller, query: &RoundQuery, after: Option<&str>, limit: i64) -> ApiResult<Vec<RoundRow>> {
    let mut q = evaluation_rounds::table.select(RoundRow::as_select()).into_boxed();
    match caller.role {
        Role::NationalAdmin => {}
        Role::Evaluator => {
            let mine = evaluation_assignments::table
                .filter(evaluation_assignments::evaluator_id.eq(caller.actor_id.clone()))
                .select(evaluation_assignments::round_id);
            q = q.filter(evaluation_rounds::status.eq(RoundStatus::Published).or(evaluation_rounds::id.eq_any(mine)));
        }
        _ => q = q.filter(evaluation_rounds::status.eq(RoundStatus::Published)),
    }
    if let Some(y) = query.year {
        q = q.filter(evaluation_rounds::year.eq(y));
    }
    if let Some(s) = query.status {
        q = q.filter(evaluation_rounds::status.eq(s));
    }
    if let Some(t) = query.subject_type {
        q = q.filter(evaluation_rounds::subject_type.eq(t));
    }
    if let Some((at, id)) = after_key(after)? {
        q = q.filter(
            sql::<Bool>("(evaluation_rounds.updated_at, evaluation_rounds.id) < (")
                .bind::<Timestamp, _>(at)
                .sql(", ")
                .bind::<Text, _>(id)
                .sql(")"),
        );
    }
    Ok(q.order((evaluation_rounds::updated_at.desc(), evaluation_rounds::id.desc())).limit(limit + 1).load(conn)?)
}

/// Takes the round's row for this transaction if it is still at `version` (412 otherwise):
/// concurrent moves, changes and assignments of one round then run one after the other
/// (PostgreSQL; SQLite has one writer anyway) instead of racing on its subjects.
pub fn claim_round(conn: &mut DbConn, round: &RoundRow) -> ApiResult<()> {
    let n = diesel::update(evaluation_rounds::table.find(&round.id).filter(evaluation_rounds::version.eq(round.version)))
        .set(evaluation_rounds::version.eq(evaluation_rounds::version))
        .execute(conn)?;
    if n == 0 { Err(ApiError::PreconditionFailed) } else { Ok(()) }
}

/// Takes the round's row whatever its version and reads it again: an expert's save or move
/// then runs either before a close (which takes the same row) or after it, seeing it closed.
pub fn lock_round(conn: &mut DbConn, id: &str) -> ApiResult<RoundRow> {
    diesel::update(evaluation_rounds::table.find(id))
        .set(evaluation_rounds::version.eq(evaluation_rounds::version))
        .execute(conn)?;
    load_round(conn, id)?.ok_or(ApiError::NotFound)
}

pub fn save_round(conn: &mut DbConn, row: &RoundRow, expected: i64) -> ApiResult<()> {
    let n = diesel::update(evaluation_rounds::table.find(&row.id).filter(evaluation_rounds::version.eq(expected)))
        .set((
            evaluation_rounds::name.eq(&row.name),
            evaluation_rounds::period_start.eq(row.period_start),
            evaluation_rounds::period_end.eq(row.period_end),
            evaluation_rounds::subject_filter.eq(row.subject_filter),
            evaluation_rounds::min_evaluators.eq(row.min_evaluators),
            evaluation_rounds::status.eq(row.status),
            evaluation_rounds::snapshot_at.eq(row.snapshot_at),
            evaluation_rounds::snapshot_job_id.eq(&row.snapshot_job_id),
            evaluation_rounds::ranked_at.eq(row.ranked_at),
            evaluation_rounds::ranking_job_id.eq(&row.ranking_job_id),
            evaluation_rounds::public_top.eq(row.public_top),
            evaluation_rounds::medians.eq(&row.medians),
            evaluation_rounds::version.eq(row.version),
            evaluation_rounds::updated_at.eq(row.updated_at),
        ))
        .execute(conn)?;
    if n == 0 { Err(ApiError::PreconditionFailed) } else { Ok(()) }
}

/// How far scoring has come: subjects, those short of experts, assignments by status.
pub fn progress(conn: &mut DbConn, round: &RoundRow, needs_experts: bool) -> ApiResult<RoundProgress> {
    let subjects: i64 =
        evaluation_subjects::table.filter(evaluation_subjects::round_id.eq(&round.id)).count().get_result(conn)?;
    let by_status: Vec<(AssignmentStatus, i64)> = evaluation_assignments::table
        .filter(evaluation_assignments::round_id.eq(&round.id))
        .group_by(evaluation_assignments::status)
        .select((evaluation_assignments::status, diesel::dsl::count_star()))
        .load(conn)?;
    let count = |s: AssignmentStatus| by_status.iter().filter(|(x, _)| *x == s).map(|(_, n)| *n).sum::<i64>();
    let short = if needs_experts { super::panel::short_of_experts(conn, round)?.len() as i64 } else { 0 };
    Ok(RoundProgress {
        subjects,
        subjects_short_of_experts: short,
        assignments: count(AssignmentStatus::Assigned) + count(AssignmentStatus::Submitted),
        submitted: count(AssignmentStatus::Submitted),
        recused: count(AssignmentStatus::Recused),
        withdrawn: count(AssignmentStatus::Withdrawn),
    })
}

pub fn round_dtos(conn: &mut DbConn, caller: &Caller, rows: &[RoundRow], with_history: bool) -> ApiResult<Vec<Round>> {
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let framework_ids: Vec<&str> = rows.iter().map(|r| r.framework_id.as_str()).collect();
    let frameworks: HashMap<String, FrameworkRow> = indicator_frameworks::table
        .filter(indicator_frameworks::id.eq_any(&framework_ids))
        .select(FrameworkRow::as_select())
        .load(conn)?
        .into_iter()
        .map(|f| (f.id.clone(), f))
        .collect();
    let mut history = if with_history { crate::history::of(conn, ROUND, &ids)? } else { HashMap::new() };
    let parties = parties(caller);
    let mut out = vec![];
    for r in rows {
        let framework = frameworks.get(&r.framework_id);
        let needs_experts = framework.is_some_and(|f| f.tree().expert_indicators().next().is_some());
        let progress = match caller.role {
            Role::NationalAdmin if with_history => Some(progress(conn, r, needs_experts)?),
            _ => None,
        };
        out.push(Round {
            id: r.id.clone(),
            name: r.name.clone(),
            year: r.year,
            period_start: r.period_start,
            period_end: r.period_end,
            framework_id: r.framework_id.clone(),
            framework_name: framework.map(|f| f.name.clone()).unwrap_or_default(),
            framework_version: framework.map_or(0, |f| f.version),
            subject_type: r.subject_type,
            subject_filter: r.subject_filter,
            min_evaluators: r.min_evaluators,
            status: r.status,
            snapshot_at: r.snapshot_at.map(|t| t.and_utc()),
            snapshot_job_id: r.snapshot_job_id.clone(),
            ranked_at: r.ranked_at.map(|t| t.and_utc()),
            ranking_job_id: r.ranking_job_id.clone(),
            public_top: r.public_top,
            progress,
            allowed_transitions: lifecycle::allowed_for(r.status, &parties),
            editable: r.status == RoundStatus::Draft && caller.role == Role::NationalAdmin,
            history: history.remove(&r.id).unwrap_or_default(),
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        });
    }
    Ok(out)
}

pub fn round_dto(conn: &mut DbConn, caller: &Caller, row: &RoundRow) -> ApiResult<Round> {
    round_dtos(conn, caller, std::slice::from_ref(row), true)?.pop().ok_or(ApiError::NotFound)
}
