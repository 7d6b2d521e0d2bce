//! A round's results: computed once when it closes (and thrown away when it is reopened), kept
//! on each subject with its rank, so the ranking is a keyset page of one table at any scale.
//! Who reads which result: national admins all; once published, a province its own subjects, an
//! organization its own (or its brands'), an expert the subjects they scored, and everyone the
//! top `public_top`.

use std::collections::{BTreeMap, HashMap};

use diesel::prelude::*;

use super::model::{DimensionScore, ResultQuery, ResultRow, RoundRow, SubjectResult, SubjectRow};
use super::scoring::{self, Breakdown, ExpertScore, Ranges, SubjectScores};
use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::sql::Bind;
use crate::db::schema::{evaluation_assignments, evaluation_rounds, evaluation_scores, evaluation_subjects, users};
use crate::domain::Role;
use crate::domain::evaluation::{AssignmentStatus, RoundStatus};
use crate::error::{ApiError, ApiResult};
use crate::tr;

/// Subjects read and explained at a time when a round closes: memory stays bounded by a page,
/// not by the round (a national round has 100,000 subjects).
const PAGE: i64 = 2_000;

/// A page of the round's subjects after `after` (by subject id).
fn subject_page(conn: &mut DbConn, round_id: &str, after: Option<&str>) -> ApiResult<Vec<SubjectRow>> {
    let mut q = evaluation_subjects::table.filter(evaluation_subjects::round_id.eq(round_id.to_owned())).into_boxed();
    if let Some(a) = after {
        q = q.filter(evaluation_subjects::subject_id.gt(a.to_owned()));
    }
    Ok(q.order(evaluation_subjects::subject_id).limit(PAGE).select(SubjectRow::as_select()).load(conn)?)
}

/// The submitted scores of these subjects: a draft or a recused expert's is not a score.
fn scores_of(conn: &mut DbConn, round_id: &str, subject_ids: &[&str]) -> ApiResult<HashMap<String, SubjectScores>> {
    let rows: Vec<(String, String, Option<i64>, String, String)> = evaluation_scores::table
        .inner_join(evaluation_assignments::table.inner_join(users::table))
        .filter(evaluation_assignments::round_id.eq(round_id))
        .filter(evaluation_assignments::subject_id.eq_any(subject_ids))
        .filter(evaluation_assignments::status.eq(AssignmentStatus::Submitted))
        .order((evaluation_assignments::subject_id, users::display_name, evaluation_scores::indicator_code))
        .select((
            evaluation_assignments::subject_id,
            evaluation_scores::indicator_code,
            evaluation_scores::score,
            evaluation_scores::comment,
            users::display_name,
        ))
        .load(conn)?;
    let mut scores: HashMap<String, SubjectScores> = HashMap::new();
    for (subject, code, score, comment, evaluator) in rows {
        if let Some(score) = score {
            scores.entry(subject).or_default().entry(code).or_default().push(ExpertScore { evaluator, score, comment });
        }
    }
    Ok(scores)
}

/// Rounds up to this many subjects are ranked in the close's own request; larger ones by a
/// background job (a request has five seconds).
pub const RANKED_IN_REQUEST: i64 = 5_000;

/// Takes the round's row if this job still ranks it (the round closed, the job its ranking):
/// false once a reopening superseded it.
fn still_ranking(conn: &mut DbConn, round_id: &str, job: Option<&str>) -> ApiResult<bool> {
    let Some(job) = job else { return Ok(true) };
    let n = diesel::update(
        evaluation_rounds::table
            .find(round_id)
            .filter(evaluation_rounds::ranking_job_id.eq(job))
            .filter(evaluation_rounds::status.eq(RoundStatus::Closed)),
    )
    .set(evaluation_rounds::version.eq(evaluation_rounds::version))
    .execute(conn)?;
    Ok(n > 0)
}

