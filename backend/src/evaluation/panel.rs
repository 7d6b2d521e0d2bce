//! The experts' side of a round: their declared ties, their assignments (one expert, one
//! subject) and their scores. An assignment never crosses a declared tie: an organization the
//! expert works for, advises or donates to (the subject, or a brand's owner), or a province
//! they work in (any subject of that province).

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;

use super::model::{
    Assignment, AssignmentRow, RoundRow, Score, ScoreChange, SubjectRow, Tie, TieRow, Unfilled,
};
use super::tree::Tree;
use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::{
    evaluation_assignments, evaluation_rounds, evaluation_score_changes, evaluation_scores, evaluation_subjects,
    brand_partners, evaluator_ties, indicator_frameworks, organizations, provinces, users,
};
use crate::domain::evaluation::{AssignmentStatus, RoundStatus, TieKind, TieRelation};
use crate::domain::{Party, Role, lifecycle};
use crate::error::{ApiError, ApiResult, Invalid};
use crate::tr;

pub const ASSIGNMENT: &str = "evaluation_assignment";
/// Ties an expert may declare.
pub const MAX_TIES: usize = 100;

pub fn assignment_etag(a: &AssignmentRow) -> String {
    crate::http::etag("assignment", &a.id, a.version)
}

// ---- ties ----

pub fn ties_of(conn: &mut DbConn, user_ids: &[&str]) -> ApiResult<Vec<TieRow>> {
    Ok(evaluator_ties::table
        .filter(evaluator_ties::user_id.eq_any(user_ids))
        .order((evaluator_ties::user_id, evaluator_ties::created_at, evaluator_ties::id))
        .select(TieRow::as_select())
        .load(conn)?)
}

/// The ties as the contract shows them, with their targets' names.
pub fn tie_dtos(conn: &mut DbConn, rows: &[TieRow]) -> ApiResult<Vec<Tie>> {
    let ids: Vec<&str> = rows.iter().map(|t| t.target_id.as_str()).collect();
    let mut names: HashMap<String, String> =
        organizations::table.filter(organizations::id.eq_any(&ids)).select((organizations::id, organizations::name)).load(conn)?.into_iter().collect();
    names.extend(provinces::table.filter(provinces::code.eq_any(&ids)).select((provinces::code, provinces::name)).load::<(String, String)>(conn)?);
    Ok(rows
        .iter()
        .map(|t| Tie {
            kind: t.kind,
            target_id: t.target_id.clone(),
            relation: t.relation,
            note: t.note.clone(),
            target_name: names.get(&t.target_id).cloned().unwrap_or_default(),
        })
        .collect())
}

/// Replaces the caller's declared ties (validated: known targets, a relation that fits).
pub fn replace_ties(conn: &mut DbConn, caller: &Caller, ties: &[Tie]) -> ApiResult<Vec<TieRow>> {
    if ties.len() > MAX_TIES {
        return Err(ApiError::field("ties", tr!("最多申报 {MAX_TIES} 项关联", "at most {MAX_TIES} ties")));
    }
    let mut errors = vec![];
    for (i, t) in ties.iter().enumerate() {
        let fits = match t.kind {
            TieKind::Organization => t.relation != TieRelation::WorksIn,
            TieKind::Province => t.relation == TieRelation::WorksIn,
        };
        if !fits {
            errors.push(Invalid::new(
                format!("ties[{i}].relation"),
                tr!("组织的关联为任职、顾问或捐赠；省份的关联为工作所在省份", "an organization is worked for, advised or donated to; a province is worked in"),
            ));
        }
        let known: i64 = match t.kind {
            TieKind::Organization => organizations::table.filter(organizations::id.eq(&t.target_id)).count().get_result(conn)?,
            TieKind::Province => provinces::table.filter(provinces::code.eq(&t.target_id)).count().get_result(conn)?,
        };
        if known == 0 {
            errors.push(Invalid::new(format!("ties[{i}].target_id"), tr!("找不到该组织或省份", "no such organization or province")));
        }
        if !crate::bounds::DESCRIPTION.accepts(&t.note) {
            errors.push(Invalid::new(format!("ties[{i}].note"), tr!("说明最多 5000 字", "at most 5,000 characters")));
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    diesel::delete(evaluator_ties::table.filter(evaluator_ties::user_id.eq(&caller.actor_id))).execute(conn)?;
    let mut seen = HashSet::new();
    let rows: Vec<TieRow> = ties
        .iter()
        .filter(|t| seen.insert((t.kind, t.target_id.clone(), t.relation)))
        .map(|t| TieRow {
            id: uuid::Uuid::now_v7().to_string(),
            user_id: caller.actor_id.clone(),
            kind: t.kind,
            target_id: t.target_id.clone(),
            relation: t.relation,
            note: t.note.trim().to_owned(),
            created_at: caller.now,
        })
        .collect();
    crate::batch_insert!(conn, evaluator_ties::table, &rows)?;
    Ok(rows)
}

/// The tie an assignment of this expert to this subject would cross, if any: the subject's own
/// organization (itself, or a brand's owner), a brand's partners, or its province.
fn crossing<'t>(ties: &'t [TieRow], subject: &SubjectRow, partners: &[String]) -> Option<&'t TieRow> {
    ties.iter().find(|t| match t.kind {
        TieKind::Organization => {
            subject.organization_id.as_deref() == Some(&t.target_id)
                || subject.subject_id == t.target_id
                || partners.contains(&t.target_id)
        }
        TieKind::Province => subject.province_code.as_deref() == Some(&t.target_id),
    })
}

/// The partner organizations of the brands among these subjects (empty for other rounds).
fn partners_of(conn: &mut DbConn, round: &RoundRow, subject_ids: &[&str]) -> ApiResult<HashMap<String, Vec<String>>> {
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    if round.subject_type != crate::domain::evaluation::SubjectType::Brand {
        return Ok(map);
    }
    for chunk in subject_ids.chunks(500) {
        let rows: Vec<(String, String)> = brand_partners::table
            .filter(brand_partners::brand_id.eq_any(chunk))
            .select((brand_partners::brand_id, brand_partners::organization_id))
            .load(conn)?;
        for (b, o) in rows {
            map.entry(b).or_default().push(o);
        }
    }
    Ok(map)
}

// ---- assignments ----

pub fn load(conn: &mut DbConn, id: &str) -> ApiResult<Option<AssignmentRow>> {
    Ok(evaluation_assignments::table.find(id).select(AssignmentRow::as_select()).first(conn).optional()?)
}

/// National admins and the assigned expert see an assignment; nobody else (404).
pub fn visible(conn: &mut DbConn, caller: &Caller, id: &str) -> ApiResult<AssignmentRow> {
    let row = load(conn, id)?.ok_or(ApiError::NotFound)?;
    if caller.role == Role::NationalAdmin || row.evaluator_id == caller.actor_id { Ok(row) } else { Err(ApiError::NotFound) }
}

pub fn parties(caller: &Caller, row: &AssignmentRow) -> Vec<Party> {
    let mut p = vec![];
    if row.evaluator_id == caller.actor_id {
        p.push(Party::Assignee);
    }
    if caller.role == Role::NationalAdmin {
        p.push(Party::National);
    }
    p
}

pub fn save(conn: &mut DbConn, row: &AssignmentRow, expected: i64) -> ApiResult<()> {
    let n = diesel::update(evaluation_assignments::table.find(&row.id).filter(evaluation_assignments::version.eq(expected)))
        .set((
            evaluation_assignments::status.eq(row.status),
            evaluation_assignments::reason.eq(&row.reason),
            evaluation_assignments::submitted_at.eq(row.submitted_at),
            evaluation_assignments::version.eq(row.version),
            evaluation_assignments::updated_at.eq(row.updated_at),
        ))
        .execute(conn)?;
    if n == 0 { Err(ApiError::PreconditionFailed) } else { Ok(()) }
}

fn subject(conn: &mut DbConn, round_id: &str, subject_id: &str) -> ApiResult<Option<SubjectRow>> {
    Ok(evaluation_subjects::table.find((round_id, subject_id)).select(SubjectRow::as_select()).first(conn).optional()?)
}