/// Computes and stores every subject's result and rank, a page of subjects at a time (the
/// ranges of the computed figures first, then each page explained and written, then the
/// ranks), each write in its own short transaction guarded by `job`; returns the round's
/// medians (JSON), or `None` when the job was superseded.
pub fn compute(conn: &mut DbConn, round: &RoundRow, job: Option<&str>) -> ApiResult<Option<String>> {
    let framework = super::store::load_framework(conn, &round.framework_id)?.ok_or(ApiError::NotFound)?;
    let tree = framework.tree();
    let mut ranges = Ranges::default();
    let mut after: Option<String> = None;
    loop {
        let page = subject_page(conn, &round.id, after.as_deref())?;
        for s in &page {
            ranges.add(&tree, &s.figures());
        }
        match page.last() {
            Some(last) if page.len() as i64 == PAGE => after = Some(last.subject_id.clone()),
            _ => break,
        }
    }
    let mut totals: Vec<(String, f64)> = vec![];
    let mut by_dimension: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    after = None;
    loop {
        let page = subject_page(conn, &round.id, after.as_deref())?;
        let ids: Vec<&str> = page.iter().map(|s| s.subject_id.as_str()).collect();
        let scores = scores_of(conn, &round.id, &ids)?;
        let figures: BTreeMap<String, _> = page.iter().map(|s| (s.subject_id.clone(), s.figures())).collect();
        let explained = scoring::explain(&tree, &figures, &scores, &ranges);
        let mut rows = Vec::with_capacity(explained.len());
        for (id, breakdown) in explained {
            for d in &breakdown.dimensions {
                by_dimension.entry(d.code.clone()).or_default().push(d.score);
            }
            totals.push((id.clone(), breakdown.total));
            let json = serde_json::to_string(&breakdown).map_err(|e| ApiError::Internal(e.into()))?;
            rows.push((id, vec![Bind::Text(json), Bind::Double(breakdown.total)]));
        }
        let written = crate::db::write_transaction(conn, |conn| {
            if !still_ranking(conn, &round.id, job)? {
                return Ok::<_, ApiError>(false);
            }
            super::subjects::write_columns(conn, &round.id, &["result", "total"], rows)?;
            Ok(true)
        })?;
        if !written {
            return Ok(None);
        }
        match page.last() {
            Some(last) if page.len() as i64 == PAGE => after = Some(last.subject_id.clone()),
            _ => break,
        }
    }
    let ranks: Vec<(String, Vec<Bind>)> = scoring::ranks(&totals).into_iter().map(|(id, rank)| (id, vec![Bind::BigInt(rank)])).collect();
    let written = crate::db::write_transaction(conn, |conn| {
        if !still_ranking(conn, &round.id, job)? {
            return Ok::<_, ApiError>(false);
        }
        super::subjects::write_columns(conn, &round.id, &["rank"], ranks)?;
        Ok(true)
    })?;
    if !written {
        return Ok(None);
    }
    let medians: BTreeMap<String, f64> = by_dimension.into_iter().map(|(code, v)| (code, scoring::median(v))).collect();
    Ok(Some(serde_json::to_string(&medians).map_err(|e| ApiError::Internal(e.into()))?))
}

/// Ranks a large round on whichever instance claimed the job, and records the medians and
/// `ranked_at` when it is done (unless the round was reopened meanwhile). Run again after its
/// instance stopped, it ranks from the start: the results are overwritten.
pub fn ranking_job(job: &crate::jobs::JobRun, input: serde_json::Value) -> Result<serde_json::Value, String> {
    let round_id = super::subjects::round_of(&input)?;
    let mut conn = job.pool.get().map_err(|e| e.to_string())?;
    rank(&mut conn, &round_id, &job.id).map_err(|e| format!("evaluation ranking failed: {e}"))
}

fn rank(conn: &mut DbConn, round_id: &str, job_id: &str) -> ApiResult<serde_json::Value> {
    let round = super::store::load_round(conn, round_id)?.ok_or(ApiError::NotFound)?;
    let Some(medians) = compute(conn, &round, Some(job_id))? else {
        return Ok(serde_json::json!({"round_id": round_id, "superseded": true}));
    };
    let now = chrono::Utc::now().naive_utc();
    diesel::update(evaluation_rounds::table.find(round_id).filter(evaluation_rounds::ranking_job_id.eq(job_id)))
        .set((
            evaluation_rounds::medians.eq(medians),
            evaluation_rounds::ranked_at.eq(now),
            evaluation_rounds::ranking_job_id.eq(None::<String>),
        ))
        .execute(conn)?;
    Ok(serde_json::json!({"round_id": round_id}))
}

/// Throws the results away (a reopened round).
pub fn clear(conn: &mut DbConn, round: &mut RoundRow) -> ApiResult<()> {
    diesel::update(evaluation_subjects::table.filter(evaluation_subjects::round_id.eq(&round.id)))
        .set((
            evaluation_subjects::result.eq(None::<String>),
            evaluation_subjects::total.eq(None::<f64>),
            evaluation_subjects::rank.eq(None::<i64>),
        ))
        .execute(conn)?;
    round.medians = "{}".into();
    round.ranked_at = None;
    round.ranking_job_id = None;
    Ok(())
}

/// Results exist once the round is closed and ranked; before that, 409.
fn require_results(round: &RoundRow) -> ApiResult<()> {
    if round.ranking_job_id.is_some() {
        return Err(ApiError::Conflict(tr!("排名正在计算中，请稍候。", "The ranking is being computed.")));
    }
    if matches!(round.status, RoundStatus::Closed | RoundStatus::Published) {
        Ok(())
    } else {
        Err(ApiError::Conflict(tr!(
            "评估轮次结束评分后才有结果。",
            "A round has results once its scoring is closed."
        )))
    }
}

type SubjectCondition<'a> =
    Box<dyn BoxableExpression<evaluation_subjects::table, crate::db::MultiBackend, SqlType = diesel::sql_types::Bool> + 'a>;

/// The subjects whose results the caller reads in a round they see (`None`: all).
fn readable<'a>(caller: &Caller, round: &RoundRow) -> Option<SubjectCondition<'a>> {
    if caller.role == Role::NationalAdmin {
        return None;
    }
    let mut cond: SubjectCondition<'a> = Box::new(evaluation_subjects::rank.le(round.public_top).assume_not_null());
    if round.status != RoundStatus::Published {
        // Closed, not published: experts see nothing yet.
        return Some(Box::new(evaluation_subjects::rank.lt(0).assume_not_null()));
    }
    if let (Role::ProvincialOfficer, Some(p)) = (caller.role, &caller.province_code) {
        cond = Box::new(cond.or(evaluation_subjects::province_code.eq(p.clone()).assume_not_null()));
    }
    if let (Role::OrgMember, Some(o)) = (caller.role, &caller.organization_id) {
        cond = Box::new(cond.or(evaluation_subjects::organization_id.eq(o.clone()).assume_not_null()));
    }
    if caller.role == Role::Evaluator {
        let mine = evaluation_assignments::table
            .filter(evaluation_assignments::round_id.eq(round.id.clone()))
            .filter(evaluation_assignments::evaluator_id.eq(caller.actor_id.clone()))
            .filter(evaluation_assignments::status.eq(AssignmentStatus::Submitted))
            .select(evaluation_assignments::subject_id);
        cond = Box::new(cond.or(evaluation_subjects::subject_id.eq_any(mine)));
    }
    Some(cond)
}

fn filtered<'a>(caller: &Caller, round: &RoundRow, query: &ResultQuery) -> evaluation_subjects::BoxedQuery<'a, crate::db::MultiBackend> {
    let mut q = evaluation_subjects::table.filter(evaluation_subjects::round_id.eq(round.id.clone())).into_boxed();
    if let Some(cond) = readable(caller, round) {
        q = q.filter(cond);
    }
    if let Some(s) = &query.subject {
        q = q.filter(evaluation_subjects::subject_id.eq(s.clone()));
    }
    if let Some(p) = &query.province {
        q = q.filter(evaluation_subjects::province_code.eq(p.clone()));
    }
    if let Some(text) = query.q.as_deref().filter(|t| !t.trim().is_empty()) {
        q = q.filter(evaluation_subjects::name.like(crate::db::sql::like_pattern(text)).escape('\\'));
    }
    if query.flagged == Some(true) {
        // `flags` is a JSON list in the stored result: an empty one is `"flags":[]`.
        q = q.filter(evaluation_subjects::result.not_like("%\"flags\":[]%"));
    }
    q
}