/// Experts are assigned while the round is a draft or scoring.
fn require_open(round: &RoundRow) -> ApiResult<()> {
    if matches!(round.status, RoundStatus::Draft | RoundStatus::Scoring) {
        Ok(())
    } else {
        Err(ApiError::Conflict(tr!("评估轮次已结束评分，不能再分配专家。", "The round's scoring is closed: no more assignments.")))
    }
}

fn new_assignment(caller: &Caller, round: &RoundRow, subject_id: &str, evaluator_id: &str) -> AssignmentRow {
    AssignmentRow {
        id: uuid::Uuid::now_v7().to_string(),
        round_id: round.id.clone(),
        subject_id: subject_id.to_owned(),
        evaluator_id: evaluator_id.to_owned(),
        status: AssignmentStatus::Assigned,
        reason: String::new(),
        submitted_at: None,
        version: 1,
        created_at: caller.now,
        updated_at: caller.now,
    }
}

/// Assigns one expert to one subject: 422 naming the field for an unknown subject or a user
/// who is not an active expert; 409 when the expert is already on it or a tie is crossed.
pub fn assign(conn: &mut DbConn, caller: &Caller, round: &RoundRow, subject_id: &str, evaluator_id: &str) -> ApiResult<AssignmentRow> {
    require_open(round)?;
    let subject = subject(conn, &round.id, subject_id)?
        .ok_or_else(|| ApiError::field("subject_id", tr!("该对象不在本轮评估范围内", "not a subject of this round")))?;
    let expert: Option<(String, Role, bool)> = users::table
        .find(evaluator_id)
        .select((users::display_name, users::role, users::disabled))
        .first(conn)
        .optional()?;
    let name = match expert {
        Some((name, Role::Evaluator, false)) => name,
        _ => return Err(ApiError::field("evaluator_id", tr!("须为启用中的评估专家账号", "an active evaluator's account"))),
    };
    let taken: i64 = evaluation_assignments::table
        .filter(evaluation_assignments::round_id.eq(&round.id))
        .filter(evaluation_assignments::subject_id.eq(subject_id))
        .filter(evaluation_assignments::evaluator_id.eq(evaluator_id))
        .count()
        .get_result(conn)?;
    if taken > 0 {
        return Err(ApiError::Conflict(tr!(
            "{name} 已被分配过评审该对象（含已回避或已撤回的）。",
            "{name} has already been assigned this subject (recused and withdrawn included)."
        )));
    }
    let ties = ties_of(conn, &[evaluator_id])?;
    let partners = partners_of(conn, round, &[subject_id])?.remove(subject_id).unwrap_or_default();
    if let Some(t) = crossing(&ties, &subject, &partners) {
        let (target, relation, subject_name) = (t.target_id.clone(), t.relation.zh(), subject.name.clone());
        return Err(ApiError::Conflict(tr!(
            "{name} 申报了与 {target} 的关联（{relation}），不能评审 {subject_name}。",
            "{name} declared a tie to {target} ({relation}) and cannot score {subject_name}."
        )));
    }
    let row = new_assignment(caller, round, subject_id, evaluator_id);
    diesel::insert_into(evaluation_assignments::table).values(&row).execute(conn)?;
    super::notices::assigned(conn, caller, round, [evaluator_id])?;
    Ok(row)
}

/// Assignments still waiting for their scores (not submitted, recused or withdrawn).
pub fn waiting(conn: &mut DbConn, round: &RoundRow) -> ApiResult<i64> {
    Ok(evaluation_assignments::table
        .filter(evaluation_assignments::round_id.eq(&round.id))
        .filter(evaluation_assignments::status.eq(AssignmentStatus::Assigned))
        .count()
        .get_result(conn)?)
}