pub fn cursor_key(row: &SubjectRow) -> String {
    format!("{:012}\u{1f}{}", row.rank.unwrap_or(0), row.subject_id)
}

/// A page of the ranking, best first; ties in subject-id order.
pub fn page(
    conn: &mut DbConn,
    caller: &Caller,
    round: &RoundRow,
    query: &ResultQuery,
    after: Option<&str>,
    limit: i64,
) -> ApiResult<(Vec<SubjectRow>, Option<i64>)> {
    require_results(round)?;
    let mut q = filtered(caller, round, query).select(SubjectRow::as_select());
    if let Some((rank, id)) = after.and_then(|a| a.split_once('\u{1f}')) {
        let rank: i64 = rank.parse().map_err(|_| ApiError::field("cursor", tr!("不是本接口返回的游标", "not a cursor this API returned")))?;
        q = q.filter(
            evaluation_subjects::rank
                .gt(rank)
                .or(evaluation_subjects::rank.eq(rank).and(evaluation_subjects::subject_id.gt(id.to_owned()))),
        );
    }
    let rows: Vec<SubjectRow> =
        q.order((evaluation_subjects::rank.asc(), evaluation_subjects::subject_id.asc())).limit(limit + 1).load(conn)?;
    let total = match query.count {
        Some(true) => Some(filtered(caller, round, query).count().get_result(conn)?),
        _ => None,
    };
    Ok((rows, total))
}

pub fn breakdown(row: &SubjectRow) -> Breakdown {
    row.result.as_deref().and_then(|r| serde_json::from_str(r).ok()).unwrap_or_default()
}

pub fn row_of(row: &SubjectRow) -> ResultRow {
    let b = breakdown(row);
    ResultRow {
        rank: row.rank.unwrap_or(0),
        subject_id: row.subject_id.clone(),
        name: row.name.clone(),
        province_code: row.province_code.clone(),
        total: row.total.unwrap_or(0.0),
        dimensions: b.dimensions.iter().map(|d| DimensionScore { code: d.code.clone(), name: d.name.clone(), score: d.score }).collect(),
        flags: b.flags,
    }
}

/// One subject's explained result; experts are named for national admins only.
pub fn one(conn: &mut DbConn, caller: &Caller, round: &RoundRow, subject_id: &str) -> ApiResult<SubjectResult> {
    require_results(round)?;
    let query = ResultQuery::default();
    let row: SubjectRow = filtered(caller, round, &query)
        .filter(evaluation_subjects::subject_id.eq(subject_id.to_owned()))
        .select(SubjectRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(ApiError::NotFound)?;
    let mut breakdown = breakdown(&row);
    // Experts are named for national admins only; their scores and comments are feedback for
    // the subject itself (its organization, its province), not for everyone who reads the top.
    let own = match caller.role {
        Role::NationalAdmin => true,
        Role::ProvincialOfficer => caller.province_code.is_some() && caller.province_code == row.province_code,
        Role::OrgMember => caller.organization_id.is_some() && caller.organization_id == row.organization_id,
        _ => false,
    };
    if caller.role != Role::NationalAdmin {
        for d in &mut breakdown.dimensions {
            for i in &mut d.indicators {
                if !own {
                    // The aggregate and the spread stay; one expert's score would name the other's.
                    i.scores.clear();
                }
                for (n, s) in i.scores.iter_mut().enumerate() {
                    s.evaluator = format!("专家 {}", n + 1);
                }
            }
        }
    }
    let subjects: i64 =
        evaluation_subjects::table.filter(evaluation_subjects::round_id.eq(&round.id)).count().get_result(conn)?;
    Ok(SubjectResult {
        round_id: round.id.clone(),
        subject_id: row.subject_id.clone(),
        name: row.name.clone(),
        province_code: row.province_code.clone(),
        rank: row.rank.unwrap_or(0),
        subjects,
        breakdown,
        medians: serde_json::from_str(&round.medians).unwrap_or_default(),
    })
}