/// Removes the assignments of subjects no longer in a draft round (its subjects were chosen
/// again). A draft has no scores yet, so nothing is lost; a subject chosen back gets its experts
/// proposed afresh.
pub fn remove_orphans(conn: &mut DbConn, round: &RoundRow) -> ApiResult<()> {
    let kept = evaluation_subjects::table
        .filter(evaluation_subjects::round_id.eq(round.id.clone()))
        .select(evaluation_subjects::subject_id);
    let orphans = evaluation_assignments::table
        .filter(evaluation_assignments::round_id.eq(round.id.clone()))
        .filter(evaluation_assignments::subject_id.ne_all(kept))
        .select(evaluation_assignments::id);
    diesel::delete(evaluation_scores::table.filter(evaluation_scores::assignment_id.eq_any(orphans))).execute(conn)?;
    let kept = evaluation_subjects::table
        .filter(evaluation_subjects::round_id.eq(round.id.clone()))
        .select(evaluation_subjects::subject_id);
    diesel::delete(
        evaluation_assignments::table
            .filter(evaluation_assignments::round_id.eq(&round.id))
            .filter(evaluation_assignments::subject_id.ne_all(kept)),
    )
    .execute(conn)?;
    super::notices::settle_idle(conn, &round.id, round.updated_at)
}

/// Subjects with fewer active experts than the round asks for, and how many they lack.
pub fn short_of_experts(conn: &mut DbConn, round: &RoundRow) -> ApiResult<Vec<Unfilled>> {
    let subjects: Vec<(String, String)> = evaluation_subjects::table
        .filter(evaluation_subjects::round_id.eq(&round.id))
        .order(evaluation_subjects::subject_id)
        .select((evaluation_subjects::subject_id, evaluation_subjects::name))
        .load(conn)?;
    let counts: HashMap<String, i64> = evaluation_assignments::table
        .filter(evaluation_assignments::round_id.eq(&round.id))
        .filter(evaluation_assignments::status.eq_any(AssignmentStatus::ACTIVE))
        .group_by(evaluation_assignments::subject_id)
        .select((evaluation_assignments::subject_id, diesel::dsl::count_star()))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .collect();
    Ok(subjects
        .into_iter()
        .filter_map(|(id, name)| {
            let missing = round.min_evaluators - counts.get(&id).copied().unwrap_or(0);
            (missing > 0).then_some(Unfilled { subject_id: id, subject_name: name, missing })
        })
        .collect())
}

/// Fills every subject up to the round's experts with the least-loaded active experts who have
/// no tie to it and were never on it; returns what it made and what it could not fill.
pub fn propose(conn: &mut DbConn, caller: &Caller, round: &RoundRow) -> ApiResult<(Vec<AssignmentRow>, Vec<Unfilled>)> {
    require_open(round)?;
    let experts: Vec<String> = users::table
        .filter(users::role.eq(Role::Evaluator))
        .filter(users::disabled.eq(false))
        .order(users::id)
        .select(users::id)
        .load(conn)?;
    let expert_refs: Vec<&str> = experts.iter().map(String::as_str).collect();
    let mut ties: HashMap<String, Vec<TieRow>> = HashMap::new();
    for t in ties_of(conn, &expert_refs)? {
        ties.entry(t.user_id.clone()).or_default().push(t);
    }
    let existing: Vec<(String, String, AssignmentStatus)> = evaluation_assignments::table
        .filter(evaluation_assignments::round_id.eq(&round.id))
        .select((evaluation_assignments::subject_id, evaluation_assignments::evaluator_id, evaluation_assignments::status))
        .load(conn)?;
    let mut load: HashMap<String, i64> = experts.iter().map(|e| (e.clone(), 0)).collect();
    let mut on_subject: HashSet<(String, String)> = HashSet::new();
    for (s, e, status) in &existing {
        on_subject.insert((s.clone(), e.clone()));
        if AssignmentStatus::ACTIVE.contains(status) {
            *load.entry(e.clone()).or_default() += 1;
        }
    }
    let short = short_of_experts(conn, round)?;
    let subjects: HashMap<String, SubjectRow> = evaluation_subjects::table
        .filter(evaluation_subjects::round_id.eq(&round.id))
        .select(SubjectRow::as_select())
        .load(conn)?
        .into_iter()
        .map(|s| (s.subject_id.clone(), s))
        .collect();
    let short_ids: Vec<&str> = short.iter().map(|g| g.subject_id.as_str()).collect();
    let partners = partners_of(conn, round, &short_ids)?;
    let mut made = vec![];
    let mut unfilled = vec![];
    for gap in short {
        let subject = subjects.get(&gap.subject_id).ok_or(ApiError::NotFound)?;
        let own_partners = partners.get(&gap.subject_id).map_or(&[][..], Vec::as_slice);
        let mut candidates: Vec<&String> = experts
            .iter()
            .filter(|e| !on_subject.contains(&(gap.subject_id.clone(), (*e).clone())))
            .filter(|e| crossing(ties.get(*e).map_or(&[][..], Vec::as_slice), subject, own_partners).is_none())
            .collect();
        candidates.sort_by_key(|e| (load.get(*e).copied().unwrap_or(0), (*e).clone()));
        let picked: Vec<String> = candidates.into_iter().take(gap.missing as usize).cloned().collect();
        for e in &picked {
            let row = new_assignment(caller, round, &gap.subject_id, e);
            *load.entry(e.clone()).or_default() += 1;
            on_subject.insert((gap.subject_id.clone(), e.clone()));
            made.push(row);
        }
        let missing = gap.missing - picked.len() as i64;
        if missing > 0 {
            unfilled.push(Unfilled { missing, ..gap });
        }
    }
    // A bounded statement: PostgreSQL takes at most 65,535 values in one.
    for chunk in made.chunks(1000) {
        crate::batch_insert!(conn, evaluation_assignments::table, chunk)?;
    }
    super::notices::assigned(conn, caller, round, made.iter().map(|a| a.evaluator_id.as_str()))?;
    Ok((made, unfilled))
}

/// The caller's assignments, or a round's, with names and how many indicators are scored.
pub fn dtos(conn: &mut DbConn, caller: &Caller, rows: &[AssignmentRow]) -> ApiResult<Vec<Assignment>> {
    let round_ids: Vec<&str> = rows.iter().map(|r| r.round_id.as_str()).collect::<HashSet<_>>().into_iter().collect();
    let rounds: HashMap<String, (String, RoundStatus, String)> = evaluation_rounds::table
        .filter(evaluation_rounds::id.eq_any(&round_ids))
        .select((evaluation_rounds::id, evaluation_rounds::name, evaluation_rounds::status, evaluation_rounds::framework_id))
        .load::<(String, String, RoundStatus, String)>(conn)?
        .into_iter()
        .map(|(id, name, status, framework)| (id, (name, status, framework)))
        .collect();
    let mut to_score: HashMap<String, i64> = HashMap::new();
    for (_, _, framework) in rounds.values() {
        if !to_score.contains_key(framework) {
            // Read here, not through `store` (which reads this module for a round's progress).
            let tree: Option<String> = indicator_frameworks::table.find(framework).select(indicator_frameworks::tree).first(conn).optional()?;
            let n = tree.and_then(|t| serde_json::from_str::<Tree>(&t).ok()).map_or(0, |t| t.expert_indicators().count() as i64);
            to_score.insert(framework.clone(), n);
        }
    }
    let evaluator_ids: Vec<&str> = rows.iter().map(|r| r.evaluator_id.as_str()).collect::<HashSet<_>>().into_iter().collect();
    let names: HashMap<String, String> =
        users::table.filter(users::id.eq_any(&evaluator_ids)).select((users::id, users::display_name)).load(conn)?.into_iter().collect();
    // Subjects' names, a bounded number of ids per query.
    let mut subject_names: HashMap<(String, String), String> = HashMap::new();
    let subject_ids: Vec<&str> = rows.iter().map(|r| r.subject_id.as_str()).collect::<HashSet<_>>().into_iter().collect();
    for chunk in subject_ids.chunks(500) {
        let found: Vec<(String, String, String)> = evaluation_subjects::table
            .filter(evaluation_subjects::round_id.eq_any(&round_ids))
            .filter(evaluation_subjects::subject_id.eq_any(chunk))
            .select((evaluation_subjects::round_id, evaluation_subjects::subject_id, evaluation_subjects::name))
            .load(conn)?;
        subject_names.extend(found.into_iter().map(|(r, s, n)| ((r, s), n)));
    }
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let scored: HashMap<String, i64> = evaluation_scores::table
        .filter(evaluation_scores::assignment_id.eq_any(&ids))
        .filter(evaluation_scores::score.is_not_null())
        .group_by(evaluation_scores::assignment_id)
        .select((evaluation_scores::assignment_id, diesel::dsl::count_star()))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .collect();
    Ok(rows
        .iter()
        .map(|r| {
            let (round_name, round_status, framework) = rounds.get(&r.round_id).cloned().unwrap_or((String::new(), RoundStatus::Draft, String::new()));
            Assignment {
                id: r.id.clone(),
                round_id: r.round_id.clone(),
                round_name,
                round_status,
                subject_id: r.subject_id.clone(),
                subject_name: subject_names.get(&(r.round_id.clone(), r.subject_id.clone())).cloned().unwrap_or_default(),
                evaluator_id: r.evaluator_id.clone(),
                evaluator_name: names.get(&r.evaluator_id).cloned().unwrap_or_default(),
                status: r.status,
                reason: r.reason.clone(),
                scored: scored.get(&r.id).copied().unwrap_or(0),
                to_score: to_score.get(&framework).copied().unwrap_or(0),
                submitted_at: r.submitted_at.map(|t| t.and_utc()),
                // The moves the round allows now (`expert_routes::transition_assignment`).
                allowed_transitions: lifecycle::allowed_for(r.status, &parties(caller, r))
                    .into_iter()
                    .filter(|to| {
                        round_status == RoundStatus::Scoring
                            || (round_status == RoundStatus::Draft
                                && matches!(to, AssignmentStatus::Recused | AssignmentStatus::Withdrawn))
                    })
                    .collect(),
                created_at: r.created_at.and_utc(),
                updated_at: r.updated_at.and_utc(),
            }
        })
        .collect())
}

// ---- scores ----

pub fn scores_of(conn: &mut DbConn, assignment_id: &str) -> ApiResult<Vec<Score>> {
    let rows: Vec<(String, Option<i64>, String)> = evaluation_scores::table
        .filter(evaluation_scores::assignment_id.eq(assignment_id))
        .order(evaluation_scores::indicator_code)
        .select((evaluation_scores::indicator_code, evaluation_scores::score, evaluation_scores::comment))
        .load(conn)?;
    Ok(rows.into_iter().map(|(indicator, score, comment)| Score { indicator, score, comment }).collect())
}

pub fn changes_of(conn: &mut DbConn, assignment_id: &str) -> ApiResult<Vec<ScoreChange>> {
    type Row = (String, chrono::NaiveDateTime, String, Option<i64>, Option<i64>, String, String);
    let rows: Vec<Row> = evaluation_score_changes::table
        .filter(evaluation_score_changes::assignment_id.eq(assignment_id))
        .order((evaluation_score_changes::at, evaluation_score_changes::id))
        .select((
            evaluation_score_changes::indicator_code,
            evaluation_score_changes::at,
            evaluation_score_changes::actor,
            evaluation_score_changes::old_score,
            evaluation_score_changes::new_score,
            evaluation_score_changes::old_comment,
            evaluation_score_changes::new_comment,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(indicator, at, actor, old_score, new_score, old_comment, new_comment)| ScoreChange {
            indicator,
            at: at.and_utc(),
            actor,
            old_score,
            new_score,
            old_comment,
            new_comment,
        })
        .collect())
}

/// A score below 60 or above 90 needs a comment.
fn needs_comment(score: i64) -> bool {
    !(60..=90).contains(&score)
}

/// Each score on its own: an expert indicator of the framework, 0–100, a bounded comment.
pub fn check_scores(tree: &Tree, scores: &[Score]) -> Vec<Invalid> {
    let codes: HashSet<&str> = tree.expert_indicators().map(|i| i.code.as_str()).collect();
    let mut seen = HashSet::new();
    let mut errors = vec![];
    for (i, s) in scores.iter().enumerate() {
        if !codes.contains(s.indicator.as_str()) {
            errors.push(Invalid::new(format!("scores[{i}].indicator"), tr!("不是本指标体系的专家评分指标", "not an expert indicator of this framework")));
        } else if !seen.insert(s.indicator.as_str()) {
            errors.push(Invalid::new(format!("scores[{i}].indicator"), tr!("同一指标只能评一次", "an indicator is scored once")));
        }
        if s.score.is_some_and(|v| !(0..=100).contains(&v)) {
            errors.push(Invalid::new(format!("scores[{i}].score"), tr!("评分为 0–100 的整数", "a whole number from 0 to 100")));
        }
        if !crate::bounds::DESCRIPTION.accepts(&s.comment) {
            errors.push(Invalid::new(format!("scores[{i}].comment"), tr!("评语最多 5000 字", "at most 5,000 characters")));
        }
    }
    errors
}

/// What submission also needs: every expert indicator scored, and a comment on each score
/// below 60 or above 90.
pub fn check_submittable(tree: &Tree, scores: &[Score]) -> Vec<Invalid> {
    let by_code: HashMap<&str, &Score> = scores.iter().map(|s| (s.indicator.as_str(), s)).collect();
    let mut errors = vec![];
    for ind in tree.expert_indicators() {
        match by_code.get(ind.code.as_str()).and_then(|s| s.score.map(|v| (v, s))) {
            None => {
                let name = &ind.name;
                errors.push(Invalid::new(format!("scores[{}].score", ind.code), tr!("“{name}”尚未评分", "“{name}” is not scored yet")));
            }
            Some((v, s)) if needs_comment(v) && s.comment.trim().is_empty() => errors.push(Invalid::new(
                format!("scores[{}].comment", ind.code),
                tr!("低于 60 分或高于 90 分须填写评语", "a score below 60 or above 90 needs a comment"),
            )),
            Some(_) => {}
        }
    }
    errors
}

/// Writes the scores (replacing those sent; those not sent stay). After submission every change
/// is kept: who, when, old, new.
pub fn put_scores(conn: &mut DbConn, caller: &Caller, a: &AssignmentRow, scores: &[Score]) -> ApiResult<()> {
    let before: HashMap<String, Score> = scores_of(conn, &a.id)?.into_iter().map(|s| (s.indicator.clone(), s)).collect();
    for s in scores {
        let comment = s.comment.trim().to_owned();
        let old = before.get(&s.indicator);
        let unchanged = old.is_some_and(|o| o.score == s.score && o.comment == comment);
        if unchanged {
            continue;
        }
        // Once submitted, every change is kept, also after the expert took the sheet back.
        if a.submitted_at.is_some() {
            diesel::insert_into(evaluation_score_changes::table)
                .values((
                    evaluation_score_changes::id.eq(uuid::Uuid::now_v7().to_string()),
                    evaluation_score_changes::assignment_id.eq(&a.id),
                    evaluation_score_changes::indicator_code.eq(&s.indicator),
                    evaluation_score_changes::at.eq(caller.now),
                    evaluation_score_changes::actor.eq(&caller.name),
                    evaluation_score_changes::old_score.eq(old.and_then(|o| o.score)),
                    evaluation_score_changes::new_score.eq(s.score),
                    evaluation_score_changes::old_comment.eq(old.map(|o| o.comment.clone()).unwrap_or_default()),
                    evaluation_score_changes::new_comment.eq(&comment),
                ))
                .execute(conn)?;
        }
        diesel::delete(evaluation_scores::table.find((&a.id, &s.indicator))).execute(conn)?;
        diesel::insert_into(evaluation_scores::table)
            .values((
                evaluation_scores::assignment_id.eq(&a.id),
                evaluation_scores::indicator_code.eq(&s.indicator),
                evaluation_scores::score.eq(s.score),
                evaluation_scores::comment.eq(&comment),
                evaluation_scores::updated_at.eq(caller.now),
            ))
            .execute(conn)?;
    }
    Ok(())
}
